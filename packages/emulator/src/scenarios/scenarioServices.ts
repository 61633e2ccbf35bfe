import { type ScheduleRunner } from '../scheduler/scheduleRunner';
import { type JsonRpcService } from '../services/service';

/** The services a scenario configures through their own operations (auto scaling, alarms, schedules). */
export interface ScenarioServices {
  autoscaling: JsonRpcService;
  cloudwatch: JsonRpcService;
  schedules: ScheduleRunner;
  region: string;
  accountId: string;
}

import { type ScheduleRunner } from '../scheduler/scheduleRunner';
import { type JsonRpcService } from '../services/service';
import { type IamState } from '../iam/iamRecords';

/** The services a scenario configures through their own operations (auto scaling, alarms, schedules). */
export interface ScenarioServices {
  autoscaling: JsonRpcService;
  cloudwatch: JsonRpcService;
  schedules: ScheduleRunner;
  /** IAM's roles: a scenario replaces the state. */
  iam: { state: IamState };
  region: string;
  accountId: string;
}

import { type ScheduleRunner } from '../scheduler/scheduleRunner';
import { type JsonRpcService } from '../services/service';
import { type IamState } from '../iam/iamRecords';
import { type InvocationMetricsSink } from '../runtime/invocationMetrics';
import { type MetricStore } from '../cloudwatch/metricStore';

/** The services a scenario configures through their own operations (auto scaling, alarms, schedules). */
export interface ScenarioServices {
  autoscaling: JsonRpcService;
  cloudwatch: JsonRpcService;
  schedules: ScheduleRunner;
  /** IAM's roles: a scenario replaces the state. */
  iam: { state: IamState };
  /** What SageMaker publishes to CloudWatch for a request: a scenario records the requests its story had. */
  invocationMetrics: InvocationMetricsSink;
  /** CloudWatch's metrics: a scenario writes the history its story had (days of requests). */
  metricStore: MetricStore;
  region: string;
  accountId: string;
}

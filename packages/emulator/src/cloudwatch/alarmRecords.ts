import { type MetricId, type StatisticName } from './metricStore';

export const comparisonOperators = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

export const treatMissingDataValues = ['breaching', 'notBreaching', 'ignore', 'missing'] as const;
export type TreatMissingData = (typeof treatMissingDataValues)[number];

export const alarmStates = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof alarmStates)[number];

/** One metric alarm as CloudWatch stores it (times in epoch ms). */
export interface AlarmRecord {
  name: string;
  arn: string;
  description?: string;
  actionsEnabled: boolean;
  okActions: string[];
  alarmActions: string[];
  insufficientDataActions: string[];
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  statistic: StatisticName;
  period: number;
  unit?: string;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
  configurationUpdatedAt: number;
  state: AlarmState;
  stateReason: string;
  stateReasonData?: string;
  stateUpdatedAt: number;
  stateTransitionedAt: number;
  /** Last time the alarm's actions ran (scaling actions repeat every minute while in ALARM). */
  lastActionsAt?: number;
  tags: { Key: string; Value: string }[];
  /**
   * A metric-math alarm's queries (as target tracking on a customized `Metrics` specification
   * creates): then the metric, statistic and period above are unused, and the alarm is evaluated
   * on the query that returns data.
   */
  metrics?: AlarmMetricQuery[];
}

/** One query of a metric-math alarm (PutMetricAlarm's `Metrics`). */
export interface AlarmMetricQuery {
  id: string;
  label?: string;
  expression?: string;
  returnData: boolean;
  metricStat?: { metric: MetricId; period: number; stat: string; unit?: string };
}

/** One evaluated period: its start and the statistic's value, or undefined when missing. */
export interface EvaluatedDatapoint {
  start: number;
  value: number | undefined;
  sampleCount: number;
}

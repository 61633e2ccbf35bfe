import { type CustomizedMetric } from './customizedMetrics';
/** Application Auto Scaling's resources, as plain data (the state file stores them). Times in epoch ms. */
export interface ScalableTargetRecord {
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn: string;
  arn: string;
  creationTime: number;
  suspended: { dynamicScalingIn: boolean; dynamicScalingOut: boolean; scheduledScaling: boolean };
  /** Last scale-out and last scaling of any kind (cooldowns). */
  lastScaleOutAt?: number;
  lastScalingAt?: number;
}

export interface StepAdjustment {
  lower?: number;
  upper?: number;
  adjustment: number;
}

export interface StepConfig {
  adjustmentType: 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity';
  steps: StepAdjustment[];
  minAdjustmentMagnitude?: number;
  cooldown: number;
  metricAggregationType: string;
  document: Record<string, unknown>;
}

export interface TargetTrackingConfig {
  targetValue: number;
  /** The predefined metric type; empty with a customized metric. */
  metricType: string;
  /** A `CustomizedMetricSpecification`, when the policy tracks a metric of the user's choosing. */
  customized?: CustomizedMetric;
  scaleOutCooldown: number;
  scaleInCooldown: number;
  disableScaleIn: boolean;
  document: Record<string, unknown>;
}

export interface ScalingPolicyRecord {
  arn: string;
  name: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  policyType: 'StepScaling' | 'TargetTrackingScaling';
  step?: StepConfig;
  targetTracking?: TargetTrackingConfig;
  /** Alarms Application Auto Scaling created for a target-tracking policy. */
  alarms: { AlarmName: string; AlarmARN: string }[];
  creationTime: number;
  lastRunAt?: number;
}

export interface ScheduledActionRecord {
  name: string;
  arn: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  schedule: string;
  timezone: string;
  startTime?: number;
  endTime?: number;
  minCapacity?: number;
  maxCapacity?: number;
  creationTime: number;
  nextRunAt?: number;
}

export type ActivityStatus = 'Pending' | 'InProgress' | 'Successful' | 'Overridden' | 'Unfulfilled' | 'Failed';

export interface ScalingActivityRecord {
  activityId: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  description: string;
  cause: string;
  startTime: number;
  endTime?: number;
  statusCode: ActivityStatus;
  statusMessage?: string;
  /** The copy count this activity set (to detect when SageMaker fulfilled it). */
  desired?: number;
}

export interface AutoScalingState {
  targets: ScalableTargetRecord[];
  policies: ScalingPolicyRecord[];
  scheduledActions: ScheduledActionRecord[];
  activities: ScalingActivityRecord[];
}

export function emptyAutoScalingState(): AutoScalingState {
  return { targets: [], policies: [], scheduledActions: [], activities: [] };
}

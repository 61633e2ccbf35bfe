/**
 * The extension's own view of the AWS resources scale to zero involves. The AWS layer maps SDK
 * responses into these shapes; the domain logic (lifecycle, readiness, plans) reads only these, so it
 * is tested without the SDK or VS Code.
 */

export type EndpointStatus =
  | 'OutOfService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'InService'
  | 'Deleting'
  | 'Failed'
  | 'UpdateRollbackFailed';

export type InferenceComponentStatus = 'InService' | 'Creating' | 'Updating' | 'Failed' | 'Deleting';

/** ManagedInstanceScaling.ScaleInPolicy as the endpoint config has it (the model's defaults: step 1, cooldown 20 minutes). */
export interface ScaleInPolicySnapshot {
  strategy: 'IDLE_RELEASE' | 'CONSOLIDATION' | string;
  maximumStepSize?: number;
  cooldownInMinutes?: number;
}

export interface ManagedInstanceScaling {
  enabled: boolean;
  min?: number;
  max?: number;
  scaleIn?: ScaleInPolicySnapshot;
}

/** One of a variant's instance pools: a type SageMaker may provision, tried by priority (1 first). */
export interface InstancePoolSnapshot {
  instanceType: string;
  priority?: number;
  /** Running instances of this type (ProductionVariantSummary.InstancePools). */
  currentInstanceCount?: number;
}

/** A variant's ML capacity reservation (ProductionVariantCapacityReservationSummary, or the config's when the endpoint reports none). */
export interface CapacityReservationSnapshot {
  mlReservationArn?: string;
  preference?: string;
  totalInstanceCount?: number;
  availableInstanceCount?: number;
  usedByCurrentEndpoint?: number;
}

/** The endpoint's `MetricsConfig`: enhanced metrics, and how often metrics are published (AWS's default 60 s). */
export interface MetricsConfigSnapshot {
  enhancedMetrics: boolean;
  publishFrequencySeconds?: number;
}

export interface VariantSnapshot {
  name: string;
  /** The single type, or the first pool's type by priority when the variant has instance pools. */
  instanceType?: string;
  /** `InstancePools` (fallback instance types), by priority; absent for a single-type variant. */
  instancePools?: InstancePoolSnapshot[];
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
  managedScaling?: ManagedInstanceScaling;
  routingStrategy?: string;
  /** `InferenceAmiVersion` from the endpoint config (the driver and CUDA stack); absent: SageMaker's default. */
  inferenceAmiVersion?: string;
  /** `CapacityReservationConfig`: the ML reservation wakes take instances from, with its counts when the endpoint reports them. */
  capacityReservation?: CapacityReservationSnapshot;
  /** In-progress variant work (Creating, Updating, Deleting, ActivatingTraffic, Baking). */
  statuses: { status: string; message?: string; startTime?: Date }[];
}

export interface EndpointSnapshot {
  name: string;
  arn: string;
  status: EndpointStatus | string;
  failureReason?: string;
  configName?: string;
  creationTime?: Date;
  lastModifiedTime?: Date;
  variants: VariantSnapshot[];
  /** From the endpoint config: true when its variants carry no model (inference-component based). */
  inferenceComponentBased?: boolean;
  /** `MetricsConfig` as DescribeEndpoint (or the config) reports it; absent: AWS's defaults. */
  metricsConfig?: MetricsConfigSnapshot;
}

export interface InferenceComponentSnapshot {
  name: string;
  arn: string;
  endpointName: string;
  variantName?: string;
  status: InferenceComponentStatus | string;
  failureReason?: string;
  creationTime?: Date;
  lastModifiedTime?: Date;
  currentCopyCount?: number;
  desiredCopyCount?: number;
  modelName?: string;
  compute?: { memoryMb?: number; accelerators?: number; cpuCores?: number };
  /** `RuntimeConfig.PlacementStatus`: serving copies per instance type (endpoints with instance pools). */
  placement?: { instanceType: string; copies: number }[];
  /** The settings that decide how a copy starts (Specification); absent when not read. */
  startSettings?: ComponentStartSettings;
  /** An adapter's base component (`Specification.BaseInferenceComponentName`): it runs on the base's copies. */
  baseComponentName?: string;
  /** `Specification.Container.ArtifactUrl`: an adapter's artifacts (or a model's, when given there). */
  artifactUrl?: string;
  /** `Specification.Container` (the image as specified), when the component runs a container rather than a model. */
  container?: { image?: string; artifactUrl?: string };
  /** `LastDeploymentConfig`: the rolling update of the last UpdateInferenceComponent that had one. */
  lastDeployment?: RollingDeploymentSnapshot;
}

/** An `InferenceComponentCapacitySize`: a batch of a rolling update, in copies or in percent of the copies. */
export interface CapacitySizeSnapshot {
  type: 'COPY_COUNT' | 'CAPACITY_PERCENT' | string;
  value: number;
}

/** `InferenceComponentDeploymentConfig`: a rolling update's policy and the alarms that roll it back. */
export interface RollingDeploymentSnapshot {
  batch?: CapacitySizeSnapshot;
  waitSeconds?: number;
  timeoutSeconds?: number;
  /** Absent: the whole old fleet at once. */
  rollbackBatch?: CapacitySizeSnapshot;
  alarms: string[];
}

/**
 * An inference component's settings that shorten a copy's start or make it fail: `StartupParameters`,
 * `DataCacheConfig.EnableCaching` (absent in Describe: off) and `SchedulingConfig`.
 */
export interface ComponentStartSettings {
  downloadTimeoutSeconds?: number;
  healthCheckTimeoutSeconds?: number;
  caching: boolean;
  placementStrategy?: 'SPREAD' | 'BINPACK' | string;
  /** `AvailabilityZoneBalance`: how strictly copies are balanced across Availability Zones. */
  zoneBalance?: { enforcementMode: string; maxImbalance?: number };
}

export interface ScalableTargetSnapshot {
  resourceId: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn?: string;
  suspended?: boolean;
}

export interface StepAdjustment {
  lowerBound?: number;
  upperBound?: number;
  adjustment: number;
}

export interface ScalingPolicySnapshot {
  name: string;
  arn: string;
  type: 'TargetTrackingScaling' | 'StepScaling' | string;
  /** Target tracking: the predefined metric, e.g. SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution. */
  metric?: string;
  targetValue?: number;
  scaleInCooldown?: number;
  scaleOutCooldown?: number;
  disableScaleIn?: boolean;
  /** Step scaling. */
  adjustmentType?: string;
  metricAggregationType?: string;
  cooldown?: number;
  stepAdjustments?: StepAdjustment[];
  /** Alarms Application Auto Scaling created or that point at the policy. */
  alarmNames: string[];
}

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** One query of a metric-math alarm (`Metrics`): a metric with its statistic, or an expression over the others. */
export interface AlarmQuerySnapshot {
  id: string;
  returnData: boolean;
  expression?: string;
  namespace?: string;
  metricName?: string;
  dimensions?: Record<string, string>;
  stat?: string;
  period?: number;
}

export interface AlarmSnapshot {
  name: string;
  arn?: string;
  namespace?: string;
  metricName?: string;
  /** The metric's dimensions; for a metric-math alarm, the dimensions every metric it queries shares. */
  dimensions: Record<string, string>;
  /** A metric-math alarm's queries (then the single-metric members above are absent). */
  metrics?: AlarmQuerySnapshot[];
  statistic?: string;
  /** Seconds; for a metric-math alarm, the period of the query that returns data (or of its metrics). */
  period?: number;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  threshold?: number;
  comparisonOperator?: string;
  treatMissingData?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  state: AlarmState | string;
  stateReason?: string;
  stateUpdated?: Date;
}

export type ScalingActivityStatus = 'Pending' | 'InProgress' | 'Successful' | 'Overridden' | 'Unfulfilled' | 'Failed';

export interface ScalingActivitySnapshot {
  id: string;
  description: string;
  cause: string;
  status: ScalingActivityStatus | string;
  statusMessage?: string;
  startTime: Date;
  endTime?: Date;
}

/** What an EventBridge Scheduler schedule does to an inference component. */
export type ScheduleAction =
  | { kind: 'setCopyCount'; inferenceComponentName: string; copyCount: number }
  | { kind: 'deleteInferenceComponent'; inferenceComponentName: string }
  | { kind: 'createInferenceComponent'; inferenceComponentName: string }
  | { kind: 'other'; targetArn: string };

export interface ScheduleSnapshot {
  name: string;
  group: string;
  expression: string;
  timezone?: string;
  enabled: boolean;
  action: ScheduleAction;
  nextFire?: Date;
}

export interface ScheduledActionSnapshot {
  name: string;
  schedule: string;
  timezone?: string;
  minCapacity?: number;
  maxCapacity?: number;
}

/** Everything that decides whether one inference component scales to zero and wakes again. */
export interface InferenceComponentScaling {
  target?: ScalableTargetSnapshot;
  policies: ScalingPolicySnapshot[];
  /** Alarms on this IC's metrics or pointing at its policies (user alarms and target-tracking ones). */
  alarms: AlarmSnapshot[];
  /** Newest first. */
  activities: ScalingActivitySnapshot[];
  schedules: ScheduleSnapshot[];
  scheduledActions: ScheduledActionSnapshot[];
}

/** A component with copies now, or getting some: it holds its endpoint's instances (while another sleeps, too). */
export function holdsInstances(ic: Pick<InferenceComponentSnapshot, 'currentCopyCount' | 'desiredCopyCount'> | undefined): boolean {
  return (ic?.currentCopyCount ?? 0) > 0 || (ic?.desiredCopyCount ?? 0) > 0;
}

export const inferenceComponentResourceId = (name: string): string => `inference-component/${name}`;
export const copyCountDimension = 'sagemaker:inference-component:DesiredCopyCount';

/** One AWS resource of a scale-to-zero setup, by what identifies it: what plans create and teardowns delete. */
export type ResourceRef =
  | { kind: 'model'; name: string }
  | { kind: 'endpointConfig'; name: string }
  | { kind: 'endpoint'; name: string }
  | { kind: 'inferenceComponent'; name: string }
  | { kind: 'scalableTarget'; resourceId: string; scalableDimension: string }
  | { kind: 'scalingPolicy'; policyName: string; resourceId: string; scalableDimension: string }
  | { kind: 'alarm'; name: string }
  | { kind: 'schedule'; name: string; group: string }
  | { kind: 'scheduledAction'; name: string; resourceId: string; scalableDimension: string }
  /** An IAM role (the one a schedule wizard creates for EventBridge Scheduler). */
  | { kind: 'role'; name: string }
  /** An inline policy of an IAM role. */
  | { kind: 'rolePolicy'; roleName: string; policyName: string };

/**
 * One step of taking scale-to-zero resources down: what src/teardown plans (in a safe order) and
 * src/aws runs.
 */
export type TeardownStep =
  | { kind: 'deleteSchedule'; name: string; group: string }
  | { kind: 'deleteAlarms'; names: string[] }
  | { kind: 'deregisterScalableTarget'; resourceId: string; scalableDimension: string }
  | { kind: 'deleteInferenceComponent'; name: string }
  | { kind: 'deleteEndpoint'; name: string }
  | { kind: 'deleteEndpointConfig'; name: string }
  | { kind: 'deleteModel'; name: string };

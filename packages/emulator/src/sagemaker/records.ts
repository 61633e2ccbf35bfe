import { type ResourceRequirements } from '../capacity/placement';
import { type JsonObject } from '../protocols/jsonReader';

/** Plain, serializable records of every SageMaker resource (the state file stores exactly these). */
export interface Tag {
  Key: string;
  Value: string;
}

export interface ModelRecord {
  name: string;
  arn: string;
  creationTime: number;
  executionRoleArn?: string;
  /** Members echoed back by DescribeModel as they were given (PrimaryContainer, Containers, ...). */
  document: JsonObject;
  tags: Tag[];
}

export type ScaleInStrategy = 'IDLE_RELEASE' | 'CONSOLIDATION';

/** ManagedInstanceScaling.ScaleInPolicy: how the endpoint gives instances back (the model's defaults: step 1, cooldown 20 minutes). */
export interface ScaleInPolicySpec {
  strategy: ScaleInStrategy;
  maximumStepSize?: number;
  cooldownInMinutes?: number;
}

export interface ManagedInstanceScalingSpec {
  status: 'ENABLED' | 'DISABLED';
  minInstanceCount?: number;
  maxInstanceCount?: number;
  scaleInPolicy?: ScaleInPolicySpec;
}

/** One entry of a variant's `InstancePools`: a type SageMaker may provision, tried by priority (1 first). */
export interface InstancePoolSpec {
  instanceType: string;
  priority: number;
  modelNameOverride?: string;
}

export interface VariantSpec {
  variantName: string;
  modelName?: string;
  instanceType?: string;
  /** `InstancePools` (instead of `InstanceType`): the types to provision, by priority. */
  instancePools?: InstancePoolSpec[];
  initialInstanceCount?: number;
  managedInstanceScaling?: ManagedInstanceScalingSpec;
  /** CapacityReservationConfig.MlReservationArn: the ML reservation its instances come from. */
  mlReservationArn?: string;
  /** The variant as DescribeEndpointConfig returns it. */
  document: JsonObject;
}

export interface EndpointConfigRecord {
  name: string;
  arn: string;
  creationTime: number;
  executionRoleArn?: string;
  variants: VariantSpec[];
  metricsConfig?: MetricsConfigSpec;
  /** Other top-level members echoed back (DataCaptureConfig, KmsKeyId, ...). */
  document: JsonObject;
  tags: Tag[];
}

export type EndpointStatus = 'Creating' | 'Updating' | 'InService' | 'Deleting' | 'Failed';

export interface InstanceRecord {
  id: string;
  /** The type it was provisioned as (one of the variant's instance pools); absent in older state files. */
  instanceType?: string;
  state: 'pending' | 'running';
  /** When a pending instance becomes usable. */
  readyAt: number;
  /** Since when a running instance hosts no copy (undefined while it hosts one). */
  idleSince?: number;
  /** Inference components whose image and model data this instance keeps (DataCacheConfig.EnableCaching). */
  cachedComponents?: string[];
}

export interface VariantState {
  spec: VariantSpec;
  instances: InstanceRecord[];
  /** When the current instance scale-out started (for VariantStatus). */
  scalingSince?: number;
  /**
   * The last operation on the variant's instances or copies (a copy placed or stopped, an instance
   * added or released, a consolidation step): CONSOLIDATION waits CooldownInMinutes after it.
   */
  lastOperationAt?: number;
  /** Set when the endpoint's first instances could not start: every instance type lacked capacity. */
  provisioningFailed?: boolean;
}

export interface EndpointRecord {
  /** Internal identity: an IC belongs to this endpoint, not to a later one with the same name. */
  id: string;
  name: string;
  arn: string;
  configName: string;
  status: EndpointStatus;
  creationTime: number;
  lastModifiedTime: number;
  /** When the running Creating / Updating / Deleting phase ends. */
  transitionEndsAt?: number;
  pendingConfigName?: string;
  failureReason?: string;
  variants: VariantState[];
  /** The MetricsConfig of the config it runs on (DescribeEndpoint echoes it; the metrics publisher follows it). */
  metricsConfig?: MetricsConfigSpec;
  tags: Tag[];
}

/** An endpoint config's MetricsConfig (the API reference: frequency default 60 s, enhanced metrics default false). */
export interface MetricsConfigSpec {
  enableEnhancedMetrics?: boolean;
  metricPublishFrequencyInSeconds?: number;
}

export type InferenceComponentStatus = 'InService' | 'Creating' | 'Updating' | 'Failed' | 'Deleting';

export interface CopyRecord {
  id: string;
  instanceId: string;
  /** waiting: placed on an instance still provisioning; starting: loading the model; stopping: being removed. */
  state: 'waiting' | 'starting' | 'running' | 'stopping';
  placedAt: number;
  /** When a starting copy serves, or a stopping copy frees its resources. */
  readyAt?: number;
  inFlight: number;
  /** A starting copy that fails at `readyAt` instead of serving (a StartupParameters timeout), with this reason. */
  failsWith?: string;
  /** During a rolling update: whether the copy runs the specification before the update or the new one. */
  generation?: 'previous' | 'next';
  /** During a rolling update: the copy's own requirements (those of its generation's specification). */
  requirements?: ResourceRequirements;
}

/** A capacity size of a rolling update: `InferenceComponentCapacitySize`. */
export interface RolloutBatchSize {
  type: 'COPY_COUNT' | 'CAPACITY_PERCENT';
  value: number;
}

/**
 * A rolling update under way (UpdateInferenceComponent with a DeploymentConfig): batch by batch, new
 * copies start beside the old ones, then as many old ones stop, then the baking period watches the
 * alarms; an alarm in ALARM or the timeout rolls the new copies back. See sagemaker/rollingUpdate.ts.
 */
export interface RolloutRecord {
  startedAt: number;
  /** When MaximumExecutionTimeoutInSeconds runs out. */
  deadline: number;
  /** Copies per batch forward, and per batch of a rollback (resolved from the policy and the copy count). */
  batch: number;
  rollbackBatch: number;
  waitMs: number;
  alarms: string[];
  /** How many copies the update rolls (the running copies when it started). */
  total: number;
  /** The specification before the update, restored by a rollback. */
  previous: { specification: JsonObject; requirements: ResourceRequirements };
  /** starting: a batch of new copies starts; baking: the wait interval after a batch; rollingBack: old copies come back. */
  phase: 'starting' | 'baking' | 'rollingBack';
  /** Copies started by the current batch (forward: new ones; rollback: old ones). */
  batchStarted: number;
  bakeEndsAt?: number;
  /** Why it rolls back (set when the rollback starts). */
  rollbackReason?: string;
}

export interface InferenceComponentRecord {
  name: string;
  arn: string;
  endpointId: string;
  endpointName: string;
  variantName: string;
  status: InferenceComponentStatus;
  creationTime: number;
  lastModifiedTime: number;
  failureReason?: string;
  /** The Specification as DescribeInferenceComponent returns it. */
  specification: JsonObject;
  requirements: ResourceRequirements;
  desiredCopyCount: number;
  copies: CopyRecord[];
  /** Why copies wait unplaced: every instance type of the variant lacks capacity (AWS's InsufficientInstanceCapacity wording). */
  capacityShortfall?: string;
  deleteAt?: number;
  /** An adapter's base component (Specification.BaseInferenceComponentName); adapters have no copies of their own. */
  baseName?: string;
  /** When a Creating adapter has been loaded by its base and goes InService. */
  adapterReadyAt?: number;
  /** A rolling update under way. */
  rollout?: RolloutRecord;
  /** The DeploymentConfig of the last UpdateInferenceComponent that had one (DescribeInferenceComponent's LastDeploymentConfig). */
  lastDeploymentConfig?: JsonObject;
  tags: Tag[];
}

export interface SageMakerState {
  models: ModelRecord[];
  endpointConfigs: EndpointConfigRecord[];
  endpoints: EndpointRecord[];
  inferenceComponents: InferenceComponentRecord[];
  nextId: number;
}

export function emptySageMakerState(): SageMakerState {
  return { models: [], endpointConfigs: [], endpoints: [], inferenceComponents: [], nextId: 1 };
}

import { type ResourceRequirements } from '../capacity/placement';
import { type SageMakerLifecycle } from '../sagemaker/lifecycle';
import { type ManagedInstanceScalingSpec, type VariantSpec } from '../sagemaker/records';
import { type SageMakerStore } from '../sagemaker/store';
import { type JsonObject } from '../protocols/jsonReader';
import { type ScheduleRecord } from '../scheduler/scheduleRecords';
import { callOperation } from '../services/internalCalls';
import { type ScenarioServices } from './scenarioServices';

const roleArn = 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole';

export interface DemoEndpoint {
  endpoint: string;
  instanceType: string;
  /** Types tried, by priority, when instanceType has no capacity at a wake (InstancePools); none keeps one type. */
  fallbackTypes?: readonly string[];
  /** DataCacheConfig.EnableCaching: a copy restarted on an instance that had it skips the download. */
  dataCache?: boolean;
  scaling: { min: number; max: number };
  instances: number;
  component: string;
  model: string;
  image: string;
  copies: number;
  requirements: ResourceRequirements;
  /** How long before the scenario's start it was created (default an hour: long settled). */
  createdAgoMs?: number;
}

/**
 * What a new user sees first: a warm scale-to-zero endpoint (with a fallback instance type, so a wake
 * survives a type without capacity), an always-on one and a cold one.
 */
export const demoEndpoints: readonly DemoEndpoint[] = [
  {
    endpoint: 'demo-scale-to-zero', instanceType: 'ml.g5.2xlarge', fallbackTypes: ['ml.g6.2xlarge'], dataCache: true, scaling: { min: 0, max: 2 }, instances: 1,
    component: 'demo-llama3-8b', model: 'demo-llama3-8b-model', image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124',
    copies: 1, requirements: { cpus: 2, memoryMiB: 24576, accelerators: 1 },
  },
  {
    endpoint: 'demo-always-on', instanceType: 'ml.g5.2xlarge', scaling: { min: 1, max: 2 }, instances: 1,
    component: 'demo-mistral-7b', model: 'demo-mistral-7b-model', image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04',
    copies: 1, requirements: { cpus: 2, memoryMiB: 24576, accelerators: 1 },
  },
  {
    endpoint: 'demo-cold', instanceType: 'ml.g5.xlarge', scaling: { min: 0, max: 1 }, instances: 0,
    component: 'demo-embeddings', model: 'demo-embeddings-model', image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tei:2.0.1-tei1.4.0-gpu-py310-cu122-ubuntu22.04',
    copies: 0, requirements: { cpus: 1, memoryMiB: 4096, accelerators: 1 },
  },
];

export function applyDemoScenario(store: SageMakerStore, lifecycle: SageMakerLifecycle, now: number): void {
  addDemoEndpoints(store, lifecycle, demoEndpoints, now);
}

// Over 80 lines: one straight-line build of the demo's SageMaker records from a table of endpoints.
/** Builds the SageMaker records of `endpoints` (a demo table: the original one, or a region's), settled. */
export function addDemoEndpoints(store: SageMakerStore, lifecycle: SageMakerLifecycle, endpoints: readonly DemoEndpoint[], now: number): void {
  for (const demo of endpoints) {
    const created = now - (demo.createdAgoMs ?? 3600_000);
    store.state.models.push({
      name: demo.model,
      arn: store.arn('model', demo.model),
      creationTime: created,
      executionRoleArn: roleArn,
      document: { PrimaryContainer: { Image: demo.image, Mode: 'SingleModel' } },
      tags: [{ Key: 'emulator:scenario', Value: 'demo' }],
    });
    const mis: ManagedInstanceScalingSpec = { status: 'ENABLED', minInstanceCount: demo.scaling.min, maxInstanceCount: demo.scaling.max };
    const pools = demo.fallbackTypes
      ? [demo.instanceType, ...demo.fallbackTypes].map((instanceType, index) => ({ instanceType, priority: index + 1 }))
      : undefined;
    const variant: VariantSpec = {
      variantName: 'AllTraffic',
      ...(pools ? { instancePools: pools } : { instanceType: demo.instanceType }),
      initialInstanceCount: Math.max(1, demo.instances),
      managedInstanceScaling: mis,
      document: {
        VariantName: 'AllTraffic',
        ...(pools
          ? { InstancePools: pools.map((pool) => ({ InstanceType: pool.instanceType, Priority: pool.priority })) }
          : { InstanceType: demo.instanceType }),
        InitialInstanceCount: Math.max(1, demo.instances),
        InitialVariantWeight: 1,
        ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: demo.scaling.min, MaxInstanceCount: demo.scaling.max },
        RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
      },
    };
    const configName = `${demo.endpoint}-config`;
    store.state.endpointConfigs.push({
      name: configName,
      arn: store.arn('endpoint-config', configName),
      creationTime: created,
      executionRoleArn: roleArn,
      variants: [variant],
      document: {},
      tags: [],
    });
    const [variantState] = lifecycle.createVariantStates([{ ...variant, initialInstanceCount: demo.instances }], created, true);
    const endpointId = store.newId('ep');
    store.state.endpoints.push({
      id: endpointId,
      name: demo.endpoint,
      arn: store.arn('endpoint', demo.endpoint),
      configName,
      status: 'InService',
      creationTime: created,
      lastModifiedTime: created,
      variants: [{ ...variantState, spec: variant }],
      tags: [{ Key: 'emulator:scenario', Value: 'demo' }],
    });
    const instance = variantState.instances[0];
    store.state.inferenceComponents.push({
      name: demo.component,
      arn: store.arn('inference-component', demo.component),
      endpointId,
      endpointName: demo.endpoint,
      variantName: 'AllTraffic',
      status: 'InService',
      creationTime: created,
      lastModifiedTime: created,
      specification: {
        ModelName: demo.model,
        StartupParameters: { ModelDataDownloadTimeoutInSeconds: 1200, ContainerStartupHealthCheckTimeoutInSeconds: 1200 },
        ComputeResourceRequirements: {
          NumberOfCpuCoresRequired: demo.requirements.cpus,
          NumberOfAcceleratorDevicesRequired: demo.requirements.accelerators,
          MinMemoryRequiredInMb: demo.requirements.memoryMiB,
        },
        ...(demo.dataCache ? { DataCacheConfig: { EnableCaching: true } } : {}),
      },
      requirements: demo.requirements,
      desiredCopyCount: demo.copies,
      copies: Array.from({ length: demo.copies }, () => ({
        id: store.newId('copy'),
        instanceId: instance.id,
        state: 'running' as const,
        placedAt: created,
        readyAt: created,
        inFlight: 0,
      })),
      tags: [{ Key: 'emulator:scenario', Value: 'demo' }],
    });
    if (demo.copies > 0) instance.idleSince = undefined;
  }
}

const icDimension = 'sagemaker:inference-component:DesiredCopyCount';

/** demo-llama3-8b's idle timeout: it sleeps after this many minutes without a request. */
export const demoIdleMinutes = 15;
/** How long before the scenario's start demo-llama3-8b was last called (see recordLastRequest). */
export const demoLastRequestAgoMs = 60_000;

/**
 * The demo's auto scaling, alarms and schedules, made through the services' own operations:
 * demo-llama3-8b gets the blog's full scale-to-zero setup with an idle timeout of 15 minutes (as the
 * extension's wizards build it: target tracking with DisableScaleIn, a step policy setting 0 copies,
 * a metric-math alarm on the requests served or refused), a request a minute before the start, and a
 * weekend schedule (0 copies on Friday 18:00, 1 on Monday 07:00, Europe/Paris); demo-mistral-7b
 * target tracking with MinCapacity 1 and no wake alarm; demo-embeddings the setup with the AWS docs'
 * alarm (GreaterThanThreshold/Sum/60), the one a single request never fires.
 */
export function applyDemoScaling(services: ScenarioServices, now: number): void {
  const setup = scalingSetup(services, now);
  // A model used a moment ago: without this request FILL would count the quiet periods before the
  // alarm existed, and the idle alarm would put the component to sleep at its first evaluation.
  recordLastRequest(services, 'demo-scale-to-zero', 'demo-llama3-8b', now - demoLastRequestAgoMs);
  setup('demo-llama3-8b', 0, 2, 'blog', demoIdleMinutes);
  setup('demo-mistral-7b', 1, 2);
  setup('demo-embeddings', 0, 1, 'docs');
  demoSchedules(services, now);
}

/**
 * `setup(ic, min, max, wake?, idleMinutes?)`: a component's auto scaling as the extension's wizards
 * build it (see applyDemoScaling), through the services' own operations.
 */
export function scalingSetup(services: ScenarioServices, now: number) {
  const caller = { service: 'emulator', region: services.region, accountId: services.accountId, now: () => now };
  const aas = (operation: string, input: JsonObject) => callOperation(services.autoscaling, operation, input, caller);
  const setup = (ic: string, min: number, max: number, wake?: 'blog' | 'docs', idleMinutes?: number) => {
    const key = { ServiceNamespace: 'sagemaker', ResourceId: `inference-component/${ic}`, ScalableDimension: icDimension };
    aas('RegisterScalableTarget', { ...key, MinCapacity: min, MaxCapacity: max });
    aas('PutScalingPolicy', {
      ...key,
      PolicyName: `${ic}-target-tracking`,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' },
        TargetValue: 5,
        ScaleInCooldown: 300,
        ScaleOutCooldown: 300,
        // With an idle timeout, only the idle alarm's step policy sends the copies to 0.
        ...(idleMinutes !== undefined ? { DisableScaleIn: true } : {}),
      },
    });
    if (idleMinutes !== undefined) idleTimeout(key, ic, idleMinutes);
    if (!wake) return;
    const step = aas('PutScalingPolicy', {
      ...key,
      PolicyName: `${ic}-step-scaling`,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Maximum', Cooldown: 60, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
    });
    callOperation(
      services.cloudwatch,
      'PutMetricAlarm',
      {
        AlarmName: `${ic}-no-capacity`,
        AlarmActions: [String(step.PolicyARN)],
        MetricName: 'NoCapacityInvocationFailures',
        Namespace: 'AWS/SageMaker',
        Dimensions: [{ Name: 'InferenceComponentName', Value: ic }],
        ...(wake === 'blog'
          ? { Statistic: 'Maximum', Period: 30, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }
          : { Statistic: 'Sum', Period: 60, ComparisonOperator: 'GreaterThanThreshold' }),
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: 1,
        TreatMissingData: 'missing',
      },
      caller,
    );
  };
  /*
   * The idle timeout as the extension builds it (src/wizards/enableScaleToZero/idleTimeoutPlan.ts,
   * docs/emulator.md "Idle timeout"): a step policy setting exactly 0 copies, triggered by "fewer than 1
   * request, served or refused, in each of the last 2N 30-second periods".
   */
  const idleTimeout = (key: JsonObject, ic: string, minutes: number) => {
    const policy = aas('PutScalingPolicy', {
      ...key,
      PolicyName: `${ic}-idle-scale-in-to-zero`,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: { AdjustmentType: 'ExactCapacity', MetricAggregationType: 'Maximum', Cooldown: 60, StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 0 }] },
    });
    const dimensions = [{ Name: 'InferenceComponentName', Value: ic }];
    const stat = (id: string, metricName: string) => ({
      Id: id,
      MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: metricName, Dimensions: dimensions }, Period: 30, Stat: 'Sum' },
      ReturnData: false,
    });
    callOperation(
      services.cloudwatch,
      'PutMetricAlarm',
      {
        AlarmName: `${ic}-idle-timeout`,
        AlarmDescription: `Puts ${ic} to sleep (0 copies) after ${minutes} minutes without a request.`,
        ActionsEnabled: true,
        AlarmActions: [String(policy.PolicyARN)],
        Metrics: [stat('m1', 'Invocations'), stat('m2', 'NoCapacityInvocationFailures'), { Id: 'requests', Expression: 'FILL(m1,0) + FILL(m2,0)', Label: 'Requests, served or refused', ReturnData: true }],
        EvaluationPeriods: minutes * 2,
        DatapointsToAlarm: minutes * 2,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      },
      caller,
    );
  };
  return setup;
}

/** demo-llama3-8b's weekend schedules. */
function demoSchedules(services: ScenarioServices, now: number): void {
  const schedule = (name: string, expression: string, copies: number) => {
    const record: ScheduleRecord = {
      name,
      groupName: 'default',
      arn: `arn:aws:scheduler:${services.region}:${services.accountId}:schedule/default/${name}`,
      expression,
      timezone: 'Europe/Paris',
      state: 'ENABLED',
      target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig',
        RoleArn: `arn:aws:iam::${services.accountId}:role/EmulatorSchedulerRole`,
        Input: JSON.stringify({ InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: copies } }),
      },
      flexibleTimeWindow: { Mode: 'OFF' },
      actionAfterCompletion: 'NONE',
      creationDate: now,
      lastModificationDate: now,
    };
    services.schedules.state.schedules.push(record);
    services.schedules.arm(record);
  };
  schedule('demo-llama3-8b-weekend-scale-to-zero', 'cron(0 18 ? * 6 *)', 0);
  schedule('demo-llama3-8b-monday-scale-out', 'cron(0 7 ? * 2 *)', 1);
}

/**
 * One served request to `ic` at `at`, in the metrics SageMaker publishes (Invocations,
 * InvocationsPerCopy, ModelLatency), as the runtime reports a real one.
 */
function recordLastRequest(services: ScenarioServices, endpointName: string, ic: string, at: number): void {
  const target = { endpointName, inferenceComponentName: ic };
  services.invocationMetrics.started(target, at, 1);
  services.invocationMetrics.finished(target, at, 0, 'success', demoRequestLatencyMs);
}

/** The model latency of the demo's recorded request (a short generation on the demo model). */
const demoRequestLatencyMs = 800;

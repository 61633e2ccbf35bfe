import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { IAMClient } from '@aws-sdk/client-iam';
import { AccountClient } from '@aws-sdk/client-account';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { type AwsClients } from '../../../../src/aws/clients';
import { type RunningEmulator } from '@s2z/emulator';
import { type Plan, type PlanStep } from '../../../../src/wizards/plans/plan';

export const roleArn = 'arn:aws:iam::123456789012:role/SageMakerExecutionRole';
export const schedulerRoleArn = 'arn:aws:iam::123456789012:role/SchedulerSageMakerRole';
export const dimension = 'sagemaker:inference-component:DesiredCopyCount';

export interface BlogNames {
  model: string;
  config: string;
  endpoint: string;
  ic: string;
}

export function names(prefix = 'plan'): BlogNames {
  return { model: `${prefix}-model`, config: `${prefix}-config`, endpoint: `${prefix}-endpoint`, ic: `${prefix}-ic` };
}

/** The blog's five resources (plus a sleep schedule) as a hand-built plan. */
export function blogPlan(n: BlogNames = names(), options: { schedule?: boolean; alarmPeriod?: number } = {}): Plan {
  const resourceId = `inference-component/${n.ic}`;
  const scaling = { ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: dimension };
  const steps: PlanStep[] = [
    {
      id: 'model',
      service: 'sagemaker',
      operation: 'CreateModel',
      description: `Create model ${n.model}`,
      input: {
        ModelName: n.model,
        ExecutionRoleArn: roleArn,
        PrimaryContainer: {
          Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.4.0-gpu-py311-cu124-ubuntu22.04',
          Environment: { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', SM_NUM_GPUS: '1', MESSAGES_API_ENABLED: 'true' },
        },
      },
      creates: { kind: 'model', name: n.model },
      outputs: { modelArn: 'ModelArn' },
    },
    {
      id: 'endpoint-config',
      service: 'sagemaker',
      operation: 'CreateEndpointConfig',
      description: `Create endpoint config ${n.config}`,
      input: {
        EndpointConfigName: n.config,
        ExecutionRoleArn: roleArn,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstanceType: 'ml.g5.2xlarge',
            InitialInstanceCount: 1,
            ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 },
            RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
          },
        ],
      },
      creates: { kind: 'endpointConfig', name: n.config },
    },
    {
      id: 'endpoint',
      service: 'sagemaker',
      operation: 'CreateEndpoint',
      description: `Create endpoint ${n.endpoint}`,
      input: { EndpointName: n.endpoint, EndpointConfigName: n.config },
      creates: { kind: 'endpoint', name: n.endpoint },
      outputs: { endpointArn: 'EndpointArn' },
      waitFor: 'endpointInService',
    },
    {
      id: 'inference-component',
      service: 'sagemaker',
      operation: 'CreateInferenceComponent',
      description: `Create inference component ${n.ic} (1 copy)`,
      input: {
        InferenceComponentName: n.ic,
        EndpointName: n.endpoint,
        VariantName: 'AllTraffic',
        Specification: {
          ModelName: n.model,
          StartupParameters: { ModelDataDownloadTimeoutInSeconds: 3600, ContainerStartupHealthCheckTimeoutInSeconds: 3600 },
          ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: 1 },
        },
        RuntimeConfig: { CopyCount: 1 },
      },
      creates: { kind: 'inferenceComponent', name: n.ic },
      outputs: { inferenceComponentArn: 'InferenceComponentArn' },
      waitFor: 'inferenceComponentInService',
    },
    {
      id: 'scalable-target',
      service: 'application-auto-scaling',
      operation: 'RegisterScalableTarget',
      description: `Register ${resourceId} as a scalable target (0..2 copies)`,
      input: { ...scaling, MinCapacity: 0, MaxCapacity: 2 },
      creates: { kind: 'scalableTarget', resourceId, scalableDimension: dimension },
    },
    {
      id: 'target-tracking',
      service: 'application-auto-scaling',
      operation: 'PutScalingPolicy',
      description: 'Put the target-tracking policy (concurrency 5 per copy)',
      input: {
        PolicyName: `${n.ic}-target-tracking`,
        PolicyType: 'TargetTrackingScaling',
        ...scaling,
        TargetTrackingScalingPolicyConfiguration: {
          PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' },
          TargetValue: 5,
          ScaleInCooldown: 300,
          ScaleOutCooldown: 300,
        },
      },
      creates: { kind: 'scalingPolicy', policyName: `${n.ic}-target-tracking`, resourceId, scalableDimension: dimension },
    },
    {
      id: 'step-policy',
      service: 'application-auto-scaling',
      operation: 'PutScalingPolicy',
      description: 'Put the step policy that wakes the IC from zero',
      input: {
        PolicyName: `${n.ic}-step-scale-out`,
        PolicyType: 'StepScaling',
        ...scaling,
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          MetricAggregationType: 'Maximum',
          Cooldown: 60,
          StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
        },
      },
      creates: { kind: 'scalingPolicy', policyName: `${n.ic}-step-scale-out`, resourceId, scalableDimension: dimension },
      outputs: { stepPolicyArn: 'PolicyARN' },
    },
    {
      id: 'no-capacity-alarm',
      service: 'cloudwatch',
      operation: 'PutMetricAlarm',
      description: `Put the alarm ${n.ic}-no-capacity (wakes on one refused request)`,
      input: {
        AlarmName: `${n.ic}-no-capacity`,
        AlarmDescription: `Wakes ${n.ic} from zero copies`,
        ActionsEnabled: true,
        AlarmActions: [{ $ref: 'stepPolicyArn' }],
        MetricName: 'NoCapacityInvocationFailures',
        Namespace: 'AWS/SageMaker',
        Dimensions: [{ Name: 'InferenceComponentName', Value: n.ic }],
        Statistic: 'Maximum',
        Period: options.alarmPeriod ?? 30,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'missing',
      },
      creates: { kind: 'alarm', name: `${n.ic}-no-capacity` },
    },
  ];
  if (options.schedule) {
    steps.push({
      id: 'weekend-sleep',
      service: 'scheduler',
      operation: 'CreateSchedule',
      description: `Schedule ${n.ic}-weekend-sleep: 0 copies on Friday 18:00`,
      input: {
        Name: `${n.ic}-weekend-sleep`,
        GroupName: 'default',
        ScheduleExpression: 'cron(0 18 ? * 6 *)',
        ScheduleExpressionTimezone: 'Europe/Paris',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig',
          RoleArn: schedulerRoleArn,
          Input: JSON.stringify({ InferenceComponentName: n.ic, DesiredRuntimeConfig: { CopyCount: 0 } }),
        },
      },
      creates: { kind: 'schedule', name: `${n.ic}-weekend-sleep`, group: 'default' },
      outputs: { weekendScheduleArn: 'ScheduleArn' },
    });
  }
  return {
    title: `Scale-to-zero endpoint ${n.endpoint}`,
    steps,
    cost: { description: '1 × ml.g5.2xlarge ≈ $1.52/h while an instance runs', hourlyUsd: 1.52 },
    notes: ['The first copy bills until the first scale-in.'],
  };
}

/** SDK clients for the emulator that never retry, so an injected fault surfaces at once. */
export function noRetryClients(emulator: RunningEmulator): AwsClients {
  const config = {
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' },
    maxAttempts: 1,
  };
  const clients = {
    sageMaker: new SageMakerClient(config),
    runtime: new SageMakerRuntimeClient(config),
    autoScaling: new ApplicationAutoScalingClient(config),
    cloudWatch: new CloudWatchClient(config),
    logs: new CloudWatchLogsClient(config),
    scheduler: new SchedulerClient(config),
    iam: new IAMClient(config),
    account: new AccountClient(config),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

/** The resources in the emulator, by name: what a rollback must restore exactly. */
export function inventoryOf(emulator: RunningEmulator) {
  const state = emulator.state() as ReturnType<RunningEmulator['state']> & Record<string, unknown>;
  const list = <T>(key: string) => ((state as Record<string, unknown>)[key] as T[] | undefined) ?? [];
  return {
    models: [...state.models].sort(),
    endpointConfigs: [...state.endpointConfigs].sort(),
    endpoints: state.endpoints.map((endpoint) => `${endpoint.name}:${endpoint.status}`).sort(),
    inferenceComponents: state.inferenceComponents.map((ic) => `${ic.name}:${ic.status}`).sort(),
    scalableTargets: list<{ resourceId: string; policies: string[] }>('scalableTargets')
      .map((target) => `${target.resourceId}[${[...target.policies].sort().join(',')}]`)
      .sort(),
    alarms: list<{ name: string }>('alarms')
      .map((alarm) => alarm.name)
      .sort(),
    schedules: list<{ name: string }>('schedules')
      .map((schedule) => schedule.name)
      .sort(),
  };
}

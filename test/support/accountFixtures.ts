import {
  type AlarmSnapshot,
  type EndpointSnapshot,
  type InferenceComponentScaling,
  type InferenceComponentSnapshot,
  type ScalingPolicySnapshot,
} from '../../src/resources/resourceSnapshots';

export const now = new Date('2026-11-29T12:00:00Z');

export function endpoint(overrides: Partial<EndpointSnapshot> = {}, instances = { current: 1, desired: 1 }): EndpointSnapshot {
  return {
    name: 'ep',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep',
    status: 'InService',
    configName: 'ep-config',
    inferenceComponentBased: true,
    variants: [
      {
        name: 'AllTraffic',
        instanceType: 'ml.g5.2xlarge',
        currentInstanceCount: instances.current,
        desiredInstanceCount: instances.desired,
        managedScaling: { enabled: true, min: 0, max: 2 },
        statuses: [],
      },
    ],
    ...overrides,
  };
}

/** The blog's endpoint with a fallback instance type: ml.g5.2xlarge first, ml.g6.2xlarge when it has no capacity. */
export function pooledEndpoint(instances = { current: 1, desired: 1 }): EndpointSnapshot {
  const base = endpoint({}, instances);
  return {
    ...base,
    variants: [
      {
        ...base.variants[0],
        instancePools: [
          { instanceType: 'ml.g5.2xlarge', priority: 1, currentInstanceCount: instances.current },
          { instanceType: 'ml.g6.2xlarge', priority: 2, currentInstanceCount: 0 },
        ],
      },
    ],
  };
}

export function ic(overrides: Partial<InferenceComponentSnapshot> = {}): InferenceComponentSnapshot {
  return {
    name: 'ic',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:inference-component/ic',
    endpointName: 'ep',
    variantName: 'AllTraffic',
    status: 'InService',
    currentCopyCount: 1,
    desiredCopyCount: 1,
    modelName: 'ic-model',
    ...overrides,
  };
}

const stepArn = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1:resource/sagemaker/inference-component/ic:policyName/ic-step';

export const targetTracking: ScalingPolicySnapshot = {
  name: 'ic-target-tracking',
  arn: 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:2:resource/sagemaker/inference-component/ic:policyName/ic-target-tracking',
  type: 'TargetTrackingScaling',
  metric: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
  targetValue: 5,
  scaleInCooldown: 300,
  scaleOutCooldown: 300,
  alarmNames: ['TargetTracking-inference-component/ic-AlarmHigh-1', 'TargetTracking-inference-component/ic-AlarmLow-1'],
};

export const stepPolicy: ScalingPolicySnapshot = {
  name: 'ic-step',
  arn: stepArn,
  type: 'StepScaling',
  adjustmentType: 'ChangeInCapacity',
  metricAggregationType: 'Maximum',
  cooldown: 60,
  stepAdjustments: [{ lowerBound: 0, adjustment: 1 }],
  alarmNames: ['ic-no-capacity'],
};

export function wakeAlarm(overrides: Partial<AlarmSnapshot> = {}): AlarmSnapshot {
  return {
    name: 'ic-no-capacity',
    namespace: 'AWS/SageMaker',
    metricName: 'NoCapacityInvocationFailures',
    dimensions: { InferenceComponentName: 'ic' },
    statistic: 'Maximum',
    period: 30,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'missing',
    actionsEnabled: true,
    alarmActions: [stepArn],
    state: 'OK',
    ...overrides,
  };
}

/** The blog's complete setup. */
export function readyScaling(overrides: Partial<InferenceComponentScaling> = {}): InferenceComponentScaling {
  return {
    target: { resourceId: 'inference-component/ic', minCapacity: 0, maxCapacity: 2 },
    policies: [targetTracking, stepPolicy],
    alarms: [wakeAlarm()],
    activities: [],
    schedules: [],
    scheduledActions: [],
    ...overrides,
  };
}

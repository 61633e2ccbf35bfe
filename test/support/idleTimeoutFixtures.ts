import { type AlarmSnapshot, type InferenceComponentScaling, type ScalingPolicySnapshot } from '../../src/resources/resourceSnapshots';
import { readyScaling, stepPolicy, targetTracking, wakeAlarm } from './accountFixtures';

const idleArn = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:3:resource/sagemaker/inference-component/ic:policyName/ic-idle-scale-in-to-zero';

/** The set-to-zero step policy of a 5-minute idle timeout. */
export const idlePolicy: ScalingPolicySnapshot = {
  name: 'ic-idle-scale-in-to-zero',
  arn: idleArn,
  type: 'StepScaling',
  adjustmentType: 'ExactCapacity',
  metricAggregationType: 'Maximum',
  cooldown: 60,
  stepAdjustments: [{ upperBound: 0, adjustment: 0 }],
  alarmNames: ['ic-idle-timeout'],
};

/** The 5-minute idle alarm the wizards write: requests served or refused, summed per 30 seconds, fewer than 1 in 10 of 10 periods. */
export function idleAlarm(overrides: Partial<AlarmSnapshot> = {}): AlarmSnapshot {
  const dimensions = { InferenceComponentName: 'ic' };
  const stat = (id: string, metricName: string) => ({ id, returnData: false, namespace: 'AWS/SageMaker', metricName, dimensions, stat: 'Sum', period: 30 });
  return wakeAlarm({
    name: 'ic-idle-timeout',
    namespace: undefined,
    metricName: undefined,
    statistic: undefined,
    metrics: [stat('m1', 'Invocations'), stat('m2', 'NoCapacityInvocationFailures'), { id: 'requests', returnData: true, expression: 'FILL(m1,0) + FILL(m2,0)' }],
    period: 30,
    evaluationPeriods: 10,
    datapointsToAlarm: 10,
    threshold: 1,
    comparisonOperator: 'LessThanThreshold',
    treatMissingData: 'breaching',
    alarmActions: [idleArn],
    ...overrides,
  });
}

/** The branch's first idle alarm: Invocations alone (Sum over 60 s, 5 of 5), blind to refused requests. */
export function invocationsOnlyIdleAlarm(overrides: Partial<AlarmSnapshot> = {}): AlarmSnapshot {
  return wakeAlarm({
    name: 'ic-idle-timeout',
    metricName: 'Invocations',
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    threshold: 1,
    comparisonOperator: 'LessThanThreshold',
    treatMissingData: 'breaching',
    alarmActions: [idleArn],
    ...overrides,
  });
}

/** The blog's setup with a 5-minute idle timeout: DisableScaleIn on target tracking, the idle alarm and policy. */
export function idleScaling(overrides: Partial<InferenceComponentScaling> = {}): InferenceComponentScaling {
  return readyScaling({
    policies: [{ ...targetTracking, disableScaleIn: true }, stepPolicy, idlePolicy],
    alarms: [wakeAlarm(), idleAlarm()],
    ...overrides,
  });
}

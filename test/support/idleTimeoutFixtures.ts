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

export function idleAlarm(overrides: Partial<AlarmSnapshot> = {}): AlarmSnapshot {
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

import { type AlarmSnapshot, type InferenceComponentScaling, type ScalingPolicySnapshot } from './resourceSnapshots';

/*
 * "Sleep after N idle minutes", built from AWS's own primitives (docs/emulator.md, "Idle timeout"):
 * a CloudWatch alarm "fewer than 1 invocation in each of the last N minutes" on the inference
 * component's `Invocations` (Sum over 60 s, N of N datapoints, missing data breaching) triggers a
 * step scaling policy that sets the copy count to exactly 0; the target-tracking policy keeps scaling
 * out but has `DisableScaleIn`, so it no longer sends copies to 0 after its own ≈15 minutes.
 */

/** The metric the idle alarm watches (AWS/SageMaker, dimension InferenceComponentName). */
export const idleMetric = 'Invocations';
/** One datapoint a minute: N idle minutes are N evaluation periods. */
export const idlePeriodSeconds = 60;
/** 1 minute: the model's `EvaluationPeriods` minimum (1) times the 60-second period. */
export const minIdleMinutes = 1;
/**
 * 1440 minutes: PutMetricAlarm's documentation (botocore's model, `Period`): for a period under one
 * hour, Period × EvaluationPeriods can't be longer than one day (86,400 s).
 */
export const maxIdleMinutes = 86_400 / idlePeriodSeconds;

/** What an inference component's idle timeout is, read from its alarms and policies. */
export interface IdleTimeout {
  /** The idle minutes (the alarm's EvaluationPeriods × Period / 60). */
  minutes: number;
  alarm: AlarmSnapshot;
  /** The step policy that sets 0 copies, when the alarm triggers one. */
  policy?: ScalingPolicySnapshot;
  /** A target-tracking policy that can still scale in (then copies may sleep before N minutes). */
  trackingScalesIn?: ScalingPolicySnapshot;
}

/** A step policy whose adjustment sets exactly 0 copies. */
export function isSetToZeroPolicy(policy: ScalingPolicySnapshot): boolean {
  return (
    policy.type === 'StepScaling' &&
    policy.adjustmentType === 'ExactCapacity' &&
    (policy.stepAdjustments ?? []).length > 0 &&
    (policy.stepAdjustments ?? []).every((step) => step.adjustment === 0)
  );
}

/** An alarm that is in ALARM when the component served fewer than one request per period. */
export function isIdleAlarmFor(alarm: AlarmSnapshot, icName: string): boolean {
  return (
    alarm.metricName === idleMetric &&
    alarm.namespace === 'AWS/SageMaker' &&
    alarm.dimensions['InferenceComponentName'] === icName &&
    (alarm.comparisonOperator === 'LessThanThreshold' || alarm.comparisonOperator === 'LessThanOrEqualToThreshold')
  );
}

/** The component's idle timeout: its idle alarm (preferably one aimed at a set-to-zero policy), or none. */
export function findIdleTimeout(icName: string, scaling: InferenceComponentScaling): IdleTimeout | undefined {
  const zeroPolicies = scaling.policies.filter(isSetToZeroPolicy);
  const zeroArns = new Set(zeroPolicies.map((policy) => policy.arn));
  const candidates = scaling.alarms.filter((alarm) => isIdleAlarmFor(alarm, icName));
  const alarm = candidates.find((candidate) => candidate.alarmActions.some((action) => zeroArns.has(action))) ?? candidates[0];
  if (!alarm) return undefined;
  const policy = zeroPolicies.find((candidate) => alarm.alarmActions.includes(candidate.arn));
  const tracking = scaling.policies.find((candidate) => candidate.type === 'TargetTrackingScaling' && !candidate.disableScaleIn);
  const seconds = (alarm.period ?? idlePeriodSeconds) * (alarm.datapointsToAlarm ?? alarm.evaluationPeriods ?? 1);
  return { minutes: Math.round(seconds / 60), alarm, ...(policy ? { policy } : {}), ...(tracking ? { trackingScalesIn: tracking } : {}) };
}

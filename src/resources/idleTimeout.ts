import { type AlarmSnapshot, type InferenceComponentScaling, type ScalingPolicySnapshot } from './resourceSnapshots';

/*
 * "Sleep after N idle minutes", built from AWS's own primitives (docs/emulator.md, "Idle timeout"):
 * a CloudWatch metric-math alarm "fewer than 1 request in each of the last N minutes" triggers a step
 * scaling policy that sets the copy count to exactly 0; the target-tracking policy keeps scaling out
 * but has `DisableScaleIn`, so it no longer sends copies to 0 after its own ≈15 minutes.
 *
 * A request counts whether it was served (`Invocations`) or refused while the component was cold
 * (`NoCapacityInvocationFailures`): the alarm's value is `FILL(m1,0) + FILL(m2,0)`. While an alarm stays
 * in ALARM, Application Auto Scaling runs its step policy again (CloudWatch, "Alarm actions"); an alarm
 * on `Invocations` alone stays in ALARM through a wake and can set 0 copies right after the wake alarm
 * set 1. Its periods are 30 seconds, like the wake alarm's, so it sees a refused request no later than
 * the wake alarm does.
 */

/** The metrics that count as activity: served requests and requests refused for lack of a copy. */
export const idleMetric = 'Invocations';
export const refusedMetric = 'NoCapacityInvocationFailures';
/** The idle alarm's value: requests in the period, served or refused, 0 when neither metric has data. */
export const idleExpression = 'FILL(m1,0) + FILL(m2,0)';
/** 30-second periods, as the wake alarm's (Period 30): N idle minutes are 2N evaluation periods. */
export const idlePeriodSeconds = 30;
export const idlePeriodsPerMinute = 60 / idlePeriodSeconds;
/** 1 minute: two 30-second periods. */
export const minIdleMinutes = 1;
/**
 * 1440 minutes: PutMetricAlarm's documentation (botocore's model, `Period`): for a period under one
 * hour, Period × EvaluationPeriods can't be longer than one day (86,400 s).
 */
export const maxIdleMinutes = 86_400 / 60;

/** What an inference component's idle timeout is, read from its alarms and policies. */
export interface IdleTimeout {
  /** The idle minutes (the alarm's EvaluationPeriods × Period / 60). */
  minutes: number;
  alarm: AlarmSnapshot;
  /** The step policy that sets 0 copies, when the alarm triggers one. */
  policy?: ScalingPolicySnapshot;
  /** A target-tracking policy that can still scale in (then copies may sleep before N minutes). */
  trackingScalesIn?: ScalingPolicySnapshot;
  /**
   * Whether a refused request (NoCapacityInvocationFailures) counts as activity. An alarm on
   * Invocations alone stays in ALARM while the component is cold and can undo a wake.
   */
  countsRefusedRequests: boolean;
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

/** An alarm that is in ALARM when the component had fewer than one request per period (on Invocations alone, or with refusals). */
export function isIdleAlarmFor(alarm: AlarmSnapshot, icName: string): boolean {
  if (alarm.comparisonOperator !== 'LessThanThreshold' && alarm.comparisonOperator !== 'LessThanOrEqualToThreshold') return false;
  if (alarm.metrics) return alarm.metrics.some((query) => isComponentMetric(query, idleMetric, icName));
  return alarm.metricName === idleMetric && alarm.namespace === 'AWS/SageMaker' && alarm.dimensions['InferenceComponentName'] === icName;
}

function isComponentMetric(query: { namespace?: string; metricName?: string; dimensions?: Record<string, string> }, metricName: string, icName: string): boolean {
  return query.metricName === metricName && query.namespace === 'AWS/SageMaker' && query.dimensions?.['InferenceComponentName'] === icName;
}

/** A metric-math idle alarm that also queries the component's NoCapacityInvocationFailures. */
function countsRefusals(alarm: AlarmSnapshot, icName: string): boolean {
  return (alarm.metrics ?? []).some((query) => isComponentMetric(query, refusedMetric, icName));
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
  const seconds = (alarm.period ?? 60) * (alarm.datapointsToAlarm ?? alarm.evaluationPeriods ?? 1);
  return {
    minutes: Math.round(seconds / 60),
    alarm,
    ...(policy ? { policy } : {}),
    ...(tracking ? { trackingScalesIn: tracking } : {}),
    countsRefusedRequests: countsRefusals(alarm, icName),
  };
}

import { type AlarmSnapshot, type MetricsConfigSnapshot, type ScalingPolicySnapshot } from '../resources/resourceSnapshots';

/** A readiness check (same fields as readiness.ts's ReadinessCheck, which includes this one). */
export interface WakeDetectionCheck {
  id: 'wakeDetection';
  title: string;
  status: 'pass' | 'warn';
  reason: string;
  fix?: string;
  fixId?: 'none';
}

const title = 'The wake alarm and scaling see requests quickly';

/** AWS's default publishing interval (MetricsConfig.MetricPublishFrequencyInSeconds "Defaults to 60"). */
export const defaultPublishSeconds = 60;
/** The fastest setup: invocation metrics every 10 s (enhanced metrics) and a 10-second wake alarm. */
export const fastestPublishSeconds = 10;
export const fastestAlarmPeriodSeconds = 10;
/** The AWS blog's setup on AWS's default metrics: 60-second invocation metrics and a 30-second wake alarm. */
export const blogNoticeSeconds = defaultPublishSeconds + 30;
const highResolutionTargetMetric = 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution';
const standardTargetMetric = 'SageMakerInferenceComponentInvocationsPerCopy';

/**
 * How often the endpoint publishes invocation metrics (NoCapacityInvocationFailures among them). The API
 * reference (MetricsConfig): "When EnableEnhancedMetrics is set to False, this interval applies to
 * utilization metrics only; invocation metrics continue to be published at the default 60-second
 * interval. When EnableEnhancedMetrics is set to True, this interval applies to both."
 */
export function invocationMetricSeconds(metrics: MetricsConfigSnapshot | undefined): number {
  if (!metrics?.enhancedMetrics) return defaultPublishSeconds;
  return metrics.publishFrequencySeconds ?? defaultPublishSeconds;
}

/**
 * The longest a refused request waits before the wake alarm can fire: its datapoint is published at the
 * end of its publishing interval, and the alarm evaluates the period holding it once that period ends.
 */
export function wakeNoticeSeconds(publishSeconds: number, alarmPeriodSeconds: number): number {
  return publishSeconds + alarmPeriodSeconds;
}

/**
 * Says when a slower setup is in place and what it costs in wake time: invocation metrics published less
 * often than every 10 s, a wake alarm period above 10 s, target tracking on a 1-minute metric instead
 * of the 10-second high-resolution one. Undefined when there is no wake alarm to judge (other checks
 * report that).
 */
export function wakeDetectionCheck(
  metrics: MetricsConfigSnapshot | undefined,
  wakeAlarm: AlarmSnapshot | undefined,
  targetTracking: ScalingPolicySnapshot | undefined,
): WakeDetectionCheck | undefined {
  if (!wakeAlarm?.period) return undefined;
  const publish = invocationMetricSeconds(metrics);
  const period = wakeAlarm.period;
  const notice = wakeNoticeSeconds(publish, period);
  const fastest = wakeNoticeSeconds(fastestPublishSeconds, fastestAlarmPeriodSeconds);
  const publishing = metrics?.enhancedMetrics
    ? `invocation metrics every ${publish} s (MetricsConfig.MetricPublishFrequencyInSeconds)`
    : `invocation metrics every ${publish} s (AWS's default without MetricsConfig.EnableEnhancedMetrics, API reference of MetricsConfig)`;
  const standardTracking = targetTracking?.metric === standardTargetMetric;
  const tracking = standardTracking
    ? ` Target tracking ${targetTracking?.name ?? ''} follows ${standardTargetMetric}, a 1-minute metric: a burst after a wake is noticed up to ${defaultPublishSeconds - fastestPublishSeconds} s later than with ${highResolutionTargetMetric} (10-second datapoints).`
    : '';
  if (notice <= fastest && !standardTracking) {
    return { id: 'wakeDetection', title, status: 'pass', reason: `${capitalized(publishing)} and a ${period}-second wake alarm: a refused request is seen within about ${notice} s.` };
  }
  const cost =
    notice > fastest
      ? `A refused request can wait up to ${notice} s before ${wakeAlarm.name} fires: ${publishing}, and ${period}-second alarm periods. Enhanced metrics every ${fastestPublishSeconds} s with a ${fastestAlarmPeriodSeconds}-second alarm would make it ${fastest} s (${notice - fastest} s sooner).`
      : `${capitalized(publishing)} and a ${period}-second wake alarm: a refused request is seen within about ${notice} s.`;
  // AWS's own setup (60-second invocation metrics, the blog's 30-second alarm) is said, not warned about.
  if (notice <= blogNoticeSeconds && !standardTracking) return { id: 'wakeDetection', title, status: 'pass', reason: cost };
  const reason = `A slower setup is in place. ${cost}${tracking}`;
  return {
    id: 'wakeDetection',
    title,
    status: 'warn',
    reason,
    fix: 'Give the endpoint a config with MetricsConfig (EnableEnhancedMetrics true, MetricPublishFrequencyInSeconds 10), set the wake alarm\'s Period to 10, and track SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution; the create wizard\'s "Publish metrics more often" does the first two.',
    fixId: 'none',
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

import { type MetricsConfigSpec } from '../sagemaker/records';

/** AWS's default: "Defaults to 60" (MetricsConfig.MetricPublishFrequencyInSeconds, API reference). */
export const defaultPublishFrequencySeconds = 60;

/**
 * How often an endpoint publishes its invocation metrics (Invocations, NoCapacityInvocationFailures, …).
 * The API reference of MetricsConfig: "When EnableEnhancedMetrics is set to False, this interval applies
 * to utilization metrics only; invocation metrics continue to be published at the default 60-second
 * interval. When EnableEnhancedMetrics is set to True, this interval applies to both."
 */
export function invocationMetricSeconds(metrics: MetricsConfigSpec): number {
  return metrics.enableEnhancedMetrics ? (metrics.metricPublishFrequencyInSeconds ?? defaultPublishFrequencySeconds) : defaultPublishFrequencySeconds;
}

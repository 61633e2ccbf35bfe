import { type PlanValue } from '../plans/plan';
import { inferenceAmiStacks, type InferenceAmiVersion, inferenceAmiVersions } from '../../resources/inferenceAmiVersions';

export { inferenceAmiStacks, type InferenceAmiVersion, inferenceAmiVersions };

/*
 * The endpoint's settings that decide whether a wake can start and how soon it is noticed (issue 17,
 * item 4): the variant's `InferenceAmiVersion` and `CapacityReservationConfig`, and the endpoint
 * config's `MetricsConfig`. Enums, lengths and patterns are botocore's SageMaker model
 * (ProductionVariantInferenceAmiVersion, CapacityReservationPreference, MlReservationArn); the valid
 * publishing frequencies are the API reference's (MetricsConfig.MetricPublishFrequencyInSeconds: the
 * model gives the member no enum or range, its documentation lists them).
 */

export type EndpointSetting = 'inferenceAmiVersion' | 'capacityReservation' | 'metrics';

export interface EndpointSettings {
  /** ProductionVariant.InferenceAmiVersion; absent: SageMaker's default AMI for the instance type. */
  inferenceAmiVersion?: InferenceAmiVersion;
  /** ProductionVariant.CapacityReservationConfig.MlReservationArn (with the preference capacity-reservations-only). */
  mlReservationArn?: string;
  /** MetricsConfig.MetricPublishFrequencyInSeconds, sent with EnableEnhancedMetrics true. */
  metricPublishFrequencyInSeconds?: MetricPublishFrequency;
}

/** The model's CapacityReservationPreference enum: its one value. */
export const capacityReservationPreference = 'capacity-reservations-only';

/** The model's MlReservationArn: 20 to 258 characters, this pattern (a training plan's ARN, e.g. …:training-plan/name). */
export const mlReservationArnRule = {
  min: 20,
  max: 258,
  pattern: 'arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z0-9\\-]{1,14}/.*',
} as const;

/** MetricsConfig.MetricPublishFrequencyInSeconds: "Valid values: 10, 30, 60, 120, 180, 240, 300", default 60 (API reference). */
export const metricPublishFrequencies = [10, 30, 60, 120, 180, 240, 300] as const;
export type MetricPublishFrequency = (typeof metricPublishFrequencies)[number];
export const defaultMetricPublishFrequency = 60;

/** One line each on the "which to change" page: what it does, and why a user would change it. */
export const endpointSettingWhy: Record<EndpointSetting, { label: string; member: string; why: string }> = {
  inferenceAmiVersion: {
    label: 'GPU driver and CUDA version',
    member: 'InferenceAmiVersion',
    why: 'The AMI\'s driver must run your container\'s CUDA, or every copy start fails.',
  },
  capacityReservation: {
    label: 'Reserved capacity (training plan)',
    member: 'CapacityReservationConfig',
    why: 'Wakes take reserved instances: never refused for lack of on-demand capacity.',
  },
  metrics: {
    label: 'Publish metrics more often',
    member: 'MetricsConfig',
    why: 'Metrics every 10 or 30 s instead of 60: the wake alarm fires sooner.',
  },
};

/** The settings offered for an instance type: the AMI only on accelerated types (every AMI is for GPUs or Neuron). */
export function offeredEndpointSettings(accelerated: boolean): EndpointSetting[] {
  return accelerated ? ['inferenceAmiVersion', 'capacityReservation', 'metrics'] : ['capacityReservation', 'metrics'];
}

/** The AMIs that suit the instance type: Neuron ones for ml.inf*, ml.trn*, GPU ones otherwise. */
export function amiVersionsFor(neuron: boolean): InferenceAmiVersion[] {
  return inferenceAmiVersions.filter((version) => (inferenceAmiStacks[version].accelerator === 'neuron') === neuron);
}

/** Checks an ML reservation ARN with the model's rules; undefined when it holds. */
export function validateMlReservationArn(value: string): string | undefined {
  const arn = value.trim();
  if (arn.length < mlReservationArnRule.min || arn.length > mlReservationArnRule.max) {
    return `The reservation ARN must be ${mlReservationArnRule.min} to ${mlReservationArnRule.max} characters long (it is ${arn.length}).`;
  }
  if (!new RegExp(`^(?:${mlReservationArnRule.pattern})$`).test(arn)) {
    return 'Enter a SageMaker reservation ARN such as arn:aws:sagemaker:us-east-1:123456789012:training-plan/my-plan (the training plan\'s ARN).';
  }
  return undefined;
}

/** The variant's members for these settings (none when none was picked). */
export function variantSettingMembers(settings: EndpointSettings | undefined): { [key: string]: PlanValue } {
  if (!settings) return {};
  return {
    ...(settings.inferenceAmiVersion ? { InferenceAmiVersion: settings.inferenceAmiVersion } : {}),
    ...(settings.mlReservationArn
      ? { CapacityReservationConfig: { CapacityReservationPreference: capacityReservationPreference, MlReservationArn: settings.mlReservationArn } }
      : {}),
  };
}

/** The endpoint config's MetricsConfig member (none when metrics were not picked). */
export function metricsConfigMember(settings: EndpointSettings | undefined): { MetricsConfig?: { [key: string]: PlanValue } } {
  const frequency = settings?.metricPublishFrequencyInSeconds;
  if (frequency === undefined) return {};
  // Without EnableEnhancedMetrics the frequency applies to utilization metrics only: invocation metrics,
  // which the wake alarm watches, stay at 60 s (MetricsConfig in the API reference).
  return { MetricsConfig: { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: frequency } };
}

/**
 * The wake alarm's Period for an endpoint publishing invocation metrics every `frequency` seconds: the
 * frequency itself when it is a high-resolution period CloudWatch takes (10 or 30), else the AWS blog's
 * 30 s. A shorter period than the publishing frequency would only see every other datapoint.
 */
export function wakeAlarmPeriodFor(frequency: number | undefined): 10 | 30 {
  return frequency === 10 ? 10 : 30;
}

/** "AMI al2-ami-sagemaker-inference-gpu-3-1 · reserved capacity … · metrics every 10 s", for the plan's description. */
export function describeEndpointSettings(settings: EndpointSettings | undefined): string[] {
  if (!settings) return [];
  return [
    ...(settings.inferenceAmiVersion ? [`AMI ${settings.inferenceAmiVersion} (${inferenceAmiStacks[settings.inferenceAmiVersion].stack})`] : []),
    ...(settings.mlReservationArn ? [`reserved capacity only (${settings.mlReservationArn})`] : []),
    ...(settings.metricPublishFrequencyInSeconds !== undefined ? [`enhanced metrics every ${settings.metricPublishFrequencyInSeconds} s`] : []),
  ];
}

/** What the plan's notes say about the picked settings: the wake alarm's faster period, and what a reservation means for a wake. */
export function endpointSettingNotes(settings: EndpointSettings | undefined, instanceType: string, fallbackTypes: readonly string[]): string[] {
  if (!settings) return [];
  const notes: string[] = [];
  const frequency = settings.metricPublishFrequencyInSeconds;
  if (frequency !== undefined) {
    const period = wakeAlarmPeriodFor(frequency);
    notes.push(
      `Metrics every ${frequency} s with enhanced metrics: invocation metrics (NoCapacityInvocationFailures, which wakes the endpoint) are published every ${frequency} s, and the wake alarm uses a ${period}-second period, so a refused request is seen within about ${frequency + period} s (${Math.max(0, 90 - frequency - period)} s sooner than AWS's 60-second default with a 30-second alarm).`,
    );
  }
  if (settings.mlReservationArn) {
    notes.push(
      `Reserved capacity only: every wake takes ${instanceType} instances from ${settings.mlReservationArn}; the reservation must be Active and of ${instanceType}, and once it ends wakes fail with a capacity error until the endpoint gets a config without it. Its instances are paid with the training plan, not at the on-demand price above.${fallbackTypes.length > 0 ? ` The fallback types (${fallbackTypes.join(', ')}) are used only if the reservation holds them too.` : ''}`,
    );
  }
  return notes;
}

import { inferenceAmiStacks, inferenceAmiVersions, type InferenceAmiVersion } from '../resources/inferenceAmiVersions';
import { type CapacityReservationSnapshot, type EndpointSnapshot, type VariantSnapshot } from '../resources/resourceSnapshots';

/** One row of an endpoint's details table: a label and its plain-text value. */
export interface DetailRow {
  label: string;
  text: string;
}

const isKnownAmi = (version: string): version is InferenceAmiVersion => (inferenceAmiVersions as readonly string[]).includes(version);

/** "al2-ami-sagemaker-inference-gpu-3-1 (NVIDIA driver 550, CUDA 12.4, CUDA-compat mounting off)". */
export function describeInferenceAmi(version: string): string {
  return isKnownAmi(version) ? `${version} (${inferenceAmiStacks[version].stack})` : version;
}

/** "training-plan/p4-plan, reserved instances only (1 of 2 in use by this endpoint, 1 available)". */
export function describeCapacityReservation(reservation: CapacityReservationSnapshot): string {
  const name = reservation.mlReservationArn?.split(':').pop() ?? 'an ML reservation';
  const only = reservation.preference === 'capacity-reservations-only' ? ', reserved instances only' : '';
  const counts: string[] = [];
  if (reservation.usedByCurrentEndpoint !== undefined) {
    counts.push(
      reservation.totalInstanceCount !== undefined
        ? `${reservation.usedByCurrentEndpoint} of ${reservation.totalInstanceCount} in use by this endpoint`
        : `${reservation.usedByCurrentEndpoint} in use by this endpoint`,
    );
  }
  if (reservation.availableInstanceCount !== undefined) counts.push(`${reservation.availableInstanceCount} available`);
  return `${name}${only}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`;
}

/** "every 10 s, enhanced (invocation metrics too)", or AWS's defaults when the endpoint has no MetricsConfig. */
export function describeMetricsConfig(endpoint: Pick<EndpointSnapshot, 'metricsConfig'>): string {
  const metrics = endpoint.metricsConfig;
  if (!metrics) return 'AWS\'s defaults: every 60 s, no enhanced metrics';
  const frequency = metrics.publishFrequencySeconds ?? 60;
  return metrics.enhancedMetrics
    ? `every ${frequency} s, enhanced (invocation metrics too)`
    : `utilization every ${frequency} s; invocation metrics every 60 s (no enhanced metrics)`;
}

/** The details rows for the endpoint's AMI, capacity reservation and metrics: the AMI and reservation only when set. */
export function endpointSettingRows(endpoint: Pick<EndpointSnapshot, 'metricsConfig'>, variant: VariantSnapshot | undefined): DetailRow[] {
  return [
    ...(variant?.inferenceAmiVersion ? [{ label: 'AMI (driver, CUDA)', text: describeInferenceAmi(variant.inferenceAmiVersion) }] : []),
    ...(variant?.capacityReservation ? [{ label: 'Capacity reservation', text: describeCapacityReservation(variant.capacityReservation) }] : []),
    { label: 'Metrics', text: describeMetricsConfig(endpoint) },
  ];
}

/**
 * How long things take on the virtual clock. Defaults are the AWS blog's measurements for
 * Llama 3.1 8B on ml.g5 (see docs/emulator.md); every value can be overridden.
 */
export interface EmulatorTimings {
  /** CreateEndpoint until InService, with its initial instances. */
  endpointCreationSeconds: number;
  /** UpdateEndpoint until InService on the new config. */
  endpointUpdateSeconds: number;
  /** DeleteEndpoint until the endpoint disappears. */
  endpointDeletionSeconds: number;
  /** Managed instance scaling: a new instance until it can host copies. */
  instanceProvisioningSeconds: number;
  /** A model copy from placement on a running instance until it serves requests. */
  copyStartSeconds: number;
  /**
   * The part of `copyStartSeconds` spent downloading the container image and model data; the rest is
   * the container starting until it passes its health check. A copy on an instance that cached the
   * component's data (DataCacheConfig.EnableCaching) skips it.
   */
  modelDownloadSeconds: number;
  /** A model copy from removal until its resources are free again. */
  copyStopSeconds: number;
  /** Managed instance scaling: an instance that hosts no copy is released after this long. */
  instanceIdleReleaseSeconds: number;
  /** DeleteInferenceComponent until the component disappears. */
  inferenceComponentDeletionSeconds: number;
  /** How long after a request its metrics reach CloudWatch (alarms only see published periods). */
  metricPublishDelaySeconds: number;
  /** Real milliseconds the demo model takes per generated token (not virtual time). */
  tokenLatencyMs: number;
  /**
   * IAM's eventual consistency: for this long after CreateRole, EventBridge Scheduler cannot assume
   * the new role yet (CreateSchedule answers a ValidationException), as on AWS for a few seconds.
   */
  rolePropagationSeconds: number;
  /**
   * How long Application Auto Scaling keeps a scaling activity: DescribeScalingActivities answers "the
   * previous six weeks" (the model's documentation of the operation).
   */
  scalingActivityRetentionSeconds: number;
}

export const defaultTimings: EmulatorTimings = {
  endpointCreationSeconds: 180,
  endpointUpdateSeconds: 180,
  endpointDeletionSeconds: 60,
  instanceProvisioningSeconds: 1.748 * 60,
  copyStartSeconds: 2.28 * 60,
  modelDownloadSeconds: 70,
  copyStopSeconds: 30,
  instanceIdleReleaseSeconds: 600,
  inferenceComponentDeletionSeconds: 30,
  metricPublishDelaySeconds: 30,
  tokenLatencyMs: 15,
  rolePropagationSeconds: 8,
  scalingActivityRetentionSeconds: 42 * 86_400,
};

export function resolveTimings(overrides: Partial<EmulatorTimings> | undefined): EmulatorTimings {
  const timings: EmulatorTimings = { ...defaultTimings };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (!(key in defaultTimings)) throw new RangeError(`Unknown timing "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`Timing "${key}" must be a non-negative number`);
    }
    timings[key as keyof EmulatorTimings] = value;
  }
  return timings;
}

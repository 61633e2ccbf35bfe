/** How every generated client retries a cold start: the words it recognizes and its backoff. */

/**
 * The part of SageMaker's no-capacity refusal the clients look for (lower case; they compare it with
 * the message in lower case). The whole message: "Inference Component has no capacity to process this
 * request. ApplicationAutoScaling may be in-progress (if configured) or try to increase the capacity by
 * invoking UpdateInferenceComponentRuntimeConfig API." (HTTP 400, ValidationError).
 */
export const noCapacityPhrase = 'has no capacity to process this request';

/**
 * Full-jitter backoff: before attempt n+1, a random wait between 0 and
 * min(maxDelaySeconds, firstDelaySeconds × 2^n), never past the deadline. A wake takes minutes, so the
 * cap keeps a client from sleeping long past the copy's arrival.
 */
export const clientPolicy = { firstDelaySeconds: 1, maxDelaySeconds: 20 } as const;

/**
 * The AWS announcement's measurements of one cold start (Llama 3.1 8B on ml.g5, "Unlock cost savings
 * with the new scale down to zero feature in SageMaker Inference"), in ms: what the emulator
 * reproduces, the playground's expected durations and the explained cold start's reference column.
 */
export const blogReferenceMs = {
  /** Refused request → wake alarm in ALARM. */
  alarmMs: 60_000,
  /** New instance provisioning. */
  instanceMs: 1.748 * 60_000,
  /** Copy starting (image pull, model download and load, health check) → in service. */
  copyMs: 2.28 * 60_000,
  /** Refused request → first answer. */
  totalMs: 5.028 * 60_000,
} as const;

import { type PlanValue } from '../plans/plan';
import { validateInteger } from '../validation/numbers';

/*
 * A rolling update's policy (InferenceComponentDeploymentConfig), with botocore's ranges and AWS's
 * documented rule. From the model: RollingUpdatePolicy needs MaximumBatchSize {Type COPY_COUNT |
 * CAPACITY_PERCENT, Value ≥ 1} and WaitIntervalInSeconds (0–3600); MaximumExecutionTimeoutInSeconds
 * is 600–28800; RollbackMaximumBatchSize absent means 100 %, all at once; AutoRollbackConfiguration
 * lists 1 to 10 alarms. The API reference: MaximumBatchSize "must be between 5% to 50% of the copy
 * count of the inference component".
 */

export type BatchType = 'COPY_COUNT' | 'CAPACITY_PERCENT';

export interface BatchSize {
  type: BatchType;
  value: number;
}

export interface RollingPolicy {
  batch: BatchSize;
  waitSeconds: number;
  /** Absent: not sent (AWS documents no default). */
  timeoutSeconds?: number;
  /** Absent: the whole old fleet comes back at once (AWS's default). */
  rollbackBatch?: BatchSize;
  /** AutoRollbackConfiguration's alarms; none is allowed (nothing rolls back but the timeout). */
  alarms: string[];
}

export const waitIntervalRange = { min: 0, max: 3600 } as const;
export const timeoutRange = { min: 600, max: 28_800 } as const;
export const batchPercentRange = { min: 5, max: 50 } as const;
export const maxRollbackAlarms = 10;

/** One copy at a time, a 5-minute baking period, a 1-hour limit, back all at once: a cautious first rollout. */
export const defaultRollingPolicy: RollingPolicy = { batch: { type: 'COPY_COUNT', value: 1 }, waitSeconds: 300, timeoutSeconds: 3600, alarms: [] };

/** The most copies one batch may roll: half the copies, though always at least one (the 5–50 % rule). */
export function maxBatchCopies(copies: number): number {
  return Math.max(1, Math.floor(copies / 2));
}

/** How many copies a batch rolls for `copies` copies (at least 1). */
export function copiesPerBatch(batch: BatchSize, copies: number): number {
  const count = batch.type === 'COPY_COUNT' ? batch.value : Math.floor((copies * batch.value) / 100);
  return Math.min(Math.max(1, copies), Math.max(1, count));
}

/** MaximumBatchSize typed on its page, against the 5–50 % rule for this copy count. */
export function validateBatchValue(value: string, type: BatchType, copies: number): string | undefined {
  if (type === 'CAPACITY_PERCENT') {
    return validateInteger(value, 'The batch size in percent', batchPercentRange.min, batchPercentRange.max);
  }
  const most = maxBatchCopies(copies);
  return (
    validateInteger(value, 'The batch size in copies', 1, Number.MAX_SAFE_INTEGER) ??
    (Number(value) > most ? `AWS allows a batch of at most 50% of the ${copies} ${copies === 1 ? 'copy' : 'copies'}: at most ${most}.` : undefined)
  );
}

export function validateWaitInterval(value: string): string | undefined {
  return validateInteger(value, 'The wait interval', waitIntervalRange.min, waitIntervalRange.max);
}

/** Empty: not sent. */
export function validateTimeout(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  return validateInteger(value, 'The timeout', timeoutRange.min, timeoutRange.max);
}

/** RollbackMaximumBatchSize: empty (all at once), or a number of copies or a percent (1–100). */
export function validateRollbackValue(value: string, type: BatchType): string | undefined {
  if (value.trim() === '') return undefined;
  return type === 'CAPACITY_PERCENT' ? validateInteger(value, 'The rollback batch in percent', 1, 100) : validateInteger(value, 'The rollback batch in copies', 1, Number.MAX_SAFE_INTEGER);
}

/** How long a rollout of `copies` copies lasts at least: each batch starts its copies (`copyStartSeconds`), then bakes. */
export function estimatedRolloutSeconds(policy: RollingPolicy, copies: number, copyStartSeconds: number): number {
  if (copies === 0) return 0;
  const batches = Math.ceil(copies / copiesPerBatch(policy.batch, copies));
  return batches * (copyStartSeconds + policy.waitSeconds);
}

/** The DeploymentConfig member of UpdateInferenceComponent. */
export function deploymentConfig(policy: RollingPolicy): { [key: string]: PlanValue } {
  return {
    RollingUpdatePolicy: {
      MaximumBatchSize: { Type: policy.batch.type, Value: policy.batch.value },
      WaitIntervalInSeconds: policy.waitSeconds,
      ...(policy.timeoutSeconds !== undefined ? { MaximumExecutionTimeoutInSeconds: policy.timeoutSeconds } : {}),
      ...(policy.rollbackBatch ? { RollbackMaximumBatchSize: { Type: policy.rollbackBatch.type, Value: policy.rollbackBatch.value } } : {}),
    },
    ...(policy.alarms.length > 0 ? { AutoRollbackConfiguration: { Alarms: policy.alarms.map((name) => ({ AlarmName: name })) } } : {}),
  };
}

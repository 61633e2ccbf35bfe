import { type ResourceRequirements } from '../capacity/placement';
import { validationException } from '../http/serviceError';
import { type JsonObject, type JsonReader } from '../protocols/jsonReader';
import { type CopyRecord, type InferenceComponentRecord, type RolloutBatchSize, type RolloutRecord } from './records';

/*
 * UpdateInferenceComponent with a DeploymentConfig: a rolling update, on the emulator's clock.
 *
 * AWS's API reference (InferenceComponentRollingUpdatePolicy): "For each step, SageMaker AI provisions
 * capacity on the new endpoint fleet, routes traffic to that fleet, and terminates capacity on the old
 * endpoint fleet"; WaitIntervalInSeconds is "the baking period, during which SageMaker AI monitors
 * alarms for each batch on the new fleet"; MaximumExecutionTimeoutInSeconds is "the time limit for the
 * total deployment. Exceeding this limit causes a timeout"; RollbackMaximumBatchSize absent is 100 %,
 * "SageMaker AI provisions the entire capacity of the old fleet at once during rollback".
 *
 * So here, per batch: the batch's new copies start beside the old ones (they need room there), once they
 * serve as many old copies stop, then the baking period runs, watching the AutoRollbackConfiguration
 * alarms. An alarm in ALARM during a baking period, a new copy that cannot start, or the timeout rolls
 * back: old copies start again by RollbackMaximumBatchSize, each batch stopping as many new ones. The
 * component is Updating throughout. What AWS does not document is chosen here and listed as unconfirmed
 * in docs/emulator.md (the 0-copy update, the status and FailureReason after a rollback, the timeout's
 * default, the batch-size rule with few copies).
 */

/** How often the alarms are looked at during a baking period (CloudWatch evaluates every 10 s here too). */
const alarmCheckMs = 10_000;
/** MaximumExecutionTimeoutInSeconds when absent: the model's maximum (AWS documents no default; unconfirmed). */
export const defaultRolloutTimeoutSeconds = 28_800;

/** What the rolling update needs from the lifecycle: placing a copy, the alarms' states, the stop time. */
export interface RolloutHost {
  /** Places one copy of `ic` with these requirements (starting an instance if managed scaling allows); false when there is no room. */
  placeCopy(ic: InferenceComponentRecord, requirements: ResourceRequirements, generation: 'previous' | 'next', at: number): boolean;
  /** The CloudWatch alarm's state (a control-API fault may hold it), or undefined when there is no such alarm. */
  alarmState(name: string): string | undefined;
  copyStopMs: number;
}

export interface DeploymentConfigInput {
  /** The DeploymentConfig as given: LastDeploymentConfig echoes it. */
  document: JsonObject;
  batch: RolloutBatchSize;
  rollbackBatch?: RolloutBatchSize;
  waitSeconds: number;
  timeoutSeconds?: number;
  alarms: string[];
}

/** Reads `DeploymentConfig` (the members' ranges are checked against the model before the handler runs). */
export function readDeploymentConfig(input: JsonReader): DeploymentConfigInput | undefined {
  const config = input.object('DeploymentConfig');
  if (!config) return undefined;
  const policy = config.object('RollingUpdatePolicy', { required: true });
  const batch = readBatchSize(policy?.object('MaximumBatchSize', { required: true }));
  const waitSeconds = policy?.integer('WaitIntervalInSeconds', { required: true, min: 0, max: 3600 }) ?? 0;
  const timeoutSeconds = policy?.integer('MaximumExecutionTimeoutInSeconds', { min: 600, max: 28_800 });
  const rollbackBatch = readBatchSize(policy?.object('RollbackMaximumBatchSize'));
  const alarmList = config.object('AutoRollbackConfiguration')?.raw('Alarms');
  const alarms = Array.isArray(alarmList)
    ? alarmList.map((alarm) => (alarm && typeof alarm === 'object' && !Array.isArray(alarm) ? String((alarm as JsonObject).AlarmName ?? '') : '')).filter((name) => name.length > 0)
    : [];
  const document = input.raw('DeploymentConfig') as JsonObject;
  return { document, batch: batch ?? { type: 'COPY_COUNT', value: 1 }, ...(rollbackBatch ? { rollbackBatch } : {}), waitSeconds, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}), alarms };
}

function readBatchSize(size: JsonReader | undefined): RolloutBatchSize | undefined {
  if (!size) return undefined;
  const type = size.string('Type', { required: true, enum: ['COPY_COUNT', 'CAPACITY_PERCENT'] }) as RolloutBatchSize['type'] | undefined;
  const value = size.integer('Value', { required: true, min: 1 });
  return type && value !== undefined ? { type, value } : undefined;
}

/**
 * The rule AWS states for MaximumBatchSize, "between 5% to 50% of the copy count": CAPACITY_PERCENT from 5
 * to 50; COPY_COUNT at most half the copies, though always at least one (a component with 1 copy can roll;
 * how AWS rounds is not documented). Throws AWS-style ValidationExceptions.
 */
export function checkRolloutPolicy(config: DeploymentConfigInput, copies: number): void {
  const { batch, rollbackBatch } = config;
  if (batch.type === 'CAPACITY_PERCENT' && (batch.value < 5 || batch.value > 50)) {
    throw validationException(`MaximumBatchSize of type CAPACITY_PERCENT must be between 5 and 50 percent of the copy count; ${batch.value} was given.`);
  }
  const most = Math.max(1, Math.floor(copies / 2));
  if (batch.type === 'COPY_COUNT' && copies > 0 && batch.value > most) {
    throw validationException(`MaximumBatchSize of type COPY_COUNT must be at most 50% of the copy count (${copies}): at most ${most}; ${batch.value} was given.`);
  }
  if (rollbackBatch?.type === 'CAPACITY_PERCENT' && rollbackBatch.value > 100) {
    throw validationException(`RollbackMaximumBatchSize of type CAPACITY_PERCENT must be at most 100; ${rollbackBatch.value} was given.`);
  }
}

/** Copies per batch for a capacity size: a share of `copies` (at least 1, at most all of them). */
export function copiesPerBatch(size: RolloutBatchSize | undefined, copies: number): number {
  if (!size) return Math.max(1, copies);
  const count = size.type === 'COPY_COUNT' ? size.value : Math.floor((copies * size.value) / 100);
  return Math.min(Math.max(1, copies), Math.max(1, count));
}

/** Starts a rolling update of `ic`'s running copies to the new specification (already validated). */
export function startRollout(
  ic: InferenceComponentRecord,
  config: DeploymentConfigInput,
  next: { specification: JsonObject; requirements: ResourceRequirements },
  at: number,
): void {
  const running = ic.copies.filter((copy) => copy.state === 'running');
  const previous = { specification: ic.specification, requirements: ic.requirements };
  ic.lastDeploymentConfig = config.document;
  ic.specification = next.specification;
  ic.requirements = next.requirements;
  ic.failureReason = undefined;
  ic.lastModifiedTime = at;
  // Copies not serving yet are dropped (they would start with the old specification); stopping ones go on stopping.
  ic.copies = ic.copies.filter((copy) => copy.state === 'running' || copy.state === 'stopping');
  for (const copy of ic.copies) copy.requirements = previous.requirements;
  for (const copy of running) copy.generation = 'previous';
  if (running.length === 0) return; // Nothing to roll: the new specification applies to the next copies that start.
  ic.status = 'Updating';
  ic.rollout = {
    startedAt: at,
    deadline: at + (config.timeoutSeconds ?? defaultRolloutTimeoutSeconds) * 1000,
    batch: copiesPerBatch(config.batch, running.length),
    rollbackBatch: copiesPerBatch(config.rollbackBatch, running.length),
    waitMs: config.waitSeconds * 1000,
    alarms: config.alarms,
    total: running.length,
    previous,
    phase: 'baking',
    batchStarted: 0,
    bakeEndsAt: at,
  };
}

const active = (copy: CopyRecord) => copy.state !== 'stopping';

/** Moves the rolling update of `ic` forward to `at` (called by the lifecycle on every refresh). */
export function advanceRollout(ic: InferenceComponentRecord, at: number, host: RolloutHost): void {
  for (let guard = 0; guard < 100 && ic.rollout; guard++) {
    if (!stepRollout(ic, ic.rollout, at, host)) return;
  }
}

/** One step of the rollout; true when another step may follow at once. */
function stepRollout(ic: InferenceComponentRecord, rollout: RolloutRecord, at: number, host: RolloutHost): boolean {
  if (rollout.phase !== 'rollingBack') {
    const reason = rollbackTrigger(ic, rollout, at, host);
    if (reason) {
      startRollback(ic, rollout, reason, at);
      return true;
    }
  }
  const of = (generation: 'previous' | 'next') => ic.copies.filter((copy) => copy.generation === generation && active(copy));
  if (rollout.phase === 'starting' || rollout.phase === 'rollingBack') {
    const starting = rollout.phase === 'starting' ? 'next' : 'previous';
    const replaced = rollout.phase === 'starting' ? 'previous' : 'next';
    if (of(starting).some((copy) => copy.state !== 'running')) return false;
    if (rollout.batchStarted > 0) {
      stopCopies(ic, of(replaced), rollout.batchStarted, at, host);
      rollout.batchStarted = 0;
      if (rollout.phase === 'starting') {
        rollout.phase = 'baking';
        rollout.bakeEndsAt = at + rollout.waitMs;
      }
      return true;
    }
    // No batch under way: the rollback's next batch, or (forward) a batch that found no room before.
    const left = of(replaced).length;
    if (left === 0) return rollout.phase === 'rollingBack' ? finish(ic, at, rollout.rollbackReason) : finish(ic, at, undefined);
    startBatch(ic, rollout, Math.min(rollout.phase === 'rollingBack' ? rollout.rollbackBatch : rollout.batch, left), starting, at, host);
    return false;
  }
  // Baking.
  if (at < (rollout.bakeEndsAt ?? at)) return false;
  const left = of('previous').length;
  if (left === 0) return finish(ic, at, undefined);
  rollout.phase = 'starting';
  startBatch(ic, rollout, Math.min(rollout.batch, left), 'next', at, host);
  return false;
}

/** Why the update must roll back now: the timeout, a copy of the new specification that failed, or an alarm in ALARM while baking. */
function rollbackTrigger(ic: InferenceComponentRecord, rollout: RolloutRecord, at: number, host: RolloutHost): string | undefined {
  if (at >= rollout.deadline) {
    return `The rolling update did not finish within MaximumExecutionTimeoutInSeconds (${Math.round((rollout.deadline - rollout.startedAt) / 1000)} seconds) and was rolled back.`;
  }
  if (ic.status === 'Failed') {
    const why = ic.failureReason;
    ic.status = 'Updating';
    ic.failureReason = undefined;
    return `A copy with the new specification failed to start${why ? ` (${why})` : ''}; the rolling update was rolled back.`;
  }
  if (rollout.phase !== 'baking' || rollout.batchStarted > 0 || at <= rollout.startedAt) return undefined;
  const firing = rollout.alarms.find((name) => host.alarmState(name) === 'ALARM');
  return firing ? `The CloudWatch alarm ${firing} went into ALARM during the rolling update.` : undefined;
}

function startRollback(ic: InferenceComponentRecord, rollout: RolloutRecord, reason: string, at: number): void {
  // New copies still starting are dropped at once; the rest are replaced batch by batch.
  ic.copies = ic.copies.filter((copy) => !(copy.generation === 'next' && copy.state !== 'running' && copy.state !== 'stopping'));
  const next = { specification: ic.specification, requirements: ic.requirements };
  ic.specification = rollout.previous.specification;
  ic.requirements = rollout.previous.requirements;
  for (const copy of ic.copies) if (copy.generation === 'next') copy.requirements = next.requirements;
  rollout.phase = 'rollingBack';
  rollout.batchStarted = 0;
  rollout.rollbackReason = reason;
  ic.lastModifiedTime = at;
  // Old copies that never stopped stay; only the stopped ones come back.
}

/** Starts up to `count` copies of one generation beside the others; with no room the batch waits (until the timeout rolls it back). */
function startBatch(ic: InferenceComponentRecord, rollout: RolloutRecord, count: number, generation: 'previous' | 'next', at: number, host: RolloutHost): void {
  const requirements = generation === 'next' ? ic.requirements : rollout.previous.requirements;
  let placed = 0;
  while (placed < count && host.placeCopy(ic, requirements, generation, at)) placed++;
  rollout.batchStarted = placed;
}

function stopCopies(ic: InferenceComponentRecord, copies: CopyRecord[], count: number, at: number, host: RolloutHost): void {
  for (const copy of copies.slice(0, count)) {
    copy.state = 'stopping';
    copy.readyAt = at + host.copyStopMs;
  }
  ic.lastModifiedTime = at;
}

/** The rollout ends: every copy is of one specification; the status settles once the stopped copies are gone. */
function finish(ic: InferenceComponentRecord, at: number, rollbackReason: string | undefined): boolean {
  ic.rollout = undefined;
  for (const copy of ic.copies) {
    if (copy.state !== 'stopping') {
      copy.generation = undefined;
      copy.requirements = undefined;
    }
  }
  if (rollbackReason) ic.failureReason = rollbackReason;
  ic.lastModifiedTime = at;
  return false;
}

/** When the rollout next needs a look: the end of a baking period, the next alarm check, the timeout. */
export function rolloutWakeAt(ic: InferenceComponentRecord, at: number): number | undefined {
  const rollout = ic.rollout;
  if (!rollout) return undefined;
  const times = [rollout.deadline];
  if (rollout.phase === 'baking' && rollout.bakeEndsAt !== undefined) {
    times.push(rollout.bakeEndsAt);
    if (rollout.alarms.length > 0) times.push(at + alarmCheckMs);
  }
  const future = times.filter((time) => time > at);
  return future.length > 0 ? Math.min(...future) : undefined;
}

import { type AwsClients, loadSdk } from '../../aws/clients';
import { readOutputPath, resolveRefs, validatePlanRefs } from './outputRefs';
import { describeRollingUpdateOutcome, requestedSpecification, waitForRollingUpdate } from './rollingUpdateWait';
import { type CreatedResource, type Plan, type PlanService, type PlanStep, resourceKey } from './plan';
import {
  mergeAlarmActions,
  type OverwrittenResource,
  planRunTagKey,
  restoreCall,
  taggedCreateOperations,
  withRunTag,
  writtenResource,
} from './overwrites';
import {
  CancelledError,
  describeResource,
  ownerOf,
  type PollOptions,
  type Probe,
  probeResource,
  waitForEndpointInService,
  waitForInferenceComponentInService,
} from './resourceProbe';

type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** The operations the runner knows, per service: a step is run only when its command is one of them. */
export const planOperations: Readonly<Record<PlanService, readonly string[]>> = {
  sagemaker: [
    'CreateModel',
    'CreateEndpointConfig',
    'CreateEndpoint',
    'UpdateEndpoint',
    'CreateInferenceComponent',
    'UpdateInferenceComponent',
    'UpdateInferenceComponentRuntimeConfig',
    'DeleteInferenceComponent',
    'DeleteEndpoint',
    'DeleteEndpointConfig',
    'DeleteModel',
  ],
  'application-auto-scaling': [
    'RegisterScalableTarget',
    'PutScalingPolicy',
    'DeleteScalingPolicy',
    'PutScheduledAction',
    'DeleteScheduledAction',
    'DeregisterScalableTarget',
  ],
  cloudwatch: ['PutMetricAlarm', 'DeleteAlarms'],
  scheduler: ['CreateSchedule', 'UpdateSchedule', 'DeleteSchedule'],
  iam: ['CreateRole', 'PutRolePolicy'],
};

/** Members the SDK serializes as timestamps: a plan (JSON) holds them as ISO strings. */
const timestampMembers: Record<string, string[]> = {
  CreateSchedule: ['StartDate', 'EndDate'],
  UpdateSchedule: ['StartDate', 'EndDate'],
  PutScheduledAction: ['StartTime', 'EndTime'],
};

export type PlanProgressState = 'started' | 'done' | 'skipped' | 'waiting' | 'ready' | 'failed' | 'cancelled';

export interface PlanProgress {
  step: PlanStep;
  /** 0-based position of the step in the plan. */
  index: number;
  total: number;
  state: PlanProgressState;
  /** One line for the progress notification: "2/9 Create endpoint demo: waiting (Creating, 1 min)". */
  message: string;
  error?: unknown;
}

export interface RunPlanOptions {
  onProgress?(event: PlanProgress): void;
  /** Waits between polls; tests on the emulator's frozen clock advance it from here. */
  wait?(ms: number): Promise<void>;
  /** How long to wait for an endpoint or inference component to be InService (default 30 min). */
  readyTimeoutMs?: number;
  /** Time between readiness polls (default 30 s for endpoints, 15 s for inference components). */
  pollIntervalMs?: number;
  /** Skip steps whose resource already exists, recovering their outputs: re-running completes a half-built setup. */
  resume?: boolean;
  /** Outputs known from an earlier run (merged before the first step). */
  outputs?: Record<string, unknown>;
  signal?: AbortSignal;
  /**
   * The run's id, set as the `s2z:plan-run` tag on what it creates (a new one when absent). A retry or
   * a resumed run passes the first run's id.
   */
  runId?: string;
  /**
   * Called after every change to the run's record (`result.created`, recorded before each create is
   * sent, and `result.overwritten`), before the next call or wait: the plan session saves it to disk,
   * so a reload or a crash does not lose it.
   */
  onRecordChanged?(record: { created: readonly CreatedResource[]; overwritten: readonly OverwrittenResource[]; runId: string }): void;
  /**
   * Called right after a call went through (before the step's wait for InService), with the request
   * sent (refs resolved): the plan session tells the explorer what changed, so the tree shows a new
   * endpoint as Creating while the plan is still waiting for it.
   */
  onCallMade?(call: { step: PlanStep; request: Record<string, unknown> }): void;
}

export interface PlanRunResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  /** Ids of the steps whose call was made (and waited for) in this run. */
  completed: string[];
  /** Ids of the steps skipped on resume because their resource already existed. */
  skipped: string[];
  failedStep?: string;
  error?: unknown;
  /** A sentence for the user: which call failed and why. */
  message?: string;
  outputs: Record<string, unknown>;
  /**
   * What this run created, in creation order: exactly what a rollback deletes. A resource is recorded
   * as soon as its create call is sent, and dropped again only when it is known not to be there or not
   * to be this run's.
   */
  created: CreatedResource[];
  /** What this run wrote over (Put/Register/Update of something that existed), with the call that puts it back: a rollback restores these. */
  overwritten: OverwrittenResource[];
  /** The `s2z:plan-run` tag value on what this run created. */
  runId: string;
  /** What the run's waits found, in sentences for the user (e.g. the new model a rolling update put in place). */
  outcomes?: string[];
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fresh run id (the global Web Crypto: no import, no Node built-in). */
function newRunId(): string {
  return globalThis.crypto.randomUUID();
}

/** The services' answer to a create whose name is taken (SageMaker: ValidationException "Cannot create already existing …"; Scheduler: ConflictException). */
function isAlreadyExists(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConflictException' || error.name === 'AlreadyExistsException') return true;
  return /already exist/i.test(error.message);
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function serviceClient(clients: AwsClients, service: PlanService) {
  switch (service) {
    case 'sagemaker':
      return clients.sageMaker;
    case 'application-auto-scaling':
      return clients.autoScaling;
    case 'cloudwatch':
      return clients.cloudWatch;
    case 'scheduler':
      return clients.scheduler;
    case 'iam':
      return clients.iam;
  }
}

type CommandClass = new (input: unknown) => unknown;

/** The SDK command class of a step: `${operation}Command`, checked against the step's service. */
export function commandFor(sdk: Sdk, step: PlanStep): CommandClass {
  const known = planOperations[step.service];
  if (!known) throw new Error(`Step ${step.id}: unknown service ${String(step.service)}.`);
  if (!known.includes(step.operation)) throw new Error(`Step ${step.id}: ${step.operation} is not a ${step.service} operation the plan runner knows.`);
  const command = (sdk as unknown as Record<string, unknown>)[`${step.operation}Command`];
  if (typeof command !== 'function') throw new Error(`Step ${step.id}: the SDK bundle does not export ${step.operation}Command.`);
  return command as CommandClass;
}

function withTimestamps(operation: string, input: Record<string, unknown>): Record<string, unknown> {
  const members = timestampMembers[operation];
  if (!members) return input;
  const converted = { ...input };
  for (const member of members) {
    const value = converted[member];
    if (typeof value === 'string' || typeof value === 'number') converted[member] = new Date(typeof value === 'number' ? value * 1000 : value);
  }
  return converted;
}

/** Sends one call the runner knows (a step's, or a rollback's restore) through the matching client. */
export async function sendPlanCall(
  clients: AwsClients,
  sdk: Sdk,
  call: { id: string; service: PlanService; operation: string; input: Record<string, unknown> },
): Promise<unknown> {
  const Command = commandFor(sdk, call as PlanStep);
  const client = serviceClient(clients, call.service) as { send(command: unknown): Promise<unknown> };
  return client.send(new Command(withTimestamps(call.operation, call.input)));
}

function recordOutputs(step: PlanStep, response: unknown, outputs: Record<string, unknown>): void {
  for (const [name, path] of Object.entries(step.outputs ?? {})) {
    const value = readOutputPath(response, path);
    if (value === undefined) throw new Error(`Step ${step.id}: the response has no ${path} for the output "${name}".`);
    outputs[name] = value;
  }
}

function resourceNameForWait(step: PlanStep, input: Record<string, unknown>): string {
  if (step.creates && (step.creates.kind === 'endpoint' || step.creates.kind === 'inferenceComponent')) return step.creates.name;
  const name = step.waitFor === 'endpointInService' ? input.EndpointName : input.InferenceComponentName;
  if (typeof name !== 'string') throw new Error(`Step ${step.id}: nothing names the resource to wait for.`);
  return name;
}

/** One step of a run: the run's clients, SDK, options and accumulating result, and the step's progress reporter. */
interface StepRun {
  clients: AwsClients;
  sdk: Sdk;
  options: RunPlanOptions;
  result: PlanRunResult;
  step: PlanStep;
  /** 0-based position of the step in the plan. */
  index: number;
  total: number;
  /** "2/9 Create endpoint demo": how every progress line of the step starts. */
  label: string;
  report(state: PlanProgressState, message: string, error?: unknown): void;
}

/**
 * Runs a plan's steps in order through the real SDK clients, resolving `$ref`s from earlier outputs,
 * reporting progress per call and waiting where a step says so. Stops at the first failure and
 * returns what it created, so the caller can offer to retry (resume) or roll back.
 */
export async function runPlan(clients: AwsClients, plan: Plan, options: RunPlanOptions = {}): Promise<PlanRunResult> {
  const sdk = await loadSdk();
  const total = plan.steps.length;
  const result: PlanRunResult = {
    status: 'succeeded',
    completed: [],
    skipped: [],
    outputs: { ...(options.outputs ?? {}) },
    created: [],
    overwritten: [],
    runId: options.runId ?? newRunId(),
  };

  const problems = validatePlanRefs(plan, Object.keys(options.outputs ?? {}));
  if (problems.length > 0) {
    const error = new Error(`The plan is inconsistent: ${problems.join(' ')}`);
    return { ...result, status: 'failed', failedStep: plan.steps[0]?.id, error, message: error.message };
  }

  for (const [index, step] of plan.steps.entries()) {
    const run: StepRun = {
      clients,
      sdk,
      options,
      result,
      step,
      index,
      total,
      label: `${index + 1}/${total} ${step.description}`,
      report: (state, message, error) => options.onProgress?.({ step, index, total, state, message, error }),
    };
    if (options.signal?.aborted) {
      run.report('cancelled', `${run.label}: cancelled before it started.`);
      return { ...result, status: 'cancelled', message: 'Cancelled: the remaining calls were not made.' };
    }
    try {
      await executeStep(run);
    } catch (error) {
      return stoppedAt(run, error);
    }
  }
  return result;
}

/** Runs one step: skips it on resume when its resource exists, else makes its call; then waits if the step says so. */
async function executeStep(run: StepRun): Promise<void> {
  const { step, result } = run;
  const input = resolveRefs(step.input, result.outputs, step.id) as Record<string, unknown>;
  const before = await probeBeforeCreate(run);
  const skip = before === 'resumed';
  if (skip) {
    result.skipped.push(step.id);
    run.report('skipped', `${run.label}: already exists, skipped.`);
  } else {
    const written = await probeBeforeWrite(run, input);
    await sendStep(run, written.input, written.existed);
  }

  if (step.waitFor) await waitForStep(run, step.waitFor, input);

  if (!skip) {
    result.completed.push(step.id);
    run.report('done', `${run.label}: done.`);
  }
}

/**
 * Whether a creating step's resource is already there, probed only on resume: 'absent' (or not
 * probed), or 'resumed' (its outputs are recorded and the call is skipped). A resource being deleted
 * fails the step.
 */
async function probeBeforeCreate(run: StepRun): Promise<'absent' | 'resumed'> {
  const { step, options } = run;
  if (!step.creates || step.modifiesExisting || !options.resume) return 'absent';
  const probe = await probeResource(run.clients, step.creates, run.sdk);
  if (!probe.exists) return 'absent';
  failIfDeleting(step.creates, probe);
  recordOutputs(step, probe.response, run.result.outputs);
  return 'resumed';
}

function failIfDeleting(resource: CreatedResource, probe: Probe): void {
  if (probe.exists && probe.status === 'Deleting') {
    throw new Error(`The ${describeResource(resource)} is being deleted; wait until it is gone, then run the plan again.`);
  }
}

/**
 * Before a Put/Register/Update call: reads what it writes over. When it exists, records the call that
 * puts it back (the first state seen in this run), and an existing alarm keeps the actions that are
 * not the plan's. Returns the input to send and whether the resource existed.
 */
async function probeBeforeWrite(run: StepRun, input: Record<string, unknown>): Promise<{ input: Record<string, unknown>; existed: boolean }> {
  const { step, result } = run;
  const resource = writtenResource(step, input);
  if (!resource) return { input, existed: false };
  const probe = await probeResource(run.clients, resource, run.sdk);
  if (!probe.exists) return { input, existed: false };
  failIfDeleting(resource, probe);
  const key = resourceKey(resource);
  if (!result.overwritten.some((entry) => resourceKey(entry.resource) === key)) {
    result.overwritten.push({ resource, restore: restoreCall(resource, probe.response) });
    recordChanged(run);
  }
  return { input: step.operation === 'PutMetricAlarm' ? mergeAlarmActions(probe.response, input) : input, existed: true };
}

/**
 * Makes the step's call and records its outputs. What the step creates is recorded before the call is
 * sent: a call whose answer is lost may still have created it. When the call fails, the resource is
 * looked up: gone → no longer recorded; this run's (its tag, or for a schedule its settings) → kept,
 * and a retried create that met its own resource ("already exists") counts as done; someone else's →
 * not recorded (a rollback never touches it) and the step fails naming it.
 */
async function sendStep(run: StepRun, input: Record<string, unknown>, existedBefore: boolean): Promise<void> {
  const { step, result } = run;
  run.report('started', `${run.label}…`);
  commandFor(run.sdk, step); // An operation the runner does not know fails before anything is recorded.
  const claims = step.creates && !step.modifiesExisting && !existedBefore ? step.creates : undefined;
  const request = claims && taggedCreateOperations.has(step.operation) ? withRunTag(input, result.runId) : input;
  if (claims) {
    result.created.push(claims);
    recordChanged(run);
  }
  let response: unknown;
  try {
    response = await sendWhileRoleSettles(run, request);
  } catch (error) {
    if (!claims) throw error;
    response = await settleFailedCreate(run, claims, input, error);
  }
  recordOutputs(step, response, result.outputs);
  run.options.onCallMade?.({ step, request: input });
}

/**
 * The waits before each new try of a schedule call that EventBridge Scheduler refused because it
 * cannot assume the role yet: IAM is eventually consistent, and a role created a moment ago by this
 * run may not be assumable for a few seconds (about 30 s in all before the step fails).
 */
export const roleSettleDelaysMs: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000];

/** Scheduler's answer when it cannot assume the target's role ("…must allow AWS EventBridge Scheduler to assume the role"). */
export function isRoleNotAssumable(error: unknown): boolean {
  return error instanceof Error && error.name === 'ValidationException' && /assume the role|role.*cannot be assumed/i.test(error.message);
}

/**
 * Sends the step's call; a schedule call refused because Scheduler cannot assume a role this run has
 * just created is tried again with backoff (`roleSettleDelaysMs`), reporting each wait.
 */
async function sendWhileRoleSettles(run: StepRun, request: Record<string, unknown>): Promise<unknown> {
  const { step, result } = run;
  const call = { id: step.id, service: step.service, operation: step.operation, input: request };
  const retries = step.service === 'scheduler' && result.created.some((resource) => resource.kind === 'role') ? roleSettleDelaysMs : [];
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendPlanCall(run.clients, run.sdk, call);
    } catch (error) {
      if (attempt >= retries.length || !isRoleNotAssumable(error) || run.options.signal?.aborted) throw error;
      run.report('waiting', `${run.label}: EventBridge Scheduler cannot assume the new role yet (IAM takes a few seconds); trying again in ${retries[attempt] / 1000} s.`);
      await (run.options.wait ?? realWait)(retries[attempt]);
    }
  }
}

/** Tells the caller (the plan session, which saves it) that the run's record changed. */
function recordChanged(run: StepRun): void {
  const { result } = run;
  run.options.onRecordChanged?.({ created: result.created, overwritten: result.overwritten, runId: result.runId });
}

/** After a create call failed: whose is the resource now? Returns the answer to go on with, or throws. */
async function settleFailedCreate(run: StepRun, claims: CreatedResource, input: Record<string, unknown>, error: unknown): Promise<unknown> {
  const { result } = run;
  const unclaim = () => {
    const index = result.created.lastIndexOf(claims);
    if (index >= 0) result.created.splice(index, 1);
    recordChanged(run);
  };
  let owner: Awaited<ReturnType<typeof ownerOf>>;
  try {
    owner = await ownerOf(run.clients, claims, { runId: result.runId, input }, run.sdk);
  } catch {
    throw error; // Not known: it stays recorded, a rollback finds it gone or deletes it.
  }
  if (owner.owner === 'absent') {
    unclaim();
    throw error;
  }
  if (owner.owner === 'notOurs') {
    unclaim();
    if (!isAlreadyExists(error)) throw error;
    const mark = claims.kind === 'schedule' ? 'its settings differ from the plan\'s' : `it lacks this run's ${planRunTagKey} tag`;
    throw new Error(
      `A ${describeResource(claims)} already exists and this plan did not create it (${mark}). It was left as it is; give the plan another name, or delete it yourself, then run the plan again.`,
    );
  }
  if (!isAlreadyExists(error) || !owner.probe.exists) throw error;
  run.report('started', `${run.label}: the answer was lost on the way; the ${describeResource(claims)} is this run's, continuing.`);
  return owner.probe.response;
}

/** Polls until the step's endpoint or inference component is InService, reporting each wait. */
async function waitForStep(run: StepRun, waitFor: NonNullable<PlanStep['waitFor']>, input: Record<string, unknown>): Promise<void> {
  const { step, options } = run;
  const name = resourceNameForWait(step, input);
  const started = { value: false };
  const poll: PollOptions = {
    wait: options.wait ?? realWait,
    intervalMs: options.pollIntervalMs ?? (waitFor === 'endpointInService' ? 30_000 : 15_000),
    timeoutMs: options.readyTimeoutMs ?? (waitFor === 'rollingUpdate' ? rollingUpdateWaitMs(input) : 30 * 60_000),
    signal: options.signal,
    onPoll: (status, elapsedMs) => {
      if (status === 'InService') return;
      started.value = true;
      run.report('waiting', `${run.label}: waiting (${status}, ${Math.floor(elapsedMs / 60_000)} min).`);
    },
  };
  if (waitFor === 'rollingUpdate') {
    const outcome = await waitForRollingUpdate(run.clients, name, requestedSpecification(input), poll, run.sdk);
    const sentence = describeRollingUpdateOutcome(name, outcome);
    // A rollback leaves the component InService with its old specification: for the plan, the step failed.
    if (!outcome.took) throw new Error(sentence);
    run.result.outcomes = [...(run.result.outcomes ?? []), sentence];
    run.report('ready', `${run.label}: ${sentence}`);
    return;
  }
  if (waitFor === 'endpointInService') await waitForEndpointInService(run.clients, name, poll, run.sdk);
  else await waitForInferenceComponentInService(run.clients, name, poll, run.sdk);
  if (started.value) run.report('ready', `${run.label}: InService.`);
}

/** How long to follow a rolling update: its own timeout (AWS's maximum when absent) and 10 minutes for the rollback. */
function rollingUpdateWaitMs(input: Record<string, unknown>): number {
  const policy = (input.DeploymentConfig as { RollingUpdatePolicy?: { MaximumExecutionTimeoutInSeconds?: unknown } } | undefined)?.RollingUpdatePolicy;
  const seconds = typeof policy?.MaximumExecutionTimeoutInSeconds === 'number' ? policy.MaximumExecutionTimeoutInSeconds : 28_800;
  return (seconds + 600) * 1000;
}

/** The run's result when a step failed or was cancelled while waiting: it names the step and keeps what was created. */
function stoppedAt(run: StepRun, error: unknown): PlanRunResult {
  const { step, result } = run;
  if (error instanceof CancelledError) {
    run.report('cancelled', `${run.label}: cancelled while waiting.`);
    return { ...result, status: 'cancelled', failedStep: step.id, message: 'Cancelled: the remaining calls were not made.' };
  }
  const message = `Step ${run.index + 1} of ${run.total} failed (${step.service} ${step.operation}, "${step.description}"): ${errorText(error)}`;
  run.report('failed', message, error);
  return { ...result, status: 'failed', failedStep: step.id, error, message };
}

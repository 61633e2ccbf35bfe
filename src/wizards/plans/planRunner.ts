import { type AwsClients, loadSdk } from '../../aws/clients';
import { readOutputPath, resolveRefs, validatePlanRefs } from './outputRefs';
import { type CreatedResource, type Plan, type PlanService, type PlanStep } from './plan';
import {
  CancelledError,
  describeResource,
  type PollOptions,
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
};

/** Put/Register calls overwrite what exists: the runner probes first so it never claims (and rolls back) what was there. */
const upsertOperations = new Set(['RegisterScalableTarget', 'PutScalingPolicy', 'PutScheduledAction', 'PutMetricAlarm']);

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
   * Called after every change to the run's record of created resources (`result.created`), before the
   * next call or wait: the plan session saves it to disk, so a reload or a crash does not lose it.
   */
  onCreatedChanged?(created: readonly CreatedResource[]): void;
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
  /** What this run created, in creation order: exactly what a rollback deletes. */
  created: CreatedResource[];
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
  const result: PlanRunResult = { status: 'succeeded', completed: [], skipped: [], outputs: { ...(options.outputs ?? {}) }, created: [] };

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
  const existing = await probeBeforeCreate(run);
  const skip = existing === 'resumed';
  if (skip) {
    result.skipped.push(step.id);
    run.report('skipped', `${run.label}: already exists, skipped.`);
  } else {
    await sendStep(run, input, existing === 'exists');
  }

  if (step.waitFor) await waitForStep(run, step.waitFor, input);

  if (!skip) {
    result.completed.push(step.id);
    run.report('done', `${run.label}: done.`);
  }
}

/**
 * Whether a creating step's resource is already there, probed only on resume or before an upsert:
 * 'absent' (or not probed), 'exists' (the call overwrites it, so it is not claimed as created),
 * or 'resumed' (on resume: its outputs are recorded and the call is skipped).
 */
async function probeBeforeCreate(run: StepRun): Promise<'absent' | 'exists' | 'resumed'> {
  const { step, options } = run;
  if (!step.creates || step.modifiesExisting || !(options.resume || upsertOperations.has(step.operation))) return 'absent';
  const probe = await probeResource(run.clients, step.creates, run.sdk);
  if (!probe.exists) return 'absent';
  if (probe.status === 'Deleting') {
    throw new Error(`The ${describeResource(step.creates)} is being deleted; wait until it is gone, then run the plan again.`);
  }
  if (!options.resume) return 'exists';
  recordOutputs(step, probe.response, run.result.outputs);
  return 'resumed';
}

/** Makes the step's call, records its outputs, and claims what it created (unless it existed before). */
async function sendStep(run: StepRun, input: Record<string, unknown>, existedBefore: boolean): Promise<void> {
  const { step, result } = run;
  run.report('started', `${run.label}…`);
  const Command = commandFor(run.sdk, step);
  const client = serviceClient(run.clients, step.service) as { send(command: unknown): Promise<unknown> };
  const response = await client.send(new Command(withTimestamps(step.operation, input)));
  if (step.creates && !step.modifiesExisting && !existedBefore) {
    result.created.push(step.creates);
    run.options.onCreatedChanged?.(result.created);
  }
  recordOutputs(step, response, result.outputs);
}

/** Polls until the step's endpoint or inference component is InService, reporting each wait. */
async function waitForStep(run: StepRun, waitFor: NonNullable<PlanStep['waitFor']>, input: Record<string, unknown>): Promise<void> {
  const { step, options } = run;
  const name = resourceNameForWait(step, input);
  const started = { value: false };
  const poll: PollOptions = {
    wait: options.wait ?? realWait,
    intervalMs: options.pollIntervalMs ?? (waitFor === 'endpointInService' ? 30_000 : 15_000),
    timeoutMs: options.readyTimeoutMs ?? 30 * 60_000,
    signal: options.signal,
    onPoll: (status, elapsedMs) => {
      if (status === 'InService') return;
      started.value = true;
      run.report('waiting', `${run.label}: waiting (${status}, ${Math.floor(elapsedMs / 60_000)} min).`);
    },
  };
  if (waitFor === 'endpointInService') await waitForEndpointInService(run.clients, name, poll, run.sdk);
  else await waitForInferenceComponentInService(run.clients, name, poll, run.sdk);
  if (started.value) run.report('ready', `${run.label}: InService.`);
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

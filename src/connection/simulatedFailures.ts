/**
 * Simulated failures on the local emulator: the failures its control API can make an inference
 * component's next copies meet (`componentFaults`, docs/emulator.md "Fault scenarios"), so the failure
 * explanations and the container logs can be tried without an AWS account. This talks to the
 * emulator over HTTP, as curl would (`/__emulator/faults`): it never reaches into the emulator's module.
 */

export type SimulatedFailureKind = 'insufficientCapacity' | 'quotaExceeded' | 'imagePullDenied' | 'healthCheckTimeout' | 'outOfMemory';

export interface SimulatedFailure {
  kind: SimulatedFailureKind;
  /** What the pick shows. */
  label: string;
  /** What happens to the component's next copy, in AWS's terms. */
  detail: string;
  /** When it shows: a wake only, or a wake, a create or an update. */
  shows: string;
}

/** The emulator's five fault scenarios, in the order the pick shows them. */
export const simulatedFailures: readonly SimulatedFailure[] = [
  {
    kind: 'insufficientCapacity',
    label: 'No capacity',
    detail: 'No instance of the variant\'s types can start (InsufficientInstanceCapacity): the wake\'s scaling activity fails.',
    shows: 'on its next wake, when it needs a new instance',
  },
  {
    kind: 'quotaExceeded',
    label: 'Quota reached',
    detail: 'The account\'s instance quota refuses another instance (ResourceLimitExceeded): the wake\'s scaling activity fails.',
    shows: 'on its next wake, when it needs a new instance',
  },
  {
    kind: 'imagePullDenied',
    label: 'Image pull denied',
    detail: 'The execution role may not pull the container image (ecr:BatchGetImage): the component fails, no container starts.',
    shows: 'when its next copy starts',
  },
  {
    kind: 'healthCheckTimeout',
    label: 'Health check never passes',
    detail: 'The container loads but never answers /ping: the component fails at its startup health-check timeout.',
    shows: 'when its next copy starts, after the health-check timeout',
  },
  {
    kind: 'outOfMemory',
    label: 'Out of memory',
    detail: 'The container runs out of GPU memory loading the model and restarts every 30 s until the health-check timeout.',
    shows: 'when its next copy starts, after the health-check timeout',
  },
];

export function isSimulatedFailureKind(value: unknown): value is SimulatedFailureKind {
  return typeof value === 'string' && simulatedFailures.some((failure) => failure.kind === value);
}

/** Where the emulator listens, and the region (its partition) the explorer shows. */
export interface EmulatorAddress {
  url: string;
  region: string;
}

/** The emulator's control API refused or could not be reached: the message says what to do. */
export class EmulatorControlError extends Error {}

type FaultConfig = Record<string, unknown> & { componentFaults?: Record<string, unknown> };

const requestTimeoutMs = 10_000;

async function control(address: EmulatorAddress, method: 'GET' | 'POST', body?: unknown): Promise<{ faults: FaultConfig | null }> {
  const url = `${address.url.replace(/\/$/, '')}/__emulator/faults?region=${encodeURIComponent(address.region)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch {
    throw new EmulatorControlError(`The local emulator did not answer at ${address.url}: start it again (SageMaker Scale to Zero: Start Local Emulator) and retry.`);
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    answer = undefined;
  }
  const record = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  if (!response.ok) {
    const reason = typeof record.error === 'string' ? record.error : `HTTP ${response.status}`;
    throw new EmulatorControlError(`The local emulator refused the simulated failure: ${reason}`);
  }
  const faults = record.faults;
  return { faults: typeof faults === 'object' && faults !== null && !Array.isArray(faults) ? (faults as FaultConfig) : null };
}

/** The simulated failure set for each component now (the emulator's `componentFaults`), by name. */
export async function readSimulatedFailures(address: EmulatorAddress): Promise<Map<string, SimulatedFailureKind>> {
  const { faults } = await control(address, 'GET');
  const entries = Object.entries(faults?.componentFaults ?? {}).filter((entry): entry is [string, SimulatedFailureKind] => isSimulatedFailureKind(entry[1]));
  return new Map(entries);
}

/**
 * Sets (or, with `undefined`, removes) the failure of one component's next copies, keeping every
 * other fault the emulator holds (other components', injected latency, held alarms...): the control
 * API replaces the whole configuration, so it is read first.
 */
export async function setSimulatedFailure(address: EmulatorAddress, componentName: string, kind: SimulatedFailureKind | undefined): Promise<void> {
  const { faults } = await control(address, 'GET');
  const config: FaultConfig = { ...(faults ?? {}) };
  const componentFaults: Record<string, unknown> = { ...(config.componentFaults ?? {}) };
  if (kind) componentFaults[componentName] = kind;
  else delete componentFaults[componentName];
  config.componentFaults = componentFaults;
  await control(address, 'POST', config);
}

/** The message after a change: what was set, when it will show, and how to see it. */
export function simulatedFailureMessage(componentName: string, kind: SimulatedFailureKind | undefined): string {
  if (!kind) return `${componentName}'s next copies start normally again: the simulated failure is removed. A component already Failed stays so until it is updated or deleted.`;
  const failure = simulatedFailures.find((candidate) => candidate.kind === kind);
  return `${componentName}'s next copy will fail (${failure?.label.toLowerCase() ?? kind}) ${failure?.shows ?? ''}. Wake it (a request while it sleeps, or Set Copy Count) to see its row read Failed with a "Why:" row, and Show Logs for its container's lines.`;
}

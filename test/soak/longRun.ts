// The long run: the explorer's data layer (Inventory + RefreshScheduler, as the tree drives them) over
// an account of N endpoints through simulated hours of scale-in/scale-out cycles on the emulator's
// virtual clock, in either account mode: `small` (read whole, eagerly) or `big` (read lazily: the
// tree's visible page of endpoints and some expanded ones, incremental lists and reconciles). Samples
// heap (after gc: node must run with --expose-gc, or the heap check fails), live timers and handles,
// scheduler timers and log lines, so callers can check they stay flat. The heap check fits a
// least-squares line through every sample: its slope, in MB per simulated hour, must be near zero.
import { AccountReader } from '../../src/aws/accountReader';
import { createClients } from '../../src/aws/clients';
import { setCopyCount } from '../../src/aws/resourceActions';
import { Logger } from '../../src/logging/logger';
import { spawn } from 'node:child_process';
import { heapSlopeProblem } from './heapSlope';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { endpointPageSize, Inventory } from '../../src/explorer/inventory/inventory';
import { RefreshScheduler } from '../../src/explorer/inventory/refreshScheduler';

export interface LongRunSample {
  hour: number;
  heapMb: number;
  timeouts: number;
  handles: number;
  schedulerTimers: number;
  logLines: number;
  refreshes: number;
}

export type AccountMode = 'small' | 'big';

export interface LongRunOptions {
  simulatedHours: number;
  endpoints?: number;
  tickMinutes?: number;
  sampleEveryHours?: number;
  /** `small` (default): every resource read (eager); `big`: the inventory's lazy big-account path. */
  mode?: AccountMode;
}

export interface LongRunResult {
  mode: AccountMode;
  /** True when the inventory took the big-account (lazy) path. */
  lazy: boolean;
  samples: LongRunSample[];
  endpoints: number;
  components: number;
  refreshes: number;
  failedRefreshes: number;
  scaleChanges: number;
  logLines: number;
  gcAvailable: boolean;
  /** Components whose copy count the tree shows differently from the emulator at the end. */
  mismatches: string[];
}

const resourceCounts = () => {
  const info = process.getActiveResourcesInfo();
  return { timeouts: info.filter((kind) => kind === 'Timeout').length, handles: info.length };
};

interface EmulatorState {
  inferenceComponents: { name: string; currentCopyCount: number }[];
}

/**
 * The emulator in a process of its own (packages/emulator's command line), driven over HTTP through its
 * control API: the heap sampled here is then the extension code's alone, not the emulated account's
 * (its metrics and activity history grow with simulated time until they reach their retention).
 */
async function startEmulatorProcess() {
  const cli = require.resolve('@s2z/emulator').replace(/index\.js$/, 'cli.js');
  const child = spawn(process.execPath, [cli, '--port', '0', '--time-scale', '0', '--scenario', 'empty'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code}`)));
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
  });
  child.removeAllListeners('exit');
  const control = async <T>(path: string, method = 'GET', body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /__emulator/${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  /** The virtual clock (ms), which moves only when advanced (time scale 0). */
  let now = (await control<{ now: number }>('clock')).now * 1000;
  return {
    url,
    now: () => now,
    advance: async (seconds: number) => {
      now = (await control<{ now: number }>('clock', 'POST', { advanceSeconds: seconds })).now * 1000;
    },
    seed: (options: Record<string, unknown>) => control('seed', 'POST', options),
    state: () => control<EmulatorState>('state'),
    close: async () => {
      lines.close();
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Endpoints the big-account run's tree expands: every fifth of the visible page. */
const expandedEvery = 5;

export async function longRun(options: LongRunOptions): Promise<LongRunResult> {
  const mode = options.mode ?? 'small';
  const endpointCount = options.endpoints ?? 100;
  const tickMinutes = options.tickMinutes ?? 15;
  const emulator = await startEmulatorProcess();
  await emulator.seed({ endpoints: endpointCount, inferenceComponents: endpointCount, prefix: 'soak', coldEvery: 3 });
  const clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  const now = () => new Date(emulator.now());
  const reader = await AccountReader.create(clients, { now, concurrency: 16, rateLimits: {} });
  // A big account: above the eager limit, quiet refreshes list incrementally and reconcile every 30
  // simulated minutes (the reconcile interval runs on the emulator's clock here).
  const inventory =
    mode === 'small'
      ? new Inventory(reader, { now, eagerLimit: 10 * endpointCount })
      : new Inventory(reader, { now, eagerLimit: Math.max(1, Math.floor(endpointCount / 2)), clock: () => emulator.now(), reconcileIntervalMs: 30 * 60_000 });
  const log: string[] = [];
  const sink = (level: string) => (message: string) => log.push(`${level} ${message}`);
  const logger = new Logger({ trace: sink('trace'), debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') });
  let refreshes = 0;
  let failedRefreshes = 0;
  // The tree's subscription, re-made on every refresh as a careless view would: must not accumulate.
  let subscription = inventory.onDidRefresh(() => undefined);
  const pending: { callback: () => void; id: number }[] = [];
  let nextTimer = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  const scheduler = new RefreshScheduler({
    refresh: () => {
      inFlight = inventory.refresh().then(() => {
        refreshes++;
        subscription.dispose();
        subscription = inventory.onDidRefresh(() => undefined);
      });
      return inFlight;
    },
    inTransition: () => inventory.anyInTransition(),
    stableIntervalSeconds: () => 15,
    onError: (error) => {
      failedRefreshes++;
      logger.error('Refresh failed', error);
    },
    setTimer: (callback) => {
      const id = ++nextTimer;
      pending.push({ callback, id });
      return id;
    },
    clearTimer: (handle) => {
      const index = pending.findIndex((timer) => timer.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
  });
  const samples: LongRunSample[] = [];
  let scaleChanges = 0;
  const names = (await emulator.state()).inferenceComponents.map((ic) => ic.name);
  const sample = (hour: number) => {
    const counts = resourceCounts();
    samples.push({ hour, heapMb: heapMb(), ...counts, schedulerTimers: pending.length, logLines: log.length, refreshes });
  };
  /** What the tree shows in a big account: the first page of endpoints, and some of them expanded. */
  const expanded: string[] = [];
  const showTree = async () => {
    if (mode === 'small') return;
    const shown = inventory.endpoints().slice(0, endpointPageSize).map((entry) => entry.summary.name);
    inventory.requestEndpoints(shown);
    for (const [index, name] of shown.entries()) {
      if (index % expandedEvery !== 0) continue;
      if (!expanded.includes(name)) expanded.push(name);
      inventory.requestComponentsOf(name);
    }
    await inventory.whenIdle();
  };
  try {
    await inventory.refresh();
    await showTree();
    scheduler.setVisible(true);
    const ticks = Math.round((options.simulatedHours * 60) / tickMinutes);
    const sampleEvery = Math.max(1, Math.round(((options.sampleEveryHours ?? 1) * 60) / tickMinutes));
    for (let tick = 0; tick < ticks; tick++) {
      const minute = tick * tickMinutes;
      if (minute % 60 === 0) {
        // Each hour a tenth of the components scale in or out (alternating), like a busy account.
        const hour = minute / 60;
        const batch = names.filter((_, index) => index % 10 === hour % 10);
        for (const name of batch) {
          await setCopyCount(clients, name, hour % 2 === 0 ? 0 : 1);
          scaleChanges++;
        }
      }
      await emulator.advance(tickMinutes * 60);
      const timer = pending.shift();
      if (!timer) throw new Error(`tick ${tick}: the scheduler has no timer pending`);
      timer.callback();
      await inFlight.catch(() => undefined);
      await showTree();
      await new Promise((resolve) => setImmediate(resolve));
      if (tick % sampleEvery === sampleEvery - 1) sample(minute / 60 + tickMinutes / 60);
    }
    await inventory.refresh({ full: true });
    await inventory.whenIdle();
    const state = await emulator.state();
    // A big account describes only what the tree shows: the components of the expanded endpoints.
    const shownComponents = mode === 'small' ? state.inferenceComponents : state.inferenceComponents.filter((ic) => expanded.includes(inventory.component(ic.name)?.summary.endpointName ?? ''));
    if (shownComponents.length === 0) throw new Error('the tree showed no component');
    const mismatches = shownComponents
      .filter((ic) => inventory.component(ic.name)?.snapshot?.currentCopyCount !== ic.currentCopyCount)
      .map((ic) => `${ic.name}: tree ${inventory.component(ic.name)?.snapshot?.currentCopyCount} vs ${ic.currentCopyCount}`);
    return {
      mode,
      lazy: inventory.isLazy,
      samples,
      endpoints: inventory.endpoints().length,
      components: state.inferenceComponents.filter((ic) => inventory.component(ic.name)).length,
      refreshes,
      failedRefreshes,
      scaleChanges,
      logLines: log.length,
      gcAvailable: typeof (globalThis as { gc?: unknown }).gc === 'function',
      mismatches,
    };
  } finally {
    scheduler.dispose();
    subscription.dispose();
    clients.destroy();
    await emulator.close();
  }
}

export { heapSlopeMbPerHour } from './heapSlope';

export interface FlatnessLimits {
  /** The heap's fitted slope must stay below this, in MB per simulated hour. */
  heapSlopeMbPerHour: number;
  /** Fewer samples than this cannot show a slope: the check fails. */
  minSamples: number;
}

/** Checks a run stayed flat; returns the problems found (empty when it did). Without gc the heap check fails. */
export function flatnessProblems(result: LongRunResult, limits: FlatnessLimits): string[] {
  const problems: string[] = [];
  const [first] = result.samples;
  if (!first) return ['no samples'];
  if (!result.gcAvailable) {
    problems.push('no heap check: gc is not exposed (run node with --expose-gc; test/integration/.mocharc.json and npm run soak do)');
  } else {
    const problem = heapSlopeProblem(result.samples, limits);
    if (problem) problems.push(problem);
  }
  const maxTimeouts = Math.max(...result.samples.map((sample) => sample.timeouts));
  if (maxTimeouts > first.timeouts + 5) problems.push(`live timers grew from ${first.timeouts} to ${maxTimeouts}`);
  const maxHandles = Math.max(...result.samples.map((sample) => sample.handles));
  if (maxHandles > first.handles + 20) problems.push(`live handles grew from ${first.handles} to ${maxHandles}`);
  if (result.samples.some((sample) => sample.schedulerTimers > 1)) problems.push('the scheduler held more than one timer');
  if (result.logLines > result.refreshes * 2 + 10) problems.push(`${result.logLines} log lines for ${result.refreshes} refreshes`);
  if (result.failedRefreshes > 0) problems.push(`${result.failedRefreshes} refreshes failed`);
  if (result.mismatches.length > 0) problems.push(`the tree disagrees with the account: ${result.mismatches.slice(0, 3).join('; ')}`);
  if (result.lazy !== (result.mode === 'big')) problems.push(`a ${result.mode} account run took the ${result.lazy ? 'lazy (big-account)' : 'eager'} path`);
  return problems;
}

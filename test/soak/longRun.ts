// The long run: the explorer's data layer (Inventory + RefreshScheduler, as the tree drives them) over
// an account of N endpoints through simulated hours of scale-in/scale-out cycles on the emulator's
// virtual clock. Samples heap (after gc when node runs with --expose-gc), live timers and handles,
// scheduler timers, refresh listeners and log lines, so callers can check they stay flat.
import { AccountReader } from '../../src/aws/accountReader';
import { createClients } from '../../src/aws/clients';
import { setCopyCount } from '../../src/aws/resourceActions';
import { Logger } from '../../src/logging/logger';
import { startEmulator } from '@s2z/emulator';
import { Inventory } from '../../src/explorer/inventory/inventory';
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

export interface LongRunResult {
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

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function longRun(options: { simulatedHours: number; endpoints?: number; tickMinutes?: number; sampleEveryHours?: number }): Promise<LongRunResult> {
  const endpointCount = options.endpoints ?? 100;
  const tickMinutes = options.tickMinutes ?? 15;
  const emulator = await startEmulator({ timeScale: 0, scenario: 'empty', timings: { tokenLatencyMs: 0 } });
  emulator.seed({ endpoints: endpointCount, inferenceComponents: endpointCount, prefix: 'soak', coldEvery: 3 });
  const clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  const now = () => new Date(emulator.now());
  const reader = await AccountReader.create(clients, { now, concurrency: 16, rateLimits: {} });
  const inventory = new Inventory(reader, { now, eagerLimit: 10 * endpointCount });
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
  const names = emulator.state().inferenceComponents.map((ic) => ic.name);
  const sample = (hour: number) => {
    const counts = resourceCounts();
    samples.push({ hour, heapMb: heapMb(), ...counts, schedulerTimers: pending.length, logLines: log.length, refreshes });
  };
  try {
    await inventory.refresh();
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
      emulator.advance(tickMinutes * 60);
      const timer = pending.shift();
      if (!timer) throw new Error(`tick ${tick}: the scheduler has no timer pending`);
      timer.callback();
      await inFlight.catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      if (tick % sampleEvery === sampleEvery - 1) sample(minute / 60 + tickMinutes / 60);
    }
    await inventory.refresh({ full: true });
    const state = emulator.state();
    const mismatches = state.inferenceComponents
      .filter((ic) => inventory.component(ic.name)?.snapshot?.currentCopyCount !== ic.currentCopyCount)
      .map((ic) => `${ic.name}: tree ${inventory.component(ic.name)?.snapshot?.currentCopyCount} vs ${ic.currentCopyCount}`);
    return {
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

/** Checks a run stayed flat; returns the problems found (empty when it did). */
export function flatnessProblems(result: LongRunResult, limits: { heapGrowthMb: number }): string[] {
  const problems: string[] = [];
  const [first] = result.samples;
  const last = result.samples.at(-1);
  if (!first || !last) return ['no samples'];
  if (result.gcAvailable && last.heapMb - first.heapMb > limits.heapGrowthMb) {
    problems.push(`heap grew from ${first.heapMb.toFixed(1)} MB to ${last.heapMb.toFixed(1)} MB`);
  }
  const maxTimeouts = Math.max(...result.samples.map((sample) => sample.timeouts));
  if (maxTimeouts > first.timeouts + 5) problems.push(`live timers grew from ${first.timeouts} to ${maxTimeouts}`);
  const maxHandles = Math.max(...result.samples.map((sample) => sample.handles));
  if (maxHandles > first.handles + 20) problems.push(`live handles grew from ${first.handles} to ${maxHandles}`);
  if (result.samples.some((sample) => sample.schedulerTimers > 1)) problems.push('the scheduler held more than one timer');
  if (result.logLines > result.refreshes * 2 + 10) problems.push(`${result.logLines} log lines for ${result.refreshes} refreshes`);
  if (result.failedRefreshes > 0) problems.push(`${result.failedRefreshes} refreshes failed`);
  if (result.mismatches.length > 0) problems.push(`the tree disagrees with the account: ${result.mismatches.slice(0, 3).join('; ')}`);
  return problems;
}

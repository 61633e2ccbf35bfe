import { createServer, type Server } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { type Emulator } from './emulator';
import { type AccountOptions, EmulatorWorld } from './accounts/emulatorWorld';
import { type EmulatorLog } from './emulatorLog';
import { type EmulatorCredentials } from './http/authentication';
import { Dispatcher } from './http/dispatcher';
import { RequestGuard } from './http/requestGuard';
import { RequestRecorder } from './recording/requestRecorder';
import { isScenarioName, type ScenarioName } from './scenarios/scenarios';
import { summarizeState } from './control/stateSummary';
import { resolveTimings, type EmulatorTimings } from './timings';
import { checkTimeScale } from './clock/virtualClock';
import { type BigAccountOptions } from './scenarios/bigAccount';

export type { EmulatorTimings } from './timings';
export type { ScenarioName } from './scenarios/scenarios';
export type { BigAccountOptions } from './scenarios/bigAccount';
export type { AccountOptions } from './accounts/emulatorWorld';

export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Address to bind; 127.0.0.1 by default. Anything not loopback needs `allowNonLoopback`. */
  host?: string;
  allowNonLoopback?: boolean;
  /** Simulated seconds per real second: 1 real time, 30 faster, 0 frozen (default 1). */
  timeScale?: number;
  scenario?: ScenarioName;
  /** Keeps state across restarts (written atomically after every change). */
  stateFile?: string;
  /** When given, requests must be SigV4-signed with this key pair. */
  credentials?: EmulatorCredentials;
  timings?: Partial<EmulatorTimings>;
  /** The home region (default us-east-1): where the scenario's original resources live, and IAM and Account answer. */
  region?: string;
  accountId?: string;
  /**
   * The regions the default account uses (the home region always is one): the opt-in ones among them
   * are enabled (served, ENABLED in ListRegions); the 17 regions AWS enables for every account are
   * served anyway (empty until used). A scenario may add regions (the demo does).
   */
  regions?: string[];
  /**
   * More accounts, each its own world (SageMaker, auto scaling, CloudWatch, logs, scheduler state),
   * reached by requests signed with its key pair (SigV4 checked with its secret). A request signed with
   * any other key reaches the default account. Each starts empty in its regions (default the home region).
   */
  accounts?: AccountOptions[];
  /**
   * Simulated start time, epoch ms. Default: the `S2Z_EMULATOR_START_TIME` environment variable (an ISO
   * 8601 time or epoch ms; the test suites set it so that an emulator the extension starts inside VS
   * Code begins at a known time too), else now.
   */
  startTime?: number;
  log?: EmulatorLog;
  /**
   * The recording mode: a directory where every request the emulator decodes is appended as one JSON
   * line (service, operation, input in the model's member names, time, the test running), for checking
   * against the service models. Default: the `S2Z_EMULATOR_RECORD` environment variable, so that an
   * emulator started inside VS Code's extension host records too; unset, nothing is recorded.
   */
  record?: string;
}

export interface RunningEmulator {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Simulated time, epoch ms. */
  now(): number;
  /** Advances the virtual clock, processing every event on the way in time order. */
  advance(seconds: number): void;
  /** Simulated seconds per real second now. */
  timeScale(): number;
  setTimeScale(timeScale: number): void;
  /** Resets the default account (every region of it) to a scenario. */
  reset(scenario: ScenarioName): void;
  /** Adds a big, settled account (benchmarks) in `region` (default the home region): the same as POST /__emulator/seed?region=. */
  seed(options: BigAccountOptions & { region?: string }): { endpoints: string[]; inferenceComponents: string[] };
  /** The default account's regions that have a partition now (the home region first): the scenario's, the configured ones and the ones used since. */
  regions(): string[];
  /** The plain summary GET /__emulator/state returns. */
  state(): ReturnType<typeof summarizeState>;
  close(): Promise<void>;
}

/** What the package's own tests also reach: the emulator's internals. Not exported by index.ts. */
export interface RunningEmulatorInternals extends RunningEmulator {
  /** The home partition (the default account in the home region). */
  readonly emulator: Emulator;
  readonly world: EmulatorWorld;
}

/** S2Z_EMULATOR_START_TIME, when set: an ISO 8601 time or epoch milliseconds. */
function startTimeFromEnvironment(): number | undefined {
  const value = process.env.S2Z_EMULATOR_START_TIME?.trim();
  if (!value) return undefined;
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(time)) throw new RangeError(`S2Z_EMULATOR_START_TIME is "${value}": give an ISO 8601 time (2026-12-09T10:00:00Z) or epoch milliseconds, or unset it to start at the current time.`);
  return time;
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

/** Starts the local SageMaker emulator on one HTTP port serving every emulated service. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulatorInternals> {
  const host = options.host ?? '127.0.0.1';
  if (!loopback.has(host) && !options.allowNonLoopback) {
    throw new RangeError(`Refusing to listen on ${host}: the emulator binds to 127.0.0.1 unless allowNonLoopback is set.`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError('port must be an integer between 0 and 65535');
  const scenario = options.scenario ?? 'empty';
  if (!isScenarioName(scenario)) throw new RangeError(`Unknown scenario "${String(scenario)}"`);
  const log: EmulatorLog = options.log ?? (() => undefined);
  const world = new EmulatorWorld({
    timeScale: checkTimeScale(options.timeScale ?? 1),
    scenario,
    stateFile: options.stateFile,
    credentials: options.credentials,
    timings: resolveTimings(options.timings),
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    regions: options.regions,
    accounts: options.accounts,
    startTime: options.startTime ?? startTimeFromEnvironment() ?? Date.now(),
    log,
  });
  const emulator = world.home;
  const recordDirectory = options.record ?? (process.env.S2Z_EMULATOR_RECORD || undefined);
  const dispatcher = new Dispatcher(world, recordDirectory ? new RequestRecorder(recordDirectory, log) : undefined);
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    dispatcher.handle(request, response).catch((error: unknown) => {
      log('error', `Unhandled request failure: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  dispatcher.guard = new RequestGuard(address.address, address.port);
  if (!loopback.has(host)) {
    log('warn', `Listening on ${host}, beyond this machine: the control API (/__emulator/) has no authentication, and anyone who can reach ${host}:${address.port} can reset, seed or fault the emulator.`);
  }
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  log('info', `SageMaker emulator listening on ${url}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    host,
    emulator,
    world,
    now: () => world.simulation.now(),
    advance: (seconds) => {
      world.simulation.advance(seconds);
      world.persist();
    },
    timeScale: () => world.clock.timeScale,
    setTimeScale: (timeScale) => world.simulation.setTimeScale(timeScale),
    reset: (name) => world.reset(name),
    seed: ({ region, ...seedOptions }) => world.seed(seedOptions, { region }),
    regions: () => world.regions(),
    state: () => {
      emulator.simulation.catchUp();
      return summarizeState(emulator.store, emulator);
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        world.stop();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

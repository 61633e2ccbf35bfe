import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Emulator } from '../emulator';
import { type EmulatorWorld, type PartitionSelection } from '../accounts/emulatorWorld';
import { isScenarioName, scenarioNames } from '../scenarios/scenarios';
import { parseFaultConfig } from './faults';
import { parseSettingRefusals } from './settingRefusals';
import { parseBigAccountOptions } from '../scenarios/bigAccount';
import { ServiceError } from '../http/serviceError';
import { summarizeState } from './stateSummary';
import { checkJsonDepth } from '../protocols/shapeValidation';

export const controlPrefix = '/__emulator/';

/**
 * The emulator's own JSON API under /__emulator/ (no SigV4): the clock (one for every partition),
 * resets to a scenario, injected faults, seeds and a state summary. `?region=<code>&account=<id>`
 * selects the partition a route acts on (default: the default account's home region); a reset without
 * `region` resets the whole account. Documented in docs/emulator.md.
 */
export async function handleControl(world: EmulatorWorld, request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams, body: Buffer): Promise<void> {
  const route = `${request.method ?? 'GET'} ${path.slice(controlPrefix.length).replace(/\/$/, '')}`;
  const selection: PartitionSelection = { region: query.get('region') ?? undefined, accountId: query.get('account') ?? undefined };
  if (route === 'GET regions') return send(response, 200, { accounts: world.describe() });
  let input: Record<string, unknown> = {};
  if (body.length > 0) {
    try {
      const text = body.toString('utf8');
      checkJsonDepth(text);
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return send(response, 400, { error: 'Expected a JSON object.' });
      input = parsed as Record<string, unknown>;
    } catch (error) {
      return send(response, 400, { error: error instanceof ServiceError ? error.message : 'Malformed JSON body.' });
    }
  }
  let emulator: Emulator;
  try {
    // The clock is the world's; reset selects the account (a region only when named).
    emulator = route === 'POST reset' ? world.home : world.select(selection);
  } catch (error) {
    if (error instanceof ServiceError) return send(response, error.status, { error: error.message });
    throw error;
  }
  const { simulation } = emulator;
  switch (route) {
    case 'GET clock':
      simulation.catchUp();
      return send(response, 200, clockView(emulator));
    case 'POST clock': {
      const { advanceSeconds, timeScale } = input;
      if (advanceSeconds === undefined && timeScale === undefined) return send(response, 400, { error: 'Give advanceSeconds and/or timeScale.' });
      if (advanceSeconds !== undefined && (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0 || advanceSeconds > 366 * 86400)) {
        return send(response, 400, { error: 'advanceSeconds must be a number between 0 and 31622400.' });
      }
      if (timeScale !== undefined && (typeof timeScale !== 'number' || !Number.isFinite(timeScale) || timeScale < 0 || timeScale > 1_000_000)) {
        return send(response, 400, { error: 'timeScale must be a number between 0 and 1000000.' });
      }
      simulation.catchUp();
      if (typeof timeScale === 'number') simulation.setTimeScale(timeScale);
      if (typeof advanceSeconds === 'number') simulation.advance(advanceSeconds);
      world.persist();
      return send(response, 200, clockView(emulator));
    }
    case 'POST reset': {
      const scenario = input.scenario ?? 'empty';
      if (!isScenarioName(scenario)) return send(response, 400, { error: `scenario must be one of: ${scenarioNames.join(', ')}.` });
      try {
        world.reset(scenario, selection);
      } catch (error) {
        if (error instanceof ServiceError) return send(response, error.status, { error: error.message });
        throw error;
      }
      return send(response, 200, { scenario, ...clockView(emulator) });
    }
    case 'GET faults':
      return send(response, 200, { faults: emulator.faults.current ?? null });
    case 'POST faults': {
      const config = parseFaultConfig(input);
      if (typeof config === 'string') return send(response, 400, { error: config });
      emulator.faults.set(config);
      emulator.alarms.hold(config.alarmStates ?? {}, simulation.now());
      // Capacity may have come or gone: place the copies waiting for an instance again.
      emulator.lifecycle.refresh(simulation.now());
      return send(response, 200, { faults: config });
    }
    case 'DELETE faults':
      emulator.faults.clear();
      emulator.alarms.hold({}, simulation.now());
      emulator.lifecycle.refresh(simulation.now());
      return send(response, 200, { faults: null });
    case 'GET refusals':
      return send(response, 200, { refusals: emulator.refusals.current });
    case 'POST refusals': {
      const config = parseSettingRefusals(input);
      if (typeof config === 'string') return send(response, 400, { error: config });
      emulator.refusals.set(config);
      return send(response, 200, { refusals: emulator.refusals.current });
    }
    case 'DELETE refusals':
      emulator.refusals.clear();
      return send(response, 200, { refusals: emulator.refusals.current });
    case 'POST seed': {
      const options = parseBigAccountOptions(input);
      if (typeof options === 'string') return send(response, 400, { error: options });
      try {
        const seeded = await emulator.seedInChunks(options);
        return send(response, 200, { endpoints: seeded.endpoints.length, inferenceComponents: seeded.inferenceComponents.length, ...clockView(emulator) });
      } catch (error) {
        if (error instanceof ServiceError) return send(response, error.status, { error: error.message });
        throw error;
      }
    }
    case 'GET requests':
      return send(response, 200, emulator.requests.snapshot());
    case 'DELETE requests':
      emulator.requests.clear();
      return send(response, 200, emulator.requests.snapshot());
    case 'GET state':
      simulation.catchUp();
      return send(response, 200, {
        ...clockView(emulator),
        ...summarizeState(emulator.store, emulator),
        metrics: emulator.counters.snapshot(),
        region: emulator.settings.region,
        accountId: emulator.settings.accountId,
        pendingEvents: simulation.pending().map((event) => ({ at: event.at / 1000, label: event.label })),
      });
    default:
      return send(response, 404, { error: `No control route ${route}.` });
  }
}

function clockView(emulator: Emulator): { now: number; timeScale: number } {
  return { now: emulator.simulation.now() / 1000, timeScale: emulator.clock.timeScale };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  response.end(bytes);
}

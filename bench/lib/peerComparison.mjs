// Scenario 5 of `npm run bench` (issue 16, item 6): our emulator beside moto_server, the fake AWS many
// developers use. Both run in their own process on loopback (the emulator through
// packages/emulator/bench/server.cjs, empty account, frozen clock; moto_server from PATH). Then
//   1. speed: the same endpoints seeded in both through the SDK, DescribeEndpoint and ListEndpoints
//      measured on each (bench/lib/endpointLatency.mjs);
//   2. support: both emptied, and every scale-to-zero call of the product probed on each
//      (bench/lib/scaleToZeroProbes.mjs), every request sent checked against AWS's models
//      (bench/lib/modelCheck.cjs) before any answer is called wrong.
// Without moto_server the scenario reports why and the rest of the bench runs.
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { createRequire } from 'node:module';
import { startServer } from '../../packages/emulator/bench/throughput.mjs';
import { latencyOperations, measureLatency, seedEndpoints } from './endpointLatency.mjs';
import { peerClients } from './peerClients.mjs';
import { classifyProbes, runProbes } from './scaleToZeroProbes.mjs';

const require = createRequire(import.meta.url);
const { startMotoServer } = require('./motoServer.cjs');
const { checkAgainstModels } = require('./modelCheck.cjs');
/** The emulator's control API (no signing): move or read its clock, reset it. */
const { control } = require('./bigAccount.cjs');


async function listedCount(clients, pageSize) {
  const page = await clients.sageMaker.send(new ListEndpointsCommand({ MaxResults: pageSize }));
  return (page.Endpoints ?? []).length;
}

/**
 * @param depsPath the bench's bundle (startEmulator)
 * @param options { endpoints (seeded in each, default 50), pageSize (ListEndpoints' MaxResults, default 50),
 *   concurrency, warmup, requests (measured per operation and server), log }
 */
export async function runPeerComparison(depsPath, options = {}) {
  const log = options.log ?? (() => undefined);
  const endpoints = options.endpoints ?? 50;
  const pageSize = options.pageSize ?? 50;
  const started = performance.now();
  const moto = await startMotoServer();
  if (moto.missing) {
    log(`peer comparison left out: ${moto.missing}`);
    return { motoMissing: moto.missing };
  }
  const emulatorProcess = await startServer('emulator', depsPath, { scenario: 'empty', timeScale: 0, timings: { tokenLatencyMs: 0 } });
  const emulatorUrl = `http://127.0.0.1:${emulatorProcess.port}`;
  // Every request either server is sent, in order, for the model check.
  const recorded = [];
  const recorder = (request) => recorded.push(request);
  const clients = { emulator: peerClients(emulatorUrl, { recorder }), moto: peerClients(moto.url, { recorder }) };
  const measuring = [];
  try {
    log(`moto ${moto.version ?? '(version unknown)'} at ${moto.url}, emulator at ${emulatorUrl}: seeding ${endpoints} endpoints in each`);
    const names = await seedEndpoints(clients.emulator, endpoints);
    await seedEndpoints(clients.moto, endpoints);
    const seedRequests = recorded.splice(0);
    // moto's endpoints are InService at once; let the emulator's clock pass their creation time too.
    await control(emulatorUrl, 'POST', 'clock', { advanceSeconds: 300 });
    const listed = { emulator: await listedCount(clients.emulator, pageSize), moto: await listedCount(clients.moto, pageSize) };
    if (listed.emulator !== Math.min(endpoints, pageSize) || listed.moto !== listed.emulator) {
      throw new Error(`the two accounts differ after seeding: ListEndpoints lists ${listed.emulator} on the emulator, ${listed.moto} on moto`);
    }
    // The measured requests are two kinds only: check one of each, then stop recording them.
    const measuredKinds = [];
    const operations = latencyOperations(names, pageSize);
    for (const send of Object.values(operations)) {
      await send(clients.emulator, 0);
      measuredKinds.push(recorded.at(-1));
    }
    recorded.length = 0;
    // Measured through clients without the recorder: the same SDK clients, nothing added to their stack.
    const measured = { emulator: peerClients(emulatorUrl), moto: peerClients(moto.url) };
    measuring.push(measured.emulator, measured.moto);
    const latency = await measureLatency(measured, operations, {
      concurrency: options.concurrency ?? 8,
      warmup: options.warmup ?? 300,
      requests: options.requests ?? 4000,
      log,
    });
    const ratios = {};
    for (const [operation, byServer] of Object.entries(latency.results)) {
      ratios[operation] = {
        throughput: byServer.emulator.perSecond / byServer.moto.perSecond,
        p50: byServer.moto.p50Ms / byServer.emulator.p50Ms,
        p99: byServer.moto.p99Ms / byServer.emulator.p99Ms,
      };
    }

    log('probing the scale-to-zero operations on both');
    await control(emulatorUrl, 'POST', 'reset', { scenario: 'empty' });
    await moto.reset();
    recorded.length = 0;
    let virtualNow = (await control(emulatorUrl, 'GET', 'clock')).now * 1000;
    const emulatorRun = await runProbes({
      clients: clients.emulator,
      recorded,
      now: () => virtualNow,
      advance: async (seconds) => {
        virtualNow = (await control(emulatorUrl, 'POST', 'clock', { advanceSeconds: seconds })).now * 1000;
      },
    });
    const motoRun = await runProbes({ clients: clients.moto, recorded, now: () => Date.now(), capture: () => moto.capture() });

    // Every request the probes sent (the checks' follow-up calls included), the seeding's and one of
    // each measured kind, against the models.
    const modelCheck = checkAgainstModels([...recorded, ...seedRequests, ...measuredKinds]);
    if (modelCheck.skipped) log(`requests not checked against AWS's models: ${modelCheck.skipped}`);
    else log(`${modelCheck.checked} requests (${modelCheck.operations} operations) checked against botocore ${modelCheck.botocore}'s models: ${modelCheck.violations.length} break them`);
    const byIndex = new Map((modelCheck.violations ?? []).map((entry) => [entry.index, entry.violations]));
    const violationsOf = (index) => byIndex.get(index) ?? [];
    const emulatorProbes = classifyProbes(emulatorRun, violationsOf);
    const motoProbes = classifyProbes(motoRun, violationsOf);
    const support = emulatorProbes.map((probe, index) => ({ service: probe.service, row: probe.row, behaviour: probe.behaviour, emulator: probe, moto: motoProbes[index] }));
    const count = (results, verdict) => results.filter((result) => result.verdict === verdict).length;
    const tally = (results) => ({ works: count(results, 'works'), notImplemented: count(results, 'not implemented'), wrong: count(results, 'wrong'), invalidProbes: count(results, 'invalid probe'), probes: results.length });
    return {
      moto: { version: moto.version, command: 'moto_server -H 127.0.0.1 -p <free port>' },
      seededEndpoints: endpoints,
      listed,
      latency,
      ratios,
      support,
      modelCheck,
      tally: { emulator: tally(emulatorProbes), moto: tally(motoProbes) },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const set of [clients.emulator, clients.moto, ...measuring]) set.destroy();
    await emulatorProcess.stop();
    await moto.stop();
  }
}

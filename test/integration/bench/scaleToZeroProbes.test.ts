import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

interface Recorded {
  service: string;
  operation: string;
  params: unknown;
}
interface ClassifiedProbe {
  service: string;
  row: string;
  verdict: string;
  why: string;
  requestsSent: number;
}
interface ProbesModule {
  probes: unknown[];
  runProbes(server: { clients: unknown; recorded: Recorded[]; now(): number; advance(seconds: number): Promise<void> }): Promise<unknown[]>;
  classifyProbes(results: unknown[], violationsOf: (index: number) => string[]): ClassifiedProbe[];
}
interface ClientsModule {
  peerClients(endpoint: string, options: { recorder: (request: Recorded) => void }): { destroy(): void };
}
interface ModelCheckModule {
  checkAgainstModels(requests: Recorded[]): { skipped?: string; checked?: number; violations?: { index: number; operation: string; violations: string[] }[] };
}

const benchLib = resolve(__dirname, '..', '..', '..', '..', 'bench', 'lib');

// The bench's scenario 5 (bench/lib/scaleToZeroProbes.mjs) against the emulator alone, as `npm run bench`
// runs it beside moto_server: every scale-to-zero call of the product and the behaviours scale to zero
// rests on, each request checked against botocore's models first (python3 with botocore: without them
// this fails and says so). Keeps the bench's probes alive and the emulator's support of the whole list.
describe('Benchmark code path: the scale-to-zero probes against the emulator', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator | undefined;
  let clients: { destroy(): void } | undefined;
  afterEach(async () => {
    clients?.destroy();
    await emulator?.close();
  });

  it('every probe works, and every request the probes send is one AWS’s models accept', async () => {
    const { runProbes, classifyProbes, probes } = (await import(pathToFileURL(resolve(benchLib, 'scaleToZeroProbes.mjs')).href)) as ProbesModule;
    const { peerClients } = (await import(pathToFileURL(resolve(benchLib, 'peerClients.mjs')).href)) as ClientsModule;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkAgainstModels } = require(resolve(benchLib, 'modelCheck.cjs')) as ModelCheckModule;

    const running = await startEmulator({ scenario: 'empty', timeScale: 0, timings: { tokenLatencyMs: 0 } });
    emulator = running;
    const recorded: Recorded[] = [];
    clients = peerClients(running.url, { recorder: (request) => recorded.push(request) });
    const answers = await runProbes({
      clients,
      recorded,
      now: () => running.now(),
      advance: async (seconds) => running.advance(seconds),
    });

    const check = checkAgainstModels(recorded);
    assert.equal(check.skipped, undefined, `the requests could not be checked against AWS's models: ${check.skipped}`);
    assert.deepEqual(check.violations, [], 'a probe sends a request the model refuses');
    // No request breaks the model (asserted above): no probe is void.
    const results = classifyProbes(answers, () => []);

    assert.equal(results.length, probes.length);
    assert.ok(results.every((result) => result.requestsSent >= 1), 'every probe sends its request');
    const failing = results.filter((result) => result.verdict !== 'works').map((result) => `${result.service} ${result.row}: ${result.verdict}: ${result.why}`);
    assert.deepEqual(failing, []);
  });
});

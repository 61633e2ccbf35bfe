import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { AccountReader } from '../../../src/aws/accountReader';
import { createClients } from '../../../src/aws/clients';
import { setCopyCount } from '../../../src/aws/resourceActions';
import { startEmulator } from '@s2z/emulator';
import { endpointPageSize, Inventory } from '../../../src/explorer/inventory/inventory';
import { RefreshScheduler } from '../../../src/explorer/inventory/refreshScheduler';

interface BigAccountModule {
  runBigAccount(deps: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
}

// The benchmark's scenario 2 (bench/lib/bigAccount.cjs), small and fast: keeps its code path alive.
// No timing is asserted here; `npm run bench` checks the targets.
describe('Benchmark code path: big account (small version)', function () {
  this.timeout(60_000);

  it('runs scenario 2 at 20 endpoints / 40 ICs and reports every field', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runBigAccount } = require(resolve(__dirname, '..', '..', '..', '..', 'bench', 'lib', 'bigAccount.cjs')) as BigAccountModule;
    const deps = { startEmulator, createClients, AccountReader, Inventory, RefreshScheduler, setCopyCount, endpointPageSize };
    const result = await runBigAccount(deps, {
      endpoints: 20,
      inferenceComponents: 40,
      latencyMs: 5,
      rateLimits: { DescribeInferenceComponent: 50, DescribeEndpoint: 50 },
      steadySeconds: 2,
      stableIntervalSeconds: 1,
      transitionIntervalSeconds: 1,
      copyStartSeconds: 2,
      transitionSamples: 1,
      naive: true,
      naiveTimeoutMs: 20_000,
      // 60 resources is a small account: read it lazily anyway, as a big one is.
      eagerLimit: 10,
    });
    for (const field of [
      'firstPaintMs', 'firstPaintCalls', 'endpointsPainted', 'screenRows', 'screenShown', 'screenCountsMs', 'initialLoadMs', 'initialLoadCalls',
      'quietCalls', 'quietCallsPerMinute', 'quietCallsPerMinuteWithReconcile', 'transitionShown', 'transitionLatencyMaxMs',
      'totalCalls', 'requestsReceived', 'throttledRequests', 'throttlingErrorsShown', 'naive',
    ]) {
      assert.ok(result[field] !== undefined, `missing ${field}: ${JSON.stringify(result)}`);
    }
    assert.equal(result.endpointsPainted, 20);
    assert.equal(result.screenShown, true);
    const naive = result.naive as Record<string, unknown>;
    for (const field of ['finished', 'refreshSeconds', 'callsPerRefresh', 'callsPerMinute', 'throttledRequests', 'throttlingErrorsShown']) {
      assert.ok(naive[field] !== undefined, `missing naive.${field}`);
    }
    assert.equal(naive.finished, true);
  });
});

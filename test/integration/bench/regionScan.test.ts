import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startEmulator } from '@s2z/emulator';
import { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { createClients, loadSdk } from '../../../src/aws/clients';
import { scanRegions } from '../../../src/regions/scan/regionScanner';
import { connectionScanTarget } from '../../../src/regions/scan/scanTargets';

interface Run {
  firstRegionMs: number;
  fullMs: number;
  calls: number;
  byOperation: Record<string, number>;
  requestsReceived: number;
  throttledRequests: number;
  endpoints: number;
  runningInstances: number;
  idle: number;
  regionsDone?: number;
  regionsFailed?: string[];
  failure?: string;
}
interface RegionScanModule {
  runRegionScan(deps: unknown, options: Record<string, unknown>): Promise<{ runs: Record<string, Run> }>;
}

// The benchmark's all-regions scenario (bench/lib/regionScan.cjs), small and fast: keeps its code path
// alive and checks the two scans agree. No timing is asserted here; `npm run bench -- --only regions` reports them.
describe('Benchmark code path: the all-regions scan beside a naive one (small version)', function () {
  this.timeout(120_000);

  it('scans 3 regions × 10 endpoints both ways, with and without AWS-like rate limits, and both find the same', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runRegionScan } = require(resolve(__dirname, '..', '..', '..', '..', 'bench', 'lib', 'regionScan.cjs')) as RegionScanModule;
    const { runs } = await runRegionScan({ startEmulator, createClients, loadSdk, scanRegions, connectionScanTarget, GetMetricStatisticsCommand }, { regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'], endpoints: 30 });
    const scanner = runs['scanner:unlimited'];
    const naive = runs['naive:unlimited'];
    assert.equal(scanner.endpoints, 30);
    assert.equal(scanner.regionsDone, 3);
    assert.equal(naive.failure, undefined);
    assert.equal(naive.endpoints, 30);
    assert.equal(scanner.runningInstances, naive.runningInstances);
    assert.equal(scanner.idle, naive.idle);
    assert.ok(scanner.idle > 0, 'the seed has idle endpoints');
    assert.ok(scanner.calls < naive.calls, `${scanner.calls} calls against the naive ${naive.calls}`);
    assert.equal(scanner.requestsReceived, scanner.calls, 'every call counted once, none retried');
    assert.equal(naive.requestsReceived, naive.calls);
    assert.ok(scanner.firstRegionMs <= scanner.fullMs);
    assert.ok((scanner.byOperation.GetMetricData ?? 0) <= 3, 'one GetMetricData a region at this size');
    const limited = runs['scanner:awsRateLimits'];
    assert.equal(limited.endpoints, 30);
    assert.deepEqual(limited.regionsFailed, []);
  });
});

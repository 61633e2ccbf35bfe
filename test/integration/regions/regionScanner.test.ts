import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeEndpointCommand, DescribeInferenceComponentCommand, ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { createClients } from '../../../src/aws/clients';
import { hourlyPrice } from '../../../src/cost/pricing';
import { optInRegions } from '../../../src/aws/profiles';
import { invocationWindow } from '../../../src/regions/scan/invocationQueries';
import { scanRegions, type ScanOptions } from '../../../src/regions/scan/regionScanner';
import { type RegionResult, type ScanEvent, type ScannedEndpoint } from '../../../src/regions/scan/regionScanModel';
import { connectionScanTarget } from '../../../src/regions/scan/scanTargets';
import { RequestProbe } from './requestProbe';

/** The 17 regions AWS enables for every account (the emulator serves them all). */
const defaultRegions = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1',
  'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1',
];

async function setFaults(emulator: RunningEmulator, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  assert.equal(response.status, 200, await response.text());
}

/** Requests the emulator received, over every partition (the counts are kept per account and region). */
async function requestsReceived(emulator: RunningEmulator): Promise<number> {
  const { accounts } = (await (await fetch(`${emulator.url}/__emulator/regions`)).json()) as { accounts: { accountId: string; regions: string[] }[] };
  let total = 0;
  for (const account of accounts) {
    for (const code of account.regions) total += ((await (await fetch(`${emulator.url}/__emulator/requests?account=${account.accountId}&region=${code}`)).json()) as { total: number }).total;
  }
  return total;
}

const region = (results: readonly RegionResult[], code: string): RegionResult => {
  const found = results.find((result) => result.region === code);
  assert.ok(found, `${code} was scanned`);
  return found;
};
const endpointIn = (result: RegionResult, name: string): ScannedEndpoint => {
  const found = result.endpoints.find((endpoint) => endpoint.name === name);
  assert.ok(found, `${name} in ${result.region}: ${result.endpoints.map((endpoint) => endpoint.name).join(', ')}`);
  return found;
};

describe('the all-regions scan against the multi-region emulator demo', () => {
  let emulator: RunningEmulator;
  const target = () => connectionScanTarget({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  const scan = (options: Partial<ScanOptions> = {}) => scanRegions({ targets: [target()], now: () => emulator.now(), ...options });

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('lists the enabled regions with ListRegions and classifies the demo\'s endpoints in each', async function () {
    this.timeout(30_000);
    const report = await scan();
    assert.equal(report.cancelled, false);
    const [result] = report.targets;
    assert.equal(result.error, undefined);
    assert.equal(result.regionList.source, 'listRegions');
    assert.equal(result.regionList.note, undefined);
    for (const code of defaultRegions) assert.ok(result.regionList.regions.includes(code), `${code} is enabled for every account`);
    assert.deepEqual(result.regions.map((entry) => entry.region).sort(), [...result.regionList.regions].sort(), 'every listed region scanned once');
    assert.deepEqual(result.regions.filter((entry) => entry.state !== 'done').map((entry) => `${entry.region}: ${entry.error}`), []);

    const forgotten = endpointIn(region(result.regions, 'eu-west-1'), 'forgotten-llm');
    assert.equal(forgotten.runningInstances, 1);
    assert.deepEqual(forgotten.instanceTypes, ['ml.g5.2xlarge']);
    assert.equal(forgotten.hourlyUsd, hourlyPrice('ml.g5.2xlarge'));
    assert.equal(forgotten.invocations, 0);
    assert.equal(forgotten.idle, true, 'running 12 days without an invocation');
    assert.equal(forgotten.scalesToZero, false);
    assert.ok(forgotten.notScaleToZeroReasons.includes('MinInstanceCount is 1: at least that many instances always run and bill.'), forgotten.notScaleToZeroReasons.join(' | '));
    assert.ok(forgotten.notScaleToZeroReasons.some((reason) => /^forgotten-llm-ic keeps instances alive: No Application Auto Scaling target/.test(reason)), forgotten.notScaleToZeroReasons.join(' | '));

    const oregon = region(result.regions, 'us-west-2');
    const bot = endpointIn(oregon, 'support-bot');
    assert.ok((bot.invocations ?? 0) > 0, `support-bot is invoked every hour: ${bot.invocations}`);
    assert.equal(bot.idle, false);
    assert.equal(bot.scalesToZero, false);
    const nightly = endpointIn(oregon, 'nightly-embeddings');
    assert.equal(nightly.scalesToZero, true, nightly.notScaleToZeroReasons.join(' | '));
    assert.equal(nightly.runningInstances, 0);
    assert.equal(nightly.hourlyUsd, 0);
    assert.equal(nightly.idle, false, 'nothing runs: nothing to call idle');
    assert.deepEqual(nightly.components.map((component) => [component.currentCopies, component.minCopies]), [[0, 0]]);

    const tokyo = region(result.regions, 'ap-northeast-1');
    assert.equal(tokyo.state, 'done');
    assert.deepEqual(tokyo.totals, { endpoints: 0, runningInstances: 0, hourlyUsd: 0, unpricedEndpoints: 0, notScaleToZero: 0, idle: 0 });
    assert.deepEqual(region(result.regions, 'us-east-1').endpoints.map((endpoint) => endpoint.name), ['demo-always-on', 'demo-cold', 'demo-scale-to-zero']);
    assert.equal(report.pricing?.region, 'us-east-1');
  });

  it('reports exactly what the APIs say, read back with the SDK: instances, copies, minimum copies, invocations, cost', async function () {
    this.timeout(30_000);
    const report = await scan({ onlyRegions: ['us-east-1', 'eu-west-1', 'us-west-2'] });
    const results = report.targets[0].regions;
    assert.equal(results.length, 3);
    let checked = 0;
    for (const result of results) {
      assert.equal(result.state, 'done', result.error);
      const clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: result.region });
      try {
        const listed = await clients.sageMaker.send(new ListEndpointsCommand({ MaxResults: 100 }));
        assert.deepEqual(result.endpoints.map((endpoint) => endpoint.name).sort(), (listed.Endpoints ?? []).map((endpoint) => endpoint.EndpointName).sort());
        const targets = await clients.autoScaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
        const window = invocationWindow(emulator.now(), report.idleDays);
        for (const scanned of result.endpoints) {
          const described = await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: scanned.name }));
          const running = (described.ProductionVariants ?? []).reduce((total, variant) => total + (variant.CurrentInstanceCount ?? 0), 0);
          assert.equal(scanned.runningInstances, running, `${scanned.name} instances`);
          if (scanned.instanceTypes.length === 1 && scanned.hourlyUsd !== undefined) assert.equal(scanned.hourlyUsd, Math.round(running * hourlyPrice(scanned.instanceTypes[0])! * 1000) / 1000);
          let invocations = 0;
          for (const component of scanned.components) {
            const ic = await clients.sageMaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: component.name }));
            assert.equal(component.currentCopies, ic.RuntimeConfig?.CurrentCopyCount ?? 0, `${component.name} copies`);
            const registered = (targets.ScalableTargets ?? []).find((entry) => entry.ResourceId === `inference-component/${component.name}`);
            assert.equal(component.minCopies, registered?.MinCapacity, `${component.name} minimum copies`);
            // Another API than the scan's GetMetricData: GetMetricStatistics over the same window.
            const stats = await clients.cloudWatch.send(
              new GetMetricStatisticsCommand({
                Namespace: 'AWS/SageMaker',
                MetricName: 'Invocations',
                Dimensions: [{ Name: 'InferenceComponentName', Value: component.name }],
                StartTime: window.start,
                EndTime: window.end,
                Period: window.periodSeconds,
                Statistics: ['Sum'],
              }),
            );
            invocations += (stats.Datapoints ?? []).reduce((total, point) => total + (point.Sum ?? 0), 0);
            checked++;
          }
          assert.equal(scanned.invocations, invocations, `${scanned.name} invocations`);
        }
      } finally {
        clients.destroy();
      }
    }
    assert.ok(checked >= 6, `${checked} components read back`);
  });

  it('falls back to the built-in list when ListRegions is denied: opt-in regions the account did not enable fail with words saying so, the others scan', async function () {
    this.timeout(30_000);
    await setFaults(emulator, { latencyMs: 0, throttleRate: 0, errorRate: 0, accessDenied: ['ListRegions'] });
    const report = await scan({ regionConcurrency: 8 });
    const [result] = report.targets;
    assert.equal(result.regionList.source, 'fallback');
    assert.match(result.regionList.note ?? '', /account:ListRegions/);
    assert.match(result.regionList.note ?? '', /AccessDeniedException/);
    for (const entry of result.regions) {
      if (optInRegions.has(entry.region)) {
        assert.equal(entry.state, 'failed', entry.region);
        assert.match(entry.error ?? '', new RegExp(`^${entry.region} refused the credentials \\(UnrecognizedClientException\\): it is an opt-in region`));
      } else assert.equal(entry.state, 'done', `${entry.region}: ${entry.error}`);
    }
    assert.ok(endpointIn(region(result.regions, 'eu-west-1'), 'forgotten-llm').idle);
  });

  it('keeps scanning the other regions when one fails, and says which and what to do', async function () {
    this.timeout(30_000);
    await setFaults(emulator, { latencyMs: 0, throttleRate: 0, errorRate: 0, regionsDown: ['us-west-2'] });
    const report = await scan();
    const [result] = report.targets;
    const down = region(result.regions, 'us-west-2');
    assert.equal(down.state, 'failed');
    assert.match(down.error ?? '', /^Scanning us-west-2 stopped: .*\(ServiceUnavailable\)\. Scan us-west-2 again later\.$/);
    assert.equal(result.regions.filter((entry) => entry.state === 'done').length, result.regions.length - 1);
    assert.ok(endpointIn(region(result.regions, 'eu-west-1'), 'forgotten-llm'));
    // A rescan of that one region once it is back.
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    const rescan = await scan({ onlyRegions: ['us-west-2'] });
    assert.deepEqual(rescan.targets[0].regions.map((entry) => [entry.region, entry.state]), [['us-west-2', 'done']]);
  });

  it('fires an event as each region finishes, after the list, and the report holds the same results', async function () {
    this.timeout(30_000);
    const events: ScanEvent[] = [];
    const report = await scan({ onEvent: (event) => events.push(event) });
    assert.equal(events[0].type, 'regionsListed');
    const done = events.filter((event) => event.type === 'regionDone').map((event) => event.result);
    assert.equal(done.length, report.targets[0].regionList.regions.length);
    assert.equal(events.length, done.length + 1);
    assert.deepEqual(new Set(done), new Set(report.targets[0].regions), 'the very results the report holds');
  });

  it('never has more than callConcurrency requests in flight in a region, nor more than regionConcurrency regions', async function () {
    this.timeout(60_000);
    for (const code of ['eu-central-1', 'ap-southeast-2', 'sa-east-1']) emulator.seed({ endpoints: 30, inferenceComponents: 45, prefix: `bound-${code.replace(/-/g, '')}`, region: code });
    const probe = new RequestProbe();
    const report = await scanRegions({ targets: [probe.watch(target())], now: () => emulator.now(), regionConcurrency: 2, callConcurrency: 3 });
    const results = report.targets[0].regions;
    assert.ok(results.every((entry) => entry.state === 'done'));
    assert.equal(region(results, 'eu-central-1').totals.endpoints, 30);
    const most = Math.max(...probe.mostInFlight.values());
    assert.equal(most, 3, `the busiest region had ${most} requests in flight`);
    assert.ok(probe.mostRegionsInFlight <= 2, `${probe.mostRegionsInFlight} regions at once`);
    assert.equal(probe.mostRegionsInFlight, 2);
    assert.equal(probe.made, results.length, 'one set of clients per region');
    assert.equal(probe.destroyed, probe.made, 'every region\'s clients destroyed');
    const calls = results.reduce((total, entry) => total + entry.calls, 0);
    assert.equal(probe.sent.length, calls, 'each counted call is one request (no retry needed here)');
  });

  it('stops making calls when cancelled, and resolves with what finished', async function () {
    this.timeout(60_000);
    for (const code of ['eu-central-1', 'ap-southeast-2']) emulator.seed({ endpoints: 40, inferenceComponents: 40, prefix: `cancel-${code.replace(/-/g, '')}`, region: code });
    const controller = new AbortController();
    const probe = new RequestProbe();
    let cancelledAt = -1;
    const report = await scanRegions({
      targets: [probe.watch(target())],
      now: () => emulator.now(),
      regionConcurrency: 1,
      callConcurrency: 2,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'regionDone' && cancelledAt < 0) {
          controller.abort();
          cancelledAt = probe.sent.length;
        }
      },
    });
    assert.equal(report.cancelled, true);
    const results = report.targets[0].regions;
    assert.equal(results.filter((entry) => entry.state === 'done').length, 1, 'the region that finished before the cancel');
    assert.ok(results.filter((entry) => entry.state === 'cancelled').length >= 1);
    assert.ok(probe.sent.length <= cancelledAt + 2, `${probe.sent.length - cancelledAt} requests after the cancel (at most those already in flight)`);
    const received = await requestsReceived(emulator);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await requestsReceived(emulator), received, 'nothing more reaches the emulator after the scan resolved');
  });
});

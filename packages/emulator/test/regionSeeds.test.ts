// Issue 20: seeding for the all-regions benchmark: any region, a request history with idle endpoints,
// always-on endpoints and scalable targets; 17 regions × 118 endpoints seeded in well under a minute.
import * as assert from 'node:assert/strict';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { regionsEnabledByDefault } from '../src/accounts/commercialRegions';
import { startEmulator, type RunningEmulatorInternals } from '../src/server';
import { credentials } from './harness';

const dayMs = 86_400_000;

describe('emulator: seeding regions for the all-regions benchmark (issue 20)', function () {
  this.timeout(60_000);
  let emulator: RunningEmulatorInternals;
  const clients: { destroy(): void }[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty', credentials });
  });
  afterEach(async () => {
    for (const made of clients.splice(0)) made.destroy();
    await emulator.close();
  });

  function client<T extends { destroy(): void }>(make: new (config: { endpoint: string; region: string; credentials: typeof credentials; maxAttempts: number }) => T, region: string): T {
    const made = new make({ endpoint: emulator.url, region, credentials, maxAttempts: 1 });
    clients.push(made);
    return made;
  }

  const invocationQuery = (id: string, endpoint: string): MetricDataQuery => ({
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: endpoint }, { Name: 'VariantName', Value: 'AllTraffic' }] }, Period: 86_400, Stat: 'Sum' },
  });

  it('seeds a region with idle endpoints (no request in 14 days), busy ones (24 a day), always-on ones (MinInstanceCount 1, MinCapacity 1) and scalable targets', async () => {
    emulator.seed({ region: 'ca-central-1', endpoints: 6, inferenceComponents: 6, prefix: 'mix', coldEvery: 0, alwaysOnEvery: 3, idleEvery: 2, createdDaysAgo: 30, scalableTargets: true });
    const sagemaker = client(SageMakerClient, 'ca-central-1');
    const created = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'mix-ep-0001' }));
    assert.equal(created.CreationTime?.getTime(), emulator.now() - 30 * dayMs);
    const minimums: number[] = [];
    for (let index = 1; index <= 6; index++) {
      const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: `mix-ep-000${index}-config` }));
      minimums.push(config.ProductionVariants?.[0].ManagedInstanceScaling?.MinInstanceCount ?? -1);
    }
    assert.deepEqual(minimums, [0, 0, 1, 0, 0, 1]);
    const targets = await client(ApplicationAutoScalingClient, 'ca-central-1').send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
    assert.deepEqual(
      (targets.ScalableTargets ?? []).map((target) => [target.ResourceId, target.MinCapacity]).sort(),
      [1, 2, 3, 4, 5, 6].map((index) => [`inference-component/mix-ic-000${index}`, index % 3 === 0 ? 1 : 0]),
    );
    const answer = await client(CloudWatchClient, 'ca-central-1').send(
      new GetMetricDataCommand({
        StartTime: new Date(emulator.now() - 14 * dayMs),
        EndTime: new Date(emulator.now()),
        MetricDataQueries: [1, 2, 3, 4, 5, 6].map((index) => invocationQuery(`e${index}`, `mix-ep-000${index}`)),
      }),
    );
    const sums = (answer.MetricDataResults ?? []).map((result) => (result.Values ?? []).reduce((sum, value) => sum + value, 0));
    // Every second endpoint is idle; the others had 24 requests on each of the last 14 days.
    assert.deepEqual(sums, [14 * 24, 0, 14 * 24, 0, 14 * 24, 0]);
    // Nothing of it in another region.
    const elsewhere = await client(CloudWatchClient, 'us-east-1').send(new GetMetricDataCommand({ StartTime: new Date(emulator.now() - 14 * dayMs), EndTime: new Date(emulator.now()), MetricDataQueries: [invocationQuery('e1', 'mix-ep-0001')] }));
    assert.deepEqual(elsewhere.MetricDataResults?.[0].Values, []);
  });

  it('seeds the 17 default regions with 118 endpoints each (2,006 with their components) in well under a minute, and GetMetricData with 500 queries answers within seconds', async () => {
    const started = performance.now();
    for (const region of regionsEnabledByDefault) {
      emulator.seed({ region, endpoints: 118, inferenceComponents: 118, prefix: region.replace(/-/g, ''), alwaysOnEvery: 5, idleEvery: 4, createdDaysAgo: 30, scalableTargets: true });
    }
    const seedMs = performance.now() - started;
    assert.equal(emulator.regions().length, 17);
    assert.ok(seedMs < 20_000, `seeding took ${seedMs.toFixed(0)} ms`);
    const queries = Array.from({ length: 500 }, (_, index) => invocationQuery(`q${index}`, `euwest1-ep-${String((index % 118) + 1).padStart(4, '0')}`));
    const asked = performance.now();
    const answer = await client(CloudWatchClient, 'eu-west-1').send(new GetMetricDataCommand({ StartTime: new Date(emulator.now() - 14 * dayMs), EndTime: new Date(emulator.now()), MetricDataQueries: queries }));
    const queryMs = performance.now() - asked;
    assert.equal(answer.MetricDataResults?.length, 500);
    assert.ok(queryMs < 5_000, `GetMetricData took ${queryMs.toFixed(0)} ms`);
    console.log(`      seeded 2,006 endpoints in 17 regions in ${seedMs.toFixed(0)} ms; GetMetricData with 500 queries in ${queryMs.toFixed(0)} ms`);
  });
});

// Issue 20: the demo is multi-region. us-east-1 is the demo as before; eu-west-1 has an endpoint forgotten
// for 12 days, us-west-2 a busy always-on one and a sleeping scale-to-zero one, ap-northeast-1 nothing.
import * as assert from 'node:assert/strict';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeInferenceComponentCommand, ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { demoEndpoints } from '../src/scenarios/demoScenario';
import { supportBotHistoryDays, supportBotRequestsInHour } from '../src/scenarios/demoRegions';
import { startEmulator, type RunningEmulatorInternals } from '../src/server';
import { controlRequest, credentials } from './harness';

const start = Date.parse('2026-12-09T10:00:00Z');
const dayMs = 86_400_000;

describe('emulator: the multi-region demo (issue 20)', function () {
  this.timeout(30_000);
  let emulator: RunningEmulatorInternals;
  const clients: { destroy(): void }[] = [];

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', credentials, startTime: start });
  });
  after(async () => {
    for (const made of clients) made.destroy();
    await emulator.close();
  });

  function client<T extends { destroy(): void }>(make: new (config: { endpoint: string; region: string; credentials: typeof credentials; maxAttempts: number }) => T, region: string): T {
    const made = new make({ endpoint: emulator.url, region, credentials, maxAttempts: 1 });
    clients.push(made);
    return made;
  }

  const endpointNames = async (region: string) => ((await client(SageMakerClient, region).send(new ListEndpointsCommand({ SortBy: 'Name', SortOrder: 'Ascending' }))).Endpoints ?? []).map((endpoint) => endpoint.EndpointName);

  /** Invocations (Sum, one value per `periodDays`-day… hour) of a component and of an endpoint's variant, over the last 14 days. */
  async function invocations(region: string, endpointName: string, ic: string, period: number): Promise<{ component: number[]; variant: number[] }> {
    const metric = (id: string, dimensions: { Name: string; Value: string }[]): MetricDataQuery => ({
      Id: id,
      MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dimensions }, Period: period, Stat: 'Sum' },
    });
    const answer = await client(CloudWatchClient, region).send(
      new GetMetricDataCommand({
        StartTime: new Date(emulator.now() - 14 * dayMs),
        EndTime: new Date(emulator.now()),
        MetricDataQueries: [
          metric('component', [{ Name: 'InferenceComponentName', Value: ic }]),
          metric('variant', [
            { Name: 'EndpointName', Value: endpointName },
            { Name: 'VariantName', Value: 'AllTraffic' },
          ]),
        ],
      }),
    );
    const values = (id: string) => answer.MetricDataResults?.find((result) => result.Id === id)?.Values ?? [];
    return { component: values('component'), variant: values('variant') };
  }

  it('has four regions: us-east-1 exactly as before, plus eu-west-1, us-west-2 and ap-northeast-1 (empty)', async () => {
    assert.deepEqual(emulator.regions(), ['us-east-1', 'ap-northeast-1', 'eu-west-1', 'us-west-2']);
    assert.deepEqual(await endpointNames('us-east-1'), demoEndpoints.map((demo) => demo.endpoint).sort());
    assert.deepEqual(await endpointNames('eu-west-1'), ['forgotten-llm']);
    assert.deepEqual(await endpointNames('us-west-2'), ['nightly-embeddings', 'support-bot']);
    assert.deepEqual(await endpointNames('ap-northeast-1'), []);
    const regions = await client(AccountClient, 'us-east-1').send(new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] }));
    assert.equal(regions.Regions?.length, 17);
    assert.ok(regions.Regions?.some((region) => region.RegionName === 'ap-northeast-1'));
  });

  it('eu-west-1: forgotten-llm, always on (one ml.g5.2xlarge, MinInstanceCount 1), created 12 days ago, one copy, no scalable target, no invocation in 14 days', async () => {
    const sagemaker = client(SageMakerClient, 'eu-west-1');
    const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'forgotten-llm' }));
    assert.equal(endpoint.EndpointStatus, 'InService');
    assert.equal(endpoint.CreationTime?.getTime(), start - 12 * dayMs);
    assert.match(endpoint.EndpointArn ?? '', /^arn:aws:sagemaker:eu-west-1:123456789012:endpoint\/forgotten-llm$/);
    assert.equal(endpoint.ProductionVariants?.[0].CurrentInstanceCount, 1);
    const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }));
    assert.equal(config.ProductionVariants?.[0].InstanceType, 'ml.g5.2xlarge');
    assert.equal(config.ProductionVariants?.[0].ManagedInstanceScaling?.MinInstanceCount, 1);
    const ic = await sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'forgotten-llm-ic' }));
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 1);
    assert.equal(ic.EndpointName, 'forgotten-llm');
    const targets = await client(ApplicationAutoScalingClient, 'eu-west-1').send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
    assert.deepEqual(targets.ScalableTargets, []);
    const { component, variant } = await invocations('eu-west-1', 'forgotten-llm', 'forgotten-llm-ic', 86_400);
    assert.equal(component.reduce((sum, value) => sum + value, 0), 0);
    assert.equal(variant.reduce((sum, value) => sum + value, 0), 0);
  });

  it('us-west-2: support-bot always on (MinInstanceCount 1, scalable target MinCapacity 1) with requests every hour of the last 14 days', async () => {
    const sagemaker = client(SageMakerClient, 'us-west-2');
    const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'support-bot' }));
    const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }));
    assert.equal(config.ProductionVariants?.[0].InstanceType, 'ml.g5.xlarge');
    assert.equal(config.ProductionVariants?.[0].ManagedInstanceScaling?.MinInstanceCount, 1);
    assert.equal(endpoint.ProductionVariants?.[0].CurrentInstanceCount, 1);
    const targets = await client(ApplicationAutoScalingClient, 'us-west-2').send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: ['inference-component/support-bot-ic'] }));
    assert.equal(targets.ScalableTargets?.[0]?.MinCapacity, 1);
    const { component, variant } = await invocations('us-west-2', 'support-bot', 'support-bot-ic', 3600);
    assert.equal(component.length, supportBotHistoryDays * 24, 'one value for each hour of 14 days');
    assert.deepEqual(variant, component);
    const expected = Array.from({ length: supportBotHistoryDays * 24 }, (_, index) => supportBotRequestsInHour(index + 1));
    // GetMetricData answers newest first (ScanBy TimestampDescending).
    assert.deepEqual(component, expected);
    assert.ok(component.every((value) => value >= 3));
  });

  it('us-west-2: nightly-embeddings set up for scale to zero (scalable target to 0, target tracking, the wake\'s step policy and alarm), asleep: 0 copies, 0 instances', async () => {
    const sagemaker = client(SageMakerClient, 'us-west-2');
    const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'nightly-embeddings' }));
    assert.equal(endpoint.ProductionVariants?.[0].CurrentInstanceCount, 0);
    const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }));
    assert.equal(config.ProductionVariants?.[0].ManagedInstanceScaling?.MinInstanceCount, 0);
    const ic = await sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'nightly-embeddings-ic' }));
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 0);
    assert.equal(ic.RuntimeConfig?.DesiredCopyCount, 0);
    const aas = client(ApplicationAutoScalingClient, 'us-west-2');
    const target = await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: ['inference-component/nightly-embeddings-ic'] }));
    assert.equal(target.ScalableTargets?.[0]?.MinCapacity, 0);
    const policies = await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/nightly-embeddings-ic' }));
    assert.deepEqual(policies.ScalingPolicies?.map((policy) => policy.PolicyType).sort(), ['StepScaling', 'TargetTrackingScaling']);
    const alarms = await client(CloudWatchClient, 'us-west-2').send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'nightly-embeddings-ic-no-capacity' }));
    assert.equal(alarms.MetricAlarms?.length, 1);
    // None of it is in us-east-1.
    const home = await client(ApplicationAutoScalingClient, 'us-east-1').send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: ['inference-component/nightly-embeddings-ic'] }));
    assert.deepEqual(home.ScalableTargets, []);
  });

  it('comes back whole after a reset to the demo, and a reset to empty leaves only the home region', async () => {
    assert.equal((await controlRequest(emulator.url, 'POST', 'reset', { scenario: 'empty' })).status, 200);
    assert.deepEqual(emulator.regions(), ['us-east-1']);
    assert.deepEqual(await endpointNames('eu-west-1'), []);
    assert.equal((await controlRequest(emulator.url, 'POST', 'reset', { scenario: 'demo' })).status, 200);
    assert.deepEqual(emulator.regions(), ['us-east-1', 'ap-northeast-1', 'eu-west-1', 'us-west-2']);
    assert.deepEqual(await endpointNames('eu-west-1'), ['forgotten-llm']);
    assert.deepEqual(await endpointNames('us-west-2'), ['nightly-embeddings', 'support-bot']);
  });
});

import * as assert from 'node:assert/strict';
import { DescribeEndpointCommand, DescribeInferenceComponentCommand, ListEndpointsCommand, ListInferenceComponentsCommand } from '@aws-sdk/client-sagemaker';
import { controlRequest, errorOf, type Harness, startHarness, stopHarness } from './harness';

describe('Emulator: big-account seed, per-operation rate limits and request counts', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await stopHarness(harness);
  });

  it('seeds endpoints and inference components spread over them, settled and listable', async () => {
    const seeded = await controlRequest(harness.emulator.url, 'POST', 'seed', { endpoints: 30, inferenceComponents: 60 });
    assert.equal(seeded.status, 200, JSON.stringify(seeded.json));
    assert.equal(seeded.json.endpoints, 30);
    assert.equal(seeded.json.inferenceComponents, 60);
    const endpoints = await harness.sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }));
    assert.equal(endpoints.Endpoints?.length, 30);
    assert.ok(endpoints.Endpoints?.every((endpoint) => endpoint.EndpointStatus === 'InService'));
    const components = await harness.sagemaker.send(new ListInferenceComponentsCommand({ MaxResults: 100, EndpointNameEquals: 'big-ep-0001' }));
    assert.deepEqual(components.InferenceComponents?.map((ic) => ic.InferenceComponentName).sort(), ['big-ic-0001', 'big-ic-0031']);
    const warm = await harness.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'big-ic-0001' }));
    assert.equal(warm.RuntimeConfig?.CurrentCopyCount, 1);
    const cold = await harness.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'big-ic-0003' }));
    assert.equal(cold.RuntimeConfig?.CurrentCopyCount, 0);
    const endpoint = await harness.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'big-ep-0001' }));
    assert.equal(endpoint.ProductionVariants?.[0].CurrentInstanceCount, 1);
    // The same names twice is refused; another prefix adds more.
    assert.equal((await controlRequest(harness.emulator.url, 'POST', 'seed', { endpoints: 1 })).status, 400);
    assert.equal((await controlRequest(harness.emulator.url, 'POST', 'seed', { endpoints: 2, prefix: 'more' })).status, 200);
    assert.equal(harness.emulator.state().endpoints.length, 32);
  });

  it('refuses bad seed requests', async () => {
    for (const body of [{ endpoints: 0 }, { endpoints: 1.5 }, { endpoints: 10, inferenceComponents: -1 }, { endpoints: 10, prefix: 'bad name' }, { endpoints: 100_000 }]) {
      const answer = await controlRequest(harness.emulator.url, 'POST', 'seed', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(typeof answer.json.error, 'string');
    }
  });

  it('throttles an operation past its rate limit with ThrottlingException "Rate exceeded", and counts requests', async () => {
    harness.emulator.seed({ endpoints: 2, inferenceComponents: 2 });
    const set = await controlRequest(harness.emulator.url, 'POST', 'faults', { rateLimits: { DescribeEndpoint: 3 } });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.deepEqual((set.json.faults as { rateLimits: unknown }).rateLimits, { DescribeEndpoint: 3 });
    await controlRequest(harness.emulator.url, 'DELETE', 'requests');
    const describe = () => harness.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'big-ep-0001' }));
    // A burst of 3 passes, the 4th within the same second is throttled.
    for (let call = 0; call < 3; call++) await describe();
    const error = await errorOf(describe);
    assert.equal(error.name, 'ThrottlingException');
    assert.equal(error.message, 'Rate exceeded');
    assert.equal(error.$metadata?.httpStatusCode, 400);
    // Other operations are not limited.
    for (let call = 0; call < 5; call++) await harness.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'big-ic-0001' }));
    // The bucket refills at 3 per second.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await describe();
    const counts = await controlRequest(harness.emulator.url, 'GET', 'requests');
    assert.deepEqual(counts.json.requests, { DescribeEndpoint: 5, DescribeInferenceComponent: 5 });
    assert.deepEqual(counts.json.throttled, { DescribeEndpoint: 1 });
    assert.equal(counts.json.total, 10);
    assert.equal(counts.json.totalThrottled, 1);
  });

  it('refuses bad rate limits and clears them with the other faults', async () => {
    for (const rateLimits of [[], { DescribeEndpoint: 0 }, { DescribeEndpoint: 'ten' }, { DescribeEndpoint: -1 }]) {
      assert.equal((await controlRequest(harness.emulator.url, 'POST', 'faults', { rateLimits })).status, 400, JSON.stringify(rateLimits));
    }
    harness.emulator.seed({ endpoints: 1, inferenceComponents: 0 });
    await controlRequest(harness.emulator.url, 'POST', 'faults', { rateLimits: { DescribeEndpoint: 1 } });
    await harness.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'big-ep-0001' }));
    assert.equal((await errorOf(() => harness.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'big-ep-0001' })))).name, 'ThrottlingException');
    await controlRequest(harness.emulator.url, 'DELETE', 'faults');
    await harness.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'big-ep-0001' }));
  });
});

import * as assert from 'node:assert/strict';
import { CreateModelCommand, DescribeModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { controlRequest, credentials, errorOf, roleArn, startHarness, stopHarness, type Harness } from './harness';

const model = (name: string) =>
  new CreateModelCommand({ ModelName: name, ExecutionRoleArn: roleArn, PrimaryContainer: { Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/demo:1' } });

describe('emulator: lost responses (control API fault)', () => {
  let harness: Harness | undefined;
  before(async () => {
    harness = await startHarness();
  });
  after(() => stopHarness(harness));

  it('applies the request, then closes the connection; the SDK retry finds the resource already there', async () => {
    const url = harness!.emulator.url;
    const set = await controlRequest(url, 'POST', 'faults', { lostResponses: { CreateModel: 1 } });
    assert.equal(set.status, 200);
    await controlRequest(url, 'DELETE', 'requests');
    const retrying = new SageMakerClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 3 });
    try {
      const error = await errorOf(() => retrying.send(model('lost-answer')));
      assert.match(error.message, /Cannot create already existing model/);
      assert.equal((await retrying.send(new DescribeModelCommand({ ModelName: 'lost-answer' }))).ModelName, 'lost-answer');
      const counts = await controlRequest(url, 'GET', 'requests');
      assert.equal((counts.json.requests as Record<string, number>).CreateModel, 2);
      // Only the first request's answer is lost.
      await retrying.send(model('answered'));
    } finally {
      retrying.destroy();
      await controlRequest(url, 'DELETE', 'faults');
    }
  });

  it('without retries the caller sees a network error while the resource exists', async () => {
    const url = harness!.emulator.url;
    await controlRequest(url, 'POST', 'faults', { lostResponses: { CreateModel: 1 } });
    try {
      const error = await errorOf(() => harness!.sagemaker.send(model('no-retry')));
      assert.equal((error as { code?: string }).code, 'ECONNRESET');
      assert.equal((await harness!.sagemaker.send(new DescribeModelCommand({ ModelName: 'no-retry' }))).ModelName, 'no-retry');
    } finally {
      await controlRequest(url, 'DELETE', 'faults');
    }
  });

  it('refuses a bad lostResponses value', async () => {
    for (const lostResponses of [[], { CreateModel: -1 }, { CreateModel: 1.5 }, 'x']) {
      assert.equal((await controlRequest(harness!.emulator.url, 'POST', 'faults', { lostResponses })).status, 400, JSON.stringify(lostResponses));
    }
  });
});

// SigV4 verification: the emulator signs each request again with the SDK's signer and compares. These
// requests exercise the parts of the canonical request that are easy to get wrong: a session token, a
// query string with characters that need escaping, a percent-encoded path, a streamed body.
import * as assert from 'node:assert/strict';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { credentials, errorOf, startHarness, stopHarness, type Harness } from './harness';

describe('emulator: SigV4 verification', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ scenario: 'demo' });
  });
  afterEach(() => stopHarness(h));

  const config = (overrides: Partial<typeof credentials> & { sessionToken?: string } = {}) => ({
    endpoint: h.emulator.url,
    region: 'us-east-1',
    credentials: { ...credentials, ...overrides },
    maxAttempts: 1,
  });

  it('accepts requests signed with a session token, an escaped query string and a path to encode', async () => {
    const sagemaker = new SageMakerClient(config({ sessionToken: 'session/token+with=odd chars' }));
    const scheduler = new SchedulerClient(config());
    const runtime = new SageMakerRuntimeClient(config());
    try {
      assert.equal((await sagemaker.send(new ListEndpointsCommand({}))).Endpoints?.length, 3);
      const schedules = await scheduler.send(new ListSchedulesCommand({ NamePrefix: "a b+c*d'(e)~!", MaxResults: 5 }));
      assert.deepEqual(schedules.Schedules, []);
      const missing = await errorOf(() =>
        runtime.send(new InvokeEndpointCommand({ EndpointName: 'no such endpoint/..', ContentType: 'application/json', Body: '{}' })),
      );
      assert.notEqual(missing.name, 'InvalidSignatureException', missing.message);
      assert.notEqual(missing.$metadata?.httpStatusCode, 403, missing.message);
    } finally {
      sagemaker.destroy();
      scheduler.destroy();
      runtime.destroy();
    }
  });

  it('refuses a request signed with the right key id but the wrong secret', async () => {
    const sagemaker = new SageMakerClient(config({ secretAccessKey: 'not-the-secret' }));
    try {
      const error = await errorOf(() => sagemaker.send(new ListEndpointsCommand({})));
      assert.equal(error.name, 'InvalidSignatureException');
      assert.equal(error.$metadata?.httpStatusCode, 403);
    } finally {
      sagemaker.destroy();
    }
  });
});

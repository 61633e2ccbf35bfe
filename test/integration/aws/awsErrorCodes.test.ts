import * as assert from 'node:assert/strict';
import { isNotFound } from '../../../src/aws/awsErrorCodes';
import { declareDeliberateViolation } from '../../support/deliberateViolations';
import { rejectionOf } from '../../support/rejection';
import { createClients, loadSdk, type AwsClients } from '../../../src/aws/clients';
import { emulatorCredentials } from '../../../src/aws/connection';
import { setFaults } from '../reliability/support';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

describe('isNotFound', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });
  after(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('recognizes each service\'s answer for a missing resource, from the real SDK clients', async () => {
    const sdk = await loadSdk();
    const missing = [
      // SageMaker: a ValidationException whose message says "Could not find".
      await rejectionOf(clients.sageMaker.send(new sdk.DescribeEndpointCommand({ EndpointName: 'ghost' }))),
      await rejectionOf(clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: 'ghost' }))),
      await rejectionOf(clients.sageMaker.send(new sdk.DeleteEndpointCommand({ EndpointName: 'ghost' }))),
      // Application Auto Scaling: ObjectNotFoundException.
      await rejectionOf(
        clients.autoScaling.send(
          new sdk.DeleteScalingPolicyCommand({
            PolicyName: 'ghost',
            ServiceNamespace: 'sagemaker',
            ResourceId: 'inference-component/ghost',
            ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
          }),
        ),
      ),
      // EventBridge Scheduler: ResourceNotFoundException (HTTP 404).
      await rejectionOf(clients.scheduler.send(new sdk.GetScheduleCommand({ Name: 'ghost' }))),
      // CloudWatch: ResourceNotFound.
      await rejectionOf(clients.cloudWatch.send(new sdk.DeleteAlarmsCommand({ AlarmNames: ['ghost'] }))),
    ];
    for (const error of missing) assert.equal(isNotFound(error), true, `${(error as Error).name}: ${(error as Error).message}`);
  });

  it('does not take other errors for "not found"', async function () {
    const sdk = await loadSdk();
    declareDeliberateViolation(this, {
      service: 'sagemaker',
      operation: 'UpdateInferenceComponentRuntimeConfig',
      path: 'DesiredRuntimeConfig.CopyCount',
      rule: 'min',
      reason: 'a copy count of -1 is how the test gets a ValidationException that is not about a missing resource',
    });
    const invalid = await rejectionOf(clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: -1 } })));
    assert.equal((invalid as Error).name, 'ValidationException');
    assert.equal(isNotFound(invalid), false, 'a validation error about something else');
    // A client that does not retry, so the throttling error comes back at once.
    const once = new sdk.SageMakerClient({ endpoint: emulator.url, region: 'us-east-1', credentials: emulatorCredentials(), maxAttempts: 1 });
    await setFaults(emulator.url, { throttleRate: 1 });
    try {
      const throttled = await rejectionOf(once.send(new sdk.ListEndpointsCommand({})));
      assert.equal((throttled as Error).name, 'ThrottlingException');
      assert.equal(isNotFound(throttled), false, 'throttling');
    } finally {
      await setFaults(emulator.url, null);
      once.destroy();
    }
    // By name, not message: a plain error (or one from our own code) that says "not found" is not the service's answer.
    assert.equal(isNotFound(new Error('Profile dev was not found')), false);
    for (const value of [undefined, null, 'not found', 404, {}]) assert.equal(isNotFound(value), false, String(value));
  });
});

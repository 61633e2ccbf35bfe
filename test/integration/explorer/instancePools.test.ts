import * as assert from 'node:assert/strict';
import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { AccountReader } from '../../../src/aws/accountReader';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { setCopyCount } from '../../../src/aws/resourceActions';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { describeInstancePools, describePlacement } from '../../../src/lifecycle/instancePlacement';

/**
 * Issue 17, item 3, through the real SDK clients: an endpoint with fallback instance types on the
 * emulator, a wake while the first type has no capacity (the control API's fault), and what the
 * inventory reads from InstancePools and PlacementStatus.
 */
describe('Fallback instance types: the inventory reads where a wake landed', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let inventory: Inventory;

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const now = () => new Date(emulator.now());
    inventory = new Inventory(await AccountReader.create(clients, { now }), now);
    await clients.sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'pools-config',
        ExecutionRoleArn: 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole',
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstancePools: [
              { InstanceType: 'ml.g5.2xlarge', Priority: 1 },
              { InstanceType: 'ml.g6.2xlarge', Priority: 2 },
            ],
            InitialInstanceCount: 1,
            ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 1 },
          },
        ],
      }),
    );
    await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: 'pools', EndpointConfigName: 'pools-config' }));
    emulator.advance(300);
    await clients.sageMaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: 'pools-ic',
        EndpointName: 'pools',
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'demo-llama3-8b-model', ComputeResourceRequirements: { MinMemoryRequiredInMb: 16384, NumberOfAcceleratorDevicesRequired: 1 } },
        RuntimeConfig: { CopyCount: 1 },
      }),
    );
    emulator.advance(600);
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  const control = async (method: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/__emulator/faults`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    assert.equal(response.status, 200);
  };

  it('shows the first type while it has capacity, the second after a wake that could not get the first', async () => {
    await inventory.refresh({ full: true });
    const variant = () => inventory.endpoint('pools')!.snapshot!.variants[0];
    const placement = () => describePlacement(inventory.component('pools-ic')!.snapshot!, variant());
    assert.equal(placement()?.text, 'ml.g5.2xlarge × 1 copy (first choice)');
    assert.equal(describeInstancePools(variant()), 'ml.g5.2xlarge (1 running), then ml.g6.2xlarge (0 running)');
    assert.equal(inventory.readiness('pools')?.checks.find((check) => check.id === 'fallbackTypes')?.status, 'pass');

    await setCopyCount(clients, 'pools-ic', 0);
    emulator.advance(900);
    await control('POST', { insufficientCapacity: ['ml.g5.2xlarge'] });
    await setCopyCount(clients, 'pools-ic', 1);
    emulator.advance(600);
    await inventory.refresh({ full: true });
    assert.deepEqual([placement()?.text, placement()?.onFallback], ['ml.g6.2xlarge × 1 copy (fallback 2 of 2)', true]);
    assert.equal(describeInstancePools(variant()), 'ml.g5.2xlarge (0 running), then ml.g6.2xlarge (1 running)');
    await control('DELETE');
  });
});

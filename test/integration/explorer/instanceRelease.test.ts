import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
  type ProductionVariantManagedInstanceScalingScaleInPolicy,
} from '@aws-sdk/client-sagemaker';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { AccountReader } from '../../../src/aws/accountReader';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { pendingInstanceRelease, type PendingRelease } from '../../../src/lifecycle/instanceRelease';

const role = 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole';

/**
 * Issue 17 item 2 end to end: the tree's "released by about HH:MM" read through the real SDK from the
 * emulator, which follows ScaleInPolicy; the instances go by the time predicted, not long before.
 */
describe('instances not yet released, predicted from what the SDK reads, released by the emulator on time', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let reader: AccountReader;
  const now = () => new Date(emulator.now());

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    reader = await AccountReader.create(clients, { now });
  });
  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  /** Two ml.g5.12xlarge (4 GPUs): "big" (3 GPUs) and one copy of "small" on the first, the other copy of "small" on the second; then "big" to `bigCopies`. */
  async function deploy(policy: ProductionVariantManagedInstanceScalingScaleInPolicy | undefined, smallCopies: number): Promise<void> {
    await clients.sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'release-cfg',
        ExecutionRoleArn: role,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstanceType: 'ml.g5.12xlarge',
            InitialInstanceCount: 1,
            ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 3, ...(policy ? { ScaleInPolicy: policy } : {}) },
          },
        ],
      }),
    );
    await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: 'release-ep', EndpointConfigName: 'release-cfg' }));
    emulator.advance(180);
    const create = (name: string, gpus: number, copies: number) =>
      clients.sageMaker.send(
        new CreateInferenceComponentCommand({
          InferenceComponentName: name,
          EndpointName: 'release-ep',
          VariantName: 'AllTraffic',
          Specification: { Container: { Image: 'image:latest' }, ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: gpus, NumberOfCpuCoresRequired: 1 } },
          RuntimeConfig: { CopyCount: copies },
        }),
      );
    await create('release-big', 3, 1);
    await create('release-small', 1, 2);
    emulator.advance(600);
    const scaleIn = (name: string, copies: number) => clients.sageMaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: name, DesiredRuntimeConfig: { CopyCount: copies } }));
    await scaleIn('release-big', 0);
    if (smallCopies !== 2) await scaleIn('release-small', smallCopies);
    emulator.advance(60);
  }

  async function predicted(): Promise<{ release: PendingRelease | undefined; instances: number }> {
    const endpoint = await reader.describeEndpoint('release-ep');
    const components = await Promise.all(['release-big', 'release-small'].map((name) => reader.describeInferenceComponent(name)));
    return { release: pendingInstanceRelease({ endpoint, components, now: now() }), instances: endpoint.variants[0].currentInstanceCount ?? 0 };
  }

  async function releasedBy(by: Date, expectedLeft: number): Promise<void> {
    emulator.advance((by.getTime() - emulator.now()) / 1000 - 120);
    assert.equal((await predicted()).instances, 2, 'not released two minutes before the time shown');
    emulator.advance(120);
    assert.equal((await predicted()).instances, expectedLeft, 'released by the time shown');
  }

  it('CONSOLIDATION: reads the policy, predicts the cooldown after the last operation, and the emulator consolidates by then', async () => {
    await deploy({ Strategy: 'CONSOLIDATION', MaximumStepSize: 1, CooldownInMinutes: 30 }, 2);
    const endpoint = await reader.describeEndpoint('release-ep');
    assert.deepEqual(endpoint.variants[0].managedScaling?.scaleIn, { strategy: 'CONSOLIDATION', maximumStepSize: 1, cooldownInMinutes: 30 });
    const { release } = await predicted();
    assert.equal(release?.instances, 1);
    assert.ok(release?.by);
    await releasedBy(release.by, 1);
  });

  it('no copy left: predicts the release delay after the last copy left, and the emulator releases both by then', async () => {
    await deploy(undefined, 0);
    const { release } = await predicted();
    assert.equal(release?.instances, 2);
    assert.ok(release?.by);
    await releasedBy(release.by, 0);
  });

  it('IDLE_RELEASE: promises no time, and the emulator indeed keeps both instances', async () => {
    await deploy({ Strategy: 'IDLE_RELEASE' }, 2);
    const { release } = await predicted();
    assert.equal(release?.instances, 1);
    assert.equal(release?.by, undefined);
    emulator.advance(3 * 3600);
    assert.equal((await predicted()).instances, 2);
  });
});

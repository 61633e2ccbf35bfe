import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeInferenceComponentCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { controlRequest, errorOf, roleArn } from './harness';
import { startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';

/** The part of the control API's state this file reads: which instance each copy runs on. */
interface StateCopies {
  inferenceComponents: { name: string; copies: { instanceId: string }[] }[];
}

const notEnoughHardware = 'There is not enough hardware resources on the instances for this endpoint to create a copy of the inference component.';

/**
 * Several inference components on one endpoint (issue 18 item 2): each copy reserves its
 * ComputeResourceRequirements (CPU cores, memory, accelerators) on one instance, whichever component it
 * belongs to; managed instance scaling adds an instance, up to MaxInstanceCount, when a copy finds no
 * room; and a component whose copies could never be placed is refused.
 */
describe('emulator: several inference components share an endpoint\'s instances', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
    await h.sagemaker.send(new CreateModelCommand({ ModelName: 'm', PrimaryContainer: { Image: 'image:latest' }, ExecutionRoleArn: roleArn }));
    // ml.g5.12xlarge: 48 vCPUs, 192 GiB, 4 GPUs; 1 instance to start, at most 2.
    await h.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'cfg',
        ExecutionRoleArn: roleArn,
        ProductionVariants: [
          { VariantName: 'AllTraffic', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 } },
        ],
      }),
    );
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }));
    h.emulator.advance(600);
  });
  afterEach(() => stopScalingHarness(h));

  const create = (name: string, requirements: { cpus?: number; memory: number; gpus?: number }, copies: number) =>
    h.sagemaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: name,
        EndpointName: 'ep',
        VariantName: 'AllTraffic',
        Specification: {
          ModelName: 'm',
          ComputeResourceRequirements: {
            MinMemoryRequiredInMb: requirements.memory,
            ...(requirements.cpus !== undefined ? { NumberOfCpuCoresRequired: requirements.cpus } : {}),
            ...(requirements.gpus !== undefined ? { NumberOfAcceleratorDevicesRequired: requirements.gpus } : {}),
          },
        },
        RuntimeConfig: { CopyCount: copies },
      }),
    );
  const instances = async () => (await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }))).ProductionVariants?.[0].CurrentInstanceCount;
  const copiesOf = async (name: string) => (await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }))).RuntimeConfig?.CurrentCopyCount;
  const hostedPerInstance = async () => {
    const state = (await controlRequest(h.emulator.url, 'GET', 'state')).json as unknown as StateCopies;
    const byInstance = new Map<string, string[]>();
    for (const ic of state.inferenceComponents) for (const copy of ic.copies) byInstance.set(copy.instanceId, [...(byInstance.get(copy.instanceId) ?? []), ic.name]);
    return [...byInstance.values()].map((names) => names.sort().join('+')).sort();
  };

  it('places a second component\'s copies beside the first on the running instance while its GPUs last', async () => {
    await create('a', { cpus: 4, memory: 32768, gpus: 2 }, 1);
    await create('b', { cpus: 4, memory: 32768, gpus: 1 }, 2);
    h.emulator.advance(600);
    assert.equal(await instances(), 1, 'the 4 GPUs hold 2 + 1 + 1');
    assert.deepEqual(await hostedPerInstance(), ['a+b+b']);
  });

  it('starts a new instance (managed instance scaling) when the accelerators left are too few, and counts the copies per component', async () => {
    await create('a', { cpus: 4, memory: 32768, gpus: 3 }, 1);
    await create('b', { cpus: 4, memory: 32768, gpus: 2 }, 1);
    h.emulator.advance(600);
    assert.equal(await instances(), 2, 'one GPU left on the first instance: b needs the second');
    assert.deepEqual(await hostedPerInstance(), ['a', 'b']);
    assert.equal(await copiesOf('a'), 1);
    assert.equal(await copiesOf('b'), 1);
  });

  it('counts memory and CPU cores as well: a CPU-only component that needs more memory than is left goes to a new instance', async () => {
    await create('a', { cpus: 8, memory: 181_000, gpus: 1 }, 1);
    await create('cpu', { cpus: 4, memory: 16_384 }, 1);
    h.emulator.advance(600);
    assert.equal(await instances(), 2, '196608 − 181000 MiB left: 16384 does not fit');
    await create('small', { cpus: 38, memory: 8192 }, 1);
    h.emulator.advance(600);
    assert.equal(await instances(), 2, '40 vCPUs left on the first instance, 44 on the second: 38 fits');
    const refused = await errorOf(() => create('too-many-cpus', { cpus: 40, memory: 1024 }, 2));
    assert.deepEqual([refused.name, refused.message], ['ValidationException', notEnoughHardware]);
  });

  it('refuses copies that MaxInstanceCount could never hold, and a scale-out beyond it leaves the extra copies waiting', async () => {
    await create('a', { cpus: 4, memory: 32768, gpus: 4 }, 1);
    // One more instance at most: 4 GPUs, so 5 one-GPU copies can never be placed.
    const refused = await errorOf(() => create('b', { cpus: 1, memory: 4096, gpus: 1 }, 5));
    assert.deepEqual([refused.name, refused.message], ['ValidationException', notEnoughHardware]);
    await create('b', { cpus: 1, memory: 4096, gpus: 1 }, 4);
    h.emulator.advance(600);
    assert.equal(await instances(), 2);
    assert.equal(await copiesOf('b'), 4);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'b', DesiredRuntimeConfig: { CopyCount: 6 } }));
    h.emulator.advance(600);
    assert.equal(await instances(), 2, 'never above MaxInstanceCount');
    assert.equal(await copiesOf('b'), 4, 'the copies without room wait');
  });
});

import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
  type ProductionVariantManagedInstanceScalingScaleInPolicy,
} from '@aws-sdk/client-sagemaker';
import { controlRequest, errorOf, roleArn, startHarness, stopHarness, type Harness } from './harness';

/**
 * ManagedInstanceScaling.ScaleInPolicy on the virtual clock. The setup spreads two copies over two
 * ml.g5.12xlarge (4 GPUs each): a 3-GPU copy of "big" and a 1-GPU copy of "small" fill the first
 * instance, the second copy of "small" takes a second one; then "big" goes to 0 copies, leaving one
 * 1-GPU copy on each instance, which one instance could hold.
 */
describe('emulator: managed instance scale-in (ScaleInPolicy)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => stopHarness(h));

  /** Endpoint `ep` on ml.g5.12xlarge (4 GPUs), managed scaling 0–3 with `policy`, in service. */
  async function createEndpoint(policy?: ProductionVariantManagedInstanceScalingScaleInPolicy): Promise<void> {
    await h.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'cfg',
        ExecutionRoleArn: roleArn,
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
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }));
    h.emulator.advance(180);
  }

  /** An inference component on `ep` whose copies each need `gpus` GPUs. */
  function createComponent(name: string, gpus: number, copies: number) {
    return h.sagemaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: name,
        EndpointName: 'ep',
        VariantName: 'AllTraffic',
        Specification: { Container: { Image: 'image:latest' }, ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: gpus } },
        RuntimeConfig: { CopyCount: copies },
      }),
    );
  }

  async function deploy(policy?: ProductionVariantManagedInstanceScalingScaleInPolicy): Promise<void> {
    await createEndpoint(policy);
    await createComponent('big', 3, 1);
    await createComponent('small', 1, 2);
    h.emulator.advance(600);
    assert.equal(await instances(), 2, 'the setup spreads the copies over two instances');
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'big', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(30);
  }

  const instances = async () => (await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }))).ProductionVariants?.[0].CurrentInstanceCount;

  it('echoes the policy as given in DescribeEndpointConfig and DescribeEndpoint', async () => {
    await deploy({ Strategy: 'CONSOLIDATION', CooldownInMinutes: 30 });
    const config = await h.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'cfg' }));
    assert.deepEqual(config.ProductionVariants?.[0].ManagedInstanceScaling?.ScaleInPolicy, { Strategy: 'CONSOLIDATION', CooldownInMinutes: 30 });
    const endpoint = await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
    assert.deepEqual(endpoint.ProductionVariants?.[0].ManagedInstanceScaling?.ScaleInPolicy, { Strategy: 'CONSOLIDATION', CooldownInMinutes: 30 });
  });

  it('IDLE_RELEASE keeps an instance that still hosts a copy, however long it waits', async () => {
    await deploy({ Strategy: 'IDLE_RELEASE' });
    h.emulator.advance(6 * 3600);
    assert.equal(await instances(), 2);
  });

  it('CONSOLIDATION moves the copies to one instance once CooldownInMinutes have passed since the last operation, and releases the other', async () => {
    await deploy({ Strategy: 'CONSOLIDATION', CooldownInMinutes: 30 });
    // The last operation: "big" scaled in 30 s ago (its copy stops after 30 s more). The cooldown runs from then.
    h.emulator.advance(29 * 60 - 30);
    assert.equal(await instances(), 2, 'not before the cooldown');
    h.emulator.advance(60);
    assert.equal(await instances(), 1);
  });

  it('CONSOLIDATION without a cooldown waits the model default of 20 minutes', async () => {
    await deploy({ Strategy: 'CONSOLIDATION' });
    h.emulator.advance(19 * 60);
    assert.equal(await instances(), 2);
    h.emulator.advance(60);
    assert.equal(await instances(), 1);
  });

  it('CONSOLIDATION releases at most MaximumStepSize instances per step, then waits another cooldown', async () => {
    await createEndpoint({ Strategy: 'CONSOLIDATION', MaximumStepSize: 1, CooldownInMinutes: 10 });
    // Three 3-GPU copies take three instances; at 0 copies of "big", one 1-GPU copy of "small" per instance stays.
    await createComponent('big', 3, 3);
    h.emulator.advance(600);
    await createComponent('small', 1, 3);
    h.emulator.advance(600);
    assert.equal(await instances(), 3);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'big', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(10 * 60 + 1);
    assert.equal(await instances(), 2, 'one instance in the first step');
    h.emulator.advance(9 * 60);
    assert.equal(await instances(), 2, 'the next step waits another cooldown');
    h.emulator.advance(60);
    assert.equal(await instances(), 1);
  });

  it('refuses a policy outside the model: no Strategy, MaximumStepSize 0, CooldownInMinutes 4', async () => {
    for (const policy of [{ MaximumStepSize: 1 }, { Strategy: 'CONSOLIDATION', MaximumStepSize: 0 }, { Strategy: 'CONSOLIDATION', CooldownInMinutes: 4 }]) {
      const error = await errorOf(() =>
        h.sagemaker.send(
          new CreateEndpointConfigCommand({
            EndpointConfigName: 'bad',
            ExecutionRoleArn: roleArn,
            ProductionVariants: [
              { VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 1, ScaleInPolicy: policy as ProductionVariantManagedInstanceScalingScaleInPolicy } },
            ],
          }),
        ),
      );
      assert.equal(error.name, 'ValidationException', JSON.stringify(policy));
    }
  });
});

describe('emulator: refusing MinInstanceCount 0 as some regions do (control API)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => stopHarness(h));

  const create = (name: string, min: number) =>
    h.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: name,
        ExecutionRoleArn: roleArn,
        ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: min, MaxInstanceCount: 1 } }],
      }),
    );

  it('answers the ValidationException users report once told to, accepts MinInstanceCount 1, and forgets it on reset', async () => {
    await create('before', 0);
    const set = await controlRequest(h.emulator.url, 'POST', 'refusals', { minInstanceCountZero: true });
    assert.deepEqual(set, { status: 200, json: { refusals: { minInstanceCountZero: true } } });
    const error = await errorOf(() => create('refused', 0));
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, 'Min instance count needs to be greater than 0 for enabled managed instance scaling');
    await create('one', 1);
    assert.deepEqual((await controlRequest(h.emulator.url, 'GET', 'refusals')).json, { refusals: { minInstanceCountZero: true } });
    await controlRequest(h.emulator.url, 'POST', 'reset', { scenario: 'empty' });
    await create('after-reset', 0);
  });

  it('DELETE lifts the refusal; a body it does not know is refused with a plain message', async () => {
    await controlRequest(h.emulator.url, 'POST', 'refusals', { minInstanceCountZero: true });
    assert.deepEqual((await controlRequest(h.emulator.url, 'DELETE', 'refusals')).json, { refusals: { minInstanceCountZero: false } });
    await create('lifted', 0);
    const bad = await controlRequest(h.emulator.url, 'POST', 'refusals', { maxInstanceCount: true });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /Unknown refusal maxInstanceCount/);
  });
});

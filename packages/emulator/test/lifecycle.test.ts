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
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { errorOf, roleArn, startHarness, stopHarness, type Harness } from './harness';

const noCapacity =
  'Inference Component has no capacity to process this request. ApplicationAutoScaling may be in-progress (if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API.';

describe('emulator: scale-to-zero lifecycle on the virtual clock', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => stopHarness(h));

  async function deploy(target: Harness = h): Promise<void> {
    await target.sagemaker.send(new CreateModelCommand({ ModelName: 'llm', PrimaryContainer: { Image: 'image:latest' }, ExecutionRoleArn: roleArn }));
    await target.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'cfg',
        ExecutionRoleArn: roleArn,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstanceType: 'ml.g5.2xlarge',
            InitialInstanceCount: 1,
            ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 },
            RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
          },
        ],
      }),
    );
    await target.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }));
  }

  const describeEp = () => h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
  const describeIc = () => h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
  const invoke = () =>
    h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hello' }) }));

  it('goes create -> in service -> invoke -> zero copies -> no capacity -> one copy -> in service, with the blog timings', async () => {
    await deploy();
    let ep = await describeEp();
    assert.equal(ep.EndpointStatus, 'Creating');
    assert.equal(ep.PendingDeploymentSummary?.ProductionVariants?.[0].VariantStatus?.[0].Status, 'Creating');
    h.emulator.advance(179);
    assert.equal((await describeEp()).EndpointStatus, 'Creating');
    h.emulator.advance(1);
    ep = await describeEp();
    assert.equal(ep.EndpointStatus, 'InService');
    assert.equal(ep.ProductionVariants?.[0].CurrentInstanceCount, 1);
    assert.ok(ep.CreationTime instanceof Date);

    await h.sagemaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: 'ic',
        EndpointName: 'ep',
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'llm', ComputeResourceRequirements: { MinMemoryRequiredInMb: 16384, NumberOfAcceleratorDevicesRequired: 1 } },
        RuntimeConfig: { CopyCount: 1 },
      }),
    );
    let ic = await describeIc();
    assert.equal(ic.InferenceComponentStatus, 'Creating');
    assert.deepEqual(ic.RuntimeConfig, { DesiredCopyCount: 1, CurrentCopyCount: 0 });
    h.emulator.advance(2.28 * 60);
    ic = await describeIc();
    assert.equal(ic.InferenceComponentStatus, 'InService');
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 1);

    const first = await invoke();
    assert.match(Buffer.from(first.Body ?? []).toString(), /generated_text/);

    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    ic = await describeIc();
    assert.equal(ic.InferenceComponentStatus, 'Updating');
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 0);
    const failure = await errorOf(invoke);
    assert.equal(failure.name, 'ValidationError');
    assert.equal(failure.message, noCapacity);
    assert.equal(failure.$metadata?.httpStatusCode, 400);
    assert.equal(h.emulator.emulator.counters.snapshot().ic.noCapacityFailures, 1);

    // Copy stops, then the idle instance is released 10 minutes later (min 0).
    h.emulator.advance(60);
    assert.equal((await describeIc()).InferenceComponentStatus, 'InService');
    h.emulator.advance(9 * 60);
    assert.equal((await describeEp()).ProductionVariants?.[0].CurrentInstanceCount, 1);
    h.emulator.advance(60);
    ep = await describeEp();
    assert.equal(ep.ProductionVariants?.[0].CurrentInstanceCount, 0);
    assert.equal(ep.ProductionVariants?.[0].DesiredInstanceCount, 0);

    // Wake: one copy needs a new instance (1.748 min) and then the copy start (2.28 min).
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 1 } }));
    ep = await describeEp();
    assert.equal(ep.ProductionVariants?.[0].DesiredInstanceCount, 1);
    assert.equal(ep.ProductionVariants?.[0].CurrentInstanceCount, 0);
    assert.equal(ep.ProductionVariants?.[0].VariantStatus?.[0].Status, 'Updating');
    h.emulator.advance(1.748 * 60);
    assert.equal((await describeEp()).ProductionVariants?.[0].CurrentInstanceCount, 1);
    assert.equal((await describeIc()).RuntimeConfig?.CurrentCopyCount, 0);
    h.emulator.advance(2.28 * 60 - 1);
    assert.equal((await describeIc()).InferenceComponentStatus, 'Updating');
    h.emulator.advance(1);
    ic = await describeIc();
    assert.equal(ic.InferenceComponentStatus, 'InService');
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 1);
    await invoke();
  });

  it('advancing an hour in one call equals advancing minute by minute', async () => {
    const other = await startHarness({ startTime: h.emulator.now() });
    try {
      await deploy(h);
      await deploy(other);
      h.emulator.advance(3600);
      for (let minute = 0; minute < 60; minute++) other.emulator.advance(60);
      const strip = (value: unknown) => JSON.parse(JSON.stringify(value));
      assert.deepEqual(strip(h.emulator.state()), strip(other.emulator.state()));
      // Endpoint came up, its idle instance was released 10 minutes later (MinInstanceCount 0).
      assert.equal(other.emulator.state().endpoints[0].status, 'InService');
      assert.equal(other.emulator.state().endpoints[0].variants[0].currentInstanceCount, 0);
    } finally {
      await stopHarness(other);
    }
  });

  it('adds instances up to MaxInstanceCount when copies need room and stops there', async () => {
    await deploy();
    h.emulator.advance(180);
    await h.sagemaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: 'ic',
        EndpointName: 'ep',
        Specification: { ModelName: 'llm', ComputeResourceRequirements: { MinMemoryRequiredInMb: 16384, NumberOfAcceleratorDevicesRequired: 1 } },
        RuntimeConfig: { CopyCount: 2 },
      }),
    );
    let ep = await describeEp();
    assert.equal(ep.ProductionVariants?.[0].DesiredInstanceCount, 2);
    assert.equal(ep.ProductionVariants?.[0].CurrentInstanceCount, 1);
    h.emulator.advance(1.748 * 60 + 2.28 * 60);
    const ic = await describeIc();
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 2);
    assert.equal(ic.InferenceComponentStatus, 'InService');
    ep = await describeEp();
    assert.equal(ep.ProductionVariants?.[0].CurrentInstanceCount, 2);
    assert.equal(ep.ProductionVariants?.[0].VariantStatus, undefined);
    // A third copy cannot be placed: two one-GPU instances are the maximum.
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 3 } }));
    h.emulator.advance(3600);
    const after = await describeIc();
    assert.deepEqual(after.RuntimeConfig, { DesiredCopyCount: 3, CurrentCopyCount: 2 });
    assert.equal((await describeEp()).ProductionVariants?.[0].DesiredInstanceCount, 2);
  });
});

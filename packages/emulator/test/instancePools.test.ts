import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeInferenceComponentCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { DescribeScalingActivitiesCommand, PutScheduledActionCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { controlRequest, errorOf, roleArn } from './harness';
import { startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';

const insufficientCapacity = 'Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error';
const pools = [
  { InstanceType: 'ml.g5.2xlarge' as const, Priority: 1 },
  { InstanceType: 'ml.g6.2xlarge' as const, Priority: 2 },
];

describe('emulator: instance pools fall back by priority when a type has no capacity', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
    await h.sagemaker.send(new CreateModelCommand({ ModelName: 'm', PrimaryContainer: { Image: 'image:latest' }, ExecutionRoleArn: roleArn }));
  });
  afterEach(() => stopScalingHarness(h));

  const setCapacityFault = (types: string[]) => controlRequest(h.emulator.url, 'POST', 'faults', { insufficientCapacity: types });
  const describeEndpoint = () => h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
  const describeIc = () => h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));

  async function createEndpoint(initialInstances: number, instancePools: typeof pools = pools): Promise<void> {
    await h.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'cfg',
        ExecutionRoleArn: roleArn,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstancePools: instancePools,
            VariantInstanceProvisionTimeoutInSeconds: 600,
            InitialInstanceCount: initialInstances,
            ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 },
          },
        ],
      }),
    );
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }));
    h.emulator.advance(600);
  }

  async function createComponent(copies: number): Promise<void> {
    await h.sagemaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: 'ic',
        EndpointName: 'ep',
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'm', ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: 1 } },
        RuntimeConfig: { CopyCount: copies },
      }),
    );
    h.emulator.advance(600);
  }

  it('echoes InstancePools and the provision timeout, and places on the first priority with capacity', async () => {
    await createEndpoint(1);
    const config = await h.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'cfg' }));
    assert.deepEqual(config.ProductionVariants?.[0].InstancePools, pools);
    assert.equal(config.ProductionVariants?.[0].VariantInstanceProvisionTimeoutInSeconds, 600);
    await createComponent(1);
    const variant = (await describeEndpoint()).ProductionVariants?.[0];
    assert.deepEqual(variant?.InstancePools, [
      { InstanceType: 'ml.g5.2xlarge', CurrentInstanceCount: 1 },
      { InstanceType: 'ml.g6.2xlarge', CurrentInstanceCount: 0 },
    ]);
    assert.deepEqual((await describeIc()).RuntimeConfig?.PlacementStatus, [
      { InstanceType: 'ml.g5.2xlarge', CurrentCopyCount: 1 },
      { InstanceType: 'ml.g6.2xlarge', CurrentCopyCount: 0 },
    ]);
  });

  it('wakes a scaled-to-zero component on the second type when the first has no capacity', async () => {
    await createEndpoint(1);
    await createComponent(1);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(3600);
    assert.equal((await describeEndpoint()).ProductionVariants?.[0].CurrentInstanceCount, 0);

    assert.equal((await setCapacityFault(['ml.g5.2xlarge'])).status, 200);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 1 } }));
    h.emulator.advance(900);
    assert.deepEqual((await describeEndpoint()).ProductionVariants?.[0].InstancePools, [
      { InstanceType: 'ml.g5.2xlarge', CurrentInstanceCount: 0 },
      { InstanceType: 'ml.g6.2xlarge', CurrentInstanceCount: 1 },
    ]);
    assert.deepEqual((await describeIc()).RuntimeConfig?.PlacementStatus, [
      { InstanceType: 'ml.g5.2xlarge', CurrentCopyCount: 0 },
      { InstanceType: 'ml.g6.2xlarge', CurrentCopyCount: 1 },
    ]);
  });

  it('fails the wake\'s scaling activity with AWS\'s InsufficientInstanceCapacity wording when every type lacks capacity', async () => {
    await createEndpoint(1);
    await createComponent(1);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(3600);
    await setCapacityFault(['ml.g5.2xlarge', 'ml.g6.2xlarge']);
    const target = { ServiceNamespace: 'sagemaker' as const, ResourceId: 'inference-component/ic', ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount' as const };
    await h.aas.send(new RegisterScalableTargetCommand({ ...target, MinCapacity: 0, MaxCapacity: 2 }));
    const wakeAt = new Date(h.emulator.now() + 60_000).toISOString().slice(0, 19);
    await h.aas.send(new PutScheduledActionCommand({ ...target, ScheduledActionName: 'wake', Schedule: `at(${wakeAt})`, ScalableTargetAction: { MinCapacity: 1 } }));
    h.emulator.advance(600);
    const activities = (await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/ic' }))).ScalingActivities ?? [];
    const wake = activities.find((activity) => activity.Description === 'Setting desired copy count to 1.');
    assert.equal(wake?.StatusCode, 'Failed');
    assert.equal(wake?.StatusMessage, `Failed to set desired copy count to 1. Reason: ${insufficientCapacity}`);
    assert.equal((await describeIc()).RuntimeConfig?.CurrentCopyCount, 0);
    // Capacity comes back: the waiting copy is placed on the first type.
    await controlRequest(h.emulator.url, 'DELETE', 'faults');
    h.emulator.advance(900);
    assert.equal((await describeIc()).RuntimeConfig?.CurrentCopyCount, 1);
  });

  it('fails an endpoint whose every instance type lacks capacity, with AWS\'s wording', async () => {
    await setCapacityFault(['ml.g5.2xlarge', 'ml.g6.2xlarge']);
    await createEndpoint(1);
    const endpoint = await describeEndpoint();
    assert.equal(endpoint.EndpointStatus, 'Failed');
    assert.equal(endpoint.FailureReason, insufficientCapacity);
  });

  it('refuses duplicate priorities and a variant giving both InstanceType and InstancePools', async () => {
    const create = (variant: Record<string, unknown>) =>
      errorOf(() =>
        h.sagemaker.send(
          new CreateEndpointConfigCommand({
            EndpointConfigName: 'bad',
            ExecutionRoleArn: roleArn,
            ProductionVariants: [{ VariantName: 'AllTraffic', InitialInstanceCount: 1, ...variant }],
          }),
        ),
      );
    const duplicate = await create({ InstancePools: [pools[0], { ...pools[1], Priority: 1 }] });
    assert.equal(duplicate.message, 'Each instance pool in a production variant must have a unique Priority.');
    const both = await create({ InstanceType: 'ml.g5.2xlarge', InstancePools: pools });
    assert.equal(both.message, 'Specify either InstanceType or InstancePools for a production variant, not both.');
  });

  it('validates the insufficientCapacity fault', async () => {
    const refused = await controlRequest(h.emulator.url, 'POST', 'faults', { insufficientCapacity: 'ml.g5.2xlarge' });
    assert.equal(refused.status, 400);
    assert.match(String(refused.json.error), /insufficientCapacity must be a list of instance types/);
    const accepted = await setCapacityFault(['ml.g5.2xlarge']);
    assert.deepEqual((accepted.json.faults as { insufficientCapacity: string[] }).insufficientCapacity, ['ml.g5.2xlarge']);
  });
});

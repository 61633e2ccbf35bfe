import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  CreateModelCommand,
  DescribeInferenceComponentCommand,
  type InferenceComponentDeploymentConfig,
  UpdateInferenceComponentCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { controlRequest, errorOf, roleArn } from './harness';
import { startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';
import { defaultTimings } from '../src/timings';

const copyStart = defaultTimings.copyStartSeconds;
const copyStop = defaultTimings.copyStopSeconds;

interface Summary {
  inferenceComponents: { name: string; status: string; rollout?: { phase: string }; copies: { state: string; generation?: string }[] }[];
}

describe('emulator: rolling updates of an inference component (UpdateInferenceComponent with DeploymentConfig)', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
    await h.sagemaker.send(new CreateModelCommand({ ModelName: 'm1', PrimaryContainer: { Image: 'image:1' }, ExecutionRoleArn: roleArn }));
    await h.sagemaker.send(new CreateModelCommand({ ModelName: 'm2', PrimaryContainer: { Image: 'image:2' }, ExecutionRoleArn: roleArn }));
    // One ml.g5.12xlarge (4 GPUs) and no more: 4 copies of 1 GPU at most, so 2 copies leave room for a batch of 2.
    await h.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'cfg',
        ExecutionRoleArn: roleArn,
        ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 1, MaxInstanceCount: 1 } }],
      }),
    );
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }));
    h.emulator.advance(180);
  });
  afterEach(() => stopScalingHarness(h));

  async function createComponent(copies: number): Promise<void> {
    await h.sagemaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: 'ic',
        EndpointName: 'ep',
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'm1', ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: 1 } },
        RuntimeConfig: { CopyCount: copies },
      }),
    );
    h.emulator.advance(copyStart + 1);
  }

  const policy = (overrides: Partial<InferenceComponentDeploymentConfig['RollingUpdatePolicy']> = {}, alarms: string[] = []): InferenceComponentDeploymentConfig => ({
    RollingUpdatePolicy: { MaximumBatchSize: { Type: 'COPY_COUNT', Value: 1 }, WaitIntervalInSeconds: 60, ...overrides },
    ...(alarms.length ? { AutoRollbackConfiguration: { Alarms: alarms.map((AlarmName) => ({ AlarmName })) } } : {}),
  });
  const update = (deployment: InferenceComponentDeploymentConfig, model = 'm2', accelerators = 1) =>
    h.sagemaker.send(
      new UpdateInferenceComponentCommand({
        InferenceComponentName: 'ic',
        Specification: { ModelName: model, ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: accelerators } },
        DeploymentConfig: deployment,
      }),
    );
  const describe = () => h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
  const component = async () => ((await controlRequest(h.emulator.url, 'GET', 'state')).json as unknown as Summary).inferenceComponents.find((ic) => ic.name === 'ic')!;
  const generations = async () => {
    const copies = (await component()).copies.filter((copy) => copy.state !== 'stopping');
    return { previous: copies.filter((copy) => copy.generation === 'previous').length, next: copies.filter((copy) => copy.generation === 'next').length };
  };

  it('rolls the copies one batch at a time: new copies start beside the old, old ones stop, then the wait interval', async () => {
    await createComponent(2);
    await update(policy({ WaitIntervalInSeconds: 120 }));
    let described = await describe();
    assert.equal(described.InferenceComponentStatus, 'Updating');
    assert.equal(described.Specification?.ModelName, 'm2');
    assert.deepEqual(described.LastDeploymentConfig, policy({ WaitIntervalInSeconds: 120 }));
    // Batch 1: one new copy starting beside the two old ones, which keep serving.
    assert.deepEqual(await generations(), { previous: 2, next: 1 });
    assert.equal(described.RuntimeConfig?.CurrentCopyCount, 2);
    h.emulator.advance(copyStart + 1);
    // The new copy serves, one old one stops; the baking period runs.
    assert.deepEqual(await generations(), { previous: 1, next: 1 });
    assert.equal((await component()).rollout?.phase, 'baking');
    h.emulator.advance(60);
    assert.deepEqual(await generations(), { previous: 1, next: 1 }, 'nothing moves during the wait interval');
    h.emulator.advance(61);
    // Batch 2.
    assert.deepEqual(await generations(), { previous: 1, next: 2 });
    h.emulator.advance(copyStart + 1);
    assert.deepEqual(await generations(), { previous: 0, next: 2 });
    assert.equal((await describe()).InferenceComponentStatus, 'Updating', 'the last baking period');
    h.emulator.advance(120 + copyStop + 1);
    described = await describe();
    assert.equal(described.InferenceComponentStatus, 'InService');
    assert.equal(described.RuntimeConfig?.CurrentCopyCount, 2);
    assert.equal(described.Specification?.ModelName, 'm2');
    assert.equal(described.FailureReason, undefined);
    assert.equal((await component()).rollout, undefined);
  });

  it('rolls back when a listed alarm is in ALARM during a baking period (the alarmStates fault), then succeeds once it is cleared', async () => {
    await createComponent(2);
    await h.cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'ic-errors',
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocation5XXErrors',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
    const fault = await controlRequest(h.emulator.url, 'POST', 'faults', { alarmStates: { 'ic-errors': 'ALARM' } });
    assert.equal(fault.status, 200);
    assert.equal((await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['ic-errors'] }))).MetricAlarms?.[0]?.StateValue, 'ALARM');
    await update(policy({}, ['ic-errors']));
    h.emulator.advance(copyStart + 1);
    // The first batch is in, the baking period sees the alarm: the old copy comes back.
    assert.equal((await component()).rollout?.phase, 'rollingBack');
    assert.equal((await describe()).Specification?.ModelName, 'm1', 'the old specification is restored');
    h.emulator.advance(copyStart + copyStop + 2);
    let described = await describe();
    assert.equal(described.InferenceComponentStatus, 'InService');
    assert.equal(described.RuntimeConfig?.CurrentCopyCount, 2);
    assert.equal(described.Specification?.ModelName, 'm1');
    assert.match(described.FailureReason ?? '', /alarm ic-errors went into ALARM/);
    assert.deepEqual(described.LastDeploymentConfig, policy({}, ['ic-errors']));

    await controlRequest(h.emulator.url, 'DELETE', 'faults');
    h.emulator.advance(60);
    // Released, the alarm is evaluated again: no data, so INSUFFICIENT_DATA, no longer ALARM.
    assert.equal((await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['ic-errors'] }))).MetricAlarms?.[0]?.StateValue, 'INSUFFICIENT_DATA');
    await update(policy({}, ['ic-errors']));
    h.emulator.advance(2 * (copyStart + 61) + copyStop + 2);
    described = await describe();
    assert.equal(described.InferenceComponentStatus, 'InService');
    assert.equal(described.Specification?.ModelName, 'm2');
    assert.equal(described.FailureReason, undefined);
  });

  it('rolls back all at once (RollbackMaximumBatchSize absent) when MaximumExecutionTimeoutInSeconds runs out', async () => {
    await createComponent(2);
    // A 3600 s wait interval cannot fit two batches in a 600 s timeout.
    await update(policy({ WaitIntervalInSeconds: 3600, MaximumExecutionTimeoutInSeconds: 600 }));
    h.emulator.advance(copyStart + 1);
    assert.deepEqual(await generations(), { previous: 1, next: 1 });
    h.emulator.advance(600 - copyStart);
    assert.equal((await component()).rollout?.phase, 'rollingBack');
    h.emulator.advance(copyStart + copyStop + 2);
    const described = await describe();
    assert.equal(described.InferenceComponentStatus, 'InService');
    assert.equal(described.Specification?.ModelName, 'm1');
    assert.match(described.FailureReason ?? '', /MaximumExecutionTimeoutInSeconds \(600 seconds\)/);
  });

  it('refuses a batch size outside 5–50 % of the copy count, and a batch that has no room beside the old copies', async () => {
    await createComponent(2);
    const percent = await errorOf(() => update(policy({ MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 60 } })));
    assert.equal(percent.name, 'ValidationException');
    assert.match(percent.message, /between 5 and 50 percent/);
    const copies = await errorOf(() => update(policy({ MaximumBatchSize: { Type: 'COPY_COUNT', Value: 2 } })));
    assert.match(copies.message, /at most 50% of the copy count \(2\): at most 1/);
    // The model's own range (WaitIntervalInSeconds 0–3600) is checked before the rule.
    const wait = await errorOf(() => update(policy({ WaitIntervalInSeconds: 3601 })));
    assert.equal(wait.name, 'ValidationException');
    // 2 old copies take 2 GPUs of 4: a new copy needing 3 has no room beside them.
    const room = await errorOf(() => update(policy(), 'm2', 3));
    assert.match(room.message, /not enough hardware/);
    assert.equal((await describe()).InferenceComponentStatus, 'InService', 'a refused update changes nothing');
  });

  it('applies a new specification to a component with 0 copies at once: nothing to roll (not documented by AWS)', async () => {
    await createComponent(1);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(copyStop + 1);
    await update(policy());
    const described = await describe();
    assert.equal(described.InferenceComponentStatus, 'InService');
    assert.equal(described.Specification?.ModelName, 'm2');
    assert.deepEqual(described.LastDeploymentConfig, policy());
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 1 } }));
    h.emulator.advance(copyStart + 1);
    assert.equal((await describe()).RuntimeConfig?.CurrentCopyCount, 1);
  });
});

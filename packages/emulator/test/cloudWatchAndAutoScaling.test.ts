import * as assert from 'node:assert/strict';
import { DeleteScalingPolicyCommand, DescribeScalingPoliciesCommand, PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  GetMetricDataCommand,
  ListMetricsCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { DescribeInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { errorOf } from './harness';
import { addNoCapacityAlarm, addScalingPolicies, deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

describe('emulator: CloudWatch and Application Auto Scaling operations', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
  });
  afterEach(() => stopScalingHarness(h));

  const invoke = () => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hi' }) }));

  it('publishes SageMaker metrics and answers GetMetricData and ListMetrics', async () => {
    await deployScaleToZero(h);
    const start = h.emulator.now();
    await invoke();
    await invoke();
    h.emulator.advance(60);
    const dims = [{ Name: 'InferenceComponentName', Value: 'ic' }];
    const data = await h.cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(start - 60_000),
        EndTime: new Date(h.emulator.now()),
        MetricDataQueries: [
          { Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dims }, Period: 300, Stat: 'Sum' } },
          { Id: 'copies', MetricStat: { Metric: { Namespace: 'Emulator/SageMaker', MetricName: 'CurrentCopyCount', Dimensions: dims }, Period: 60, Stat: 'Maximum' } },
        ],
      }),
    );
    const inv = data.MetricDataResults?.find((r) => r.Id === 'inv');
    assert.equal(inv?.Values?.reduce((a, b) => a + b, 0), 2);
    assert.ok(inv?.Timestamps?.[0] instanceof Date);
    assert.equal(inv?.StatusCode, 'Complete');
    assert.equal(data.MetricDataResults?.find((r) => r.Id === 'copies')?.Values?.[0], 1);
    const listed = await h.cw.send(new ListMetricsCommand({ Namespace: 'AWS/SageMaker', Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }] }));
    const names = new Set(listed.Metrics?.map((m) => m.MetricName));
    for (const name of ['Invocations', 'InvocationsPerCopy', 'ConcurrentRequestsPerCopy', 'ModelLatency']) assert.ok(names.has(name), name);
  });

  it('answers GetMetricData with arithmetic metric math over other queries, in any order, and refuses what it cannot evaluate in plain words', async () => {
    await deployScaleToZero(h);
    const start = h.emulator.now();
    for (let index = 0; index < 3; index++) await invoke();
    h.emulator.advance(60);
    const dims = [{ Name: 'InferenceComponentName', Value: 'ic' }];
    const invocations = { Id: 'inv', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dims }, Period: 300, Stat: 'Sum' } };
    const window = { StartTime: new Date(start - 60_000), EndTime: new Date(h.emulator.now()) };
    const data = await h.cw.send(
      new GetMetricDataCommand({
        ...window,
        // `perMinute` uses `doubled`, which comes after it: expressions may refer to each other in any order.
        MetricDataQueries: [{ Id: 'perMinute', Expression: 'doubled / (2 * 5)', Label: 'per minute' }, invocations, { Id: 'doubled', Expression: 'inv * 2' }],
      }),
    );
    assert.deepEqual(data.MetricDataResults?.map((result) => [result.Id, result.Label, result.Values]), [
      ['perMinute', 'per minute', [0.6]],
      ['doubled', 'doubled', [6]],
    ]);
    const unknown = await errorOf(() => h.cw.send(new GetMetricDataCommand({ ...window, MetricDataQueries: [{ Id: 'e', Expression: 'nothing + 1' }] })));
    assert.equal(unknown.name, 'InvalidParameterValueException');
    assert.match(unknown.message, /does not exist: nothing \(in e\)/);
    const cycle = await errorOf(() => h.cw.send(new GetMetricDataCommand({ ...window, MetricDataQueries: [{ Id: 'a', Expression: 'b + 1' }, { Id: 'b', Expression: 'a + 1' }] })));
    assert.match(cycle.message, /a, b refer to each other in a cycle/);
    const fn = await errorOf(() => h.cw.send(new GetMetricDataCommand({ ...window, MetricDataQueries: [invocations, { Id: 'f', Expression: 'RATE(inv)' }] })));
    assert.match(fn.message, /query f uses metric math the emulator does not evaluate/);
  });

  it('takes a metric-math alarm (Metrics) and evaluates it: an idle alarm on FILL(Invocations, 0) goes to ALARM after three quiet minutes', async () => {
    await deployScaleToZero(h);
    const dims = [{ Name: 'InferenceComponentName', Value: 'ic' }];
    const metrics = [
      { Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dims }, Period: 60, Stat: 'Sum' }, ReturnData: false },
      { Id: 'idle', Expression: 'FILL(inv, 0)', Label: 'invocations, 0 when none', ReturnData: true },
    ];
    const alarm = { AlarmName: 'ic-idle', EvaluationPeriods: 3, DatapointsToAlarm: 3, Threshold: 1, ComparisonOperator: 'LessThanThreshold' as const, TreatMissingData: 'missing', Metrics: metrics };
    await h.cw.send(new PutMetricAlarmCommand(alarm));
    const state = async () => (await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['ic-idle'] }))).MetricAlarms?.[0];
    const described = await state();
    assert.deepEqual(described?.Metrics?.map((query) => [query.Id, query.Expression ?? query.MetricStat?.Metric?.MetricName, query.ReturnData]), [['inv', 'Invocations', false], ['idle', 'FILL(inv, 0)', true]]);
    await invoke();
    h.emulator.advance(120);
    assert.equal((await state())?.StateValue, 'OK', 'a period with an invocation is not idle');
    h.emulator.advance(300);
    assert.equal((await state())?.StateValue, 'ALARM', 'three periods without invocations');
    // Refusals: Metrics with the single-metric members, and not exactly one query returning data.
    const both = await errorOf(() => h.cw.send(new PutMetricAlarmCommand({ ...alarm, MetricName: 'Invocations', Namespace: 'AWS/SageMaker' })));
    assert.match(both.message, /Metrics cannot be specified together with MetricName, Namespace/);
    const two = await errorOf(() => h.cw.send(new PutMetricAlarmCommand({ ...alarm, Metrics: [{ ...metrics[0], ReturnData: true }, metrics[1]] })));
    assert.match(two.message, /Exactly one element of the Metrics list must return data/);
  });

  it('describes alarms by names, prefix and state with pagination, sets states and toggles actions', async () => {
    for (const name of ['a-1', 'a-2', 'a-3', 'b-1']) {
      await h.cw.send(new PutMetricAlarmCommand({ AlarmName: name, MetricName: 'Invocations', Namespace: 'AWS/SageMaker', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));
    }
    const first = await h.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'a-', MaxRecords: 2 }));
    assert.deepEqual(first.MetricAlarms?.map((a) => a.AlarmName), ['a-1', 'a-2']);
    const second = await h.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'a-', MaxRecords: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.MetricAlarms?.map((a) => a.AlarmName), ['a-3']);
    assert.equal(second.NextToken, undefined);
    await h.cw.send(new SetAlarmStateCommand({ AlarmName: 'b-1', StateValue: 'ALARM', StateReason: 'testing' }));
    const alarmed = await h.cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    assert.deepEqual(alarmed.MetricAlarms?.map((a) => [a.AlarmName, a.StateReason]), [['b-1', 'testing']]);
    await h.cw.send(new DisableAlarmActionsCommand({ AlarmNames: ['a-1'] }));
    assert.equal((await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a-1'] }))).MetricAlarms?.[0].ActionsEnabled, false);
    await h.cw.send(new EnableAlarmActionsCommand({ AlarmNames: ['a-1'] }));
    assert.equal((await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a-1'] }))).MetricAlarms?.[0].ActionsEnabled, true);
    await h.cw.send(new DeleteAlarmsCommand({ AlarmNames: ['a-1', 'a-2'] }));
    assert.deepEqual((await h.cw.send(new DescribeAlarmsCommand({}))).MetricAlarms?.map((a) => a.AlarmName), ['a-3', 'b-1']);
  });

  it("answers bad CloudWatch input with the SDK's exception names and the service's messages", async () => {
    let error = await errorOf(() => h.cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })));
    assert.equal(error.name, 'ResourceNotFound');
    assert.equal(error.message, 'Alarm nope does not exist.');
    error = await errorOf(() =>
      h.cw.send(new PutMetricAlarmCommand({ AlarmName: 'x', MetricName: 'm', Namespace: 'n', Statistic: 'Sum', Period: 45, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' })),
    );
    assert.equal(error.name, 'InvalidParameterValueException');
    assert.equal(error.message, 'The parameter Period must be 10, 20, 30 or a multiple of 60.');
    error = await errorOf(() => h.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })));
    assert.equal(error.name, 'InvalidParameterCombinationException');
    error = await errorOf(() => h.cw.send(new DescribeAlarmsCommand({ StateValue: 'BROKEN' as never })));
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, "1 validation error detected: Value 'BROKEN' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [OK, ALARM, INSUFFICIENT_DATA]");
    error = await errorOf(() => h.cw.send(new DescribeAlarmsCommand({ NextToken: 'garbage' })));
    assert.equal(error.name, 'InvalidNextToken');
  });

  it("answers bad Application Auto Scaling input with the service's errors", async () => {
    let error = await errorOf(() => h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ghost'), MinCapacity: 0, MaxCapacity: 1 })));
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, 'The inference component ghost does not exist.');
    error = await errorOf(() =>
      h.aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'endpoint/ep/variant/AllTraffic', ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount', MinCapacity: 0, MaxCapacity: 1 })),
    );
    assert.equal(error.message, 'Unsupported resource ID endpoint/ep/variant/AllTraffic for scalable dimension sagemaker:inference-component:DesiredCopyCount. Expected: inference-component/<inference component name>');
    error = await errorOf(() => h.aas.send(new PutScalingPolicyCommand({ ...targetKey('ic'), PolicyName: 'p', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { StepAdjustments: [{ ScalingAdjustment: 1 }] } })));
    assert.equal(error.name, 'ObjectNotFoundException');
    assert.equal(error.message, 'No scalable target registered for service namespace: sagemaker, resource ID: inference-component/ic, scalable dimension: sagemaker:inference-component:DesiredCopyCount');
    await deployScaleToZero(h);
    error = await errorOf(() => h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), MinCapacity: 3, MaxCapacity: 1 })));
    assert.equal(error.message, 'Minimum capacity cannot be greater than maximum capacity');
    await addScalingPolicies(h);
    error = await errorOf(() =>
      h.aas.send(
        new PutScalingPolicyCommand({
          ...targetKey('ic'),
          PolicyName: 'wrong',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { TargetValue: 5, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } },
        }),
      ),
    );
    assert.equal(error.message, 'The predefined metric type SageMakerVariantInvocationsPerInstance is not supported for the scalable dimension sagemaker:inference-component:DesiredCopyCount.');
    error = await errorOf(() => h.aas.send(new DeleteScalingPolicyCommand({ ...targetKey('ic'), PolicyName: 'nope' })));
    assert.equal(error.name, 'ObjectNotFoundException');
    assert.equal(
      error.message,
      'No scaling policy found for service namespace: sagemaker, resource ID: inference-component/ic, scalable dimension: sagemaker:inference-component:DesiredCopyCount, policy name: nope',
    );
    await h.aas.send(new DeleteScalingPolicyCommand({ ...targetKey('ic'), PolicyName: 'inference-component-target-tracking-scaling-policy' }));
    assert.deepEqual((await h.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingPolicies?.map((p) => p.PolicyType), ['StepScaling']);
    assert.equal((await h.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'TargetTracking-' }))).MetricAlarms?.length, 0);
  });

  it('scales out by target tracking under sustained concurrency above the target', async function () {
    this.timeout(10_000);
    await stopScalingHarness(h);
    h = await startScalingHarness({ timings: { tokenLatencyMs: 100 } });
    await deployScaleToZero(h);
    await addScalingPolicies(h);
    // Twelve slow requests in flight on one copy while the clock moves a minute and more.
    const slow = () =>
      h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hi', parameters: { max_new_tokens: 10 } }) }));
    const inFlight = Array.from({ length: 12 }, () => slow());
    await new Promise((resolve) => setTimeout(resolve, 150));
    for (let i = 0; i < 12; i++) h.emulator.advance(10);
    await Promise.all(inFlight);
    const ic = await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
    assert.equal(ic.RuntimeConfig?.DesiredCopyCount, 2);
  });

  it('completes the demo scenario with auto scaling, alarms and schedules', async () => {
    h.emulator.reset('demo');
    const alarms = (await h.cw.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
    const byName = new Map(alarms.map((a) => [a.AlarmName, a]));
    assert.equal(byName.get('demo-llama3-8b-no-capacity')?.ComparisonOperator, 'GreaterThanOrEqualToThreshold');
    assert.equal(byName.get('demo-embeddings-no-capacity')?.ComparisonOperator, 'GreaterThanThreshold');
    assert.equal(byName.get('demo-embeddings-no-capacity')?.Statistic, 'Sum');
    assert.equal(byName.has('demo-mistral-7b-no-capacity'), false);
    // High and low for demo-mistral-7b and demo-embeddings; high only for demo-llama3-8b, whose idle timeout scales in (DisableScaleIn).
    assert.equal(alarms.filter((a) => a.AlarmName?.startsWith('TargetTracking-inference-component/demo-')).length, 5);
    assert.equal(alarms.filter((a) => a.AlarmName?.startsWith('TargetTracking-inference-component/demo-llama3-8b-AlarmLow')).length, 0);
    assert.equal(byName.get('demo-llama3-8b-idle-timeout')?.EvaluationPeriods, 30);
    const schedules = (await h.scheduler.send(new ListSchedulesCommand({}))).Schedules ?? [];
    assert.deepEqual(schedules.map((s) => s.Name), ['demo-llama3-8b-monday-scale-out', 'demo-llama3-8b-weekend-scale-to-zero']);
    // The idle demo-llama3-8b scales to zero copies; demo-mistral-7b keeps its one copy (MinCapacity 1).
    h.emulator.advance(20 * 60);
    const copies = async (name: string) => (await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }))).RuntimeConfig?.DesiredCopyCount;
    assert.equal(await copies('demo-llama3-8b'), 0);
    assert.equal(await copies('demo-mistral-7b'), 1);
  });
});

describe('emulator: the story in real time at time scale 60', () => {
  let h: ScalingHarness | undefined;
  afterEach(() => stopScalingHarness(h));

  it('wakes a scaled-to-zero component from one rejected request within a few real seconds', async function () {
    this.timeout(15_000);
    h = await startScalingHarness({ timings: { instanceIdleReleaseSeconds: 0 } });
    await deployScaleToZero(h);
    const { stepArn } = await addScalingPolicies(h);
    await addNoCapacityAlarm(h, stepArn, 'blog');
    h.emulator.advance(20 * 60);
    const describe = () => h!.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
    assert.equal((await describe()).RuntimeConfig?.CurrentCopyCount, 0);
    h.emulator.setTimeScale(60);
    const started = Date.now();
    const simulatedStart = h.emulator.now();
    const error = await errorOf(() => h!.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', Body: '{"inputs":"hi"}', ContentType: 'application/json' })));
    assert.equal(error.name, 'ValidationError');
    while ((await describe()).RuntimeConfig?.CurrentCopyCount !== 1) {
      if (Date.now() - started > 10_000) throw new Error('did not wake within 10 real seconds');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const simulated = (h.emulator.now() - simulatedStart) / 1000;
    assert.ok(simulated >= 4 * 60 && simulated <= 6 * 60, `woke after ${simulated} simulated s`);
    assert.ok(Date.now() - started < 8_000);
  });
});

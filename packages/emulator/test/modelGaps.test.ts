import * as assert from 'node:assert/strict';
import {
  type CustomizedMetricSpecification,
  DeleteScalingPolicyCommand,
  DeleteScheduledActionCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DeleteAlarmsCommand, DescribeAlarmsCommand, GetMetricStatisticsCommand, type GetMetricStatisticsCommandInput, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { evaluateMetricMath } from '../src/cloudwatch/metricMath';
import { errorOf } from './harness';
import { deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

// Gaps between the emulator and AWS's service models (botocore 1.43), issue 16 item 4.
describe('emulator: what the service models say (issue 16)', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
  });
  afterEach(() => stopScalingHarness(h));

  const alarm = (name: string) =>
    h.cw.send(new PutMetricAlarmCommand({ AlarmName: name, MetricName: 'Invocations', Namespace: 'AWS/SageMaker', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));

  it('DeleteAlarms deletes the known names even when one is unknown, and still reports ResourceNotFound', async () => {
    await alarm('keep');
    await alarm('doomed-1');
    await alarm('doomed-2');
    const error = await errorOf(() => h.cw.send(new DeleteAlarmsCommand({ AlarmNames: ['doomed-1', 'no-such-alarm', 'doomed-2'] })));
    assert.equal(error.name, 'ResourceNotFound');
    assert.equal(error.$metadata?.httpStatusCode, 404);
    const left = await h.cw.send(new DescribeAlarmsCommand({}));
    assert.deepEqual(left.MetricAlarms?.map((a) => a.AlarmName), ['keep']);
  });

  it('PutMetricAlarm takes only the model\'s units and DescribeAlarms only its alarm types (list members reported as AWS does)', async () => {
    let error = await errorOf(() =>
      h.cw.send(new PutMetricAlarmCommand({ AlarmName: 'u', MetricName: 'm', Namespace: 'n', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', Unit: 'Requests' as never })),
    );
    assert.equal(error.name, 'ValidationException');
    assert.match(error.message, /^1 validation error detected: Value 'Requests' at 'unit' failed to satisfy constraint: Member must satisfy enum value set: \[Seconds, Microseconds, /);
    error = await errorOf(() => h.cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'Other' as never] })));
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, "1 validation error detected: Value '[MetricAlarm, Other]' at 'alarmTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CompositeAlarm, MetricAlarm]]");
  });

  describe('GetMetricStatistics', () => {
    const t0 = Date.UTC(2025, 0, 1);
    const at = (seconds: number) => t0 + seconds * 1000;
    const a1 = [{ name: 'A', value: '1' }];
    beforeEach(() => {
      const metrics = h.emulator.emulator.alarms.metrics;
      const id = { namespace: 'Test/Custom', metricName: 'Load', dimensions: a1 };
      for (const [second, value] of [[5, 1], [30, 3], [65, 5], [70, 7], [71, 9]]) metrics.put(id, at(second), value, 'Count');
      metrics.put(id, at(80), 2, 'Count');
      metrics.put(id, at(80), 4, 'Count'); // one second holding two different values: no raw values any more
      // Same name with one more dimension: another metric, never mixed in.
      metrics.put({ ...id, dimensions: [...a1, { name: 'B', value: '2' }] }, at(10), 100, 'Count');
      h.emulator.advance(200);
    });
    const get = (input: Partial<GetMetricStatisticsCommandInput>) =>
      h.cw.send(
        new GetMetricStatisticsCommand({ Namespace: 'Test/Custom', MetricName: 'Load', Dimensions: [{ Name: 'A', Value: '1' }], StartTime: new Date(at(20)), EndTime: new Date(at(180)), Period: 60, ...input }),
      );

    it('answers every statistic per period from the start rounded down to the minute, for exactly the dimensions given', async () => {
      const result = await get({ Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'] });
      assert.equal(result.Label, 'Load');
      const points = [...(result.Datapoints ?? [])].sort((a, b) => (a.Timestamp?.getTime() ?? 0) - (b.Timestamp?.getTime() ?? 0));
      assert.deepEqual(
        points.map((p) => [p.Timestamp?.toISOString(), p.SampleCount, p.Sum, p.Average, p.Minimum, p.Maximum, p.Unit]),
        [
          ['2025-01-01T00:00:00.000Z', 2, 4, 2, 1, 3, 'Count'],
          ['2025-01-01T00:01:00.000Z', 5, 27, 5.4, 2, 9, 'Count'],
        ],
      );
      const only = await get({ Statistics: ['Maximum'], Dimensions: [{ Name: 'A', Value: '1' }, { Name: 'B', Value: '2' }] });
      assert.deepEqual(only.Datapoints?.map((p) => [p.Maximum, p.Sum]), [[100, undefined]]);
      assert.deepEqual((await get({ Statistics: ['Sum'], Dimensions: [] })).Datapoints, []);
    });

    it('answers percentiles where the stored seconds hold the raw values, and filters by unit without converting', async () => {
      const result = await get({ ExtendedStatistics: ['p50', 'p99.9'], Period: 30, StartTime: new Date(at(0)), EndTime: new Date(at(90)) });
      const byTime = new Map(result.Datapoints?.map((p) => [p.Timestamp?.toISOString(), p]));
      assert.deepEqual(byTime.get('2025-01-01T00:00:00.000Z')?.ExtendedStatistics, { p50: 1, 'p99.9': 1 });
      assert.deepEqual(byTime.get('2025-01-01T00:00:30.000Z')?.ExtendedStatistics, { p50: 3, 'p99.9': 3 });
      // 00:01:00-00:01:30 holds 5, 7, 9 and a second with 2 and 4 (a statistic set): no percentile.
      assert.deepEqual(byTime.get('2025-01-01T00:01:00.000Z')?.ExtendedStatistics, {});
      assert.equal(byTime.get('2025-01-01T00:01:00.000Z')?.Sum, undefined);
      assert.equal((await get({ Statistics: ['Sum'], Unit: 'Seconds' })).Datapoints?.length, 0);
      assert.equal((await get({ Statistics: ['Sum'], Unit: 'Count' })).Datapoints?.length, 2);
    });

    it('validates as the model says: Statistics or ExtendedStatistics, the period, StartTime before EndTime, at most 1,440 datapoints', async () => {
      let error = await errorOf(() => get({ Statistics: ['Sum'], ExtendedStatistics: ['p90'] }));
      assert.equal(error.name, 'InvalidParameterCombinationException');
      error = await errorOf(() => get({}));
      assert.equal(error.name, 'InvalidParameterCombinationException');
      error = await errorOf(() => get({ Statistics: ['Sum'], Period: 45 }));
      assert.equal(error.name, 'InvalidParameterValueException');
      error = await errorOf(() => get({ Statistics: ['Sum'], StartTime: new Date(at(180)), EndTime: new Date(at(180)) }));
      assert.equal(error.name, 'InvalidParameterValueException');
      assert.equal(error.message, 'The parameter StartTime must be less than the parameter EndTime.');
      error = await errorOf(() => get({ ExtendedStatistics: ['p101'] }));
      assert.equal(error.name, 'InvalidParameterValueException');
      error = await errorOf(() => get({ Statistics: ['Sum', 'Median' as never] }));
      assert.equal(error.name, 'ValidationException');
      assert.equal(
        error.message,
        "1 validation error detected: Value '[Sum, Median]' at 'statistics' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [SampleCount, Average, Sum, Minimum, Maximum]]",
      );
      error = await errorOf(() => get({ Statistics: ['Sum'], Period: 0 }));
      assert.equal(error.name, 'ValidationException');
      error = await errorOf(() => get({ Statistics: ['Sum'], Period: undefined }));
      assert.match(error.message, /Value null at 'period' failed to satisfy constraint: Member must not be null/);
      // 24 hours of minutes is the limit; one more minute is refused.
      await get({ Statistics: ['Sum'], StartTime: new Date(at(0)), EndTime: new Date(at(86_400)) });
      error = await errorOf(() => get({ Statistics: ['Sum'], StartTime: new Date(at(0)), EndTime: new Date(at(86_460)) }));
      assert.equal(error.name, 'InvalidParameterCombinationException');
      assert.equal(error.message, 'You have requested up to 1,441 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.');
      assert.equal(error.$metadata?.httpStatusCode, 400);
    });
  });

  describe('target tracking on a CustomizedMetricSpecification', () => {
    beforeEach(async () => {
      await deployScaleToZero(h);
      await h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), MinCapacity: 0, MaxCapacity: 3 }));
    });
    const track = (spec: CustomizedMetricSpecification, extra: Record<string, unknown> = {}) =>
      h.aas.send(
        new PutScalingPolicyCommand({
          ...targetKey('ic'),
          PolicyName: 'custom',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { TargetValue: 10, CustomizedMetricSpecification: spec, ScaleOutCooldown: 60, ScaleInCooldown: 600, ...extra },
        }),
      );
    /** Publishes `value` every 10 s for the next `seconds` (as a custom metric would be). */
    const publish = (metricName: string, value: number, seconds: number, dimensions = [{ name: 'Queue', value: 'q' }]) => {
      const start = h.emulator.now();
      for (let t = 0; t < seconds; t += 10) h.emulator.emulator.alarms.metrics.put({ namespace: 'Test/App', metricName, dimensions }, start + t * 1000, value, 'Count');
    };
    const activities = async () => (await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingActivities?.map((a) => a.Description);

    it('accepts the simple form, creates 3 × 1 min / 15 × 1 min alarms on the metric, and scales on it', async () => {
      const spec = { MetricName: 'QueueDepth', Namespace: 'Test/App', Dimensions: [{ Name: 'Queue', Value: 'q' }], Statistic: 'Average' as const, Unit: 'Count' };
      const created = await track(spec);
      assert.equal(created.Alarms?.length, 2);
      const described = await h.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', PolicyNames: ['custom'] }));
      assert.deepEqual(described.ScalingPolicies?.[0].TargetTrackingScalingPolicyConfiguration?.CustomizedMetricSpecification, spec);
      const alarms = (await h.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'TargetTracking-inference-component/ic-' }))).MetricAlarms ?? [];
      const high = alarms.find((a) => a.AlarmName?.includes('-AlarmHigh-'));
      const low = alarms.find((a) => a.AlarmName?.includes('-AlarmLow-'));
      assert.deepEqual(
        [high?.Namespace, high?.MetricName, high?.Dimensions, high?.Statistic, high?.Unit, high?.Period, high?.EvaluationPeriods, high?.Threshold, high?.ComparisonOperator],
        ['Test/App', 'QueueDepth', [{ Name: 'Queue', Value: 'q' }], 'Average', 'Count', 60, 3, 10, 'GreaterThanThreshold'],
      );
      assert.deepEqual([low?.EvaluationPeriods, low?.Threshold, low?.ComparisonOperator], [15, 9, 'LessThanThreshold']);
      // A queue 3 times the target per copy: one copy becomes 3.
      publish('QueueDepth', 30, 300);
      h.emulator.advance(300);
      assert.deepEqual(await activities(), ['Setting desired copy count to 3.']);
    });

    it('accepts the Metrics form with arithmetic metric math and scales on the expression', async () => {
      const spec: CustomizedMetricSpecification = {
        Metrics: [
          { Id: 'depth', MetricStat: { Metric: { Namespace: 'Test/App', MetricName: 'QueueDepth', Dimensions: [{ Name: 'Queue', Value: 'q' }] }, Stat: 'Sum' }, ReturnData: false },
          { Id: 'workers', MetricStat: { Metric: { Namespace: 'Test/App', MetricName: 'Workers', Dimensions: [{ Name: 'Queue', Value: 'q' }] }, Stat: 'Maximum' }, ReturnData: false },
          { Id: 'per_worker', Expression: '(depth) / (workers * 6)', Label: 'backlog per worker', ReturnData: true },
        ],
      };
      // A long scale-out cooldown: the metric here does not fall as copies are added, so one scale-out is what is looked at.
      await track(spec, { ScaleOutCooldown: 3600 });
      const described = await h.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', PolicyNames: ['custom'] }));
      assert.deepEqual(described.ScalingPolicies?.[0].TargetTrackingScalingPolicyConfiguration?.CustomizedMetricSpecification, spec);
      const high = (await h.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'TargetTracking-inference-component/ic-AlarmHigh-' }))).MetricAlarms?.[0];
      assert.equal(high?.MetricName, undefined);
      assert.deepEqual(high?.Metrics?.map((m) => [m.Id, m.MetricStat?.Stat, m.MetricStat?.Period, m.Expression, m.ReturnData]), [
        ['depth', 'Sum', 60, undefined, false],
        ['workers', 'Maximum', 60, undefined, false],
        ['per_worker', undefined, undefined, '(depth) / (workers * 6)', true],
      ]);
      // Per minute: 6 samples of 30 (Sum 180) over 2 workers × 6 = 15 against a target of 10: ceil(1 copy × 15 / 10) = 2 copies.
      publish('QueueDepth', 30, 300);
      publish('Workers', 2, 300);
      h.emulator.advance(300);
      assert.deepEqual(await activities(), ['Setting desired copy count to 2.']);
      const alarmed = (await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: [high?.AlarmName ?? ''] }))).MetricAlarms?.[0];
      assert.equal(alarmed?.StateValue, 'ALARM');
    });

    it('keeps an expression it cannot evaluate (functions) in INSUFFICIENT_DATA instead of refusing the policy', async () => {
      await track({ Metrics: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'Test/App', MetricName: 'QueueDepth' }, Stat: 'Sum' }, ReturnData: false }, { Id: 'e1', Expression: 'RATE(m1)', ReturnData: true }] });
      publish('QueueDepth', 30, 300, []);
      h.emulator.advance(300);
      const high = (await h.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'TargetTracking-inference-component/ic-AlarmHigh-' }))).MetricAlarms?.[0];
      assert.equal(high?.StateValue, 'INSUFFICIENT_DATA');
      assert.deepEqual(await activities(), []);
    });

    it('evaluates the arithmetic of metric math: precedence, parentheses, unary minus, missing operands, division by zero', () => {
      const values = new Map<string, number | undefined>([['a', 6], ['b', 3], ['gone', undefined]]);
      assert.equal(evaluateMetricMath('a + b * 2', values), 12);
      assert.equal(evaluateMetricMath('(a + b) * 2', values), 18);
      assert.equal(evaluateMetricMath('-a / b - 1.5e0', values), -3.5);
      assert.equal(evaluateMetricMath('a + gone', values), undefined);
      assert.equal(evaluateMetricMath('a / (b - 3)', values), undefined);
      assert.equal(evaluateMetricMath('FILL(gone, 0) + a', values), 6);
      assert.equal(evaluateMetricMath('FILL(a, 0)', values), 6);
      assert.equal(evaluateMetricMath('FILL(gone, b * 2)', values), 6);
      assert.throws(() => evaluateMetricMath('FILL(gone, REPEAT)', values), /REPEAT is not emulated/);
      assert.throws(() => evaluateMetricMath('SUM(METRICS())', values), /SUM is not emulated/);
      assert.throws(() => evaluateMetricMath('a > b', values), /unexpected >/);
      assert.throws(() => evaluateMetricMath('unknown * 2', values), /unknown is not emulated/);
    });

    it('validates as the model and the documentation say', async () => {
      const refusal = async (spec: CustomizedMetricSpecification, pattern: RegExp, extra: Record<string, unknown> = {}) => {
        const error = await errorOf(() => track(spec, extra));
        assert.equal(error.name, 'ValidationException', JSON.stringify(spec));
        assert.equal(error.$metadata?.httpStatusCode, 400);
        assert.match(error.message, pattern);
      };
      const stat = { Metric: { Namespace: 'Test/App', MetricName: 'QueueDepth' }, Stat: 'Sum' };
      await refusal({ MetricName: 'm', Namespace: 'n', Statistic: 'Median' as never }, /Value 'Median' at 'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.statistic' failed to satisfy constraint: Member must satisfy enum value set/);
      await refusal({ MetricName: 'm', Namespace: 'n' }, /needs MetricName, Namespace and Statistic/);
      await refusal({ MetricName: 'm', Namespace: 'n', Statistic: 'Sum', Metrics: [{ Id: 'm1', MetricStat: stat }] }, /either Metrics or MetricName/);
      await refusal({ Metrics: [{ Id: 'm1', MetricStat: stat, Expression: 'm1' }] }, /either an Expression or a MetricStat/);
      await refusal({ Metrics: [{ Id: 'm1', MetricStat: stat }, { Id: 'e1', Expression: 'm1 * 2' }] }, /Exactly one metric .* ReturnData/);
      await refusal({ Metrics: [{ Id: 'M1', MetricStat: stat }] }, /Invalid Id M1/);
      await refusal({ Metrics: [{ Id: 'm1', Expression: '' }] }, /at 'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metrics.1.member.expression' failed to satisfy constraint: Member must have length greater than or equal to 1/);
      await refusal({ Metrics: [{ Id: 'm1', MetricStat: { ...stat, Stat: 'Sum\u0001' } }] }, /metricStat.stat' failed to satisfy constraint: Member must satisfy regular expression pattern/);
      await refusal({ Metrics: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'x'.repeat(256), MetricName: 'm' }, Stat: 'Sum' } }] }, /Member must have length less than or equal to 255/);
      await refusal({ MetricName: 'm', Namespace: 'n', Statistic: 'Sum' }, /either PredefinedMetricSpecification or CustomizedMetricSpecification, not both/, {
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentInvocationsPerCopy' },
      });
    });
  });

  describe('Application Auto Scaling names follow the model patterns', () => {
    beforeEach(async () => {
      await deployScaleToZero(h);
      await h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), MinCapacity: 0, MaxCapacity: 2 }));
    });

    const scheduled = (name: string) => h.aas.send(new PutScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: name, Schedule: 'cron(0 18 ? * 6 *)', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } }));
    const pattern = '(?!((^[ ]+.*)|(.*([\\u0000-\\u001f]|[\\u007f-\\u009f]|[:/|])+.*)|(.*[ ]+$))).+';

    for (const bad of ['a/b', 'a:b', 'a|b', ' leading', 'trailing ', 'tab\there', 'del\u007f', 'c1\u0085']) {
      it(`refuses the scheduled action name ${JSON.stringify(bad)} (ValidationException, 400)`, async () => {
        const error = await errorOf(() => scheduled(bad));
        assert.equal(error.name, 'ValidationException');
        assert.equal(error.$metadata?.httpStatusCode, 400);
        assert.equal(error.message, `1 validation error detected: Value '${bad}' at 'scheduledActionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`);
      });
    }

    it('accepts names the pattern allows, up to 256 characters, and deletes them by the same name', async () => {
      const names = ['weekend scale-to-zero', 'a.b_c-d (e)', 'é', 'x'.repeat(256)];
      for (const name of names) await scheduled(name);
      const listed = await h.aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker' }));
      assert.deepEqual(listed.ScheduledActions?.map((a) => a.ScheduledActionName).sort(), [...names].sort());
      const tooLong = await errorOf(() => scheduled('x'.repeat(257)));
      assert.match(tooLong.message, /Member must have length less than or equal to 256/);
      for (const name of names) await h.aas.send(new DeleteScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: name }));
    });

    it('refuses control characters in resource IDs (ResourceIdMaxLen1600) and non-printable policy names (\\p{Print}+)', async () => {
      let error = await errorOf(() => h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), ResourceId: 'inference-component/ic\u0001', MinCapacity: 0, MaxCapacity: 1 })));
      assert.equal(error.name, 'ValidationException');
      assert.match(error.message, /at 'resourceId' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\u0020-\\uD7FF/);
      error = await errorOf(() =>
        h.aas.send(new PutScalingPolicyCommand({ ...targetKey('ic'), PolicyName: 'tab\there', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ ScalingAdjustment: 1 }] } })),
      );
      assert.equal(error.name, 'ValidationException');
      assert.match(error.message, /at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p\{Print\}\+/);
      error = await errorOf(() => h.aas.send(new DeleteScalingPolicyCommand({ ...targetKey('ic'), PolicyName: 'x'.repeat(1601) })));
      assert.match(error.message, /Member must have length less than or equal to 1600/);
      error = await errorOf(() => h.aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker', ScheduledActionNames: ['ok', 'x'.repeat(1601)] })));
      assert.match(error.message, /at 'scheduledActionNames' failed to satisfy constraint: Member must satisfy constraint: \[Member must have length less than or equal to 1600\]/);
      error = await errorOf(() => h.aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker', ScheduledActionNames: Array.from({ length: 51 }, (_, i) => `n${i}`) })));
      assert.match(error.message, /at 'scheduledActionNames' failed to satisfy constraint: Member must have length less than or equal to 50/);
      error = await errorOf(() => h.aas.send(new DeleteScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: 'a/b' })));
      // DeleteScheduledAction's name is a ResourceIdMaxLen1600: a/b passes the model and is simply not found.
      assert.equal(error.name, 'ObjectNotFoundException');
    });
  });
});

import * as assert from 'node:assert/strict';
import { DescribeScalingActivitiesCommand, PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { DescribeInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { errorOf } from './harness';
import { addNoCapacityAlarm, deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

/*
 * "Sleep after N idle minutes" with AWS's primitives (docs/emulator.md, "Idle timeout"): target
 * tracking with DisableScaleIn, an alarm "requests served or refused < 1 in 2N of 2N 30-second
 * periods" triggering a step policy with ExactCapacity 0, beside the wake alarm.
 */
type IdleAlarmKind = 'requests' | 'invocationsOnly';

/**
 * The idle alarm. `requests` (the extension's): metric math `FILL(m1,0) + FILL(m2,0)` over
 * Invocations and NoCapacityInvocationFailures summed per 30 seconds (the wake alarm's period), so a
 * refused request counts as activity too, fewer than 1 in 2N of 2N periods. `invocationsOnly` (the
 * branch's first version): Invocations alone over one-minute periods, blind to refused requests.
 */
function idleAlarm(policyArn: string, minutes: number, kind: IdleAlarmKind): PutMetricAlarmCommandInput {
  const dimensions = [{ Name: 'InferenceComponentName', Value: 'ic' }];
  const common = { AlarmName: 'ic-idle-timeout', AlarmActions: [policyArn], Threshold: 1, ComparisonOperator: 'LessThanThreshold' as const, TreatMissingData: 'breaching' };
  if (kind === 'invocationsOnly') {
    return { ...common, Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dimensions, Statistic: 'Sum', Period: 60, EvaluationPeriods: minutes, DatapointsToAlarm: minutes };
  }
  const stat = (id: string, metricName: string) => ({
    Id: id,
    ReturnData: false,
    MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: metricName, Dimensions: dimensions }, Period: 30, Stat: 'Sum' },
  });
  return {
    ...common,
    Metrics: [stat('m1', 'Invocations'), stat('m2', 'NoCapacityInvocationFailures'), { Id: 'requests', Expression: 'FILL(m1,0) + FILL(m2,0)', ReturnData: true }],
    EvaluationPeriods: 2 * minutes,
    DatapointsToAlarm: 2 * minutes,
  };
}

describe('emulator: an idle timeout of 5 minutes', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
  });
  afterEach(() => stopScalingHarness(h));

  const copies = async () => (await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }))).RuntimeConfig;
  const invoke = () => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hello' }) }));

  async function setUp(disableScaleIn: boolean, minutes = 5, alarm: IdleAlarmKind = 'requests'): Promise<void> {
    await deployScaleToZero(h);
    await h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), MinCapacity: 0, MaxCapacity: 2 }));
    await h.aas.send(
      new PutScalingPolicyCommand({
        ...targetKey('ic'),
        PolicyName: 'tracking',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' },
          TargetValue: 5,
          ScaleInCooldown: 60,
          ScaleOutCooldown: 300,
          DisableScaleIn: disableScaleIn,
        },
      }),
    );
    const wake = await h.aas.send(
      new PutScalingPolicyCommand({
        ...targetKey('ic'),
        PolicyName: 'wake',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Maximum', Cooldown: 60, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
      }),
    );
    await addNoCapacityAlarm(h, wake.PolicyARN ?? '', 'blog');
    const idle = await h.aas.send(
      new PutScalingPolicyCommand({
        ...targetKey('ic'),
        PolicyName: 'idle',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: { AdjustmentType: 'ExactCapacity', MetricAggregationType: 'Maximum', Cooldown: 60, StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 0 }] },
      }),
    );
    // The component is in use when its idle timeout is set: an alarm put on a component idle for N
    // minutes already (metric math fills the quiet periods with 0) would put it to sleep at once.
    await invoke();
    h.emulator.advance(90);
    await h.cw.send(new PutMetricAlarmCommand(idleAlarm(idle.PolicyARN ?? '', minutes, alarm)));
  }

  /** Seconds of the emulator's clock from the last request until the desired copy count is 0. */
  async function secondsToSleep(limit: number): Promise<number> {
    for (let elapsed = 0; elapsed <= limit; elapsed += 10) {
      if ((await copies())?.DesiredCopyCount === 0) return elapsed;
      h.emulator.advance(10);
    }
    throw new Error(`not asleep after ${limit} s`);
  }

  // The request's own minute, the metric's publish delay and the once-a-minute evaluation put the
  // sleep between 5 and 7 minutes after the last request, as CloudWatch's one-minute periods do.
  it('keeps the copy at 4 idle minutes and sets 0 copies between 5 and 7, long before target tracking would', async () => {
    await setUp(true);
    assert.equal((await invoke()).$metadata.httpStatusCode, 200);
    h.emulator.advance(4 * 60);
    assert.equal((await copies())?.DesiredCopyCount, 1, 'still awake after 4 idle minutes');
    const asleep = 4 * 60 + (await secondsToSleep(10 * 60));
    assert.ok(asleep >= 5 * 60 && asleep <= 7 * 60, `asleep after ${asleep} s`);
  });

  it('wakes again after sleeping: a refused request brings a copy back, and the idle alarm, counting it, does not set 0 again', async () => {
    await setUp(true);
    await invoke();
    await secondsToSleep(10 * 60);
    h.emulator.advance(15 * 60);
    assert.equal((await errorOf(invoke)).name, 'ValidationError');
    let served = false;
    for (let elapsed = 0; elapsed <= 15 * 60 && !served; elapsed += 10) {
      h.emulator.advance(10);
      served = await invoke().then(() => true, () => false);
    }
    assert.ok(served, 'a request is served after the wake');
    // Asleep, the idle alarm stays in ALARM and runs its policy every minute (0 copies already: no
    // activity); the refused request makes it OK before the woken copy could be set back to 0.
    const activities = (await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingActivities ?? [];
    const toZero = activities.filter((activity) => activity.Description === 'Setting desired copy count to 0.');
    assert.equal(toZero.length, 1, 'one sleep, no second one during the wake');
  });

  /**
   * The race: while an idle alarm stays in ALARM, Application Auto Scaling runs its step policy again
   * every minute (CloudWatch, "Alarm actions"). An alarm blind to refused requests stays in ALARM
   * through a wake, and sets 0 copies again as soon as the woken copy publishes its idle minutes.
   */
  async function wakeThenWatch(kind: IdleAlarmKind, minutes: number): Promise<{ wokeAt: number; awakeUntil: number; asleepAt: number }> {
    await setUp(true, minutes, kind);
    await invoke();
    await secondsToSleep(15 * 60);
    h.emulator.advance(20 * 60);
    // One request to the cold component, refused (NoCapacityInvocationFailures): the last request.
    assert.equal((await errorOf(invoke)).name, 'ValidationError');
    let wokeAt: number | undefined;
    for (let elapsed = 10; elapsed <= (minutes + 10) * 60; elapsed += 10) {
      h.emulator.advance(10);
      const desired = (await copies())?.DesiredCopyCount ?? 0;
      if (wokeAt === undefined) {
        if (desired > 0) wokeAt = elapsed;
      } else if (desired === 0) {
        return { wokeAt, awakeUntil: elapsed - 10, asleepAt: elapsed };
      }
    }
    throw new Error(wokeAt === undefined ? 'never woke' : 'never slept again');
  }

  // Measured on the emulator's clock: the wake at 60 s, the sleep N minutes + 60 s after the request.
  // With the Invocations-only alarm the copy is set back to 0 at 420 s whatever N is (once the woken
  // copy publishes its first idle minute): too late for 1 minute, too early for 10.
  for (const minutes of [1, 5, 10]) {
    it(`a wake is not undone: after one refused request the copy stays ${minutes} idle minute${minutes === 1 ? '' : 's'}, then sleeps`, async () => {
      const { wokeAt, awakeUntil, asleepAt } = await wakeThenWatch('requests', minutes);
      assert.ok(wokeAt <= 60, `woke ${wokeAt} s after the request`);
      assert.ok(awakeUntil >= minutes * 60, `set back to 0 copies ${asleepAt} s after the last request, before its ${minutes} idle minutes`);
      assert.ok(asleepAt <= minutes * 60 + 90, `asleep ${asleepAt} s after the last request, not about ${minutes} minutes`);
    });
  }

  it('with DisableScaleIn off, target tracking still scales in on its own alarm (the readiness warning\'s case)', async () => {
    await setUp(false, 60);
    await invoke();
    const asleep = await secondsToSleep(40 * 60);
    assert.ok(asleep < 60 * 60, `target tracking scaled in after ${asleep} s, before the 60-minute idle timeout`);
  });

  it('refuses an idle alarm longer than one day at a one-minute period, as PutMetricAlarm documents', async () => {
    await deployScaleToZero(h);
    const error = await errorOf(() =>
      h.cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'too-long', Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Statistic: 'Sum', Period: 60,
          EvaluationPeriods: 1441, Threshold: 1, ComparisonOperator: 'LessThanThreshold',
        }),
      ),
    );
    assert.match(error.message, /86400 seconds/);
  });
});

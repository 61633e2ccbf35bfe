import * as assert from 'node:assert/strict';
import { DescribeScalingActivitiesCommand, PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { errorOf } from './harness';
import { addNoCapacityAlarm, deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

/*
 * "Sleep after N idle minutes" with AWS's primitives (docs/emulator.md, "Idle timeout"): target
 * tracking with DisableScaleIn, an alarm "Sum of Invocations < 1 in N of N one-minute periods,
 * missing data breaching" triggering a step policy with ExactCapacity 0, beside the wake alarm.
 */
describe('emulator: an idle timeout of 5 minutes', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
  });
  afterEach(() => stopScalingHarness(h));

  const copies = async () => (await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }))).RuntimeConfig;
  const invoke = () => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hello' }) }));

  async function setUp(disableScaleIn: boolean, minutes = 5): Promise<void> {
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
    await h.cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'ic-idle-timeout',
        AlarmActions: [idle.PolicyARN ?? ''],
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocations',
        Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: minutes,
        DatapointsToAlarm: minutes,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      }),
    );
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

  it('wakes again after sleeping: a refused request brings a copy back although the idle alarm stays in ALARM until requests are served', async () => {
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
    // Asleep, the idle alarm's breaching datapoints are missing ones (no value below the threshold), so
    // its repeated action matches no step of the set-to-zero policy and does not undo the wake.
    const activities = (await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingActivities ?? [];
    const toZero = activities.filter((activity) => activity.Description === 'Setting desired copy count to 0.');
    assert.equal(toZero.length, 1, 'one sleep, no second one during the wake');
  });

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

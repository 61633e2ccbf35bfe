import * as assert from 'node:assert/strict';
import {
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  PutScheduledActionCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, DescribeInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { errorOf } from './harness';
import { addNoCapacityAlarm, addScalingPolicies, deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

const noCapacity =
  'Inference Component has no capacity to process this request. ApplicationAutoScaling may be in-progress (if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API.';

describe('emulator: the scale-to-zero story through auto scaling and alarms', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
  });
  afterEach(() => stopScalingHarness(h));

  const describeIc = () => h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
  const instances = async () => (await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }))).ProductionVariants?.[0].CurrentInstanceCount;
  const invoke = () => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hello' }) }));
  const alarm = async (name: string) => (await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0];

  /** Advances in 10-second steps until `done` holds; returns the simulated seconds it took. */
  async function until(done: () => Promise<boolean>, limitSeconds: number): Promise<number> {
    for (let elapsed = 0; elapsed <= limitSeconds; elapsed += 10) {
      if (await done()) return elapsed;
      h.emulator.advance(10);
    }
    throw new Error(`condition not reached within ${limitSeconds} s`);
  }

  it('scales copies to 0 after ~15 idle minutes, instances ~10 minutes later, and wakes ~5 minutes after one rejected request', async () => {
    await deployScaleToZero(h);
    const { stepArn, trackingAlarms } = await addScalingPolicies(h);
    await addNoCapacityAlarm(h, stepArn, 'blog');
    assert.equal(trackingAlarms.length, 2);
    assert.match(trackingAlarms[0], /^TargetTracking-inference-component\/ic-AlarmHigh-[0-9a-f-]{36}$/);
    assert.match(trackingAlarms[1], /^TargetTracking-inference-component\/ic-AlarmLow-[0-9a-f-]{36}$/);
    assert.match(stepArn, /^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:[0-9a-f-]{36}:resource\/sagemaker\/inference-component\/ic:policyName\/inference-component-step-scaling-policy$/);
    const low = await alarm(trackingAlarms[1]);
    assert.equal(low?.EvaluationPeriods, 90);
    assert.equal(low?.Period, 10);
    assert.equal(low?.Threshold, 4.5);
    assert.equal(low?.StateValue, 'INSUFFICIENT_DATA');
    assert.equal(low?.StateReason, 'Unchecked: Initial alarm creation');
    assert.equal((await invoke()).$metadata.httpStatusCode, 200);

    const toZeroCopies = await until(async () => (await describeIc()).RuntimeConfig?.DesiredCopyCount === 0, 1800);
    assert.ok(toZeroCopies >= 14 * 60 && toZeroCopies <= 17 * 60, `copies went to 0 after ${toZeroCopies} s`);
    const lowAfter = await alarm(trackingAlarms[1]);
    assert.equal(lowAfter?.StateValue, 'ALARM');
    assert.match(lowAfter?.StateReason ?? '', /^Threshold Crossed: 90 datapoints were less than the threshold \(4\.5\)\. The most recent datapoints which crossed the threshold: \[0\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)/);
    const toZeroInstances = await until(async () => (await instances()) === 0, 1800);
    assert.ok(toZeroInstances >= 10 * 60 && toZeroInstances <= 11 * 60, `instances went to 0 after ${toZeroInstances} s`);

    // The first rejected request.
    const rejectedAt = h.emulator.now();
    const error = await errorOf(invoke);
    assert.equal(error.name, 'ValidationError');
    assert.equal(error.message, noCapacity);
    const alarmAfter = await until(async () => (await alarm('ic-step-scaling-policy-alarm'))?.StateValue === 'ALARM', 300);
    assert.ok(alarmAfter >= 30 && alarmAfter <= 70, `alarm fired after ${alarmAfter} s`);
    const fired = await alarm('ic-step-scaling-policy-alarm');
    assert.match(fired?.StateReason ?? '', /^Threshold Crossed: 1 datapoint \[1\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)\] was greater than or equal to the threshold \(1\.0\)\.$/);
    const updated = fired?.StateUpdatedTimestamp?.getTime() ?? 0;
    assert.ok(updated % 10_000 === 0 && updated <= h.emulator.now() && updated > h.emulator.now() - 10_000, 'state updated at the evaluation tick');
    assert.equal((await describeIc()).RuntimeConfig?.DesiredCopyCount, 1);

    await until(async () => (await describeIc()).RuntimeConfig?.CurrentCopyCount === 1, 900);
    assert.equal((await invoke()).$metadata.httpStatusCode, 200);
    const wake = (h.emulator.now() - rejectedAt) / 1000;
    assert.ok(wake >= 4.5 * 60 && wake <= 5.5 * 60, `woke after ${wake} s`);

    const activities = (await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/ic' }))).ScalingActivities ?? [];
    assert.equal(activities.length, 2);
    const [wakeUp, scaleIn] = activities;
    assert.equal(wakeUp.Description, 'Setting desired copy count to 1.');
    assert.equal(wakeUp.Cause, 'monitor alarm ic-step-scaling-policy-alarm in state ALARM triggered policy inference-component-step-scaling-policy');
    assert.equal(wakeUp.StatusCode, 'Successful');
    assert.equal(wakeUp.StatusMessage, 'Successfully set desired copy count to 1. Change successfully fulfilled by sagemaker.');
    assert.ok(wakeUp.StartTime instanceof Date && wakeUp.EndTime instanceof Date && wakeUp.EndTime > wakeUp.StartTime);
    assert.equal(scaleIn.Description, 'Setting desired copy count to 0.');
    assert.equal(scaleIn.Cause, `monitor alarm ${trackingAlarms[1]} in state ALARM triggered policy inference-component-target-tracking-scaling-policy`);
    assert.equal(scaleIn.StatusCode, 'Successful');
    assert.ok((scaleIn.StartTime?.getTime() ?? 0) < (wakeUp.StartTime?.getTime() ?? 0));
  });

  it('reproduces the alarm trap: the docs alarm (> 1, Sum, 60 s) ignores one rejected request, the blog alarm fires', async () => {
    await deployScaleToZero(h);
    const { stepArn } = await addScalingPolicies(h);
    await addNoCapacityAlarm(h, stepArn, 'docs', 'ic', 'docs-alarm');
    await addNoCapacityAlarm(h, stepArn, 'blog', 'ic', 'blog-alarm');
    await until(async () => (await describeIc()).RuntimeConfig?.CurrentCopyCount === 0, 1200);
    await errorOf(invoke);
    h.emulator.advance(120);
    const docs = await alarm('docs-alarm');
    assert.equal(docs?.StateValue, 'OK');
    assert.match(docs?.StateReason ?? '', /^Threshold Crossed: 1 datapoint \[1\.0 \(.*\)\] was not greater than the threshold \(1\.0\)\.$/);
    assert.equal((await alarm('blog-alarm'))?.StateValue !== undefined, true);
    const activities = (await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingActivities ?? [];
    assert.equal(activities[0].Cause, 'monitor alarm blog-alarm in state ALARM triggered policy inference-component-step-scaling-policy');
    assert.equal(activities.filter((a) => a.Cause?.includes('docs-alarm')).length, 0);
  });

  it('never scales out from 0 by target tracking alone', async () => {
    await deployScaleToZero(h);
    await addScalingPolicies(h);
    await until(async () => (await describeIc()).RuntimeConfig?.DesiredCopyCount === 0, 1200);
    for (let i = 0; i < 5; i++) await errorOf(invoke);
    h.emulator.advance(600);
    assert.equal((await describeIc()).RuntimeConfig?.DesiredCopyCount, 0);
  });

  it('removes policies, scheduled actions and target-tracking alarms on DeregisterScalableTarget, not the NoCapacity alarm', async () => {
    await deployScaleToZero(h);
    const { stepArn, trackingAlarms } = await addScalingPolicies(h);
    await addNoCapacityAlarm(h, stepArn, 'blog');
    await h.aas.send(new PutScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: 'nightly', Schedule: 'cron(0 22 * * ? *)', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 1 } }));
    assert.equal((await h.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingPolicies?.length, 2);
    await h.aas.send(new DeregisterScalableTargetCommand(targetKey('ic')));
    assert.equal((await h.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }))).ScalableTargets?.length, 0);
    assert.equal((await h.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingPolicies?.length, 0);
    assert.equal((await h.aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker' }))).ScheduledActions?.length, 0);
    const names = ((await h.cw.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).map((a) => a.AlarmName);
    assert.deepEqual(names, ['ic-step-scaling-policy-alarm']);
    assert.ok(!names.includes(trackingAlarms[0]));
  });
});

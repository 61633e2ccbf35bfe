import * as assert from 'node:assert/strict';
import { idleTailCost, idleTimeoutNote, idleTimeoutSteps, parseIdleMinutes, validateIdleMinutes } from '../../../src/wizards/enableScaleToZero/idleTimeoutPlan';
import { scaleToZeroSteps } from '../../../src/wizards/enableScaleToZero/scaleToZeroPlan';
import { defaultScaleSettings, idleMinutesPrompt } from '../../../src/wizards/enableScaleToZero/scaleSettings';
import { buildCreateEndpointPlan, type CreateEndpointAnswers } from '../../../src/wizards/createEndpoint/createEndpointPlan';
import { isOutputRef } from '../../../src/wizards/plans/plan';

describe('idle timeout plan builder', () => {
  it('accepts 1–1440 minutes (2 to 2880 periods of 30 s: one day at most below a one-hour period) or empty for AWS\'s target tracking', () => {
    assert.equal(validateIdleMinutes(''), undefined);
    assert.equal(validateIdleMinutes('1'), undefined);
    assert.equal(validateIdleMinutes('1440'), undefined);
    assert.equal(validateIdleMinutes('0'), 'The idle timeout in minutes must be at least 1.');
    assert.equal(validateIdleMinutes('1441'), 'The idle timeout in minutes must be at most 1440.');
    assert.equal(validateIdleMinutes('2.5'), 'The idle timeout in minutes must be a whole number.');
    assert.equal(parseIdleMinutes(' '), undefined);
    assert.equal(parseIdleMinutes('5'), 5);
  });

  it('prices the idle tail of one sleep: hourly price × (N minutes + 10 to release the instance)', () => {
    const tail = idleTailCost(5, 1.2);
    assert.equal(tail.minutes, 15);
    assert.ok(Math.abs((tail.usd ?? 0) - 0.3) < 1e-9);
    assert.match(tail.description, /^each sleep costs about \$0\.30 after the last request \(5 idle \+ 10 min to release the instance, at \$1\.20\/h\)$/);
    assert.match(idleTailCost(5, undefined).description, /bills about 15 minutes/);
    assert.match(idleMinutesPrompt(30, 1.2), /^Sleep after how many idle minutes\? .*At 30 min, each sleep costs about \$0\.80/);
    assert.match(idleTimeoutNote(5, 1.2), /^Sleeps after 5 idle minutes: .*DisableScaleIn.*\$0\.30/);
    assert.match(idleTimeoutNote(5, 1.2), /no request for 5 minutes when the alarm is created sleeps at its first evaluation\.$/);
  });

  it('builds the set-to-zero step policy and the idle alarm aimed at it by $ref: requests served or refused, 2N of 2N 30-second periods', () => {
    const [policy, alarm] = idleTimeoutSteps({ inferenceComponentName: 'ic', minutes: 5, parts: { idlePolicy: 'create', idleAlarm: 'create' } });
    assert.equal(policy.operation, 'PutScalingPolicy');
    assert.deepEqual(policy.input.StepScalingPolicyConfiguration, {
      AdjustmentType: 'ExactCapacity',
      MetricAggregationType: 'Maximum',
      Cooldown: 60,
      StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 0 }],
    });
    assert.equal(policy.creates?.kind, 'scalingPolicy');
    assert.equal(alarm.operation, 'PutMetricAlarm');
    assert.ok(isOutputRef((alarm.input.AlarmActions as unknown[])[0]));
    assert.deepEqual(
      { ...alarm.input, AlarmActions: undefined, AlarmDescription: undefined },
      {
        AlarmName: 'ic-idle-timeout',
        AlarmDescription: undefined,
        ActionsEnabled: true,
        AlarmActions: undefined,
        Metrics: [
          { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }] }, Period: 30, Stat: 'Sum' }, ReturnData: false },
          {
            Id: 'm2',
            MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'NoCapacityInvocationFailures', Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }] }, Period: 30, Stat: 'Sum' },
            ReturnData: false,
          },
          { Id: 'requests', Expression: 'FILL(m1,0) + FILL(m2,0)', Label: 'Requests, served or refused', ReturnData: true },
        ],
        EvaluationPeriods: 10,
        DatapointsToAlarm: 10,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      },
    );
  });

  it('rewrites existing parts in place (no rollback deletes them) and aims a lone alarm at the existing policy', () => {
    const [alarm] = idleTimeoutSteps({ inferenceComponentName: 'ic', minutes: 9, parts: { idleAlarm: 'update' }, existingPolicyArn: 'arn:aws:autoscaling:x:policy' });
    assert.equal(alarm.modifiesExisting, true);
    assert.equal(alarm.creates, undefined);
    assert.deepEqual(alarm.input.AlarmActions, ['arn:aws:autoscaling:x:policy']);
    assert.throws(() => idleTimeoutSteps({ inferenceComponentName: 'ic', minutes: 9, parts: { idleAlarm: 'create' } }), /needs a step policy/);
  });

  it('turns off target tracking\'s scale-in only when an idle timeout is set', () => {
    const parts = { targetTracking: 'create' } as const;
    const without = scaleToZeroSteps({ inferenceComponentName: 'ic', settings: defaultScaleSettings, parts, idleParts: { idlePolicy: 'create', idleAlarm: 'create' } });
    assert.equal((without[0].input.TargetTrackingScalingPolicyConfiguration as Record<string, unknown>).DisableScaleIn, undefined);
    assert.equal(without.length, 1, 'no idle parts without idle minutes');
    const withIdle = scaleToZeroSteps({ inferenceComponentName: 'ic', settings: { ...defaultScaleSettings, idleMinutes: 5 }, parts, idleParts: { idlePolicy: 'create', idleAlarm: 'create' } });
    assert.equal((withIdle[0].input.TargetTrackingScalingPolicyConfiguration as Record<string, unknown>).DisableScaleIn, true);
    assert.deepEqual(withIdle.map((step) => step.id), ['putTargetTrackingPolicy', 'putIdleScaleInPolicy', 'putIdleAlarm']);
  });

  it('the create plan carries the idle parts and a note with the cost per sleep at the instance\'s price', () => {
    const answers: CreateEndpointAnswers = {
      model: { kind: 'existing', name: 'm' },
      roleArn: 'arn:aws:iam::123456789012:role/r',
      endpointName: 'ep',
      endpointConfigName: 'ep-config',
      instanceType: 'ml.g5.xlarge',
      maxInstances: 1,
      routing: 'LEAST_OUTSTANDING_REQUESTS',
      inferenceComponentName: 'ic',
      compute: { cpuCores: 1, memoryMb: 1024, accelerators: 1 },
      copyCount: 1,
      scaling: { ...defaultScaleSettings, idleMinutes: 5 },
    };
    const plan = buildCreateEndpointPlan(answers, { 'ml.g5.xlarge': 1.2 });
    assert.ok(plan.steps.some((step) => step.id === 'putIdleAlarm'));
    assert.match(plan.notes?.find((note) => note.startsWith('Sleeps after')) ?? '', /\$0\.30/);
    // The other notes speak of the idle timeout's minutes, not target tracking's ≈15.
    assert.match(plan.notes?.[0] ?? '', /expect about 15 idle minutes \(5 to the idle timeout, 10 to release the instance\)/);
    assert.ok(plan.notes?.some((note) => note.startsWith('Idle copies go to 0 after 5 idle minutes (the idle timeout)')));
    assert.ok(!plan.notes?.some((note) => /about 15 minutes|about 25 idle minutes/.test(note)), 'no note of target tracking\'s own scale-in');
  });
});

import * as assert from 'node:assert/strict';
import { buildSetIdleTimeoutPlan, idleTimeoutBlocker, idleTimeoutChange } from '../../../src/wizards/enableScaleToZero/setIdleTimeoutPlan';
import { type PlanStep } from '../../../src/wizards/plans/plan';
import { isOutputRef } from '../../../src/wizards/plans/plan';
import { ic, readyScaling, stepPolicy, targetTracking, wakeAlarm } from '../../support/accountFixtures';
import { idleAlarm, idleScaling, invocationsOnlyIdleAlarm } from '../../support/idleTimeoutFixtures';

const byId = (steps: PlanStep[], id: string) => steps.find((step) => step.id === id);
const tracking = (steps: PlanStep[]) => byId(steps, 'putTargetTrackingPolicy')?.input.TargetTrackingScalingPolicyConfiguration as Record<string, unknown> | undefined;

describe('Set Idle Timeout… from the tree: the plan that sets, changes or turns off the idle timeout', () => {
  it('set: on a component without one, DisableScaleIn on target tracking (its metric, target and cooldowns kept), a new set-to-zero policy and the idle alarm aimed at it', () => {
    const plan = buildSetIdleTimeoutPlan({ ic: ic(), scaling: readyScaling(), minutes: 5, hourlyUsd: 1.2 });
    assert.equal(plan.title, 'Set the idle timeout of ic to 5 minutes');
    assert.deepEqual(plan.steps.map((step) => step.id), ['putTargetTrackingPolicy', 'putIdleScaleInPolicy', 'putIdleAlarm']);
    assert.deepEqual(tracking(plan.steps), {
      PredefinedMetricSpecification: { PredefinedMetricType: targetTracking.metric },
      TargetValue: 5,
      ScaleInCooldown: 300,
      ScaleOutCooldown: 300,
      DisableScaleIn: true,
    });
    assert.equal(byId(plan.steps, 'putTargetTrackingPolicy')?.input.PolicyName, 'ic-target-tracking', 'written over the existing policy');
    assert.equal(byId(plan.steps, 'putTargetTrackingPolicy')?.modifiesExisting, true);
    const alarm = byId(plan.steps, 'putIdleAlarm')!;
    assert.ok(isOutputRef((alarm.input.AlarmActions as unknown[])[0]));
    assert.equal(alarm.input.EvaluationPeriods, 10);
    assert.equal(alarm.creates?.kind, 'alarm');
    assert.match(plan.notes?.[0] ?? '', /Sleeps after 5 idle minutes.*\$0\.30/);
    assert.equal(idleTimeoutChange('ic', readyScaling(), 5), 'set');
  });

  it('change: rewrites the idle alarm in place, aimed at the existing policy; target tracking, already scale-out only, is left alone', () => {
    const plan = buildSetIdleTimeoutPlan({ ic: ic(), scaling: idleScaling(), minutes: 30 });
    assert.equal(plan.title, 'Change the idle timeout of ic to 30 minutes');
    assert.deepEqual(plan.steps.map((step) => step.id), ['putIdleAlarm']);
    const [alarm] = plan.steps;
    assert.equal(alarm.modifiesExisting, true);
    assert.equal(alarm.input.AlarmName, 'ic-idle-timeout');
    assert.deepEqual(alarm.input.AlarmActions, [idleAlarm().alarmActions[0]]);
    assert.equal(alarm.input.EvaluationPeriods, 60);
    assert.equal(alarm.input.DatapointsToAlarm, 60);
    assert.equal(idleTimeoutChange('ic', idleScaling(), 30), 'change');
  });

  it('change replaces an Invocations-only alarm with the one that counts refused requests', () => {
    const plan = buildSetIdleTimeoutPlan({ ic: ic(), scaling: idleScaling({ alarms: [wakeAlarm(), invocationsOnlyIdleAlarm()] }), minutes: 5 });
    const alarm = byId(plan.steps, 'putIdleAlarm')!;
    assert.equal(alarm.input.MetricName, undefined);
    assert.deepEqual((alarm.input.Metrics as { Id: string }[]).map((query) => query.Id), ['m1', 'm2', 'requests']);
  });

  it('off: target tracking scales in again (DisableScaleIn dropped), then the idle alarm and the set-to-zero policy are deleted', () => {
    const plan = buildSetIdleTimeoutPlan({ ic: ic(), scaling: idleScaling(), minutes: undefined });
    assert.equal(plan.title, 'Turn off the idle timeout of ic');
    assert.deepEqual(plan.steps.map((step) => step.operation), ['PutScalingPolicy', 'DeleteAlarms', 'DeleteScalingPolicy']);
    assert.equal(tracking(plan.steps)?.DisableScaleIn, undefined, 'PutScalingPolicy without DisableScaleIn: AWS\'s default, false');
    assert.deepEqual(byId(plan.steps, 'deleteIdleAlarm')?.input, { AlarmNames: ['ic-idle-timeout'] });
    assert.deepEqual(byId(plan.steps, 'deleteIdleScaleInPolicy')?.input, {
      PolicyName: 'ic-idle-scale-in-to-zero',
      ServiceNamespace: 'sagemaker',
      ResourceId: 'inference-component/ic',
      ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
    });
    assert.ok(plan.steps.every((step) => step.modifiesExisting), 'a rollback never deletes what it did not create');
    assert.equal(idleTimeoutChange('ic', idleScaling(), undefined), 'off');
  });

  it('refuses a component without a scalable target or target tracking, or with a metric it would have to rewrite, naming the enable wizard', () => {
    assert.match(idleTimeoutBlocker('ic', readyScaling({ target: undefined })) ?? '', /no scalable target yet: run "Enable Scale to Zero"/);
    assert.match(idleTimeoutBlocker('ic', readyScaling({ policies: [stepPolicy] })) ?? '', /no target-tracking policy yet/);
    assert.match(idleTimeoutBlocker('ic', readyScaling({ policies: [{ ...targetTracking, metric: 'SageMakerVariantInvocationsPerInstance' }] })) ?? '', /tracks SageMakerVariantInvocationsPerInstance/);
    assert.equal(idleTimeoutBlocker('ic', readyScaling()), undefined);
    assert.throws(() => buildSetIdleTimeoutPlan({ ic: ic(), scaling: readyScaling({ target: undefined }), minutes: 5 }), /no scalable target/);
  });
});

import * as assert from 'node:assert/strict';
import { checkComponent, checkEndpoint, firesOnSingleRequest } from '../../../src/readiness/readiness';
import { sleepBilling } from '../../../src/cost/sleepBilling';
import { endpoint, ic, now, readyScaling, stepPolicy, targetTracking, wakeAlarm } from '../../support/accountFixtures';

function statuses(checks: { id: string; status: string }[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.status]));
}

describe('readiness checks', () => {
  it('passes the blog\'s complete setup', () => {
    const result = checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling() }]);
    assert.equal(result.verdict, 'ready');
    assert.ok([...result.checks, ...result.components[0].checks].every((check) => check.status === 'pass'));
  });

  it('flags the AWS docs\' alarm trap: GreaterThanThreshold 1 with Sum over 60 s needs two requests', () => {
    const trap = wakeAlarm({ comparisonOperator: 'GreaterThanThreshold', statistic: 'Sum', period: 60 });
    const verdict = firesOnSingleRequest(trap);
    assert.equal(verdict.fires, false);
    assert.match(verdict.why, /needs 2 or more refused requests within 60 s/);
    const result = checkComponent({ ic: ic(), scaling: readyScaling({ alarms: [trap] }) });
    assert.equal(statuses(result.checks).wakeOnSingleRequest, 'fail');
    assert.equal(result.verdict, 'notReady');
  });

  it('needs more than one datapoint when DatapointsToAlarm is above 1', () => {
    assert.equal(firesOnSingleRequest(wakeAlarm({ datapointsToAlarm: 2, evaluationPeriods: 3 })).fires, false);
    assert.equal(firesOnSingleRequest(wakeAlarm({ threshold: 0.5, comparisonOperator: 'GreaterThanThreshold' })).fires, true);
  });

  it('fails an IC whose scalable target keeps one copy and has no wake alarm, and says it keeps instances alive', () => {
    const scaling = readyScaling({ target: { resourceId: 'inference-component/ic', minCapacity: 1, maxCapacity: 2 }, policies: [targetTracking], alarms: [] });
    const result = checkEndpoint(endpoint(), [{ ic: ic(), scaling }]);
    const component = statuses(result.components[0].checks);
    assert.equal(component.scalableTarget, 'fail');
    assert.equal(component.stepPolicy, 'fail');
    assert.equal(component.wakeAlarm, 'fail');
    assert.equal(statuses(result.checks).allComponents, 'fail');
    assert.match(result.checks.find((check) => check.id === 'allComponents')!.reason, /ic keeps instances alive/);
  });

  it('fails an alarm that is not aimed at the step policy, or has its actions disabled', () => {
    const aimedElsewhere = checkComponent({ ic: ic(), scaling: readyScaling({ alarms: [wakeAlarm({ alarmActions: ['arn:aws:sns:us-east-1:123456789012:topic'] })] }) });
    assert.equal(statuses(aimedElsewhere.checks).wakeAlarm, 'fail');
    const disabled = checkComponent({ ic: ic(), scaling: readyScaling({ alarms: [wakeAlarm({ actionsEnabled: false })] }) });
    assert.equal(statuses(disabled.checks).wakeAlarmEnabled, 'fail');
  });

  it('fails an endpoint without managed instance scaling to 0, or that serves a model directly', () => {
    const minOne = endpoint();
    minOne.variants[0].managedScaling = { enabled: true, min: 1, max: 2 };
    assert.equal(statuses(checkEndpoint(minOne, [{ ic: ic(), scaling: readyScaling() }]).checks).managedScaling, 'fail');
    const modelBased = endpoint({ inferenceComponentBased: false });
    modelBased.variants[0].managedScaling = undefined;
    const result = checkEndpoint(modelBased, []);
    assert.equal(statuses(result.checks).inferenceComponents, 'fail');
    assert.equal(result.verdict, 'notReady');
  });

  it('warns about schedules that the scalable target fights', () => {
    const scaling = readyScaling({
      target: { resourceId: 'inference-component/ic', minCapacity: 0, maxCapacity: 1 },
      schedules: [
        { name: 'wake', group: 'default', expression: 'cron(0 7 ? * MON *)', enabled: true, action: { kind: 'setCopyCount', inferenceComponentName: 'ic', copyCount: 3 } },
        { name: 'sleep', group: 'default', expression: 'cron(0 18 ? * FRI *)', enabled: true, action: { kind: 'setCopyCount', inferenceComponentName: 'ic', copyCount: 0 } },
      ],
      scheduledActions: [{ name: 'keep-one', schedule: 'cron(0 0 * * ? *)', minCapacity: 1 }],
    });
    const check = checkComponent({ ic: ic(), scaling }).checks.find((c) => c.id === 'schedules')!;
    assert.equal(check.status, 'warn');
    assert.match(check.reason, /wake sets 3 copies, above the scalable target's MaxCapacity 1/);
    assert.match(check.reason, /keep-one sets MinCapacity 1/);
  });

  it('needs a step policy that adds capacity', () => {
    const result = checkComponent({ ic: ic(), scaling: readyScaling({ policies: [targetTracking, { ...stepPolicy, stepAdjustments: [{ adjustment: -1 }] }] }) });
    assert.equal(statuses(result.checks).stepPolicy, 'fail');
  });

  describe('sleep schedules that sleep nothing', () => {
    const weekend = readyScaling({
      schedules: [
        { name: 'ic-sleep', group: 'default', expression: 'cron(0 19 ? * FRI *)', timezone: 'Europe/Paris', enabled: true, action: { kind: 'setCopyCount', inferenceComponentName: 'ic', copyCount: 0 } },
        { name: 'ic-wake', group: 'default', expression: 'cron(0 7 ? * MON *)', timezone: 'Europe/Paris', enabled: true, action: { kind: 'setCopyCount', inferenceComponentName: 'ic', copyCount: 1 } },
      ],
    });

    it('flags a weekend schedule on an endpoint that keeps 1 instance, with the weekly cost that stays', () => {
      const alwaysOn = endpoint({ name: 'demo-always-on' }, { current: 1, desired: 1 });
      alwaysOn.variants[0].managedScaling = { enabled: true, min: 1, max: 2 };
      const result = checkEndpoint(alwaysOn, [{ ic: ic(), scaling: weekend, sleepBilling: sleepBilling({ endpoint: alwaysOn, othersWithCopies: [] }) }], { now });
      const check = result.components[0].checks.find((c) => c.id === 'sleepSchedules')!;
      assert.equal(check.status, 'warn');
      assert.match(check.reason, /^ic-sleep puts ic to sleep, but the instances stay: endpoint demo-always-on keeps at least 1 instance \(managed instance scaling MinInstanceCount is 1\)/);
      assert.match(check.reason, /1 × ml\.g5\.2xlarge keep billing for the 60 h a week it sleeps: ≈ \$91\.20 a week/);
      assert.match(check.fix ?? '', /MinInstanceCount 0/);
      assert.notEqual(result.components[0].verdict, 'ready');
    });

    it('flags a delete schedule on an endpoint with managed scaling off, and passes where the sleep stops the bill', () => {
      const fixed = endpoint({ name: 'fixed' }, { current: 2, desired: 2 });
      fixed.variants[0].managedScaling = { enabled: false };
      const deletes = readyScaling({
        schedules: [{ name: 'nightly-delete', group: 'default', expression: 'cron(0 22 * * ? *)', enabled: true, action: { kind: 'deleteInferenceComponent', inferenceComponentName: 'ic' } }],
      });
      const flagged = checkEndpoint(fixed, [{ ic: ic(), scaling: deletes, sleepBilling: sleepBilling({ endpoint: fixed, othersWithCopies: [] }) }], { now });
      const check = flagged.components[0].checks.find((c) => c.id === 'sleepSchedules')!;
      assert.equal(check.status, 'warn');
      assert.match(check.reason, /managed instance scaling is off on endpoint fixed: its 2 instances stay/);
      assert.match(check.reason, /2 × ml\.g5\.2xlarge keep billing for the 168 h a week it sleeps/);

      const fine = checkEndpoint(endpoint(), [{ ic: ic(), scaling: weekend, sleepBilling: sleepBilling({ endpoint: endpoint(), othersWithCopies: [] }) }], { now });
      assert.equal(fine.components[0].checks.find((c) => c.id === 'sleepSchedules')?.status, 'pass');
      assert.equal(fine.verdict, 'ready');
    });
  });
});

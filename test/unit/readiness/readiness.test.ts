import * as assert from 'node:assert/strict';
import { checkComponent, checkEndpoint, firesOnSingleRequest } from '../../../src/readiness/readiness';
import { sleepBilling } from '../../../src/cost/sleepBilling';
import { endpoint, ic, now, pooledEndpoint, readyScaling, stepPolicy, targetTracking, wakeAlarm } from '../../support/accountFixtures';

function statuses(checks: { id: string; status: string }[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.status]));
}

describe('readiness checks', () => {
  it('passes the blog\'s complete setup with a fallback instance type', () => {
    const result = checkEndpoint(pooledEndpoint(), [{ ic: ic(), scaling: readyScaling() }]);
    assert.equal(result.verdict, 'ready');
    assert.ok([...result.checks, ...result.components[0].checks].every((check) => check.status === 'pass'));
    assert.equal(result.checks.find((check) => check.id === 'fallbackTypes')?.reason, 'A wake tries ml.g5.2xlarge, then ml.g6.2xlarge, by priority.');
  });

  // Issue 17: the blog's setup on one GPU type passes every other check, but a wake fails when that type has no capacity.
  it('warns, with what to do, when a GPU endpoint that scales to zero has a single instance type', () => {
    const result = checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling() }]);
    assert.equal(result.verdict, 'warnings');
    const notPassing = [...result.checks, ...result.components[0].checks].filter((check) => check.status !== 'pass');
    assert.deepEqual(notPassing.map((check) => [check.id, check.status]), [['fallbackTypes', 'warn']]);
    assert.match(notPassing[0].reason, /^Every wake needs a new ml\.g5\.2xlarge instance, and the endpoint has no other type: when that type has no capacity \(InsufficientInstanceCapacity\), the wake fails/);
    assert.match(notPassing[0].fix ?? '', /InstancePools, a second GPU type at Priority 2/);
  });

  it('asks for no fallback type on CPU instances or on endpoints that keep an instance', () => {
    const cpu = endpoint();
    cpu.variants[0].instanceType = 'ml.m5.xlarge';
    assert.equal(checkEndpoint(cpu, [{ ic: ic(), scaling: readyScaling() }]).checks.some((check) => check.id === 'fallbackTypes'), false);
    const keeps = endpoint();
    keeps.variants[0].managedScaling = { enabled: true, min: 1, max: 2 };
    assert.equal(checkEndpoint(keeps, [{ ic: ic(), scaling: readyScaling() }]).checks.some((check) => check.id === 'fallbackTypes'), false);
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
    // The finding names the cause: the scalable target's minimum, before the rest.
    assert.match(result.checks.find((check) => check.id === 'allComponents')!.reason, /^ic keeps instances alive: The scalable target's MinCapacity is 1: copies never go below 1\./);
    assert.equal(result.checks.find((check) => check.status === 'fail')?.id, 'allComponents', 'the kept instances (the bill) come first');
  });

  it('names, among several components, the one that keeps the instances alive and the change to make (issue 18 item 2)', () => {
    const keeper = ic({ name: 'always-on-model' });
    const floor = readyScaling({ target: { resourceId: 'inference-component/always-on-model', minCapacity: 2, maxCapacity: 4 } });
    const result = checkEndpoint(endpoint(), [
      { ic: ic({ name: 'sleeper' }), scaling: readyScaling() },
      { ic: keeper, scaling: floor },
    ]);
    const keep = result.checks.find((check) => check.id === 'allComponents')!;
    assert.equal(keep.status, 'fail');
    assert.match(keep.reason, /^always-on-model keeps instances alive: The scalable target's MinCapacity is 2/);
    assert.doesNotMatch(keep.reason, /sleeper/);
    assert.equal(keep.fix, 'always-on-model: Set the scalable target\'s MinCapacity of always-on-model from 2 to 0 (run "Enable Scale to Zero" on always-on-model).');
    // The wake finding names the component too, not "this inference component".
    const bare = checkEndpoint(endpoint(), [{ ic: ic({ name: 'bare-model' }), scaling: { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] } }]);
    assert.equal(bare.checks.find((check) => check.id === 'componentsWake')!.fix, 'bare-model: Run "Enable Scale to Zero" on bare-model to register it with the right settings.');
  });

  describe('the demo\'s demo-cold: no instance, no copy, and the AWS docs\' wake alarm', () => {
    // demo-cold (0–1 instances, 0 running) hosts demo-embeddings (0 copies, MinCapacity 0), whose wake
    // alarm is GreaterThanThreshold 1 over a 60 s Sum: a single request never wakes it.
    const coldEndpoint = () => endpoint({ name: 'demo-cold' }, { current: 0, desired: 0 });
    const trap = wakeAlarm({ name: 'demo-embeddings-no-capacity', comparisonOperator: 'GreaterThanThreshold', statistic: 'Sum', period: 60, dimensions: { InferenceComponentName: 'demo-embeddings' } });
    const embeddings = () => ic({ name: 'demo-embeddings', endpointName: 'demo-cold', currentCopyCount: 0, desiredCopyCount: 0 });
    const coldScaling = () => readyScaling({ target: { resourceId: 'inference-component/demo-embeddings', minCapacity: 0, maxCapacity: 1 }, alarms: [trap] });

    it('names the wake alarm as the endpoint\'s problem, first, and never says it keeps instances alive', () => {
      const result = checkEndpoint(coldEndpoint(), [{ ic: embeddings(), scaling: coldScaling() }]);
      assert.equal(result.verdict, 'notReady');
      const failing = result.checks.filter((check) => check.status === 'fail');
      assert.deepEqual(failing.map((check) => check.id), ['componentsWake']);
      assert.match(failing[0].reason, /^demo-embeddings will not wake on a request: demo-embeddings-no-capacity: It needs 2 or more refused requests within 60 s/);
      assert.match(failing[0].fix ?? '', /^demo-embeddings: Use Maximum over 30 s, GreaterThanOrEqualToThreshold 1/);
      assert.equal(failing[0].fixId, 'repairWakeAlarm');
      assert.equal(statuses(result.checks).allComponents, 'pass', 'its copies do fall to 0');
      const everything = [...result.checks, ...result.components.flatMap((component) => component.checks)];
      for (const check of everything) assert.doesNotMatch(`${check.reason} ${check.fix ?? ''}`, /keeps? instances alive/, check.id);
    });

    it('with 0 copies and no scale-in policy, says it stays up once woken, not that it keeps instances alive now', () => {
      const scaling = coldScaling();
      scaling.policies = scaling.policies.filter((policy) => policy.type !== 'TargetTrackingScaling');
      const result = checkEndpoint(coldEndpoint(), [{ ic: embeddings(), scaling }]);
      const keep = result.checks.find((check) => check.id === 'allComponents')!;
      assert.equal(keep.status, 'fail');
      assert.match(keep.reason, /^demo-embeddings has 0 copies now, but once a request wakes it, it stays up: No target-tracking policy/);
      assert.doesNotMatch(keep.reason, /keeps instances alive/);
      // The same component with a copy now does keep the instances.
      const warm = checkEndpoint(endpoint({ name: 'demo-cold' }), [{ ic: embeddings(), scaling: { ...scaling } }].map((input) => ({ ...input, ic: { ...input.ic, currentCopyCount: 1, desiredCopyCount: 1 } })));
      assert.match(warm.checks.find((check) => check.id === 'allComponents')!.reason, /^demo-embeddings keeps instances alive: No target-tracking policy/);
    });
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

      const fine = checkEndpoint(pooledEndpoint(), [{ ic: ic(), scaling: weekend, sleepBilling: sleepBilling({ endpoint: pooledEndpoint(), othersWithCopies: [] }) }], { now });
      assert.equal(fine.components[0].checks.find((c) => c.id === 'sleepSchedules')?.status, 'pass');
      assert.equal(fine.verdict, 'ready');
    });
  });
});

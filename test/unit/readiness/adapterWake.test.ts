import * as assert from 'node:assert/strict';
import { checkEndpoint } from '../../../src/readiness/readiness';
import { type InferenceComponentScaling } from '../../../src/resources/resourceSnapshots';
import { endpoint, ic, readyScaling, stepPolicy, wakeAlarm } from '../../support/accountFixtures';
import { idleAlarm, idleScaling } from '../../support/idleTimeoutFixtures';

const noScaling = (): InferenceComponentScaling => ({ policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] });
const adapter = ic({ name: 'tone', baseComponentName: 'ic', currentCopyCount: undefined, desiredCopyCount: undefined, modelName: undefined, artifactUrl: 's3://adapters/tone/' });
const adapterAlarm = wakeAlarm({ name: 'tone-no-capacity-wake', dimensions: { InferenceComponentName: 'tone' } });

describe('readiness of an adapter: a request to it while its base sleeps wakes the base', () => {
  const check = (baseScaling: InferenceComponentScaling, adapterScaling: InferenceComponentScaling) => {
    const readiness = checkEndpoint(endpoint(), [
      { ic: ic(), scaling: baseScaling },
      { ic: adapter, scaling: adapterScaling },
    ]);
    return { readiness, adapter: readiness.components.find((component) => component.inferenceComponentName === 'tone')! };
  };

  it('fails an adapter of a sleeping base without its own wake alarm, names the fix and what is assumed', () => {
    const { readiness, adapter: result } = check(readyScaling(), noScaling());
    assert.equal(result.checks.length, 1);
    const [finding] = result.checks;
    assert.equal(finding.status, 'fail');
    assert.match(finding.reason, /^A request to tone while ic sleeps fails and nothing wakes ic/);
    assert.match(finding.reason, /AWS does not document under which name a refused request to an adapter is counted/);
    assert.equal(finding.fix, 'Run "Enable Scale to Zero" on ic: it adds a wake alarm for each of its adapters.');
    assert.equal(readiness.verdict, 'notReady');
    // The endpoint's own finding names it too, and the adapter is not judged as a component of its own (no scalable target needed).
    assert.match(readiness.checks.find((entry) => entry.id === 'componentsWake')!.reason, /^tone will not wake on a request: A request to tone while ic sleeps/);
    assert.ok(!result.checks.some((entry) => entry.id === 'scalableTarget'));
  });

  it('passes when an alarm on the adapter\'s NoCapacityInvocationFailures triggers the base\'s step policy', () => {
    const { readiness, adapter: result } = check(readyScaling(), { ...noScaling(), alarms: [adapterAlarm] });
    assert.equal(result.checks[0].status, 'pass');
    assert.match(result.checks[0].reason, /^tone-no-capacity-wake wakes ic on a request to tone\./);
    assert.equal(result.verdict, 'ready');
    assert.notEqual(readiness.verdict, 'notReady');
  });

  it('fails an adapter alarm that triggers no step policy of the base, or whose actions are disabled', () => {
    const elsewhere = wakeAlarm({ name: 'tone-no-capacity-wake', dimensions: { InferenceComponentName: 'tone' }, alarmActions: ['arn:aws:sns:us-east-1:123456789012:topic'] });
    assert.equal(check(readyScaling(), { ...noScaling(), alarms: [elsewhere] }).adapter.checks[0].status, 'fail');
    assert.equal(check(readyScaling(), { ...noScaling(), alarms: [{ ...adapterAlarm, actionsEnabled: false }] }).adapter.checks[0].status, 'fail');
  });

  it('passes an adapter whose base never goes to 0 copies (it is always served)', () => {
    const alwaysOn = readyScaling({ target: { resourceId: 'inference-component/ic', minCapacity: 1, maxCapacity: 2 }, policies: [stepPolicy] });
    const result = check(alwaysOn, noScaling()).adapter;
    assert.equal(result.checks[0].status, 'pass');
    assert.equal(result.checks[0].reason, 'ic does not scale to 0 copies, so tone is always served.');
  });

  it('warns when the base\'s idle alarm does not count the adapter\'s requests (they would not keep the base awake), and passes once it does', () => {
    const warned = check(idleScaling(), { ...noScaling(), alarms: [adapterAlarm] }).adapter.checks[0];
    assert.equal(warned.status, 'warn');
    assert.match(warned.reason, /the idle alarm ic-idle-timeout of ic does not count requests to tone: with only tone's traffic, ic sleeps after 5 minutes anyway/);
    assert.match(warned.fix ?? '', /Run "Enable Scale to Zero" on ic and rewrite its setup/);
    const stat = (id: string, metricName: string, component: string) => ({ id, returnData: false, namespace: 'AWS/SageMaker', metricName, dimensions: { InferenceComponentName: component }, stat: 'Sum', period: 30 });
    const counting = idleAlarm({
      metrics: [stat('m1', 'Invocations', 'ic'), stat('m2', 'NoCapacityInvocationFailures', 'ic'), stat('a1', 'Invocations', 'tone'), stat('r1', 'NoCapacityInvocationFailures', 'tone'), { id: 'requests', returnData: true, expression: 'FILL(m1,0) + FILL(m2,0) + FILL(a1,0) + FILL(r1,0)' }],
    });
    const counted = check(idleScaling({ alarms: [wakeAlarm(), counting] }), { ...noScaling(), alarms: [adapterAlarm] }).adapter.checks[0];
    assert.equal(counted.status, 'pass', counted.reason);
  });
});

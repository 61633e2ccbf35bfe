import * as assert from 'node:assert/strict';
import { checkEndpoint } from '../../../src/readiness/readiness';
import { type InferenceComponentScaling } from '../../../src/resources/resourceSnapshots';
import { endpoint, ic, readyScaling, stepPolicy, wakeAlarm } from '../../support/accountFixtures';

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
});

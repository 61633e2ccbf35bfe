import * as assert from 'node:assert/strict';
import { describeScheduledSleepBilling, describeSleepBilling, sleepBilling, weeklySleepCost } from '../../../src/cost/sleepBilling';
import { endpoint } from '../../support/accountFixtures';

describe('what a sleep (0 copies) leaves billing', () => {
  it('nothing when managed scaling goes to 0, the target to 0 and no other component has copies', () => {
    const billing = sleepBilling({ endpoint: endpoint({}, { current: 1, desired: 1 }), targetMinCapacity: 0, othersWithCopies: [] });
    assert.equal(billing.keepsBilling, false);
    assert.deepEqual(billing.reasons, []);
  });

  it('the demo-always-on case: MinInstanceCount 1 and MinCapacity 1 keep an instance, priced, with both fixes', () => {
    const alwaysOn = endpoint({ name: 'demo-always-on' }, { current: 1, desired: 1 });
    alwaysOn.variants[0].managedScaling = { enabled: true, min: 1, max: 2 };
    const billing = sleepBilling({ endpoint: alwaysOn, targetMinCapacity: 1, othersWithCopies: [] });
    assert.equal(billing.keepsBilling, true);
    assert.equal(billing.instancesKept, 1);
    assert.equal(billing.hourlyUsd, 1.52);
    assert.deepEqual(billing.fixes, ['enableScaleToZero', 'endpointConfig']);
    const words = describeSleepBilling(billing);
    assert.match(words, /MinCapacity is 1: auto scaling sets the copies back to 1/);
    assert.match(words, /endpoint demo-always-on keeps at least 1 instance \(managed instance scaling MinInstanceCount is 1\)/);
    assert.match(words, /1 × ml\.g5\.2xlarge keep billing: ≈ \$1\.52\/h/);
    assert.match(words, /run Enable Scale to Zero .*, and give the endpoint a new endpoint config/);
  });

  it('managed instance scaling off keeps every running instance', () => {
    const fixed = endpoint({ name: 'fixed' }, { current: 2, desired: 2 });
    fixed.variants[0].managedScaling = { enabled: false };
    const billing = sleepBilling({ endpoint: fixed, othersWithCopies: [] }, { 'ml.g5.2xlarge': 2 });
    assert.equal(billing.keepsBilling, true);
    assert.equal(billing.instancesKept, 2);
    assert.equal(billing.hourlyUsd, 4);
    assert.match(describeSleepBilling(billing), /managed instance scaling is off on endpoint fixed/);
  });

  it('another component with copies keeps the instances, and an unknown type is said, not priced', () => {
    const shared = endpoint({}, { current: 1, desired: 1 });
    shared.variants[0].instanceType = 'ml.x9.huge';
    const billing = sleepBilling({ endpoint: shared, targetMinCapacity: 0, othersWithCopies: ['embeddings'] });
    assert.equal(billing.keepsBilling, true);
    assert.equal(billing.hourlyUsd, undefined);
    assert.match(describeSleepBilling(billing), /embeddings still has copies on the same instances.*no price known/);
  });

  it('a sleep schedule on demo-always-on: the weekly cost that stays is the hourly cost × the hours it says asleep', () => {
    const alwaysOn = endpoint({ name: 'demo-always-on' }, { current: 1, desired: 1 });
    alwaysOn.variants[0].managedScaling = { enabled: true, min: 1, max: 2 };
    const billing = sleepBilling({ endpoint: alwaysOn, othersWithCopies: [] });
    assert.equal(weeklySleepCost(billing, 60), 91.2);
    const words = describeScheduledSleepBilling(billing, 60);
    assert.match(words, /^Warning: this sleep schedule will not stop the bill: endpoint demo-always-on keeps at least 1 instance/);
    assert.match(words, /1 × ml\.g5\.2xlarge keep billing for the 60 h a week it says asleep: ≈ \$91\.20 a week \(≈ \$1\.52\/h on-demand\)/);
    assert.match(words, /give the endpoint a new endpoint config with managed instance scaling on and MinInstanceCount 0/);
    assert.doesNotMatch(words, /Enable Scale to Zero/, 'the scalable target is not the reason here');
  });

  it('no weekly cost when nothing keeps billing', () => {
    const billing = sleepBilling({ endpoint: endpoint({}, { current: 1, desired: 1 }), othersWithCopies: [] });
    assert.equal(weeklySleepCost(billing, 60), undefined);
  });
});

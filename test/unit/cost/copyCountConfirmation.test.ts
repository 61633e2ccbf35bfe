import * as assert from 'node:assert/strict';
import { copyCountConfirmation, copyCountConsequence, describeWakeCost } from '../../../src/cost/copyCountConfirmation';
import { sleepBilling } from '../../../src/cost/sleepBilling';
import { idleTimeoutUndoesWake } from '../../../src/lifecycle/idleTimeoutWake';
import { endpoint, pooledEndpoint, wakeAlarm } from '../../support/accountFixtures';
import { idleAlarm, idleScaling } from '../../support/idleTimeoutFixtures';

describe('the copy-count confirmation (Set Copy Count and the wake and sleep tools)', () => {
  it('a wake: "Set X to 1 copy?", what it bills, and the Set Copy Count button', () => {
    const dialog = copyCountConfirmation({ name: 'demo-embeddings', copies: 1 });
    assert.equal(dialog.message, 'Set demo-embeddings to 1 copy?');
    assert.equal(dialog.detail, 'Instances are started as needed and bill while 1 copy runs; a wake from zero takes several minutes.');
    assert.equal(dialog.confirmLabel, 'Set Copy Count');
    assert.equal(dialog.keepsBilling, false);
    assert.equal(copyCountConfirmation({ name: 'x', copies: 3 }).message, 'Set x to 3 copies?');
    assert.match(copyCountConfirmation({ name: 'x', copies: 3 }).detail, /bill while 3 copies run/);
  });

  it('a wake an idle timeout in ALARM would undo says so after the consequence, in its own paragraph', () => {
    const warning = idleTimeoutUndoesWake('ic', idleScaling({ alarms: [wakeAlarm(), idleAlarm({ state: 'ALARM' })] }));
    assert.ok(warning);
    const dialog = copyCountConfirmation({ name: 'ic', copies: 1, idleTimeoutWarning: warning });
    assert.equal(dialog.detail, `${copyCountConsequence(1)}\n\n${warning}`);
    // A sleep is not a wake: the warning is not shown there.
    assert.doesNotMatch(copyCountConfirmation({ name: 'ic', copies: 0, idleTimeoutWarning: warning }).detail, /idle timeout/);
  });

  it('a sleep that stops the bill: "Set X to 0 copies?", the saving\'s conditions, Put to Sleep', () => {
    const billing = sleepBilling({ endpoint: endpoint({}, { current: 1, desired: 1 }), targetMinCapacity: 0, othersWithCopies: [] });
    const dialog = copyCountConfirmation({ name: 'demo-llama3-8b', copies: 0, billing });
    assert.equal(dialog.message, 'Set demo-llama3-8b to 0 copies?');
    assert.equal(dialog.detail, 'Requests fail with a no-capacity error until it wakes, and the instances stop billing once managed instance scaling releases them.');
    assert.equal(dialog.confirmLabel, 'Put to Sleep');
    assert.equal(dialog.keepsBilling, false);
  });

  it('a sleep that keeps billing: the warning title, describeSleepBilling\'s words and Set 0 Copies Anyway', () => {
    const alwaysOn = endpoint({ name: 'demo-always-on' }, { current: 1, desired: 1 });
    alwaysOn.variants[0].managedScaling = { enabled: true, min: 1, max: 2 };
    const billing = sleepBilling({ endpoint: alwaysOn, targetMinCapacity: 1, othersWithCopies: [] });
    const dialog = copyCountConfirmation({ name: 'demo-mistral-7b', copies: 0, billing });
    assert.equal(dialog.message, 'Set demo-mistral-7b to 0 copies? Its instances will keep billing.');
    assert.match(dialog.detail, /^Setting 0 copies will not stop the bill: its scalable target's MinCapacity is 1/);
    assert.match(dialog.detail, /1 × ml\.g5\.2xlarge keep billing: ≈ \$1\.52\/h \(on-demand\)\. To really scale to zero: run Enable Scale to Zero/);
    assert.doesNotMatch(dialog.detail, /stop billing/);
    assert.equal(dialog.confirmLabel, 'Set 0 Copies Anyway');
    assert.equal(dialog.keepsBilling, true);
  });
});

describe('what a wake adds to the bill', () => {
  it('no instance running: a new one of the endpoint\'s type, at the price table\'s price or the user\'s', () => {
    const cold = endpoint({ name: 'demo-cold' }, { current: 0, desired: 0 });
    cold.variants[0].instanceType = 'ml.g5.xlarge';
    const cost = describeWakeCost({ endpoint: cold, othersWithCopies: [] });
    assert.match(cost, /^No instance runs on endpoint demo-cold: the wake starts 1 × ml\.g5\.xlarge ≈ \$1\.41\/h while running/);
    assert.match(describeWakeCost({ endpoint: cold, othersWithCopies: [] }, { 'ml.g5.xlarge': 0.5 }), /1 × ml\.g5\.xlarge ≈ \$0\.50\/h/);
  });

  it('instances already running for other components: the copy may add nothing, and what a new instance would cost', () => {
    const cost = describeWakeCost({ endpoint: endpoint({ name: 'shared' }, { current: 2, desired: 2 }), othersWithCopies: ['embeddings', 'rerank'] });
    assert.match(cost, /^2 instances already run on endpoint shared for embeddings, rerank: the copy may fit on one of them and add nothing to the bill; if it needs a new instance: 1 × ml\.g5\.2xlarge ≈ \$1\.52\/h/);
  });

  it('an instance kept with no copies (not released yet) is said too', () => {
    assert.match(describeWakeCost({ endpoint: endpoint({ name: 'ep' }, { current: 1, desired: 1 }), othersWithCopies: [] }), /^1 instance already runs on endpoint ep with no copies .*: the copy may fit on it and add nothing/);
  });

  it('an endpoint with instance pools: the first type by priority, then its fallbacks; an unknown endpoint or type is said, not priced', () => {
    const pooled = pooledEndpoint({ current: 0, desired: 0 });
    pooled.variants[0].instanceType = undefined;
    const cost = describeWakeCost({ endpoint: pooled, othersWithCopies: [] });
    assert.match(cost, /the wake starts 1 × ml\.g5\.2xlarge ≈ \$1\.52\/h .*\(or, when ml\.g5\.2xlarge has no capacity, 1 × ml\.g6\.2xlarge ≈ \$\d+\.\d\d\/h/);
    assert.match(describeWakeCost({ endpoint: undefined, othersWithCopies: [] }), /instance type is not known/);
    const unknown = endpoint({}, { current: 0, desired: 0 });
    unknown.variants[0].instanceType = 'ml.x9.huge';
    assert.match(describeWakeCost({ endpoint: unknown, othersWithCopies: [] }), /1 × ml\.x9\.huge \(no price in the built-in table/);
  });
});

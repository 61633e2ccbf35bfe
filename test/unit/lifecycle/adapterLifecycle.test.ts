import * as assert from 'node:assert/strict';
import { deriveAdapterLifecycle, describeAdapterRow } from '../../../src/lifecycle/adapterLifecycle';
import { deriveLifecycle } from '../../../src/lifecycle/lifecycle';
import { endpoint, ic, now } from '../../support/accountFixtures';

const adapter = (status = 'InService') => ic({ name: 'tone', status, baseComponentName: 'ic', currentCopyCount: undefined, desiredCopyCount: undefined, modelName: undefined });
const base = (current: number, desired: number, instances = { current: 1, desired: 1 }) =>
  deriveLifecycle({ ic: ic({ currentCopyCount: current, desiredCopyCount: desired }), endpoint: endpoint({}, instances), now });

describe('the lifecycle of an adapter: its base\'s, in the words the adapter\'s row needs', () => {
  it('is served while the base has copies', () => {
    const lifecycle = deriveAdapterLifecycle(adapter(), base(1, 1));
    assert.equal(lifecycle.state, 'warm');
    assert.equal(describeAdapterRow(adapter(), lifecycle), 'Served · adapter');
    assert.equal(lifecycle.detail, 'Served by the copies of ic (Warm).');
  });

  it('waits for the base to wake while the base is cold, and says so while it wakes', () => {
    const cold = deriveAdapterLifecycle(adapter(), base(0, 0, { current: 0, desired: 0 }));
    assert.equal(cold.state, 'cold');
    assert.equal(cold.label, 'Waits for ic to wake');
    assert.equal(describeAdapterRow(adapter(), cold), 'Waits for base to wake');
    assert.match(cold.detail, /ic has 0 copies: a request to the adapter is refused for lack of capacity, and its wake alarm \(if set up\) wakes ic\./);
    const waking = deriveAdapterLifecycle(adapter(), base(0, 1, { current: 0, desired: 1 }));
    assert.equal(waking.state, 'waking');
    assert.equal(waking.phase, 'instanceProvisioning');
    assert.equal(waking.inTransition, true);
  });

  it('is loading while Creating, and takes Deleting and Failed from its own status', () => {
    const loading = deriveAdapterLifecycle(adapter('Creating'), base(1, 1));
    assert.equal(loading.state, 'creating');
    assert.equal(describeAdapterRow(adapter('Creating'), loading), 'Loading · adapter');
    assert.equal(deriveAdapterLifecycle(adapter('Deleting'), base(1, 1)).state, 'deleting');
    assert.equal(deriveAdapterLifecycle(adapter('Failed'), base(1, 1)).state, 'failed');
  });

  it('says when its base is not on the endpoint', () => {
    const lost = deriveAdapterLifecycle(adapter(), undefined);
    assert.equal(lost.state, 'failed');
    assert.equal(lost.label, 'Base ic not found');
    assert.equal(describeAdapterRow(adapter(), lost), 'Base not found');
  });
});

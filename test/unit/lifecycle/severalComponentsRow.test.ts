import * as assert from 'node:assert/strict';
import { deriveLifecycle } from '../../../src/lifecycle/lifecycle';
import { describeEndpointRow, describeInstanceKeepers, sumCopies } from '../../../src/lifecycle/rowDescriptions';
import { instanceKeepers } from '../../../src/resources/instanceKeepers';
import { endpoint, ic, now, readyScaling, targetTracking } from '../../support/accountFixtures';

describe('an endpoint row with several inference components (issue 18 item 2)', () => {
  const two = { current: 2, desired: 2 };
  const components = [ic({ name: 'llama', currentCopyCount: 2, desiredCopyCount: 2 }), ic({ name: 'embeddings', currentCopyCount: 1, desiredCopyCount: 1 })];
  const lifecycles = components.map((component) => deriveLifecycle({ ic: component, endpoint: endpoint({}, two), now }));

  it('sums the copies of its components after the state: "Warm · 3 copies · 2 inst"', () => {
    assert.equal(describeEndpointRow(endpoint({}, two), lifecycles, components), 'Warm · 3 copies · 2 inst');
  });

  it('shows current/desired while copies move, and nothing more for one component (its own row has its copies)', () => {
    const moving = [ic({ name: 'a', currentCopyCount: 1, desiredCopyCount: 2 }), ic({ name: 'b', currentCopyCount: 0, desiredCopyCount: 1 })];
    assert.equal(sumCopies(moving), '1/3 copies');
    assert.equal(sumCopies([ic({ currentCopyCount: 0, desiredCopyCount: 1 }), ic({ currentCopyCount: 0, desiredCopyCount: 0 })]), '0/1 copy');
    assert.equal(describeEndpointRow(endpoint(), [lifecycles[0]], [components[0]]), 'Warm · 1 inst');
  });

  it('names the components that keep the instances alive, and why: a minimum above 0, copies without auto scaling, copies nothing scales in', () => {
    const keepers = instanceKeepers([
      { ic: ic({ name: 'sleeps' }), scaling: readyScaling() },
      { ic: ic({ name: 'floor', currentCopyCount: 0, desiredCopyCount: 0 }), scaling: readyScaling({ target: { resourceId: 'inference-component/floor', minCapacity: 1, maxCapacity: 2 } }) },
      { ic: ic({ name: 'bare', currentCopyCount: 2, desiredCopyCount: 2 }), scaling: { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] } },
      { ic: ic({ name: 'no-scale-in' }), scaling: readyScaling({ policies: [{ ...targetTracking, disableScaleIn: true }] }) },
      // A component at 0 copies without auto scaling holds nothing now; one whose scaling is not read yet is not judged.
      { ic: ic({ name: 'cold-bare', currentCopyCount: 0, desiredCopyCount: 0 }), scaling: { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] } },
      { ic: ic({ name: 'unread' }) },
    ]);
    assert.deepEqual(
      keepers.map((keeper) => [keeper.name, keeper.reason]),
      [
        ['floor', 'MinCapacity 1'],
        ['bare', '2 copies, no auto scaling'],
        ['no-scale-in', '1 copy, nothing scales it in'],
      ],
    );
    assert.equal(keepers[0].change, 'set the scalable target\'s MinCapacity of floor from 1 to 0 (run "Enable Scale to Zero" on floor)');
    assert.equal(describeInstanceKeepers(keepers), 'floor (MinCapacity 1), bare (2 copies, no auto scaling), no-scale-in (1 copy, nothing scales it in)');
    assert.equal(describeInstanceKeepers([]), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { deriveLifecycle } from '../../../src/lifecycle/lifecycle';
import { deriveEndpointState } from '../../../src/lifecycle/endpointState';
import { describeComponentRow, describeEndpointRow, idleTimeoutLabel } from '../../../src/lifecycle/rowDescriptions';
import { describeRollingDeployment } from '../../../src/resources/rollingDeployment';
import { endpoint, ic, now } from '../../support/accountFixtures';

const lifecycleOf = (overrides: Parameters<typeof ic>[0], instances = { current: 1, desired: 1 }) =>
  deriveLifecycle({ ic: ic(overrides), endpoint: endpoint({}, instances), now });

describe('row descriptions: what matters first, for a narrow side bar', () => {
  it('an endpoint row says its state and instances, nothing more (instance type and min–max are in the tooltip)', () => {
    const warm = lifecycleOf({});
    assert.equal(describeEndpointRow(endpoint(), [warm]), 'Warm · 1 inst');
    const cold = lifecycleOf({ currentCopyCount: 0, desiredCopyCount: 0 }, { current: 0, desired: 0 });
    assert.equal(describeEndpointRow(endpoint({}, { current: 0, desired: 0 }), [cold]), 'Cold · 0 inst');
  });

  it('shows current/desired instances while they move', () => {
    const waking = lifecycleOf({ currentCopyCount: 0, desiredCopyCount: 1 }, { current: 0, desired: 1 });
    assert.equal(describeEndpointRow(endpoint({}, { current: 0, desired: 1 }), [waking]), 'Waking · 0/1 inst');
  });

  it('an endpoint being created says so first, whatever it knows of its variant', () => {
    assert.equal(describeEndpointRow(endpoint({ status: 'Creating', variants: [] }), []), 'Creating');
    assert.equal(describeEndpointRow(endpoint({ status: 'Creating' }, { current: 0, desired: 1 }), []), 'Creating · 0/1 inst');
  });

  it('a component row with an idle timeout ends with "idle Nm" (the tooltip says "sleeps after N idle min")', () => {
    assert.equal(describeComponentRow(ic(), lifecycleOf({}), 5), 'Warm · 1 copy · idle 5m');
    assert.equal(idleTimeoutLabel(5), 'sleeps after 5 idle min');
    const coldIc = ic({ currentCopyCount: 0, desiredCopyCount: 0 });
    assert.equal(describeComponentRow(coldIc, lifecycleOf({ currentCopyCount: 0, desiredCopyCount: 0 }, { current: 0, desired: 0 }), 30), 'Cold · 0 copies · idle 30m');
  });

  it('a component being rolled to a new model (its last update a rolling one) says "Updating model"; the tooltip line reads the policy', () => {
    const lastDeployment = { batch: { type: 'COPY_COUNT', value: 1 }, waitSeconds: 300, timeoutSeconds: 3600, alarms: ['my-errors'] };
    const rolling = ic({ status: 'Updating', currentCopyCount: 2, desiredCopyCount: 2, lastDeployment });
    const lifecycle = lifecycleOf({ status: 'Updating', currentCopyCount: 2, desiredCopyCount: 2, lastDeployment });
    assert.equal(describeComponentRow(rolling, lifecycle), 'Updating model · 2 copies');
    assert.equal(lifecycle.detail, 'Rolling update to a new model, batch by batch; 2 copies serving.');
    const other = ic({ status: 'Updating', currentCopyCount: 2, desiredCopyCount: 2 });
    assert.equal(describeComponentRow(other, lifecycleOf({ status: 'Updating', currentCopyCount: 2, desiredCopyCount: 2 })), 'Updating · 2 copies');
    assert.equal(describeRollingDeployment(lastDeployment), '1 copy per batch, 5 min wait, timeout 1 h, rolls back all at once; watches alarm my-errors');
    assert.equal(
      describeRollingDeployment({ batch: { type: 'CAPACITY_PERCENT', value: 25 }, waitSeconds: 90, rollbackBatch: { type: 'COPY_COUNT', value: 2 }, alarms: [] }),
      '25 % of the copies per batch, 90 s wait, rolls back 2 copies at a time; no alarm watched',
    );
  });

  it('a component row leads with its state, then its copies, then the waking phase', () => {
    assert.equal(describeComponentRow(ic(), lifecycleOf({})), 'Warm · 1 copy');
    const coldIc = ic({ currentCopyCount: 0, desiredCopyCount: 0 });
    assert.equal(describeComponentRow(coldIc, lifecycleOf({ currentCopyCount: 0, desiredCopyCount: 0 }, { current: 0, desired: 0 })), 'Cold · 0 copies');
    const wakingIc = ic({ currentCopyCount: 0, desiredCopyCount: 1 });
    assert.equal(
      describeComponentRow(wakingIc, lifecycleOf({ currentCopyCount: 0, desiredCopyCount: 1 }, { current: 0, desired: 1 })),
      'Waking · 0/1 copy · instance provisioning',
    );
    const scalingIn = ic({ status: 'Updating', currentCopyCount: 1, desiredCopyCount: 0 });
    assert.equal(describeComponentRow(scalingIn, lifecycleOf({ status: 'Updating', currentCopyCount: 1, desiredCopyCount: 0 })), 'Scaling in · 1/0 copies');
  });
});

describe('deriveEndpointState', () => {
  it('is the endpoint\'s own status in words while it is not InService', () => {
    assert.equal(deriveEndpointState({ status: 'Creating' }, []).label, 'Creating');
    assert.equal(deriveEndpointState({ status: 'SystemUpdating' }, []).label, 'Updating');
    assert.equal(deriveEndpointState({ status: 'UpdateRollbackFailed' }, []).label, 'Update failed');
    assert.equal(deriveEndpointState({ status: 'SomethingNew' }, []).label, 'SomethingNew');
  });

  it('once InService, says the most telling state of its components: waking, then warm, then the rest, cold last', () => {
    const warm = lifecycleOf({});
    const cold = lifecycleOf({ currentCopyCount: 0, desiredCopyCount: 0 }, { current: 0, desired: 0 });
    const draining = lifecycleOf({ currentCopyCount: 0, desiredCopyCount: 0 }, { current: 1, desired: 1 });
    const waking = lifecycleOf({ currentCopyCount: 0, desiredCopyCount: 1 }, { current: 0, desired: 1 });
    assert.equal(deriveEndpointState({ status: 'InService' }, [cold, warm]).label, 'Warm');
    assert.equal(deriveEndpointState({ status: 'InService' }, [warm, waking]).label, 'Waking');
    assert.equal(deriveEndpointState({ status: 'InService' }, [cold, draining]).label, 'Draining');
    assert.equal(deriveEndpointState({ status: 'InService' }, [cold, undefined]).label, 'Cold');
  });

  it('is "In service" when no component\'s lifecycle is known', () => {
    assert.equal(deriveEndpointState({ status: 'InService' }, []).label, 'In service');
    assert.equal(deriveEndpointState({ status: 'InService' }, [undefined]).label, 'In service');
  });
});

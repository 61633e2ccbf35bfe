import * as assert from 'node:assert/strict';
import { deriveLifecycle } from '../../../src/lifecycle/lifecycle';
import { endpoint, ic, now, wakeAlarm } from '../../support/accountFixtures';

describe('deriveLifecycle', () => {
  it('is Warm with copies in service', () => {
    const result = deriveLifecycle({ ic: ic(), endpoint: endpoint(), now });
    assert.equal(result.state, 'warm');
    assert.equal(result.label, 'Warm');
    assert.equal(result.inTransition, false);
  });

  it('is Scaling in while the desired count is below the current one', () => {
    const result = deriveLifecycle({ ic: ic({ status: 'Updating', currentCopyCount: 1, desiredCopyCount: 0 }), endpoint: endpoint(), now });
    assert.equal(result.state, 'scalingIn');
    assert.equal(result.inTransition, true);
  });

  it('is Draining with no copies while instances still run, and Cold once they are released', () => {
    const draining = deriveLifecycle({ ic: ic({ currentCopyCount: 0, desiredCopyCount: 0 }), endpoint: endpoint({}, { current: 1, desired: 0 }), now });
    assert.equal(draining.state, 'draining');
    const cold = deriveLifecycle({ ic: ic({ currentCopyCount: 0, desiredCopyCount: 0 }), endpoint: endpoint({}, { current: 0, desired: 0 }), now });
    assert.equal(cold.state, 'cold');
    assert.equal(cold.inTransition, false);
  });

  it('follows a wake-up through its phases in order', () => {
    const coldIc = ic({ currentCopyCount: 0, desiredCopyCount: 0 });
    const noInstances = endpoint({}, { current: 0, desired: 0 });
    const rejected = deriveLifecycle({ ic: coldIc, endpoint: noInstances, lastRejectedAt: new Date(now.getTime() - 10_000), now });
    assert.deepEqual([rejected.state, rejected.phase], ['waking', 'requestRejected']);

    const alarmed = deriveLifecycle({ ic: coldIc, endpoint: noInstances, wakeAlarm: wakeAlarm({ state: 'ALARM' }), now });
    assert.deepEqual([alarmed.state, alarmed.phase], ['waking', 'alarmInAlarm']);

    const activity = deriveLifecycle({
      ic: coldIc,
      endpoint: noInstances,
      wakeAlarm: wakeAlarm({ state: 'ALARM' }),
      activities: [{ id: 'a', description: 'Setting desired copy count to 1.', cause: 'monitor alarm x in state ALARM triggered policy y', status: 'InProgress', startTime: now }],
      now,
    });
    assert.deepEqual([activity.state, activity.phase], ['waking', 'scalingActivity']);

    const provisioning = deriveLifecycle({ ic: ic({ status: 'Updating', currentCopyCount: 0, desiredCopyCount: 1 }), endpoint: endpoint({}, { current: 0, desired: 1 }), now });
    assert.deepEqual([provisioning.state, provisioning.phase], ['waking', 'instanceProvisioning']);
    assert.equal(provisioning.label, 'Waking · instance provisioning');

    const starting = deriveLifecycle({ ic: ic({ status: 'Updating', currentCopyCount: 0, desiredCopyCount: 1 }), endpoint: endpoint({}, { current: 1, desired: 1 }), now });
    assert.deepEqual([starting.state, starting.phase], ['waking', 'copyStarting']);
  });

  it('forgets an old rejection and a finished activity', () => {
    const result = deriveLifecycle({
      ic: ic({ currentCopyCount: 0, desiredCopyCount: 0 }),
      endpoint: endpoint({}, { current: 0, desired: 0 }),
      lastRejectedAt: new Date(now.getTime() - 60 * 60_000),
      activities: [{ id: 'a', description: 'Setting desired copy count to 1.', cause: 'c', status: 'Successful', startTime: now }],
      now,
    });
    assert.equal(result.state, 'cold');
  });

  it('reports a wake whose scaling activity failed as Failed, not Waking, while the copy it asked for never came (issue 19)', () => {
    const stuck = ic({ currentCopyCount: 0, desiredCopyCount: 1 });
    const noInstances = endpoint({}, { current: 0, desired: 0 });
    const message = 'Failed to set desired copy count to 1. Reason: Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error';
    const failedActivity = { id: 'a', description: 'Setting desired copy count to 1.', cause: 'monitor alarm x in state ALARM triggered policy y', status: 'Failed', statusMessage: message, startTime: now, endTime: now };
    const failed = deriveLifecycle({ ic: stuck, endpoint: noInstances, activities: [failedActivity], now });
    assert.equal(failed.state, 'failed');
    assert.equal(failed.detail, `The wake to 1 copy failed: ${message}`);
    // An older failure under a newer activity, or a failure that asked for another count, is not this wake's.
    const retried = { ...failedActivity, id: 'b', status: 'InProgress', statusMessage: undefined, endTime: undefined };
    assert.equal(deriveLifecycle({ ic: stuck, endpoint: noInstances, activities: [retried, failedActivity], now }).state, 'waking');
    const otherCount = { ...failedActivity, description: 'Setting desired copy count to 2.' };
    assert.equal(deriveLifecycle({ ic: stuck, endpoint: noInstances, activities: [otherCount], now }).state, 'waking');
  });

  it('reports Failed with the reason, and the transitional statuses', () => {
    const failed = deriveLifecycle({ ic: ic({ status: 'Failed', failureReason: 'Health check timed out.' }), now });
    assert.equal(failed.state, 'failed');
    assert.match(failed.detail, /Health check timed out\./);
    assert.equal(deriveLifecycle({ ic: ic({ status: 'Creating' }), now }).state, 'creating');
    assert.equal(deriveLifecycle({ ic: ic({ status: 'Deleting' }), now }).state, 'deleting');
    assert.equal(deriveLifecycle({ ic: ic({ status: 'Updating' }), now }).state, 'updating');
    assert.equal(deriveLifecycle({ ic: ic({ currentCopyCount: 1, desiredCopyCount: 2 }), now }).state, 'scalingOut');
  });
  describe('an unfinished scaling activity on a component at zero, whatever AWS writes in it (issue 16, item 5)', () => {
    const coldIc = ic({ currentCopyCount: 0, desiredCopyCount: 0 });
    const noInstances = endpoint({}, { current: 0, desired: 0 });
    const unfinished = (description: string, cause = 'monitor alarm ic-no-capacity in state ALARM triggered policy ic-step') => ({
      id: 'a',
      description,
      cause,
      status: 'InProgress',
      startTime: now,
    });

    it('is Waking · scaling activity with the emulator wording, another wording or none, when its cause names the wake alarm', () => {
      for (const description of ['Setting desired copy count to 1.', 'Setting desired capacity to 1.', 'Setting desired count to 2.', '']) {
        const result = deriveLifecycle({ ic: coldIc, endpoint: noInstances, wakeAlarm: wakeAlarm({ state: 'OK' }), activities: [unfinished(description)], now });
        assert.deepEqual([result.state, result.phase, result.inTransition], ['waking', 'scalingActivity', true], `description ${JSON.stringify(description)}`);
        assert.match(result.detail, /\(InProgress\)$/);
      }
    });

    it('says what it is when the activity has no description', () => {
      const result = deriveLifecycle({ ic: coldIc, endpoint: noInstances, wakeAlarm: wakeAlarm(), activities: [unfinished('')], now });
      assert.equal(result.detail, 'A scaling activity (InProgress)');
    });

    it('counts an activity whose text names no count when it started after a request was refused', () => {
      const result = deriveLifecycle({
        ic: coldIc,
        endpoint: noInstances,
        activities: [unfinished('', 'an unknown cause')],
        lastRejectedAt: new Date(now.getTime() - 10_000),
        now,
      });
      assert.deepEqual([result.state, result.phase], ['waking', 'scalingActivity']);
    });

    it('falls back to the alarm and the instance counts when nothing says the activity raises the count', () => {
      const lowering = deriveLifecycle({ ic: coldIc, endpoint: noInstances, wakeAlarm: wakeAlarm(), activities: [unfinished('Setting desired capacity to 0.')], now });
      assert.equal(lowering.state, 'cold');
      const silent = deriveLifecycle({ ic: coldIc, endpoint: noInstances, wakeAlarm: wakeAlarm(), activities: [unfinished('', 'an unknown cause')], now });
      assert.equal(silent.state, 'cold');
      const alarmed = deriveLifecycle({ ic: coldIc, endpoint: noInstances, wakeAlarm: wakeAlarm({ state: 'ALARM' }), activities: [unfinished('', 'an unknown cause')], now });
      assert.deepEqual([alarmed.state, alarmed.phase], ['waking', 'alarmInAlarm']);
      const none = deriveLifecycle({ ic: coldIc, endpoint: endpoint({}, { current: 1, desired: 0 }), wakeAlarm: wakeAlarm(), now });
      assert.equal(none.state, 'draining');
    });
  });
});

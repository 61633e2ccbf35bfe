import * as assert from 'node:assert/strict';
import { RefreshScheduler } from '../../../src/explorer/inventory/refreshScheduler';

/** Timers the test fires by hand. */
class ManualTimers {
  pending: { callback: () => void; ms: number; id: number }[] = [];
  private next = 0;
  set = (callback: () => void, ms: number) => {
    const id = ++this.next;
    this.pending.push({ callback, ms, id });
    return id;
  };
  clear = (handle: unknown) => {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  };
  async fire(): Promise<void> {
    const timer = this.pending.shift();
    assert.ok(timer, 'a timer is pending');
    timer.callback();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('RefreshScheduler', () => {
  it('refreshes only while visible, fast during transitions and slowly otherwise', async () => {
    const timers = new ManualTimers();
    let refreshes = 0;
    let moving = false;
    const scheduler = new RefreshScheduler({
      refresh: async () => {
        refreshes++;
      },
      inTransition: () => moving,
      stableIntervalSeconds: () => 15,
      setTimer: timers.set,
      clearTimer: timers.clear,
    });
    assert.equal(timers.pending.length, 0, 'nothing runs while the view is hidden');
    scheduler.setVisible(true);
    assert.deepEqual(timers.pending.map((timer) => timer.ms), [15_000]);
    moving = true;
    await timers.fire();
    assert.equal(refreshes, 1);
    assert.deepEqual(timers.pending.map((timer) => timer.ms), [3_000], 'polls every 3 s while something moves');
    scheduler.setVisible(false);
    assert.equal(timers.pending.length, 0, 'hiding the view stops the polling');
    scheduler.setVisible(true);
    scheduler.reschedule();
    assert.equal(timers.pending.length, 1, 'never more than one timer');
    scheduler.dispose();
    assert.equal(timers.pending.length, 0);
  });

  it('keeps polling after a failed refresh and reports the error', async () => {
    const timers = new ManualTimers();
    const errors: unknown[] = [];
    const scheduler = new RefreshScheduler({
      refresh: () => Promise.reject(new Error('ThrottlingException: Rate exceeded')),
      inTransition: () => false,
      stableIntervalSeconds: () => 30,
      onError: (error) => errors.push(error),
      setTimer: timers.set,
      clearTimer: timers.clear,
    });
    scheduler.setVisible(true);
    await timers.fire();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(errors.length, 1);
    assert.deepEqual(timers.pending.map((timer) => timer.ms), [30_000]);
    scheduler.dispose();
  });
});

import * as assert from 'node:assert/strict';
import { ChangeRefresh } from '../../../src/explorer/inventory/changeRefresh';
import { type TouchedResources } from '../../../src/resources/touchedResources';

/** Timers on a hand-moved clock: `advance` fires those due, in order. */
class FakeClock {
  now = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private next = 0;
  set = (callback: () => void, ms: number) => {
    const id = ++this.next;
    this.timers.push({ at: this.now + ms, callback, id });
    return id;
  };
  clear = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };
  get pending(): number {
    return this.timers.length;
  }
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.now = due.at;
      due.callback();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.now = until;
  }
}

function setup(options: { debounceMs?: number; maxDelayMs?: number; fail?: boolean } = {}) {
  const clock = new FakeClock();
  const refreshes: { at: number; touched: TouchedResources }[] = [];
  const errors: unknown[] = [];
  const changes = new ChangeRefresh({
    refresh: async (touched) => {
      refreshes.push({ at: clock.now, touched });
      if (options.fail) throw new Error('throttled');
    },
    debounceMs: options.debounceMs,
    maxDelayMs: options.maxDelayMs,
    onError: (error) => errors.push(error),
    setTimer: clock.set,
    clearTimer: clock.clear,
    now: () => clock.now,
  });
  return { clock, refreshes, errors, changes };
}

describe('ChangeRefresh: the extension\'s own changes, refreshed at once and coalesced (issue 15, item 10)', () => {
  it('one change is refreshed after a short quiet time, naming what it touched', async () => {
    const { clock, refreshes, changes } = setup();
    changes.touch({ endpoints: ['ep'], components: [] });
    await clock.advance(199);
    assert.equal(refreshes.length, 0);
    await clock.advance(1);
    assert.deepEqual(refreshes, [{ at: 200, touched: { endpoints: ['ep'], components: [] } }]);
  });

  it('a burst of a plan\'s calls (7 within milliseconds) costs one refresh naming them all, once', async () => {
    const { clock, refreshes, changes } = setup();
    const calls: TouchedResources[] = [
      { endpoints: ['ep'], components: [] },
      { endpoints: ['ep'], components: ['ic'] },
      { endpoints: [], components: ['ic'] },
      { endpoints: [], components: ['ic'] },
      { endpoints: [], components: ['ic'] },
      { endpoints: [], components: ['ic'] },
      { endpoints: [], components: ['ic'] },
    ];
    for (const call of calls) {
      changes.touch(call);
      await clock.advance(10);
    }
    await clock.advance(1_000);
    assert.deepEqual(refreshes, [{ at: 260, touched: { endpoints: ['ep'], components: ['ic'] } }]);
  });

  it('a burst that goes on is still refreshed within the longest delay of its first change', async () => {
    const { clock, refreshes, changes } = setup({ debounceMs: 200, maxDelayMs: 1_000 });
    for (let step = 0; step < 20; step++) {
      changes.touch({ endpoints: [], components: [`ic-${step}`] });
      await clock.advance(150);
    }
    assert.ok(refreshes.length >= 2, `refreshed ${refreshes.length} times`);
    assert.equal(refreshes[0].at, 1_000);
    assert.deepEqual(refreshes[0].touched.components.slice(0, 2), ['ic-0', 'ic-1']);
  });

  it('changes apart are refreshed apart', async () => {
    const { clock, refreshes, changes } = setup();
    changes.touch({ endpoints: ['a'], components: [] });
    await clock.advance(5_000);
    changes.touch({ endpoints: ['b'], components: [] });
    await clock.advance(5_000);
    assert.deepEqual(refreshes.map((refresh) => refresh.touched.endpoints), [['a'], ['b']]);
  });

  it('a refresh that fails is reported, not thrown; after dispose nothing runs', async () => {
    const { clock, refreshes, errors, changes } = setup({ fail: true });
    changes.touch({ endpoints: ['a'], components: [] });
    await clock.advance(1_000);
    assert.equal(errors.length, 1);
    changes.touch({ endpoints: ['b'], components: [] });
    changes.dispose();
    assert.equal(clock.pending, 0);
    await clock.advance(5_000);
    assert.equal(refreshes.length, 1);
  });
});

import * as assert from 'node:assert/strict';
import { olderWindow, parseCustomStart, rangeChoices, windowOf } from '../../../src/logs/reading/timeRanges';

const now = Date.UTC(2026, 11, 7, 9, 30, 0);
const minute = 60_000;

describe('logs: time ranges', () => {
  it('offers last 5 min, 15 min, 1 h, 3 h, 12 h, 1 day and a custom start', () => {
    assert.deepEqual(rangeChoices.map((choice) => choice.id), ['5m', '15m', '1h', '3h', '12h', '1d', 'custom']);
  });

  it('reads [now - length, now] on the account\'s clock', () => {
    assert.deepEqual(windowOf({ id: '5m' }, now), { start: now - 5 * minute, end: now });
    assert.deepEqual(windowOf({ id: '1h' }, now), { start: now - 60 * minute, end: now });
    assert.deepEqual(windowOf({ id: '1d' }, now), { start: now - 24 * 60 * minute, end: now });
    assert.deepEqual(windowOf({ id: 'custom', customStart: now - 7 * minute }, now), { start: now - 7 * minute, end: now });
    // A custom start after now reads from now (nothing yet), never a window that ends before it starts.
    assert.deepEqual(windowOf({ id: 'custom', customStart: now + minute }, now), { start: now, end: now });
  });

  it('pages older lines by windows as long as the first, never before the epoch', () => {
    const first = windowOf({ id: '15m' }, now);
    assert.deepEqual(olderWindow(first, first.start), { start: first.start - 15 * minute, end: first.start - 1 });
    assert.deepEqual(olderWindow(first, 5 * minute), { start: 0, end: 5 * minute - 1 });
    assert.equal(olderWindow(first, 0), undefined);
  });

  it('reads a custom start as a date-time or a duration back from now, with plain words for anything else', () => {
    assert.deepEqual(parseCustomStart('2h', now), { start: now - 120 * minute });
    assert.deepEqual(parseCustomStart(' 90m ', now), { start: now - 90 * minute });
    assert.deepEqual(parseCustomStart('2026-12-07T09:00:00Z', now), { start: Date.UTC(2026, 11, 7, 9, 0, 0) });
    assert.match((parseCustomStart('yesterday', now) as { error: string }).error, /2026-12-07T09:30, or how long ago such as 90m/);
    assert.match((parseCustomStart('2026-12-08T09:00:00Z', now) as { error: string }).error, /in the future/);
    assert.match((parseCustomStart('2026-13-45', now) as { error: string }).error, /not a date and time that exists/);
  });
});

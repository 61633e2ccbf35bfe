// The playground's one time formatter and the one reading of a held request's phase that the header
// and the waking timeline share (issue 15, item 6).
import * as assert from 'node:assert/strict';
import { formatEventTime } from '../../../../src/playground/page/format';
import { currentPhase, phaseState, wakingBadge } from '../../../../src/playground/page/wakingPhase';
import { type Timeline } from '../../../../src/playground/protocol';

/** An epoch time that reads `hours:minutes:seconds` in the local time zone (the one the page shows). */
const local = (hours: number, minutes: number, seconds: number) => new Date(2026, 11, 6, hours, minutes, seconds).getTime();

function waitingForAlarm(): Timeline {
  return {
    component: 'ic-1',
    startedAt: local(23, 3, 7),
    updatedAt: local(23, 3, 37),
    deadlineAt: local(23, 18, 7),
    wakeNow: false,
    phases: [
      { id: 'requestRejected', status: 'done', at: local(23, 3, 7) },
      { id: 'alarmInAlarm', status: 'active' },
      { id: 'scalingActivity', status: 'pending' },
      { id: 'desiredCopies', status: 'pending' },
      { id: 'instanceProvisioning', status: 'pending' },
      { id: 'copyStarting', status: 'pending' },
      { id: 'inService', status: 'pending' },
      { id: 'firstResponse', status: 'pending' },
    ],
  };
}

describe('playground event times: one formatter', () => {
  it('shows 24-hour HH:MM:SS in the local time zone, never a 12-hour clock', () => {
    assert.equal(formatEventTime(local(21, 35, 31)), '21:35:31');
    assert.equal(formatEventTime(local(9, 5, 1)), '09:05:01');
    assert.equal(formatEventTime(local(0, 0, 0)), '00:00:00');
    assert.doesNotMatch(formatEventTime(local(21, 35, 31)), /AM|PM/i);
  });

  it('shows a dash for a time it does not have', () => {
    assert.equal(formatEventTime(undefined), '–');
    assert.equal(formatEventTime(Number.NaN), '–');
    assert.equal(formatEventTime(1e20), '–');
  });
});

describe('playground waking phase: the header and the timeline read it once', () => {
  it('a phase waited for (no time yet) is "waiting" in the timeline and "waiting for" in the header', () => {
    const timeline = waitingForAlarm();
    assert.equal(phaseState(timeline.phases[1]), 'waiting');
    assert.deepEqual(currentPhase(timeline), { record: timeline.phases[1], state: 'waiting' });
    // Before: the header said "Waking · wake alarm in alarm" while the timeline said "waiting…".
    assert.equal(wakingBadge(timeline), 'Waking · waiting for wake alarm in ALARM');
  });

  it('a phase under way (it has its time) is "happening" in both, with its time in the one format', () => {
    const timeline = waitingForAlarm();
    timeline.phases[1] = { id: 'alarmInAlarm', status: 'done', at: local(23, 4, 2) };
    timeline.phases[2] = { id: 'scalingActivity', status: 'done', at: local(23, 4, 2) };
    timeline.phases[3] = { id: 'desiredCopies', status: 'done', at: local(23, 4, 2) };
    timeline.phases[4] = { id: 'instanceProvisioning', status: 'active', at: local(23, 4, 2) };
    assert.equal(phaseState(timeline.phases[4]), 'happening');
    assert.equal(wakingBadge(timeline), 'Waking · instance provisioning since 23:04:02');
  });

  it('an ended timeline has no current phase', () => {
    const timeline = { ...waitingForAlarm(), outcome: 'cancelled' as const };
    assert.equal(currentPhase(timeline), undefined);
    assert.equal(wakingBadge(timeline), 'Waking');
  });
});

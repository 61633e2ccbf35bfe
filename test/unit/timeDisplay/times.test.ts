import * as assert from 'node:assert/strict';
import { formatEventTime } from '../../../src/timeDisplay/eventTime';
import { formatScheduleTime, formatScheduleWallTime, formatUtcTime } from '../../../src/timeDisplay/scheduleTime';

const at = (iso: string) => new Date(iso);

describe('timeDisplay: how times read', () => {
  it('shows a schedule\'s fire time in the schedule\'s own zone, 24-hour, named by the zone', () => {
    // 18:00 UTC on a winter Saturday is 19:00 in Berlin (CET, UTC+1) and 13:00 in New York.
    assert.equal(formatScheduleTime(at('2026-12-12T18:00:00Z'), 'Europe/Berlin'), 'Sat 2026-12-12 19:00 Europe/Berlin');
    assert.equal(formatScheduleTime(at('2026-12-12T18:00:00Z'), 'America/New_York'), 'Sat 2026-12-12 13:00 America/New_York');
    // Summer time: 17:00 UTC is 19:00 CEST.
    assert.equal(formatScheduleTime(at('2026-07-04T17:00:00Z'), 'Europe/Berlin'), 'Sat 2026-07-04 19:00 Europe/Berlin');
    // A schedule without a zone runs in UTC (EventBridge Scheduler's default).
    assert.equal(formatScheduleTime(at('2026-12-12T18:00:00Z'), undefined), 'Sat 2026-12-12 18:00 UTC');
    assert.equal(formatScheduleTime(at('2026-12-12T00:30:00Z'), 'Europe/Berlin'), 'Sat 2026-12-12 01:30 Europe/Berlin');
  });

  it('leaves the zone\'s name out where a line names it once', () => {
    assert.equal(formatScheduleWallTime(at('2026-12-12T18:00:00Z'), 'Europe/Berlin'), 'Sat 2026-12-12 19:00');
  });

  it('gives the UTC instant for a schedule tooltip', () => {
    assert.equal(formatUtcTime(at('2026-12-12T18:00:00Z')), '2026-12-12 18:00 UTC');
  });

  it('shows an event as HH:MM:SS on the account\'s day, with the date on another day, in the user\'s zone', () => {
    const event = at('2026-12-06T21:35:31Z');
    assert.equal(formatEventTime(event, at('2026-12-06T23:03:07Z'), 'UTC'), '21:35:31');
    assert.equal(formatEventTime(event, at('2026-12-07T09:00:00Z'), 'UTC'), '2026-12-06 21:35:31');
    // For a user in Berlin the event is 22:35:31 and the account's now 00:03:07 the next day: dated.
    assert.equal(formatEventTime(event, at('2026-12-06T23:03:07Z'), 'Europe/Berlin'), '2026-12-06 22:35:31');
    assert.equal(formatEventTime(at('2026-12-06T23:30:00Z'), at('2026-12-07T08:00:00Z'), 'Europe/Berlin'), '00:30:00');
    // Never 12-hour ("9:35:31 PM").
    assert.doesNotMatch(formatEventTime(event, event, 'America/New_York'), /AM|PM/);
    assert.equal(formatEventTime(event, event, 'America/New_York'), '16:35:31');
  });

  it('always dates an event without the account\'s now (a report read later), and marks a missing time', () => {
    assert.equal(formatEventTime(at('2026-11-29T12:00:00Z'), undefined, 'UTC'), '2026-11-29 12:00:00');
    assert.equal(formatEventTime(undefined, at('2026-11-29T12:00:00Z'), 'UTC'), '—');
    assert.equal(formatEventTime(new Date(Number.NaN), undefined, 'UTC'), '—');
  });
});

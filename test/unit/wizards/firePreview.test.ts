import * as assert from 'node:assert/strict';
import { previewFireTimes } from '../../../src/wizards/schedule/firePreview';
import { validateScheduleExpression } from '../../../src/wizards/schedule/schedulePresets';

const at = (iso: string) => new Date(iso);

describe('schedule wizard: preview of the next five fire times', () => {
  it('follows Europe/Paris across the change to summer time (07:00 stays 07:00 local)', () => {
    assert.equal(
      previewFireTimes('cron(0 7 ? * MON-FRI *)', 'Europe/Paris', at('2025-03-27T00:00:00Z')),
      'Thu 2025-03-27 07:00 Europe/Paris, Fri 2025-03-28 07:00 Europe/Paris, Mon 2025-03-31 07:00 Europe/Paris, Tue 2025-04-01 07:00 Europe/Paris, Wed 2025-04-02 07:00 Europe/Paris',
    );
  });

  it('skips a local time that America/New_York skips, and fires a repeated one once', () => {
    assert.equal(
      previewFireTimes('cron(30 2 * * ? *)', 'America/New_York', at('2025-03-07T12:00:00Z'), 3),
      'Sat 2025-03-08 02:30 America/New_York, Mon 2025-03-10 02:30 America/New_York, Tue 2025-03-11 02:30 America/New_York',
    );
    assert.equal(
      previewFireTimes('cron(30 1 * * ? *)', 'America/New_York', at('2025-11-01T12:00:00Z'), 3),
      'Sun 2025-11-02 01:30 America/New_York, Mon 2025-11-03 01:30 America/New_York, Tue 2025-11-04 01:30 America/New_York',
    );
  });

  it('handles L (last day, last Friday), W (nearest weekday), # (nth weekday) and year ranges', () => {
    assert.equal(
      previewFireTimes('cron(0 18 L * ? *)', 'UTC', at('2025-01-15T00:00:00Z'), 3),
      'Fri 2025-01-31 18:00 UTC, Fri 2025-02-28 18:00 UTC, Mon 2025-03-31 18:00 UTC',
    );
    assert.equal(
      previewFireTimes('cron(0 18 ? * 6L *)', 'UTC', at('2025-01-01T00:00:00Z'), 2),
      'Fri 2025-01-31 18:00 UTC, Fri 2025-02-28 18:00 UTC',
    );
    // 2025-03-15 is a Saturday (→ Friday 14th), 2025-06-15 a Sunday (→ Monday 16th).
    const nearest = previewFireTimes('cron(0 9 15W * ? *)', 'UTC', at('2025-03-01T00:00:00Z'), 4);
    assert.equal(nearest, 'Fri 2025-03-14 09:00 UTC, Tue 2025-04-15 09:00 UTC, Thu 2025-05-15 09:00 UTC, Mon 2025-06-16 09:00 UTC');
    assert.equal(
      previewFireTimes('cron(0 10 ? * 6#3 *)', 'Europe/Paris', at('2025-01-01T00:00:00Z'), 3),
      'Fri 2025-01-17 10:00 Europe/Paris, Fri 2025-02-21 10:00 Europe/Paris, Fri 2025-03-21 10:00 Europe/Paris',
    );
    assert.equal(
      previewFireTimes('cron(0 0 1 1 ? 2026-2027)', 'UTC', at('2025-06-01T00:00:00Z')),
      'Thu 2026-01-01 00:00 UTC, Fri 2027-01-01 00:00 UTC',
    );
    assert.equal(previewFireTimes('at(2024-01-01T00:00:00)', 'UTC', at('2025-06-01T00:00:00Z')), 'never fires again');
  });

  it('refuses malformed expressions with the rule in words', () => {
    assert.equal(validateScheduleExpression(''), 'Enter a schedule expression: cron(…), rate(…) or at(…).');
    assert.match(validateScheduleExpression('cron(0 7 * * MON *)') ?? '', /exactly one of day-of-month and day-of-week must be \?/);
    assert.match(validateScheduleExpression('cron(0 7 * *)') ?? '', /six fields/);
    assert.match(validateScheduleExpression('rate(1 minutes)') ?? '', /invalid rate/);
    assert.match(validateScheduleExpression('at(2025-02-30T10:00:00)') ?? '', /invalid date/);
    assert.equal(validateScheduleExpression('rate(5 minutes)'), undefined);
  });
});

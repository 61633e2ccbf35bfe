import * as assert from 'node:assert/strict';
import { asleepHoursPerWeek, nextFireTimes } from '../../../src/resources/scheduleTimes';

describe('nextFireTimes', () => {
  it('lists Friday 18:00 in Europe/Paris across the change to summer time', () => {
    const result = nextFireTimes('cron(0 18 ? * 6 *)', { timezone: 'Europe/Paris', after: new Date('2025-03-20T00:00:00Z'), count: 3 });
    assert.ok(result.ok);
    assert.deepEqual(
      result.times.map((time) => time.toISOString()),
      ['2025-03-21T17:00:00.000Z', '2025-03-28T17:00:00.000Z', '2025-04-04T16:00:00.000Z'],
    );
  });

  it('stops at the end date and starts at the start date', () => {
    const result = nextFireTimes('rate(1 day)', {
      after: new Date('2026-01-01T00:00:00Z'),
      count: 5,
      startDate: new Date('2026-01-02T06:00:00Z'),
      endDate: new Date('2026-01-04T06:00:00Z'),
    });
    assert.ok(result.ok);
    assert.deepEqual(result.times.map((time) => time.toISOString()), ['2026-01-02T06:00:00.000Z', '2026-01-03T06:00:00.000Z', '2026-01-04T06:00:00.000Z']);
  });

  it('gives a one-time at() schedule once, and nothing once it has passed', () => {
    const once = nextFireTimes('at(2026-12-24T18:30:00)', { timezone: 'America/New_York', after: new Date('2026-12-01T00:00:00Z'), count: 5 });
    assert.ok(once.ok);
    assert.deepEqual(once.times.map((time) => time.toISOString()), ['2026-12-24T23:30:00.000Z']);
    const past = nextFireTimes('at(2020-01-01T00:00:00)', { after: new Date('2026-01-01T00:00:00Z'), count: 5 });
    assert.ok(past.ok);
    assert.equal(past.times.length, 0);
  });

  it('lists nothing, rather than invalid dates, for a rate beyond the date range', () => {
    const result = nextFireTimes('rate(47994740641 minutes)', { after: new Date('2026-01-01T00:00:00Z'), count: 5, anchor: new Date('2026-01-01T00:00:00Z') });
    assert.ok(result.ok);
    assert.ok(result.times.every((time) => !Number.isNaN(time.getTime())), 'every listed time is a valid date');
    assert.ok(result.times.length < 5, 'it stops where the date range ends instead of listing five');
  });

  it('refuses a time zone that is not an IANA name, and a malformed expression', () => {
    const zone = nextFireTimes('cron(0 18 ? * 6 *)', { timezone: 'UTC+1', after: new Date(), count: 1 });
    assert.deepEqual(zone, { ok: false, error: 'UTC+1 is not an IANA time zone name (such as Europe/Paris).' });
    const bad = nextFireTimes('cron(0 18 * * 6 *)', { after: new Date(), count: 1 });
    assert.equal(bad.ok, false);
  });
});

describe('asleepHoursPerWeek', () => {
  const from = new Date('2026-11-29T12:00:00Z'); // a Sunday
  const paris = (expression: string) => ({ expression, timezone: 'Europe/Paris' });

  it('counts the presets\' hours: weekends off 60 h, weekdays 07:00–19:00 108 h, nights off 63 h', () => {
    assert.equal(asleepHoursPerWeek([paris('cron(0 19 ? * FRI *)')], [paris('cron(0 7 ? * MON *)')], from), 60);
    assert.equal(asleepHoursPerWeek([paris('cron(0 19 ? * MON-FRI *)')], [paris('cron(0 7 ? * MON-FRI *)')], from), 108);
    assert.equal(asleepHoursPerWeek([paris('cron(0 22 * * ? *)')], [paris('cron(0 7 * * ? *)')], from), 63);
  });

  it('a sleep without a wake sleeps the whole week once it has fired; a wake at the same minute wins', () => {
    assert.equal(asleepHoursPerWeek([paris('cron(0 19 ? * FRI *)')], [], from), 168);
    assert.equal(asleepHoursPerWeek([paris('cron(0 19 ? * FRI *)')], [paris('cron(0 19 ? * FRI *)')], from), 0);
  });

  it('is undefined for an expression it cannot read, or one that fires too often to count', () => {
    assert.equal(asleepHoursPerWeek([paris('cron(0 19 * * FRI *)')], [paris('cron(0 7 ? * MON *)')], from), undefined);
    assert.equal(asleepHoursPerWeek([paris('rate(2 minutes)')], [paris('cron(0 7 ? * MON *)')], from), undefined);
    assert.equal(asleepHoursPerWeek([paris('rate(7 days)')], [], from), 168);
  });
});

// Property-based tests over the schedule expression parser and the next-fire preview
// (packages/schedule-expressions, src/resources/scheduleTimes.ts, src/wizards/schedule/firePreview.ts).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { nextFireTimes } from '../../../src/resources/scheduleTimes';
import { parseScheduleExpression, ScheduleExpressionError } from '@s2z/schedule-expressions';
import { wallTime } from '@s2z/schedule-expressions';
import { previewFireTimes } from '../../../src/wizards/schedule/firePreview';

const zones = fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo');
const instants = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) });

const cronTokens = fc.constantFrom('*', '?', 'L', 'LW', '15W', '6#3', '5L', 'MON-FRI', 'JAN', '0', '59', '1-5', '*/15', '0/7', ',', '-', '/', '#', 'W', '99', '2199', '1970', ' ', '  ', 'x', ')', '(');
/** Near-misses of the grammar: tokens of real expressions in random orders. */
const expressionLike = fc.oneof(
  fc.array(cronTokens, { maxLength: 12 }).map((tokens) => `cron(${tokens.join(' ')})`),
  // Rates up to a million units (about 2,700 years of days): see the absurd-rate case below.
  fc.tuple(fc.integer({ min: -2, max: 1e6 }), fc.constantFrom('minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'second')).map(([count, unit]) => `rate(${count} ${unit})`),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(
    ([y, mo, d, h, mi]) => `at(${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00)`,
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ maxLength: 60 }).map((text) => `cron(${text})`),
);

/** Valid six-field cron expressions with the fields a wizard user types. */
const validCron = fc
  .record({
    minutes: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 3 }),
    hours: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }),
    byWeekday: fc.boolean(),
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 3 }),
    months: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
  })
  .map((fields) => ({
    ...fields,
    text: `cron(${fields.minutes.join(',')} ${fields.hours.join(',')} ${fields.byWeekday ? '?' : fields.days.join(',')} ${fields.months?.join(',') ?? '*'} ${
      fields.byWeekday ? fields.weekdays.join(',') : '?'
    } *)`,
  }));

describe('property: schedule expressions and the next-fire preview', () => {
  it('the parser throws only ScheduleExpressionError, whatever the text', () => {
    fc.assert(
      fc.property(expressionLike, (text) => {
        try {
          parseScheduleExpression(text);
        } catch (error) {
          assert.ok(error instanceof ScheduleExpressionError, `${text}: ${String(error)}`);
          assert.ok((error as Error).message.length > 0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('nextFireTimes never throws: a clear error or increasing times after the start, quickly', () => {
    fc.assert(
      fc.property(expressionLike, zones, instants, (text, timezone, after) => {
        const started = performance.now();
        const result = nextFireTimes(text, { timezone, after: new Date(after), count: 3 });
        assert.ok(performance.now() - started < 1000, `${text} took ${(performance.now() - started).toFixed(0)} ms`);
        if (!result.ok) {
          assert.match(result.error, /Invalid schedule expression|time zone/);
          return;
        }
        let previous = after;
        for (const time of result.times) {
          assert.ok(time.getTime() > previous, `${text}: ${time.toISOString()} is not after ${new Date(previous).toISOString()}`);
          previous = time.getTime();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('every fire time of a valid cron expression matches its fields on the wall clock of its zone', () => {
    fc.assert(
      fc.property(validCron, zones, instants, (cron, timezone, after) => {
        const result = nextFireTimes(cron.text, { timezone, after: new Date(after), count: 4 });
        assert.ok(result.ok, cron.text);
        assert.ok(result.times.length > 0, `${cron.text} never fires`);
        for (const time of result.times) {
          const wall = wallTime(time.getTime(), timezone);
          assert.ok(cron.minutes.includes(wall.minute), `${cron.text} fired at minute ${wall.minute}`);
          assert.ok(cron.hours.includes(wall.hour), `${cron.text} fired at hour ${wall.hour} in ${timezone}`);
          if (cron.months) assert.ok(cron.months.includes(wall.month));
          if (cron.byWeekday) {
            const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() + 1;
            assert.ok(cron.weekdays.includes(weekday), `${cron.text} fired on weekday ${weekday}`);
          } else {
            assert.ok(cron.days.includes(wall.day));
          }
          assert.equal(time.getUTCSeconds(), 0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rate() fires at exact intervals from its anchor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.constantFrom('minute', 'hour', 'day'), instants, (count, unit, after) => {
        const text = `rate(${count} ${unit}${count === 1 ? '' : 's'})`;
        const result = nextFireTimes(text, { after: new Date(after), count: 4 });
        assert.ok(result.ok && result.times.length === 4, text);
        const step = count * { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[unit];
        for (let index = 1; index < result.times.length; index++) assert.equal(result.times[index].getTime() - result.times[index - 1].getTime(), step);
      }),
      { numRuns: 200 },
    );
  });

  it('the preview of a rate too long for a JavaScript date says it never fires instead of throwing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e6, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom('minutes', 'hours', 'days'), instants, (count, unit, after) => {
        const preview = previewFireTimes(`rate(${count} ${unit})`, 'Europe/Paris', new Date(after), 5);
        assert.ok(!/Invalid|NaN/.test(preview), preview);
      }),
      { numRuns: 200 },
    );
  });

  it('the preview text is always a non-empty line and never throws, even for an unknown zone', () => {
    const absurdRate = fc.tuple(fc.integer({ min: 1e6, max: 1e15 }), fc.constantFrom('minutes', 'days')).map(([count, unit]) => `rate(${count} ${unit})`);
    const anyZone = fc.oneof(zones, fc.string({ maxLength: 20 }), fc.constantFrom('UTC+1', '+01:00', 'Mars/Olympus', ''));
    fc.assert(
      fc.property(fc.oneof(expressionLike, absurdRate), anyZone, instants, (text, zone, after) => {
        const preview = previewFireTimes(text, zone || 'UTC', new Date(after), 3);
        assert.equal(typeof preview, 'string');
        assert.ok(preview.length > 0 && !preview.includes('\n'));
      }),
      { numRuns: 300 },
    );
  });
});

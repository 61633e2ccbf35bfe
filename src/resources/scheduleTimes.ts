import { nextOccurrence, parseScheduleExpression, ScheduleExpressionError } from '@s2z/schedule-expressions';
import { isValidTimeZone } from '@s2z/schedule-expressions';

export interface FireTimeOptions {
  timezone?: string;
  /** Fire times strictly after this instant. */
  after: Date;
  /** How many to list. */
  count: number;
  /** When the schedule started counting (a rate() schedule fires from here). */
  anchor?: Date;
  startDate?: Date;
  endDate?: Date;
}

export type FireTimes = { ok: true; times: Date[] } | { ok: false; error: string };

/**
 * The next fire times of an EventBridge Scheduler expression in its IANA time zone, as the service
 * computes them (60-second precision; a local time skipped by DST does not fire, a repeated one once).
 */
export function nextFireTimes(expression: string, options: FireTimeOptions): FireTimes {
  const timezone = options.timezone || 'UTC';
  if (!isValidTimeZone(timezone)) return { ok: false, error: `${timezone} is not an IANA time zone name (such as Europe/Paris).` };
  let parsed;
  try {
    parsed = parseScheduleExpression(expression.trim());
  } catch (error) {
    if (error instanceof ScheduleExpressionError) return { ok: false, error: `Invalid schedule expression ${expression}: ${error.message}.` };
    throw error;
  }
  const times: Date[] = [];
  let after = Math.max(options.after.getTime(), (options.startDate?.getTime() ?? Number.NEGATIVE_INFINITY) - 1);
  const anchor = options.anchor?.getTime() ?? options.startDate?.getTime() ?? options.after.getTime();
  while (times.length < options.count) {
    const next = nextOccurrence(parsed, timezone, after, anchor);
    // A rate so long it leaves JavaScript's date range never fires in any meaningful sense.
    if (next === undefined || !Number.isFinite(next) || Math.abs(next) > 8.64e15) break;
    if (options.endDate && next > options.endDate.getTime()) break;
    times.push(new Date(next));
    after = next;
  }
  return { ok: true, times };
}

/** One schedule that puts a component to sleep or wakes it: its expression and IANA zone. */
export interface SleepWakeTiming {
  expression: string;
  timezone?: string;
}

const weekMs = 7 * 24 * 3_600_000;
/** More fire times than this in two weeks (a rate of a few minutes) are not a sleep schedule worth pricing. */
const maxFiresPerSchedule = 5_000;

/**
 * How many hours of the week starting at `from` the schedules keep a component asleep: each sleep fire
 * puts it to sleep, each wake fire wakes it (a wake at the same minute wins). The week before `from`
 * tells whether it is asleep when the week starts; with no fire at all before, it starts awake.
 * Undefined when an expression or zone is invalid, or one fires too often to count (a rate of minutes).
 */
export function asleepHoursPerWeek(sleeps: SleepWakeTiming[], wakes: SleepWakeTiming[], from: Date): number | undefined {
  const start = from.getTime() - weekMs;
  const end = from.getTime() + weekMs;
  const events: { at: number; asleep: boolean }[] = [];
  for (const [timings, asleep] of [[sleeps, true], [wakes, false]] as const) {
    for (const timing of timings) {
      const fires = nextFireTimes(timing.expression, { timezone: timing.timezone, after: new Date(start - 1), count: maxFiresPerSchedule, anchor: new Date(start), endDate: new Date(end) });
      // Too many fires to tell a week's sleep apart (a rate of a few minutes): no honest count.
      if (!fires.ok || fires.times.length >= maxFiresPerSchedule) return undefined;
      for (const time of fires.times) events.push({ at: time.getTime(), asleep });
    }
  }
  // Sleeps before wakes at the same instant, so the wake wins.
  events.sort((a, b) => a.at - b.at || Number(b.asleep) - Number(a.asleep));
  let asleep = false;
  let since = from.getTime();
  let total = 0;
  for (const event of events) {
    if (event.at >= end) break;
    if (event.at > from.getTime() && asleep) total += event.at - Math.max(since, from.getTime());
    asleep = event.asleep;
    since = event.at;
  }
  if (asleep) total += end - Math.max(since, from.getTime());
  return Math.round((total / 3_600_000) * 10) / 10;
}

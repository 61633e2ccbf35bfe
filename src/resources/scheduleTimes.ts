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

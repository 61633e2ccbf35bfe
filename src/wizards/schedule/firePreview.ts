import { nextFireTimes } from '../../resources/scheduleTimes';
import { formatScheduleTime, formatScheduleWallTime } from '../../timeDisplay/scheduleTime';

/**
 * The next `count` fire times of an expression in a zone, in words: "Fri 2025-03-28 19:00 Europe/Berlin, …"
 * (as the tree shows a schedule's next fire), or why there are none. `namesZone: false` leaves the zone's
 * name out, for a line that says it once.
 */
export function previewFireTimes(expression: string, timeZone: string, after: Date, count = 5, options: { namesZone?: boolean } = {}): string {
  let result: ReturnType<typeof nextFireTimes>;
  try {
    result = nextFireTimes(expression, { timezone: timeZone, after, count });
  } catch (error) {
    return `cannot preview ${expression}: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!result.ok) return result.error;
  // A valid rate can fire past the last instant a Date holds (rate(99999999999 days)): those never come.
  const times = result.times.filter((time) => Number.isFinite(time.getTime()));
  if (times.length === 0) return 'never fires again';
  const format = options.namesZone === false ? formatScheduleWallTime : formatScheduleTime;
  return times.map((time) => format(time, timeZone)).join(', ');
}

import { nextFireTimes } from '../../resources/scheduleTimes';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Mon 2025-03-31 07:00 GMT+2": the instant as a wall-clock time in the zone. */
export function formatInZone(date: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** The next `count` fire times of an expression in a zone, in words: "Fri 2025-03-28 19:00 GMT+1, …", or why there are none. */
export function previewFireTimes(expression: string, timeZone: string, after: Date, count = 5): string {
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
  return times.map((time) => formatInZone(time, timeZone)).join(', ');
}

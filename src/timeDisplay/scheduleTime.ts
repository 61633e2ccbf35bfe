import { wallClock } from './wallClock';

/**
 * A schedule's fire time as the schedule itself reads it, in its own time zone (EventBridge Scheduler's
 * `ScheduleExpressionTimezone`, UTC when it has none): "Sat 2026-12-12 19:00 Europe/Berlin".
 */
export function formatScheduleTime(date: Date, timeZone: string | undefined): string {
  const zone = timeZone || 'UTC';
  return `${formatScheduleWallTime(date, zone)} ${zone}`;
}

/** The same without the zone's name, where the zone is said once for several times: "Sat 2026-12-12 19:00". */
export function formatScheduleWallTime(date: Date, timeZone: string | undefined): string {
  const clock = wallClock(date, timeZone || 'UTC');
  return `${clock.weekday} ${clock.date} ${clock.hourMinute}`;
}

/** The same instant in UTC, for tooltips beside a schedule time: "2026-12-12 18:00 UTC". */
export function formatUtcTime(date: Date): string {
  const clock = wallClock(date, 'UTC');
  return `${clock.date} ${clock.hourMinute} UTC`;
}

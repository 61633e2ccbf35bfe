import { wallClock } from './wallClock';

/**
 * When something happened in the account (a scaling activity, an alarm's change, a resource's last
 * change), 24-hour, in the user's zone: "18:00:03" when it is the same day as `now` (the account's
 * clock: the emulator's virtual clock on the emulator, the real clock on AWS), else
 * "2026-12-05 18:00:03". Without `now` the date is always shown (a report read later).
 * `timeZone` is for tests; the user's zone is this computer's.
 */
export function formatEventTime(date: Date | undefined, now?: Date, timeZone?: string): string {
  if (!date || !Number.isFinite(date.getTime())) return '—';
  const clock = wallClock(date, timeZone);
  const time = `${clock.hourMinute}:${clock.seconds}`;
  const today = now !== undefined && Number.isFinite(now.getTime()) && wallClock(now, timeZone).date === clock.date;
  return today ? time : `${clock.date} ${time}`;
}

/**
 * An estimate of when something will happen, to the minute: "14:35" the same day as `now` (the
 * account's clock), else "2026-12-05 14:35". For "released by about 14:35".
 */
export function formatAboutTime(date: Date, now: Date, timeZone?: string): string {
  const clock = wallClock(date, timeZone);
  return wallClock(now, timeZone).date === clock.date ? clock.hourMinute : `${clock.date} ${clock.hourMinute}`;
}

import { parseScheduleExpression, ScheduleExpressionError } from '@s2z/schedule-expressions';

/** A sleep/wake pair of EventBridge expressions (day-of-week 1–7 is SUN–SAT; names also work). */
export interface SchedulePreset {
  id: string;
  label: string;
  sleep: string;
  wake: string;
}

export const schedulePresets: readonly SchedulePreset[] = [
  { id: 'weekdays', label: 'Weekdays 07:00–19:00', sleep: 'cron(0 19 ? * MON-FRI *)', wake: 'cron(0 7 ? * MON-FRI *)' },
  { id: 'weekendsOff', label: 'Weekends off (Friday 19:00 to Monday 07:00)', sleep: 'cron(0 19 ? * FRI *)', wake: 'cron(0 7 ? * MON *)' },
  { id: 'nightsOff', label: 'Nights off (22:00 to 07:00 every day)', sleep: 'cron(0 22 * * ? *)', wake: 'cron(0 7 * * ? *)' },
];

/** A typed cron(), rate() or at() expression, checked with the same parser that previews it. */
export function validateScheduleExpression(value: string): string | undefined {
  const text = value.trim();
  if (text.length === 0) return 'Enter a schedule expression: cron(…), rate(…) or at(…).';
  if (text.length > 256) return 'The schedule expression is longer than 256 characters.';
  try {
    parseScheduleExpression(text);
    return undefined;
  } catch (error) {
    if (error instanceof ScheduleExpressionError) {
      return `Not a valid EventBridge Scheduler expression (${error.message}). Use cron(minutes hours day-of-month month day-of-week year), rate(5 minutes) or at(2025-12-24T18:00:00).`;
    }
    throw error;
  }
}

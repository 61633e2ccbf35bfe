/** The time ranges the logs view offers, and the window each one reads. */
import { defaultLogsRange, type LogsRangeId } from '../protocol';

export type RangeId = LogsRangeId;

export interface RangeChoice {
  id: RangeId;
  label: string;
  /** The length of the window, for the fixed ranges. */
  ms?: number;
}

const minute = 60_000;

export const rangeChoices: readonly RangeChoice[] = [
  { id: '5m', label: 'Last 5 minutes', ms: 5 * minute },
  { id: '15m', label: 'Last 15 minutes', ms: 15 * minute },
  { id: '1h', label: 'Last hour', ms: 60 * minute },
  { id: '3h', label: 'Last 3 hours', ms: 3 * 60 * minute },
  { id: '12h', label: 'Last 12 hours', ms: 12 * 60 * minute },
  { id: '1d', label: 'Last day', ms: 24 * 60 * minute },
  { id: 'custom', label: 'Since a time…' },
];

export const defaultRange: RangeId = defaultLogsRange;

export function isRangeId(value: unknown): value is RangeId {
  return rangeChoices.some((choice) => choice.id === value);
}

/** The range a user picked: a fixed one, or `custom` from a start time (ms since the epoch). */
export interface TimeRange {
  id: RangeId;
  /** For `custom`: where the window starts. */
  customStart?: number;
}

/**
 * The window a range reads at `now` (the account's clock: the emulator's virtual one on the
 * emulator): `[start, now]`. A custom start in the future reads nothing until it comes; an unknown
 * range reads the default.
 */
export function windowOf(range: TimeRange, now: number): { start: number; end: number } {
  if (range.id === 'custom') {
    const start = range.customStart !== undefined && Number.isFinite(range.customStart) ? Math.min(range.customStart, now) : now - minute * 15;
    return { start: Math.max(0, start), end: now };
  }
  const choice = rangeChoices.find((candidate) => candidate.id === range.id) ?? rangeChoices.find((candidate) => candidate.id === defaultRange);
  return { start: Math.max(0, now - (choice?.ms ?? 15 * minute)), end: now };
}

/**
 * The window before `start` that "Load older" reads: as long as the first one (a custom range's
 * length is from its start to when it was read), never before the epoch; undefined when nothing is older.
 */
export function olderWindow(first: { start: number; end: number }, start: number): { start: number; end: number } | undefined {
  if (start <= 0) return undefined;
  const length = Math.max(minute, first.end - first.start);
  return { start: Math.max(0, start - length), end: start - 1 };
}

/**
 * A custom start typed by the user: an ISO date-time (`2026-12-07T09:30`, local time when no zone)
 * or a duration back from now (`90m`, `2h`, `3d`). A number of ms, or a plain-words reason.
 */
export function parseCustomStart(text: string, now: number): { start: number } | { error: string } {
  const trimmed = text.trim();
  const duration = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/i.exec(trimmed);
  if (duration) {
    const unit = { s: 1000, m: minute, h: 60 * minute, d: 24 * 60 * minute }[duration[2].toLowerCase() as 's' | 'm' | 'h' | 'd'];
    return { start: Math.max(0, now - Number(duration[1]) * unit) };
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(trimmed)) {
    return { error: 'Type a date and time such as 2026-12-07T09:30, or how long ago such as 90m, 2h or 3d.' };
  }
  const parsed = Date.parse(trimmed.replace(' ', 'T'));
  if (!Number.isFinite(parsed)) return { error: `${trimmed} is not a date and time that exists.` };
  if (parsed > now) return { error: `${trimmed} is in the future: pick a start before now.` };
  return { start: parsed };
}

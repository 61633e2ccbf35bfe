/** The parts of an instant on a zone's wall clock, 24-hour ("2026-12-12", "19:00:00", "Sat"). */
export interface WallClock {
  date: string;
  hourMinute: string;
  seconds: string;
  weekday: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let result = formats.get(key);
  if (!result) {
    result = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(key, result);
  }
  return result;
}

/** `date` on the wall clock of `timeZone` (an IANA name; undefined: this computer's zone). */
export function wallClock(date: Date, timeZone?: string): WallClock {
  const parts = Object.fromEntries(format(timeZone).formatToParts(date).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hourMinute: `${parts.hour}:${parts.minute}`,
    seconds: parts.second,
    weekday: parts.weekday,
  };
}

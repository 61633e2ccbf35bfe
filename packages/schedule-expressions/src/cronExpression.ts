import { instantOf, wallTime } from './timeZones';

/**
 * AWS's six-field cron: `minutes hours day-of-month month day-of-week year`, with `*`, `,`, `-`, `/`,
 * `?` (no specific value: exactly one of day-of-month and day-of-week), `L` (last day of the month,
 * or `5L` last Thursday), `W` (`15W` nearest weekday, `LW` last weekday) and `#` (`6#3` third Friday).
 * Day-of-week 1-7 is SUN-SAT; months and weekdays also by name.
 */
export interface CronSpec {
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years: Set<number>;
  dayOfMonth?: DayOfMonthRule;
  dayOfWeek?: DayOfWeekRule;
}

type DayOfMonthRule = { kind: 'days'; days: Set<number> } | { kind: 'last' } | { kind: 'lastWeekday' } | { kind: 'nearestWeekday'; day: number };
type DayOfWeekRule = { kind: 'days'; days: Set<number> } | { kind: 'last'; day: number } | { kind: 'nth'; day: number; nth: number };

export class CronSyntaxError extends Error {}

const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseCron(body: string): CronSpec {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new CronSyntaxError('a cron expression needs six fields');
  const [minuteField, hourField, domField, monthField, dowField, yearField] = fields;
  if ((domField === '?') === (dowField === '?')) throw new CronSyntaxError('exactly one of day-of-month and day-of-week must be ?');
  return {
    minutes: [...parseList(minuteField, 0, 59)].sort((a, b) => a - b),
    hours: [...parseList(hourField, 0, 23)].sort((a, b) => a - b),
    months: parseList(monthField, 1, 12, monthNames),
    years: parseList(yearField, 1970, 2199),
    dayOfMonth: domField === '?' ? undefined : parseDayOfMonth(domField),
    dayOfWeek: dowField === '?' ? undefined : parseDayOfWeek(dowField),
  };
}

function parseDayOfMonth(field: string): DayOfMonthRule {
  if (field === 'L') return { kind: 'last' };
  if (field === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d{1,2})W$/.exec(field);
  if (weekday) {
    const day = Number(weekday[1]);
    if (day < 1 || day > 31) throw new CronSyntaxError(`day-of-month ${day} is out of range`);
    return { kind: 'nearestWeekday', day };
  }
  return { kind: 'days', days: parseList(field, 1, 31) };
}

function parseDayOfWeek(field: string): DayOfWeekRule {
  if (field === 'L') return { kind: 'days', days: new Set([7]) };
  const last = /^([1-7]|[A-Z]{3})L$/i.exec(field);
  if (last) return { kind: 'last', day: value(last[1], 1, 7, dayNames) };
  const nth = /^([1-7]|[A-Z]{3})#([1-5])$/i.exec(field);
  if (nth) return { kind: 'nth', day: value(nth[1], 1, 7, dayNames), nth: Number(nth[2]) };
  return { kind: 'days', days: parseList(field, 1, 7, dayNames) };
}

function parseList(field: string, min: number, max: number, names?: string[]): Set<number> {
  const result = new Set<number>();
  for (const item of field.split(',')) {
    const match = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new CronSyntaxError(`invalid field "${field}"`);
    const step = match[2] === undefined ? 1 : Number(match[2]);
    if (step < 1) throw new CronSyntaxError(`invalid step in "${field}"`);
    let from: number;
    let to: number;
    if (match[1] === '*') {
      from = min;
      to = max;
    } else {
      const [a, b] = match[1].split('-');
      from = value(a, min, max, names);
      to = b === undefined ? (match[2] === undefined ? from : max) : value(b, min, max, names);
      if (to < from) throw new CronSyntaxError(`invalid range "${match[1]}"`);
    }
    for (let v = from; v <= to; v += step) result.add(v);
  }
  return result;
}

function value(text: string, min: number, max: number, names?: string[]): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  const number = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw new CronSyntaxError(`value "${text}" is out of range ${min}-${max}`);
  return number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of week 1-7 (SUN-SAT) of a calendar date. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function matchesDay(spec: CronSpec, year: number, month: number, day: number): boolean {
  const last = daysInMonth(year, month);
  const dom = spec.dayOfMonth;
  if (dom) {
    switch (dom.kind) {
      case 'days':
        return dom.days.has(day);
      case 'last':
        return day === last;
      case 'lastWeekday': {
        let target = last;
        while (weekday(year, month, target) === 1 || weekday(year, month, target) === 7) target--;
        return day === target;
      }
      case 'nearestWeekday': {
        if (dom.day > last) return false;
        let target = dom.day;
        const wd = weekday(year, month, target);
        if (wd === 7) target = target === 1 ? target + 2 : target - 1;
        else if (wd === 1) target = target === last ? target - 2 : target + 1;
        return day === target;
      }
    }
  }
  const dow = spec.dayOfWeek;
  if (!dow) return false;
  const wd = weekday(year, month, day);
  switch (dow.kind) {
    case 'days':
      return dow.days.has(wd);
    case 'last':
      return wd === dow.day && day + 7 > last;
    case 'nth':
      return wd === dow.day && Math.ceil(day / 7) === dow.nth;
  }
}

/** The first instant strictly after `afterMs` the expression matches in `timeZone` (minute precision). */
export function nextCronOccurrence(spec: CronSpec, afterMs: number, timeZone: string): number | undefined {
  const start = wallTime(afterMs, timeZone);
  const maxYear = Math.max(...spec.years);
  let cursor = Date.UTC(start.year, start.month - 1, start.day);
  // A day at a time in the zone's calendar; at most a few years are ever scanned.
  for (let guard = 0; guard < 366 * 30; guard++, cursor += 86_400_000) {
    const date = new Date(cursor);
    const year = date.getUTCFullYear();
    if (year > maxYear) return undefined;
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if (!spec.years.has(year) || !spec.months.has(month) || !matchesDay(spec, year, month, day)) continue;
    for (const hour of spec.hours) {
      for (const minute of spec.minutes) {
        const instant = instantOf({ year, month, day, hour, minute, second: 0 }, timeZone);
        if (instant !== undefined && instant > afterMs) return instant;
      }
    }
  }
  return undefined;
}

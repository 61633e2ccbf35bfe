import { CronSyntaxError, nextCronOccurrence, parseCron, type CronSpec } from './cronExpression';
import { instantOf, type WallTime } from './timeZones';

/** `at(yyyy-mm-ddThh:mm:ss)`, `rate(value unit)` or `cron(six fields)`, as EventBridge Scheduler and Application Auto Scaling accept them. */
export type ScheduleExpression = { kind: 'at'; wall: WallTime } | { kind: 'rate'; everyMs: number } | { kind: 'cron'; spec: CronSpec };

export class ScheduleExpressionError extends Error {}

const units: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseScheduleExpression(text: string): ScheduleExpression {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(text);
  if (at) {
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number);
    const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
      throw new ScheduleExpressionError(`invalid date in ${text}`);
    }
    return { kind: 'at', wall: { year, month, day, hour, minute, second } };
  }
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate) {
    const count = Number(rate[1]);
    const unit = rate[2].replace(/s$/, '');
    // AWS wants the singular for 1 and the plural otherwise.
    if (count < 1 || (count === 1) !== (rate[2] === unit)) throw new ScheduleExpressionError(`invalid rate ${text}`);
    return { kind: 'rate', everyMs: count * units[unit] };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron) {
    try {
      return { kind: 'cron', spec: parseCron(cron[1]) };
    } catch (error) {
      if (error instanceof CronSyntaxError) throw new ScheduleExpressionError(error.message);
      throw error;
    }
  }
  throw new ScheduleExpressionError(`unknown expression ${text}`);
}

/**
 * The first occurrence strictly after `afterMs`, or undefined when there is none. A rate counts
 * from `anchorMs` (the schedule's start), whole minutes.
 */
export function nextOccurrence(expression: ScheduleExpression, timeZone: string, afterMs: number, anchorMs: number): number | undefined {
  switch (expression.kind) {
    case 'at': {
      const instant = instantOf({ ...expression.wall, second: 0 }, timeZone);
      return instant !== undefined && instant > afterMs ? instant : undefined;
    }
    case 'rate': {
      const anchor = Math.ceil(anchorMs / 60_000) * 60_000;
      if (anchor > afterMs) return anchor;
      const steps = Math.floor((afterMs - anchor) / expression.everyMs) + 1;
      return anchor + steps * expression.everyMs;
    }
    case 'cron':
      return nextCronOccurrence(expression.spec, afterMs, timeZone);
  }
}

import { type ScheduledEvent } from '../clock/eventQueue';
import { type Simulation } from '../clock/simulation';
import { type EmulatorLog } from '../emulatorLog';
import { ServiceError } from '../http/serviceError';
import { type JsonRpcService } from '../services/service';
import { emptySchedulerState, type ScheduleRecord, type SchedulerState } from './scheduleRecords';
import { nextOccurrence, parseScheduleExpression } from '@s2z/schedule-expressions';
import { invokeUniversalTarget, parseUniversalTarget } from './universalTargets';

const maxInvocations = 1000;

/**
 * Fires schedules on the virtual clock: each enabled schedule has one pending event at its next
 * occurrence (within StartDate/EndDate, in its time zone); firing calls the target, records the
 * outcome, and deletes a finished schedule whose ActionAfterCompletion is DELETE.
 */
export class ScheduleRunner {
  state: SchedulerState = emptySchedulerState();
  private readonly timers = new Map<string, ScheduledEvent>();

  constructor(
    private readonly simulation: Simulation,
    private readonly services: Readonly<Record<string, JsonRpcService>>,
    private readonly caller: { region: string; accountId: string },
    private readonly log: EmulatorLog,
  ) {}

  armAll(): void {
    for (const timer of this.timers.values()) this.simulation.cancel(timer);
    this.timers.clear();
    for (const schedule of this.state.schedules) this.arm(schedule);
  }

  arm(schedule: ScheduleRecord, after: number = this.simulation.now()): void {
    this.unarm(schedule);
    schedule.nextRunAt = undefined;
    if (schedule.state !== 'ENABLED') return;
    const expression = parseScheduleExpression(schedule.expression);
    const from = Math.max(after, (schedule.startDate ?? -Infinity) - 1);
    let next = nextOccurrence(expression, schedule.timezone, from, schedule.startDate ?? schedule.creationDate);
    if (next !== undefined && schedule.endDate !== undefined && next > schedule.endDate) next = undefined;
    if (next === undefined) {
      if (schedule.actionAfterCompletion === 'DELETE') this.remove(schedule);
      return;
    }
    schedule.nextRunAt = next;
    this.timers.set(schedule.arn, this.simulation.schedule(next, `scheduler:${schedule.name}`, (at) => this.fire(schedule, at)));
  }

  unarm(schedule: ScheduleRecord): void {
    this.simulation.cancel(this.timers.get(schedule.arn));
    this.timers.delete(schedule.arn);
  }

  remove(schedule: ScheduleRecord): void {
    this.unarm(schedule);
    this.state.schedules = this.state.schedules.filter((candidate) => candidate !== schedule);
  }

  stop(): void {
    for (const timer of this.timers.values()) this.simulation.cancel(timer);
    this.timers.clear();
  }

  private fire(schedule: ScheduleRecord, at: number): void {
    this.timers.delete(schedule.arn);
    const targetArn = String(schedule.target.Arn ?? '');
    const input = typeof schedule.target.Input === 'string' ? schedule.target.Input : undefined;
    const record = { scheduleArn: schedule.arn, at, targetArn, outcome: 'Succeeded' as 'Succeeded' | 'Failed' } as SchedulerState['invocations'][number];
    try {
      const universal = parseUniversalTarget(targetArn);
      if (!universal) throw new ServiceError('TargetNotEmulated', `The emulator cannot invoke the target ${targetArn}.`, 400);
      invokeUniversalTarget(universal, input, this.services, { ...this.caller, now: () => at });
    } catch (error) {
      record.outcome = 'Failed';
      record.errorCode = error instanceof ServiceError ? error.code : 'InternalFailure';
      record.errorMessage = error instanceof Error ? error.message : String(error);
      this.log('warn', `Schedule ${schedule.name} failed to invoke ${targetArn}: ${record.errorCode}: ${record.errorMessage}`);
    }
    this.state.invocations.unshift(record);
    this.state.invocations.length = Math.min(this.state.invocations.length, maxInvocations);
    if (this.state.schedules.includes(schedule)) this.arm(schedule, at);
  }
}

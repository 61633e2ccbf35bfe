import { type ScheduledEvent } from '../clock/eventQueue';
import { type Simulation } from '../clock/simulation';
import { AlarmHistory } from './alarmHistory';
import { type AlarmRecord, type AlarmState } from './alarmRecords';
import { evaluateAlarm, type AlarmVerdict } from './alarmEvaluation';
import { type MetricStore } from './metricStore';

/** Runs an alarm action (e.g. an Application Auto Scaling policy ARN) when the alarm enters or stays in a state. */
export type AlarmActionHandler = (actionArn: string, alarm: AlarmRecord, verdict: AlarmVerdict | undefined, at: number) => void;

/** Work done at every 10-second tick before alarms are evaluated (SageMaker publishing its metrics). */
export type TickHook = (at: number) => void;

const tickMs = 10_000;
const repeatActionsMs = 60_000;

/**
 * CloudWatch's alarm evaluator on the virtual clock. Every 10 seconds (aligned to the minute) the
 * metric publishers run, then every alarm due is evaluated: high-resolution alarms (period under 60 s)
 * every tick, the others once a minute. A state change runs the state's actions; an alarm that stays
 * in ALARM runs its Application Auto Scaling actions again every minute, as CloudWatch does.
 */
export class AlarmEngine {
  alarms: AlarmRecord[] = [];
  /** What DescribeAlarmHistory reads: configuration updates, state changes and actions run. */
  readonly history = new AlarmHistory();
  private tick: ScheduledEvent | undefined;
  private readonly handlers: { prefix: string; handle: AlarmActionHandler }[] = [];
  private readonly tickHooks: TickHook[] = [];
  /** Alarms held in a state by the control API. */
  private held = new Map<string, AlarmState>();

  constructor(
    private readonly simulation: Simulation,
    readonly metrics: MetricStore,
    /** How long after a period ends its data has surely been published, for this alarm's metric. */
    private readonly publishDelayMs: (alarm: AlarmRecord) => number,
  ) {}

  onTick(hook: TickHook): void {
    this.tickHooks.push(hook);
  }

  registerActionHandler(prefix: string, handle: AlarmActionHandler): void {
    this.handlers.push({ prefix, handle });
  }

  find(name: string): AlarmRecord | undefined {
    return this.alarms.find((alarm) => alarm.name === name);
  }

  /** The alarm's state (a held state wins), or undefined when there is no such alarm and none is held. */
  stateOf(name: string): AlarmState | undefined {
    return this.held.get(name) ?? this.find(name)?.state;
  }

  /**
   * Holds alarms in a state (the control API's `alarmStates` fault) until `hold({})`: each is set at once
   * (its actions run) and evaluations leave it alone; an alarm created later is set at its first evaluation.
   */
  hold(states: Readonly<Record<string, AlarmState>>, at: number): void {
    this.held = new Map(Object.entries(states));
    for (const [name, state] of this.held) {
      const alarm = this.find(name);
      if (alarm && alarm.state !== state) this.setState(alarm, state, heldReason(state), undefined, at);
    }
  }

  /** Adds or replaces an alarm (a replaced alarm keeps its state, as PutMetricAlarm does). */
  put(alarm: AlarmRecord): void {
    const index = this.alarms.findIndex((existing) => existing.name === alarm.name);
    this.history.configurationUpdated(alarm, index >= 0 ? this.alarms[index] : undefined, alarm.configurationUpdatedAt);
    if (index >= 0) this.alarms[index] = alarm;
    else this.alarms.push(alarm);
  }

  delete(names: readonly string[]): void {
    const doomed = new Set(names);
    this.alarms = this.alarms.filter((alarm) => !doomed.has(alarm.name));
  }

  /** Starts (or restarts) the 10-second tick. */
  start(): void {
    this.simulation.cancel(this.tick);
    const now = this.simulation.now();
    const next = Math.floor(now / tickMs) * tickMs + tickMs;
    this.tick = this.simulation.schedule(next, 'cloudwatch', (at) => this.runTick(at));
  }

  stop(): void {
    this.simulation.cancel(this.tick);
    this.tick = undefined;
  }

  /** Sets a state by hand (SetAlarmState): runs its actions; the next evaluation may change it back. */
  setState(alarm: AlarmRecord, state: AlarmState, reason: string, reasonData: string | undefined, at: number): void {
    const changed = alarm.state !== state;
    const old = { state: alarm.state, reason: alarm.stateReason, reasonData: alarm.stateReasonData };
    alarm.state = state;
    alarm.stateReason = reason;
    alarm.stateReasonData = reasonData;
    alarm.stateUpdatedAt = at;
    if (changed) alarm.stateTransitionedAt = at;
    // SetAlarmState to the state the alarm is in changes nothing CloudWatch records as an update (not confirmed).
    if (changed) this.history.stateUpdated(alarm, old, at);
    this.runActions(alarm, undefined, at);
  }

  private runTick(at: number): void {
    for (const hook of this.tickHooks) hook(at);
    for (const alarm of [...this.alarms]) {
      if (alarm.period >= 60 && at % 60_000 !== 0) continue;
      this.evaluate(alarm, at);
    }
    this.tick = this.simulation.schedule(at + tickMs, 'cloudwatch', (time) => this.runTick(time));
  }

  private evaluate(alarm: AlarmRecord, at: number): void {
    const held = this.held.get(alarm.name);
    if (held) {
      if (alarm.state !== held) this.setState(alarm, held, heldReason(held), undefined, at);
      return;
    }
    const verdict = evaluateAlarm(alarm, this.metrics, at, this.publishDelayMs(alarm));
    if (!verdict) return;
    if (verdict.state !== alarm.state) {
      const old = { state: alarm.state, reason: alarm.stateReason, reasonData: alarm.stateReasonData };
      alarm.state = verdict.state;
      alarm.stateReason = verdict.reason;
      alarm.stateReasonData = verdict.reasonData;
      alarm.stateUpdatedAt = at;
      alarm.stateTransitionedAt = at;
      this.history.stateUpdated(alarm, old, at);
      this.runActions(alarm, verdict, at);
    } else if (alarm.state === 'ALARM' && at - (alarm.lastActionsAt ?? -Infinity) >= repeatActionsMs) {
      // Scaling actions are re-run every minute while the alarm stays in ALARM.
      this.runActions(alarm, verdict, at, (arn) => arn.startsWith('arn:aws:autoscaling:'));
    }
  }

  private runActions(alarm: AlarmRecord, verdict: AlarmVerdict | undefined, at: number, filter: (arn: string) => boolean = () => true): void {
    if (!alarm.actionsEnabled) return;
    const actions = alarm.state === 'ALARM' ? alarm.alarmActions : alarm.state === 'OK' ? alarm.okActions : alarm.insufficientDataActions;
    const selected = actions.filter(filter);
    if (selected.length === 0) return;
    alarm.lastActionsAt = at;
    for (const arn of selected) {
      const handler = this.handlers.find((candidate) => arn.startsWith(candidate.prefix));
      if (!handler) continue;
      handler.handle(arn, alarm, verdict, at);
      this.history.actionExecuted(alarm, arn, at);
    }
  }
}

function heldReason(state: AlarmState): string {
  return `Held in ${state} by the emulator's control API (the alarmStates fault).`;
}

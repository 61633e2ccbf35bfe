import { firesOnSingleRequest } from '../../readiness/readiness';
import { alarmThatTriggered } from '../../resources/scalingActivityCause';
import { type ScalingActivitySnapshot } from '../../resources/resourceSnapshots';
import { describeActivity, wakesFromZero } from '../../resources/scalingActivityCopyCount';
import { AbortError, type ColdStartClock } from './clock';
import { blogReferenceMs } from '../../resources/coldStartReference';
import { explainFailure, type FailureKind } from '../../diagnosis/failures/failureExplanation';
import { type ColdStartOutcome, type ColdStartPhaseId, type ColdStartTimeline, newTimeline, phase } from './phases';
import { type CapacityProbe, type ComponentCapacity, couldBeNoCapacity, isAbortError, isNoCapacityError, type WakeSignals } from './probe';
import { plural } from '../../l10n/plural';

/** What the held request expects each phase to take (the blog's figures, or this IC's own median). */
export interface ExpectedDurations {
  alarmMs: number;
  instanceMs: number;
  copyMs: number;
}

/**
 * How often to poll. Far from the expected end of a phase the interval is a third of the time left
 * (at most `maxMs`); near it, `minMs`, so the first copy in service is seen within a second or two.
 * Once a phase runs late the interval grows slowly again, up to `overdueMaxMs`.
 */
export interface PollPolicy {
  minMs: number;
  maxMs: number;
  overdueMaxMs: number;
  /** Re-sends of the request while the alarm has not fired: the first after this long, then doubling. */
  resendAfterMs: number;
}

export const defaultPollPolicy: PollPolicy = { minMs: 1_000, maxMs: 10_000, overdueMaxMs: 3_000, resendAfterMs: 60_000 };

export interface HeldRequestOptions<T> {
  component: string;
  /** Sends the request; a rejection for lack of capacity starts the cold start. */
  send: (signal: AbortSignal) => Promise<T>;
  probe: CapacityProbe;
  clock: ColdStartClock;
  /** Gives up this long (account time) after the request was first refused. */
  deadlineMs: number;
  /** Sets one copy directly instead of waiting for the wake alarm. */
  wakeNow?: boolean;
  signal?: AbortSignal;
  onTimeline?: (timeline: ColdStartTimeline) => void;
  /** Called once, when the request is first refused (the explorer shows "Waking · request rejected"). */
  onRejected?: (at: number) => void;
  expected?: Partial<ExpectedDurations>;
  poll?: Partial<PollPolicy>;
  isNoCapacity?: (error: unknown) => boolean;
  /**
   * When the answered attempt's first byte arrived (account time): a streamed answer's first token
   * ends the cold start, not its last one. Without it, the moment `send` resolves.
   */
  firstByteAt?: () => number | undefined;
}

export interface HeldResult<T> {
  value: T;
  /** Present when the request went through a cold start. */
  timeline?: ColdStartTimeline;
}

/**
 * The reason to abort a held request with (`controller.abort(new TargetGone(message))`) when its
 * component or endpoint was deleted: it stops at once, with this message, instead of waiting for a
 * copy that will never come.
 */
export class TargetGone extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetGone';
  }
}

/** The held request stopped before an answer: the user's deadline passed, it was cancelled, or its component is gone. */
export class HeldRequestStopped extends Error {
  constructor(
    readonly reason: 'deadline' | 'cancelled' | 'gone',
    readonly timeline: ColdStartTimeline | undefined,
    message: string,
    /** At a deadline: why no copy came (a failed wake's kind, or still waking) and what to do next. */
    readonly why?: { kind: FailureKind; title: string; nextStep: string },
  ) {
    super(message);
    this.name = reason === 'deadline' ? 'DeadlineExceeded' : reason === 'gone' ? 'TargetGone' : 'AbortError';
  }
}

/** The request failed for another reason (a model error, a permission...) during or after a cold start. */
export class HeldRequestFailed extends Error {
  constructor(
    readonly cause: unknown,
    readonly timeline: ColdStartTimeline | undefined,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'HeldRequestFailed';
  }
}

type Stage = 'alarm' | 'instance' | 'copy' | 'send';

/**
 * Sends a request to an inference component and, when it is refused for lack of capacity, holds it
 * (as Knative's activator or Hugging Face's X-Scale-Up-Timeout do) until the first copy is in service,
 * then sends it again: one rejected request, a handful of cheap describe calls, and one retry. Along
 * the way it fills a timeline of the cold start's phases. Cancelling stops every poll and timer.
 */
export async function sendHeld<T>(options: HeldRequestOptions<T>): Promise<HeldResult<T>> {
  const run = new HeldRun(options);
  return run.execute();
}

class HeldRun<T> {
  private readonly controller = new AbortController();
  private readonly expected: ExpectedDurations;
  private readonly poll: PollPolicy;
  private readonly isNoCapacity: (error: unknown) => boolean;
  private timeline: ColdStartTimeline | undefined;
  private stage: Stage = 'alarm';
  private stageStartedAt = 0;
  private nextResendAt = 0;
  private resendDelay = 0;
  private unlink: (() => void) | undefined;
  /** An adapter's base, once the probe has read it: the component whose copies the request waits for. */
  private baseName: string | undefined;

  constructor(private readonly options: HeldRequestOptions<T>) {
    this.expected = {
      alarmMs: options.expected?.alarmMs ?? blogReferenceMs.alarmMs,
      instanceMs: options.expected?.instanceMs ?? blogReferenceMs.instanceMs,
      copyMs: options.expected?.copyMs ?? blogReferenceMs.copyMs,
    };
    this.poll = { ...defaultPollPolicy, ...options.poll };
    this.isNoCapacity = options.isNoCapacity ?? isNoCapacityError;
    const outer = options.signal;
    if (outer) {
      const abort = () => this.controller.abort(outer.reason);
      if (outer.aborted) abort();
      outer.addEventListener('abort', abort, { once: true });
      this.unlink = () => outer.removeEventListener('abort', abort);
    }
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private now(): number {
    return this.options.clock.now();
  }

  async execute(): Promise<HeldResult<T>> {
    try {
      return await this.run();
    } catch (error) {
      if (error instanceof HeldRequestStopped && error.reason === 'deadline') throw await this.explainDeadline(error);
      if (error instanceof HeldRequestStopped || error instanceof HeldRequestFailed) throw error;
      if (this.signal.aborted || isAbortError(error)) throw this.stop(this.abortReason());
      this.finish('failed');
      throw new HeldRequestFailed(error, this.timeline);
    } finally {
      // Whatever happened, nothing of this request keeps running.
      this.controller.abort();
      this.unlink?.();
    }
  }

  private async run(): Promise<HeldResult<T>> {
    const { probe } = this.options;
    if (this.signal.aborted) throw this.stop(this.abortReason());
    let state: ComponentCapacity | undefined;
    if (this.options.wakeNow) {
      // Known cold: hold the request without sending it, so no NoCapacity datapoint makes the alarm
      // add a second copy on top of the one set here.
      state = this.note(await probe.component(this.signal));
      if (state.current > 0) return { value: await this.options.send(this.signal) };
      this.begin('Held, not sent: the component has no copy and Wake now is on.');
    } else {
      try {
        return { value: await this.options.send(this.signal) };
      } catch (error) {
        if (!(await this.refusedForCapacity(error))) throw error;
        this.begin(`InvokeEndpoint answered ${errorName(error)}: the component has no capacity.`);
      }
    }
    const timeline = this.timeline!;
    if (this.options.wakeNow) {
      if ((state?.desired ?? 0) < 1) {
        await probe.setCopies(1, this.signal);
        this.mark('desiredCopies', this.now(), 'Wake now set 1 copy (UpdateInferenceComponentRuntimeConfig); auto scaling owns the count afterwards.');
      } else {
        this.mark('desiredCopies', this.now(), `Already waking to ${state?.desired} copies.`);
      }
      this.skip('alarmInAlarm', 'Skipped: Wake now set the copy count directly.');
      this.skip('scalingActivity', 'Skipped: Wake now set the copy count directly.');
      await this.enterInstanceStage(state);
    } else {
      this.enterStage('alarm');
      this.nextResendAt = timeline.startedAt + this.expected.alarmMs + this.poll.resendAfterMs;
      this.resendDelay = this.poll.resendAfterMs;
    }

    for (;;) {
      this.checkDeadline();
      switch (this.stage) {
        case 'alarm': {
          const early = await this.alarmStep();
          if (early) return early;
          break;
        }
        case 'instance':
          await this.instanceStep();
          break;
        case 'copy':
          await this.copyStep();
          break;
        case 'send': {
          const result = await this.sendStep();
          if (result) return result;
          break;
        }
      }
    }
  }

  private begin(detail: string): void {
    const at = this.now();
    this.timeline = newTimeline(this.options.component, at, at + this.options.deadlineMs, Boolean(this.options.wakeNow));
    this.mark('requestRejected', at, detail);
    this.options.onRejected?.(at);
  }

  private enterStage(stage: Stage): void {
    this.stage = stage;
    this.stageStartedAt = this.now();
  }

  /** Waits until the next poll of a phase expected to end `expectedMs` after it began. */
  private async waitFor(expectedMs: number): Promise<void> {
    const now = this.now();
    const remaining = this.stageStartedAt + expectedMs - now;
    let interval: number;
    if (remaining > 0) interval = Math.min(this.poll.maxMs, Math.max(this.poll.minMs, remaining / 3));
    else interval = Math.min(this.poll.overdueMaxMs, this.poll.minMs + -remaining / 20);
    interval = Math.min(interval, Math.max(0, this.timeline!.deadlineAt - now));
    await this.options.clock.wait(interval, this.signal);
  }

  private async alarmStep(): Promise<HeldResult<T> | undefined> {
    const { probe } = this.options;
    await this.waitFor(this.expected.alarmMs);
    this.checkDeadline();
    const [state, signals] = await Promise.all([probe.component(this.signal).then((capacity) => this.note(capacity)), probe.wakeSignals(this.signal)]);
    this.applySignals(signals);
    if (state.desired > 0) {
      const activity = this.wakingActivity(signals.activities);
      const at = activity ? Math.min(activity.startTime.getTime(), this.now()) : this.now();
      this.mark('desiredCopies', at, `DesiredCopyCount ${state.desired}.`);
      if (phase(this.timeline!, 'alarmInAlarm').status !== 'done') this.skip('alarmInAlarm', 'Not seen: the copy count was raised by something else.');
      if (phase(this.timeline!, 'scalingActivity').status !== 'done') this.skip('scalingActivity', 'Not seen: the copy count was raised directly.');
      await this.enterInstanceStage(state, at);
      return undefined;
    }
    // Retry with backoff only while nothing moves: each refused request adds a NoCapacity datapoint.
    if (this.now() >= this.nextResendAt && phase(this.timeline!, 'alarmInAlarm').status !== 'done') {
      this.resendDelay *= 2;
      this.nextResendAt = this.now() + this.resendDelay;
      const early = await this.resend();
      if (early) return early;
    }
    this.publish();
    return undefined;
  }

  private async enterInstanceStage(state: ComponentCapacity | undefined, since: number = this.now()): Promise<void> {
    const { probe } = this.options;
    const component = state?.endpointName ? state : this.note(await probe.component(this.signal));
    this.endpointName = component.endpointName;
    this.variantName = component.variantName;
    if (component.current > 0) {
      this.skip('instanceProvisioning', 'A copy was already serving.');
      this.mark('copyStarting', since);
      this.mark('inService', this.now());
      this.enterStage('send');
      this.publish();
      return;
    }
    const instances = await probe.instances(component.endpointName, component.variantName, this.signal);
    if (instances.current === 0 || instances.desired > instances.current) {
      this.mark('instanceProvisioning', since, plural(Math.max(1, instances.desired), { one: 'Managed instance scaling: {current} → {count} instance.', other: 'Managed instance scaling: {current} → {count} instances.' }, { current: instances.current }), true);
      this.enterStage('instance');
      this.stageStartedAt = since;
    } else {
      this.skip('instanceProvisioning', `An instance was still running (${instances.current}): no provisioning needed.`);
      this.mark('copyStarting', since, 'The model copy loads on a running instance.', true);
      this.enterStage('copy');
      this.stageStartedAt = since;
    }
    this.publish();
  }

  private endpointName = '';
  private variantName: string | undefined;

  private async instanceStep(): Promise<void> {
    await this.waitFor(this.expected.instanceMs);
    this.checkDeadline();
    const instances = await this.options.probe.instances(this.endpointName, this.variantName, this.signal);
    if (instances.current > 0 && instances.current >= instances.desired) {
      const at = this.now();
      this.mark('copyStarting', at, plural(instances.current, { one: '{count} instance running; the model copy loads.', other: '{count} instances running; the model copy loads.' }), true);
      this.enterStage('copy');
    }
    this.publish();
  }

  private async copyStep(): Promise<void> {
    await this.waitFor(this.expected.copyMs);
    this.checkDeadline();
    const state = this.note(await this.options.probe.component(this.signal));
    if (state.current > 0) {
      this.mark('inService', this.now(), `CurrentCopyCount ${state.current}.`);
      this.enterStage('send');
    }
    this.publish();
  }

  private async sendStep(): Promise<HeldResult<T> | undefined> {
    try {
      const value = await this.options.send(this.signal);
      this.mark('firstResponse', this.options.firstByteAt?.() ?? this.now());
      this.finish('succeeded');
      return { value, timeline: this.timeline };
    } catch (error) {
      if (!(await this.refusedForCapacity(error))) throw error;
      // Seen in service but refused: routing has not caught up. Poll again, briefly.
      this.enterStage('copy');
      this.stageStartedAt = this.now() - this.expected.copyMs;
      return undefined;
    }
  }

  /**
   * Whether the request was refused because the component has no copy: SageMaker's message says so,
   * or (the wording is not published) a modelled "not yet" refusal came while the component has none.
   */
  private async refusedForCapacity(error: unknown): Promise<boolean> {
    if (this.isNoCapacity(error)) return true;
    if (!couldBeNoCapacity(error)) return false;
    const state = this.note(await this.options.probe.component(this.signal));
    return state.current === 0;
  }

  /** A re-send while waiting for the alarm; a success ends the cold start at once. */
  private async resend(): Promise<HeldResult<T> | undefined> {
    let value: T;
    try {
      value = await this.options.send(this.signal);
    } catch (error) {
      if (!(await this.refusedForCapacity(error))) throw error;
      const record = phase(this.timeline!, 'requestRejected');
      record.detail = `${record.detail ?? ''} Re-sent while the alarm stayed quiet; refused again.`.trim();
      return undefined;
    }
    for (const id of ['alarmInAlarm', 'scalingActivity', 'desiredCopies', 'instanceProvisioning', 'copyStarting'] as const) {
      this.skip(id, 'Not seen: a re-sent request was served.');
    }
    const answered = this.options.firstByteAt?.() ?? this.now();
    this.mark('inService', answered, 'The re-sent request was served.');
    this.mark('firstResponse', answered);
    this.finish('succeeded');
    return { value, timeline: this.timeline };
  }

  /**
   * The activity that wakes the component: started since the request was refused (a second early, for
   * clock skew), raising the count. The count its text names decides; an activity whose text names
   * none counts, since the component had no copy when it started and could only gain one.
   */
  private wakingActivity(activities: ScalingActivitySnapshot[]): ScalingActivitySnapshot | undefined {
    const since = new Date(this.timeline!.startedAt - 1_000);
    return activities.find((activity) => activity.startTime.getTime() >= since.getTime() && wakesFromZero(activity, { zeroSince: since }));
  }

  private applySignals(signals: WakeSignals): void {
    const timeline = this.timeline!;
    const alarm = signals.alarm;
    if (!alarm) {
      timeline.note = 'No CloudWatch alarm watches NoCapacityInvocationFailures for this component: nothing will add a copy. Use Wake now.';
    } else {
      const single = firesOnSingleRequest(alarm);
      if (!single.fires) timeline.note = `${alarm.name}: ${single.why} Use Wake now, or repair the alarm.`;
      else if (!alarm.actionsEnabled) timeline.note = `${alarm.name} has its actions disabled: it changes state but wakes nothing. Use Wake now.`;
      if (alarm.state === 'ALARM' && phase(timeline, 'alarmInAlarm').status !== 'done') {
        const updated = alarm.stateUpdated?.getTime() ?? this.now();
        this.mark('alarmInAlarm', Math.max(updated, timeline.startedAt), `${alarm.name} in ALARM.`);
      }
    }
    const activity = this.wakingActivity(signals.activities);
    // The wake alarm can go back to OK before a poll sees it in ALARM (a fast clock, one short period):
    // the activity it started names it, and it was in ALARM when the activity began.
    const triggered = activity ? alarmThatTriggered(activity) : undefined;
    if (activity && triggered && phase(timeline, 'alarmInAlarm').status !== 'done') {
      this.mark('alarmInAlarm', Math.max(activity.startTime.getTime(), timeline.startedAt), `${triggered.alarm} in ALARM: it triggered ${triggered.policy} (the scaling activity's cause).`);
    }
    if (activity && phase(timeline, 'scalingActivity').status !== 'done') {
      this.mark('scalingActivity', Math.max(activity.startTime.getTime(), timeline.startedAt), describeActivity(activity));
    }
  }

  /**
   * Records that a phase began (`ongoing`: instance provisioning and copy starting last a while) or
   * happened. Earlier phases in progress are over; the next pending one is what the request waits for.
   */
  private mark(id: ColdStartPhaseId, at: number, detail?: string, ongoing = false): void {
    const phases = this.timeline!.phases;
    const index = phases.findIndex((candidate) => candidate.id === id);
    for (const [position, candidate] of phases.entries()) {
      if (candidate.status !== 'active') continue;
      if (candidate.at === undefined) candidate.status = 'pending';
      else if (position < index) candidate.status = 'done';
    }
    const record = phases[index];
    record.status = ongoing ? 'active' : 'done';
    record.at = at;
    if (detail) record.detail = detail;
    if (!ongoing) {
      const next = phases.slice(index + 1).find((candidate) => candidate.status === 'pending');
      if (next) next.status = 'active';
    }
  }

  private skip(id: ColdStartPhaseId, detail: string): void {
    const record = phase(this.timeline!, id);
    if (record.status === 'done') return;
    record.status = 'skipped';
    record.detail = detail;
    record.at = undefined;
  }

  private publish(): void {
    if (!this.timeline) return;
    this.timeline.updatedAt = this.now();
    this.options.onTimeline?.(structuredClone(this.timeline));
  }

  private finish(outcome: ColdStartOutcome): void {
    if (!this.timeline || this.timeline.outcome) return;
    this.timeline.outcome = outcome;
    this.timeline.endedAt = this.now();
    for (const record of this.timeline.phases) if (record.status === 'active' && record.at === undefined) record.status = 'pending';
    this.publish();
  }

  private checkDeadline(): void {
    if (this.signal.aborted) throw this.stop(this.abortReason());
    if (this.timeline && this.now() >= this.timeline.deadlineAt) throw this.stop('deadline');
  }

  /** Why the request was aborted: its target is gone (the abort's reason says so), or the user cancelled it. */
  private abortReason(): 'gone' | 'cancelled' {
    return this.signal.reason instanceof TargetGone ? 'gone' : 'cancelled';
  }

  /** Keeps an adapter's base, read from the probe: the deadline's message names the component that did not wake. */
  private note<C extends { baseName?: string }>(capacity: C): C {
    if (capacity.baseName) this.baseName = capacity.baseName;
    return capacity;
  }

  /**
   * The deadline passed: one more read of the component, its scaling activities and its endpoint
   * (three or four calls, once) says why no copy came, in the explorer's words (src/diagnosis): a failed wake's
   * kind and next step, or that it was still waking. Without an answer the message stays as it was.
   */
  private async explainDeadline(stopped: HeldRequestStopped): Promise<HeldRequestStopped> {
    try {
      const { probe } = this.options;
      const [state, signals] = await Promise.all([probe.component(this.signal), probe.wakeSignals(this.signal)]);
      const types = state.endpointName ? (await probe.instances(state.endpointName, state.variantName, this.signal)).types : undefined;
      const why = explainFailure({
        endpoint: types
          ? { name: state.endpointName, arn: '', status: 'InService', variants: [{ name: state.variantName ?? '', instanceType: types[0], instancePools: types.map((instanceType) => ({ instanceType })), statuses: [] }] }
          : undefined,
        component: {
          name: state.baseName ?? this.options.component,
          arn: '',
          endpointName: state.endpointName,
          variantName: state.variantName,
          status: state.status,
          failureReason: state.failureReason,
          currentCopyCount: state.current,
          desiredCopyCount: state.desired,
        },
        activities: signals.activities,
        deadline: { seconds: Math.round(this.options.deadlineMs / 1000) },
      });
      if (!why) return stopped;
      const nextStep = why.nextSteps[0] ?? '';
      return new HeldRequestStopped('deadline', stopped.timeline, `${stopped.message} Why: ${why.title}. Next: ${nextStep}`, { kind: why.kind, title: why.title, nextStep });
    } catch {
      return stopped;
    }
  }

  private stop(reason: 'deadline' | 'cancelled' | 'gone'): HeldRequestStopped {
    this.finish(reason);
    const seconds = Math.round(this.options.deadlineMs / 1000);
    const waitedFor = this.baseName ? `${this.baseName} (the base that serves adapter ${this.options.component})` : this.options.component;
    const message =
      reason === 'deadline'
        ? `No copy of ${waitedFor} was in service within the deadline (${seconds} s); the request was not sent again.`
        : reason === 'gone'
          ? (this.signal.reason as TargetGone).message
          : 'Cancelled.';
    return new HeldRequestStopped(reason, this.timeline, message);
  }
}

function errorName(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== 'Error' ? name : 'ValidationError';
}

export { AbortError };

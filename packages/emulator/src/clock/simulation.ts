import { EventQueue, type ScheduledEvent } from './eventQueue';
import { type VirtualClock } from './virtualClock';

/**
 * Ties the clock and the event queue together: `catchUp()` runs every event due by the clock's
 * current time, in order, with the clock set to each event's own time while it runs. With a running
 * clock a real timer wakes the simulation when the next event falls due.
 */
export class Simulation {
  readonly queue = new EventQueue();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  /** Simulated time the event being processed is due at (the "current" time for handlers). */
  private processingAt: number | undefined;
  /** Hooks run after each processed event (services re-evaluate their state). */
  private readonly afterEventHooks: ((at: number) => void)[] = [];

  constructor(
    readonly clock: VirtualClock,
    private readonly onError: (error: unknown, label: string) => void,
  ) {}

  /** Current simulated time in epoch milliseconds (the due time of the event being processed, if any). */
  now(): number {
    return this.processingAt ?? this.clock.now();
  }

  schedule(at: number, label: string, run: (at: number) => void): ScheduledEvent {
    const event = this.queue.schedule(Math.max(at, this.now()), label, run);
    this.arm();
    return event;
  }

  cancel(event: ScheduledEvent | undefined): void {
    this.queue.cancel(event);
  }

  onAfterEvent(hook: (at: number) => void): void {
    this.afterEventHooks.push(hook);
  }

  /** Processes every event due by `target` (default: the clock's time) in time order. */
  catchUp(target: number = this.clock.now()): void {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const event = this.queue.popDue(target);
        if (!event) break;
        this.processingAt = event.at;
        try {
          event.run(event.at);
          for (const hook of this.afterEventHooks) hook(event.at);
        } catch (error) {
          this.onError(error, event.label);
        } finally {
          this.processingAt = undefined;
        }
      }
    } finally {
      this.running = false;
    }
    this.arm();
  }

  /** Advances simulated time by `seconds`, processing every event on the way. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advanceSeconds must be a non-negative number');
    const target = this.clock.now() + seconds * 1000;
    this.catchUpStepwise(target);
    this.clock.setNow(target);
    this.arm();
  }

  setTimeScale(timeScale: number): void {
    this.catchUp();
    this.clock.setTimeScale(timeScale);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private catchUpStepwise(target: number): void {
    // Move the clock to each event's time first so that handlers reading clock.now() agree with it.
    for (;;) {
      const next = this.queue.peekTime();
      if (next === undefined || next > target) break;
      this.clock.setNow(next);
      this.catchUp(next);
    }
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const next = this.queue.peekTime();
    if (next === undefined) return;
    const delay = this.clock.realDelayUntil(next);
    if (!Number.isFinite(delay)) return;
    this.timer = setTimeout(() => this.catchUp(), Math.min(Math.ceil(delay), 2_147_483_000));
    this.timer.unref();
  }
}

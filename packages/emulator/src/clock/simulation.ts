import { EventQueue, type ScheduledEvent } from './eventQueue';
import { type VirtualClock } from './virtualClock';

/**
 * Ties the clock and the event queue together: `catchUp()` runs every event due by the clock's
 * current time, in order, with the clock set to each event's own time while it runs. With a running
 * clock a real timer wakes the simulation when the next event falls due.
 *
 * `scope()` gives a partition (one account in one region) its own view: the same clock, queue and
 * timer (so events of every partition run in one time order and one `advance` moves them all), but its
 * own after-event hooks, run only after its own events, and its own list of pending events.
 */
export class Simulation {
  readonly queue: EventQueue;
  /** The simulation that owns the queue and the timer (this one, unless this is a scope). */
  private readonly root: Simulation;
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
    root?: Simulation,
  ) {
    this.root = root ?? this;
    this.queue = root ? root.queue : new EventQueue();
  }

  /** A partition's view of this simulation (see the class comment). */
  scope(): Simulation {
    return new Simulation(this.clock, this.onError, this.root);
  }

  /** Current simulated time in epoch milliseconds (the due time of the event being processed, if any). */
  now(): number {
    return this.root.processingAt ?? this.clock.now();
  }

  schedule(at: number, label: string, run: (at: number) => void): ScheduledEvent {
    const hooks = this.afterEventHooks;
    // A scope's hooks run after its own events only (the root runs its hooks after every event).
    const handler = this === this.root ? run : (time: number) => {
      run(time);
      for (const hook of hooks) hook(time);
    };
    const event = this.queue.schedule(Math.max(at, this.now()), label, handler, this);
    this.root.arm();
    return event;
  }

  /** This view's pending events (the root's: every event). */
  pending(): readonly { at: number; label: string }[] {
    return this.queue.pending(this === this.root ? undefined : this);
  }

  cancel(event: ScheduledEvent | undefined): void {
    this.queue.cancel(event);
  }

  onAfterEvent(hook: (at: number) => void): void {
    this.afterEventHooks.push(hook);
  }

  /** Processes every event due by `target` (default: the clock's time) in time order. */
  catchUp(target: number = this.clock.now()): void {
    if (this !== this.root) return this.root.catchUp(target);
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
    if (this !== this.root) return this.root.advance(seconds);
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advanceSeconds must be a non-negative number');
    const target = this.clock.now() + seconds * 1000;
    this.catchUpStepwise(target);
    this.clock.setNow(target);
    this.arm();
  }

  setTimeScale(timeScale: number): void {
    if (this !== this.root) return this.root.setTimeScale(timeScale);
    this.catchUp();
    this.clock.setTimeScale(timeScale);
    this.arm();
  }

  /** A scope's pending events are dropped (its partition is gone); the others stay. */
  cancelOwn(): void {
    if (this !== this.root) this.queue.cancelOwnedBy(this);
  }

  /** Stops the timer: a scope stops the whole simulation (its partitions stop together). */
  stop(): void {
    if (this !== this.root) return this.root.stop();
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

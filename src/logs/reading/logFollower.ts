/**
 * Follow mode: polls `FilterLogEvents` for new lines (live tail, `StartLiveTail`, needs HTTP/2 event
 * streams and `logs:StartLiveTail`, and the local emulator does not offer it: polling works everywhere).
 *
 * - Quick while lines arrive (`minIntervalMs`), twice as slow after each quiet read, up to `maxIntervalMs`.
 * - Throttled or unreachable: waits at least twice as long, up to twice the ceiling.
 * - Each read starts `lookbackMs` before the previous read's time (CloudWatch Logs ingests events a
 *   moment after their timestamp, and a read only sees ingested events) and drops the events already
 *   delivered, by eventId.
 * - Paused while the panel is hidden; reads at once when shown again.
 * - The timer and the account's clock are injected, so all of this is tested without waiting.
 */
import { problemKind } from './logErrors';
import { type LogGroupSource } from './logGroups';
import { type LogLine, type LogsApi, readWindow, type WindowRead } from './logReader';

export interface FollowerTimer {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimer: FollowerTimer = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface FollowerOptions {
  api: LogsApi;
  /** The groups to read, asked before each read (an endpoint's components come and go). */
  groups: () => readonly LogGroupSource[];
  /** The account's clock in ms (the emulator's virtual clock on the emulator). */
  now: () => number;
  timer?: FollowerTimer;
  /** The end of the window the view loaded (the first read starts a lookback before it). */
  since: number;
  filterPattern?: string;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** On the account's clock. */
  lookbackMs?: number;
  /** The most lines one read delivers. */
  maxLinesPerRead?: number;
  /** New lines (never one delivered before), in time order, with what each group answered. */
  deliver: (lines: LogLine[], read: WindowRead) => void;
  /** Called after each read with the wait before the next one (for the view's status). */
  scheduled?: (waitMs: number, reason: 'lines' | 'quiet' | 'backoff') => void;
}

export const defaultMinIntervalMs = 2_000;
export const defaultMaxIntervalMs = 30_000;
export const defaultLookbackMs = 30_000;

export class LogFollower {
  private readonly timer: FollowerTimer;
  private readonly minIntervalMs: number;
  private readonly maxIntervalMs: number;
  private readonly lookbackMs: number;
  private interval: number;
  private handle: unknown;
  private visible = true;
  private running = false;
  private stopped = false;
  private reading = false;
  private since: number;
  /** eventId → timestamp of what was delivered within the lookback. */
  private readonly seen = new Map<string, number>();
  /** Reads made, and FilterLogEvents calls (for the benchmark and the status line). */
  reads = 0;
  calls = 0;

  constructor(private readonly options: FollowerOptions) {
    this.timer = options.timer ?? realTimer;
    this.minIntervalMs = options.minIntervalMs ?? defaultMinIntervalMs;
    this.maxIntervalMs = Math.max(this.minIntervalMs, options.maxIntervalMs ?? defaultMaxIntervalMs);
    this.lookbackMs = options.lookbackMs ?? defaultLookbackMs;
    this.interval = this.minIntervalMs;
    // The first read reaches back a lookback before the loaded window's end: lines not yet ingested then.
    this.since = Math.max(0, options.since - this.lookbackMs);
  }

  /** Lines already shown (the loaded window): not delivered again. */
  markSeen(lines: readonly LogLine[]): void {
    for (const line of lines) this.seen.set(line.eventId, line.timestamp);
  }

  /** Starts following: a read at once, then by the backoff. */
  start(): void {
    this.running = true;
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.running = false;
    this.cancel();
  }

  get following(): boolean {
    return this.running && !this.stopped;
  }

  /** The wait the follower is at now (ms). */
  get currentIntervalMs(): number {
    return this.interval;
  }

  /** Hidden: no reads; shown again: a read at once (what arrived meanwhile), quick again. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) {
      this.cancel();
      return;
    }
    if (this.following) {
      this.interval = this.minIntervalMs;
      this.schedule(0);
    }
  }

  private cancel(): void {
    if (this.handle !== undefined) this.timer.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private schedule(ms: number): void {
    this.cancel();
    if (!this.following || !this.visible) return;
    this.handle = this.timer.setTimeout(() => {
      this.handle = undefined;
      void this.read();
    }, ms);
  }

  /** One read now (also what the timer runs). Never two at once. */
  async read(): Promise<void> {
    if (this.reading || this.stopped) return;
    this.reading = true;
    const now = this.options.now();
    const start = this.since;
    let reason: 'lines' | 'quiet' | 'backoff' = 'quiet';
    try {
      const read = await readWindow(this.options.api, this.options.groups(), {
        start,
        filterPattern: this.options.filterPattern,
        maxLines: this.options.maxLinesPerRead ?? 1000,
      });
      this.reads += 1;
      this.calls += read.calls;
      const fresh = read.lines.filter((line) => !this.seen.has(line.eventId));
      for (const line of fresh) this.seen.set(line.eventId, line.timestamp);
      // The next read starts a lookback before this one's time; what is older is never read again.
      this.since = Math.max(start, now - this.lookbackMs);
      for (const [id, timestamp] of this.seen) if (timestamp < this.since) this.seen.delete(id);
      const failures = read.groups.filter((group) => group.state === 'failed').map((group) => problemKind(group.error));
      if (failures.some((kind) => kind === 'throttled' || kind === 'network')) {
        reason = 'backoff';
        this.interval = Math.min(this.maxIntervalMs * 2, Math.max(this.interval * 2, this.minIntervalMs * 2));
      } else if (fresh.length > 0) {
        reason = 'lines';
        this.interval = this.minIntervalMs;
      } else {
        this.interval = Math.min(this.maxIntervalMs, this.interval * 2);
      }
      if (!this.stopped) this.options.deliver(fresh, read);
    } catch {
      reason = 'backoff';
      this.interval = Math.min(this.maxIntervalMs * 2, Math.max(this.interval * 2, this.minIntervalMs * 2));
    } finally {
      this.reading = false;
    }
    if (this.stopped) return;
    this.options.scheduled?.(this.interval, reason);
    this.schedule(this.interval);
  }

  dispose(): void {
    this.stop();
  }
}

/** A timer a test runs by hand (the logs follower's reads), so following is tested without waiting. */

/** A timer the test runs by hand: `fire()` runs the pending callback. */
export class ManualTimer {
  pending: { callback: () => void; ms: number } | undefined;
  readonly waits: number[] = [];

  setTimeout = (callback: () => void, ms: number): unknown => {
    this.pending = { callback, ms };
    this.waits.push(ms);
    return this.pending;
  };

  /** The wait of the read scheduled now, if one is. */
  pendingMs(): number | undefined {
    return this.pending?.ms;
  }

  clearTimeout = (handle: unknown): void => {
    if (this.pending === handle) this.pending = undefined;
  };

  /** Runs the pending read and waits for it to finish (it schedules the next one when done; real HTTP takes a while). */
  async fire(): Promise<void> {
    const pending = this.pending;
    if (!pending) throw new Error('No read is scheduled.');
    this.pending = undefined;
    pending.callback();
    const deadline = Date.now() + 10_000;
    while (this.pending === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

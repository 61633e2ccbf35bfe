/**
 * When the explorer refreshes on its own: only while the view is visible, every few seconds while
 * something is in transition, at the configured interval otherwise, never two refreshes at once.
 */
export interface RefreshSchedulerOptions {
  refresh: () => Promise<unknown>;
  inTransition: () => boolean;
  /** Seconds between refreshes when nothing changes. */
  stableIntervalSeconds: () => number;
  transitionIntervalSeconds?: number;
  onError?: (error: unknown) => void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class RefreshScheduler {
  private visible = false;
  private timer: unknown;
  private disposed = false;

  constructor(private readonly options: RefreshSchedulerOptions) {}

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    if (visible) this.schedule();
    else this.cancel();
  }

  /** Restarts the wait, e.g. after a manual refresh or an action that started a transition. */
  reschedule(): void {
    this.cancel();
    this.schedule();
  }

  nextDelayMs(): number {
    const seconds = this.options.inTransition() ? (this.options.transitionIntervalSeconds ?? 3) : this.options.stableIntervalSeconds();
    return Math.max(1, seconds) * 1000;
  }

  private schedule(): void {
    if (!this.visible || this.disposed) return;
    const set = this.options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.timer = set(() => {
      this.timer = undefined;
      this.options
        .refresh()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => this.schedule());
    }, this.nextDelayMs());
  }

  private cancel(): void {
    if (this.timer === undefined) return;
    const clear = this.options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    clear(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }
}

import { mergeTouched, type TouchedResources } from '../../resources/touchedResources';

export interface ChangeRefreshOptions {
  /** Re-reads the rows a burst of changes touched (the Inventory's `refreshAfterChange`). */
  refresh(touched: TouchedResources): Promise<unknown>;
  /** Quiet time after the last change before the refresh starts (default 200 ms). */
  debounceMs?: number;
  /** However long a burst goes on, its first change is refreshed within this (default 1 s). */
  maxDelayMs?: number;
  onError?(error: unknown): void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Real time in ms (tests). */
  now?: () => number;
}

/**
 * Turns the extension's own changes (each call of a plan, each step of a rollback) into refreshes of
 * the rows they touched, right away rather than at the next poll, and coalesced: the calls of a burst
 * (a plan's alarm, policy and target, made within milliseconds) cost one refresh naming them all.
 */
export class ChangeRefresh {
  private pending: TouchedResources | undefined;
  private firstChangeAt = 0;
  private timer: unknown;
  private disposed = false;
  private readonly debounceMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ChangeRefreshOptions) {
    this.debounceMs = options.debounceMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 1_000;
    this.now = options.now ?? (() => Date.now());
  }

  /** These rows just changed: refreshed once the burst is quiet for `debounceMs`, at most `maxDelayMs` after its first change. */
  touch(touched: TouchedResources): void {
    if (this.disposed) return;
    if (!this.pending) this.firstChangeAt = this.now();
    this.pending = this.pending ? mergeTouched(this.pending, touched) : mergeTouched(touched);
    const left = this.maxDelayMs - (this.now() - this.firstChangeAt);
    this.cancel();
    const set = this.options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.timer = set(() => this.flush(), Math.max(0, Math.min(this.debounceMs, left)));
  }

  private flush(): void {
    this.timer = undefined;
    const touched = this.pending;
    this.pending = undefined;
    if (!touched || this.disposed) return;
    this.options.refresh(touched).catch((error: unknown) => this.options.onError?.(error));
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
    this.pending = undefined;
  }
}

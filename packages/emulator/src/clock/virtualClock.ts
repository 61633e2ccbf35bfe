/**
 * The emulator's clock. Simulated time runs `timeScale` times faster than real time (0 = frozen) and
 * can also be advanced in jumps. All times are epoch milliseconds of simulated time.
 */
export class VirtualClock {
  private anchorVirtualMs: number;
  private anchorRealMs: number;
  private scale: number;

  constructor(
    startMs: number,
    timeScale: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorVirtualMs = startMs;
    this.anchorRealMs = realNow();
    this.scale = checkTimeScale(timeScale);
  }

  /** Current simulated time, epoch milliseconds. */
  now(): number {
    return this.anchorVirtualMs + (this.realNow() - this.anchorRealMs) * this.scale;
  }

  get timeScale(): number {
    return this.scale;
  }

  setTimeScale(timeScale: number): void {
    const scale = checkTimeScale(timeScale);
    this.reanchor(this.now());
    this.scale = scale;
  }

  /** Moves simulated time to `virtualMs` (never backwards). */
  setNow(virtualMs: number): void {
    this.reanchor(Math.max(virtualMs, this.now()));
  }

  /** Real milliseconds until simulated time reaches `virtualMs`; Infinity when the clock is frozen. */
  realDelayUntil(virtualMs: number): number {
    if (this.scale === 0) return Infinity;
    return Math.max(0, (virtualMs - this.now()) / this.scale);
  }

  private reanchor(virtualMs: number): void {
    this.anchorVirtualMs = virtualMs;
    this.anchorRealMs = this.realNow();
  }
}

export function checkTimeScale(value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1_000_000) {
    throw new RangeError('timeScale must be a number between 0 and 1000000');
  }
  return value;
}

/**
 * Every AWS call of one region's scan goes through here: at most `callConcurrency` in flight, none
 * started once the scan is cancelled (those in flight are aborted), and each one counted by operation.
 */
import { ConcurrencyLimiter } from '../../aws/concurrencyLimiter';

/** Thrown for a call the scan did not start because it was cancelled. */
export class ScanCancelled extends Error {
  constructor() {
    super('The scan was cancelled.');
    this.name = 'ScanCancelled';
  }
}

export class RegionCalls {
  private readonly limiter: ConcurrencyLimiter;
  /** Calls made, by operation (each page of a list is one call). */
  readonly byOperation = new Map<string, number>();

  constructor(
    callConcurrency: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.limiter = new ConcurrencyLimiter(callConcurrency);
  }

  get total(): number {
    let total = 0;
    for (const count of this.byOperation.values()) total += count;
    return total;
  }

  /**
   * Makes one call (`operation`, e.g. "DescribeEndpoint") once a slot is free, unless the scan was
   * cancelled meanwhile; `send` gets the options that abort it with the scan.
   */
  call<Output>(operation: string, send: (options: { abortSignal?: AbortSignal }) => Promise<Output>): Promise<Output> {
    if (this.signal?.aborted) return Promise.reject(new ScanCancelled());
    return this.limiter.run(() => {
      if (this.signal?.aborted) throw new ScanCancelled();
      this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
      return send(this.signal ? { abortSignal: this.signal } : {});
    });
  }
}

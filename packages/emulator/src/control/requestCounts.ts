/**
 * Requests the emulator received, by operation, and how many of them it answered with an injected
 * throttling error (GET /__emulator/requests). Benchmarks count an extension's API calls here,
 * retries included, as an account's API limits would.
 */
export class RequestCounts {
  private received = new Map<string, number>();
  private throttled = new Map<string, number>();

  count(operation: string): void {
    this.received.set(operation, (this.received.get(operation) ?? 0) + 1);
  }

  countThrottled(operation: string): void {
    this.throttled.set(operation, (this.throttled.get(operation) ?? 0) + 1);
  }

  snapshot(): { requests: Record<string, number>; throttled: Record<string, number>; total: number; totalThrottled: number } {
    const sum = (map: Map<string, number>) => [...map.values()].reduce((total, value) => total + value, 0);
    return {
      requests: Object.fromEntries(this.received),
      throttled: Object.fromEntries(this.throttled),
      total: sum(this.received),
      totalThrottled: sum(this.throttled),
    };
  }

  clear(): void {
    this.received = new Map();
    this.throttled = new Map();
  }
}

/**
 * The runtime's metrics hook. The runtime reports every invocation outcome here; part 2 turns these
 * into CloudWatch metrics (NoCapacityInvocationFailures, Invocations, ConcurrentRequestsPerCopy, ...).
 */
export interface InvocationTarget {
  endpointName: string;
  inferenceComponentName?: string;
  copyId?: string;
}

export interface InvocationMetricsSink {
  /** A request was refused because the inference component had no copy. */
  noCapacity(target: InvocationTarget, at: number): void;
  /** A copy started serving a request; `inFlight` counts the copy's requests including this one. */
  started(target: InvocationTarget, at: number, inFlight: number): void;
  /** A request ended; `inFlight` is what remains on the copy. */
  finished(target: InvocationTarget, at: number, inFlight: number, outcome: 'success' | 'modelError', latencyMs: number): void;
}

export interface ComponentCounters {
  noCapacityFailures: number;
  invocations: number;
  modelErrors: number;
  maxConcurrentPerCopy: number;
}

/** Counts per inference component (or endpoint, for model endpoints); shown by /__emulator/state. */
export class InvocationCounters implements InvocationMetricsSink {
  private readonly counters = new Map<string, ComponentCounters>();

  noCapacity(target: InvocationTarget): void {
    this.of(target).noCapacityFailures++;
  }

  started(target: InvocationTarget, _at: number, inFlight: number): void {
    const counters = this.of(target);
    counters.invocations++;
    counters.maxConcurrentPerCopy = Math.max(counters.maxConcurrentPerCopy, inFlight);
  }

  finished(target: InvocationTarget, _at: number, _inFlight: number, outcome: 'success' | 'modelError'): void {
    if (outcome === 'modelError') this.of(target).modelErrors++;
  }

  snapshot(): Record<string, ComponentCounters> {
    return Object.fromEntries([...this.counters].map(([key, value]) => [key, { ...value }]));
  }

  clear(): void {
    this.counters.clear();
  }

  private of(target: InvocationTarget): ComponentCounters {
    const key = target.inferenceComponentName ?? `endpoint/${target.endpointName}`;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = { noCapacityFailures: 0, invocations: 0, modelErrors: 0, maxConcurrentPerCopy: 0 };
      this.counters.set(key, counters);
    }
    return counters;
  }
}

/** Fans one report out to every registered sink. */
export class MetricsHub implements InvocationMetricsSink {
  private readonly sinks: InvocationMetricsSink[] = [];

  add(sink: InvocationMetricsSink): void {
    this.sinks.push(sink);
  }

  noCapacity(target: InvocationTarget, at: number): void {
    for (const sink of this.sinks) sink.noCapacity(target, at);
  }

  started(target: InvocationTarget, at: number, inFlight: number): void {
    for (const sink of this.sinks) sink.started(target, at, inFlight);
  }

  finished(target: InvocationTarget, at: number, inFlight: number, outcome: 'success' | 'modelError', latencyMs: number): void {
    for (const sink of this.sinks) sink.finished(target, at, inFlight, outcome, latencyMs);
  }
}

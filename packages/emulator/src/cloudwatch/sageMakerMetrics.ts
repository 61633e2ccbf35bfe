import { type InvocationMetricsSink, type InvocationTarget } from '../runtime/invocationMetrics';
import { type SageMakerStore } from '../sagemaker/store';
import { type MetricStore } from './metricStore';
import { type AlarmRecord } from './alarmRecords';
import { invocationMetricSeconds } from './publishFrequency';

export const sageMakerNamespace = 'AWS/SageMaker';
/** Copy and instance counts for the extension's charts (not a namespace SageMaker publishes). */
export const emulatorNamespace = 'Emulator/SageMaker';

/**
 * What SageMaker publishes to CloudWatch for inference components, on the virtual clock:
 * per request `Invocations`, `InvocationsPerCopy`, `ModelLatency` (µs), `NoCapacityInvocationFailures`
 * and `Invocation4XXErrors`; every 10 seconds `ConcurrentRequestsPerCopy` (high resolution: the peak
 * of requests in flight per copy in the interval), zero-valued `Invocations`/`InvocationsPerCopy`
 * while copies run (so idle periods are data, not gaps), and the copy and instance counts.
 */
export class SageMakerMetricsPublisher implements InvocationMetricsSink {
  /** Peak requests in flight per copy in the current 10-second interval, by inference component. */
  private readonly peaks = new Map<string, number>();
  /** Per-request datapoints held until the end of their publishing interval (endpoints with MetricsConfig). */
  private pending: { ic: string; metricName: string; at: number; value: number; unit: string; publishAt: number }[] = [];

  constructor(
    private readonly store: SageMakerStore,
    private readonly metrics: MetricStore,
  ) {}

  noCapacity(target: InvocationTarget, at: number): void {
    const ic = target.inferenceComponentName;
    if (!ic) return;
    this.put(ic, 'NoCapacityInvocationFailures', at, 1, 'Count');
    this.put(ic, 'Invocation4XXErrors', at, 1, 'Count');
  }

  started(target: InvocationTarget, at: number): void {
    const ic = target.inferenceComponentName;
    if (!ic) return;
    const copies = this.runningCopies(ic);
    this.put(ic, 'Invocations', at, 1, 'Count');
    this.put(ic, 'InvocationsPerCopy', at, copies > 0 ? 1 / copies : 1, 'Count');
    this.peaks.set(ic, Math.max(this.peaks.get(ic) ?? 0, this.perCopyInFlight(ic)));
  }

  finished(target: InvocationTarget, at: number, _inFlight: number, outcome: 'success' | 'modelError', latencyMs: number): void {
    const ic = target.inferenceComponentName;
    if (!ic) return;
    if (outcome === 'success') this.put(ic, 'ModelLatency', at, Math.round(latencyMs * 1000), 'Microseconds');
    else this.put(ic, 'Invocation4XXErrors', at, 1, 'Count');
  }

  /**
   * How often the component's endpoint publishes invocation metrics (seconds), when its config has a
   * MetricsConfig; undefined otherwise (the emulator's fixed publish delay applies, see docs/emulator.md).
   */
  invocationInterval(icName: string): number | undefined {
    const ic = this.store.inferenceComponent(icName);
    const endpoint = ic ? this.store.state.endpoints.find((candidate) => candidate.id === ic.endpointId) : undefined;
    return endpoint?.metricsConfig ? invocationMetricSeconds(endpoint.metricsConfig) : undefined;
  }

  /** For an alarm on a component's SageMaker metric: the publishing interval of its endpoint, if it has a MetricsConfig. */
  publishIntervalFor(alarm: AlarmRecord): number | undefined {
    if (alarm.metrics || alarm.namespace !== sageMakerNamespace) return undefined;
    const ic = alarm.dimensions.find((dimension) => dimension.name === 'InferenceComponentName')?.value;
    return ic ? this.invocationInterval(ic) : undefined;
  }

  /** The 10-second publication at `at`, describing the interval that just ended. */
  publish(at: number): void {
    this.flush(at);
    const start = at - 10_000;
    for (const ic of this.store.state.inferenceComponents) {
      const running = ic.copies.filter((copy) => copy.state === 'running').length;
      this.metrics.put(dims(emulatorNamespace, 'DesiredCopyCount', ic.name), start, ic.desiredCopyCount, 'Count');
      this.metrics.put(dims(emulatorNamespace, 'CurrentCopyCount', ic.name), start, running, 'Count');
      if (running > 0) {
        // The record at hand, not a lookup by name (which would make each publication quadratic).
        const peak = Math.max(this.peaks.get(ic.name) ?? 0, inFlightPerCopy(ic.copies));
        this.put(ic.name, 'ConcurrentRequestsPerCopy', start, peak, 'Count');
        this.put(ic.name, 'Invocations', start, 0, 'Count');
        this.put(ic.name, 'InvocationsPerCopy', start, 0, 'Count');
      }
    }
    this.peaks.clear();
    for (const endpoint of this.store.state.endpoints) {
      for (const variant of endpoint.variants) {
        const id = {
          namespace: emulatorNamespace,
          metricName: 'CurrentInstanceCount',
          dimensions: [
            { name: 'EndpointName', value: endpoint.name },
            { name: 'VariantName', value: variant.spec.variantName },
          ],
        };
        this.metrics.put(id, start, variant.instances.filter((instance) => instance.state === 'running').length, 'Count');
      }
    }
  }

  /** A per-request datapoint: stored now, or at the end of its publishing interval when the endpoint sets one. */
  private put(ic: string, metricName: string, at: number, value: number, unit: string): void {
    const interval = this.invocationInterval(ic);
    if (interval === undefined) {
      this.metrics.put(dims(sageMakerNamespace, metricName, ic), at, value, unit);
      return;
    }
    const intervalMs = interval * 1000;
    this.pending.push({ ic, metricName, at, value, unit, publishAt: Math.floor(at / intervalMs) * intervalMs + intervalMs });
  }

  /** Publishes the held datapoints whose interval has ended by `at`, with the time of their request. */
  private flush(at: number): void {
    if (this.pending.length === 0) return;
    const due = this.pending.filter((point) => point.publishAt <= at);
    this.pending = this.pending.filter((point) => point.publishAt > at);
    for (const point of due) this.metrics.put(dims(sageMakerNamespace, point.metricName, point.ic), point.at, point.value, point.unit);
  }

  private runningCopies(name: string): number {
    const ic = this.store.inferenceComponent(name);
    return ic ? ic.copies.filter((copy) => copy.state === 'running').length : 0;
  }

  private perCopyInFlight(name: string): number {
    const ic = this.store.inferenceComponent(name);
    return ic ? inFlightPerCopy(ic.copies) : 0;
  }
}

function inFlightPerCopy(copies: readonly { state: string; inFlight: number }[]): number {
  const running = copies.filter((copy) => copy.state === 'running');
  if (running.length === 0) return 0;
  return running.reduce((sum, copy) => sum + copy.inFlight, 0) / running.length;
}

function dims(namespace: string, metricName: string, ic: string) {
  return { namespace, metricName, dimensions: [{ name: 'InferenceComponentName', value: ic }] };
}

import { type InvocationMetricsSink, type InvocationTarget } from '../runtime/invocationMetrics';
import { type SageMakerStore } from '../sagemaker/store';
import { type MetricStore } from './metricStore';

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

  /** The 10-second publication at `at`, describing the interval that just ended. */
  publish(at: number): void {
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

  private put(ic: string, metricName: string, at: number, value: number, unit: string): void {
    this.metrics.put(dims(sageMakerNamespace, metricName, ic), at, value, unit);
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

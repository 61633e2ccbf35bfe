import { type EndpointSummary, type InferenceComponentSummary } from '../../aws/accountReader';
import { deriveLifecycle, type Lifecycle } from '../../lifecycle/lifecycle';
import { deriveAdapterLifecycle } from '../../lifecycle/adapterLifecycle';
import { checkEndpoint, findWakeAlarm, sleepAndWakeTimings, type EndpointReadiness } from '../../readiness/readiness';
import { type EndpointSnapshot, type InferenceComponentScaling, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { type PriceOverrides } from '../../cost/pricing';
import { holdsInstances, sleepBilling } from '../../cost/sleepBilling';

export interface EndpointEntry {
  summary: EndpointSummary;
  snapshot?: EndpointSnapshot;
  error?: string;
}

export interface ComponentEntry {
  summary: InferenceComponentSummary;
  snapshot?: InferenceComponentSnapshot;
  scaling?: InferenceComponentScaling;
  lifecycle?: Lifecycle;
  error?: string;
}

export const stableEndpointStatuses: ReadonlySet<string> = new Set(['InService', 'Failed', 'OutOfService', 'UpdateRollbackFailed']);
export const stableComponentStatuses: ReadonlySet<string> = new Set(['InService', 'Failed']);

/** What a describe call gave for one row: its snapshot, or the error it failed with. */
export type DescribeOutcome<S> = { snapshot: S } | { error: string; gone: boolean };

/**
 * The rows an Inventory holds: endpoints and inference components by name (in list order), what each
 * describe gave, and each component's lifecycle derived from it. The maps are replaced on every
 * refresh; a describe that returns after that writes into the new entry, or nowhere if it is gone.
 */
export class InventoryEntries {
  endpoints = new Map<string, EndpointEntry>();
  components = new Map<string, ComponentEntry>();
  private readonly rejections = new Map<string, Date>();

  constructor(private readonly now: () => Date) {}

  replace(endpoints: Map<string, EndpointEntry>, components: Map<string, ComponentEntry>): void {
    this.endpoints = endpoints;
    this.components = components;
  }

  componentsOf(endpointName: string): ComponentEntry[] {
    return [...this.components.values()].filter((entry) => entry.summary.endpointName === endpointName);
  }

  /** Writes a describe's outcome into the row; true when the row changed. A row `gone` is removed. */
  record<S>(kind: 'endpoint' | 'component', name: string, outcome: DescribeOutcome<S>): boolean {
    const entries: Map<string, { snapshot?: S; error?: string }> = kind === 'endpoint' ? (this.endpoints as never) : (this.components as never);
    const entry = entries.get(name);
    if (!entry) return false;
    if ('snapshot' in outcome) {
      const changed = JSON.stringify(outcome.snapshot) !== JSON.stringify(entry.snapshot) || entry.error !== undefined;
      entry.snapshot = outcome.snapshot;
      entry.error = undefined;
      return changed;
    }
    if (outcome.gone) entries.delete(name);
    else entry.error = outcome.error;
    return true;
  }

  /** Stores scaling reads; the endpoints whose rows changed are added to `changedEndpoints`. */
  applyScaling(byComponent: Map<string, InferenceComponentScaling>, changedEndpoints: Set<string>): void {
    for (const [name, read] of byComponent) {
      const entry = this.components.get(name);
      if (!entry) continue;
      if (JSON.stringify(read) !== JSON.stringify(entry.scaling)) changedEndpoints.add(entry.summary.endpointName);
      entry.scaling = read;
    }
  }

  /** The playground saw a request refused for lack of capacity: the component shows "Waking · request rejected". */
  recordRejection(componentName: string, at: Date): ComponentEntry | undefined {
    this.rejections.set(componentName, at);
    const entry = this.components.get(componentName);
    const baseName = entry?.snapshot?.baseComponentName;
    const base = baseName !== undefined ? this.components.get(baseName) : undefined;
    if (base) this.updateLifecycle(base);
    if (entry) this.updateLifecycle(entry);
    return entry;
  }

  /** Derives every component's lifecycle again; the endpoints whose labels changed are added to `changedEndpoints`. */
  updateLifecycles(changedEndpoints: Set<string>, endpointName?: string): void {
    for (const entry of endpointName === undefined ? this.components.values() : this.componentsOf(endpointName)) {
      const before = entry.lifecycle?.label;
      this.updateLifecycle(entry);
      if (entry.lifecycle?.label !== before) changedEndpoints.add(entry.summary.endpointName);
    }
  }

  private updateLifecycle(entry: ComponentEntry): void {
    if (!entry.snapshot) return;
    const baseName = entry.snapshot.baseComponentName;
    if (baseName !== undefined) {
      // An adapter's state is its base's, derived here from the base's own resources.
      const base = this.components.get(baseName);
      entry.lifecycle = deriveAdapterLifecycle(entry.snapshot, base?.snapshot ? this.componentLifecycle(base) : undefined);
      return;
    }
    entry.lifecycle = this.componentLifecycle(entry);
  }

  /** A component's lifecycle from its snapshot, endpoint, scaling and the playground's refusals. */
  private componentLifecycle(entry: ComponentEntry): Lifecycle | undefined {
    if (!entry.snapshot) return undefined;
    const endpoint = this.endpoints.get(entry.summary.endpointName)?.snapshot;
    return deriveLifecycle({
      ic: entry.snapshot,
      endpoint,
      wakeAlarm: entry.scaling ? findWakeAlarm(entry.snapshot.name, entry.scaling) : undefined,
      activities: entry.scaling?.activities,
      lastRejectedAt: this.lastRejection(entry.snapshot.name),
      now: this.now(),
    });
  }

  /** The last refusal of a component or of one of its adapters (a request to an adapter wakes its base). */
  private lastRejection(componentName: string): Date | undefined {
    let last = this.rejections.get(componentName);
    for (const [name, at] of this.rejections) {
      if (this.components.get(name)?.snapshot?.baseComponentName !== componentName) continue;
      if (!last || at > last) last = at;
    }
    return last;
  }

  anyInTransition(): boolean {
    for (const entry of this.components.values()) if (entry.lifecycle?.inTransition) return true;
    for (const entry of this.endpoints.values()) if (!stableEndpointStatuses.has(entry.summary.status)) return true;
    return false;
  }

  readiness(endpointName: string, overrides: PriceOverrides = {}): EndpointReadiness | undefined {
    const endpoint = this.endpoints.get(endpointName)?.snapshot;
    if (!endpoint) return undefined;
    const components = this.componentsOf(endpointName).filter((entry) => entry.snapshot && entry.scaling);
    // The components that keep the instances while another sleeps: copies now, and no sleep schedule of their own.
    const holders = components.filter((entry) => holdsInstances(entry.snapshot) && sleepAndWakeTimings({ ic: entry.snapshot!, scaling: entry.scaling! }).sleeps.length === 0).map((entry) => entry.snapshot!.name);
    return checkEndpoint(
      endpoint,
      components.map((entry) => ({
        ic: entry.snapshot!,
        scaling: entry.scaling!,
        sleepBilling: sleepBilling({ endpoint, othersWithCopies: holders.filter((name) => name !== entry.snapshot!.name) }, overrides),
      })),
      { now: this.now() },
    );
  }
}

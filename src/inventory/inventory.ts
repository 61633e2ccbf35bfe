import { type AccountReader, type EndpointSummary, type InferenceComponentSummary } from '../aws/accountReader';
import { describeError } from '../core/logger';
import { deriveLifecycle, type Lifecycle } from '../domain/lifecycle';
import { checkEndpoint, findWakeAlarm, type EndpointReadiness } from '../domain/readiness';
import { type EndpointSnapshot, type InferenceComponentScaling, type InferenceComponentSnapshot } from '../domain/resources';

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

export interface RefreshResult {
  /** Endpoints whose rows (or their components' rows) changed. */
  changedEndpoints: Set<string>;
  listChanged: boolean;
  problems: string[];
}

const stableEndpointStatuses = new Set(['InService', 'Failed', 'OutOfService', 'UpdateRollbackFailed']);
const stableComponentStatuses = new Set(['InService', 'Failed']);

const stamp = (date?: Date) => date?.getTime() ?? 0;

/**
 * The explorer's live picture of an account: what the tree shows. It decides what to read on each
 * refresh: the lists every time (cheap, paginated), then describes only what is new, changed, or in
 * transition, so a quiet account costs a few calls per refresh however big it is.
 */
export class Inventory {
  private endpointEntries = new Map<string, EndpointEntry>();
  private componentEntries = new Map<string, ComponentEntry>();
  private readonly rejections = new Map<string, Date>();
  private readonly listeners = new Set<(result: RefreshResult) => void>();
  private refreshing: Promise<RefreshResult> | undefined;
  private loaded = false;

  constructor(
    readonly reader: AccountReader,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get isLoaded(): boolean {
    return this.loaded;
  }

  endpoints(): EndpointEntry[] {
    return [...this.endpointEntries.values()];
  }

  endpoint(name: string): EndpointEntry | undefined {
    return this.endpointEntries.get(name);
  }

  component(name: string): ComponentEntry | undefined {
    return this.componentEntries.get(name);
  }

  componentsOf(endpointName: string): ComponentEntry[] {
    return [...this.componentEntries.values()].filter((entry) => entry.summary.endpointName === endpointName);
  }

  onDidRefresh(listener: (result: RefreshResult) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The playground reports a refused request: the IC shows "Waking · request rejected". */
  recordRejection(componentName: string, at: Date = this.now()): void {
    this.rejections.set(componentName, at);
    const entry = this.componentEntries.get(componentName);
    if (entry) {
      this.updateLifecycle(entry);
      this.emit({ changedEndpoints: new Set([entry.summary.endpointName]), listChanged: false, problems: [] });
    }
  }

  anyInTransition(): boolean {
    for (const entry of this.componentEntries.values()) if (entry.lifecycle?.inTransition) return true;
    for (const entry of this.endpointEntries.values()) if (!stableEndpointStatuses.has(entry.summary.status)) return true;
    return false;
  }

  readiness(endpointName: string): EndpointReadiness | undefined {
    const endpoint = this.endpointEntries.get(endpointName)?.snapshot;
    if (!endpoint) return undefined;
    const components = this.componentsOf(endpointName).filter((entry) => entry.snapshot && entry.scaling);
    return checkEndpoint(
      endpoint,
      components.map((entry) => ({ ic: entry.snapshot!, scaling: entry.scaling! })),
    );
  }

  /** One refresh at a time: a call during a refresh waits for it instead of starting another. */
  refresh(options: { full?: boolean } = {}): Promise<RefreshResult> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh(Boolean(options.full) || !this.loaded).finally(() => (this.refreshing = undefined));
    }
    return this.refreshing;
  }

  private async doRefresh(full: boolean): Promise<RefreshResult> {
    const result: RefreshResult = { changedEndpoints: new Set(), listChanged: false, problems: [] };
    const [endpointSummaries, componentSummaries] = await Promise.all([
      this.reader.listEndpoints(),
      this.reader.listInferenceComponents(),
    ]);

    const nextEndpoints = new Map<string, EndpointEntry>();
    const toDescribe: string[] = [];
    for (const summary of endpointSummaries) {
      const previous = this.endpointEntries.get(summary.name);
      if (!previous) result.listChanged = true;
      const changed =
        !previous ||
        previous.summary.status !== summary.status ||
        stamp(previous.summary.lastModifiedTime) !== stamp(summary.lastModifiedTime);
      const entry: EndpointEntry = { ...previous, summary };
      nextEndpoints.set(summary.name, entry);
      const componentsMoving = [...this.componentEntries.values()].some(
        (component) => component.summary.endpointName === summary.name && component.lifecycle?.inTransition,
      );
      if (full || changed || !entry.snapshot || !stableEndpointStatuses.has(summary.status) || componentsMoving) {
        toDescribe.push(summary.name);
      }
      if (changed) result.changedEndpoints.add(summary.name);
    }
    if (nextEndpoints.size !== this.endpointEntries.size) result.listChanged = true;

    const nextComponents = new Map<string, ComponentEntry>();
    const componentsToDescribe: string[] = [];
    for (const summary of componentSummaries) {
      const previous = this.componentEntries.get(summary.name);
      const changed =
        !previous ||
        previous.summary.status !== summary.status ||
        stamp(previous.summary.lastModifiedTime) !== stamp(summary.lastModifiedTime);
      const entry: ComponentEntry = { ...previous, summary };
      nextComponents.set(summary.name, entry);
      const watch = entry.lifecycle?.inTransition || entry.lifecycle?.state === 'cold' || entry.lifecycle?.state === 'draining';
      if (full || changed || !entry.snapshot || !stableComponentStatuses.has(summary.status) || watch) {
        componentsToDescribe.push(summary.name);
      }
      if (changed) result.changedEndpoints.add(summary.endpointName);
    }
    for (const name of this.componentEntries.keys()) {
      if (!nextComponents.has(name)) result.changedEndpoints.add(this.componentEntries.get(name)!.summary.endpointName);
    }

    this.endpointEntries = nextEndpoints;
    this.componentEntries = nextComponents;

    await Promise.all([
      ...toDescribe.map(async (name) => {
        const entry = nextEndpoints.get(name)!;
        try {
          const snapshot = await this.reader.describeEndpoint(name);
          if (JSON.stringify(snapshot) !== JSON.stringify(entry.snapshot)) result.changedEndpoints.add(name);
          entry.snapshot = snapshot;
          entry.error = undefined;
        } catch (error) {
          entry.error = describeError(error);
          result.changedEndpoints.add(name);
        }
      }),
      ...componentsToDescribe.map(async (name) => {
        const entry = nextComponents.get(name)!;
        try {
          const snapshot = await this.reader.describeInferenceComponent(name);
          if (JSON.stringify(snapshot) !== JSON.stringify(entry.snapshot)) result.changedEndpoints.add(entry.summary.endpointName);
          entry.snapshot = snapshot;
          entry.error = undefined;
        } catch (error) {
          entry.error = describeError(error);
          result.changedEndpoints.add(entry.summary.endpointName);
        }
      }),
    ]);

    const scaling = await this.reader.readScaling(componentsToDescribe);
    result.problems.push(...scaling.problems);
    for (const [name, read] of scaling.byComponent) {
      const entry = nextComponents.get(name);
      if (!entry) continue;
      if (JSON.stringify(read) !== JSON.stringify(entry.scaling)) result.changedEndpoints.add(entry.summary.endpointName);
      entry.scaling = read;
    }
    for (const entry of nextComponents.values()) {
      const before = entry.lifecycle?.label;
      this.updateLifecycle(entry);
      if (entry.lifecycle?.label !== before) result.changedEndpoints.add(entry.summary.endpointName);
    }
    this.loaded = true;
    this.emit(result);
    return result;
  }

  private updateLifecycle(entry: ComponentEntry): void {
    if (!entry.snapshot) return;
    const endpoint = this.endpointEntries.get(entry.summary.endpointName)?.snapshot;
    entry.lifecycle = deriveLifecycle({
      ic: entry.snapshot,
      endpoint,
      wakeAlarm: entry.scaling ? findWakeAlarm(entry.snapshot.name, entry.scaling) : undefined,
      activities: entry.scaling?.activities,
      lastRejectedAt: this.rejections.get(entry.snapshot.name),
      now: this.now(),
    });
  }

  private emit(result: RefreshResult): void {
    for (const listener of this.listeners) listener(result);
  }
}

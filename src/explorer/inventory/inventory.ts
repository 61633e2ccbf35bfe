import { type AccountReader, type EndpointSummary, type InferenceComponentSummary } from '../../aws/accountReader';
import { isNotFound } from '../../aws/awsErrorCodes';
import { describeError } from '../../logging/logger';
import { deriveLifecycle, type Lifecycle } from '../../lifecycle/lifecycle';
import { checkEndpoint, findWakeAlarm, type EndpointReadiness } from '../../readiness/readiness';
import { type EndpointSnapshot, type InferenceComponentScaling, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';

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

export interface InventoryOptions {
  now?: () => Date;
  /**
   * Accounts with at most this many endpoints and inference components together are read whole:
   * every resource described on the first and on every full refresh (default 60). Bigger accounts are
   * read lazily: the lists, then only the rows the tree asks for (`requestEndpoints`,
   * `requestComponentsOf`) and what is in transition.
   */
  eagerLimit?: number;
  /** In a big account, quiet refreshes list only what changed since the last list; a whole re-list runs this often (default 5 min). */
  reconcileIntervalMs?: number;
  /** Row details read at once for the tree (default 4). */
  detailConcurrency?: number;
  /** Real time, for the reconcile interval (tests). */
  clock?: () => number;
}

/** Endpoint rows the tree shows before a "show more" row. */
export const endpointPageSize = 50;

const stableEndpointStatuses = new Set(['InService', 'Failed', 'OutOfService', 'UpdateRollbackFailed']);
const stableComponentStatuses = new Set(['InService', 'Failed']);
/** Incremental lists ask for changes since the last list minus this margin (clock skew between us and AWS). */
const listMarginMs = 2 * 60_000;

const stamp = (date?: Date) => date?.getTime() ?? 0;
const byName = <T extends { summary: { name: string } }>(a: T, b: T) => a.summary.name.localeCompare(b.summary.name);

type DetailTask = { kind: 'endpoint'; name: string } | { kind: 'components'; endpointName: string };

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  settled: boolean;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  promise.catch(() => undefined);
  const result: Deferred = {
    promise,
    settled: false,
    resolve: () => {
      result.settled = true;
      resolve();
    },
    reject: (error) => {
      result.settled = true;
      reject(error);
    },
  };
  return result;
}

/**
 * The explorer's live picture of an account: what the tree shows. It decides what to read on each
 * refresh.
 *
 * A small account (up to `eagerLimit` resources) is read whole: the lists every time, then describes
 * of what is new, changed, in transition or cold (so a wake-up shows).
 *
 * A big account is read lazily, so its first paint costs a few list calls and a quiet minute a few
 * more, however many resources it holds: the endpoint list paints first (before the components are
 * even listed); rows are described only when the tree asks for them (the visible page of endpoints,
 * the components of an expanded endpoint), highest priority first; afterwards, a resource is described
 * again only when the list shows it changed (status or LastModifiedTime) or while it is in transition;
 * and quiet refreshes list only what was modified since the last list (LastModifiedTimeAfter), with a
 * whole re-list every few minutes to reconcile.
 */
export class Inventory {
  private endpointEntries = new Map<string, EndpointEntry>();
  private componentEntries = new Map<string, ComponentEntry>();
  private readonly rejections = new Map<string, Date>();
  private readonly listeners = new Set<(result: RefreshResult) => void>();
  private refreshing: Promise<RefreshResult> | undefined;
  private loaded = false;
  private big = false;
  private painted: Deferred | undefined;
  private lastFullListAt = -Infinity;
  private listedSince: Date | undefined;
  private readonly watchedEndpoints = new Set<string>();
  private readonly watchedComponentsOf = new Set<string>();
  private readonly urgent: DetailTask[] = [];
  private readonly background: DetailTask[] = [];
  private readonly queued = new Set<string>();
  private activeTasks = 0;
  private idleWaiters: (() => void)[] = [];
  private pending: RefreshResult | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => Date;
  private readonly eagerLimit: number;
  private readonly reconcileIntervalMs: number;
  private readonly detailConcurrency: number;
  private readonly clock: () => number;

  constructor(
    readonly reader: AccountReader,
    options: (() => Date) | InventoryOptions = {},
  ) {
    const settings = typeof options === 'function' ? { now: options } : options;
    this.now = settings.now ?? (() => new Date());
    this.eagerLimit = settings.eagerLimit ?? 60;
    this.reconcileIntervalMs = settings.reconcileIntervalMs ?? 5 * 60_000;
    this.detailConcurrency = settings.detailConcurrency ?? 4;
    this.clock = settings.clock ?? (() => Date.now());
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** True once the account is known to be big: rows are then described on request only. */
  get isLazy(): boolean {
    return this.big;
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

  /**
   * Resolves as soon as the endpoint list can be painted: in a big account once the endpoints are
   * listed (the rest of the first refresh goes on), otherwise when the first refresh is done. Starts
   * the first refresh if needed; rejects when it fails.
   */
  listed(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.painted ??= deferred();
    const painted = this.painted;
    this.refresh().catch(() => undefined);
    return painted.promise;
  }

  /**
   * The tree shows these endpoint rows: describe them (in this order, behind any expanded endpoint)
   * and keep them current. In a small account everything is read anyway and this does nothing.
   */
  requestEndpoints(names: readonly string[]): void {
    for (const name of names) {
      if (this.watchedEndpoints.has(name)) continue;
      this.watchedEndpoints.add(name);
      if (this.big && this.endpointEntries.has(name) && !this.endpointEntries.get(name)!.snapshot) {
        this.enqueue({ kind: 'endpoint', name }, false);
      }
    }
  }

  /** The tree shows this endpoint's components (it was expanded): describe them first. */
  requestComponentsOf(endpointName: string): void {
    this.watchedEndpoints.add(endpointName);
    if (this.watchedComponentsOf.has(endpointName)) return;
    this.watchedComponentsOf.add(endpointName);
    if (this.big) this.enqueue({ kind: 'components', endpointName }, true);
  }

  /** Resolves when every requested row has been read (benchmarks and tests). */
  whenIdle(): Promise<void> {
    if (this.activeTasks === 0 && this.urgent.length === 0 && this.background.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isWatchedEndpoint(name: string): boolean {
    return !this.big || this.watchedEndpoints.has(name);
  }

  private isWatchedComponent(entry: ComponentEntry): boolean {
    return !this.big || this.watchedComponentsOf.has(entry.summary.endpointName);
  }

  private paint(result: RefreshResult): void {
    if (this.painted?.settled) return;
    this.painted ??= deferred();
    this.painted.resolve();
    this.emit(result);
  }

  private async doRefresh(full: boolean): Promise<RefreshResult> {
    try {
      return await this.read(full);
    } catch (error) {
      if (this.painted && !this.painted.settled) {
        this.painted.reject(error);
        this.painted = undefined;
      }
      throw error;
    }
  }

  private async read(full: boolean): Promise<RefreshResult> {
    const result: RefreshResult = { changedEndpoints: new Set(), listChanged: !this.loaded, problems: [] };
    const listStartedAt = this.reader.now();
    const incremental = this.loaded && this.big && !full && this.listedSince !== undefined && this.clock() - this.lastFullListAt < this.reconcileIntervalMs;
    let endpointSummaries: EndpointSummary[];
    let componentSummaries: InferenceComponentSummary[];
    if (incremental) {
      const modifiedAfter = new Date(this.listedSince!.getTime() - listMarginMs);
      const [endpoints, components] = await Promise.all([
        this.reader.listEndpoints({ modifiedAfter }),
        this.reader.listInferenceComponents(undefined, { modifiedAfter }),
      ]);
      const endpointsByName = new Map([...this.endpointEntries].map(([name, entry]) => [name, entry.summary]));
      for (const summary of endpoints) endpointsByName.set(summary.name, summary);
      const componentsByName = new Map([...this.componentEntries].map(([name, entry]) => [name, entry.summary]));
      for (const summary of components) componentsByName.set(summary.name, summary);
      endpointSummaries = [...endpointsByName.values()];
      componentSummaries = [...componentsByName.values()];
    } else {
      const endpointsRead = this.reader.listEndpoints();
      const componentsRead = this.reader.listInferenceComponents();
      if (!this.loaded) {
        // First paint: a big account's endpoint list shows before its components are even listed.
        void endpointsRead.then(
          (endpoints) => {
            if (endpoints.length <= this.eagerLimit || this.loaded) return;
            this.big = true;
            this.endpointEntries = new Map(endpoints.map((summary) => [summary.name, { summary }]));
            this.paint({ changedEndpoints: new Set(this.endpointEntries.keys()), listChanged: true, problems: [] });
          },
          () => undefined,
        );
      }
      [endpointSummaries, componentSummaries] = await Promise.all([endpointsRead, componentsRead]);
      this.lastFullListAt = this.clock();
    }
    this.listedSince = listStartedAt;
    this.big = endpointSummaries.length + componentSummaries.length > this.eagerLimit;
    const eager = !this.big;

    const nextComponents = new Map<string, ComponentEntry>();
    const componentsToDescribe: string[] = [];
    const componentChanged = new Set<string>();
    for (const summary of componentSummaries) {
      const previous = this.componentEntries.get(summary.name);
      const changed =
        !previous ||
        previous.summary.status !== summary.status ||
        stamp(previous.summary.lastModifiedTime) !== stamp(summary.lastModifiedTime);
      const entry: ComponentEntry = { ...previous, summary };
      nextComponents.set(summary.name, entry);
      const unstable = !stableComponentStatuses.has(summary.status);
      // A small account keeps cold and draining components watched so a wake-up shows; a big one relies
      // on the list's LastModifiedTime (a wake raises the desired copy count) and on recordRejection.
      const watch = entry.lifecycle?.inTransition || (eager && (entry.lifecycle?.state === 'cold' || entry.lifecycle?.state === 'draining'));
      const wanted = this.isWatchedComponent(entry);
      // In a big account a row's first read goes through the row queue (progressively, first rows first).
      const firstRead = !entry.snapshot && eager;
      const reread = entry.snapshot !== undefined && (changed || full || watch);
      if ((wanted && ((full && eager) || firstRead || reread || (eager && changed))) || unstable) {
        componentsToDescribe.push(summary.name);
      }
      if (changed) {
        result.changedEndpoints.add(summary.endpointName);
        componentChanged.add(summary.endpointName);
      }
    }
    for (const name of this.componentEntries.keys()) {
      if (!nextComponents.has(name)) result.changedEndpoints.add(this.componentEntries.get(name)!.summary.endpointName);
    }

    const nextEndpoints = new Map<string, EndpointEntry>();
    const toDescribe: string[] = [];
    for (const summary of endpointSummaries) {
      const previous = this.endpointEntries.get(summary.name);
      if (!previous && this.loaded) result.listChanged = true;
      const changed =
        !previous ||
        previous.summary.status !== summary.status ||
        stamp(previous.summary.lastModifiedTime) !== stamp(summary.lastModifiedTime);
      const entry: EndpointEntry = { ...previous, summary };
      nextEndpoints.set(summary.name, entry);
      const componentsMoving =
        componentChanged.has(summary.name) ||
        [...this.componentEntries.values()].some((component) => component.summary.endpointName === summary.name && component.lifecycle?.inTransition);
      const unstable = !stableEndpointStatuses.has(summary.status);
      const wanted = this.isWatchedEndpoint(summary.name);
      const firstRead = !entry.snapshot && eager;
      const reread = entry.snapshot !== undefined && (changed || full || componentsMoving);
      if ((wanted && ((full && eager) || firstRead || reread || (eager && changed))) || unstable) {
        toDescribe.push(summary.name);
      }
      if (changed) result.changedEndpoints.add(summary.name);
    }
    if (nextEndpoints.size !== this.endpointEntries.size) result.listChanged = true;

    this.endpointEntries = incremental ? new Map([...nextEndpoints].sort(([, a], [, b]) => byName(a, b))) : nextEndpoints;
    this.componentEntries = incremental ? new Map([...nextComponents].sort(([, a], [, b]) => byName(a, b))) : nextComponents;
    if (this.big && !this.loaded) {
      // The lists are in: paint now (if the endpoint list alone did not already), describe after.
      this.paint({ changedEndpoints: new Set(this.endpointEntries.keys()), listChanged: true, problems: [] });
    }
    if (this.big) this.requeueWatched();

    const removed: string[] = [];
    await Promise.all([
      ...toDescribe.map(async (name) => {
        const changed = await this.describeEndpointInto(name, removed);
        if (changed) result.changedEndpoints.add(name);
      }),
      ...componentsToDescribe.map(async (name) => {
        const entry = this.componentEntries.get(name);
        const changed = await this.describeComponentInto(name, removed);
        if (changed && entry) result.changedEndpoints.add(entry.summary.endpointName);
      }),
    ]);
    if (removed.length > 0) result.listChanged = true;

    const scaling = await this.reader.readScaling(componentsToDescribe.filter((name) => this.componentEntries.has(name)));
    result.problems.push(...scaling.problems);
    this.applyScaling(scaling.byComponent, result.changedEndpoints);
    for (const entry of this.componentEntries.values()) {
      const before = entry.lifecycle?.label;
      this.updateLifecycle(entry);
      if (entry.lifecycle?.label !== before) result.changedEndpoints.add(entry.summary.endpointName);
    }
    this.loaded = true;
    if (this.painted && !this.painted.settled) this.painted.resolve();
    this.emit(result);
    return result;
  }

  /** Describes an endpoint into its entry; true when its row changed. A resource gone is removed. */
  private describeEndpointInto(name: string, removed: string[]): Promise<boolean> {
    return this.describeInto(() => this.endpointEntries, name, removed, () => this.reader.describeEndpoint(name));
  }

  private describeComponentInto(name: string, removed: string[]): Promise<boolean> {
    return this.describeInto(() => this.componentEntries, name, removed, () => this.reader.describeInferenceComponent(name));
  }

  /** `entries` is read after the call returns: a refresh may have replaced the map meanwhile. */
  private async describeInto<S, E extends { summary: { status: string }; snapshot?: S; error?: string }>(
    entries: () => Map<string, E>,
    name: string,
    removed: string[],
    read: () => Promise<S>,
  ): Promise<boolean> {
    try {
      const snapshot = await read();
      const entry = entries().get(name);
      if (!entry) return false;
      const changed = JSON.stringify(snapshot) !== JSON.stringify(entry.snapshot) || entry.error !== undefined;
      entry.snapshot = snapshot;
      entry.error = undefined;
      return changed;
    } catch (error) {
      const entry = entries().get(name);
      if (!entry) return false;
      if (this.big && entry.summary.status === 'Deleting' && isNotFound(error)) {
        entries().delete(name);
        removed.push(name);
        return true;
      }
      entry.error = describeError(error);
      return true;
    }
  }

  private applyScaling(byComponent: Map<string, InferenceComponentScaling>, changedEndpoints: Set<string>): void {
    for (const [name, read] of byComponent) {
      const entry = this.componentEntries.get(name);
      if (!entry) continue;
      if (JSON.stringify(read) !== JSON.stringify(entry.scaling)) changedEndpoints.add(entry.summary.endpointName);
      entry.scaling = read;
    }
  }

  /** Rows asked for before the lists were in (or not yet described) go to the reading queue. */
  private requeueWatched(): void {
    for (const endpointName of this.watchedComponentsOf) {
      if (this.componentsOf(endpointName).some((entry) => !entry.snapshot)) this.enqueue({ kind: 'components', endpointName }, true);
    }
    for (const name of this.watchedEndpoints) {
      if (this.endpointEntries.get(name)?.snapshot === undefined && this.endpointEntries.has(name)) this.enqueue({ kind: 'endpoint', name }, false);
    }
  }

  private enqueue(task: DetailTask, urgent: boolean): void {
    const key = task.kind === 'endpoint' ? `e:${task.name}` : `c:${task.endpointName}`;
    if (this.queued.has(key)) return;
    this.queued.add(key);
    (urgent ? this.urgent : this.background).push(task);
    this.pump();
  }

  private pump(): void {
    while (this.activeTasks < this.detailConcurrency) {
      const task = this.urgent.shift() ?? this.background.shift();
      if (!task) break;
      this.activeTasks++;
      void this.runTask(task).finally(() => {
        this.queued.delete(task.kind === 'endpoint' ? `e:${task.name}` : `c:${task.endpointName}`);
        this.activeTasks--;
        this.pump();
        if (this.activeTasks === 0 && this.urgent.length === 0 && this.background.length === 0) {
          this.flush();
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const waiter of waiters) waiter();
        }
      });
    }
  }

  private async runTask(task: DetailTask): Promise<void> {
    const changes = this.pendingResult();
    const removed: string[] = [];
    if (task.kind === 'endpoint') {
      if (await this.describeEndpointInto(task.name, removed)) changes.changedEndpoints.add(task.name);
      for (const entry of this.componentsOf(task.name)) this.updateLifecycle(entry);
    } else {
      const endpointName = task.endpointName;
      const components = this.componentsOf(endpointName).filter((entry) => !entry.snapshot);
      const endpoint = this.endpointEntries.get(endpointName);
      await Promise.all([
        endpoint && !endpoint.snapshot ? this.describeEndpointInto(endpointName, removed) : Promise.resolve(false),
        ...components.map((entry) => this.describeComponentInto(entry.summary.name, removed)),
      ]);
      const scaling = await this.reader.readScaling(components.map((entry) => entry.summary.name));
      changes.problems.push(...scaling.problems);
      this.applyScaling(scaling.byComponent, changes.changedEndpoints);
      for (const entry of this.componentsOf(endpointName)) this.updateLifecycle(entry);
      changes.changedEndpoints.add(endpointName);
    }
    if (removed.length > 0) changes.listChanged = true;
    this.scheduleFlush();
  }

  private pendingResult(): RefreshResult {
    this.pending ??= { changedEndpoints: new Set(), listChanged: false, problems: [] };
    return this.pending;
  }

  /** Rows read for the tree are reported in batches (at most every 100 ms), not one event each. */
  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => this.flush(), 100);
  }

  private flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending && (pending.changedEndpoints.size > 0 || pending.listChanged || pending.problems.length > 0)) this.emit(pending);
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

import { type AccountReader, type EndpointSummary, type InferenceComponentSummary, type ScalingScope } from '../../aws/accountReader';
import { type EndpointReadiness } from '../../readiness/readiness';
import { type PriceOverrides } from '../../cost/pricing';
import { type TouchedResources } from '../../resources/touchedResources';
import { type ComponentEntry, type EndpointEntry, InventoryEntries } from './inventoryEntries';
import { chooseListing, isLazyAccount, mergeListed, planRefresh } from './refreshPlanner';
import { ReadQueue, type RowChanges } from './readQueue';
import { FailureExplanations } from './failureExplanations';

export { type ComponentEntry, type EndpointEntry } from './inventoryEntries';

export interface RefreshResult extends RowChanges {
  /** Endpoints whose rows (or their components' rows) changed. */
  changedEndpoints: Set<string>;
  /** True when a whole refresh completed (the lists and the describes); false for rows read for the tree or a recorded rejection. */
  completed: boolean;
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
  /**
   * In a big account, quiet refreshes list only what changed since the last list; a whole re-list runs
   * this often (default 5 min). Alarms and schedules are listed account-wide this often too (any account).
   */
  reconcileIntervalMs?: number;
  /** Row details read at once for the tree (default 4). */
  detailConcurrency?: number;
  /** Real time, for the reconcile interval (tests). */
  clock?: () => number;
  /** The connection's region (links in failure explanations, e.g. Service Quotas). */
  region?: string;
}

/** Endpoint rows the tree shows before a "show more" row. */
export const endpointPageSize = 50;

/** The first paint's promise, settled once: resolved when the list can be shown, rejected when the first refresh fails. */
class FirstPaint {
  settled = false;
  readonly promise: Promise<void>;
  private settle!: (error?: unknown) => void;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => (this.settle = (error) => (error === undefined ? resolve() : reject(error))));
    this.promise.catch(() => undefined);
  }

  resolve(): void {
    this.settled = true;
    this.settle();
  }

  reject(error: unknown): void {
    this.settled = true;
    this.settle(error ?? new Error('The first refresh failed.'));
  }
}

/**
 * The explorer's live picture of an account: what the tree shows. Each refresh lists, lets the
 * refresh planner decide what to describe (refreshPlanner.ts), and has the read queue describe it
 * (readQueue.ts) into the entries (inventoryEntries.ts).
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
  private readonly entries: InventoryEntries;
  /** Why each failed row failed, from what the refreshes read (see failureExplanations.ts for the calls it costs). */
  readonly failures: FailureExplanations;
  private readonly queue: ReadQueue;
  private readonly listeners = new Set<(result: RefreshResult) => void>();
  private refreshing: Promise<RefreshResult> | undefined;
  /** The refresh queued behind the one under way by `refreshAfterChange` (at most one). */
  private following: Promise<RefreshResult> | undefined;
  /** Rows changed by the extension's own actions, read by the next refresh whatever the lists say. */
  private readonly touchedEndpoints = new Set<string>();
  private readonly touchedComponents = new Set<string>();
  private followingFull = false;
  private loaded = false;
  private lazy = false;
  private painted: FirstPaint | undefined;
  private lastWholeListAt = -Infinity;
  private lastAccountScalingAt = -Infinity;
  private listedSince: Date | undefined;
  private readonly watchedEndpoints = new Set<string>();
  private readonly watchedComponentsOf = new Set<string>();
  private readonly now: () => Date;
  private readonly eagerLimit: number;
  private readonly reconcileIntervalMs: number;
  private readonly clock: () => number;

  constructor(
    readonly reader: AccountReader,
    options: (() => Date) | InventoryOptions = {},
  ) {
    const settings = typeof options === 'function' ? { now: options } : options;
    this.now = settings.now ?? (() => new Date());
    this.eagerLimit = settings.eagerLimit ?? 60;
    this.reconcileIntervalMs = settings.reconcileIntervalMs ?? 5 * 60_000;
    this.clock = settings.clock ?? (() => Date.now());
    this.entries = new InventoryEntries(this.now);
    this.failures = new FailureExplanations(reader, settings.region);
    this.queue = new ReadQueue(reader, this.entries, {
      concurrency: settings.detailConcurrency,
      lazy: () => this.lazy,
      onRowsRead: (changes) => this.emit({ ...changes, completed: false }),
    });
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** True once the account is known to be big: rows are then described on request only. */
  get isLazy(): boolean {
    return this.lazy;
  }

  endpoints(): EndpointEntry[] {
    return [...this.entries.endpoints.values()];
  }

  endpoint(name: string): EndpointEntry | undefined {
    return this.entries.endpoints.get(name);
  }

  component(name: string): ComponentEntry | undefined {
    return this.entries.components.get(name);
  }

  componentsOf(endpointName: string): ComponentEntry[] {
    return this.entries.componentsOf(endpointName);
  }

  onDidRefresh(listener: (result: RefreshResult) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The playground reports a refused request: the IC shows "Waking · request rejected". */
  recordRejection(componentName: string, at: Date = this.now()): void {
    const entry = this.entries.recordRejection(componentName, at);
    if (entry) this.emit({ changedEndpoints: new Set([entry.summary.endpointName]), listChanged: false, problems: [], completed: false });
  }

  anyInTransition(): boolean {
    return this.entries.anyInTransition();
  }

  /** The endpoint's readiness checks; `overrides` are the user's instance prices, for the cost of sleep schedules that sleep nothing. */
  readiness(endpointName: string, overrides?: PriceOverrides): EndpointReadiness | undefined {
    return this.entries.readiness(endpointName, overrides);
  }

  /** One refresh at a time: a call during a refresh waits for it instead of starting another. */
  refresh(options: { full?: boolean } = {}): Promise<RefreshResult> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh(Boolean(options.full) || !this.loaded).finally(() => (this.refreshing = undefined));
    }
    return this.refreshing;
  }

  /**
   * After an action of the extension itself changed the account (a plan's call, a copy count, a
   * delete): a refresh that starts after the change, describing the `touched` rows (an endpoint with
   * its components) whatever the lists say, and reading their alarms and schedules account-wide (the
   * action may have just made them). A refresh under way listed before the change: this one runs
   * after it. Calls meanwhile join the one queued, so a burst costs one refresh.
   */
  refreshAfterChange(touched: TouchedResources = { endpoints: [], components: [] }, options: { full?: boolean } = {}): Promise<RefreshResult> {
    for (const name of touched.endpoints) this.touchedEndpoints.add(name);
    for (const name of touched.components) this.touchedComponents.add(name);
    this.followingFull ||= Boolean(options.full);
    if (!this.refreshing) return this.refreshFollowing();
    this.following ??= this.refreshing
      .catch(() => undefined)
      .then(() => {
        this.following = undefined;
        return this.refreshFollowing();
      });
    return this.following;
  }

  private refreshFollowing(): Promise<RefreshResult> {
    const full = this.followingFull;
    this.followingFull = false;
    return this.refresh({ full });
  }

  /**
   * Resolves as soon as the endpoint list can be painted: in a big account once the endpoints are
   * listed (the rest of the first refresh goes on), otherwise when the first refresh is done. Starts
   * the first refresh if needed; rejects when it fails.
   */
  listed(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.painted ??= new FirstPaint();
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
      if (this.lazy && this.entries.endpoints.has(name) && !this.entries.endpoints.get(name)!.snapshot) this.queue.enqueueEndpoint(name);
    }
  }

  /** The tree shows this endpoint's components (it was expanded): describe them first. */
  requestComponentsOf(endpointName: string): void {
    this.watchedEndpoints.add(endpointName);
    if (this.watchedComponentsOf.has(endpointName)) return;
    this.watchedComponentsOf.add(endpointName);
    if (this.lazy) this.queue.enqueueComponentsOf(endpointName);
  }

  /** Resolves when every requested row has been read (benchmarks and tests). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  private paint(): void {
    if (this.painted?.settled) return;
    this.painted ??= new FirstPaint();
    this.painted.resolve();
    this.emit({ changedEndpoints: new Set(this.entries.endpoints.keys()), listChanged: true, problems: [], completed: false });
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

  /** Lists, plans, describes what the plan says, then the scaling setups and lifecycles. */
  private async read(full: boolean): Promise<RefreshResult> {
    // Taken before listing: a change after this point is for the next refresh; kept for it when this one fails.
    const touchedEndpoints = new Set(this.touchedEndpoints);
    const touchedComponents = new Set(this.touchedComponents);
    this.touchedEndpoints.clear();
    this.touchedComponents.clear();
    try {
      return await this.readRows(full, touchedEndpoints, touchedComponents);
    } catch (error) {
      for (const name of touchedEndpoints) this.touchedEndpoints.add(name);
      for (const name of touchedComponents) this.touchedComponents.add(name);
      throw error;
    }
  }

  private async readRows(full: boolean, touchedEndpoints: ReadonlySet<string>, touchedComponents: ReadonlySet<string>): Promise<RefreshResult> {
    const { endpointSummaries, componentSummaries } = await this.list(full);
    this.lazy = isLazyAccount(endpointSummaries.length, componentSummaries.length, this.eagerLimit);
    const plan = planRefresh({
      endpoints: this.entries.endpoints,
      components: this.entries.components,
      endpointSummaries,
      componentSummaries,
      mode: { lazy: this.lazy, full, firstLoad: !this.loaded },
      watchedEndpoints: this.watchedEndpoints,
      watchedComponentsOf: this.watchedComponentsOf,
      touchedEndpoints,
      touchedComponents,
    });
    this.entries.replace(plan.endpoints, plan.components);
    // The lists are in: a big account paints now (if the endpoint list alone did not already), describes after.
    if (this.lazy && !this.loaded) this.paint();
    if (this.lazy) this.requeueWatched();

    const result: RefreshResult = { changedEndpoints: plan.changedEndpoints, listChanged: plan.listChanged, problems: [], completed: true };
    await this.queue.describe(plan.describeEndpoints, plan.describeComponents, result);
    const touched = touchedEndpoints.size > 0 || touchedComponents.size > 0;
    await this.queue.readScaling(plan.describeComponents, result, this.scalingScope(full || touched, plan.describeComponents.length));
    this.entries.updateLifecycles(result.changedEndpoints);
    for (const name of await this.failures.update(this.entries.endpoints, this.entries.components)) result.changedEndpoints.add(name);
    this.loaded = true;
    if (this.painted && !this.painted.settled) this.painted.resolve();
    this.emit(result);
    return result;
  }

  /**
   * How this refresh finds the alarms and schedules of the components it reads: account-wide on a full
   * refresh and once per reconcile interval (so an alarm or schedule made elsewhere shows), otherwise
   * by name, only those of the components read (a wave every few seconds while something moves).
   */
  private scalingScope(full: boolean, components: number): ScalingScope {
    if (components === 0) return 'known';
    if (!full && this.clock() - this.lastAccountScalingAt < this.reconcileIntervalMs) return 'known';
    this.lastAccountScalingAt = this.clock();
    return 'account';
  }

  /** The lists: whole, or (a big account's quiet refresh) only what changed since the last, merged over the rows held. */
  private async list(full: boolean): Promise<{ endpointSummaries: EndpointSummary[]; componentSummaries: InferenceComponentSummary[] }> {
    const listStartedAt = this.reader.now();
    const listing = chooseListing({
      loaded: this.loaded,
      lazy: this.lazy,
      full,
      listedSince: this.listedSince,
      msSinceWholeList: this.clock() - this.lastWholeListAt,
      reconcileIntervalMs: this.reconcileIntervalMs,
    });
    let endpointSummaries: EndpointSummary[];
    let componentSummaries: InferenceComponentSummary[];
    if (listing.incremental) {
      const [endpoints, components] = await Promise.all([
        this.reader.listEndpoints({ modifiedAfter: listing.modifiedAfter }),
        this.reader.listInferenceComponents(undefined, { modifiedAfter: listing.modifiedAfter }),
      ]);
      endpointSummaries = mergeListed([...this.entries.endpoints.values()].map((entry) => entry.summary), endpoints);
      componentSummaries = mergeListed([...this.entries.components.values()].map((entry) => entry.summary), components);
    } else {
      const endpointsRead = this.reader.listEndpoints();
      const componentsRead = this.reader.listInferenceComponents();
      if (!this.loaded) this.paintEarly(endpointsRead);
      [endpointSummaries, componentSummaries] = await Promise.all([endpointsRead, componentsRead]);
      this.lastWholeListAt = this.clock();
    }
    this.listedSince = listStartedAt;
    return { endpointSummaries, componentSummaries };
  }

  /** First paint: a big account's endpoint list shows before its components are even listed. */
  private paintEarly(endpointsRead: Promise<EndpointSummary[]>): void {
    void endpointsRead.then(
      (endpoints) => {
        if (endpoints.length <= this.eagerLimit || this.loaded) return;
        this.lazy = true;
        this.entries.endpoints = new Map(endpoints.map((summary) => [summary.name, { summary }]));
        this.paint();
      },
      () => undefined,
    );
  }

  /** Rows asked for before the lists were in (or not yet described) go to the read queue. */
  private requeueWatched(): void {
    for (const endpointName of this.watchedComponentsOf) {
      if (this.componentsOf(endpointName).some((entry) => !entry.snapshot)) this.queue.enqueueComponentsOf(endpointName);
    }
    for (const name of this.watchedEndpoints) {
      if (this.entries.endpoints.get(name)?.snapshot === undefined && this.entries.endpoints.has(name)) this.queue.enqueueEndpoint(name);
    }
  }

  private emit(result: RefreshResult): void {
    for (const listener of this.listeners) listener(result);
  }
}

import { type EndpointSummary, type InferenceComponentSummary } from '../../aws/accountReader';
import { type ComponentEntry, type EndpointEntry, stableComponentStatuses, stableEndpointStatuses } from './inventoryEntries';

/**
 * What one refresh reads, decided without any call: from the rows held, the lists just read and the
 * mode, which endpoints and components to describe and which rows changed. Pure, so every rule of the
 * small and the big account modes is tested without HTTP (refreshPlanner.test.ts).
 */

/** Incremental lists ask for changes since the last list minus this margin (clock skew between us and AWS). */
export const listMarginMs = 2 * 60_000;

export interface RefreshMode {
  /** A big account: rows are described when the tree shows them (watched), not all of them. */
  lazy: boolean;
  /** A full refresh (the Refresh button, a teardown): everything watched is described again. */
  full: boolean;
  /** The first refresh: every row is new, the list has changed. */
  firstLoad: boolean;
}

export interface RefreshPlanInput {
  endpoints: ReadonlyMap<string, EndpointEntry>;
  components: ReadonlyMap<string, ComponentEntry>;
  endpointSummaries: readonly EndpointSummary[];
  componentSummaries: readonly InferenceComponentSummary[];
  mode: RefreshMode;
  /** In a big account: the endpoint rows the tree shows, and the endpoints expanded. */
  watchedEndpoints: ReadonlySet<string>;
  watchedComponentsOf: ReadonlySet<string>;
  /**
   * Rows an action of the extension just changed (a plan's call, a copy count): described whatever
   * the lists say and in either mode, an endpoint with all its components.
   */
  touchedEndpoints?: ReadonlySet<string>;
  touchedComponents?: ReadonlySet<string>;
}

export interface RefreshPlan {
  /** The rows after the lists: new entries (copies), keeping what the earlier ones had read. */
  endpoints: Map<string, EndpointEntry>;
  components: Map<string, ComponentEntry>;
  describeEndpoints: string[];
  describeComponents: string[];
  /** Endpoints whose rows (or their components' rows) changed in the lists. */
  changedEndpoints: Set<string>;
  listChanged: boolean;
}

/** How the next refresh lists: whole lists, or only what was modified since the last one. */
export type Listing = { incremental: false } | { incremental: true; modifiedAfter: Date };

/**
 * A big account's quiet refreshes list only what changed since the last list (LastModifiedTimeAfter);
 * a whole re-list runs every `reconcileIntervalMs`, on a full refresh, and while the account is small.
 */
export function chooseListing(state: {
  loaded: boolean;
  lazy: boolean;
  full: boolean;
  listedSince: Date | undefined;
  msSinceWholeList: number;
  reconcileIntervalMs: number;
}): Listing {
  const incremental = state.loaded && state.lazy && !state.full && state.listedSince !== undefined && state.msSinceWholeList < state.reconcileIntervalMs;
  return incremental ? { incremental: true, modifiedAfter: new Date(state.listedSince!.getTime() - listMarginMs) } : { incremental: false };
}

/** An incremental list holds only what changed: merged over the rows held, sorted by name as a whole list is. */
export function mergeListed<S extends { name: string }>(held: Iterable<S>, listed: readonly S[]): S[] {
  const byName = new Map([...held].map((summary) => [summary.name, summary]));
  for (const summary of listed) byName.set(summary.name, summary);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Accounts with more resources than `eagerLimit` are read lazily. */
export function isLazyAccount(endpointCount: number, componentCount: number, eagerLimit: number): boolean {
  return endpointCount + componentCount > eagerLimit;
}

const stamp = (date?: Date) => date?.getTime() ?? 0;

function listedChange(previous: { summary: { status: string; lastModifiedTime?: Date } } | undefined, summary: { status: string; lastModifiedTime?: Date }): boolean {
  return !previous || previous.summary.status !== summary.status || stamp(previous.summary.lastModifiedTime) !== stamp(summary.lastModifiedTime);
}

/**
 * Whether a row is described: a small account describes what is new, changed, watched (in transition,
 * or cold and draining so a wake-up shows) and everything on a full refresh; a big one only the rows
 * the tree shows, once first (through the row queue, not here) and then when they change or move.
 * Anything not in a stable status is described in either mode.
 */
function shouldDescribe(row: { described: boolean; changed: boolean; moving: boolean; wanted: boolean; unstable: boolean }, mode: RefreshMode): boolean {
  const eager = !mode.lazy;
  const firstRead = !row.described && eager;
  const reread = row.described && (row.changed || mode.full || row.moving);
  return (row.wanted && ((mode.full && eager) || firstRead || reread || (eager && row.changed))) || row.unstable;
}

export function planRefresh(input: RefreshPlanInput): RefreshPlan {
  const { mode } = input;
  const plan: RefreshPlan = {
    endpoints: new Map(),
    components: new Map(),
    describeEndpoints: [],
    describeComponents: [],
    changedEndpoints: new Set(),
    listChanged: mode.firstLoad,
  };
  const componentsChangedOf = new Set<string>();
  const touchedEndpoints = input.touchedEndpoints ?? new Set<string>();
  const touchedComponents = input.touchedComponents ?? new Set<string>();
  for (const summary of input.componentSummaries) {
    const previous = input.components.get(summary.name);
    const changed = listedChange(previous, summary);
    const entry: ComponentEntry = { ...previous, summary };
    plan.components.set(summary.name, entry);
    // A small account keeps cold and draining components watched so a wake-up shows; a big one relies
    // on the list's LastModifiedTime (a wake raises the desired copy count) and on recordRejection.
    const state = entry.lifecycle?.state;
    const moving = Boolean(entry.lifecycle?.inTransition) || (!mode.lazy && (state === 'cold' || state === 'draining'));
    const wanted = !mode.lazy || input.watchedComponentsOf.has(summary.endpointName);
    const unstable = !stableComponentStatuses.has(summary.status);
    const touched = touchedComponents.has(summary.name) || touchedEndpoints.has(summary.endpointName);
    if (touched || shouldDescribe({ described: entry.snapshot !== undefined, changed, moving, wanted, unstable }, mode)) plan.describeComponents.push(summary.name);
    if (changed) {
      plan.changedEndpoints.add(summary.endpointName);
      componentsChangedOf.add(summary.endpointName);
    }
  }
  for (const [name, entry] of input.components) {
    if (!plan.components.has(name)) plan.changedEndpoints.add(entry.summary.endpointName);
  }

  const ownersOfTouched = new Set(input.componentSummaries.filter((summary) => touchedComponents.has(summary.name)).map((summary) => summary.endpointName));
  const componentsMovingOf = new Set([...input.components.values()].filter((entry) => entry.lifecycle?.inTransition).map((entry) => entry.summary.endpointName));
  for (const summary of input.endpointSummaries) {
    const previous = input.endpoints.get(summary.name);
    if (!previous && !mode.firstLoad) plan.listChanged = true;
    const changed = listedChange(previous, summary);
    const entry: EndpointEntry = { ...previous, summary };
    plan.endpoints.set(summary.name, entry);
    const moving = componentsChangedOf.has(summary.name) || componentsMovingOf.has(summary.name);
    const wanted = !mode.lazy || input.watchedEndpoints.has(summary.name);
    const unstable = !stableEndpointStatuses.has(summary.status);
    // A touched component's endpoint is read too: its instance counts follow the copies.
    const touched = touchedEndpoints.has(summary.name) || ownersOfTouched.has(summary.name);
    if (touched || shouldDescribe({ described: entry.snapshot !== undefined, changed, moving, wanted, unstable }, mode)) plan.describeEndpoints.push(summary.name);
    if (changed) plan.changedEndpoints.add(summary.name);
  }
  if (plan.endpoints.size !== input.endpoints.size) plan.listChanged = true;
  return plan;
}

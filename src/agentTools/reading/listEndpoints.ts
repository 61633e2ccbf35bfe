import { currentBurn } from '../../cost/costLens';
import { type PriceOverrides } from '../../cost/pricing';
import { type ComponentEntry, type EndpointEntry } from '../../explorer/inventory/inventory';
import { plural } from '../../l10n/plural';
import { deriveEndpointState } from '../../lifecycle/endpointState';
import { describeInstancePools } from '../../lifecycle/instancePlacement';
import { type LifecycleState } from '../../lifecycle/lifecycle';
import { idleTimeoutLabel } from '../../lifecycle/rowDescriptions';
import { type EndpointReadiness } from '../../readiness/readiness';
import { findIdleTimeout } from '../../resources/idleTimeout';
import { type ReadTool, type ToolAccount } from '../agentTool';
import { optionalEnum, optionalString, parseInput, parseObject } from '../toolInput';
import { agentText, answerHeading, literal, moreLine, refreshedInventory } from './accountRows';

export interface ListEndpointsInput {
  nameContains?: string;
  state?: LifecycleState;
}

/** The component lifecycle states, as package.json's schema lists them. */
export const lifecycleStateIds: readonly LifecycleState[] = ['warm', 'scalingOut', 'scalingIn', 'draining', 'cold', 'waking', 'failed', 'creating', 'updating', 'deleting'];

/** Endpoints listed at most; the rest are counted ("… and N more"). */
export const maxEndpointsListed = 50;
/** Components listed per endpoint at most. */
export const maxComponentsListed = 20;

/** One endpoint as the Endpoints view holds it: its row, its components' rows, its readiness. */
export interface EndpointRows {
  entry: EndpointEntry;
  components: readonly ComponentEntry[];
  readiness?: EndpointReadiness;
}

/** The endpoints (and, under each, the components) that match the filters; an endpoint whose name matches keeps all its components. */
export function filterEndpoints(rows: readonly EndpointRows[], input: ListEndpointsInput): EndpointRows[] {
  const needle = input.nameContains?.toLowerCase();
  const result: EndpointRows[] = [];
  for (const row of rows) {
    const endpointMatches = needle === undefined || row.entry.summary.name.toLowerCase().includes(needle);
    const components = row.components.filter(
      (component) => (endpointMatches || component.summary.name.toLowerCase().includes(needle!)) && (input.state === undefined || component.lifecycle?.state === input.state),
    );
    const keep = input.state !== undefined ? components.length > 0 : endpointMatches || components.length > 0;
    if (keep) result.push({ ...row, components });
  }
  return result;
}

/** "Warm (warm)": a component's lifecycle label and its state id (what the `state` filter takes). */
function componentState(component: ComponentEntry): string {
  if (!component.lifecycle) return `${agentText(component.summary.status)} (not read yet)`;
  return `${component.lifecycle.label} (${component.lifecycle.state})`;
}

/** "1/1": current/desired, "—" where unknown. */
function currentDesired(current: number | undefined, desired: number | undefined): string {
  return `${current ?? '—'}/${desired ?? '—'}`;
}

function componentLine(component: ComponentEntry): string {
  const snapshot = component.snapshot;
  const parts = [componentState(component)];
  if (snapshot?.baseComponentName !== undefined) {
    parts.push(`adapter of ${literal(snapshot.baseComponentName)} (runs on its copies)`);
  } else if (snapshot) {
    parts.push(`copies ${currentDesired(snapshot.currentCopyCount, snapshot.desiredCopyCount)} (current/desired)`);
    const target = component.scaling?.target;
    parts.push(
      component.scaling === undefined
        ? 'scaling not read'
        : target
          ? `scalable target min ${target.minCapacity}, max ${target.maxCapacity}${target.suspended ? ' (suspended)' : ''}`
          : 'no scalable target: copies never scale',
    );
    const idle = component.scaling ? findIdleTimeout(component.summary.name, component.scaling) : undefined;
    // Only a complete idle timeout (alarm and set-to-zero policy) counts, as on the tree's row.
    parts.push(idle?.policy ? `idle timeout: ${idleTimeoutLabel(idle.minutes)}` : 'no idle timeout');
  }
  if (component.error) parts.push(`could not be read: ${agentText(component.error)}`);
  return `  - ${literal(component.summary.name)}: ${parts.join('; ')}`;
}

function readinessWords(readiness: EndpointReadiness | undefined): string {
  if (!readiness) return 'not checked (the endpoint is not read yet)';
  const all = [...readiness.checks, ...readiness.components.flatMap((component) => component.checks)];
  const failing = all.filter((check) => check.status === 'fail').length;
  const warnings = all.filter((check) => check.status === 'warn').length;
  if (readiness.verdict === 'ready') return 'ready: it scales to zero when idle and wakes on the next request';
  if (readiness.verdict === 'warnings') return `ready, with ${plural(warnings, { one: '{count} warning', other: '{count} warnings' })}`;
  return `not ready: ${plural(failing, { one: '{count} failing check', other: '{count} failing checks' })} (sagemakerScaleToZero_getReadiness says which and how to fix them)`;
}

function endpointLines(row: EndpointRows, overrides: PriceOverrides): string[] {
  const { entry, components } = row;
  const snapshot = entry.snapshot;
  const status = snapshot?.status ?? entry.summary.status;
  const state = deriveEndpointState({ status }, components.map((component) => component.lifecycle));
  const lines = [`- ${literal(entry.summary.name)}: ${state.label} (status ${agentText(status)})`];
  const variant = snapshot?.variants[0];
  if (variant) {
    const pools = describeInstancePools(variant);
    lines.push(`  - Instances ${currentDesired(variant.currentInstanceCount, variant.desiredInstanceCount)} (current/desired), ${pools ? `types by priority: ${pools}` : `type ${variant.instanceType ? literal(variant.instanceType) : '—'}`}`);
  }
  if (snapshot) lines.push(`  - Cost now: ${currentBurn(snapshot, overrides).description}`);
  lines.push(`  - Readiness: ${readinessWords(row.readiness)}`);
  if (snapshot?.failureReason) lines.push(`  - Failure: ${agentText(snapshot.failureReason)}`);
  if (entry.error) lines.push(`  - Could not be read: ${agentText(entry.error)}`);
  if (components.length === 0) {
    lines.push('  - No inference components.');
  } else {
    lines.push(`  - Inference components (${components.length}):`);
    lines.push(...components.slice(0, maxComponentsListed).map((component) => `  ${componentLine(component)}`));
    if (components.length > maxComponentsListed) lines.push(`    - … and ${components.length - maxComponentsListed} more: narrow with nameContains`);
  }
  return lines;
}

/** What no endpoint matching means, in words: nothing at all, or nothing matching the filters. */
function noneLine(total: number, input: ListEndpointsInput): string {
  if (total === 0) return 'No endpoints in this account and region.';
  const filters = [
    ...(input.nameContains !== undefined ? [`a name containing ${literal(input.nameContains)}`] : []),
    ...(input.state !== undefined ? [`an inference component in state ${input.state}`] : []),
  ];
  return `None of the ${plural(total, { one: '{count} endpoint', other: '{count} endpoints' })} has ${filters.join(' and ')}. Call again without filters to see them all.`;
}

/** The answer: the endpoints matching the filters as the Endpoints view shows them, at most `maxEndpointsListed`. */
export function formatEndpointList(rows: readonly EndpointRows[], input: ListEndpointsInput, options: { label: string; overrides: PriceOverrides }): string {
  const matching = filterEndpoints(rows, input);
  const heading = answerHeading(`Endpoints`, options);
  if (matching.length === 0) return `${heading}\n\n${noneLine(rows.length, input)}`;
  const filtered = input.nameContains !== undefined || input.state !== undefined;
  const count = filtered
    ? `${matching.length} of ${plural(rows.length, { one: '{count} endpoint', other: '{count} endpoints' })} match.`
    : `${plural(rows.length, { one: '{count} endpoint', other: '{count} endpoints' })}.`;
  const lines = [heading, '', count, ''];
  for (const row of matching.slice(0, maxEndpointsListed)) lines.push(...endpointLines(row, options.overrides));
  lines.push(...moreLine(matching.length - maxEndpointsListed, 'narrow with nameContains or state'));
  return lines.join('\n');
}

export const listEndpoints: ReadTool<ListEndpointsInput> = {
  kind: 'read',
  name: 'sagemakerScaleToZero_listEndpoints',
  parseInput: (raw) =>
    parseInput(() => {
      const record = parseObject(raw, ['nameContains', 'state']);
      return { nameContains: optionalString(record, 'nameContains', 63), state: optionalEnum(record, 'state', lifecycleStateIds) };
    }),
  invocationMessage: (input) => (input.nameContains !== undefined ? `Listing the endpoints matching "${input.nameContains}"…` : 'Listing the endpoints…'),
  async answer(input: ListEndpointsInput, account: ToolAccount): Promise<string> {
    // A big account is described only where the answer needs it: the endpoints the name filter keeps (the first page of them without a state filter).
    const inventory = await refreshedInventory(account, (listed) => {
      const rows = listed.endpoints().map((entry) => ({ entry, components: listed.componentsOf(entry.summary.name) }));
      const names = filterEndpoints(rows, { nameContains: input.nameContains }).map((row) => row.entry.summary.name);
      return input.state === undefined ? names.slice(0, maxEndpointsListed) : names;
    });
    const rows = inventory.endpoints().map((entry) => ({
      entry,
      components: inventory.componentsOf(entry.summary.name),
      readiness: inventory.readiness(entry.summary.name, account.priceOverrides),
    }));
    return formatEndpointList(rows, input, { label: account.label, overrides: account.priceOverrides });
  },
};

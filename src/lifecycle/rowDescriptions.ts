import { type Lifecycle, lifecycleLabels, wakingPhaseLabels } from './lifecycle';
import { deriveEndpointState } from './endpointState';
import { type EndpointSnapshot, type InferenceComponentSnapshot } from '../resources/resourceSnapshots';
import { type InstanceKeeper } from '../resources/instanceKeepers';

/*
 * A row's description is cut at the side bar's edge (300 px by default, less the inline actions of a
 * selected or hovered row), so it says only what the user acts on, the state then the counts, and
 * leaves the rest (instance type, status details, min–max) to the tooltip.
 */

/** "1" when settled, "0/1" (current/desired) while it moves. */
function count(current: number | undefined, desired: number | undefined): string {
  if (current === undefined && desired === undefined) return '';
  if (current === desired || desired === undefined) return `${current}`;
  return `${current ?? '?'}/${desired}`;
}

/**
 * The one line a user reads on an endpoint row: "Warm · 1 inst", "Cold · 0 inst", "Waking · 0/1 inst",
 * "Creating"; with several components, their copies summed after the state: "Warm · 3 copies · 2 inst"
 * (`copies`: the components' snapshots; one component's copies are on its own row).
 */
export function describeEndpointRow(
  endpoint: EndpointSnapshot,
  components: readonly (Lifecycle | undefined)[] = [],
  copies: readonly Pick<InferenceComponentSnapshot, 'currentCopyCount' | 'desiredCopyCount'>[] = [],
): string {
  const parts: string[] = [deriveEndpointState(endpoint, components).label];
  if (copies.length > 1) parts.push(sumCopies(copies));
  const variant = endpoint.variants[0];
  if (variant) {
    const instances = count(variant.currentInstanceCount, variant.desiredInstanceCount);
    if (instances) parts.push(`${instances} inst`);
  }
  return parts.join(' · ');
}

/** The copies of an endpoint's components summed: "3 copies", "1/3 copies" (current/desired) while they move. */
export function sumCopies(components: readonly Pick<InferenceComponentSnapshot, 'currentCopyCount' | 'desiredCopyCount'>[]): string {
  const current = components.reduce((sum, ic) => sum + (ic.currentCopyCount ?? 0), 0);
  const desired = components.reduce((sum, ic) => sum + (ic.desiredCopyCount ?? ic.currentCopyCount ?? 0), 0);
  return `${count(current, desired)} ${desired === 1 ? 'copy' : 'copies'}`;
}

/** The components that keep the instances alive, for the endpoint's tooltip: "demo-a (MinCapacity 1), demo-b (1 copy, no auto scaling)". */
export function describeInstanceKeepers(keepers: readonly InstanceKeeper[]): string | undefined {
  return keepers.length === 0 ? undefined : keepers.map((keeper) => `${keeper.name} (${keeper.reason})`).join(', ');
}

/**
 * The line on an inference component row: "Warm · 1 copy", "Waking · 0/1 copy · instance provisioning",
 * "Warm · 1 copy · idle 5m" (with an idle timeout, `idleMinutes`: short, as the side bar cuts the
 * rest at its default width; the tooltip says "sleeps after 5 idle min").
 */
export function describeComponentRow(ic: InferenceComponentSnapshot, lifecycle: Lifecycle, idleMinutes?: number): string {
  const current = ic.currentCopyCount ?? 0;
  const desired = ic.desiredCopyCount ?? current;
  const copies = `${count(current, desired)} ${desired === 1 ? 'copy' : 'copies'}`;
  const phase = lifecycle.phase ? ` · ${wakingPhaseLabels[lifecycle.phase]}` : '';
  const idle = idleMinutes !== undefined ? ` · idle ${idleMinutes}m` : '';
  // A rolling update (LastDeploymentConfig set) says what is updated; which copies are new, AWS does not tell.
  const label = lifecycle.state === 'updating' && ic.lastDeployment ? 'Updating model' : lifecycleLabels[lifecycle.state];
  return `${label} · ${copies}${phase}${idle}`;
}

/** "sleeps after 5 idle min": the idle timeout in a component's tooltip. */
export function idleTimeoutLabel(minutes: number): string {
  return `sleeps after ${minutes} idle min`;
}

import { findIdleTimeout } from './idleTimeout';
import { holdsInstances, type InferenceComponentScaling, type InferenceComponentSnapshot } from './resourceSnapshots';

/*
 * Which inference components keep their endpoint's instances alive. Managed instance scaling releases
 * an instance only when it hosts no copy, so one component that cannot reach 0 copies keeps the
 * instances of an endpoint whose others all sleep: its scalable target keeps a minimum above 0, or it
 * has copies and nothing that scales them in to 0 (no auto scaling, or no target tracking that scales
 * in and no idle timeout). The endpoint's row, its readiness report and the readiness check name it.
 */

export interface InstanceKeeper {
  name: string;
  /** Why, short, for a tooltip: "MinCapacity 1", "1 copy, no auto scaling". */
  reason: string;
  /** The change that lets it reach 0 copies, naming it. */
  change: string;
}

const copies = (count: number) => `${count} ${count === 1 ? 'copy' : 'copies'}`;

/** The keeper of one component, or undefined when it can reach 0 copies (or its scaling is not read yet). */
export function instanceKeeper(ic: InferenceComponentSnapshot, scaling: InferenceComponentScaling | undefined): InstanceKeeper | undefined {
  if (!scaling) return undefined;
  const enable = `run "Enable Scale to Zero" on ${ic.name}`;
  const target = scaling.target;
  if (target && target.minCapacity > 0) {
    return { name: ic.name, reason: `MinCapacity ${target.minCapacity}`, change: `set the scalable target's MinCapacity of ${ic.name} from ${target.minCapacity} to 0 (${enable})` };
  }
  if (!holdsInstances(ic)) return undefined;
  const held = copies(Math.max(ic.currentCopyCount ?? 0, ic.desiredCopyCount ?? 0));
  if (!target) return { name: ic.name, reason: `${held}, no auto scaling`, change: `${enable} to give it a scale-to-zero setup` };
  const scalesIn = scaling.policies.some((policy) => policy.type === 'TargetTrackingScaling' && !policy.disableScaleIn) || !!findIdleTimeout(ic.name, scaling)?.policy;
  if (!scalesIn) return { name: ic.name, reason: `${held}, nothing scales it in`, change: `${enable} to add the policy that scales it in to 0` };
  return undefined;
}

/** The components of one endpoint that keep its instances alive, in their order. */
export function instanceKeepers(components: readonly { ic: InferenceComponentSnapshot; scaling?: InferenceComponentScaling }[]): InstanceKeeper[] {
  return components.flatMap(({ ic, scaling }) => instanceKeeper(ic, scaling) ?? []);
}

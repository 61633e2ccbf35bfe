import { type Lifecycle, type LifecycleState } from './lifecycle';
import { type InferenceComponentSnapshot } from '../resources/resourceSnapshots';

/*
 * An adapter inference component (Specification.BaseInferenceComponentName) has no copies of its own:
 * it answers on its base's copies. Its state is therefore its base's, in the words a user needs:
 * loading, served by the base, or waiting for the base to wake. AWS does not document what an
 * adapter's Describe shows while its base has 0 copies, so only its own status (Creating, Deleting,
 * Failed) is read from it, never its copy counts.
 */

function adapterState(state: LifecycleState, label: string, detail: string, inTransition: boolean, phase?: Lifecycle['phase']): Lifecycle {
  return { state, label, detail, inTransition, ...(phase ? { phase } : {}) };
}

/** Whether the base serves requests now (it has copies). */
function serves(base: Lifecycle): boolean {
  return ['warm', 'scalingOut', 'scalingIn', 'updating'].includes(base.state);
}

/** The adapter's lifecycle from its own status and its base's lifecycle (undefined: the base is not known). */
export function deriveAdapterLifecycle(adapter: InferenceComponentSnapshot, base: Lifecycle | undefined): Lifecycle {
  const baseName = adapter.baseComponentName ?? '?';
  if (adapter.status === 'Deleting') return adapterState('deleting', 'Deleting', `The adapter of ${baseName} is being deleted.`, true);
  if (adapter.status === 'Failed') {
    return adapterState('failed', 'Failed', adapter.failureReason ? `Failed: ${adapter.failureReason}` : 'Failed, and SageMaker gave no reason.', false);
  }
  if (adapter.status === 'Creating') return adapterState('creating', 'Loading', `${baseName} is loading the adapter's artifacts.`, true);
  if (!base) return adapterState('failed', `Base ${baseName} not found`, `Its base inference component ${baseName} is not on this endpoint: requests to the adapter fail.`, false);
  if (serves(base)) return adapterState('warm', 'Served', `Served by the copies of ${baseName} (${base.label}).`, base.inTransition);
  if (base.state === 'waking') {
    return adapterState('waking', `Waits for ${baseName} to wake`, `${baseName} is waking (${base.label}); the adapter answers once a copy serves.`, true, base.phase);
  }
  if (base.state === 'cold' || base.state === 'draining') {
    return adapterState(
      base.state,
      `Waits for ${baseName} to wake`,
      `${baseName} has 0 copies: a request to the adapter is refused for lack of capacity, and its wake alarm (if set up) wakes ${baseName}.`,
      base.inTransition,
    );
  }
  return adapterState(base.state, `Waits for ${baseName}`, `${baseName} is ${base.label.toLowerCase()}: the adapter answers once ${baseName} has a copy in service.`, base.inTransition);
}

/**
 * The line on an adapter's row, nested under its base (which the nesting names): "Served · adapter",
 * "Waits for base to wake", "Loading · adapter". Short, as the side bar cuts the rest at its default
 * width; the tooltip names the base ("Waits for <base> to wake").
 */
export function describeAdapterRow(adapter: InferenceComponentSnapshot, lifecycle: Lifecycle): string {
  const baseName = adapter.baseComponentName ?? '?';
  if (!lifecycle.label.includes(baseName)) return `${lifecycle.label} · adapter`;
  return lifecycle.label.replace(`Base ${baseName} not found`, 'Base not found').replace(baseName, 'base');
}

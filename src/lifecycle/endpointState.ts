import { type Lifecycle, lifecycleLabels } from './lifecycle';
import { type EndpointSnapshot } from '../resources/resourceSnapshots';

/** An endpoint's state in a word or two, the first thing its row says: "Warm", "Cold", "Creating". */
export interface EndpointState {
  label: string;
  /** One sentence for the tooltip: where the word comes from. */
  detail: string;
}

/** The endpoint's own status, in words, when it is not InService (nothing else is known then). */
const statusLabels: Record<string, string> = {
  Creating: 'Creating',
  Updating: 'Updating',
  SystemUpdating: 'Updating',
  RollingBack: 'Rolling back',
  Deleting: 'Deleting',
  Failed: 'Failed',
  UpdateRollbackFailed: 'Update failed',
  OutOfService: 'Out of service',
};

/**
 * The state an InService endpoint shows, from its components' lifecycles, most telling first: a wake
 * under way, then copies serving, then the rest. The first state of this list that a component is in wins.
 */
const componentPrecedence: readonly { states: readonly Lifecycle['state'][]; label: string; detail: string }[] = [
  { states: ['waking'], label: lifecycleLabels.waking, detail: 'A model on it is waking from zero.' },
  { states: ['warm', 'scalingOut', 'scalingIn', 'updating'], label: lifecycleLabels.warm, detail: 'At least one model has copies serving.' },
  { states: ['creating'], label: lifecycleLabels.creating, detail: 'A model on it is being created.' },
  { states: ['deleting'], label: lifecycleLabels.deleting, detail: 'A model on it is being deleted.' },
  { states: ['draining'], label: lifecycleLabels.draining, detail: 'No model has copies, but instances still run until managed instance scaling releases them.' },
  { states: ['failed'], label: lifecycleLabels.failed, detail: 'A model on it failed.' },
  { states: ['cold'], label: lifecycleLabels.cold, detail: 'No copies and no instances: nothing bills.' },
];

/**
 * What an endpoint row leads with. Its status while it is not InService; once it is, the state of its
 * inference components (those whose lifecycle is known); "In service" when it has none known (an
 * endpoint whose model is on the variant, or components not read yet).
 */
export function deriveEndpointState(endpoint: Pick<EndpointSnapshot, 'status'>, components: readonly (Lifecycle | undefined)[]): EndpointState {
  if (endpoint.status !== 'InService') {
    const label = statusLabels[endpoint.status] ?? endpoint.status;
    return { label, detail: `The endpoint is ${endpoint.status}.` };
  }
  const states = new Set(components.flatMap((lifecycle) => (lifecycle ? [lifecycle.state] : [])));
  const found = componentPrecedence.find((entry) => entry.states.some((state) => states.has(state)));
  return found ? { label: found.label, detail: found.detail } : { label: 'In service', detail: 'The endpoint is InService.' };
}

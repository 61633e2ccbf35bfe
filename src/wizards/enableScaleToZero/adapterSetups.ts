import { type InferenceComponentScaling, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { type WizardEnvironment } from '../environment';

/** An adapter of a base component, with its own alarms (those on its InferenceComponentName). */
export interface AdapterSetup {
  name: string;
  scaling: InferenceComponentScaling;
}

/**
 * The adapters of `base`: the components of its endpoint whose Specification names it as their base
 * (only Describe says so), with their scaling reads.
 */
export async function loadAdapterSetups(env: WizardEnvironment, base: InferenceComponentSnapshot): Promise<AdapterSetup[]> {
  if (base.baseComponentName !== undefined) return [];
  const others = (await env.reader.listInferenceComponents(base.endpointName)).filter((ic) => ic.name !== base.name && ic.status !== 'Deleting');
  const described = await Promise.all(others.map((ic) => env.reader.describeInferenceComponent(ic.name)));
  const names = described.filter((ic) => ic.baseComponentName === base.name).map((ic) => ic.name);
  if (names.length === 0) return [];
  const read = await env.reader.readScaling(names);
  return names.map((name) => ({ name, scaling: read.byComponent.get(name) ?? { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] } }));
}

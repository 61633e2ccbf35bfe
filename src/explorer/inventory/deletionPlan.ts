import { type AccountReader } from '../../aws/accountReader';
import { type UserInput } from '../../prompts/userInput';
import { type TeardownStep } from '../../resources/resourceSnapshots';
import { planTeardown, teardownNotes } from '../../teardown/teardownPlan';
import { type ComponentEntry, type Inventory } from './inventory';

/** A row to delete: an endpoint (with all it holds) or one inference component. */
export interface DeletionTarget {
  kind: 'endpoint' | 'inferenceComponent';
  name: string;
}

/** The steps of a teardown, and what it keeps on purpose (shown in the confirmation). */
export interface DeletionPlan {
  steps: TeardownStep[];
  notes: string[];
}

/**
 * The teardown plan of an endpoint or an inference component, from a fresh read of everything it
 * involves, with the user's answer about the models; undefined when the user cancelled. An endpoint
 * config that other endpoints use is kept (and a note says so).
 */
export async function planDeletion(source: { inventory: Inventory; reader: AccountReader }, target: DeletionTarget, ui: UserInput): Promise<DeletionPlan | undefined> {
  const { inventory, reader } = source;
  await inventory.refresh({ full: true });
  const picked = inventory.component(target.name);
  const components =
    target.kind === 'endpoint' ? inventory.componentsOf(target.name) : picked ? await withAdapters(reader, inventory, picked) : [];
  // Scaling resources of every IC involved, read fresh: nothing billed may be missed.
  const scaling = await reader.readScaling(components.map((entry) => entry.summary.name));
  if (scaling.problems.length > 0) {
    throw new Error(`Not deleting: ${scaling.problems.join(' ')} Deleting without knowing them could leave alarms or schedules behind.`);
  }
  const snapshots = await Promise.all(components.map((entry) => reader.describeInferenceComponent(entry.summary.name)));
  const endpoint = target.kind === 'endpoint' ? await reader.describeEndpoint(target.name) : undefined;
  const configUsers = endpoint?.configName ? await reader.endpointsUsingConfig(endpoint.configName, endpoint.name) : [];
  const deleteModels = await ui.pick({
    title: 'Delete the models too?',
    items: [
      { label: 'Keep the models', description: 'Models cost nothing; other endpoints may use them', value: false },
      { label: 'Delete the models', description: snapshots.map((ic) => ic.modelName).filter(Boolean).join(', '), value: true },
    ],
  });
  if (deleteModels === undefined) return undefined;
  const input = {
    components: snapshots.map((ic) => ({ ic, scaling: scaling.byComponent.get(ic.name)! })),
    endpoint,
    deleteModels,
    configUsers,
  };
  return { steps: planTeardown(input), notes: teardownNotes(input) };
}

/** A component and the adapters that use it as their base (read fresh: they go first, or SageMaker may refuse to delete the base). */
async function withAdapters(reader: AccountReader, inventory: Inventory, picked: ComponentEntry): Promise<ComponentEntry[]> {
  const others = inventory.componentsOf(picked.summary.endpointName).filter((entry) => entry.summary.name !== picked.summary.name);
  const described = await Promise.all(others.map(async (entry) => ({ entry, ic: await reader.describeInferenceComponent(entry.summary.name).catch(() => undefined) })));
  return [picked, ...described.filter(({ ic }) => ic?.baseComponentName === picked.summary.name).map(({ entry }) => entry)];
}

import { type InferenceComponentScaling, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { pickInferenceComponentStep } from '../account/inferenceComponentPick';
import { type WizardEnvironment } from '../environment';
import { inputStep } from '../framework/stepBuilders';
import { runWizard } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { derivedSageMakerName, validateSageMakerName } from '../validation/names';
import { buildAddAdapterPlan, validateAdapterArtifactUrl } from './adapterPlan';
import { loadAdapterSetups } from '../enableScaleToZero/adapterSetups';

export const addAdapterTitle = 'Add Adapter';

interface AddAdapterState {
  baseName?: string;
  base?: InferenceComponentSnapshot;
  baseScaling?: InferenceComponentScaling;
  /** The base's adapters already there. */
  otherAdapters?: string[];
  adapterName?: string;
  artifactUrl?: string;
}

async function loadBase(env: WizardEnvironment, state: AddAdapterState, name: string): Promise<AddAdapterState> {
  const [base, read] = await Promise.all([env.reader.describeInferenceComponent(name), env.reader.readScaling([name])]);
  if (base.baseComponentName !== undefined) {
    throw new Error(`${name} is an adapter of ${base.baseComponentName}: an adapter is added to a base inference component, such as ${base.baseComponentName}.`);
  }
  const baseScaling = read.byComponent.get(name) ?? { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] };
  const otherAdapters = (await loadAdapterSetups(env, base)).map((adapter) => adapter.name);
  return { ...state, baseName: name, base, baseScaling, otherAdapters };
}

/**
 * "Add Adapter…": on a base inference component (the row's, or one it asks for), the adapter's name
 * and artifact URL, then the plan: the adapter, and its wake alarm when the base scales to zero.
 */
export async function addAdapterWizard(env: WizardEnvironment, baseComponentName?: string): Promise<WizardResult> {
  const initial = baseComponentName ? await loadBase(env, {}, baseComponentName) : {};
  // "<base>-adapter" (or -adapter-2, …): a free name offered until the user types one.
  let suggested: string | undefined;
  return runWizard<AddAdapterState>(
    {
      title: addAdapterTitle,
      steps: [
        pickInferenceComponentStep<AddAdapterState>({
          when: () => !baseComponentName,
          reader: env.reader,
          placeholder: 'Add an adapter to which base inference component?',
          selected: (state) => state.baseName,
          apply: async (state, name) => (name === state.baseName && state.base ? state : loadBase(env, state, name)),
        }),
        inputStep<AddAdapterState>({
          id: 'adapterName',
          prompt: (state) => `Name of the adapter inference component on ${state.baseName ?? 'the base'} (unique in this account and region)`,
          value: (state) => state.adapterName ?? suggested,
          validate: (value) => validateSageMakerName(value, 'adapter'),
          load: async (state) => {
            const taken = (await env.reader.listInferenceComponents()).map((ic) => ic.name);
            suggested = state.baseName ? derivedSageMakerName(state.baseName, '-adapter', taken) : undefined;
            const takenNames = new Set(taken.map((name) => name.toLowerCase()));
            // Adapters share the inference components' names (unique, case-insensitively, in the account and region).
            return (value: string) => (takenNames.has(value.toLowerCase()) ? `An inference component named ${value} already exists in this account and region.` : undefined);
          },
          apply: (state, value) => ({ ...state, adapterName: value }),
        }),
        inputStep<AddAdapterState>({
          id: 'artifactUrl',
          prompt: "Location of the adapter's artifacts (LoRA weights): s3:// or https://",
          placeholder: 's3://my-bucket/adapters/my-adapter/',
          value: (state) => state.artifactUrl,
          validate: (value) => validateAdapterArtifactUrl(value),
          apply: (state, value) => ({ ...state, artifactUrl: value }),
        }),
      ],
      buildPlan: (state) =>
        buildAddAdapterPlan({ base: state.base!, baseScaling: state.baseScaling!, adapterName: state.adapterName!, artifactUrl: state.artifactUrl!, otherAdapters: state.otherAdapters }),
    },
    env.ui,
    initial,
  );
}

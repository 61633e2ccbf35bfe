import { findIdleTimeout } from '../../resources/idleTimeout';
import { pickInferenceComponentStep } from '../account/inferenceComponentPick';
import { type WizardEnvironment } from '../environment';
import { runWizard } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { loadComponentSetup, type Loaded } from './enableScaleToZeroWizard';
import { parseIdleMinutes } from './idleTimeoutPlan';
import { defaultScaleSettings, idleMinutesStep, type ScaleSettings } from './scaleSettings';
import { buildSetIdleTimeoutPlan, idleTimeoutBlocker } from './setIdleTimeoutPlan';
import { loadAdapterSetups } from './adapterSetups';

export const setIdleTimeoutTitle = 'Set Idle Timeout';

interface SetIdleState {
  icName?: string;
  loaded?: Loaded;
  /** The component's adapters (their requests count in the idle alarm too). */
  adapters?: string[];
  /** Only `idleMinutes` is asked; the rest is the component's current setup. */
  scaling: ScaleSettings;
}

async function loadState(env: WizardEnvironment, state: SetIdleState, icName: string): Promise<SetIdleState> {
  const loaded = await loadComponentSetup(env, icName);
  const blocker = idleTimeoutBlocker(icName, loaded.scaling);
  if (blocker) throw new Error(blocker);
  const adapters = (await loadAdapterSetups(env, loaded.ic)).map((adapter) => adapter.name);
  return { ...state, icName, loaded, adapters, scaling: loaded.assessment.settings };
}

/**
 * "Set Idle Timeout…": the idle-minutes question of the wizards on one component (empty: off), then
 * the plan that sets, changes or removes its idle timeout.
 */
export async function setIdleTimeoutWizard(env: WizardEnvironment, inferenceComponentName?: string): Promise<WizardResult> {
  const empty: SetIdleState = { scaling: { ...defaultScaleSettings } };
  const initial = inferenceComponentName ? await loadState(env, empty, inferenceComponentName) : empty;
  return runWizard<SetIdleState>(
    {
      title: setIdleTimeoutTitle,
      steps: [
        pickInferenceComponentStep<SetIdleState>({
          when: () => !inferenceComponentName,
          reader: env.reader,
          placeholder: 'Set the idle timeout of which inference component?',
          selected: (state) => state.icName,
          apply: async (state, name) => (name === state.icName && state.loaded ? state : loadState(env, state, name)),
        }),
        idleMinutesStep<SetIdleState>({
          hourlyUsd: (state) => state.loaded?.hourlyUsd,
          check: (value, state) => {
            const loaded = state.loaded;
            if (!loaded) return undefined;
            const minutes = parseIdleMinutes(value);
            const idle = findIdleTimeout(loaded.ic.name, loaded.scaling);
            const trackingScalesIn = loaded.scaling.policies.some((policy) => policy.type === 'TargetTrackingScaling' && !policy.disableScaleIn);
            if (minutes === undefined && !idle && trackingScalesIn) return `${loaded.ic.name} has no idle timeout: target tracking already scales in on its own.`;
            return undefined;
          },
        }),
      ],
      buildPlan: (state) =>
        buildSetIdleTimeoutPlan({ ic: state.loaded!.ic, scaling: state.loaded!.scaling, minutes: state.scaling.idleMinutes, hourlyUsd: state.loaded!.hourlyUsd, adapters: state.adapters }),
    },
    env.ui,
    initial,
  );
}

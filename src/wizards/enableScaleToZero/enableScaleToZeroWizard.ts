import { type InferenceComponentScaling, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { type Plan } from '../plans/plan';
import { type WizardEnvironment } from '../environment';
import { mapAnswer } from '../framework/stepBuilders';
import { runWizard, type WizardStep } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { pickInferenceComponentStep } from '../account/inferenceComponentPick';
import { type StepInfo, type UserInput } from '../../prompts/userInput';
import { defaultScaleSettings, scaleSettingsSteps, type ScaleSettings } from './scaleSettings';
import { scaleToZeroNotesFor, scaleToZeroSteps, type PartAction, type ScalePart } from './scaleToZeroPlan';
import { allPartsAsRepairs, assessSetup, type Repair, type SetupAssessment } from './setupAssessment';
import { plural } from '../../l10n/plural';
import { hourlyPrice } from '../../cost/pricing';
import { idleTimeoutNote } from './idleTimeoutPlan';

export const enableScaleToZeroTitle = 'Enable Scale to Zero';

export interface Loaded {
  ic: InferenceComponentSnapshot;
  /** The hourly price of the endpoint's instance type, when known (the idle timeout's cost per sleep). */
  hourlyUsd?: number;
  scaling: InferenceComponentScaling;
  assessment: SetupAssessment;
  problems: string[];
}

interface EnableState {
  icName?: string;
  loaded?: Loaded;
  /** The parts the plan writes. */
  repairs: Repair[];
  /** Everything already passes and the user chose to rewrite it anyway. */
  reconfigure?: boolean;
  scaling: ScaleSettings;
}

/** A component, its scaling setup and its assessment, and its instance's hourly price when known. */
export async function loadComponentSetup(env: WizardEnvironment, icName: string): Promise<Loaded> {
  const [ic, read] = await Promise.all([env.reader.describeInferenceComponent(icName), env.reader.readScaling([icName])]);
  const scaling = read.byComponent.get(icName) ?? { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] };
  const instanceType = await env.reader.describeEndpoint(ic.endpointName).then(
    (endpoint) => endpoint.variants.find((variant) => variant.name === ic.variantName)?.instanceType ?? endpoint.variants[0]?.instanceType,
    () => undefined,
  );
  const hourlyUsd = instanceType ? hourlyPrice(instanceType, env.priceOverrides) : undefined;
  return { ic, scaling, assessment: assessSetup(ic, scaling), problems: read.problems, ...(hourlyUsd !== undefined ? { hourlyUsd } : {}) };
}

function withLoaded(state: EnableState, loaded: Loaded): EnableState {
  const { assessment } = loaded;
  return { ...state, icName: loaded.ic.name, loaded, repairs: assessment.repairs, reconfigure: undefined, scaling: assessment.settings };
}

/** The repair page: offers what the readiness check fails, everything picked; or, when nothing fails, a rewrite. */
function repairStep(): WizardStep<EnableState> {
  return {
    id: 'repairs',
    when: (state) => !!state.loaded && !state.loaded.assessment.fresh,
    // Unpicking the target or the target-tracking policy drops their settings pages.
    branches: (state) => !!state.loaded?.assessment.repairs.some((repair) => repair.part === 'target' || repair.part === 'targetTracking'),
    async ask(state: EnableState, info: StepInfo, ui: UserInput) {
      const loaded = state.loaded!;
      const { assessment } = loaded;
      if (assessment.repairs.length === 0) {
        const answer = await ui.pickPage(info, {
          placeholder: `${loaded.ic.name} already scales to zero and wakes on a single request: every check passes.`,
          items: [
            { label: 'Rewrite the setup with new settings', detail: 'Re-register the target and rewrite both policies and the wake alarm in place.', value: 'rewrite' as const },
            { label: 'Close: nothing to repair', value: 'close' as const },
          ],
        });
        if (answer.kind === 'value' && answer.value === 'close') return { kind: 'cancel' };
        return mapAnswer(answer, () => ({ ...state, reconfigure: true, repairs: allPartsAsRepairs(assessment, loaded.scaling) }));
      }
      const chosen = new Set(state.repairs.map((repair) => repair.part));
      for (;;) {
        const answer = await ui.pickManyPage(info, {
          placeholder: plural(assessment.repairs.length, { one: '{name} has a scaling setup that fails {count} part of the readiness check: pick what to repair', other: '{name} has a scaling setup that fails {count} parts of the readiness check: pick what to repair' }, { name: loaded.ic.name }),
          items: assessment.repairs.map((repair) => ({
            label: repair.label,
            description: repair.action === 'update' ? 'changes an existing resource' : 'new',
            detail: repair.reasons.join(' '),
            value: repair.part,
            picked: chosen.has(repair.part),
          })),
        });
        if (answer.kind !== 'value') return answer;
        if (answer.value.length === 0) continue;
        const picked = new Set<ScalePart>(answer.value);
        // The alarm needs a step policy to trigger: a missing one is added with it.
        if (picked.has('wakeAlarm') && !assessment.existingStepPolicyArn) picked.add('stepPolicy');
        return { kind: 'value', value: { ...state, reconfigure: false, repairs: assessment.repairs.filter((repair) => picked.has(repair.part)) } };
      }
    },
  };
}

const has = (state: EnableState, part: ScalePart) => state.repairs.some((repair) => repair.part === part);

/**
 * Whether the plan will write `part`, so that its settings pages are counted before they are known: a
 * component not read yet is counted as new (every part), one that passes every check as rewritten.
 */
function writes(state: EnableState, part: ScalePart): boolean {
  if (!state.loaded) return true;
  if (state.loaded.assessment.repairs.length === 0 && !state.loaded.assessment.fresh && state.reconfigure === undefined) return true;
  return has(state, part);
}

export function buildEnablePlan(state: EnableState): Plan {
  const loaded = state.loaded!;
  const parts: Partial<Record<ScalePart, PartAction>> = {};
  for (const repair of state.repairs) parts[repair.part] = repair.action;
  const { assessment } = loaded;
  const { idle } = assessment;
  const steps = scaleToZeroSteps({
    inferenceComponentName: loaded.ic.name,
    settings: state.scaling,
    parts,
    existingStepPolicyArn: assessment.existingStepPolicyArn,
    names: assessment.names,
    // The idle timeout goes with the target-tracking policy whose scale-in it replaces; an idle alarm
    // repaired alone is rewritten in place, aimed at its existing set-to-zero policy.
    ...(parts.targetTracking
      ? { idleParts: { idlePolicy: idle.policyExists ? 'update' : 'create', idleAlarm: idle.alarmExists ? 'update' : 'create' } as const, idleNames: idle.names }
      : parts.idleAlarm
        ? { idleParts: { idleAlarm: 'update' } as const, idleNames: idle.names, ...(idle.policyArn ? { existingIdlePolicyArn: idle.policyArn } : {}) }
        : {}),
  });
  const idleNotes = (parts.targetTracking || parts.idleAlarm) && state.scaling.idleMinutes !== undefined ? [idleTimeoutNote(state.scaling.idleMinutes, loaded.hourlyUsd)] : [];
  const writesIdle = (parts.targetTracking || parts.idleAlarm) && state.scaling.idleMinutes !== undefined;
  const notes = [...idleNotes, ...scaleToZeroNotesFor(writesIdle ? state.scaling.idleMinutes : undefined), ...loaded.problems.map((problem) => `Not checked: ${problem}`)];
  return {
    title: assessment.fresh ? `Enable scale to zero on ${loaded.ic.name}` : `Repair the scale-to-zero setup of ${loaded.ic.name}`,
    steps,
    notes,
  };
}

/**
 * Wizard 2: the scalable target, the target-tracking and step policies and the single-request wake
 * alarm for an existing inference component; on a setup that exists but fails the readiness check,
 * only the failing parts, written over the wrong resources.
 */
export async function enableScaleToZeroWizard(env: WizardEnvironment, inferenceComponentName?: string): Promise<WizardResult> {
  let initial: EnableState = { repairs: [], scaling: { ...defaultScaleSettings } };
  if (inferenceComponentName) initial = withLoaded(initial, await loadComponentSetup(env, inferenceComponentName));
  const steps: WizardStep<EnableState>[] = [
    pickInferenceComponentStep<EnableState>({
      when: () => !inferenceComponentName,
      // A component with a setup that fails shows its repairs instead of every settings page.
      branches: true,
      reader: env.reader,
      placeholder: 'Enable scale to zero on which inference component?',
      selected: (state) => state.icName,
      apply: async (state, name) => (name === state.icName && state.loaded ? state : withLoaded(state, await loadComponentSetup(env, name))),
    }),
    repairStep(),
    ...scaleSettingsSteps<EnableState>({
      hourlyUsd: (state) => state.loaded?.hourlyUsd,
      askTarget: (state) => writes(state, 'target'),
      askTargetTracking: (state) => writes(state, 'targetTracking'),
    }),
  ];
  return runWizard(
    {
      title: enableScaleToZeroTitle,
      steps,
      buildPlan: buildEnablePlan,
      reviewNotes: (state) => {
        const failing = state.loaded?.assessment.checks.filter((check) => check.status === 'fail') ?? [];
        return failing.map((check) => `Fails now: ${check.title}: ${check.reason}`);
      },
    },
    env.ui,
    initial,
  );
}

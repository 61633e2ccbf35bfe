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
import { countedAdapters, idleTimeoutNote } from './idleTimeoutPlan';
import { outputRef } from '../framework/planRefs';
import { adapterAssumption } from '../../readiness/adapterWake';
import { adaptersWithoutWakePath, adapterWakeAlarmName, adapterWakeAlarmStep } from './adapterWakePlan';
import { loadAdapterSetups, type AdapterSetup } from './adapterSetups';
import { findIdleTimeout } from '../../resources/idleTimeout';

export const enableScaleToZeroTitle = 'Enable Scale to Zero';

export interface Loaded {
  ic: InferenceComponentSnapshot;
  /** The hourly price of the endpoint's instance type, when known (the idle timeout's cost per sleep). */
  hourlyUsd?: number;
  /** The instance type the component's variant runs on, when the endpoint could be read. */
  instanceType?: string;
  scaling: InferenceComponentScaling;
  assessment: SetupAssessment;
  problems: string[];
}

interface EnableState {
  icName?: string;
  loaded?: Loaded;
  /** The component's adapters (they run on its copies) and their own alarms; read by this wizard only. */
  adapters?: AdapterSetup[];
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
  return {
    ic,
    scaling,
    assessment: assessSetup(ic, scaling),
    problems: read.problems,
    ...(hourlyUsd !== undefined ? { hourlyUsd } : {}),
    ...(instanceType !== undefined ? { instanceType } : {}),
  };
}

function withLoaded(state: EnableState, loaded: Loaded, adapters: AdapterSetup[] = []): EnableState {
  const { assessment } = loaded;
  return { ...state, icName: loaded.ic.name, loaded, adapters, repairs: assessment.repairs, reconfigure: undefined, scaling: assessment.settings };
}

async function loadWithAdapters(env: WizardEnvironment, state: EnableState, icName: string): Promise<EnableState> {
  const loaded = await loadComponentSetup(env, icName);
  const base = loaded.ic.baseComponentName;
  if (base !== undefined) throw new Error(adapterRefusal(icName, base));
  return withLoaded(state, loaded, await loadAdapterSetups(env, loaded.ic));
}

/** Why an adapter has no setup of its own: its base's setup (and the adapter's wake alarm) is what to enable. */
export function adapterRefusal(adapterName: string, baseName: string): string {
  return `${adapterName} is an adapter of ${baseName}: it has no copies of its own to scale. Run "Enable Scale to Zero" on ${baseName}, which also sets up the wake alarm of ${adapterName}.`;
}

/**
 * The idle alarm rewritten in place when the component has an idle timeout that does not count every
 * adapter's requests (they would not keep it awake); none otherwise.
 */
function idleAlarmRepairForAdapters(state: EnableState): Repair[] {
  const loaded = state.loaded;
  const idle = loaded ? findIdleTimeout(loaded.ic.name, loaded.scaling) : undefined;
  if (!loaded || !idle?.policy) return [];
  const counted = new Set((idle.alarm.metrics ?? []).filter((query) => query.metricName === 'Invocations').map((query) => query.dimensions?.['InferenceComponentName']));
  const uncounted = countedAdapters((state.adapters ?? []).map((adapter) => adapter.name)).filter((name) => !counted.has(name));
  if (uncounted.length === 0) return [];
  return [{ part: 'idleAlarm', action: 'update', label: 'Idle alarm', reasons: [`${idle.alarm.name} does not count requests to ${uncounted.join(', ')}.`] }];
}

/** The adapters that still need a wake alarm (one aimed at the component's step policy). */
function adaptersMissingWake(state: EnableState): string[] {
  return state.loaded ? adaptersWithoutWakePath(state.adapters ?? [], state.loaded.scaling) : [];
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
        const missing = adaptersMissingWake(state);
        const answer = await ui.pickPage(info, {
          placeholder: missing.length
            ? `${loaded.ic.name} scales to zero and wakes on a single request, but a request to its adapter${missing.length === 1 ? '' : 's'} ${missing.join(', ')} while it sleeps wakes nothing.`
            : `${loaded.ic.name} already scales to zero and wakes on a single request: every check passes.`,
          items: [
            ...(missing.length
              ? [{ label: `Add the wake alarm${missing.length === 1 ? '' : 's'} of ${missing.join(', ')}`, detail: `A request to the adapter then wakes ${loaded.ic.name}.`, value: 'adapters' as const }]
              : []),
            { label: 'Rewrite the setup with new settings', detail: 'Re-register the target and rewrite both policies and the wake alarm in place.', value: 'rewrite' as const },
            { label: 'Close: nothing to repair', value: 'close' as const },
          ],
        });
        if (answer.kind === 'value' && answer.value === 'close') return { kind: 'cancel' };
        if (answer.kind === 'value' && answer.value === 'adapters') return { kind: 'value', value: { ...state, reconfigure: false, repairs: idleAlarmRepairForAdapters(state) } };
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
    adapters: (state.adapters ?? []).map((adapter) => adapter.name),
    // The idle timeout goes with the target-tracking policy whose scale-in it replaces; an idle alarm
    // repaired alone is rewritten in place, aimed at its existing set-to-zero policy.
    ...(parts.targetTracking
      ? { idleParts: { idlePolicy: idle.policyExists ? 'update' : 'create', idleAlarm: idle.alarmExists ? 'update' : 'create' } as const, idleNames: idle.names }
      : parts.idleAlarm
        ? { idleParts: { idleAlarm: 'update' } as const, idleNames: idle.names, ...(idle.policyArn ? { existingIdlePolicyArn: idle.policyArn } : {}) }
        : {}),
  });
  // Each adapter without a wake path gets its alarm, aimed at the step policy the plan writes or the one there is.
  const missing = adaptersMissingWake(state);
  const stepPolicy = parts.stepPolicy ? outputRef('stepPolicyArn') : assessment.existingStepPolicyArn;
  if (stepPolicy !== undefined) {
    for (const name of missing) {
      const exists = state.adapters?.find((adapter) => adapter.name === name)?.scaling.alarms.some((alarm) => alarm.name === adapterWakeAlarmName(name));
      steps.push(adapterWakeAlarmStep(name, loaded.ic.name, stepPolicy, exists ? 'update' : 'create'));
    }
  }
  const adapterNotes = missing.length && stepPolicy !== undefined ? [`A request to ${missing.join(' or ')} while ${loaded.ic.name} sleeps wakes ${loaded.ic.name} through its own alarm. ${adapterAssumption}`] : [];
  const idleNotes = (parts.targetTracking || parts.idleAlarm) && state.scaling.idleMinutes !== undefined ? [idleTimeoutNote(state.scaling.idleMinutes, loaded.hourlyUsd)] : [];
  const writesIdle = (parts.targetTracking || parts.idleAlarm) && state.scaling.idleMinutes !== undefined;
  // Only the adapters' alarms (every part of the component passes): the component's own setup is not written.
  const adaptersOnly = state.reconfigure === false && loaded.assessment.repairs.length === 0 && missing.length > 0;
  const setupNotes = adaptersOnly ? [] : scaleToZeroNotesFor(writesIdle ? state.scaling.idleMinutes : undefined);
  const notes = [...idleNotes, ...setupNotes, ...adapterNotes, ...loaded.problems.map((problem) => `Not checked: ${problem}`)];
  return {
    title: assessment.fresh
      ? `Enable scale to zero on ${loaded.ic.name}`
      : state.reconfigure === false && state.loaded?.assessment.repairs.length === 0 && missing.length
        ? `Add the wake alarms of ${loaded.ic.name}'s adapters`
        : `Repair the scale-to-zero setup of ${loaded.ic.name}`,
    steps,
    notes,
  };
}

/** What the wizard would write on a component with every default taken and every failing part picked. */
export type RepairProposal =
  | { kind: 'plan'; plan: Plan; loaded: Loaded; repairs: Repair[]; adaptersMissingWake: string[] }
  | { kind: 'nothingToRepair'; loaded: Loaded }
  | { kind: 'adapter'; baseName: string; message: string };

/**
 * The wizard's plan for `icName` without a question: a fresh component gets the whole setup; a setup
 * that fails gets every failing part (what the repair page offers, all picked, with its rule that a
 * wake alarm without a step policy brings one); a setup that passes but leaves adapters without a wake
 * path gets their alarms (the page's first choice). Settings are the existing setup's (the pages' defaults).
 */
export async function repairPlan(env: WizardEnvironment, icName: string): Promise<RepairProposal> {
  const loaded = await loadComponentSetup(env, icName);
  const base = loaded.ic.baseComponentName;
  if (base !== undefined) return { kind: 'adapter', baseName: base, message: adapterRefusal(icName, base) };
  const state = withLoaded({ repairs: [], scaling: { ...defaultScaleSettings } }, loaded, await loadAdapterSetups(env, loaded.ic));
  const { assessment } = loaded;
  const missing = adaptersMissingWake(state);
  let chosen: EnableState;
  if (assessment.fresh) {
    chosen = state;
  } else if (assessment.repairs.length > 0) {
    const picked = new Set<ScalePart>(assessment.repairs.map((repair) => repair.part));
    if (picked.has('wakeAlarm') && !assessment.existingStepPolicyArn) picked.add('stepPolicy');
    chosen = { ...state, reconfigure: false, repairs: assessment.repairs.filter((repair) => picked.has(repair.part)) };
  } else if (missing.length > 0) {
    chosen = { ...state, reconfigure: false, repairs: idleAlarmRepairForAdapters(state) };
  } else {
    return { kind: 'nothingToRepair', loaded };
  }
  return { kind: 'plan', plan: buildEnablePlan(chosen), loaded, repairs: chosen.repairs, adaptersMissingWake: missing };
}

/**
 * Wizard 2: the scalable target, the target-tracking and step policies and the single-request wake
 * alarm for an existing inference component; on a setup that exists but fails the readiness check,
 * only the failing parts, written over the wrong resources.
 */
export async function enableScaleToZeroWizard(env: WizardEnvironment, inferenceComponentName?: string): Promise<WizardResult> {
  let initial: EnableState = { repairs: [], scaling: { ...defaultScaleSettings } };
  if (inferenceComponentName) initial = await loadWithAdapters(env, initial, inferenceComponentName);
  const steps: WizardStep<EnableState>[] = [
    pickInferenceComponentStep<EnableState>({
      when: () => !inferenceComponentName,
      // A component with a setup that fails shows its repairs instead of every settings page.
      branches: true,
      reader: env.reader,
      placeholder: 'Enable scale to zero on which inference component?',
      selected: (state) => state.icName,
      apply: async (state, name) => (name === state.icName && state.loaded ? state : loadWithAdapters(env, state, name)),
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

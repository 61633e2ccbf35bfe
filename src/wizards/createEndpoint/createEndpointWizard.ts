import { type ModelInfo } from '../account/modelCatalog';
import { defaultScaleSettings } from '../enableScaleToZero/scaleSettings';
import { type WizardEnvironment } from '../environment';
import { inputStep, pickStep } from '../framework/stepBuilders';
import { runWizard, type WizardStep } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { derivedSageMakerName, duplicateNameCheck, validateSageMakerName } from '../validation/names';
import { validateInteger } from '../validation/numbers';
import { buildCreateEndpointPlan, type CreateEndpointAnswers, type RoutingStrategy } from './createEndpointPlan';
import { copiesFitOn, copiesPerInstance, describeAccelerators, instanceCount, instanceTypeItems } from './instanceCapacity';
import { type PriceOverrides } from '../../cost/pricing';
import {
  cooldownInMinutesRange,
  cooldownInMinutesWhy,
  maximumStepSizeRange,
  maximumStepSizeWhy,
  type ScaleInPolicy,
  scaleInWhy,
  validateCooldownInMinutes,
  validateMaximumStepSize,
} from './scaleInPolicy';
import { fallbackChoices, maxFallbackTypes, validateFallbackTypes } from './fallbackInstanceTypes';
import { endpointSettingsPages, type EndpointSettingsState, pickedEndpointSettings } from './endpointSettingsPages';
import { type StepInfo, type UserInput } from '../../prompts/userInput';
import { defaultStartSettings } from './componentStartSettings';
import {
  chosenModelName,
  componentNameStep,
  type ComponentStepsState,
  computeSteps,
  environmentOf,
  isAccelerated,
  isNewModel,
  modelSteps,
  requirementsOf,
  roleSteps,
  scalingSteps,
  startSettingsSteps,
} from './componentSteps';

export const createEndpointTitle = 'Create Scale-to-Zero Endpoint';

/** Answers a caller may fill in advance (e.g. from the tree's context menu); each is still shown as a default. */
export interface CreateEndpointDefaults {
  endpointName?: string;
  modelName?: string;
  instanceType?: string;
  roleArn?: string;
}

interface CreateState extends EndpointSettingsState, ComponentStepsState {
  endpointName: string;
  /** The user chose to walk the advanced settings (false: "Use these defaults"). */
  advanced?: boolean;
  endpointConfigName?: string;
  maxInstances: number;
  /** ManagedInstanceScaling.ScaleInPolicy; none: SageMaker's own behaviour (no policy sent). */
  scaleIn?: ScaleInPolicy;
  routing: RoutingStrategy;
  /** Fallback instance types for a wake (InstancePools after the chosen type), in priority order. */
  fallbackInstanceTypes: string[];
}

/** The optional settings as "Use these defaults" sets them; the names, memory and accelerators follow the required answers. */
const optionalDefaults = {
  endpointConfigName: undefined,
  maxInstances: 1,
  scaleIn: undefined,
  routing: 'LEAST_OUTSTANDING_REQUESTS',
  inferenceComponentName: undefined,
  accelerators: undefined,
  memoryMb: undefined,
  cpuCores: undefined,
  copyCount: 1,
  fallbackInstanceTypes: [],
  endpointSettingsPicked: [],
  endpointSettings: {},
  startSettings: defaultStartSettings,
  addScaling: true,
  customScaling: false,
  scaling: { ...defaultScaleSettings, maxCapacity: 1 },
} satisfies Partial<CreateState>;

interface Account {
  models: ModelInfo[];
  roles: string[];
  endpoints: string[];
  endpointConfigs: string[];
  inferenceComponents: string[];
  catalog: boolean;
  /** The user's instance prices (setting), over the built-in table: the picker and the plan show the same. */
  priceOverrides: PriceOverrides;
}

async function readAccount(env: WizardEnvironment): Promise<Account> {
  const [models, roles, endpoints, endpointConfigs, components] = await Promise.all([
    env.models?.listModels() ?? Promise.resolve([]),
    env.models?.listExecutionRoleArns() ?? Promise.resolve([]),
    env.reader.listEndpoints(),
    env.models?.listEndpointConfigNames() ?? Promise.resolve([]),
    env.reader.listInferenceComponents(),
  ]);
  return {
    models,
    roles,
    endpoints: endpoints.map((endpoint) => endpoint.name),
    endpointConfigs,
    inferenceComponents: components.map((ic) => ic.name),
    catalog: !!env.models,
    priceOverrides: env.priceOverrides ?? {},
  };
}

const modelName = chosenModelName;

function copiesThatFit(state: CreateState): number {
  return state.instanceType ? copiesPerInstance(state.instanceType, requirementsOf(state)) * state.maxInstances : 0;
}

const configName = (state: CreateState, account: Account) =>
  state.endpointConfigName ?? derivedSageMakerName(state.endpointName, '-config', account.endpointConfigs);
const componentName = (state: CreateState, account: Account) =>
  state.inferenceComponentName ?? derivedSageMakerName(state.endpointName, '-ic', account.inferenceComponents);

/**
 * The wizard's questions in order. Its main walk asks only what has no safe default: the model, its
 * role, the endpoint's name and instance type; then one page offers the defaults of everything else
 * (straight to the plan) or the advanced settings, a section of its own.
 */
function steps(account: Account): WizardStep<CreateState>[] {
  const advanced = [...advancedSteps(account), ...endpointSettingSteps(), ...scalingPages(account.priceOverrides)];
  // The pages "Change advanced settings…" would open, for the answers so far.
  const advancedPages = (state: CreateState) =>
    advanced.filter((step) => step.parent === 'advanced' && (!step.when || step.when({ ...state, advanced: true }))).length;
  return [...modelPages(account), ...rolePages(account), ...endpointSteps(account), advancedStep(advancedPages), ...advanced];
}

/** An existing model, or a new one (componentSteps.ts). */
const modelPages = (account: Account) => modelSteps<CreateState>(account.models);

/** The execution role of the endpoint config and model (componentSteps.ts). */
const rolePages = (account: Account) =>
  roleSteps<CreateState>(account.roles, 'Execution role of the endpoint config and model (SageMaker assumes it to pull the image and weights)');

/** The endpoint's name and its instance type. */
function endpointSteps(account: Account): WizardStep<CreateState>[] {
  return [
    inputStep<CreateState>({
      id: 'endpointName',
      prompt: 'Name of the new endpoint',
      value: (state) => state.endpointName,
      validate: (value) => validateSageMakerName(value, 'endpoint') ?? duplicateNameCheck(account.endpoints, 'endpoint')(value),
      apply: (state, value) => ({ ...state, endpointName: value }),
    }),
    pickStep<CreateState, string>({
      id: 'instanceType',
      placeholder: 'Instance type (grouped by family: vCPUs, memory, accelerators)',
      items: () => instanceTypeItems(account.priceOverrides),
      selected: (state) => state.instanceType,
      apply: (state, instanceType) => ({ ...state, instanceType }),
    }),
  ];
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What each copy needs, in short: "1 GPU, 16 GiB, 1 vCPU". */
function describeCopy(state: CreateState): string {
  const needs = requirementsOf(state);
  const gib = Math.round((needs.memoryMb / 1024) * 10) / 10;
  const parts = [`${gib} GiB`, plural(needs.cpuCores, 'vCPU', 'vCPUs')];
  if (needs.accelerators > 0) parts.unshift(describeAccelerators(state.instanceType!, needs.accelerators));
  return parts.join(', ');
}

/** The optional settings in one short line: "1 copy (1 GPU, 16 GiB, 1 vCPU) · up to 1 instance · scales to 0 at 5 requests/copy". */
function describeSettings(state: CreateState): string {
  const perCopy = state.scaling.metric === 'SageMakerInferenceComponentInvocationsPerCopy' ? 'invocations/min per copy' : 'requests/copy';
  return [
    `${plural(state.copyCount, 'copy', 'copies')} (${describeCopy(state)})`,
    `up to ${plural(state.maxInstances, 'instance', 'instances')}`,
    state.addScaling ? `scales to 0 at ${state.scaling.targetValue} ${perCopy}` : 'no auto scaling',
  ].join(' · ');
}

/** Once the required questions are answered: the defaults (straight to the plan), or the advanced settings page by page. */
function advancedStep(advancedPages: (state: CreateState) => number): WizardStep<CreateState> {
  return pickStep<CreateState, boolean>({
    id: 'advanced',
    section: 'Advanced settings',
    placeholder: 'Everything required is answered: keep the defaults for the rest, or change them',
    items: (state) => [
      { label: 'Use these defaults', description: 'then review the plan', detail: describeSettings({ ...state, ...optionalDefaults }), value: false },
      {
        label: 'Change advanced settings…',
        detail: `Config and component names, instances and their scale-in, routing, copies, fallback instance types, start settings, AMI, reserved capacity and metrics, auto scaling (${advancedPages(state)} pages)`,
        value: true,
      },
    ],
    selected: (state) => state.advanced,
    apply: (state, advanced) => (advanced ? { ...state, advanced } : { ...state, ...optionalDefaults, advanced }),
  });
}

/** The advanced settings: the config, its managed instance scaling and routing, the inference component, its copies and their needs. */
function advancedSteps(account: Account): WizardStep<CreateState>[] {
  const inSection = (when: (state: CreateState) => boolean = () => true) => ({
    parent: 'advanced',
    when: (state: CreateState) => state.advanced === true && when(state),
  });
  return [
    inputStep<CreateState>({
      id: 'endpointConfigName',
      ...inSection(),
      prompt: 'Name of the endpoint config',
      value: (state) => configName(state, account),
      validate: (value) =>
        validateSageMakerName(value, 'endpoint config') ?? duplicateNameCheck(account.endpointConfigs, 'endpoint config')(value),
      apply: (state, value) => ({ ...state, endpointConfigName: value }),
    }),
    inputStep<CreateState>({
      id: 'maxInstances',
      ...inSection(),
      prompt: 'Managed instance scaling: maximum instances (the minimum is 0, so the endpoint can release every instance)',
      value: (state) => String(state.maxInstances),
      validate: (value) => validateInteger(value, 'The maximum instance count', 1, 100),
      apply: (state, value) => ({ ...state, maxInstances: Number(value) }),
    }),
    ...scaleInSteps(),
    pickStep<CreateState, RoutingStrategy>({
      id: 'routing',
      ...inSection(),
      placeholder: 'How requests are routed to copies',
      items: () => [
        { label: 'Least outstanding requests', description: 'recommended', detail: 'LEAST_OUTSTANDING_REQUESTS: to the copy with the fewest requests in flight', value: 'LEAST_OUTSTANDING_REQUESTS' },
        { label: 'Random', detail: 'RANDOM', value: 'RANDOM' },
      ],
      selected: (state) => state.routing,
      apply: (state, routing) => ({ ...state, routing }),
    }),
    componentNameStep<CreateState>(inSection(), account.inferenceComponents, (state) => componentName(state, account)),
    ...computeSteps<CreateState>(inSection(), {
      prompt: (state) =>
        `Initial copy count (at least 1: SageMaker refuses 0 at creation, so the first copies bill until the first scale-in, about 25 idle minutes; ${copiesFitOn(copiesThatFit(state), instanceCount(state.maxInstances))})`,
      check: (copies, state) => {
        const fit = copiesThatFit(state);
        return copies > fit ? `Only ${copiesFitOn(fit, `${state.maxInstances} × ${state.instanceType}`)} with these requirements.` : undefined;
      },
    }),
    fallbackTypesStep(account, inSection(isAccelerated)),
    ...startSettingsSteps<CreateState>(inSection()),
  ];
}

type ScaleInChoice = 'default' | 'IDLE_RELEASE' | 'CONSOLIDATION' | 'customConsolidation';

/**
 * Managed instance scaling's ScaleInPolicy on one page, a line of why under each choice; "Consolidation
 * with my own step and cooldown…" opens its two numbers (the model's ranges) as a section of their own.
 */
function scaleInSteps(): WizardStep<CreateState>[] {
  const custom = (state: CreateState) => state.advanced === true && state.scaleIn?.strategy === 'CONSOLIDATION' && state.scaleIn.maximumStepSize !== undefined;
  return [
    pickStep<CreateState, ScaleInChoice>({
      id: 'scaleIn',
      parent: 'advanced',
      section: 'Scale-in',
      when: (state) => state.advanced === true,
      placeholder: 'Managed instance scaling: how instances are released when copies scale in (ScaleInPolicy)',
      items: () => [
        { label: 'Release an instance once it is empty', description: 'no ScaleInPolicy', detail: scaleInWhy.default, value: 'default' as const },
        { label: 'Idle release', description: 'IDLE_RELEASE', detail: scaleInWhy.IDLE_RELEASE, value: 'IDLE_RELEASE' as const },
        {
          label: 'Consolidation',
          description: `CONSOLIDATION, ${maximumStepSizeRange.default} instance per step after ${cooldownInMinutesRange.default} minutes (the defaults)`,
          detail: scaleInWhy.CONSOLIDATION,
          value: 'CONSOLIDATION' as const,
        },
        { label: 'Consolidation with my own step and cooldown…', description: 'CONSOLIDATION', detail: 'MaximumStepSize and CooldownInMinutes (2 pages)', value: 'customConsolidation' as const },
      ],
      selected: (state) =>
        !state.scaleIn ? 'default' : state.scaleIn.strategy === 'IDLE_RELEASE' ? 'IDLE_RELEASE' : state.scaleIn.maximumStepSize !== undefined ? 'customConsolidation' : 'CONSOLIDATION',
      apply: (state, choice) => ({
        ...state,
        scaleIn:
          choice === 'default'
            ? undefined
            : choice === 'customConsolidation'
              ? {
                  strategy: 'CONSOLIDATION',
                  maximumStepSize: state.scaleIn?.maximumStepSize ?? maximumStepSizeRange.default,
                  cooldownInMinutes: state.scaleIn?.cooldownInMinutes ?? cooldownInMinutesRange.default,
                }
              : { strategy: choice },
      }),
    }),
    inputStep<CreateState>({
      id: 'maximumStepSize',
      parent: 'scaleIn',
      when: custom,
      prompt: `MaximumStepSize, ${maximumStepSizeRange.min}–${maximumStepSizeRange.max}: ${maximumStepSizeWhy}`,
      value: (state) => String(state.scaleIn?.maximumStepSize ?? maximumStepSizeRange.default),
      validate: (value) => validateMaximumStepSize(value),
      apply: (state, value) => ({ ...state, scaleIn: { ...state.scaleIn!, maximumStepSize: Number(value) } }),
    }),
    inputStep<CreateState>({
      id: 'cooldownInMinutes',
      parent: 'scaleIn',
      when: custom,
      prompt: `CooldownInMinutes, ${cooldownInMinutesRange.min}–${cooldownInMinutesRange.max}: ${cooldownInMinutesWhy}`,
      value: (state) => String(state.scaleIn?.cooldownInMinutes ?? cooldownInMinutesRange.default),
      validate: (value) => validateCooldownInMinutes(value),
      apply: (state, value) => ({ ...state, scaleIn: { ...state.scaleIn!, cooldownInMinutes: Number(value) } }),
    }),
  ];
}

/**
 * Fallback instance types for a wake (GPU and Inferentia types): each with its accelerators, memory,
 * price and the copies that fit; picked types are tried cheapest first after the chosen one. More than
 * the model's 5 pools asks again, saying why.
 */
function fallbackTypesStep(account: Account, placement: { parent: string; when: (state: CreateState) => boolean }): WizardStep<CreateState> {
  return {
    id: 'fallbackInstanceTypes',
    ...placement,
    async ask(state: CreateState, info: StepInfo, ui: UserInput) {
      let problem: string | undefined;
      let picked = state.fallbackInstanceTypes;
      for (;;) {
        const items = fallbackChoices(state.instanceType!, requirementsOf(state), account.priceOverrides, picked);
        const answer = await ui.pickManyPage(info, {
          placeholder:
            problem ??
            `Fallback instance types if ${state.instanceType} has no capacity at a wake (InstancePools): up to ${maxFallbackTypes}, tried in this order; none keeps one type`,
          items,
        });
        if (answer.kind !== 'value') return answer;
        // Tried in the order listed (cheapest first), whatever order they were ticked in.
        picked = items.map((item) => item.value).filter((value) => answer.value.includes(value));
        problem = validateFallbackTypes(state.instanceType!, picked);
        if (!problem) return { kind: 'value', value: { ...state, fallbackInstanceTypes: picked } };
      }
    },
  };
}

/** The endpoint's AMI, reserved capacity and metrics (issue 17, item 4): one page, then a question per picked setting. */
function endpointSettingSteps(): WizardStep<CreateState>[] {
  return endpointSettingsPages<CreateState>({
    when: (state) => state.advanced === true,
    accelerated: isAccelerated,
    neuron: (state) => !!state.instanceType && /^ml\.(inf|trn)/.test(state.instanceType),
    instanceType: (state) => state.instanceType,
  });
}

/** The last advanced page: the scale-to-zero auto scaling with its settings (componentSteps.ts). */
const scalingPages = (priceOverrides: PriceOverrides) =>
  scalingSteps<CreateState>({ parent: 'advanced', when: (state) => state.advanced === true }, priceOverrides, {
    copiesThatFit,
    where: (state) => `${state.maxInstances} × ${state.instanceType}`,
  });

function answersOf(state: CreateState, account: Account): CreateEndpointAnswers {
  return {
    model: isNewModel(state)
      ? { kind: 'new', name: state.modelName, image: state.image, modelDataUrl: state.modelDataUrl || undefined, environment: environmentOf(state) }
      : { kind: 'existing', name: modelName(state) },
    roleArn: state.roleArn,
    endpointName: state.endpointName,
    endpointConfigName: configName(state, account),
    instanceType: state.instanceType!,
    maxInstances: state.maxInstances,
    scaleIn: state.scaleIn,
    routing: state.routing,
    inferenceComponentName: componentName(state, account),
    compute: requirementsOf(state),
    copyCount: state.copyCount,
    ...(isAccelerated(state) && state.fallbackInstanceTypes.length > 0 ? { fallbackInstanceTypes: state.fallbackInstanceTypes } : {}),
    ...(state.advanced && pickedEndpointSettings(state, isAccelerated(state)) ? { endpointSettings: pickedEndpointSettings(state, isAccelerated(state)) } : {}),
    startSettings: state.startSettings,
    scaling: state.addScaling ? state.scaling : undefined,
  };
}

/**
 * Wizard 1: a new endpoint that scales to zero: model, role, endpoint config with managed instance
 * scaling from 0, endpoint, inference component, and (optionally) wizard 2's auto-scaling setup, as
 * one plan. Four questions and the defaults page lead to the plan; the rest are advanced settings.
 */
export async function createEndpointWizard(env: WizardEnvironment, defaults: CreateEndpointDefaults = {}): Promise<WizardResult> {
  const account = await readAccount(env);
  const initial: CreateState = {
    modelChoice: defaults.modelName && account.models.some((model) => model.name === defaults.modelName) ? defaults.modelName : undefined,
    modelName: defaults.modelName ?? '',
    image: '',
    modelDataUrl: '',
    environment: '',
    roleArn: defaults.roleArn ?? '',
    endpointName: defaults.endpointName ?? '',
    instanceType: defaults.instanceType,
    ...optionalDefaults,
  };
  return runWizard(
    { title: createEndpointTitle, steps: steps(account), buildPlan: (state) => buildCreateEndpointPlan(answersOf(state, account), account.priceOverrides) },
    env.ui,
    initial,
  );
}

import { type ModelInfo } from '../account/modelCatalog';
import { defaultScaleSettings, scaleSettingsSteps, type ScaleSettings } from '../enableScaleToZero/scaleSettings';
import { type WizardEnvironment } from '../environment';
import { inputStep, pickStep } from '../framework/stepBuilders';
import { runWizard, type WizardStep } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { derivedSageMakerName, duplicateNameCheck, validateSageMakerName } from '../validation/names';
import { validateDecimal, validateInteger } from '../validation/numbers';
import { formatEnvironment, parseEnvironment, validateImageUri, validateModelDataUrl } from '../validation/modelSource';
import { validateRoleArn } from '../validation/roleArn';
import { buildCreateEndpointPlan, type CreateEndpointAnswers, type RoutingStrategy } from './createEndpointPlan';
import { copiesFitOn, copiesPerInstance, describeAccelerators, describeCapacity, instanceCount, instanceSpec, instanceTypeItems } from './instanceCapacity';
import { hourlyPrice, type PriceOverrides } from '../../cost/pricing';
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
import {
  asksPlacement,
  defaultStartSettings,
  maxImbalanceRange,
  placementWhy,
  type PlacementStrategy,
  startSettingChoices,
  type StartSettingKey,
  type StartSettingsAnswers,
  startSettingWhy,
  startupTimeoutRange,
  validateMaxImbalance,
  validateStartupTimeout,
} from './componentStartSettings';

export const createEndpointTitle = 'Create Scale-to-Zero Endpoint';

/** Answers a caller may fill in advance (e.g. from the tree's context menu); each is still shown as a default. */
export interface CreateEndpointDefaults {
  endpointName?: string;
  modelName?: string;
  instanceType?: string;
  roleArn?: string;
}

const typedRole = '\u0000typed';
const newModel = '\u0000new';

interface CreateState extends EndpointSettingsState {
  modelChoice?: string;
  modelName: string;
  image: string;
  modelDataUrl: string;
  environment: string;
  roleChoice?: string;
  roleArn: string;
  endpointName: string;
  instanceType?: string;
  /** The user chose to walk the advanced settings (false: "Use these defaults"). */
  advanced?: boolean;
  endpointConfigName?: string;
  maxInstances: number;
  /** ManagedInstanceScaling.ScaleInPolicy; none: SageMaker's own behaviour (no policy sent). */
  scaleIn?: ScaleInPolicy;
  routing: RoutingStrategy;
  inferenceComponentName?: string;
  accelerators?: number;
  memoryMb?: number;
  cpuCores?: number;
  copyCount: number;
  /** Fallback instance types for a wake (InstancePools after the chosen type), in priority order. */
  fallbackInstanceTypes: string[];
  /** The inference component's start settings (StartupParameters, DataCacheConfig, SchedulingConfig) changed from their defaults. */
  startSettings: StartSettingsAnswers;
  addScaling: boolean;
  /** The user chose to set the auto scaling's settings page by page. */
  customScaling: boolean;
  scaling: ScaleSettings;
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

const isNewModel = (state: CreateState) => state.modelChoice === newModel;
const modelName = (state: CreateState) => (isNewModel(state) ? state.modelName : state.modelChoice ?? '');
const isAccelerated = (state: CreateState) => !!state.instanceType && instanceSpec(state.instanceType).accelerators > 0;

/** Half the instance's memory: room for two copies, or one copy with a large model. */
const defaultMemoryMb = (instanceType: string) => Math.floor(instanceSpec(instanceType).memoryMiB / 2);

function requirementsOf(state: CreateState) {
  // A CPU instance type asks no accelerator count: an answer given for an earlier GPU pick does not count.
  return {
    accelerators: isAccelerated(state) ? state.accelerators ?? 1 : 0,
    memoryMb: state.memoryMb ?? (state.instanceType ? defaultMemoryMb(state.instanceType) : 1),
    cpuCores: state.cpuCores ?? 1,
  };
}

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
  const advanced = [...advancedSteps(account), ...endpointSettingSteps(), ...scalingSteps(account.priceOverrides)];
  // The pages "Change advanced settings…" would open, for the answers so far.
  const advancedPages = (state: CreateState) =>
    advanced.filter((step) => step.parent === 'advanced' && (!step.when || step.when({ ...state, advanced: true }))).length;
  return [...modelSteps(account), ...roleSteps(account), ...endpointSteps(account), advancedStep(advancedPages), ...advanced];
}

/** An existing model, or a new one: its name, container image, model data and environment, a section of their own. */
function modelSteps(account: Account): WizardStep<CreateState>[] {
  const modelNames = account.models.map((model) => model.name);
  const section = { parent: 'model', when: isNewModel };
  return [
    pickStep<CreateState, string>({
      id: 'model',
      section: 'New model',
      placeholder: 'Model to deploy: an existing SageMaker model, or a new one from a container image',
      items: () => [
        { label: 'Create a new model…', detail: 'From a container image URI, model data and environment (4 more questions)', value: newModel },
        ...account.models.map((model) => ({
          label: model.name,
          description: model.image,
          detail: model.executionRoleArn ? `role ${model.executionRoleArn}` : undefined,
          group: 'Existing models',
          value: model.name,
        })),
      ],
      selected: (state) => state.modelChoice,
      apply: (state, choice) => {
        const existing = account.models.find((model) => model.name === choice);
        return { ...state, modelChoice: choice, roleArn: state.roleArn || existing?.executionRoleArn || '' };
      },
    }),
    inputStep<CreateState>({
      id: 'modelName',
      ...section,
      prompt: 'Name of the new model',
      value: (state) => state.modelName,
      validate: (value) => validateSageMakerName(value, 'model') ?? duplicateNameCheck(modelNames, 'model')(value),
      apply: (state, value) => ({ ...state, modelName: value }),
    }),
    inputStep<CreateState>({
      id: 'image',
      ...section,
      prompt: 'Container image URI (ECR), e.g. a Large Model Inference or TGI container',
      placeholder: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124',
      value: (state) => state.image,
      validate: validateImageUri,
      apply: (state, value) => ({ ...state, image: value }),
    }),
    inputStep<CreateState>({
      id: 'modelDataUrl',
      ...section,
      prompt: 'Model data URL (s3:// or https://), or empty when the container downloads the weights itself',
      value: (state) => state.modelDataUrl,
      validate: validateModelDataUrl,
      apply: (state, value) => ({ ...state, modelDataUrl: value }),
    }),
    inputStep<CreateState>({
      id: 'environment',
      ...section,
      prompt: 'Environment variables as KEY=value, separated by commas (empty for none)',
      placeholder: 'HF_MODEL_ID=meta-llama/Llama-3.1-8B-Instruct, OPTION_MAX_MODEL_LEN=8192',
      value: (state) => state.environment,
      validate: (value) => {
        const parsed = parseEnvironment(value);
        return parsed.ok ? undefined : parsed.error;
      },
      apply: (state, value) => {
        const parsed = parseEnvironment(value);
        return { ...state, environment: parsed.ok ? formatEnvironment(parsed.variables) : value };
      },
    }),
  ];
}

/** The execution role: picked from the roles in use, or typed (its own page when the account shows none). */
function roleSteps(account: Account): WizardStep<CreateState>[] {
  const roleArnPage = (options: { id: string; parent?: string; when: (state: CreateState) => boolean }) =>
    inputStep<CreateState>({
      ...options,
      prompt: 'Execution role ARN (needs sagemaker.amazonaws.com trust, ECR and S3 read access)',
      placeholder: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole',
      value: (state) => state.roleArn,
      validate: validateRoleArn,
      apply: (state, value) => ({ ...state, roleArn: value }),
    });
  return [
    pickStep<CreateState, string>({
      id: 'role',
      section: 'Execution role',
      when: () => account.roles.length > 0,
      placeholder: 'Execution role of the endpoint config and model (SageMaker assumes it to pull the image and weights)',
      items: (state) => [
        ...account.roles.map((arn) => ({ label: arn, group: 'Roles used by existing models and endpoint configs', value: arn, picked: arn === state.roleArn })),
        { label: 'Enter a role ARN…', value: typedRole },
      ],
      selected: (state) => state.roleChoice ?? (account.roles.includes(state.roleArn) ? state.roleArn : undefined),
      apply: (state, choice) => ({ ...state, roleChoice: choice, roleArn: choice === typedRole ? state.roleArn : choice }),
    }),
    roleArnPage({ id: 'roleArnTyped', parent: 'role', when: (state) => account.roles.length > 0 && state.roleChoice === typedRole }),
    roleArnPage({ id: 'roleArn', when: () => account.roles.length === 0 }),
  ];
}

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
    inputStep<CreateState>({
      id: 'inferenceComponentName',
      ...inSection(),
      prompt: 'Name of the inference component',
      value: (state) => componentName(state, account),
      validate: (value) =>
        validateSageMakerName(value, 'inference component') ?? duplicateNameCheck(account.inferenceComponents, 'inference component')(value),
      apply: (state, value) => ({ ...state, inferenceComponentName: value }),
    }),
    inputStep<CreateState>({
      id: 'accelerators',
      ...inSection(isAccelerated),
      prompt: (state) => `Accelerators per copy (${state.instanceType}: ${describeCapacity(state.instanceType!)})`,
      value: (state) => String(state.accelerators ?? 1),
      validate: (value, state) => {
        const available = instanceSpec(state.instanceType!).accelerators;
        return validateInteger(value, 'The accelerator count', 1, Number.MAX_SAFE_INTEGER) ??
          (Number(value) > available ? `${state.instanceType} has ${available} accelerator${available === 1 ? '' : 's'}: a copy cannot need ${value}.` : undefined);
      },
      apply: (state, value) => ({ ...state, accelerators: Number(value) }),
    }),
    inputStep<CreateState>({
      id: 'memoryMb',
      ...inSection(),
      prompt: (state) => `Memory per copy in MiB (MinMemoryRequiredInMb; ${state.instanceType}: ${describeCapacity(state.instanceType!)})`,
      value: (state) => String(requirementsOf(state).memoryMb),
      validate: (value, state) => {
        const available = instanceSpec(state.instanceType!).memoryMiB;
        return validateInteger(value, 'The memory', 128, Number.MAX_SAFE_INTEGER) ??
          (Number(value) > available ? `${state.instanceType} has ${available} MiB of memory: a copy cannot need ${value} MiB.` : undefined);
      },
      apply: (state, value) => ({ ...state, memoryMb: Number(value) }),
    }),
    inputStep<CreateState>({
      id: 'cpuCores',
      ...inSection(),
      prompt: (state) => `CPU cores per copy (NumberOfCpuCoresRequired, from 0.25; ${state.instanceType} has ${instanceSpec(state.instanceType!).vCpus} vCPUs)`,
      value: (state) => String(state.cpuCores ?? 1),
      validate: (value, state) => {
        const available = instanceSpec(state.instanceType!).vCpus;
        return validateDecimal(value, 'The CPU core count', 0.25, Number.MAX_SAFE_INTEGER) ??
          (Number(value) > available ? `${state.instanceType} has ${available} vCPUs: a copy cannot need ${value}.` : undefined);
      },
      apply: (state, value) => ({ ...state, cpuCores: Number(value) }),
    }),
    inputStep<CreateState>({
      id: 'copyCount',
      ...inSection(),
      prompt: (state) =>
        `Initial copy count (at least 1: SageMaker refuses 0 at creation, so the first copies bill until the first scale-in, about 25 idle minutes; ${copiesFitOn(copiesThatFit(state), instanceCount(state.maxInstances))})`,
      value: (state) => String(state.copyCount),
      validate: (value, state) => {
        const fit = copiesThatFit(state);
        return validateInteger(value, 'The initial copy count', 1, Number.MAX_SAFE_INTEGER) ??
          (Number(value) > fit ? `Only ${copiesFitOn(fit, `${state.maxInstances} × ${state.instanceType}`)} with these requirements.` : undefined);
      },
      apply: (state, value) => ({ ...state, copyCount: Number(value) }),
    }),
    fallbackTypesStep(account, inSection(isAccelerated)),
    ...startSettingsSteps(),
  ];
}

/**
 * The inference component's start settings: one page "which of these to change" (none: the defaults,
 * one page for a user who does not care), then one question for each picked setting, a section of its own.
 */
function startSettingsSteps(): WizardStep<CreateState>[] {
  const picked = (key: StartSettingKey) => (state: CreateState) => state.advanced === true && state.startSettings.picked.includes(key);
  const settings = (state: CreateState, change: Partial<StartSettingsAnswers>): CreateState => ({ ...state, startSettings: { ...state.startSettings, ...change } });
  return [
    {
      id: 'startSettings',
      parent: 'advanced',
      section: 'Start settings',
      when: (state) => state.advanced === true,
      async ask(state: CreateState, info: StepInfo, ui: UserInput) {
        const answer = await ui.pickManyPage(info, {
          placeholder: 'Start settings to change (how a wake starts); none keeps the defaults',
          items: startSettingChoices(state.startSettings.picked),
        });
        if (answer.kind !== 'value') return answer;
        return { kind: 'value', value: settings(state, { picked: answer.value }) };
      },
    },
    inputStep<CreateState>({
      id: 'downloadTimeout',
      parent: 'startSettings',
      when: picked('downloadTimeout'),
      prompt: `ModelDataDownloadTimeoutInSeconds, ${startupTimeoutRange.min}–${startupTimeoutRange.max}: ${startSettingWhy.downloadTimeout}`,
      value: (state) => String(state.startSettings.downloadTimeoutSeconds),
      validate: (value) => validateStartupTimeout(value, 'ModelDataDownloadTimeoutInSeconds'),
      apply: (state, value) => settings(state, { downloadTimeoutSeconds: Number(value) }),
    }),
    inputStep<CreateState>({
      id: 'healthCheckTimeout',
      parent: 'startSettings',
      when: picked('healthCheckTimeout'),
      prompt: `ContainerStartupHealthCheckTimeoutInSeconds, ${startupTimeoutRange.min}–${startupTimeoutRange.max}: ${startSettingWhy.healthCheckTimeout}`,
      value: (state) => String(state.startSettings.healthCheckTimeoutSeconds),
      validate: (value) => validateStartupTimeout(value, 'ContainerStartupHealthCheckTimeoutInSeconds'),
      apply: (state, value) => settings(state, { healthCheckTimeoutSeconds: Number(value) }),
    }),
    pickStep<CreateState, PlacementStrategy>({
      id: 'placementStrategy',
      parent: 'startSettings',
      when: (state) => state.advanced === true && asksPlacement(state.startSettings),
      placeholder: 'SchedulingConfig.PlacementStrategy: how copies are placed on the instances (within each zone when zones are balanced)',
      items: () => [
        { label: 'Pack copies together', description: 'BINPACK', detail: placementWhy.BINPACK, value: 'BINPACK' as const },
        { label: 'Spread copies out', description: 'SPREAD', detail: placementWhy.SPREAD, value: 'SPREAD' as const },
      ],
      selected: (state) => state.startSettings.placementStrategy,
      apply: (state, placementStrategy) => settings(state, { placementStrategy }),
    }),
    inputStep<CreateState>({
      id: 'maxImbalance',
      parent: 'startSettings',
      when: picked('zoneBalance'),
      prompt: `AvailabilityZoneBalance.MaxImbalance, ${maxImbalanceRange.min}–${maxImbalanceRange.max}: the most copies one Availability Zone may have over another (${maxImbalanceRange.default}: as even as possible)`,
      value: (state) => String(state.startSettings.maxImbalance),
      validate: validateMaxImbalance,
      apply: (state, value) => settings(state, { maxImbalance: Number(value) }),
    }),
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

type ScalingChoice = 'add' | 'custom' | 'skip';

/** The last advanced page: the scale-to-zero auto scaling with its settings, with other settings (a section of their own), or none. */
function scalingSteps(priceOverrides: PriceOverrides): WizardStep<CreateState>[] {
  const capped = (state: CreateState): ScaleSettings => ({ ...state.scaling, maxCapacity: Math.max(1, Math.min(state.scaling.maxCapacity, copiesThatFit(state))) });
  return [
    pickStep<CreateState, ScalingChoice>({
      id: 'addScaling',
      parent: 'advanced',
      section: 'Auto scaling',
      when: (state) => state.advanced === true,
      placeholder: 'Auto scaling: scale copies to 0 when idle and wake on the first request',
      items: (state) => {
        const settings = capped(state);
        return [
          {
            label: 'Add the scale-to-zero auto scaling',
            description: 'recommended',
            detail: `Up to ${plural(settings.maxCapacity, 'copy', 'copies')}, target ${settings.targetValue} per copy, cooldowns ${settings.scaleInCooldown}/${settings.scaleOutCooldown} s; wakes on a single request`,
            value: 'add' as const,
          },
          { label: 'Add it and change its settings…', detail: 'Maximum copies, metric, target value, cooldowns, idle timeout (6 pages)', value: 'custom' as const },
          { label: 'Skip: keep the copies until I change them', value: 'skip' as const },
        ];
      },
      selected: (state) => (!state.addScaling ? 'skip' : state.customScaling ? 'custom' : 'add'),
      apply: (state, choice) =>
        choice === 'skip' ? { ...state, addScaling: false, customScaling: false } : { ...state, addScaling: true, customScaling: choice === 'custom', scaling: capped(state) },
    }),
    ...scaleSettingsSteps<CreateState>({
      parent: 'addScaling',
      hourlyUsd: (state) => (state.instanceType ? hourlyPrice(state.instanceType, priceOverrides) : undefined),
      askTarget: (state) => state.advanced === true && state.addScaling && state.customScaling,
      askTargetTracking: (state) => state.advanced === true && state.addScaling && state.customScaling,
      checkMaxCapacity: (value, state) => {
        const fit = copiesThatFit(state);
        return value > fit ? `Only ${copiesFitOn(fit, `${state.maxInstances} × ${state.instanceType}`)}: MaxCapacity above it can never be placed.` : undefined;
      },
    }),
  ];
}

function answersOf(state: CreateState, account: Account): CreateEndpointAnswers {
  const parsed = parseEnvironment(state.environment);
  return {
    model: isNewModel(state)
      ? { kind: 'new', name: state.modelName, image: state.image, modelDataUrl: state.modelDataUrl || undefined, environment: parsed.ok ? parsed.variables : {} }
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

import { type ModelInfo } from '../account/modelCatalog';
import { scaleSettingsSteps, type ScaleSettings } from '../enableScaleToZero/scaleSettings';
import { inputStep, pickStep } from '../framework/stepBuilders';
import { type WizardStep } from '../framework/wizardRunner';
import { duplicateNameCheck, validateSageMakerName } from '../validation/names';
import { validateDecimal, validateInteger } from '../validation/numbers';
import { formatEnvironment, parseEnvironment, validateImageUri, validateModelDataUrl } from '../validation/modelSource';
import { validateRoleArn } from '../validation/roleArn';
import { type ComputeRequirements, copiesFitOn, describeCapacity, instanceSpec } from './instanceCapacity';
import { hourlyPrice, type PriceOverrides } from '../../cost/pricing';
import { type StepInfo, type UserInput } from '../../prompts/userInput';
import {
  asksPlacement,
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

/*
 * The pages that deploy a model as an inference component, shared by "Create Scale-to-Zero Endpoint"
 * (its component on the new endpoint) and "Add Inference Component…" (one more on an endpoint): the
 * model (existing, or new with its role), the component's name, what each copy needs, the copies, the
 * start settings and the scale-to-zero auto scaling. Each wizard places them (its main walk or a
 * section) and says how many copies fit where.
 */

/** The answers the component pages read and write; a wizard's state carries them beside its own. */
export interface ComponentStepsState {
  modelChoice?: string;
  modelName: string;
  image: string;
  modelDataUrl: string;
  environment: string;
  roleChoice?: string;
  roleArn: string;
  /** The type each copy is sized against: the new endpoint's, or the endpoint's first by priority. */
  instanceType?: string;
  inferenceComponentName?: string;
  accelerators?: number;
  memoryMb?: number;
  cpuCores?: number;
  copyCount: number;
  startSettings: StartSettingsAnswers;
  addScaling: boolean;
  /** The user chose to set the auto scaling's settings page by page. */
  customScaling: boolean;
  scaling: ScaleSettings;
}

/** Where a group of pages goes: a section's parent page, and when they are asked. */
export interface PagePlacement<S> {
  parent?: string;
  when: (state: S) => boolean;
}

/** How many copies the answers so far can place, and a few words for where: "2 × ml.g5.2xlarge". */
export interface CopyCapacity<S> {
  copiesThatFit: (state: S) => number;
  where: (state: S) => string;
}

export const newModel = '\u0000new';
export const typedRole = '\u0000typed';

export const isNewModel = (state: ComponentStepsState) => state.modelChoice === newModel;
export const chosenModelName = (state: ComponentStepsState) => (isNewModel(state) ? state.modelName : state.modelChoice ?? '');
export const isAccelerated = (state: ComponentStepsState) => !!state.instanceType && instanceSpec(state.instanceType).accelerators > 0;

/** Half the instance's memory: room for two copies, or one copy with a large model. */
export const defaultMemoryMb = (instanceType: string) => Math.floor(instanceSpec(instanceType).memoryMiB / 2);

/** What one copy needs, from the answers (a CPU instance type asks no accelerator count: an answer given for an earlier GPU pick does not count). */
export function requirementsOf(state: ComponentStepsState): ComputeRequirements {
  return {
    accelerators: isAccelerated(state) ? state.accelerators ?? 1 : 0,
    memoryMb: state.memoryMb ?? (state.instanceType ? defaultMemoryMb(state.instanceType) : 1),
    cpuCores: state.cpuCores ?? 1,
  };
}

/** An existing model, or a new one: its name, container image, model data and environment, a section of their own. */
export function modelSteps<S extends ComponentStepsState>(models: readonly ModelInfo[], when: (state: S) => boolean = () => true): WizardStep<S>[] {
  const modelNames = models.map((model) => model.name);
  const section = { parent: 'model', when: (state: S) => when(state) && isNewModel(state) };
  return [
    pickStep<S, string>({
      id: 'model',
      section: 'New model',
      when,
      placeholder: 'Model to deploy: an existing SageMaker model, or a new one from a container image',
      items: () => [
        { label: 'Create a new model…', detail: 'From a container image URI, model data and environment (4 more questions)', value: newModel },
        ...models.map((model) => ({
          label: model.name,
          description: model.image,
          detail: model.executionRoleArn ? `role ${model.executionRoleArn}` : undefined,
          group: 'Existing models',
          value: model.name,
        })),
      ],
      selected: (state) => state.modelChoice,
      apply: (state, choice) => {
        const existing = models.find((model) => model.name === choice);
        return { ...state, modelChoice: choice, roleArn: state.roleArn || existing?.executionRoleArn || '' };
      },
    }),
    inputStep<S>({
      id: 'modelName',
      ...section,
      prompt: 'Name of the new model',
      value: (state) => state.modelName,
      validate: (value) => validateSageMakerName(value, 'model') ?? duplicateNameCheck(modelNames, 'model')(value),
      apply: (state, value) => ({ ...state, modelName: value }),
    }),
    inputStep<S>({
      id: 'image',
      ...section,
      prompt: 'Container image URI (ECR), e.g. a Large Model Inference or TGI container',
      placeholder: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124',
      value: (state) => state.image,
      validate: validateImageUri,
      apply: (state, value) => ({ ...state, image: value }),
    }),
    inputStep<S>({
      id: 'modelDataUrl',
      ...section,
      prompt: 'Model data URL (s3:// or https://), or empty when the container downloads the weights itself',
      value: (state) => state.modelDataUrl,
      validate: validateModelDataUrl,
      apply: (state, value) => ({ ...state, modelDataUrl: value }),
    }),
    inputStep<S>({
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

/** The model's environment as the plan sends it (the page already refused a malformed one). */
export function environmentOf(state: ComponentStepsState): Record<string, string> {
  const parsed = parseEnvironment(state.environment);
  return parsed.ok ? parsed.variables : {};
}

/** The execution role: picked from the roles in use, or typed (its own page when the account shows none). `when`: asked at all. */
export function roleSteps<S extends ComponentStepsState>(roles: readonly string[], placeholder: string, when: (state: S) => boolean = () => true): WizardStep<S>[] {
  const roleArnPage = (options: { id: string; parent?: string; when: (state: S) => boolean }) =>
    inputStep<S>({
      ...options,
      prompt: 'Execution role ARN (needs sagemaker.amazonaws.com trust, ECR and S3 read access)',
      placeholder: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole',
      value: (state) => state.roleArn,
      validate: validateRoleArn,
      apply: (state, value) => ({ ...state, roleArn: value }),
    });
  return [
    pickStep<S, string>({
      id: 'role',
      section: 'Execution role',
      when: (state) => when(state) && roles.length > 0,
      placeholder,
      items: (state) => [
        ...roles.map((arn) => ({ label: arn, group: 'Roles used by existing models and endpoint configs', value: arn, picked: arn === state.roleArn })),
        { label: 'Enter a role ARN…', value: typedRole },
      ],
      selected: (state) => state.roleChoice ?? (roles.includes(state.roleArn) ? state.roleArn : undefined),
      apply: (state, choice) => ({ ...state, roleChoice: choice, roleArn: choice === typedRole ? state.roleArn : choice }),
    }),
    roleArnPage({ id: 'roleArnTyped', parent: 'role', when: (state) => when(state) && roles.length > 0 && state.roleChoice === typedRole }),
    roleArnPage({ id: 'roleArn', when: (state) => when(state) && roles.length === 0 }),
  ];
}

/** The inference component's name, `suggested` by default, refused when the account has one by that name. */
export function componentNameStep<S extends ComponentStepsState>(placement: PagePlacement<S>, taken: readonly string[], suggested: (state: S) => string): WizardStep<S> {
  return inputStep<S>({
    id: 'inferenceComponentName',
    ...placement,
    prompt: 'Name of the inference component',
    value: (state) => state.inferenceComponentName ?? suggested(state),
    validate: (value) => validateSageMakerName(value, 'inference component') ?? duplicateNameCheck(taken, 'inference component')(value),
    apply: (state, value) => ({ ...state, inferenceComponentName: value }),
  });
}

/** The copy count page's wording and check: the create wizard's against its new instances, Add Inference Component's against the endpoint's room. */
export interface CopyCountPage<S> {
  prompt: (state: S) => string;
  check: (copies: number, state: S) => string | undefined;
}

/** What each copy needs (accelerators on an accelerated type, memory, CPU cores), then the initial copy count. */
export function computeSteps<S extends ComponentStepsState>(placement: PagePlacement<S>, copyCount: CopyCountPage<S>): WizardStep<S>[] {
  return [
    inputStep<S>({
      id: 'accelerators',
      parent: placement.parent,
      when: (state) => placement.when(state) && isAccelerated(state),
      prompt: (state) => `Accelerators per copy (${state.instanceType}: ${describeCapacity(state.instanceType!)})`,
      value: (state) => String(state.accelerators ?? 1),
      validate: (value, state) => {
        const available = instanceSpec(state.instanceType!).accelerators;
        return validateInteger(value, 'The accelerator count', 1, Number.MAX_SAFE_INTEGER) ??
          (Number(value) > available ? `${state.instanceType} has ${available} accelerator${available === 1 ? '' : 's'}: a copy cannot need ${value}.` : undefined);
      },
      apply: (state, value) => ({ ...state, accelerators: Number(value) }),
    }),
    inputStep<S>({
      id: 'memoryMb',
      ...placement,
      prompt: (state) => `Memory per copy in MiB (MinMemoryRequiredInMb; ${state.instanceType}: ${describeCapacity(state.instanceType!)})`,
      value: (state) => String(requirementsOf(state).memoryMb),
      validate: (value, state) => {
        const available = instanceSpec(state.instanceType!).memoryMiB;
        return validateInteger(value, 'The memory', 128, Number.MAX_SAFE_INTEGER) ??
          (Number(value) > available ? `${state.instanceType} has ${available} MiB of memory: a copy cannot need ${value} MiB.` : undefined);
      },
      apply: (state, value) => ({ ...state, memoryMb: Number(value) }),
    }),
    inputStep<S>({
      id: 'cpuCores',
      ...placement,
      prompt: (state) => `CPU cores per copy (NumberOfCpuCoresRequired, from 0.25; ${state.instanceType} has ${instanceSpec(state.instanceType!).vCpus} vCPUs)`,
      value: (state) => String(state.cpuCores ?? 1),
      validate: (value, state) => {
        const available = instanceSpec(state.instanceType!).vCpus;
        return validateDecimal(value, 'The CPU core count', 0.25, Number.MAX_SAFE_INTEGER) ??
          (Number(value) > available ? `${state.instanceType} has ${available} vCPUs: a copy cannot need ${value}.` : undefined);
      },
      apply: (state, value) => ({ ...state, cpuCores: Number(value) }),
    }),
    inputStep<S>({
      id: 'copyCount',
      ...placement,
      prompt: copyCount.prompt,
      value: (state) => String(state.copyCount),
      validate: (value, state) => validateInteger(value, 'The initial copy count', 1, Number.MAX_SAFE_INTEGER) ?? copyCount.check(Number(value), state),
      apply: (state, value) => ({ ...state, copyCount: Number(value) }),
    }),
  ];
}

/**
 * The inference component's start settings: one page "which of these to change" (none: the defaults,
 * one page for a user who does not care), then one question for each picked setting, a section of its own.
 */
export function startSettingsSteps<S extends ComponentStepsState>(placement: PagePlacement<S>): WizardStep<S>[] {
  const asked = placement.when;
  const picked = (key: StartSettingKey) => (state: S) => asked(state) && state.startSettings.picked.includes(key);
  const settings = (state: S, change: Partial<StartSettingsAnswers>): S => ({ ...state, startSettings: { ...state.startSettings, ...change } });
  return [
    {
      id: 'startSettings',
      parent: placement.parent,
      section: 'Start settings',
      when: asked,
      async ask(state: S, info: StepInfo, ui: UserInput) {
        const answer = await ui.pickManyPage(info, {
          placeholder: 'Start settings to change (how a wake starts); none keeps the defaults',
          items: startSettingChoices(state.startSettings.picked),
        });
        if (answer.kind !== 'value') return answer;
        return { kind: 'value', value: settings(state, { picked: answer.value }) };
      },
    },
    inputStep<S>({
      id: 'downloadTimeout',
      parent: 'startSettings',
      when: picked('downloadTimeout'),
      prompt: `ModelDataDownloadTimeoutInSeconds, ${startupTimeoutRange.min}–${startupTimeoutRange.max}: ${startSettingWhy.downloadTimeout}`,
      value: (state) => String(state.startSettings.downloadTimeoutSeconds),
      validate: (value) => validateStartupTimeout(value, 'ModelDataDownloadTimeoutInSeconds'),
      apply: (state, value) => settings(state, { downloadTimeoutSeconds: Number(value) }),
    }),
    inputStep<S>({
      id: 'healthCheckTimeout',
      parent: 'startSettings',
      when: picked('healthCheckTimeout'),
      prompt: `ContainerStartupHealthCheckTimeoutInSeconds, ${startupTimeoutRange.min}–${startupTimeoutRange.max}: ${startSettingWhy.healthCheckTimeout}`,
      value: (state) => String(state.startSettings.healthCheckTimeoutSeconds),
      validate: (value) => validateStartupTimeout(value, 'ContainerStartupHealthCheckTimeoutInSeconds'),
      apply: (state, value) => settings(state, { healthCheckTimeoutSeconds: Number(value) }),
    }),
    pickStep<S, PlacementStrategy>({
      id: 'placementStrategy',
      parent: 'startSettings',
      when: (state) => asked(state) && asksPlacement(state.startSettings),
      placeholder: 'SchedulingConfig.PlacementStrategy: how copies are placed on the instances (within each zone when zones are balanced)',
      items: () => [
        { label: 'Pack copies together', description: 'BINPACK', detail: placementWhy.BINPACK, value: 'BINPACK' as const },
        { label: 'Spread copies out', description: 'SPREAD', detail: placementWhy.SPREAD, value: 'SPREAD' as const },
      ],
      selected: (state) => state.startSettings.placementStrategy,
      apply: (state, placementStrategy) => settings(state, { placementStrategy }),
    }),
    inputStep<S>({
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

type ScalingChoice = 'add' | 'custom' | 'skip';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The scale-to-zero auto scaling (target tracking, step policy, wake alarm, idle timeout) with its
 * settings, with other settings (a section of their own), or none. MaxCapacity stays within the copies
 * that fit.
 */
export function scalingSteps<S extends ComponentStepsState>(placement: PagePlacement<S> & { section?: string }, priceOverrides: PriceOverrides, capacity: CopyCapacity<S>): WizardStep<S>[] {
  const capped = (state: S): ScaleSettings => ({ ...state.scaling, maxCapacity: Math.max(1, Math.min(state.scaling.maxCapacity, capacity.copiesThatFit(state))) });
  const custom = (state: S) => placement.when(state) && state.addScaling && state.customScaling;
  return [
    pickStep<S, ScalingChoice>({
      id: 'addScaling',
      parent: placement.parent,
      section: placement.section ?? 'Auto scaling',
      when: placement.when,
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
    ...scaleSettingsSteps<S>({
      parent: 'addScaling',
      hourlyUsd: (state) => (state.instanceType ? hourlyPrice(state.instanceType, priceOverrides) : undefined),
      askTarget: custom,
      askTargetTracking: custom,
      checkMaxCapacity: (value, state) => {
        const fit = capacity.copiesThatFit(state);
        return value > fit ? `Only ${copiesFitOn(fit, capacity.where(state))}: MaxCapacity above it can never be placed.` : undefined;
      },
    }),
  ];
}

import { type ModelInfo } from '../account/modelCatalog';
import { defaultScaleSettings, scaleSettingsSteps, type ScaleSettings } from '../enableScaleToZero/scaleSettings';
import { type WizardEnvironment } from '../environment';
import { inputStep, pickStep } from '../framework/stepBuilders';
import { runWizard, type WizardStep } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { duplicateNameCheck, validateSageMakerName } from '../validation/names';
import { validateDecimal, validateInteger } from '../validation/numbers';
import { formatEnvironment, parseEnvironment, validateImageUri, validateModelDataUrl } from '../validation/modelSource';
import { validateRoleArn } from '../validation/roleArn';
import { buildCreateEndpointPlan, type CreateEndpointAnswers, type RoutingStrategy } from './createEndpointPlan';
import { copiesFitOn, copiesPerInstance, describeCapacity, instanceCount, instanceSpec, instanceTypeItems } from './instanceCapacity';
import { type PriceOverrides } from '../../cost/pricing';

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

interface CreateState {
  modelChoice?: string;
  modelName: string;
  image: string;
  modelDataUrl: string;
  environment: string;
  roleChoice?: string;
  roleArn: string;
  endpointName: string;
  endpointConfigName?: string;
  instanceType?: string;
  maxInstances: number;
  routing: RoutingStrategy;
  inferenceComponentName?: string;
  accelerators?: number;
  memoryMb?: number;
  cpuCores?: number;
  copyCount: number;
  addScaling: boolean;
  scaling: ScaleSettings;
}

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

function requirementsOf(state: CreateState) {
  // A CPU instance type asks no accelerator count: an answer given for an earlier GPU pick does not count.
  const accelerated = !!state.instanceType && instanceSpec(state.instanceType).accelerators > 0;
  return { accelerators: accelerated ? state.accelerators ?? 1 : 0, memoryMb: state.memoryMb ?? 1, cpuCores: state.cpuCores ?? 1 };
}

function copiesThatFit(state: CreateState): number {
  return state.instanceType ? copiesPerInstance(state.instanceType, requirementsOf(state)) * state.maxInstances : 0;
}

/** The wizard's questions in order: the model, its role, the endpoint and its instances, the inference component, its scaling. */
function steps(account: Account): WizardStep<CreateState>[] {
  return [...modelSteps(account), ...roleSteps(account), ...endpointSteps(account), ...componentSteps(account), ...scalingSteps()];
}

/** An existing model, or a new one: its name, container image, model data and environment. */
function modelSteps(account: Account): WizardStep<CreateState>[] {
  const modelNames = account.models.map((model) => model.name);
  return [
    pickStep<CreateState, string>({
      id: 'model',
      placeholder: 'Model to deploy: an existing SageMaker model, or a new one from a container image',
      items: () => [
        { label: 'Create a new model…', detail: 'From a container image URI, a model data URL and environment variables', value: newModel },
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
      when: isNewModel,
      prompt: 'Name of the new model',
      value: (state) => state.modelName,
      validate: (value) => validateSageMakerName(value, 'model') ?? duplicateNameCheck(modelNames, 'model')(value),
      apply: (state, value) => ({ ...state, modelName: value }),
    }),
    inputStep<CreateState>({
      id: 'image',
      when: isNewModel,
      prompt: 'Container image URI (ECR), e.g. a Large Model Inference or TGI container',
      placeholder: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124',
      value: (state) => state.image,
      validate: validateImageUri,
      apply: (state, value) => ({ ...state, image: value }),
    }),
    inputStep<CreateState>({
      id: 'modelDataUrl',
      when: isNewModel,
      prompt: 'Model data URL (s3:// or https://), or empty when the container downloads the weights itself',
      value: (state) => state.modelDataUrl,
      validate: validateModelDataUrl,
      apply: (state, value) => ({ ...state, modelDataUrl: value }),
    }),
    inputStep<CreateState>({
      id: 'environment',
      when: isNewModel,
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

/** The execution role: picked from the roles in use, or typed. */
function roleSteps(account: Account): WizardStep<CreateState>[] {
  return [
    pickStep<CreateState, string>({
      id: 'role',
      when: () => account.roles.length > 0,
      placeholder: 'Execution role of the endpoint config and model (SageMaker assumes it to pull the image and weights)',
      items: (state) => [
        ...account.roles.map((arn) => ({ label: arn, group: 'Roles used by existing models and endpoint configs', value: arn, picked: arn === state.roleArn })),
        { label: 'Enter a role ARN…', value: typedRole },
      ],
      selected: (state) => state.roleChoice ?? (account.roles.includes(state.roleArn) ? state.roleArn : undefined),
      apply: (state, choice) => ({ ...state, roleChoice: choice, roleArn: choice === typedRole ? state.roleArn : choice }),
    }),
    inputStep<CreateState>({
      id: 'roleArn',
      when: (state) => account.roles.length === 0 || state.roleChoice === typedRole,
      prompt: 'Execution role ARN (needs sagemaker.amazonaws.com trust, ECR and S3 read access)',
      placeholder: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole',
      value: (state) => state.roleArn,
      validate: validateRoleArn,
      apply: (state, value) => ({ ...state, roleArn: value }),
    }),
  ];
}

/** The endpoint and its config: names, instance type, managed instance scaling, routing. */
function endpointSteps(account: Account): WizardStep<CreateState>[] {
  return [
    inputStep<CreateState>({
      id: 'endpointName',
      prompt: 'Name of the new endpoint',
      value: (state) => state.endpointName,
      validate: (value) => validateSageMakerName(value, 'endpoint') ?? duplicateNameCheck(account.endpoints, 'endpoint')(value),
      apply: (state, value) => ({ ...state, endpointName: value }),
    }),
    inputStep<CreateState>({
      id: 'endpointConfigName',
      prompt: 'Name of the endpoint config',
      value: (state) => state.endpointConfigName ?? `${state.endpointName}-config`.slice(0, 63),
      validate: (value) =>
        validateSageMakerName(value, 'endpoint config') ?? duplicateNameCheck(account.endpointConfigs, 'endpoint config')(value),
      apply: (state, value) => ({ ...state, endpointConfigName: value }),
    }),
    pickStep<CreateState, string>({
      id: 'instanceType',
      placeholder: 'Instance type (grouped by family: vCPUs, memory, accelerators)',
      items: () => instanceTypeItems(account.priceOverrides),
      selected: (state) => state.instanceType,
      apply: (state, instanceType) => ({ ...state, instanceType }),
    }),
    inputStep<CreateState>({
      id: 'maxInstances',
      prompt: 'Managed instance scaling: maximum instances (the minimum is 0, so the endpoint can release every instance)',
      value: (state) => String(state.maxInstances),
      validate: (value) => validateInteger(value, 'The maximum instance count', 1, 100),
      apply: (state, value) => ({ ...state, maxInstances: Number(value) }),
    }),
    pickStep<CreateState, RoutingStrategy>({
      id: 'routing',
      placeholder: 'How requests are routed to copies',
      items: () => [
        { label: 'Least outstanding requests', description: 'recommended', detail: 'LEAST_OUTSTANDING_REQUESTS: to the copy with the fewest requests in flight', value: 'LEAST_OUTSTANDING_REQUESTS' },
        { label: 'Random', detail: 'RANDOM', value: 'RANDOM' },
      ],
      selected: (state) => state.routing,
      apply: (state, routing) => ({ ...state, routing }),
    }),
  ];
}

/** The inference component: its name, what each copy needs, and how many copies it starts with. */
function componentSteps(account: Account): WizardStep<CreateState>[] {
  return [
    inputStep<CreateState>({
      id: 'inferenceComponentName',
      prompt: 'Name of the inference component',
      value: (state) => state.inferenceComponentName ?? `${state.endpointName}-ic`.slice(0, 63),
      validate: (value) =>
        validateSageMakerName(value, 'inference component') ?? duplicateNameCheck(account.inferenceComponents, 'inference component')(value),
      apply: (state, value) => ({ ...state, inferenceComponentName: value }),
    }),
    inputStep<CreateState>({
      id: 'accelerators',
      when: (state) => !!state.instanceType && instanceSpec(state.instanceType).accelerators > 0,
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
      prompt: (state) => `Memory per copy in MiB (MinMemoryRequiredInMb; ${state.instanceType}: ${describeCapacity(state.instanceType!)})`,
      value: (state) => String(state.memoryMb ?? Math.floor(instanceSpec(state.instanceType!).memoryMiB / 2)),
      validate: (value, state) => {
        const available = instanceSpec(state.instanceType!).memoryMiB;
        return validateInteger(value, 'The memory', 128, Number.MAX_SAFE_INTEGER) ??
          (Number(value) > available ? `${state.instanceType} has ${available} MiB of memory: a copy cannot need ${value} MiB.` : undefined);
      },
      apply: (state, value) => ({ ...state, memoryMb: Number(value) }),
    }),
    inputStep<CreateState>({
      id: 'cpuCores',
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
  ];
}

/** The scale-to-zero auto scaling, if wanted, and its settings. */
function scalingSteps(): WizardStep<CreateState>[] {
  return [
    pickStep<CreateState, boolean>({
      id: 'addScaling',
      placeholder: 'Auto scaling: scale copies to 0 when idle and wake on the first request',
      items: () => [
        {
          label: 'Add the scale-to-zero auto scaling',
          description: 'recommended',
          detail: 'Scalable target (min 0), target tracking, step policy and the single-request NoCapacity alarm',
          value: true,
        },
        { label: 'Skip: keep the copies until I change them', value: false },
      ],
      selected: (state) => state.addScaling,
      apply: (state, addScaling) => ({ ...state, addScaling }),
    }),
    ...scaleSettingsSteps<CreateState>({
      askTarget: (state) => state.addScaling,
      askTargetTracking: (state) => state.addScaling,
      checkMaxCapacity: (value, state) => {
        const fit = copiesThatFit(state);
        return value > fit ? `Only ${copiesFitOn(fit, `${state.maxInstances} × ${state.instanceType}`)}: MaxCapacity above it can never be placed.` : undefined;
      },
    }),
  ];
}

function answersOf(state: CreateState): CreateEndpointAnswers {
  const parsed = parseEnvironment(state.environment);
  return {
    model: isNewModel(state)
      ? { kind: 'new', name: state.modelName, image: state.image, modelDataUrl: state.modelDataUrl || undefined, environment: parsed.ok ? parsed.variables : {} }
      : { kind: 'existing', name: modelName(state) },
    roleArn: state.roleArn,
    endpointName: state.endpointName,
    endpointConfigName: state.endpointConfigName ?? `${state.endpointName}-config`,
    instanceType: state.instanceType!,
    maxInstances: state.maxInstances,
    routing: state.routing,
    inferenceComponentName: state.inferenceComponentName ?? `${state.endpointName}-ic`,
    compute: requirementsOf(state),
    copyCount: state.copyCount,
    scaling: state.addScaling ? state.scaling : undefined,
  };
}

/**
 * Wizard 1: a new endpoint that scales to zero: model, role, endpoint config with managed instance
 * scaling from 0, endpoint, inference component, and (optionally) wizard 2's auto-scaling setup, as
 * one plan.
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
    maxInstances: 1,
    routing: 'LEAST_OUTSTANDING_REQUESTS',
    copyCount: 1,
    addScaling: true,
    scaling: { ...defaultScaleSettings, maxCapacity: 1 },
  };
  return runWizard({ title: createEndpointTitle, steps: steps(account), buildPlan: (state) => buildCreateEndpointPlan(answersOf(state), account.priceOverrides) }, env.ui, initial);
}

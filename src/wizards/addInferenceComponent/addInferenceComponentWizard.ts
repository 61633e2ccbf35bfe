import { type EndpointSnapshot, type VariantSnapshot } from '../../resources/resourceSnapshots';
import { defaultScaleSettings } from '../enableScaleToZero/scaleSettings';
import { type WizardEnvironment } from '../environment';
import { runWizard, type WizardStep } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { derivedSageMakerName } from '../validation/names';
import { type Answer, type StepInfo, type UserInput } from '../../prompts/userInput';
import { type PriceOverrides } from '../../cost/pricing';
import { defaultStartSettings } from '../createEndpoint/componentStartSettings';
import { wakeAlarmPeriodFor } from '../createEndpoint/endpointSettings';
import {
  chosenModelName,
  componentNameStep,
  type ComponentStepsState,
  computeSteps,
  environmentOf,
  isNewModel,
  modelSteps,
  requirementsOf,
  roleSteps,
  scalingSteps,
  startSettingsSteps,
} from '../createEndpoint/componentSteps';
import { buildAddInferenceComponentPlan } from './addInferenceComponentPlan';
import { checkCopyFit, type CopyFit, describeCopyFit, mostCopies, type PlacedComponent, variantInstanceTypes } from './copyFit';

export const addInferenceComponentTitle = 'Add Inference Component';

/** The endpoint the component goes on: its variant, the type a copy is sized against, and the components already there. */
export interface EndpointContext {
  endpoint: EndpointSnapshot;
  variant: VariantSnapshot;
  instanceType: string;
  others: PlacedComponent[];
}

interface AddState extends ComponentStepsState {
  endpointName?: string;
  context?: EndpointContext;
}

/** The endpoint, its first variant and the compute requirements and copies of every component on it. */
export async function loadEndpointContext(env: WizardEnvironment, endpointName: string): Promise<EndpointContext> {
  const [endpoint, summaries] = await Promise.all([env.reader.describeEndpoint(endpointName), env.reader.listInferenceComponents(endpointName)]);
  const variant = endpoint.variants[0];
  const instanceType = variant ? variantInstanceTypes(variant)[0] : undefined;
  if (!variant || !instanceType || endpoint.inferenceComponentBased === false) {
    throw new Error(`${endpointName} serves a model directly (its variant has a model): only an endpoint without one hosts inference components.`);
  }
  const components = await Promise.all(summaries.map((summary) => env.reader.describeInferenceComponent(summary.name)));
  const others = components
    .filter((ic) => ic.status !== 'Deleting')
    .map((ic) => ({
      name: ic.name,
      compute: { accelerators: ic.compute?.accelerators ?? 0, memoryMb: ic.compute?.memoryMb ?? 0, cpuCores: ic.compute?.cpuCores ?? 0 },
      copies: Math.max(ic.currentCopyCount ?? 0, ic.desiredCopyCount ?? 0),
    }));
  return { endpoint, variant, instanceType, others };
}

function withContext(state: AddState, context: EndpointContext): AddState {
  // Requirements answered for another endpoint's type are asked again from this one's defaults.
  const sameType = state.instanceType === context.instanceType;
  return {
    ...state,
    endpointName: context.endpoint.name,
    context,
    instanceType: context.instanceType,
    ...(sameType ? {} : { accelerators: undefined, memoryMb: undefined, cpuCores: undefined }),
  };
}

/** Where `copies` copies with the answers' requirements go on the endpoint. */
function fitOf(state: AddState, priceOverrides: PriceOverrides, copies = state.copyCount): CopyFit {
  const context = state.context!;
  return checkCopyFit({ variant: context.variant, others: context.others, compute: requirementsOf(state), copies, priceOverrides });
}

/** The endpoint page (from the palette): the account's endpoints; picking one reads its components. */
function endpointStep(env: WizardEnvironment, asked: boolean): WizardStep<AddState> {
  return {
    id: 'endpoint',
    when: () => asked,
    branches: true,
    async ask(state: AddState, info: StepInfo, ui: UserInput): Promise<Answer<AddState>> {
      const endpoints = await env.reader.listEndpoints();
      const answer = await ui.pickPage(info, {
        placeholder: endpoints.length ? 'Add an inference component to which endpoint?' : 'This account and region have no endpoints: create one first',
        items: endpoints.map((endpoint) => ({ label: endpoint.name, description: endpoint.status, value: endpoint.name, picked: endpoint.name === state.endpointName })),
      });
      if (answer.kind !== 'value') return answer;
      if (answer.value === state.endpointName && state.context) return { kind: 'value', value: state };
      return { kind: 'value', value: withContext(state, await loadEndpointContext(env, answer.value)) };
    },
  };
}

interface Account {
  models: Awaited<ReturnType<NonNullable<WizardEnvironment['models']>['listModels']>>;
  roles: string[];
  inferenceComponents: string[];
  priceOverrides: PriceOverrides;
}

function steps(env: WizardEnvironment, account: Account, askEndpoint: boolean): WizardStep<AddState>[] {
  const always = { when: () => true };
  const maxInstances = (state: AddState) => {
    const scaling = state.context?.variant.managedScaling;
    return scaling?.enabled ? scaling.max ?? 0 : state.context?.variant.currentInstanceCount ?? 0;
  };
  const most = (state: AddState) => mostCopies({ variant: state.context!.variant, others: state.context!.others, compute: requirementsOf(state), priceOverrides: account.priceOverrides });
  return [
    endpointStep(env, askEndpoint),
    ...modelSteps<AddState>(account.models),
    ...roleSteps<AddState>(account.roles, 'Execution role of the new model (SageMaker assumes it to pull the image and weights)', isNewModel),
    componentNameStep<AddState>(always, account.inferenceComponents, (state) => derivedSageMakerName(chosenModelName(state).replace(/-model$/, '') || state.endpointName!, '-ic', account.inferenceComponents)),
    ...computeSteps<AddState>(always, {
      prompt: (state) => `Initial copy count (at least 1: SageMaker refuses 0 at creation). ${describeCopyFit(fitOf(state, account.priceOverrides))}`,
      check: (copies, state) => {
        const fit = fitOf(state, account.priceOverrides, copies);
        return fit.kind === 'overMax' || fit.kind === 'neverFits' ? describeCopyFit(fit) : undefined;
      },
    }),
    ...startSettingsSteps<AddState>(always),
    ...scalingSteps<AddState>({ when: () => true }, account.priceOverrides, {
      copiesThatFit: most,
      where: (state) => `${state.endpointName} beside its components (up to ${maxInstances(state)} × ${state.instanceType})`,
    }),
  ];
}

/**
 * "Add Inference Component…": one more model on an endpoint that already hosts components, with the
 * create wizard's component pages and its scale-to-zero setup. The copy count page says whether the
 * copies fit on the running instances beside the others, need a new instance (and what it costs), or
 * cannot be placed; the plan repeats it.
 */
export async function addInferenceComponentWizard(env: WizardEnvironment, endpointName?: string): Promise<WizardResult> {
  const [models, roles, components] = await Promise.all([
    env.models?.listModels() ?? Promise.resolve([]),
    env.models?.listExecutionRoleArns() ?? Promise.resolve([]),
    env.reader.listInferenceComponents(),
  ]);
  const account: Account = { models, roles, inferenceComponents: components.map((ic) => ic.name), priceOverrides: env.priceOverrides ?? {} };
  let initial: AddState = {
    modelName: '',
    image: '',
    modelDataUrl: '',
    environment: '',
    roleArn: '',
    copyCount: 1,
    startSettings: defaultStartSettings,
    addScaling: true,
    customScaling: false,
    scaling: { ...defaultScaleSettings, maxCapacity: 1 },
  };
  if (endpointName) initial = withContext(initial, await loadEndpointContext(env, endpointName));
  return runWizard(
    {
      title: addInferenceComponentTitle,
      steps: steps(env, account, !endpointName),
      buildPlan: (state) => {
        const context = state.context!;
        return buildAddInferenceComponentPlan(
          {
            model: isNewModel(state)
              ? { kind: 'new', name: state.modelName, image: state.image, modelDataUrl: state.modelDataUrl || undefined, environment: environmentOf(state) }
              : { kind: 'existing', name: chosenModelName(state) },
            roleArn: state.roleArn,
            endpointName: context.endpoint.name,
            variantName: context.variant.name,
            instanceType: context.instanceType,
            inferenceComponentName: state.inferenceComponentName ?? derivedSageMakerName(chosenModelName(state).replace(/-model$/, ''), '-ic', account.inferenceComponents),
            compute: requirementsOf(state),
            copyCount: state.copyCount,
            startSettings: state.startSettings,
            scaling: state.addScaling ? state.scaling : undefined,
            wakeAlarmPeriod: wakeAlarmPeriodFor(context.endpoint.metricsConfig?.publishFrequencySeconds),
            fit: fitOf(state, account.priceOverrides),
            others: context.others.map((other) => other.name),
          },
          account.priceOverrides,
        );
      },
    },
    env.ui,
    initial,
  );
}

import { type AlarmSnapshot, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { describeSeconds } from '../../resources/rollingDeployment';
import { pickInferenceComponentStep } from '../account/inferenceComponentPick';
import { type ModelInfo } from '../account/modelCatalog';
import { type ComputeRequirements, instanceSpec } from '../createEndpoint/instanceCapacity';
import { type WizardEnvironment } from '../environment';
import { inputStep, pickStep } from '../framework/stepBuilders';
import { runWizard, type WizardStep } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { validateImageUri, validateModelDataUrl } from '../validation/modelSource';
import { validateDecimal, validateInteger } from '../validation/numbers';
import { type StepInfo, type UserInput } from '../../prompts/userInput';
import {
  batchPercentRange,
  type BatchType,
  defaultRollingPolicy,
  maxBatchCopies,
  maxRollbackAlarms,
  type RollingPolicy,
  timeoutRange,
  validateBatchValue,
  validateRollbackValue,
  validateTimeout,
  validateWaitInterval,
  waitIntervalRange,
} from './rollingPolicy';
import { currentRequirements, type EndpointRoom, fitWarning, zeroCopiesWarning } from './updateModelChecks';
import { buildUpdateModelPlan, type ModelSource } from './updateModelPlan';

export const updateModelTitle = 'Update Model';

const containerChoice = '\u0000container';

interface Loaded {
  ic: InferenceComponentSnapshot;
  models: ModelInfo[];
  alarms: AlarmSnapshot[];
  /** Undefined when the endpoint's instance type is unknown (no fit check then). */
  room?: EndpointRoom;
}

interface UpdateState {
  loaded?: Loaded;
  /** A model name, or `containerChoice`. */
  sourceChoice?: string;
  image: string;
  artifactUrl: string;
  changeCompute: boolean;
  compute?: ComputeRequirements;
  changePolicy: boolean;
  policy: RollingPolicy;
  /** "all" (RollbackMaximumBatchSize absent), or its type. */
  rollbackChoice: 'all' | BatchType;
}

/** The copies, the models, the alarms and the endpoint's room the wizard needs about a component. */
async function load(env: WizardEnvironment, icName: string): Promise<Loaded> {
  const ic = await env.reader.describeInferenceComponent(icName);
  const [models, alarms, endpoint, siblings] = await Promise.all([
    env.models?.listModels() ?? Promise.resolve([]),
    env.reader.listAlarms(),
    env.reader.describeEndpoint(ic.endpointName).catch(() => undefined),
    env.reader.listInferenceComponents(ic.endpointName),
  ]);
  const variant = endpoint?.variants.find((candidate) => candidate.name === ic.variantName) ?? endpoint?.variants[0];
  const others = await Promise.all(siblings.filter((sibling) => sibling.name !== ic.name).map((sibling) => env.reader.describeInferenceComponent(sibling.name)));
  const instanceType = variant?.instanceType;
  const room: EndpointRoom | undefined =
    instanceType && instanceType !== 'serverless'
      ? {
          instanceType,
          maxInstances: Math.max(1, variant?.managedScaling?.enabled ? (variant.managedScaling.max ?? variant.currentInstanceCount ?? 1) : (variant?.currentInstanceCount ?? 1)),
          otherCopies: others.flatMap((other) => Array.from({ length: Math.max(other.desiredCopyCount ?? 0, other.currentCopyCount ?? 0) }, () => currentRequirements(other))),
        }
      : undefined;
  return { ic, models, alarms, ...(room ? { room } : {}) };
}

const sourceOf = (state: UpdateState): ModelSource | undefined =>
  state.sourceChoice === containerChoice
    ? { kind: 'container', image: state.image, ...(state.artifactUrl ? { artifactUrl: state.artifactUrl } : {}) }
    : state.sourceChoice
      ? { kind: 'model', modelName: state.sourceChoice }
      : undefined;
const computeOf = (state: UpdateState): ComputeRequirements => (state.changeCompute && state.compute ? state.compute : currentRequirements(state.loaded!.ic));
const copiesOf = (state: UpdateState) => state.loaded?.ic.currentCopyCount ?? 0;

/** The warnings the plan shows: 0 copies (nothing to roll), and new requirements that no longer fit. */
export function updateModelWarnings(state: Pick<UpdateState, 'loaded' | 'changeCompute' | 'compute' | 'policy'>): string[] {
  const loaded = state.loaded;
  if (!loaded) return [];
  const compute = state.changeCompute && state.compute ? state.compute : currentRequirements(loaded.ic);
  const fit = loaded.room ? fitWarning(loaded.ic, compute, loaded.room, state.policy) : undefined;
  return [zeroCopiesWarning(loaded.ic), fit].filter((warning): warning is string => warning !== undefined);
}

/**
 * "Update Model…" on a component: the new model (one of the account's, or a container image and artifact),
 * the requirements per copy (kept, or changed with the fit check), the rolling policy (defaults, or page
 * by page), the alarms that roll it back; then the plan, with the warnings.
 */
export async function updateModelWizard(env: WizardEnvironment, inferenceComponentName?: string): Promise<WizardResult> {
  const empty: UpdateState = { image: '', artifactUrl: '', changeCompute: false, changePolicy: false, policy: { ...defaultRollingPolicy }, rollbackChoice: 'all' };
  const initial = inferenceComponentName ? { ...empty, loaded: await load(env, inferenceComponentName) } : empty;
  return runWizard<UpdateState>(
    {
      title: updateModelTitle,
      steps: [
        pickInferenceComponentStep<UpdateState>({
          when: () => !inferenceComponentName,
          reader: env.reader,
          placeholder: 'Update the model of which inference component?',
          selected: (state) => state.loaded?.ic.name,
          apply: async (state, name) => (name === state.loaded?.ic.name ? state : { ...state, loaded: await load(env, name), sourceChoice: undefined }),
        }),
        ...sourceSteps(),
        ...computeSteps(),
        ...policySteps(),
        alarmsStep(),
      ],
      buildPlan: (state) =>
        buildUpdateModelPlan({ ic: state.loaded!.ic, source: sourceOf(state)!, compute: computeOf(state), policy: state.policy, warnings: updateModelWarnings(state) }),
    },
    env.ui,
    initial,
  );
}

function describeModel(ic: InferenceComponentSnapshot): string {
  return ic.modelName ? `model ${ic.modelName}` : ic.container?.image ? `image ${ic.container.image}` : 'its current model';
}

function sourceSteps(): WizardStep<UpdateState>[] {
  const section = { parent: 'source', when: (state: UpdateState) => state.sourceChoice === containerChoice };
  return [
    pickStep<UpdateState, string>({
      id: 'source',
      section: 'Container',
      placeholder: (state) => `${state.loaded!.ic.name} runs ${describeModel(state.loaded!.ic)}. Roll it to:`,
      items: (state) => [
        { label: 'A container image and model artifact…', detail: 'The image URI and the model data URL (2 more questions)', value: containerChoice },
        ...state
          .loaded!.models.filter((model) => model.name !== state.loaded!.ic.modelName)
          .map((model) => ({ label: model.name, description: model.image, group: 'Models of the account', value: model.name })),
      ],
      selected: (state) => state.sourceChoice,
      apply: (state, choice) => ({ ...state, sourceChoice: choice }),
    }),
    inputStep<UpdateState>({
      id: 'image',
      ...section,
      prompt: 'Container image URI (ECR) of the new version',
      placeholder: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124',
      value: (state) => state.image || state.loaded?.ic.container?.image,
      validate: validateImageUri,
      apply: (state, value) => ({ ...state, image: value }),
    }),
    inputStep<UpdateState>({
      id: 'artifactUrl',
      ...section,
      prompt: 'Model artifact URL (s3:// or https://), or empty when the container downloads the weights itself',
      value: (state) => state.artifactUrl || state.loaded?.ic.container?.artifactUrl,
      validate: validateModelDataUrl,
      apply: (state, value) => ({ ...state, artifactUrl: value }),
    }),
  ];
}

function describeCompute(compute: ComputeRequirements): string {
  return `${compute.accelerators} accelerator${compute.accelerators === 1 ? '' : 's'}, ${compute.memoryMb} MiB, ${compute.cpuCores} vCPU${compute.cpuCores === 1 ? '' : 's'} per copy`;
}

function computeSteps(): WizardStep<UpdateState>[] {
  const section = { parent: 'compute', when: (state: UpdateState) => state.changeCompute };
  const instance = (state: UpdateState) => state.loaded?.room?.instanceType;
  const limit = (state: UpdateState, what: 'accelerators' | 'memoryMiB' | 'vCpus') => {
    const type = instance(state);
    return type ? instanceSpec(type)[what] : Number.MAX_SAFE_INTEGER;
  };
  const edit = (state: UpdateState, change: Partial<ComputeRequirements>) => ({ ...state, compute: { ...(state.compute ?? currentRequirements(state.loaded!.ic)), ...change } });
  return [
    pickStep<UpdateState, boolean>({
      id: 'compute',
      section: 'Compute requirements',
      placeholder: (state) => `Compute requirements of the new model${instance(state) ? ` (the endpoint runs ${instance(state)})` : ''}`,
      items: (state) => [
        { label: 'Keep them', description: describeCompute(currentRequirements(state.loaded!.ic)), value: false },
        { label: 'Change them…', detail: 'Accelerators, memory and vCPUs per copy (3 more questions), checked against the instance and the other components', value: true },
      ],
      selected: (state) => state.changeCompute,
      apply: (state, change) => ({ ...state, changeCompute: change }),
    }),
    inputStep<UpdateState>({
      id: 'accelerators',
      ...section,
      prompt: (state) => `Accelerators per copy (NumberOfAcceleratorDevicesRequired; 0 for none; ${instance(state) ?? 'the instance'} has ${limit(state, 'accelerators')})`,
      value: (state) => String(computeOf(state).accelerators),
      validate: (value, state) => validateInteger(value, 'The accelerator count', 0, limit(state, 'accelerators')),
      apply: (state, value) => edit(state, { accelerators: Number(value) }),
    }),
    inputStep<UpdateState>({
      id: 'memoryMb',
      ...section,
      prompt: (state) => `Memory per copy in MiB (MinMemoryRequiredInMb, from 128; ${instance(state) ?? 'the instance'} has ${limit(state, 'memoryMiB')} MiB)`,
      value: (state) => String(computeOf(state).memoryMb),
      validate: (value, state) => validateInteger(value, 'The memory', 128, limit(state, 'memoryMiB')),
      apply: (state, value) => edit(state, { memoryMb: Number(value) }),
    }),
    inputStep<UpdateState>({
      id: 'cpuCores',
      ...section,
      prompt: (state) => `CPU cores per copy (NumberOfCpuCoresRequired, from 0.25; ${instance(state) ?? 'the instance'} has ${limit(state, 'vCpus')} vCPUs)`,
      value: (state) => String(computeOf(state).cpuCores),
      validate: (value, state) => validateDecimal(value, 'The CPU core count', 0.25, limit(state, 'vCpus')),
      apply: (state, value) => edit(state, { cpuCores: Number(value) }),
    }),
  ];
}

function describePolicy(policy: RollingPolicy): string {
  const batch = policy.batch.type === 'COPY_COUNT' ? `${policy.batch.value} ${policy.batch.value === 1 ? 'copy' : 'copies'}` : `${policy.batch.value} %`;
  return `${batch} per batch, ${describeSeconds(policy.waitSeconds)} wait, ${policy.timeoutSeconds ? `timeout ${describeSeconds(policy.timeoutSeconds)}` : 'no timeout sent'}, rolls back ${policy.rollbackBatch ? 'in batches' : 'all at once'}`;
}

function policySteps(): WizardStep<UpdateState>[] {
  const section = (when?: (state: UpdateState) => boolean) => ({ parent: 'policy', when: (state: UpdateState) => state.changePolicy && (!when || when(state)) });
  const setPolicy = (state: UpdateState, change: Partial<RollingPolicy>) => ({ ...state, policy: { ...state.policy, ...change } });
  return [
    pickStep<UpdateState, boolean>({
      id: 'policy',
      section: 'Rolling policy',
      placeholder: (state) => `How to roll the ${copiesOf(state)} ${copiesOf(state) === 1 ? 'copy' : 'copies'}: new copies start beside the old ones, batch by batch`,
      items: (state) => [
        { label: 'Use these defaults', description: describePolicy(state.changePolicy ? defaultRollingPolicy : state.policy), value: false },
        { label: 'Change the rolling policy…', detail: 'Batch size, wait interval, timeout and rollback batch', value: true },
      ],
      selected: (state) => state.changePolicy,
      apply: (state, change) => ({ ...state, changePolicy: change, ...(change ? {} : { policy: { ...defaultRollingPolicy, alarms: state.policy.alarms }, rollbackChoice: 'all' as const }) }),
    }),
    pickStep<UpdateState, BatchType>({
      id: 'batchType',
      ...section(),
      placeholder: 'Batch size (MaximumBatchSize): in copies, or in percent of the copies',
      items: (state) => [
        { label: 'Copies', detail: `At most ${maxBatchCopies(copiesOf(state))} of the ${copiesOf(state)} (AWS: 5 to 50 % of the copy count)`, value: 'COPY_COUNT' as const },
        { label: 'Percent of the copies', detail: `${batchPercentRange.min} to ${batchPercentRange.max} %`, value: 'CAPACITY_PERCENT' as const },
      ],
      selected: (state) => state.policy.batch.type,
      apply: (state, type) => setPolicy(state, { batch: { type, value: type === state.policy.batch.type ? state.policy.batch.value : type === 'COPY_COUNT' ? 1 : 25 } }),
    }),
    inputStep<UpdateState>({
      id: 'batchValue',
      ...section(),
      prompt: (state) =>
        state.policy.batch.type === 'COPY_COUNT'
          ? `Copies per batch (1 to ${maxBatchCopies(copiesOf(state))}): each batch starts this many new copies, then stops as many old ones`
          : `Percent of the copies per batch (${batchPercentRange.min}–${batchPercentRange.max})`,
      value: (state) => String(state.policy.batch.value),
      validate: (value, state) => validateBatchValue(value, state.policy.batch.type, copiesOf(state)),
      apply: (state, value) => setPolicy(state, { batch: { type: state.policy.batch.type, value: Number(value) } }),
    }),
    inputStep<UpdateState>({
      id: 'waitInterval',
      ...section(),
      prompt: `Wait interval in seconds (WaitIntervalInSeconds, ${waitIntervalRange.min}–${waitIntervalRange.max}): the baking period after each batch, while the alarms are watched`,
      value: (state) => String(state.policy.waitSeconds),
      validate: validateWaitInterval,
      apply: (state, value) => setPolicy(state, { waitSeconds: Number(value) }),
    }),
    inputStep<UpdateState>({
      id: 'timeout',
      ...section(),
      prompt: `Timeout in seconds for the whole update (MaximumExecutionTimeoutInSeconds, ${timeoutRange.min}–${timeoutRange.max}; past it, it rolls back), or empty to send none`,
      value: (state) => (state.policy.timeoutSeconds === undefined ? '' : String(state.policy.timeoutSeconds)),
      validate: validateTimeout,
      apply: (state, value) => setPolicy(state, { timeoutSeconds: value.trim() === '' ? undefined : Number(value) }),
    }),
    pickStep<UpdateState, 'all' | BatchType>({
      id: 'rollbackBatch',
      ...section(),
      placeholder: 'On a rollback, bring the old copies back (RollbackMaximumBatchSize):',
      items: () => [
        { label: 'All at once', description: "AWS's default", detail: 'The whole old fleet starts again in one batch: the fastest way back', value: 'all' as const },
        { label: 'By copies…', value: 'COPY_COUNT' as const },
        { label: 'By percent of the copies…', value: 'CAPACITY_PERCENT' as const },
      ],
      selected: (state) => state.rollbackChoice,
      apply: (state, choice) => ({
        ...setPolicy(state, { rollbackBatch: choice === 'all' ? undefined : { type: choice, value: state.policy.rollbackBatch?.type === choice ? state.policy.rollbackBatch.value : choice === 'COPY_COUNT' ? 1 : 50 } }),
        rollbackChoice: choice,
      }),
    }),
    inputStep<UpdateState>({
      id: 'rollbackValue',
      ...section((state) => state.rollbackChoice !== 'all'),
      prompt: (state) => (state.rollbackChoice === 'CAPACITY_PERCENT' ? 'Percent of the copies per rollback batch (1–100)' : 'Copies per rollback batch (at least 1)'),
      value: (state) => String(state.policy.rollbackBatch?.value ?? 1),
      validate: (value, state) => validateRollbackValue(value, state.rollbackChoice === 'CAPACITY_PERCENT' ? 'CAPACITY_PERCENT' : 'COPY_COUNT'),
      apply: (state, value) => setPolicy(state, { rollbackBatch: { type: state.rollbackChoice === 'CAPACITY_PERCENT' ? 'CAPACITY_PERCENT' : 'COPY_COUNT', value: Number(value) } }),
    }),
  ];
}

/** The alarms that roll the update back (AutoRollbackConfiguration), several or none, from the account's alarms. */
function alarmsStep(): WizardStep<UpdateState> {
  return {
    id: 'alarms',
    async ask(state: UpdateState, info: StepInfo, ui: UserInput) {
      const alarms = state.loaded!.alarms;
      const component = state.loaded!.ic.name;
      // The component's own alarms first (on its metrics), then the rest of the account's.
      const mine = (alarm: AlarmSnapshot) => alarm.dimensions['InferenceComponentName'] === component || alarm.dimensions['EndpointName'] === state.loaded!.ic.endpointName;
      const sorted = [...alarms.filter(mine), ...alarms.filter((alarm) => !mine(alarm))];
      let problem: string | undefined;
      for (;;) {
        const answer = await ui.pickManyPage(info, {
          placeholder:
            problem ??
            (alarms.length
              ? `Alarms that roll the update back (up to ${maxRollbackAlarms}; none: only the timeout)`
              : 'This account has no CloudWatch alarms: only the timeout can roll the update back. Continue with none.'),
          items: sorted.map((alarm) => ({
            label: alarm.name,
            description: `${alarm.state} · ${alarm.metricName ?? 'metric math'}`,
            group: mine(alarm) ? `Alarms on ${component} or its endpoint` : 'Other alarms of the account',
            value: alarm.name,
            picked: state.policy.alarms.includes(alarm.name),
          })),
        });
        if (answer.kind !== 'value') return answer;
        if (answer.value.length > maxRollbackAlarms) {
          problem = `${answer.value.length} alarms picked: AWS takes at most ${maxRollbackAlarms}. Pick fewer.`;
          continue;
        }
        // In the order listed, whatever order they were ticked in.
        const alarmsPicked = sorted.map((alarm) => alarm.name).filter((name) => answer.value.includes(name));
        return { kind: 'value', value: { ...state, policy: { ...state.policy, alarms: alarmsPicked } } };
      }
    },
  };
}

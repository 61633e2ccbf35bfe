import { type Plan, type PlanStep, type PlanValue } from '../plans/plan';
import { scaleToZeroNotesFor, scaleToZeroSteps } from '../enableScaleToZero/scaleToZeroPlan';
import { type ScaleSettings } from '../enableScaleToZero/scaleSettings';
import { describeHourlyCost, hourlyPrice, type PriceOverrides } from '../../cost/pricing';
import { idleTimeoutNote } from '../enableScaleToZero/idleTimeoutPlan';
import { type ComputeRequirements } from './instanceCapacity';
import { describeScaleInPolicy, type ScaleInPolicy, scaleInPolicyMember } from './scaleInPolicy';
import { instancePools } from './fallbackInstanceTypes';
import { describeEndpointSettings, endpointSettingNotes, type EndpointSettings, metricsConfigMember, variantSettingMembers, wakeAlarmPeriodFor } from './endpointSettings';
import { describeStartSettings, startSettingsMembers, startSettingsNotes, type StartSettingsAnswers } from './componentStartSettings';

export type RoutingStrategy = 'LEAST_OUTSTANDING_REQUESTS' | 'RANDOM';

export const variantName = 'AllTraffic';

/** Everything wizard 1 asked, resolved. */
export interface CreateEndpointAnswers {
  model: { kind: 'existing'; name: string } | { kind: 'new'; name: string; image: string; modelDataUrl?: string; environment: Record<string, string> };
  roleArn: string;
  endpointName: string;
  endpointConfigName: string;
  instanceType: string;
  /** Fallback types tried in this order when `instanceType` has no capacity (InstancePools priorities 2, 3, …); empty: one type. */
  fallbackInstanceTypes?: string[];
  maxInstances: number;
  /** ManagedInstanceScaling.ScaleInPolicy; none: not sent (SageMaker's own behaviour). */
  scaleIn?: ScaleInPolicy;
  routing: RoutingStrategy;
  inferenceComponentName: string;
  compute: ComputeRequirements;
  copyCount: number;
  /** The component's start settings changed from their defaults (StartupParameters 3600 s each, no data cache, no SchedulingConfig); none: the defaults. */
  startSettings?: StartSettingsAnswers;
  /** Wizard 2's setup as the last part, or none. */
  scaling?: ScaleSettings;
  /** The variant's InferenceAmiVersion and CapacityReservationConfig, the config's MetricsConfig; none: AWS's defaults. */
  endpointSettings?: EndpointSettings;
}

/**
 * The blog's order: model, endpoint config (no model in the variant, managed instance scaling from 0,
 * role at config level), endpoint (wait InService), inference component (wait InService), then the
 * scale-to-zero setup.
 */
export function buildCreateEndpointPlan(answers: CreateEndpointAnswers, overrides: PriceOverrides = {}): Plan {
  const steps: PlanStep[] = [
    ...(answers.model.kind === 'new' ? [createModelStep(answers.model, answers.roleArn)] : []),
    endpointConfigStep(answers),
    endpointStep(answers),
    inferenceComponentStep(answers),
  ];
  if (answers.scaling) {
    steps.push(
      ...scaleToZeroSteps({
        inferenceComponentName: answers.inferenceComponentName,
        settings: answers.scaling,
        parts: { target: 'create', targetTracking: 'create', stepPolicy: 'create', wakeAlarm: 'create' },
        wakeAlarmPeriod: wakeAlarmPeriodFor(answers.endpointSettings?.metricPublishFrequencyInSeconds),
        idleParts: { idlePolicy: 'create', idleAlarm: 'create' },
      }),
    );
  }
  const idleMinutes = answers.scaling?.idleMinutes;
  const untilScaleIn = idleMinutes === undefined ? 'about 25 idle minutes (15 to scale copies in, 10 to release the instance)' : `about ${idleMinutes + 10} idle minutes (${idleMinutes} to the idle timeout, 10 to release the instance)`;
  const notes = [
    `The first ${answers.copyCount === 1 ? 'copy bills' : `${answers.copyCount} copies bill`} from creation until the first scale-in: an inference component cannot be created with 0 copies, so expect ${untilScaleIn} before billing stops.`,
    ...(answers.scaling?.idleMinutes !== undefined ? [idleTimeoutNote(answers.scaling.idleMinutes, hourlyPrice(answers.instanceType, overrides))] : []),
    ...(answers.scaling ? scaleToZeroNotesFor(idleMinutes) : ['Without the auto-scaling setup nothing scales the copies to 0: run "Enable Scale to Zero" later.']),
    ...fallbackNotes(answers, overrides),
    ...endpointSettingNotes(answers.endpointSettings, answers.instanceType, answers.fallbackInstanceTypes ?? []),
    ...startSettingsNotes(answers.startSettings, answers.compute.memoryMb),
  ];
  return {
    title: `Create scale-to-zero endpoint ${answers.endpointName}`,
    steps,
    cost: describeHourlyCost(answers.instanceType, 1, overrides),
    notes,
  };
}

/** What a wake on a fallback type costs, and that only one type means a wake can fail for lack of capacity. */
function fallbackNotes(answers: CreateEndpointAnswers, overrides: PriceOverrides): string[] {
  const fallbacks = answers.fallbackInstanceTypes ?? [];
  if (fallbacks.length === 0) return [];
  const prices = fallbacks.map((name) => {
    const hourly = describeHourlyCost(name, 1, overrides).hourlyUsd;
    return hourly === undefined ? name : `${name} (≈ $${hourly.toFixed(2)}/h)`;
  });
  return [
    `Fallback instance types: when ${answers.instanceType} has no capacity at a wake (InsufficientInstanceCapacity), SageMaker provisions ${prices.join(', then ')} instead. The explorer shows which type each wake landed on.`,
  ];
}

/** CreateModel for a new model: its container (image, model data, environment) and the execution role. */
export function createModelStep(model: Extract<CreateEndpointAnswers['model'], { kind: 'new' }>, roleArn: string): PlanStep {
  const container: { [key: string]: PlanValue } = { Image: model.image };
  if (model.modelDataUrl) container.ModelDataUrl = model.modelDataUrl;
  if (Object.keys(model.environment).length > 0) container.Environment = { ...model.environment };
  return {
    id: 'createModel',
    service: 'sagemaker',
    operation: 'CreateModel',
    input: { ModelName: model.name, ExecutionRoleArn: roleArn, PrimaryContainer: container },
    description: `Create model ${model.name} from ${model.image}`,
    creates: { kind: 'model', name: model.name },
  };
}

/** No model in the variant, managed instance scaling from 0, the role at config level. */
function endpointConfigStep(answers: CreateEndpointAnswers): PlanStep {
  const fallbacks = answers.fallbackInstanceTypes ?? [];
  const types = fallbacks.length > 0 ? `${answers.instanceType}, falling back to ${fallbacks.join(', then ')} when it has no capacity` : answers.instanceType;
  return {
    id: 'createEndpointConfig',
    service: 'sagemaker',
    operation: 'CreateEndpointConfig',
    input: {
      EndpointConfigName: answers.endpointConfigName,
      ExecutionRoleArn: answers.roleArn,
      ProductionVariants: [
        {
          VariantName: variantName,
          ...(fallbacks.length > 0 ? { InstancePools: instancePools(answers.instanceType, fallbacks) } : { InstanceType: answers.instanceType }),
          InitialInstanceCount: 1,
          ManagedInstanceScaling: {
            Status: 'ENABLED',
            MinInstanceCount: 0,
            MaxInstanceCount: answers.maxInstances,
            ...(answers.scaleIn ? { ScaleInPolicy: scaleInPolicyMember(answers.scaleIn) } : {}),
          },
          RoutingConfig: { RoutingStrategy: answers.routing },
          ...variantSettingMembers(answers.endpointSettings),
        },
      ],
      ...metricsConfigMember(answers.endpointSettings),
    },
    description: `Create endpoint config ${answers.endpointConfigName}: ${types}, 0–${answers.maxInstances} instances${answers.scaleIn ? ` (scale-in ${describeScaleInPolicy(answers.scaleIn)})` : ''}, no model in the variant${describeEndpointSettings(answers.endpointSettings).map((setting) => `, ${setting}`).join('')}`,
    creates: { kind: 'endpointConfig', name: answers.endpointConfigName },
  };
}

function endpointStep(answers: CreateEndpointAnswers): PlanStep {
  return {
    id: 'createEndpoint',
    service: 'sagemaker',
    operation: 'CreateEndpoint',
    input: { EndpointName: answers.endpointName, EndpointConfigName: answers.endpointConfigName },
    description: `Create endpoint ${answers.endpointName} (a few minutes)`,
    creates: { kind: 'endpoint', name: answers.endpointName },
    waitFor: 'endpointInService',
  };
}

/** What CreateInferenceComponent needs of the answers (the create wizard's, or Add Inference Component's). */
export type ComponentAnswers = Pick<CreateEndpointAnswers, 'model' | 'endpointName' | 'inferenceComponentName' | 'compute' | 'copyCount' | 'startSettings'>;

/** CreateInferenceComponent on `variant` of the endpoint, waiting until it is InService. */
export function inferenceComponentStep(answers: ComponentAnswers, variant = variantName): PlanStep {
  const { model } = answers;
  const requirements: { [key: string]: PlanValue } = {
    NumberOfCpuCoresRequired: answers.compute.cpuCores,
    MinMemoryRequiredInMb: answers.compute.memoryMb,
  };
  if (answers.compute.accelerators > 0) requirements.NumberOfAcceleratorDevicesRequired = answers.compute.accelerators;
  return {
    id: 'createInferenceComponent',
    service: 'sagemaker',
    operation: 'CreateInferenceComponent',
    input: {
      InferenceComponentName: answers.inferenceComponentName,
      EndpointName: answers.endpointName,
      VariantName: variant,
      Specification: {
        ModelName: model.name,
        ComputeResourceRequirements: requirements,
        ...startSettingsMembers(answers.startSettings),
      },
      RuntimeConfig: { CopyCount: answers.copyCount },
    },
    description: `Deploy ${model.name} as inference component ${answers.inferenceComponentName} with ${answers.copyCount} cop${answers.copyCount === 1 ? 'y' : 'ies'}${startSettingsSuffix(answers.startSettings)}`,
    creates: { kind: 'inferenceComponent', name: answers.inferenceComponentName },
    waitFor: 'inferenceComponentInService',
  };
}

/** " (data cache on, BINPACK placement)" when start settings were changed; empty otherwise. */
function startSettingsSuffix(settings: StartSettingsAnswers | undefined): string {
  const described = describeStartSettings(settings);
  return described ? ` (${described})` : '';
}

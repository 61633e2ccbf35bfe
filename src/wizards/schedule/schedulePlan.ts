import { copyCountDimension, inferenceComponentResourceId } from '../../resources/resourceSnapshots';
import { type PlanStep, type PlanValue } from '../plans/plan';

export type ScheduleMethod = 'copyCount' | 'deleteRecreate' | 'scheduledAction';

export const universalTargets = {
  updateRuntimeConfig: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig',
  deleteInferenceComponent: 'arn:aws:scheduler:::aws-sdk:sagemaker:deleteInferenceComponent',
  createInferenceComponent: 'arn:aws:scheduler:::aws-sdk:sagemaker:createInferenceComponent',
} as const;

export interface SchedulePlanInput {
  method: ScheduleMethod;
  inferenceComponentName: string;
  timezone: string;
  sleep: { name: string; expression: string };
  wake: { name: string; expression: string };
  wakeCopies: number;
  /** Scheduler methods: the role EventBridge Scheduler assumes (its ARN, or the output of the step that creates it). */
  roleArn?: PlanValue;
  /** Delete/recreate: the CreateInferenceComponent request without RuntimeConfig (the IC's current spec). */
  createRequest?: { [key: string]: PlanValue };
  /** Scheduled actions: the scalable target's MaxCapacity. */
  targetMaxCapacity?: number;
}

function scheduleStep(
  id: string,
  input: SchedulePlanInput,
  which: { name: string; expression: string },
  target: string,
  request: { [key: string]: PlanValue },
  description: string,
): PlanStep {
  return {
    id,
    service: 'scheduler',
    operation: 'CreateSchedule',
    input: {
      Name: which.name,
      GroupName: 'default',
      ScheduleExpression: which.expression,
      ScheduleExpressionTimezone: input.timezone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      ActionAfterCompletion: which.expression.startsWith('at(') ? 'DELETE' : 'NONE',
      Description: description,
      Target: { Arn: target, RoleArn: input.roleArn ?? '', Input: JSON.stringify(request) },
    },
    description: `Schedule ${which.name} (${which.expression}, ${input.timezone}): ${description}`,
    creates: { kind: 'schedule', name: which.name, group: 'default' },
  };
}

/** The sleep step then the wake step, by the chosen method. */
export function scheduleSteps(input: SchedulePlanInput): PlanStep[] {
  const ic = input.inferenceComponentName;
  switch (input.method) {
    case 'copyCount':
      return [
        scheduleStep('createSleepSchedule', input, input.sleep, universalTargets.updateRuntimeConfig,
          { InferenceComponentName: ic, DesiredRuntimeConfig: { CopyCount: 0 } }, `set ${ic} to 0 copies`),
        scheduleStep('createWakeSchedule', input, input.wake, universalTargets.updateRuntimeConfig,
          { InferenceComponentName: ic, DesiredRuntimeConfig: { CopyCount: input.wakeCopies } }, `set ${ic} to ${input.wakeCopies} cop${input.wakeCopies === 1 ? 'y' : 'ies'}`),
      ];
    case 'deleteRecreate': {
      if (!input.createRequest) throw new Error(`Delete/recreate needs ${ic}'s current specification.`);
      return [
        scheduleStep('createSleepSchedule', input, input.sleep, universalTargets.deleteInferenceComponent, { InferenceComponentName: ic }, `delete ${ic}`),
        scheduleStep('createWakeSchedule', input, input.wake, universalTargets.createInferenceComponent,
          { ...input.createRequest, RuntimeConfig: { CopyCount: input.wakeCopies } }, `recreate ${ic} with ${input.wakeCopies} cop${input.wakeCopies === 1 ? 'y' : 'ies'}`),
      ];
    }
    case 'scheduledAction': {
      const resource = { ServiceNamespace: 'sagemaker', ResourceId: inferenceComponentResourceId(ic), ScalableDimension: copyCountDimension };
      const action = (id: string, which: { name: string; expression: string }, min: number, max: number, what: string): PlanStep => ({
        id,
        service: 'application-auto-scaling',
        operation: 'PutScheduledAction',
        input: { ...resource, ScheduledActionName: which.name, Schedule: which.expression, Timezone: input.timezone, ScalableTargetAction: { MinCapacity: min, MaxCapacity: max } },
        description: `Scheduled action ${which.name} (${which.expression}, ${input.timezone}): ${what}`,
        creates: { kind: 'scheduledAction', name: which.name, resourceId: resource.ResourceId, scalableDimension: copyCountDimension },
      });
      const max = Math.max(input.targetMaxCapacity ?? input.wakeCopies, input.wakeCopies);
      return [
        action('putSleepScheduledAction', input.sleep, 0, 0, `min 0, max 0 copies (asleep: requests are refused until the wake action)`),
        action('putWakeScheduledAction', input.wake, input.wakeCopies, max, `min ${input.wakeCopies}, max ${max} copies`),
      ];
    }
  }
}

/** The CreateInferenceComponent request that recreates an IC as DescribeInferenceComponent shows it now. */
export function createRequestFromDescription(description: Record<string, unknown>): { [key: string]: PlanValue } {
  const spec = (description.Specification ?? {}) as Record<string, unknown>;
  const specification: { [key: string]: PlanValue } = {};
  for (const key of ['ModelName', 'StartupParameters', 'ComputeResourceRequirements', 'BaseInferenceComponentName'] as const) {
    if (spec[key] !== undefined) specification[key] = spec[key] as PlanValue;
  }
  const container = spec.Container as { DeployedImage?: { SpecifiedImage?: string }; ArtifactUrl?: string; Environment?: Record<string, string> } | undefined;
  if (container?.DeployedImage?.SpecifiedImage) {
    specification.Container = {
      Image: container.DeployedImage.SpecifiedImage,
      ...(container.ArtifactUrl ? { ArtifactUrl: container.ArtifactUrl } : {}),
      ...(container.Environment ? { Environment: container.Environment } : {}),
    };
  }
  return {
    InferenceComponentName: String(description.InferenceComponentName ?? ''),
    EndpointName: String(description.EndpointName ?? ''),
    ...(description.VariantName ? { VariantName: String(description.VariantName) } : {}),
    Specification: specification,
  };
}

/**
 * What a delete/recreate schedule does with the secrets (HF_TOKEN…) of the container environment it
 * would copy: name the model instead of copying the container, leave the secret variables out, or copy
 * them knowingly.
 */
export type SecretHandling = 'referenceModel' | 'omit' | 'copy';

/** The container environment a recreate request would copy, and the model it names. */
export function copiedEnvironment(createRequest: { [key: string]: PlanValue }): { environment?: Record<string, string>; modelName?: string } {
  const specification = (createRequest.Specification ?? {}) as { ModelName?: string; Container?: { Environment?: Record<string, string> } };
  return { environment: specification.Container?.Environment, modelName: specification.ModelName };
}

/** The recreate request as the user chose to handle its secrets (`secretNames`, from the container's environment). */
export function recreateRequest(createRequest: { [key: string]: PlanValue }, handling: SecretHandling, secretNames: string[]): { [key: string]: PlanValue } {
  if (handling === 'copy' || secretNames.length === 0) return createRequest;
  const specification = { ...((createRequest.Specification ?? {}) as { [key: string]: PlanValue }) };
  const container = specification.Container as { [key: string]: PlanValue } | undefined;
  if (handling === 'referenceModel' && specification.ModelName) {
    delete specification.Container;
  } else if (container) {
    const environment = Object.fromEntries(Object.entries((container.Environment ?? {}) as { [key: string]: PlanValue }).filter(([name]) => !secretNames.includes(name)));
    const { Environment: _copied, ...rest } = container;
    specification.Container = Object.keys(environment).length > 0 ? { ...rest, Environment: environment } : rest;
  }
  return { ...createRequest, Specification: specification };
}

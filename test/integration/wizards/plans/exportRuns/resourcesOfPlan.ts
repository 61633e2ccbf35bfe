import { type ResourceRef } from '../../../../../src/resources/resourceSnapshots';
import { type PlanStep, type PlanValue, resourceKey } from '../../../../../src/wizards/plans/plan';

const text = (value: PlanValue | undefined, what: string, step: PlanStep): string => {
  if (typeof value !== 'string') throw new Error(`Step ${step.id} (${step.operation}): ${what} is not a literal string, so the run's resources cannot be named.`);
  return value;
};

/** The scaling keys of an Application Auto Scaling request. */
function scaling(step: PlanStep): { resourceId: string; scalableDimension: string } {
  return { resourceId: text(step.input.ResourceId, 'ResourceId', step), scalableDimension: text(step.input.ScalableDimension, 'ScalableDimension', step) };
}

/**
 * The resources one step's call creates, changes or deletes, named from its request. An operation
 * this does not know fails loudly, so a new kind of step cannot slip through the comparison unchecked.
 */
export function resourcesOfStep(step: PlanStep): ResourceRef[] {
  const input = step.input;
  switch (step.operation) {
    case 'CreateModel':
    case 'DeleteModel':
      return [{ kind: 'model', name: text(input.ModelName, 'ModelName', step) }];
    case 'CreateEndpointConfig':
    case 'DeleteEndpointConfig':
      return [{ kind: 'endpointConfig', name: text(input.EndpointConfigName, 'EndpointConfigName', step) }];
    case 'CreateEndpoint':
    case 'UpdateEndpoint':
    case 'DeleteEndpoint':
      return [{ kind: 'endpoint', name: text(input.EndpointName, 'EndpointName', step) }];
    case 'CreateInferenceComponent':
    case 'UpdateInferenceComponent':
    case 'UpdateInferenceComponentRuntimeConfig':
    case 'DeleteInferenceComponent':
      return [{ kind: 'inferenceComponent', name: text(input.InferenceComponentName, 'InferenceComponentName', step) }];
    case 'RegisterScalableTarget':
    case 'DeregisterScalableTarget':
      return [{ kind: 'scalableTarget', ...scaling(step) }];
    case 'PutScalingPolicy':
    case 'DeleteScalingPolicy':
      return [{ kind: 'scalingPolicy', policyName: text(input.PolicyName, 'PolicyName', step), ...scaling(step) }];
    case 'PutScheduledAction':
    case 'DeleteScheduledAction':
      return [{ kind: 'scheduledAction', name: text(input.ScheduledActionName, 'ScheduledActionName', step), ...scaling(step) }];
    case 'PutMetricAlarm':
      return [{ kind: 'alarm', name: text(input.AlarmName, 'AlarmName', step) }];
    case 'DeleteAlarms':
      return (Array.isArray(input.AlarmNames) ? input.AlarmNames : []).map((name) => ({ kind: 'alarm' as const, name: text(name, 'AlarmNames', step) }));
    case 'CreateSchedule':
    case 'UpdateSchedule':
    case 'DeleteSchedule':
      return [{ kind: 'schedule', name: text(input.Name, 'Name', step), group: input.GroupName === undefined ? 'default' : text(input.GroupName, 'GroupName', step) }];
    case 'CreateRole':
      return [{ kind: 'role', name: text(input.RoleName, 'RoleName', step) }];
    case 'PutRolePolicy':
      return [{ kind: 'rolePolicy', roleName: text(input.RoleName, 'RoleName', step), policyName: text(input.PolicyName, 'PolicyName', step) }];
    default:
      throw new Error(`Step ${step.id}: no describe is known for ${step.operation}; add it to resourcesOfStep.`);
  }
}

/** Every resource a plan's steps touch, each once, in the order of first touch. */
export function resourcesTouchedBy(steps: readonly PlanStep[]): ResourceRef[] {
  const seen = new Map<string, ResourceRef>();
  for (const step of steps) {
    for (const resource of [...(step.creates ? [step.creates] : []), ...resourcesOfStep(step)]) {
      if (!seen.has(resourceKey(resource))) seen.set(resourceKey(resource), resource);
    }
  }
  return [...seen.values()];
}

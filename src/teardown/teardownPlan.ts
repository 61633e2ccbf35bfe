import {
  copyCountDimension,
  type EndpointSnapshot,
  type InferenceComponentScaling,
  type InferenceComponentSnapshot,
  inferenceComponentResourceId,
  type TeardownStep,
} from '../resources/resourceSnapshots';
import { isTargetTrackingAlarm } from '../resources/targetTrackingAlarms';

export interface TeardownInput {
  components: { ic: InferenceComponentSnapshot; scaling: InferenceComponentScaling }[];
  /** Present when the whole endpoint goes; absent to delete only the given inference components. */
  endpoint?: EndpointSnapshot;
  deleteModels: boolean;
  /** Other endpoints that use the endpoint's config: then the config is kept. */
  configUsers?: string[];
}

/**
 * The safe order to take scale-to-zero resources down (reference §5): schedules first (so nothing
 * recreates or wakes what is being deleted), then the user's NoCapacity alarms (they outlive their
 * policy), then the scalable target (which removes its policies and their target-tracking alarms),
 * then the inference components (adapters before their base), the endpoint, its config and, when
 * asked, the models.
 */
export function planTeardown(input: TeardownInput): TeardownStep[] {
  const steps: TeardownStep[] = [];
  const seenSchedules = new Set<string>();
  for (const { scaling } of input.components) {
    for (const schedule of scaling.schedules) {
      const key = `${schedule.group}/${schedule.name}`;
      if (seenSchedules.has(key)) continue;
      seenSchedules.add(key);
      steps.push({ kind: 'deleteSchedule', name: schedule.name, group: schedule.group });
    }
  }
  // Target-tracking alarms belong to their policy: deregistering the target removes them.
  const alarms = [
    ...new Set(input.components.flatMap(({ scaling }) => scaling.alarms.map((alarm) => alarm.name).filter((name) => !isTargetTrackingAlarm(name, scaling.policies)))),
  ];
  if (alarms.length > 0) steps.push({ kind: 'deleteAlarms', names: alarms });
  for (const { ic, scaling } of input.components) {
    if (scaling.target) {
      steps.push({ kind: 'deregisterScalableTarget', resourceId: inferenceComponentResourceId(ic.name), scalableDimension: copyCountDimension });
    }
  }
  // Adapters before their base: SageMaker may refuse to delete a base that still carries adapters.
  const adaptersFirst = [...input.components].sort((a, b) => Number(b.ic.baseComponentName !== undefined) - Number(a.ic.baseComponentName !== undefined));
  for (const { ic } of adaptersFirst) steps.push({ kind: 'deleteInferenceComponent', name: ic.name });
  if (input.endpoint) {
    steps.push({ kind: 'deleteEndpoint', name: input.endpoint.name });
    if (input.endpoint.configName && (input.configUsers ?? []).length === 0) steps.push({ kind: 'deleteEndpointConfig', name: input.endpoint.configName });
  }
  if (input.deleteModels) {
    const models = [...new Set(input.components.map(({ ic }) => ic.modelName).filter((name): name is string => Boolean(name)))];
    for (const name of models) steps.push({ kind: 'deleteModel', name });
  }
  return steps;
}

/** What a teardown leaves on purpose, and why: one sentence each, for the confirmation. */
export function teardownNotes(input: TeardownInput): string[] {
  const users = input.configUsers ?? [];
  if (!input.endpoint?.configName || users.length === 0) return [];
  const which = users.length === 1 ? `endpoint ${users[0]} also uses it` : `endpoints ${users.join(', ')} also use it`;
  return [`Endpoint config ${input.endpoint.configName} is kept: ${which}, and deleting it would leave them unable to scale or update.`];
}

export function describeTeardownStep(step: TeardownStep): string {
  switch (step.kind) {
    case 'deleteSchedule':
      return `Delete schedule ${step.name} (group ${step.group})`;
    case 'deleteAlarms':
      return `Delete alarm${step.names.length > 1 ? 's' : ''} ${step.names.join(', ')}`;
    case 'deregisterScalableTarget':
      return `Deregister scalable target ${step.resourceId} (and its scaling policies)`;
    case 'deleteInferenceComponent':
      return `Delete inference component ${step.name}`;
    case 'deleteEndpoint':
      return `Delete endpoint ${step.name}`;
    case 'deleteEndpointConfig':
      return `Delete endpoint config ${step.name}`;
    case 'deleteModel':
      return `Delete model ${step.name}`;
  }
}

/** The line a teardown shows and logs for one step as it runs: `…` when it starts, then its outcome. */
export function describeTeardownProgress(progress: { step: TeardownStep; state: 'started' | 'done' | 'alreadyGone' | 'failed' }): string {
  const description = describeTeardownStep(progress.step);
  switch (progress.state) {
    case 'started':
      return `${description}…`;
    case 'done':
      return `${description}: done.`;
    case 'alreadyGone':
      return `${description}: already gone.`;
    case 'failed':
      return `${description}: failed.`;
  }
}

import { type ResourceRef, type TeardownStep } from './resourceSnapshots';

/**
 * What an action of the extension itself (a plan's call, a rollback, a teardown, a copy count) just
 * changed, named by the endpoints and inference components whose rows show it: the explorer re-reads
 * those at once instead of waiting for its next poll.
 */
export interface TouchedResources {
  endpoints: readonly string[];
  components: readonly string[];
}

export const nothingTouched: TouchedResources = { endpoints: [], components: [] };

const componentResourceId = /^inference-component\/(.+)$/;

/** The inference component of an Application Auto Scaling resource id ("inference-component/NAME"). */
export function componentOfResourceId(resourceId: string): string | undefined {
  return componentResourceId.exec(resourceId)?.[1];
}

/** The rows a resource shows on: an endpoint, an inference component, or the component its scaling belongs to. */
export function touchedByResource(resource: ResourceRef): TouchedResources {
  switch (resource.kind) {
    case 'endpoint':
      return { endpoints: [resource.name], components: [] };
    case 'inferenceComponent':
      return { endpoints: [], components: [resource.name] };
    case 'scalableTarget':
    case 'scalingPolicy':
    case 'scheduledAction': {
      const component = componentOfResourceId(resource.resourceId);
      return component ? { endpoints: [], components: [component] } : nothingTouched;
    }
    default:
      // Models and endpoint configs have no row; an alarm or a schedule is named by what its call says (its dimensions, its target).
      return nothingTouched;
  }
}

/** The rows a teardown step changes (alarms and schedules have none of their own: the whole teardown ends with a full refresh). */
export function touchedByTeardownStep(step: TeardownStep): TouchedResources {
  switch (step.kind) {
    case 'deleteEndpoint':
      return { endpoints: [step.name], components: [] };
    case 'deleteInferenceComponent':
      return { endpoints: [], components: [step.name] };
    case 'deregisterScalableTarget':
      return touchedByResource({ kind: 'scalableTarget', resourceId: step.resourceId, scalableDimension: step.scalableDimension });
    default:
      return nothingTouched;
  }
}

/** Both lists, each name once. */
export function mergeTouched(...all: readonly TouchedResources[]): TouchedResources {
  return {
    endpoints: [...new Set(all.flatMap((touched) => touched.endpoints))],
    components: [...new Set(all.flatMap((touched) => touched.components))],
  };
}

export function isNothingTouched(touched: TouchedResources): boolean {
  return touched.endpoints.length === 0 && touched.components.length === 0;
}

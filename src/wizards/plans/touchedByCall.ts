import { componentOfResourceId, mergeTouched, type TouchedResources, touchedByResource } from '../../resources/touchedResources';
import { type PlanStep } from './plan';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The endpoint and inference component a request names (SageMaker's members, or the JSON a schedule sends). */
function named(request: Record<string, unknown>): TouchedResources {
  const endpoint = text(request.EndpointName);
  const component = text(request.InferenceComponentName);
  return { endpoints: endpoint ? [endpoint] : [], components: component ? [component] : [] };
}

/** An alarm's InferenceComponentName dimension. */
function dimensions(request: Record<string, unknown>): TouchedResources {
  const found = Array.isArray(request.Dimensions)
    ? request.Dimensions.flatMap((dimension: unknown) => {
        const { Name, Value } = (dimension ?? {}) as { Name?: unknown; Value?: unknown };
        const value = text(Value);
        return Name === 'InferenceComponentName' && value ? [value] : [];
      })
    : [];
  return { endpoints: [], components: found };
}

/** What a schedule acts on: the request its universal target sends (JSON in Target.Input). */
function scheduleTarget(request: Record<string, unknown>): TouchedResources {
  const input = text((request.Target as { Input?: unknown } | undefined)?.Input);
  if (!input) return { endpoints: [], components: [] };
  try {
    const parsed: unknown = JSON.parse(input);
    return parsed && typeof parsed === 'object' ? named(parsed as Record<string, unknown>) : { endpoints: [], components: [] };
  } catch {
    return { endpoints: [], components: [] };
  }
}

/**
 * The rows a plan's call changed, from the call itself (its resolved request) and what the step
 * creates: CreateEndpoint names its endpoint, CreateInferenceComponent its component and endpoint,
 * the scaling calls their component (ResourceId), an alarm its InferenceComponentName dimension, a
 * schedule the component its target acts on. Models and endpoint configs have no row.
 */
export function touchedByCall(step: Pick<PlanStep, 'creates'>, request: Record<string, unknown>): TouchedResources {
  const resourceId = text(request.ResourceId);
  const component = resourceId ? componentOfResourceId(resourceId) : undefined;
  return mergeTouched(
    step.creates ? touchedByResource(step.creates) : { endpoints: [], components: [] },
    named(request),
    dimensions(request),
    scheduleTarget(request),
    { endpoints: [], components: component ? [component] : [] },
  );
}

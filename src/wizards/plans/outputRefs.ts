import { isOutputRef, type Plan, type PlanStep, type PlanValue } from './plan';

/** A `$ref` that names no output of an earlier step: the plan is wrong, not the account. */
export class UnresolvedRefError extends Error {
  constructor(
    readonly ref: string,
    readonly stepId: string,
  ) {
    super(`Step ${stepId} uses the output "${ref}", which no earlier step produced.`);
    this.name = 'UnresolvedRefError';
  }
}

/** Replaces every `{ $ref }` in a step's input by the value an earlier step returned. */
export function resolveRefs(value: PlanValue, outputs: Record<string, unknown>, stepId: string): unknown {
  if (isOutputRef(value)) {
    if (!(value.$ref in outputs) || outputs[value.$ref] === undefined) throw new UnresolvedRefError(value.$ref, stepId);
    return outputs[value.$ref];
  }
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, outputs, stepId));
  if (value !== null && typeof value === 'object') {
    const resolved: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) resolved[key] = resolveRefs(item, outputs, stepId);
    return resolved;
  }
  return value;
}

/** Every `$ref` name used anywhere in a value. */
export function refsIn(value: PlanValue): string[] {
  if (isOutputRef(value)) return [value.$ref];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(refsIn);
  return [];
}

/**
 * The segments of an output path: `PolicyARN`, `Alarms.0.AlarmARN` or `Alarms[0].AlarmARN` all work;
 * numbers index arrays.
 */
export function outputPathSegments(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((segment) => segment.length > 0)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Reads a value from a response by an output path; undefined when any segment is missing. */
export function readOutputPath(response: unknown, path: string): unknown {
  let current: unknown = response;
  for (const segment of outputPathSegments(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The step that produces each named output, for the exporters and for plan validation. */
export function outputProducers(plan: Plan): Map<string, { step: PlanStep; path: string }> {
  const producers = new Map<string, { step: PlanStep; path: string }>();
  for (const step of plan.steps) {
    for (const [name, path] of Object.entries(step.outputs ?? {})) producers.set(name, { step, path });
  }
  return producers;
}

/**
 * Problems that make a plan unrunnable before any call is made: duplicate step ids, `$ref`s that no
 * earlier step produces, outputs named twice. Empty when the plan is consistent.
 */
export function validatePlanRefs(plan: Plan, known: Iterable<string> = []): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const initial = new Set<string>(known);
  const available = new Set<string>(initial);
  for (const step of plan.steps) {
    if (ids.has(step.id)) problems.push(`Two steps have the id ${step.id}.`);
    ids.add(step.id);
    for (const ref of refsIn(step.input)) {
      if (!available.has(ref)) problems.push(`Step ${step.id} uses the output "${ref}", which no earlier step produces.`);
    }
    for (const name of Object.keys(step.outputs ?? {})) {
      if (available.has(name) && !initial.has(name)) problems.push(`The output "${name}" is produced twice (again by step ${step.id}).`);
      available.add(name);
    }
  }
  return problems;
}

import { type MemberRef, type ServiceModel, type Shape } from '@s2z/service-models';
import { distinctKey, patternBreaker, stringOfLength, validString, validStringOfLength, validValue } from './modelValues';

/**
 * The constraint cases of an operation, read from its input shape: for every member (top-level and
 * nested, through lists and maps) and every constraint the model states on it, one request that
 * breaks only that constraint and requests at its boundaries (exactly min, exactly max, an enum
 * value, a string matching the pattern) that must not be refused for it.
 */
export type ConstraintKind = 'required' | 'min' | 'max' | 'pattern' | 'enum';

/** One step into a value: a structure's member, a list's first item, a map's first value or key. */
export type Step = { member: string } | { item: true } | { mapValue: true } | { mapKey: true };

export interface ConstraintCase {
  kind: ConstraintKind;
  /** `violation`: must be refused for this constraint; `boundary`: must not be. */
  expect: 'violation' | 'boundary';
  /** Where, in the validator's path form (`ProductionVariants[0].VariantName`). */
  path: string;
  /** Where AWS reports it: `productionVariants.1.member.variantName` (a list of strings or a map: the collection). */
  awsPath: string;
  /** What the case sends, in words (for failure messages). */
  what: string;
  params: Record<string, unknown>;
}

/** A constraint the wire cannot carry (a missing URI label): listed, not sent. */
export interface UnsentCase {
  kind: ConstraintKind;
  path: string;
  reason: string;
}

const OMIT = Symbol('omit');

function pathText(steps: readonly Step[]): string {
  let text = '';
  for (const step of steps) {
    if ('member' in step) text += text ? `.${step.member}` : step.member;
    else if ('item' in step) text += '[0]';
    else if ('mapValue' in step) text += '["…"]';
    else text += '{key}';
  }
  return text;
}

function awsPathOf(model: ServiceModel, inputShape: string, steps: readonly Step[]): string {
  let path = '';
  let shape: Shape = model.shapes[inputShape];
  for (const [index, step] of steps.entries()) {
    if ('member' in step) {
      const name = step.member.charAt(0).toLowerCase() + step.member.slice(1);
      path = path ? `${path}.${name}` : name;
      shape = model.shapes[shape.members![step.member].shape];
    } else if ('item' in step) {
      const item = model.shapes[shape.member!.shape];
      if (index === steps.length - 1 || !['structure', 'list', 'map'].includes(item.type)) return path;
      path += '.1.member';
      shape = item;
    } else return path;
  }
  return path;
}

/** The input with every required member, and at `steps` the value `leaf` (or no value: OMIT). */
function build(model: ServiceModel, inputShape: string, steps: readonly Step[], leaf: unknown): Record<string, unknown> {
  const root = validValue(model, inputShape) as Record<string, unknown>;
  let cursor: unknown = root;
  let shape: Shape = model.shapes[inputShape];
  steps.forEach((step, index) => {
    const last = index === steps.length - 1;
    if ('member' in step) {
      const record = cursor as Record<string, unknown>;
      if (shape.union) for (const other of Object.keys(record)) if (other !== step.member) delete record[other];
      const member = shape.members![step.member];
      if (last) {
        if (leaf === OMIT) delete record[step.member];
        else record[step.member] = leaf;
        return;
      }
      record[step.member] ??= validValue(model, member.shape);
      cursor = record[step.member];
      shape = model.shapes[member.shape];
    } else if ('item' in step) {
      const list = cursor as unknown[];
      if (last) {
        list[0] = leaf;
        return;
      }
      if (list.length === 0) list.push(validValue(model, shape.member!.shape));
      cursor = list[0];
      shape = model.shapes[shape.member!.shape];
    } else if ('mapValue' in step) {
      const map = cursor as Record<string, unknown>;
      const key = Object.keys(map)[0] ?? distinctKey(model.shapes[shape.key!.shape], 0);
      if (last) {
        map[key] = leaf;
        return;
      }
      map[key] ??= validValue(model, shape.value!.shape);
      cursor = map[key];
      shape = model.shapes[shape.value!.shape];
    } else {
      const map = cursor as Record<string, unknown>;
      for (const key of Object.keys(map)) delete map[key];
      map[String(leaf)] = validValue(model, shape.value!.shape);
    }
  });
  return root;
}

interface Site {
  steps: Step[];
  shapeName: string;
  /** Required by the structure that holds it. */
  required: boolean;
  /** The top-level member's binding (restJson): `uri`, `header`, `querystring`, or the payload. */
  binding?: string;
}

/** Every place in the input a constraint can sit, depth first; a shape already on the way is not entered again. */
function sites(model: ServiceModel, inputShape: string): Site[] {
  const found: Site[] = [];
  const visit = (shapeName: string, steps: Step[], chain: string[], binding?: string) => {
    const shape = model.shapes[shapeName];
    if (chain.includes(shapeName) || chain.length > 10) return;
    const next = [...chain, shapeName];
    if (shape.type === 'structure' && !shape.document) {
      const payload = (shape as Shape & { payload?: string }).payload;
      for (const [name, member] of Object.entries(shape.members ?? {}) as [string, MemberRef][]) {
        const memberSteps = [...steps, { member: name }];
        const memberBinding = steps.length === 0 ? (payload === name ? 'payload' : member.location) : binding;
        found.push({ steps: memberSteps, shapeName: member.shape, required: (shape.required ?? []).includes(name), binding: memberBinding });
        visit(member.shape, memberSteps, next, memberBinding);
      }
    } else if (shape.type === 'list') {
      const itemSteps: Step[] = [...steps, { item: true }];
      found.push({ steps: itemSteps, shapeName: shape.member!.shape, required: false, binding });
      visit(shape.member!.shape, itemSteps, next, binding);
    } else if (shape.type === 'map') {
      found.push({ steps: [...steps, { mapKey: true }], shapeName: shape.key!.shape, required: false, binding });
      const valueSteps: Step[] = [...steps, { mapValue: true }];
      found.push({ steps: valueSteps, shapeName: shape.value!.shape, required: false, binding });
      visit(shape.value!.shape, valueSteps, next, binding);
    }
  };
  visit(inputShape, [], []);
  return found;
}

const isNumber = (shape: Shape) => shape.type === 'integer' || shape.type === 'long' || shape.type === 'float' || shape.type === 'double';

/** Items for a list or entries for a map of `count`, each valid. */
function collection(model: ServiceModel, shape: Shape, count: number): unknown {
  if (shape.type === 'list') return Array.from({ length: count }, () => validValue(model, shape.member!.shape));
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [distinctKey(model.shapes[shape.key!.shape], index), validValue(model, shape.value!.shape)]));
}

/** The constraint cases of one operation (none when it has no input). */
export function constraintCases(model: ServiceModel, operation: string): { cases: ConstraintCase[]; unsent: UnsentCase[] } {
  const input = model.operations[operation].input?.shape;
  const cases: ConstraintCase[] = [];
  const unsent: UnsentCase[] = [];
  if (!input) return { cases, unsent };
  for (const site of sites(model, input)) {
    const shape = model.shapes[site.shapeName];
    const path = pathText(site.steps);
    const add = (kind: ConstraintKind, expect: ConstraintCase['expect'], what: string, leaf: unknown) => {
      if (site.binding === 'uri' && site.steps.length === 1 && leaf === '') {
        unsent.push({ kind, path, reason: 'an empty URI label cannot be sent (the SDKs refuse it)' });
        return;
      }
      if (site.binding === 'header' && typeof leaf === 'string' && !/^([\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?)?$/.test(leaf)) {
        unsent.push({ kind, path, reason: `an HTTP header cannot carry ${JSON.stringify(leaf.slice(0, 20))} as it is` });
        return;
      }
      if (site.steps.at(-1) && 'mapKey' in site.steps.at(-1)! && leaf === OMIT) return;
      cases.push({ kind, expect, path, awsPath: awsPathOf(model, input, site.steps), what, params: build(model, input, site.steps, leaf) });
    };
    const isKey = 'mapKey' in site.steps.at(-1)!;
    if (site.required) {
      if (site.binding === 'uri') unsent.push({ kind: 'required', path, reason: 'a URI label cannot be left out of the path (the SDKs refuse before sending)' });
      else if (site.binding === 'payload') unsent.push({ kind: 'required', path, reason: 'an empty HTTP body is an empty payload, not a missing one' });
      else add('required', 'violation', 'without it', OMIT);
    }
    if (shape.type === 'string') {
      if (shape.min !== undefined && shape.min > 0) {
        add('min', 'violation', `${shape.min - 1} characters`, stringOfLength(shape, shape.min - 1));
        const atMin = validStringOfLength(shape, shape.min);
        if (atMin !== undefined) add('min', 'boundary', `exactly ${shape.min} characters`, atMin);
      }
      if (shape.max !== undefined && shape.max < 200_000) {
        if (!isKey || shape.max < 1000) add('max', 'violation', `${shape.max + 1} characters`, stringOfLength(shape, shape.max + 1));
        const atMax = validStringOfLength(shape, shape.max);
        if (atMax !== undefined) add('max', 'boundary', `exactly ${shape.max} characters`, atMax);
      }
      if (shape.pattern !== undefined && !shape.enum) {
        const breaker = patternBreaker(shape);
        if (breaker !== undefined) add('pattern', 'violation', `${JSON.stringify(breaker)}, against ${shape.pattern}`, breaker);
        else unsent.push({ kind: 'pattern', path, reason: `no string within the lengths breaks ${shape.pattern}` });
        const valid = validString(shape);
        add('pattern', 'boundary', `${JSON.stringify(valid)}, matching ${shape.pattern}`, valid);
      }
      if (shape.enum) {
        const bad = stringOfLength({ type: 'string', min: shape.min, max: shape.max }, Math.max(shape.min ?? 0, 7)).replace(/^./, 'Z');
        add('enum', 'violation', `${JSON.stringify(bad)}, not one of its values`, shape.enum.includes(bad) ? `${bad}Z` : bad);
        for (const value of new Set([shape.enum[0], shape.enum.at(-1)!])) add('enum', 'boundary', JSON.stringify(value), value);
      }
    } else if (isNumber(shape)) {
      const step = shape.type === 'float' || shape.type === 'double' ? 0.5 : 1;
      if (shape.min !== undefined && Number.isSafeInteger(Math.trunc(shape.min - step))) {
        add('min', 'violation', String(shape.min - step), shape.min - step);
        add('min', 'boundary', String(shape.min), shape.min);
      }
      if (shape.max !== undefined && Number.isSafeInteger(Math.trunc(shape.max + step))) {
        add('max', 'violation', String(shape.max + step), shape.max + step);
        add('max', 'boundary', String(shape.max), shape.max);
      }
    } else if (shape.type === 'list' || shape.type === 'map') {
      const unit = shape.type === 'list' ? 'items' : 'entries';
      if (shape.min !== undefined && shape.min > 0) {
        add('min', 'violation', `${shape.min - 1} ${unit}`, collection(model, shape, shape.min - 1));
        add('min', 'boundary', `${shape.min} ${unit}`, collection(model, shape, shape.min));
      }
      if (shape.max !== undefined && shape.max <= 1000) {
        add('max', 'violation', `${shape.max + 1} ${unit}`, collection(model, shape, shape.max + 1));
        add('max', 'boundary', `${shape.max} ${unit}`, collection(model, shape, shape.max));
      }
    }
  }
  return { cases, unsent };
}

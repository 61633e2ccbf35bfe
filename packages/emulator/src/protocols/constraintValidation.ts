/**
 * The constraints AWS's models state on an operation's input (generated into inputConstraints.ts by
 * scripts/input-constraints.mjs), checked before the operation reads anything, as AWS's services check
 * them before anything else (a name too long is refused before "not found" or "already exists"):
 *
 *   N validation error(s) detected: Value '…' at '<member path>' failed to satisfy constraint: Member must …
 *
 * One error per broken constraint; member paths with a lowercase first letter, items of a list of
 * structures as `.N.member.`; the items of a list of strings and the keys and values of a map are
 * reported once for the collection ("Member must satisfy constraint: [Member must …]").
 */
export type ConstraintShape =
  | { t: 'structure'; members: Record<string, string>; required?: string[]; union?: boolean; bindings?: Record<string, [string, string]>; payload?: string }
  | { t: 'list'; member: string; min?: number; max?: number }
  | { t: 'map'; key: string; value: string; min?: number; max?: number }
  | { t: 'string'; min?: number; max?: number; pattern?: string; regex?: [string, string]; enum?: string[] }
  | { t: 'number'; min?: number; max?: number }
  | { t: 'blob'; min?: number; max?: number }
  | { t: 'other' };

export interface ConstraintTable {
  /** Operation → its input structure (null: no input). */
  operations: Record<string, string | null>;
  shapes: Record<string, ConstraintShape | null>;
}

const compiled = new Map<string, RegExp>();

function regexOf([source, flags]: [string, string]): RegExp {
  const key = `${flags}/${source}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = new RegExp(source, flags);
    compiled.set(key, regex);
  }
  return regex;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A value as AWS quotes it in the message (lists as `[a, b]`, maps as `{k=v}`). */
function quote(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(quote).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `${key}=${quote(item)}`).join(', ')}}`;
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The constraints a scalar value breaks, each as "Member must …". */
function scalarRules(shape: ConstraintShape, value: unknown): string[] {
  const broken: string[] = [];
  if (shape.t === 'string' && typeof value === 'string') {
    if (shape.min !== undefined && value.length < shape.min) broken.push(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value.length > shape.max) broken.push(`Member must have length less than or equal to ${shape.max}`);
    if (shape.regex && !regexOf(shape.regex).test(value)) broken.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    if (shape.enum && !shape.enum.includes(value)) broken.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  } else if (shape.t === 'number' && typeof value === 'number') {
    if (shape.min !== undefined && value < shape.min) broken.push(`Member must have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) broken.push(`Member must have value less than or equal to ${shape.max}`);
  } else if (shape.t === 'blob' && (typeof value === 'string' || Buffer.isBuffer(value))) {
    const bytes = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
    if (shape.min !== undefined && bytes < shape.min) broken.push(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && bytes > shape.max) broken.push(`Member must have length less than or equal to ${shape.max}`);
  }
  return broken;
}

const isComposite = (shape: ConstraintShape | null | undefined) => shape?.t === 'structure' || shape?.t === 'list' || shape?.t === 'map';

function check(table: ConstraintTable, shapeName: string, value: unknown, path: string, out: string[]): void {
  if (value === undefined || value === null) return;
  const shape = table.shapes[shapeName];
  if (!shape) return;
  const at = (rule: string) => out.push(`Value '${quote(value)}' at '${path}' failed to satisfy constraint: ${rule}`);
  switch (shape.t) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return;
      const record = value as Record<string, unknown>;
      for (const member of shape.required ?? []) {
        if (record[member] === undefined || record[member] === null) out.push(`Value null at '${path ? `${path}.` : ''}${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`);
      }
      for (const [member, item] of Object.entries(record)) {
        if (Object.hasOwn(shape.members, member)) check(table, shape.members[member], item, path ? `${path}.${lowerFirst(member)}` : lowerFirst(member), out);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return;
      if (shape.min !== undefined && value.length < shape.min) at(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) at(`Member must have length less than or equal to ${shape.max}`);
      const item = table.shapes[shape.member];
      if (isComposite(item)) {
        value.forEach((element, index) => check(table, shape.member, element, `${path}.${index + 1}.member`, out));
        return;
      }
      const broken = new Set(value.flatMap((element) => (item ? scalarRules(item, element) : [])));
      if (broken.size > 0) at(`Member must satisfy constraint: [${[...broken].join(', ')}]`);
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return;
      const entries = Object.entries(value as Record<string, unknown>);
      if (shape.min !== undefined && entries.length < shape.min) at(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max) at(`Member must have length less than or equal to ${shape.max}`);
      const keyShape = table.shapes[shape.key];
      const keys = new Set(entries.flatMap(([key]) => (keyShape ? scalarRules(keyShape, key) : [])));
      if (keys.size > 0) at(`Map keys must satisfy constraint: [${[...keys].join(', ')}]`);
      const valueShape = table.shapes[shape.value];
      if (isComposite(valueShape)) {
        for (const [key, item] of entries) check(table, shape.value, item, `${path}.${key}`, out);
        return;
      }
      const values = new Set(entries.flatMap(([, item]) => (valueShape && item !== null && item !== undefined ? scalarRules(valueShape, item) : [])));
      if (values.size > 0) at(`Map value must satisfy constraint: [${[...values].join(', ')}]`);
      return;
    }
    default:
      for (const rule of scalarRules(shape, value)) at(rule);
  }
}

/**
 * The constraint violations of an operation's input (its members by the model's names), in AWS's
 * words; empty when it satisfies every constraint or the table does not know the operation.
 */
export function constraintViolations(table: ConstraintTable, operation: string, input: Record<string, unknown>): string[] {
  const shape = Object.hasOwn(table.operations, operation) ? table.operations[operation] : null;
  if (!shape) return [];
  const out: string[] = [];
  check(table, shape, input, '', out);
  return out;
}

/**
 * An awsQuery form's fields read into the operation's input by the table's shapes (`Name.member.N`,
 * `Name.entry.N.key`/`.value`): strings stay strings, numbers that read as numbers become numbers.
 * Only for checking constraints; the operation still reads the form itself.
 */
export function formInput(table: ConstraintTable, operation: string, params: ReadonlyMap<string, string>): Record<string, unknown> {
  const shape = Object.hasOwn(table.operations, operation) ? table.operations[operation] : null;
  if (!shape) return {};
  const keys = [...params.keys()];
  const read = (shapeName: string, prefix: string, depth: number): unknown => {
    const found = table.shapes[shapeName];
    if (!found || depth > 20) return undefined;
    if (found.t === 'structure') {
      const record: Record<string, unknown> = {};
      for (const [member, target] of Object.entries(found.members)) {
        const value = read(target, prefix ? `${prefix}.${member}` : member, depth + 1);
        if (value !== undefined) record[member] = value;
      }
      return prefix && Object.keys(record).length === 0 ? undefined : record;
    }
    if (found.t === 'list' || found.t === 'map') {
      const base = `${prefix}.${found.t === 'list' ? 'member' : 'entry'}.`;
      if (params.get(prefix) === '') return found.t === 'list' ? [] : {};
      const indexes = [...new Set(keys.filter((key) => key.startsWith(base)).map((key) => Number(key.slice(base.length).split('.')[0])))].filter(Number.isInteger).sort((a, b) => a - b);
      if (indexes.length === 0) return undefined;
      if (found.t === 'list') return indexes.map((index) => read(found.member, `${base}${index}`, depth + 1));
      return Object.fromEntries(indexes.map((index) => [params.get(`${base}${index}.key`) ?? '', read(found.value, `${base}${index}.value`, depth + 1)]));
    }
    const text = params.get(prefix);
    if (text === undefined) return undefined;
    if (found.t === 'number') return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
    return text;
  };
  return (read(shape, '', 0) as Record<string, unknown>) ?? {};
}

/** A restJson request's members bound by the model: URI labels, query string, headers, and the JSON body's members. */
export interface RestParts {
  /** Path labels by name (matched case-insensitively against the model's). */
  labels: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Record<string, unknown>;
  /** The raw body, when the operation's input binds it whole (a blob payload). */
  payload?: Buffer;
}

export function restInput(table: ConstraintTable, operation: string, parts: RestParts): Record<string, unknown> {
  const shapeName = Object.hasOwn(table.operations, operation) ? table.operations[operation] : null;
  const shape = shapeName ? table.shapes[shapeName] : null;
  if (!shape || shape.t !== 'structure') return {};
  const input: Record<string, unknown> = {};
  const labels = new Map(Object.entries(parts.labels).map(([name, value]) => [name.toLowerCase(), value]));
  for (const member of Object.keys(shape.members)) {
    const binding = shape.bindings?.[member];
    const target = table.shapes[shape.members[member]];
    if (!binding) {
      if (member === shape.payload) {
        if (target?.t === 'blob' && parts.payload) input[member] = parts.payload;
      } else if (parts.body[member] !== undefined) input[member] = parts.body[member];
      continue;
    }
    const [location, name] = binding;
    let text: string | string[] | undefined;
    if (location === 'uri') text = labels.get(name.toLowerCase());
    else if (location === 'querystring') text = target?.t === 'list' ? parts.query.getAll(name) : parts.query.get(name) ?? undefined;
    else if (location === 'header') text = parts.headers[name.toLowerCase()];
    if (text === undefined || (Array.isArray(text) && text.length === 0 && target?.t !== 'list')) continue;
    input[member] = target?.t === 'number' && typeof text === 'string' && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
  }
  return input;
}

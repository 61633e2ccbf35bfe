import { compileJavaPattern } from './javaPattern';
import { loadServiceModel, type MemberRef, type ServiceModel, type Shape } from './serviceModel';

/** The rule of the model a value breaks. */
export type Rule = 'required' | 'unknown' | 'type' | 'min' | 'max' | 'pattern' | 'enum' | 'union' | 'operation';

export interface Violation {
  /** Where in the value, e.g. `ProductionVariants[0].ManagedInstanceScaling.MinInstanceCount` (empty: the value itself). */
  path: string;
  rule: Rule;
  message: string;
}

export interface ValidationOptions {
  /**
   * Input: every constraint, unknown members refused. Output: the same, and the structure's `required`
   * members are those an answer always holds.
   */
  direction: 'input' | 'output';
  /**
   * How timestamps appear in the decoded value: `epoch-seconds` (a number, as awsJson and restJson
   * bodies carry them), `iso8601` (a string), or `any` (a number, an ISO 8601 string or a Date).
   */
  timestamps?: 'epoch-seconds' | 'iso8601' | 'any';
  /** How blobs appear: `base64` (a string, as JSON carries them) or `any` (a string or bytes). */
  blobs?: 'base64' | 'any';
}

/** Checks an operation's input (its members by the model's names) against the model, every constraint included. */
export function validateInput(service: string, operation: string, params: unknown, options: Omit<ValidationOptions, 'direction'> = {}): Violation[] {
  const model = loadServiceModel(service);
  const found = model.operations[operation];
  if (!found) return [{ path: '', rule: 'operation', message: `${service} has no operation ${operation}` }];
  if (!found.input) {
    const empty = params === undefined || params === null || (typeof params === 'object' && Object.keys(params).length === 0);
    return empty ? [] : [{ path: '', rule: 'unknown', message: `${operation} takes no input` }];
  }
  return validateShape(model, found.input.shape, params ?? {}, { timestamps: 'any', blobs: 'any', ...options, direction: 'input' });
}

/** Checks an operation's answer (decoded, by the model's member names) against its output shape. */
export function validateOutput(service: string, operation: string, output: unknown, options: Omit<ValidationOptions, 'direction'> = {}): Violation[] {
  const model = loadServiceModel(service);
  const found = model.operations[operation];
  if (!found) return [{ path: '', rule: 'operation', message: `${service} has no operation ${operation}` }];
  if (!found.output) {
    const empty = output === undefined || output === null || (typeof output === 'object' && Object.keys(output).length === 0);
    return empty ? [] : [{ path: '', rule: 'unknown', message: `${operation} has no output` }];
  }
  return validateShape(model, found.output.shape, output ?? {}, { timestamps: 'any', blobs: 'any', ...options, direction: 'output' });
}

/** Checks a value against a named shape of a model. */
export function validateShape(model: ServiceModel, shapeName: string, value: unknown, options: ValidationOptions): Violation[] {
  const violations: Violation[] = [];
  check(model, shapeName, value, '', options, violations);
  return violations;
}

const patterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let compiled = patterns.get(source);
  if (!compiled) {
    compiled = compileJavaPattern(source);
    patterns.set(source, compiled);
  }
  return compiled;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'bytes';
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}…"` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function check(model: ServiceModel, shapeName: string, value: unknown, path: string, options: ValidationOptions, out: Violation[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`${model.name}'s model has no shape ${shapeName}`);
  const fail = (rule: Rule, message: string) => out.push({ path, rule, message: `${path || 'the value'}: ${message}` });
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return; // any JSON
      if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
        fail('type', `${describe(value)} where the model has a structure (${shapeName})`);
        return;
      }
      const members = shape.members ?? {};
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) out.push({ path: child(path, name), rule: 'required', message: `${child(path, name)}: required by ${shapeName}, missing` });
      }
      const present = Object.keys(record).filter((name) => record[name] !== undefined && record[name] !== null);
      if (shape.union && present.length !== 1) fail('union', `${shapeName} is a union: exactly one member must be set, found ${present.length} (${present.join(', ') || 'none'})`);
      for (const name of present) {
        const member: MemberRef | undefined = members[name];
        if (!member) {
          out.push({ path: child(path, name), rule: 'unknown', message: `${child(path, name)}: ${shapeName} has no member ${name}` });
          continue;
        }
        check(model, member.shape, record[name], child(path, name), options, out);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        fail('type', `${describe(value)} where the model has a list (${shapeName})`);
        return;
      }
      lengthRules(shape, value.length, 'items', fail);
      value.forEach((item, index) => {
        if (item === null || item === undefined) out.push({ path: `${path}[${index}]`, rule: 'type', message: `${path}[${index}]: null in a list` });
        else check(model, shape.member!.shape, item, `${path}[${index}]`, options, out);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        fail('type', `${describe(value)} where the model has a map (${shapeName})`);
        return;
      }
      const entries = Object.entries(value as Record<string, unknown>);
      lengthRules(shape, entries.length, 'entries', fail);
      for (const [key, item] of entries) {
        check(model, shape.key!.shape, key, `${path}{key ${JSON.stringify(key)}}`, options, out);
        if (item !== null && item !== undefined) check(model, shape.value!.shape, item, `${path}[${JSON.stringify(key)}]`, options, out);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') {
        fail('type', `${describe(value)} where the model has a string (${shapeName})`);
        return;
      }
      if (shape.enum && !shape.enum.includes(value)) {
        fail('enum', `${describe(value)} is not one of ${shapeName}'s values (${shape.enum.slice(0, 12).join(', ')}${shape.enum.length > 12 ? ', …' : ''})`);
      }
      lengthRules(shape, value.length, 'characters', fail);
      if (shape.pattern !== undefined && !patternOf(shape.pattern).test(value)) fail('pattern', `${describe(value)} does not match ${shapeName}'s pattern ${shape.pattern}`);
      return;
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        // JSON carries NaN and infinities as strings for floating point shapes.
        const special = (shape.type === 'float' || shape.type === 'double') && (value === 'NaN' || value === 'Infinity' || value === '-Infinity');
        if (!special) fail('type', `${describe(value)} where the model has a number (${shape.type} ${shapeName})`);
        return;
      }
      if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value)) fail('type', `${value} where the model has a whole number (${shapeName})`);
      if (shape.min !== undefined && value < shape.min) fail('min', `${value} is below ${shapeName}'s minimum ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail('max', `${value} is above ${shapeName}'s maximum ${shape.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('type', `${describe(value)} where the model has a boolean (${shapeName})`);
      return;
    case 'timestamp': {
      const format = options.timestamps ?? 'any';
      const isNumber = typeof value === 'number' && Number.isFinite(value);
      const isIso = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(value);
      const ok = format === 'epoch-seconds' ? isNumber : format === 'iso8601' ? isIso : isNumber || isIso || value instanceof Date;
      if (!ok) fail('type', `${describe(value)} is not a timestamp as ${format === 'any' ? 'a number, an ISO 8601 string or a date' : format}`);
      return;
    }
    case 'blob': {
      if (shape.streaming || options.blobs === 'any') {
        if (typeof value !== 'string' && !(value instanceof Uint8Array)) fail('type', `${describe(value)} where the model has bytes (${shapeName})`);
        else lengthRules(shape, typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength, 'bytes', fail);
        return;
      }
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) fail('type', `${describe(value)} is not base64 bytes (${shapeName})`);
      else lengthRules(shape, Buffer.from(value, 'base64').byteLength, 'bytes', fail);
      return;
    }
    default:
      fail('type', `the model's shape ${shapeName} has a type this validator does not know (${(shape as Shape).type})`);
  }
}

function lengthRules(shape: Shape, length: number, unit: string, fail: (rule: Rule, message: string) => void): void {
  if (shape.min !== undefined && length < shape.min) fail('min', `${length} ${unit}, fewer than the minimum ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) fail('max', `${length} ${unit}, more than the maximum ${shape.max}`);
}

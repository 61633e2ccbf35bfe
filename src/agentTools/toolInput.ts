import { validateSageMakerName } from '../wizards/validation/names';
import { validateInteger } from '../wizards/validation/numbers';
import { type ParsedInput } from './agentTool';

/**
 * A tool's raw input (whatever a model sends), checked field by field with the wizards' validators.
 * Each field parser returns the value or throws a ToolInputError whose message is one plain sentence
 * naming the field; `parseInput` turns that into `{ ok: false, message }`. Absent and null optional
 * fields, and blank text in an optional free-text or name field, are "not given" (a blank enum is refused).
 */

/** One field breaks a rule: its message names the field and says the rule. */
export class ToolInputError extends Error {
  override name = 'ToolInputError';
}

/** Runs the field parsers in `build`: the input, or the first field's error as one sentence. */
export function parseInput<I>(build: () => I): ParsedInput<I> {
  try {
    return { ok: true, input: build() };
  } catch (error) {
    if (error instanceof ToolInputError) return { ok: false, message: error.message };
    throw error;
  }
}

/** The input as an object with only the `allowed` fields (no input at all is an empty object). */
export function parseObject(raw: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ToolInputError(`The input must be a JSON object${allowed.length ? ` with ${listFields(allowed)}` : ''}, not ${describeType(raw)}.`);
  }
  const record = raw as Record<string, unknown>;
  const unknown = Object.keys(record).filter((field) => !allowed.includes(field));
  if (unknown.length > 0) {
    const takes = allowed.length ? `this tool takes only ${listFields(allowed)}` : 'this tool takes no input';
    throw new ToolInputError(`Unknown ${unknown.length === 1 ? 'field' : 'fields'} ${listFields(unknown)}: ${takes}.`);
  }
  return record;
}

/** A SageMaker resource name (endpoint, inference component…) the field must give; `what` words it: "endpoint". */
export function requiredSageMakerName(record: Record<string, unknown>, field: string, what: string): string {
  const value = optionalSageMakerName(record, field, what);
  if (value === undefined) throw new ToolInputError(`The field "${field}" is required: the ${what}'s exact name.`);
  return value;
}

/** A SageMaker resource name, when given (blank text counts as not given): the services' naming rules (letters, digits, hyphens, at most 63). */
export function optionalSageMakerName(record: Record<string, unknown>, field: string, what: string): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(field, `the ${what}'s name as a string`, value);
  if (value.trim() === '') return undefined;
  const problem = validateSageMakerName(value, what);
  if (problem) throw new ToolInputError(`The field "${field}" is not a valid ${what} name: ${problem}`);
  return value;
}

/** A whole number from `min` to `max`, when given. */
export function optionalInteger(record: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(field, `a whole number from ${min} to ${max}`, value);
  const problem = validateInteger(String(value), `The field "${field}"`, min, max);
  if (problem) throw new ToolInputError(problem);
  return value;
}

/** true or false, when given. */
export function optionalBoolean(record: Record<string, unknown>, field: string): boolean | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(field, 'true or false', value);
  return value;
}

/** One of `values` (exactly as spelled), when given. */
export function optionalEnum<T extends string>(record: Record<string, unknown>, field: string, values: readonly T[]): T | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw new ToolInputError(`The field "${field}" must be one of ${values.join(', ')}${typeof value === 'string' ? `, not "${clip(value)}"` : `, not ${describeType(value)}`}.`);
  }
  return value as T;
}

/** Free text of at most `maxLength` characters, when given; blank text counts as not given. */
export function optionalString(record: Record<string, unknown>, field: string, maxLength: number): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(field, 'a string', value);
  if (value.length > maxLength) throw new ToolInputError(`The field "${field}" is ${value.length} characters long: at most ${maxLength} are allowed.`);
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

function wrongType(field: string, expected: string, value: unknown): ToolInputError {
  return new ToolInputError(`The field "${field}" must be ${expected}, not ${describeType(value)}.`);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isFinite(value) && !Number.isInteger(value) ? `the number ${value} (not whole)` : `the number ${value}`;
  if (typeof value === 'string') return `the text "${clip(value)}"`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function listFields(fields: readonly string[]): string {
  const quoted = fields.map((field) => `"${field}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

import { constraintViolations, MissingMembers, serializationException } from '../http/serviceError';
import { checkJsonDepth, wrongType } from './shapeValidation';

export type JsonObject = Record<string, unknown>;

/** Parses a JSON request body that must be an object (an empty body counts as `{}`). */
export function parseJsonObject(body: Buffer): JsonObject {
  const text = body.toString('utf8').trim();
  if (text.length === 0) return {};
  checkJsonDepth(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw serializationException('Unable to parse the request body as JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw serializationException('Start of structure or map expected as the request body.');
  }
  return value as JsonObject;
}

interface StringRules {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as the service model writes it (what AWS's message quotes), when `pattern` is a JavaScript rewrite of it. */
  patternText?: string;
  enum?: readonly string[];
}

interface NumberRules {
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * Reads typed members out of a request object the way AWS's JSON services validate them: a value
 * of the wrong JSON type is a `SerializationException`; a value that breaks a constraint (required,
 * length, range, pattern, enum) is collected and reported together as
 * `N validation errors detected: Value 'x' at 'member' failed to satisfy constraint: ...`.
 */
export class JsonReader {
  private constructor(
    private readonly source: JsonObject,
    private readonly path: string,
    private readonly violations: string[],
    /** Members the operation needs that the model leaves optional (its required ones are refused before the operation runs). */
    private readonly missing: string[],
  ) {}

  static of(source: JsonObject): JsonReader {
    return new JsonReader(source, '', [], []);
  }

  has(member: string): boolean {
    return this.source[member] !== undefined && this.source[member] !== null;
  }

  string(member: string, rules: StringRules = {}): string | undefined {
    const value = this.present(member, rules.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw wrongType(value, 'String');
    const at = this.at(member);
    if (rules.min !== undefined && value.length < rules.min) {
      this.violate(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${rules.min}`);
    } else if (rules.max !== undefined && value.length > rules.max) {
      this.violate(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${rules.max}`);
    } else if (rules.pattern && !rules.pattern.test(value)) {
      this.violate(`Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rules.patternText ?? patternText(rules.pattern)}`);
    } else if (rules.enum && !rules.enum.includes(value)) {
      this.violate(`Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${rules.enum.join(', ')}]`);
    }
    return value;
  }

  integer(member: string, rules: NumberRules = {}): number | undefined {
    const value = this.number(member, rules);
    if (value !== undefined && !Number.isInteger(value)) throw serializationException(`NUMBER_VALUE ${value} can not be converted to an Integer`);
    return value;
  }

  number(member: string, rules: NumberRules = {}): number | undefined {
    const value = this.present(member, rules.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(value, 'a Number');
    const at = this.at(member);
    if (rules.min !== undefined && value < rules.min) {
      this.violate(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to ${rules.min}`);
    } else if (rules.max !== undefined && value > rules.max) {
      this.violate(`Value '${value}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to ${rules.max}`);
    }
    return value;
  }

  boolean(member: string, rules: { required?: boolean } = {}): boolean | undefined {
    const value = this.present(member, rules.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw wrongType(value, 'a Boolean');
    return value;
  }

  /** A timestamp: epoch seconds as a number (what the SDK sends) or an ISO 8601 string. Returns epoch ms. */
  timestamp(member: string, rules: { required?: boolean } = {}): number | undefined {
    const value = this.present(member, rules.required);
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
    if (typeof value === 'string') {
      const parsed = Date.parse(value);
      if (!Number.isNaN(parsed)) return parsed;
    }
    throw serializationException(`Value ${JSON.stringify(value)} at '${this.at(member)}' is not a valid timestamp.`);
  }

  object(member: string, rules: { required?: boolean } = {}): JsonReader | undefined {
    const value = this.present(member, rules.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value, 'a structure');
    return new JsonReader(value as JsonObject, this.at(member), this.violations, this.missing);
  }

  /** A list of structures; each element is read with its own reader. */
  objectList(member: string, rules: { required?: boolean; min?: number; max?: number } = {}): JsonReader[] | undefined {
    const list = this.list(member, rules);
    if (!list) return undefined;
    return list.map((item, index) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) throw wrongType(item, 'a structure');
      return new JsonReader(item as JsonObject, `${this.at(member)}.${index + 1}.member`, this.violations, this.missing);
    });
  }

  /**
   * A list of strings; `each` are the constraints of the list's member shape, reported as AWS reports
   * them for a list: `Value '[a, b]' at 'member' failed to satisfy constraint: Member must satisfy
   * constraint: [Member must satisfy enum value set: [...]]`.
   */
  stringList(member: string, rules: { required?: boolean; min?: number; max?: number; each?: StringRules } = {}): string[] | undefined {
    const list = this.list(member, rules);
    if (!list) return undefined;
    const strings = list.map((item) => {
      if (typeof item !== 'string') throw wrongType(item, 'String');
      return item;
    });
    const failed = new Set<string>();
    for (const item of rules.each ? strings : []) for (const message of stringViolations(item, rules.each!)) failed.add(message);
    if (failed.size > 0) this.violate(`Value '[${strings.join(', ')}]' at '${this.at(member)}' failed to satisfy constraint: Member must satisfy constraint: [${[...failed].join(', ')}]`);
    return strings;
  }

  /** A string-to-string map. */
  stringMap(member: string): Record<string, string> | undefined {
    const value = this.present(member, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value, 'a map');
    const result: Record<string, string> = {};
    for (const [key, item] of Object.entries(value as JsonObject)) {
      if (typeof item !== 'string') throw wrongType(item, 'String');
      result[key] = item;
    }
    return result;
  }

  /** The raw JSON value of a member, for documents stored as they came (e.g. container definitions). */
  raw(member: string): unknown {
    return this.source[member] ?? undefined;
  }

  /** Adds a constraint violation found by the caller (cross-member rules). */
  violate(message: string): void {
    this.violations.push(message);
  }

  /** Throws the collected constraint violations, if any, then the members the operation needs and lacks. */
  finish(): void {
    if (this.violations.length > 0) throw constraintViolations(this.violations);
    if (this.missing.length > 0) throw new MissingMembers(this.missing);
  }

  at(member: string): string {
    const name = member.charAt(0).toLowerCase() + member.slice(1);
    return this.path ? `${this.path}.${name}` : name;
  }

  private list(member: string, rules: { required?: boolean; min?: number; max?: number }): unknown[] | undefined {
    const value = this.present(member, rules.required);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw wrongType(value, 'a list');
    const at = this.at(member);
    if (rules.min !== undefined && value.length < rules.min) {
      this.violate(`Value '[]' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${rules.min}`);
    } else if (rules.max !== undefined && value.length > rules.max) {
      this.violate(`Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${rules.max}`);
    }
    return value;
  }

  private present(member: string, required: boolean | undefined): unknown {
    const value = this.source[member];
    if (value === undefined || value === null) {
      if (required) this.missing.push(this.at(member));
      return undefined;
    }
    return value;
  }
}

/** The constraints of `rules` that `value` breaks, worded as AWS words them. */
function stringViolations(value: string, rules: StringRules): string[] {
  const messages: string[] = [];
  if (rules.min !== undefined && value.length < rules.min) messages.push(`Member must have length greater than or equal to ${rules.min}`);
  if (rules.max !== undefined && value.length > rules.max) messages.push(`Member must have length less than or equal to ${rules.max}`);
  if (rules.pattern && !rules.pattern.test(value)) messages.push(`Member must satisfy regular expression pattern: ${rules.patternText ?? patternText(rules.pattern)}`);
  if (rules.enum && !rules.enum.includes(value)) messages.push(`Member must satisfy enum value set: [${rules.enum.join(', ')}]`);
  return messages;
}

function patternText(pattern: RegExp): string {
  return pattern.source.replace(/\$$/, '');
}

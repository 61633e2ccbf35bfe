import { serializationException } from '../http/serviceError';
type JsonObject = Record<string, unknown>;

/** A member's type: `s` string, `n` number, `b` boolean, `t` timestamp, `d` document, or a shape's name. */
export type ShapeRef = string;

export interface ShapeTable {
  /** Operation name → its input structure's name (null: no input). */
  operations: Record<string, ShapeRef | null>;
  shapes: Record<string, { members?: Record<string, ShapeRef>; list?: ShapeRef; map?: ShapeRef } | null>;
}

/**
 * Deepest JSON nesting a request body may have. The deepest input of an implemented operation
 * (PutScalingPolicy's predictive scaling metrics) nests 11 levels; anything far deeper is no SDK's
 * request, and a stored document that deep would break every later answer that serializes it.
 */
export const maxJsonDepth = 32;

/**
 * Refuses JSON text nested deeper than `maxJsonDepth`, in one pass over the characters (before
 * JSON.parse builds anything): an awsJson `SerializationException`, as AWS answers input it cannot read.
 */
export function checkJsonDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92 /* \ */) index++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) {
      inString = true;
    } else if (char === 123 /* { */ || char === 91 /* [ */) {
      if (++depth > maxJsonDepth) throw serializationException(`The request body is nested deeper than ${maxJsonDepth} levels.`);
    } else if (char === 125 /* } */ || char === 93 /* ] */) {
      depth--;
    }
  }
}

/**
 * Checks a parsed request body against the operation's input shape (generated from the AWS models,
 * src/protocols/inputShapes.ts) before the operation reads or stores any of it: every member must be
 * one the operation has, with the JSON type its shape has, all the way down. A body no SDK would
 * send is a `SerializationException` naming the member, as AWS refuses input it cannot deserialize;
 * constraints (lengths, ranges, patterns, required members) stay with the operations.
 */
export function validateInput(table: ShapeTable, operation: string, body: JsonObject): void {
  if (!Object.hasOwn(table.operations, operation)) return;
  const input = table.operations[operation];
  if (input === null) return;
  checkValue(table, input, body, '');
}

function checkValue(table: ShapeTable, ref: ShapeRef, value: unknown, at: string): void {
  if (value === null || value === undefined) return; // a null member is an absent member
  switch (ref) {
    case 's':
      if (typeof value !== 'string') throw wrongType(value, 'String');
      return;
    case 'n':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(value, 'a Number');
      return;
    case 'b':
      if (typeof value !== 'boolean') throw wrongType(value, 'a Boolean');
      return;
    case 't':
      if (typeof value !== 'number' && typeof value !== 'string') throw wrongType(value, 'a Timestamp');
      return;
    case 'd':
      return;
  }
  const shape = table.shapes[ref];
  if (!shape) return;
  if (shape.members) {
    if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value, 'a structure');
    for (const [member, item] of Object.entries(value as JsonObject)) {
      const path = at ? `${at}.${lowerFirst(member)}` : lowerFirst(member);
      if (!Object.hasOwn(shape.members, member)) throw serializationException(`Unknown member '${member.slice(0, 100)}' at '${path.slice(0, 300)}': the operation's input has no such member.`);
      checkValue(table, shape.members[member], item, path);
    }
  } else if (shape.list !== undefined) {
    if (!Array.isArray(value)) throw wrongType(value, 'a list');
    value.forEach((item, index) => checkValue(table, shape.list!, item, `${at}.${index + 1}.member`));
  } else if (shape.map !== undefined) {
    if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value, 'a map');
    for (const [key, item] of Object.entries(value as JsonObject)) checkValue(table, shape.map, item, `${at}.${key.slice(0, 100)}`);
  }
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The SerializationException of a value of the wrong JSON type, worded as AWS's JSON services word it. */
export function wrongType(value: unknown, target: string) {
  if (Array.isArray(value)) return serializationException('Start of list found where not expected');
  if (value !== null && typeof value === 'object') return serializationException('Start of structure or map found where not expected.');
  const token = typeof value === 'string' ? 'STRING_VALUE' : typeof value === 'number' ? 'NUMBER_VALUE' : typeof value === 'boolean' ? 'BOOLEAN_VALUE' : 'VALUE';
  return serializationException(`${token} can not be converted to ${target}`);
}

import { type ServerResponse } from 'node:http';
import { cbor } from '@smithy/core/cbor';
import { serializationException, type ServiceError } from '../http/serviceError';
import { type JsonObject } from './jsonReader';
import { type OutputShapeTable } from './outputShapeTable';
import { maxJsonDepth } from './shapeValidation';

/**
 * Smithy RPC v2 CBOR (`smithy-rpc-v2-cbor`, first in CloudWatch's current model and what botocore
 * 1.43 uses): `POST /service/<service>/operation/<Operation>` with `smithy-protocol: rpc-v2-cbor`,
 * CBOR bodies, timestamps as tag 1 (epoch seconds), errors as a CBOR map with `__type` and `message`
 * (plus `x-amzn-query-error` for awsQuery-compatible services). Requests are decoded with
 * @smithy/core's CBOR decoder into the JSON object the operation reads; answers are encoded here by
 * the model's output shape, so that floating-point members stay floats and timestamps are tagged.
 */

/** The request path of an RPC v2 CBOR call: its service and operation names. */
export function rpcV2Route(path: string): { service: string; operation: string } | undefined {
  const match = /^\/service\/([^/]+)\/operation\/([^/]+)$/.exec(path);
  return match ? { service: match[1], operation: match[2] } : undefined;
}

/** Decodes a request body (empty: no input) into a JSON object: tag-1 timestamps become epoch seconds. */
export function readCborInput(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = cbor.deserialize(new Uint8Array(body.buffer, body.byteOffset, body.length));
  } catch {
    throw serializationException('Unable to parse the request body as CBOR.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array || isTag(value)) {
    throw serializationException('Start of structure or map expected as the request body.');
  }
  return toJson(value, 0) as JsonObject;
}

function isTag(value: object): value is { tag: number; value: unknown } {
  return 'tag' in value && 'value' in value && Object.getOwnPropertySymbols(value).length > 0;
}

function toJson(value: unknown, depth: number): unknown {
  if (depth > maxJsonDepth) throw serializationException(`The request body is nested deeper than ${maxJsonDepth} levels.`);
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (isTag(value)) {
    if (value.tag === 1 && (typeof value.value === 'number' || typeof value.value === 'bigint')) return Number(value.value);
    throw serializationException(`CBOR tag ${value.tag} is not supported here.`);
  }
  if (Array.isArray(value)) return value.map((item) => toJson(item, depth + 1));
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined && item !== null) result[key] = toJson(item, depth + 1);
  return result;
}

const protocolHeaders = { 'smithy-protocol': 'rpc-v2-cbor', 'Content-Type': 'application/cbor' };

/** Writes a successful answer, encoded by the operation's output shape. */
export function sendCborResult(response: ServerResponse, table: OutputShapeTable, operation: string, requestId: string, output: JsonObject): void {
  const encoder = new CborWriter();
  const ref = table.operations[operation]?.output;
  if (ref) encoder.value(table, ref, output);
  else encoder.map([]);
  const body = encoder.bytes();
  response.writeHead(200, { ...protocolHeaders, 'Content-Length': body.length, 'x-amzn-RequestId': requestId });
  response.end(body);
}

/** Writes an error: `{"__type": "<namespace>#<Code>", "message": …}`, with `x-amzn-query-error` when the service is awsQuery-compatible. */
export function sendCborError(response: ServerResponse, namespace: string, queryCompatible: boolean, requestId: string, error: ServiceError): void {
  const encoder = new CborWriter();
  const members = Object.entries({ ...error.members, __type: `${namespace}#${error.code}`, message: error.message });
  encoder.map(members.map(([key, value]) => [key, () => encoder.plain(value)]));
  const body = encoder.bytes();
  const headers: Record<string, string | number> = { ...protocolHeaders, 'Content-Length': body.length, 'x-amzn-RequestId': requestId };
  if (queryCompatible) headers['x-amzn-query-error'] = `${error.queryCode ?? error.code};${error.fault}`;
  response.writeHead(error.status, headers);
  response.end(body);
}

/** A minimal definite-length CBOR encoder (RFC 8949) for answers: maps, arrays, text, integers, float64, booleans, tag 1. */
class CborWriter {
  private readonly chunks: Buffer[] = [];

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  value(table: OutputShapeTable, ref: string, value: unknown): void {
    switch (ref) {
      case 's':
        return this.text(String(value));
      case 'i':
        return Number.isInteger(value) ? this.integer(value as number) : this.float(Number(value));
      case 'f':
        return this.float(Number(value));
      case 'b':
        return this.simple(value ? 21 : 20);
      case 't':
        this.head(6, 1);
        return this.float(typeof value === 'number' ? value : Date.parse(String(value)) / 1000);
    }
    const shape = table.shapes[ref];
    if (shape?.members) {
      const object = value as JsonObject;
      const present = Object.entries(shape.members).filter(([member]) => object[member] !== undefined && object[member] !== null);
      this.map(present.map(([member, memberRef]) => [member, () => this.value(table, memberRef, object[member])]));
    } else if (shape?.list !== undefined) {
      const items = value as unknown[];
      this.head(4, items.length);
      for (const item of items) this.value(table, shape.list, item);
    } else if (shape?.map !== undefined) {
      this.map(Object.entries(value as JsonObject).map(([key, item]) => [key, () => this.value(table, shape.map!, item)]));
    } else {
      this.map([]);
    }
  }

  /** A value without a shape (error members): strings, numbers, booleans, lists and maps of them. */
  plain(value: unknown): void {
    if (typeof value === 'string') this.text(value);
    else if (typeof value === 'number') this.integerOrFloat(value);
    else if (typeof value === 'boolean') this.simple(value ? 21 : 20);
    else if (Array.isArray(value)) {
      this.head(4, value.length);
      for (const item of value) this.plain(item);
    } else if (value !== null && typeof value === 'object') this.map(Object.entries(value).map(([key, item]) => [key, () => this.plain(item)]));
    else this.simple(22);
  }

  map(entries: [string, () => void][]): void {
    this.head(5, entries.length);
    for (const [key, write] of entries) {
      this.text(key);
      write();
    }
  }

  private integerOrFloat(value: number): void {
    if (Number.isSafeInteger(value)) this.integer(value);
    else this.float(value);
  }

  private integer(value: number): void {
    if (value >= 0) this.head(0, value);
    else this.head(1, -1 - value);
  }

  private float(value: number): void {
    const chunk = Buffer.alloc(9);
    chunk[0] = 0xfb;
    chunk.writeDoubleBE(value, 1);
    this.chunks.push(chunk);
  }

  private text(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.head(3, bytes.length);
    this.chunks.push(bytes);
  }

  private simple(value: number): void {
    this.chunks.push(Buffer.from([0xe0 | value]));
  }

  private head(major: number, length: number): void {
    const type = major << 5;
    if (length < 24) this.chunks.push(Buffer.from([type | length]));
    else if (length < 0x100) this.chunks.push(Buffer.from([type | 24, length]));
    else if (length < 0x10000) {
      const chunk = Buffer.alloc(3);
      chunk[0] = type | 25;
      chunk.writeUInt16BE(length, 1);
      this.chunks.push(chunk);
    } else if (length < 0x100000000) {
      const chunk = Buffer.alloc(5);
      chunk[0] = type | 26;
      chunk.writeUInt32BE(length, 1);
      this.chunks.push(chunk);
    } else {
      const chunk = Buffer.alloc(9);
      chunk[0] = type | 27;
      chunk.writeBigUInt64BE(BigInt(length), 1);
      this.chunks.push(chunk);
    }
  }
}

import { type ServerResponse } from 'node:http';
import { ServiceError } from '../http/serviceError';
import { type JsonObject } from './jsonReader';
import { type OutputShapeTable } from './outputShapeTable';
import { type ShapeTable } from './shapeValidation';

/**
 * The awsQuery protocol (CloudWatch's oldest, used by the AWS SDK for JavaScript v2 and older SDKs):
 * form fields `Action=<Operation>&Version=<api version>&Member.Nested=...`, lists as
 * `Name.member.N`, maps as `Name.entry.N.key` / `.value`, timestamps in ISO 8601; answers in XML
 * under the service's namespace. The operations run on the same JSON object as over awsJson: only
 * the wire format differs.
 */

/** An awsQuery parameter that does not fit its member's type (a number or boolean field with other text). */
function malformed(path: string, text: string, expected: string): ServiceError {
  const error = new ServiceError('ValidationException', `Value '${text.slice(0, 100)}' at '${path}' could not be read as ${expected}.`, 400);
  error.queryCode = 'ValidationError';
  return error;
}

/** The fields of an awsQuery request: the URL's query string and, for a form POST, the body's. */
export function queryParameters(rawQuery: string, body: Buffer | undefined): URLSearchParams {
  const params = new URLSearchParams(rawQuery);
  if (body && body.length > 0) for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
  return params;
}

/** Reads the form fields of `operation` into the JSON object its handler reads, by the model's input shape. */
export function readQueryInput(table: ShapeTable, operation: string, params: URLSearchParams): JsonObject {
  const input = Object.hasOwn(table.operations, operation) ? table.operations[operation] : null;
  if (!input) return {};
  const keys = [...new Set(params.keys())];
  return (readValue(table, input, '', params, keys) as JsonObject | undefined) ?? {};
}

// Over 40 lines only as one switch over the shape kinds.
function readValue(table: ShapeTable, ref: string, path: string, params: URLSearchParams, keys: readonly string[]): unknown {
  switch (ref) {
    case 's':
    case 't': // ISO 8601 text, which the operations' timestamp reader takes as it is
      return params.get(path) ?? undefined;
    case 'n': {
      const text = params.get(path);
      if (text === null) return undefined;
      const value = Number(text);
      if (text.trim() === '' || Number.isNaN(value)) throw malformed(path, text, 'a number');
      return value;
    }
    case 'b': {
      const text = params.get(path);
      if (text === null) return undefined;
      if (text !== 'true' && text !== 'false') throw malformed(path, text, 'a boolean');
      return text === 'true';
    }
    case 'd':
      return undefined;
  }
  const shape = table.shapes[ref];
  if (!shape) return undefined;
  if (shape.members) {
    const result: JsonObject = {};
    for (const [member, memberRef] of Object.entries(shape.members)) {
      const value = readValue(table, memberRef, path ? `${path}.${member}` : member, params, keys);
      if (value !== undefined) result[member] = value;
    }
    return path === '' || Object.keys(result).length > 0 ? result : undefined;
  }
  if (shape.list !== undefined) {
    // `Name=` (no members) is how awsQuery sends an empty list.
    if (params.get(path) === '') return [];
    const indices = indexesUnder(keys, `${path}.member.`);
    if (indices.length === 0) return undefined;
    return indices.map((index) => readValue(table, shape.list!, `${path}.member.${index}`, params, keys));
  }
  if (shape.map !== undefined) {
    const result: JsonObject = {};
    for (const index of indexesUnder(keys, `${path}.entry.`)) {
      const key = params.get(`${path}.entry.${index}.key`);
      if (key !== null) result[key] = readValue(table, shape.map, `${path}.entry.${index}.value`, params, keys);
    }
    return Object.keys(result).length > 0 ? result : undefined;
  }
  return undefined;
}

/** The indexes N of the fields `<head>N` and `<head>N.…`, in increasing order. */
function indexesUnder(keys: readonly string[], head: string): number[] {
  const indexes = new Set<number>();
  for (const key of keys) {
    if (!key.startsWith(head)) continue;
    const match = /^(\d+)(\.|$)/.exec(key.slice(head.length));
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

/** Writes an awsQuery answer: `<OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata>…</ResponseMetadata></OpResponse>`. */
export function sendQueryResult(response: ServerResponse, table: OutputShapeTable, operation: string, requestId: string, output: JsonObject): void {
  const spec = table.operations[operation];
  const result = spec?.output && spec.resultWrapper ? element(spec.resultWrapper, xmlValue(table, spec.output, output)) : '';
  const xml =
    `<${operation}Response xmlns="${table.xmlNamespace}">` +
    result +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${operation}Response>`;
  sendXml(response, 200, requestId, xml);
}

/** Writes an awsQuery error: `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`. */
export function sendQueryError(response: ServerResponse, xmlNamespace: string, requestId: string, error: ServiceError): void {
  const xml =
    `<ErrorResponse xmlns="${xmlNamespace}"><Error>` +
    element('Type', error.fault) +
    element('Code', escapeXml(error.queryCode ?? error.code)) +
    element('Message', escapeXml(error.message)) +
    `</Error>${element('RequestId', escapeXml(requestId))}</ErrorResponse>`;
  sendXml(response, error.status, requestId, xml);
}

function sendXml(response: ServerResponse, status: number, requestId: string, xml: string): void {
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, 'utf8');
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': body.length, 'x-amzn-RequestId': requestId });
  response.end(body);
}

function xmlValue(table: OutputShapeTable, ref: string, value: unknown): string {
  switch (ref) {
    case 's':
      return escapeXml(String(value));
    case 'i':
    case 'f':
      return String(value);
    case 'b':
      return value ? 'true' : 'false';
    case 't':
      return typeof value === 'number' ? isoSeconds(value) : escapeXml(String(value));
  }
  const shape = table.shapes[ref];
  if (!shape) return '';
  if (shape.members) {
    const object = value as JsonObject;
    let xml = '';
    for (const [member, memberRef] of Object.entries(shape.members)) {
      const item = object[member];
      if (item !== undefined && item !== null) xml += element(member, xmlValue(table, memberRef, item));
    }
    return xml;
  }
  if (shape.list !== undefined) return (value as unknown[]).map((item) => element('member', xmlValue(table, shape.list!, item))).join('');
  if (shape.map !== undefined) {
    return Object.entries(value as JsonObject)
      .map(([key, item]) => element('entry', element('key', escapeXml(key)) + element('value', xmlValue(table, shape.map!, item))))
      .join('');
  }
  return '';
}

/** Epoch seconds as ISO 8601 UTC, the milliseconds only when there are some (as AWS writes them). */
function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

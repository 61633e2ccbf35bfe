import { type MemberRef, type ServiceModel, type Shape } from '@s2z/service-models';
import { cbor, tag } from '@smithy/core/cbor';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';
import { type WireAnswer, type WireRequest } from './signedHttp';
import { parseXml, type XmlElement } from './xmlDocument';

/**
 * The four wire protocols of the emulated services' models, written from the models alone (no SDK
 * serializer): requests are built from an operation's input in the model's member names (timestamps
 * as Dates, blobs as Buffers), answers are read back into the model's member names without dropping
 * anything, so that the validator sees every member the emulator sent.
 */
export type WireProtocol = 'awsJson' | 'restJson' | 'awsQuery' | 'rpcV2Cbor';

/** The protocol the AWS SDK for JavaScript v3 uses for a service (CloudWatch: awsJson 1.0, listed after CBOR in its model). */
export function sdkProtocol(model: ServiceModel): WireProtocol {
  const protocols = model.metadata.protocols ?? [model.metadata.protocol];
  if (protocols.includes('json')) return 'awsJson';
  if (protocols.includes('rest-json')) return 'restJson';
  if (protocols.includes('query')) return 'awsQuery';
  throw new Error(`${model.name}: no protocol of ${protocols.join(', ')} is one the SDK v3 speaks here`);
}

/** Every protocol a service's model lists, as this module names them. */
export function modelProtocols(model: ServiceModel): WireProtocol[] {
  const names: Record<string, WireProtocol> = { json: 'awsJson', 'rest-json': 'restJson', query: 'awsQuery', 'smithy-rpc-v2-cbor': 'rpcV2Cbor' };
  return (model.metadata.protocols ?? [model.metadata.protocol]).map((name) => {
    const protocol = names[name];
    if (!protocol) throw new Error(`${model.name}: unknown protocol ${name}`);
    return protocol;
  });
}

/** The SigV4 signing name of a service (its credential scope's service). */
export function signingName(model: ServiceModel): string {
  return (model.metadata as { signingName?: string }).signingName ?? model.metadata.endpointPrefix;
}

type StructureShape = Shape & { payload?: string };
type Params = Record<string, unknown>;

function shapeOf(model: ServiceModel, name: string): StructureShape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`${model.name} has no shape ${name}`);
  return shape;
}

function inputShape(model: ServiceModel, operation: string): StructureShape | undefined {
  const found = model.operations[operation];
  if (!found) throw new Error(`${model.name} has no operation ${operation}`);
  return found.input ? shapeOf(model, found.input.shape) : undefined;
}

/** JSON wire values: timestamps as epoch seconds, blobs as base64 (awsJson and restJson bodies). */
function toJsonWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toJsonWire);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonWire(item)]));
  return value;
}

function toCborWire(value: unknown): unknown {
  if (value instanceof Date) return tag({ tag: 1, value: value.getTime() / 1000 });
  if (Buffer.isBuffer(value)) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(toCborWire);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toCborWire(item)]));
  return value;
}

function iso8601(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

function scalarText(value: unknown): string {
  if (value instanceof Date) return iso8601(value);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return String(value);
}

/** RFC 3986 escaping, as the SDKs escape URI labels. */
function escapeLabel(text: string, greedy: boolean): string {
  const escaped = encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return greedy ? escaped.replace(/%2F/g, '/') : escaped;
}

/** The form parameters of an awsQuery input: `Member.member.N`, `Member.entry.N.key`, nested by dots. */
function queryParams(model: ServiceModel, shapeName: string, value: unknown, prefix: string, out: [string, string][]): void {
  const shape = shapeOf(model, shapeName);
  if (value === undefined || value === null) return;
  if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    for (const [name, item] of Object.entries(value as Params)) {
      const member = shape.members?.[name];
      const key = prefix ? `${prefix}.${member?.locationName ?? name}` : member?.locationName ?? name;
      if (member) queryParams(model, member.shape, item, key, out);
      else out.push([key, scalarText(item)]);
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    if (value.length === 0) out.push([prefix, '']);
    value.forEach((item, index) => queryParams(model, shape.member!.shape, item, `${prefix}.${shape.member!.locationName ?? 'member'}.${index + 1}`, out));
  } else if (shape.type === 'map' && typeof value === 'object') {
    Object.entries(value as Params).forEach(([key, item], index) => {
      out.push([`${prefix}.entry.${index + 1}.${shape.key!.locationName ?? 'key'}`, key]);
      queryParams(model, shape.value!.shape, item, `${prefix}.entry.${index + 1}.${shape.value!.locationName ?? 'value'}`, out);
    });
  } else {
    out.push([prefix, scalarText(value)]);
  }
}

/** The request for `operation` with `params` (the model's member names), in `protocol`. */
export function encodeRequest(model: ServiceModel, protocol: WireProtocol, operation: string, params: Params): WireRequest {
  const meta = model.metadata as ServiceModel['metadata'] & { jsonVersion?: string };
  switch (protocol) {
    case 'awsJson':
      return {
        method: 'POST',
        path: '/',
        query: {},
        headers: { 'content-type': `application/x-amz-json-${meta.jsonVersion ?? '1.1'}`, 'x-amz-target': `${meta.targetPrefix}.${operation}` },
        body: Buffer.from(JSON.stringify(toJsonWire(params)), 'utf8'),
      };
    case 'rpcV2Cbor':
      return {
        method: 'POST',
        path: `/service/${meta.targetPrefix}/operation/${operation}`,
        query: {},
        headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor', accept: 'application/cbor' },
        body: Buffer.from(cbor.serialize(toCborWire(params))),
      };
    case 'awsQuery': {
      const out: [string, string][] = [['Action', operation], ['Version', model.apiVersion]];
      const input = model.operations[operation]?.input;
      if (input) queryParams(model, input.shape, params, '', out);
      return {
        method: 'POST',
        path: '/',
        query: {},
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: Buffer.from(new URLSearchParams(out).toString(), 'utf8'),
      };
    }
    case 'restJson':
      return encodeRestJson(model, operation, params);
  }
}

function encodeRestJson(model: ServiceModel, operation: string, params: Params): WireRequest {
  const http = model.operations[operation].http!;
  const shape = inputShape(model, operation);
  const members = shape?.members ?? {};
  const [uriPath, uriQuery = ''] = http.requestUri.split('?', 2);
  const query: Record<string, string | string[]> = Object.fromEntries(new URLSearchParams(uriQuery).entries());
  const headers: Record<string, string> = {};
  const bodyMembers: Params = {};
  let payload: Buffer | undefined;
  let contentType = 'application/json';
  for (const [name, value] of Object.entries(params)) {
    const member: MemberRef | undefined = members[name];
    if (value === undefined || value === null) continue;
    if (member?.location === 'uri' || member?.location === 'statusCode') continue;
    if (member?.location === 'querystring') {
      query[member.locationName ?? name] = Array.isArray(value) ? value.map(scalarText) : scalarText(value);
    } else if (member?.location === 'header') {
      headers[(member.locationName ?? name).toLowerCase()] = value instanceof Date ? value.toUTCString() : scalarText(value);
    } else if (shape?.payload === name) {
      const payloadShape = shapeOf(model, member!.shape);
      if (payloadShape.type === 'blob') {
        payload = Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
        contentType = 'application/octet-stream';
      } else payload = Buffer.from(JSON.stringify(toJsonWire(value)), 'utf8');
    } else bodyMembers[name] = value;
  }
  const path = uriPath.replace(/\{(\w+)(\+?)\}/g, (_whole, label: string, greedy: string) => {
    const name = Object.keys(members).find((candidate) => members[candidate].location === 'uri' && (members[candidate].locationName ?? candidate) === label) ?? label;
    const value = params[name];
    return value === undefined || value === null ? '' : escapeLabel(scalarText(value), greedy === '+');
  });
  const hasBodyMembers = Object.values(members).some((member) => member.location === undefined) && shape?.payload === undefined;
  let body: Buffer = Buffer.alloc(0);
  if (payload) {
    body = payload;
    headers['content-type'] ??= contentType;
  } else if (hasBodyMembers && (Object.keys(bodyMembers).length > 0 || !['GET', 'DELETE', 'HEAD'].includes(http.method))) {
    body = Buffer.from(JSON.stringify(toJsonWire(bodyMembers)), 'utf8');
    headers['content-type'] = 'application/json';
  }
  return { method: http.method, path, query, headers, body };
}

/** An answer read back into the model's member names. */
export type DecodedAnswer =
  | {
      kind: 'output';
      /** The values to check against the output shape (one per event of an event stream, else one). */
      outputs: unknown[];
      /** How the protocol writes timestamps in `outputs`. */
      timestamps: 'epoch-seconds' | 'iso8601';
      /** What the wire format itself got wrong (content type, envelope). */
      wireProblems: string[];
    }
  | {
      kind: 'error';
      status: number;
      code: string;
      /** awsQuery-compatible services: the code in `x-amzn-query-error` (or the awsQuery `<Code>`). */
      queryCode?: string;
      message: string;
      wireProblems: string[];
    };

/** Reads an answer without trusting it: every member kept, wire-format mistakes listed. */
export function decodeAnswer(model: ServiceModel, protocol: WireProtocol, operation: string, answer: WireAnswer): DecodedAnswer {
  const failed = answer.status >= 300;
  switch (protocol) {
    case 'awsJson':
      return failed ? jsonError(model, answer, 'awsJson') : jsonOutput(answer);
    case 'rpcV2Cbor':
      return failed ? cborError(model, answer) : cborOutput(model, operation, answer);
    case 'awsQuery':
      return failed ? queryError(answer) : queryOutput(model, operation, answer);
    case 'restJson':
      return failed ? jsonError(model, answer, 'restJson') : restJsonOutput(model, operation, answer);
  }
}

function parseJsonBody(body: Buffer, problems: string[]): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push(`the body is JSON but not an object: ${text.slice(0, 80)}`);
  } catch {
    problems.push(`the body is not JSON: ${text.slice(0, 80)}`);
  }
  return {};
}

function jsonOutput(answer: WireAnswer): DecodedAnswer {
  const wireProblems: string[] = [];
  if (!/^application\/x-amz-json-1\.[01]\b/.test(answer.headers['content-type'] ?? '')) wireProblems.push(`content-type ${answer.headers['content-type'] ?? '(none)'} where awsJson answers application/x-amz-json-1.x`);
  return { kind: 'output', outputs: [parseJsonBody(answer.body, wireProblems)], timestamps: 'epoch-seconds', wireProblems };
}

/** `aws.protocol#Code:http://…` or `Code` → `Code`. */
function bareCode(type: string): string {
  return type.replace(/:.*$/, '').replace(/^.*#/, '');
}

function queryCompatible(model: ServiceModel): boolean {
  return (model.metadata as { awsQueryCompatible?: unknown }).awsQueryCompatible !== undefined;
}

function readQueryErrorHeader(model: ServiceModel, answer: WireAnswer, wireProblems: string[]): string | undefined {
  if (!queryCompatible(model)) return undefined;
  const header = answer.headers['x-amzn-query-error'];
  if (!header || !/^[^;]+;(Sender|Receiver)$/.test(header)) {
    wireProblems.push(`x-amzn-query-error is ${header ?? 'missing'}, where an awsQuery-compatible service sends "Code;Sender" or "Code;Receiver"`);
    return undefined;
  }
  return header.split(';')[0];
}

function jsonError(model: ServiceModel, answer: WireAnswer, protocol: 'awsJson' | 'restJson'): DecodedAnswer {
  const wireProblems: string[] = [];
  const body = parseJsonBody(answer.body, wireProblems);
  let code: string | undefined;
  if (protocol === 'awsJson') {
    if (typeof body.__type !== 'string') wireProblems.push('the awsJson error body has no __type');
    else code = bareCode(body.__type);
  } else {
    const header = answer.headers['x-amzn-errortype'];
    if (!header) wireProblems.push('the restJson error has no x-amzn-errortype header');
    else code = bareCode(header);
    code ??= typeof body.__type === 'string' ? bareCode(body.__type) : typeof body.code === 'string' ? body.code : undefined;
  }
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : '';
  if (!message) wireProblems.push('the error body has no message');
  return { kind: 'error', status: answer.status, code: code ?? '(none)', queryCode: readQueryErrorHeader(model, answer, wireProblems), message, wireProblems };
}

/** The event messages of an `application/vnd.amazon.eventstream` body, each as the output it stands for. */
function decodeEvents(model: ServiceModel, body: Buffer, payloadName: string, headers: Params, wireProblems: string[]): unknown[] {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const outputs: unknown[] = [];
  let offset = 0;
  while (offset < body.length) {
    const length = body.readUInt32BE(offset);
    const message = codec.decode(new Uint8Array(body.subarray(offset, offset + length)));
    offset += length;
    const header = (name: string) => String(message.headers[name]?.value ?? '');
    const type = header(':message-type');
    if (type === 'event') {
      const eventType = header(':event-type');
      outputs.push({ ...headers, [payloadName]: { [eventType]: eventValue(model, eventType, message.body, wireProblems) } });
    } else if (type === 'exception') {
      const exceptionType = header(':exception-type');
      outputs.push({ ...headers, [payloadName]: { [exceptionType]: JSON.parse(Buffer.from(message.body).toString('utf8')) as unknown } });
    } else wireProblems.push(`an event-stream message of type ${type || '(none)'}`);
  }
  return outputs;
}

function eventValue(model: ServiceModel, eventType: string, body: Uint8Array, wireProblems: string[]): unknown {
  const union = Object.values(model.shapes).find((shape) => shape.eventstream && shape.members?.[eventType]);
  const eventShape = union ? shapeOf(model, union.members![eventType].shape) : undefined;
  if (!eventShape) {
    wireProblems.push(`the event type ${eventType} is in no event stream of the model`);
    return {};
  }
  const payloadMember = Object.entries(eventShape.members ?? {}).find(([, member]) => member.eventpayload);
  if (payloadMember) return { [payloadMember[0]]: Buffer.from(body) };
  return parseJsonBody(Buffer.from(body), wireProblems);
}

function restJsonOutput(model: ServiceModel, operation: string, answer: WireAnswer): DecodedAnswer {
  const wireProblems: string[] = [];
  const found = model.operations[operation];
  const expected = found.http?.responseCode ?? 200;
  if (answer.status !== expected) wireProblems.push(`HTTP ${answer.status} where the model's answer is ${expected}`);
  const shape = found.output ? shapeOf(model, found.output.shape) : undefined;
  const output: Params = {};
  for (const [name, member] of Object.entries(shape?.members ?? {})) {
    if (member.location === 'header') {
      const value = answer.headers[(member.locationName ?? name).toLowerCase()];
      if (value !== undefined) output[name] = headerValue(shapeOf(model, member.shape), value);
    } else if (member.location === 'statusCode') output[name] = answer.status;
  }
  const payloadName = shape?.payload;
  if (payloadName) {
    const payloadShape = shapeOf(model, shape!.members![payloadName].shape);
    if (payloadShape.eventstream) {
      if (!(answer.headers['content-type'] ?? '').startsWith('application/vnd.amazon.eventstream')) wireProblems.push(`an event stream sent as ${answer.headers['content-type'] ?? '(no content type)'}`);
      return { kind: 'output', outputs: decodeEvents(model, answer.body, payloadName, output, wireProblems), timestamps: 'epoch-seconds', wireProblems };
    }
    output[payloadName] = payloadShape.type === 'blob' ? answer.body : parseJsonBody(answer.body, wireProblems);
    return { kind: 'output', outputs: [output], timestamps: 'epoch-seconds', wireProblems };
  }
  if (answer.body.length > 0 && !(answer.headers['content-type'] ?? '').startsWith('application/json')) wireProblems.push(`content-type ${answer.headers['content-type'] ?? '(none)'} where restJson answers application/json`);
  return { kind: 'output', outputs: [{ ...parseJsonBody(answer.body, wireProblems), ...output }], timestamps: 'epoch-seconds', wireProblems };
}

function headerValue(shape: Shape, text: string): unknown {
  if (shape.type === 'integer' || shape.type === 'long') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (shape.type === 'float' || shape.type === 'double') return Number.isNaN(Number(text)) ? text : Number(text);
  if (shape.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

function cborBody(answer: WireAnswer, wireProblems: string[]): Record<string, unknown> {
  if (answer.headers['smithy-protocol'] !== 'rpc-v2-cbor') wireProblems.push(`smithy-protocol header is ${answer.headers['smithy-protocol'] ?? 'missing'}`);
  if (answer.body.length === 0) return {};
  if (answer.headers['content-type'] !== 'application/cbor') wireProblems.push(`content-type ${answer.headers['content-type'] ?? '(none)'} where RPC v2 CBOR answers application/cbor`);
  try {
    const value = cbor.deserialize(new Uint8Array(answer.body)) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    wireProblems.push('the CBOR body is not a map');
  } catch (error) {
    wireProblems.push(`the body is not CBOR (${(error as Error).message})`);
  }
  return {};
}

/** Rebuilds a decoded value along its shape, mapping its timestamps (unknown members kept as they are). */
function mapTimestamps(model: ServiceModel, shapeName: string, value: unknown, timestamp: (value: unknown) => unknown): unknown {
  if (value === null || value === undefined) return value;
  const shape = shapeOf(model, shapeName);
  if (shape.type === 'timestamp') return timestamp(value);
  if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value) && !shape.document) {
    return Object.fromEntries(Object.entries(value as Params).map(([name, item]) => [name, shape.members?.[name] ? mapTimestamps(model, shape.members[name].shape, item, timestamp) : item]));
  }
  if (shape.type === 'list' && Array.isArray(value)) return value.map((item) => mapTimestamps(model, shape.member!.shape, item, timestamp));
  if (shape.type === 'map' && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Params).map(([key, item]) => [key, mapTimestamps(model, shape.value!.shape, item, timestamp)]));
  }
  return value;
}

function cborOutput(model: ServiceModel, operation: string, answer: WireAnswer): DecodedAnswer {
  const wireProblems: string[] = [];
  const body = cborBody(answer, wireProblems);
  const found = model.operations[operation];
  // CBOR carries timestamps as tag 1 (epoch seconds): a bare number or a string is a wire mistake, left for the validator to name.
  const output = found.output
    ? mapTimestamps(model, found.output.shape, body, (value) => {
        if (value instanceof Date) return value.getTime() / 1000;
        const tagged = value as { tag?: number; value?: unknown };
        if (tagged && typeof tagged === 'object' && tagged.tag === 1 && typeof tagged.value === 'number') return tagged.value;
        return { untaggedTimestamp: value };
      })
    : body;
  return { kind: 'output', outputs: [output], timestamps: 'epoch-seconds', wireProblems };
}

function cborError(model: ServiceModel, answer: WireAnswer): DecodedAnswer {
  const wireProblems: string[] = [];
  const body = cborBody(answer, wireProblems);
  if (typeof body.__type !== 'string') wireProblems.push('the CBOR error has no __type');
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : '';
  return { kind: 'error', status: answer.status, code: typeof body.__type === 'string' ? bareCode(body.__type) : '(none)', queryCode: readQueryErrorHeader(model, answer, wireProblems), message, wireProblems };
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

function queryOutput(model: ServiceModel, operation: string, answer: WireAnswer): DecodedAnswer {
  const wireProblems: string[] = [];
  if (!(answer.headers['content-type'] ?? '').startsWith('text/xml')) wireProblems.push(`content-type ${answer.headers['content-type'] ?? '(none)'} where awsQuery answers text/xml`);
  let root: XmlElement;
  try {
    root = parseXml(answer.body.toString('utf8'));
  } catch (error) {
    return { kind: 'output', outputs: [{}], timestamps: 'iso8601', wireProblems: [...wireProblems, `the answer is not XML: ${(error as Error).message}`] };
  }
  if (root.name !== `${operation}Response`) wireProblems.push(`the root element is <${root.name}>, not <${operation}Response>`);
  if (!child(root, 'ResponseMetadata')?.children.some((item) => item.name === 'RequestId')) wireProblems.push('no <ResponseMetadata><RequestId>');
  const found = model.operations[operation];
  const wrapper = found.output?.resultWrapper;
  const others = root.children.filter((item) => item.name !== 'ResponseMetadata' && item.name !== wrapper);
  if (others.length > 0) wireProblems.push(`elements the envelope lacks: ${others.map((item) => item.name).join(', ')}`);
  if (!found.output) return { kind: 'output', outputs: [{}], timestamps: 'iso8601', wireProblems };
  const result = wrapper ? child(root, wrapper) : root;
  if (!result) {
    wireProblems.push(`no <${wrapper}>`);
    return { kind: 'output', outputs: [{}], timestamps: 'iso8601', wireProblems };
  }
  return { kind: 'output', outputs: [fromXml(model, found.output.shape, result, wireProblems)], timestamps: 'iso8601', wireProblems };
}

/** An XML element read along its shape: unknown child elements kept by their names (the validator refuses them). */
function fromXml(model: ServiceModel, shapeName: string, element: XmlElement, wireProblems: string[]): unknown {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      const members = shape.members ?? {};
      const record: Params = {};
      for (const item of element.children) {
        const name = Object.keys(members).find((candidate) => (members[candidate].locationName ?? candidate) === item.name);
        if (name) record[name] = fromXml(model, members[name].shape, item, wireProblems);
        else record[item.name] = item.children.length > 0 ? '(an element)' : item.text;
      }
      return record;
    }
    case 'list': {
      const itemName = shape.member!.locationName ?? 'member';
      const stray = element.children.filter((item) => item.name !== itemName);
      if (stray.length > 0) wireProblems.push(`<${element.name}> holds <${stray[0].name}> where its items are <${itemName}>`);
      return element.children.filter((item) => item.name === itemName).map((item) => fromXml(model, shape.member!.shape, item, wireProblems));
    }
    case 'map': {
      const map: Params = {};
      for (const entry of element.children) {
        const key = child(entry, shape.key!.locationName ?? 'key');
        const value = child(entry, shape.value!.locationName ?? 'value');
        if (entry.name !== 'entry' || !key || !value) wireProblems.push(`<${element.name}> holds a malformed map entry <${entry.name}>`);
        else map[key.text] = fromXml(model, shape.value!.shape, value, wireProblems);
      }
      return map;
    }
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(element.text) ? Number(element.text) : element.text;
    case 'float':
    case 'double':
      if (['NaN', 'Infinity', '-Infinity'].includes(element.text)) return element.text;
      return element.text.trim() !== '' && !Number.isNaN(Number(element.text)) ? Number(element.text) : element.text;
    case 'boolean':
      return element.text === 'true' ? true : element.text === 'false' ? false : element.text;
    default:
      return element.text;
  }
}

function queryError(answer: WireAnswer): DecodedAnswer {
  const wireProblems: string[] = [];
  let root: XmlElement;
  try {
    root = parseXml(answer.body.toString('utf8'));
  } catch (error) {
    return { kind: 'error', status: answer.status, code: '(none)', message: '', wireProblems: [`the error is not XML: ${(error as Error).message}`] };
  }
  if (root.name !== 'ErrorResponse') wireProblems.push(`the error's root is <${root.name}>, not <ErrorResponse>`);
  const error = child(root, 'Error');
  if (!error) wireProblems.push('no <Error> in <ErrorResponse>');
  const type = error && child(error, 'Type')?.text;
  if (type !== 'Sender' && type !== 'Receiver') wireProblems.push(`<Type> is ${type ?? 'missing'}, not Sender or Receiver`);
  if (!child(root, 'RequestId')) wireProblems.push('no <RequestId> in <ErrorResponse>');
  const code = (error && child(error, 'Code')?.text) || '(none)';
  const message = (error && child(error, 'Message')?.text) ?? '';
  return { kind: 'error', status: answer.status, code, queryCode: code, message, wireProblems };
}

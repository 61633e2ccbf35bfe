import { type IncomingHttpHeaders } from 'node:http';
import { type JsonObject } from './jsonReader';

/** Where one input member of a restJson operation travels, by the model: its wire name and its type ("l" a list of strings). */
export interface BoundMember {
  readonly in: 'path' | 'query' | 'header';
  readonly name: string;
  readonly type: 's' | 'n' | 'b' | 't' | 'l';
}

/** A restJson operation's HTTP binding: its route, the members bound outside the body, and the payload member that takes the whole body. */
export interface RestBinding {
  readonly method: string;
  readonly requestUri: string;
  readonly members: Readonly<Record<string, BoundMember>>;
  readonly payload?: { readonly member: string; readonly blob: boolean };
}

/** Service name → operation → binding (generated from botocore: restBindings.ts). */
export type RestBindingTable = Readonly<Record<string, Readonly<Record<string, RestBinding>>>>;

/** The parts of an HTTP request a restJson input is bound from. */
export interface RestRequestParts {
  /** The path as sent (percent-encoded). */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * Reads a restJson request back into its operation's input, in the model's member names: the body's
 * members (or, with a payload member, the whole body: a blob as base64, as JSON carries blobs), then
 * the members bound to path labels, query parameters and headers, typed as the model types them. A value
 * that does not read as its type stays as the text sent, so that a check against the model can name it.
 * Throws on a body that is not JSON.
 */
export function readRestInput(binding: RestBinding, request: RestRequestParts): JsonObject {
  const input: JsonObject = {};
  if (binding.payload) {
    if (request.body.length > 0) input[binding.payload.member] = binding.payload.blob ? request.body.toString('base64') : JSON.parse(request.body.toString('utf8'));
  } else if (request.body.length > 0) {
    const body: unknown = JSON.parse(request.body.toString('utf8'));
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) Object.assign(input, body);
  }
  const labels = pathLabels(binding.requestUri, request.rawPath);
  for (const [member, bound] of Object.entries(binding.members)) {
    let values: string[];
    if (bound.in === 'path') values = labels[bound.name] === undefined ? [] : [labels[bound.name]];
    else if (bound.in === 'query') values = request.query.getAll(bound.name);
    else values = headerValues(request.headers[bound.name.toLowerCase()], bound.type);
    if (values.length === 0) continue;
    input[member] = bound.type === 'l' ? values : typed(values[0], bound.type);
  }
  return input;
}

/** The labels of a request URI template (`/schedules/{Name}`, `{Key+}` greedy) matched against a path, decoded; none if it does not match. */
function pathLabels(requestUri: string, rawPath: string): Record<string, string> {
  const template = requestUri.split('?', 1)[0].split('/');
  const segments = rawPath.split('/');
  const labels: Record<string, string> = {};
  for (let index = 0; index < template.length; index++) {
    const part = template[index];
    const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
    if (!label) {
      if (segments[index] !== part) return {};
      continue;
    }
    const text = label[2] ? segments.slice(index).join('/') : segments[index];
    if (text === undefined) return {};
    labels[label[1]] = decodeComponent(text);
    if (label[2]) return labels;
  }
  return segments.length === template.length ? labels : {};
}

function headerValues(value: string | string[] | undefined, type: BoundMember['type']): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return type === 'l' ? values.flatMap((item) => item.split(',').map((part) => part.trim())) : values.slice(0, 1);
}

function typed(text: string, type: BoundMember['type']): unknown {
  if (type === 'n') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === 'b') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

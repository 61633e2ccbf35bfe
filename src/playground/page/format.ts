/** Pure helpers of the playground page: templates, parameter fields, validation, response text. No DOM. */

export type TemplateId = 'tgi' | 'chat' | 'raw';

export interface Template {
  id: TemplateId;
  label: string;
  contentType: string;
  accept: string;
  body: string;
}

export const templates: Template[] = [
  {
    id: 'tgi',
    label: 'TGI / LMI  {"inputs", "parameters"}',
    contentType: 'application/json',
    accept: 'application/json',
    body: JSON.stringify({ inputs: 'What is a cold start, in one sentence?', parameters: { max_new_tokens: 64, temperature: 0.7 } }, null, 2),
  },
  {
    id: 'chat',
    label: 'OpenAI-style chat  {"messages"}',
    contentType: 'application/json',
    accept: 'application/json',
    body: JSON.stringify(
      { messages: [{ role: 'system', content: 'You are concise.' }, { role: 'user', content: 'Why scale an endpoint to zero?' }], max_tokens: 64, temperature: 0.7 },
      null,
      2,
    ),
  },
  { id: 'raw', label: 'Raw JSON', contentType: 'application/json', accept: 'application/json', body: '{\n  \n}' },
];

export interface ParameterField {
  key: 'maxTokens' | 'temperature';
  label: string;
  min: number;
  max: number;
  integer: boolean;
}

export const parameterFields: ParameterField[] = [
  { key: 'maxTokens', label: 'Max new tokens', min: 1, max: 4096, integer: true },
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, integer: false },
];

type Json = Record<string, unknown>;

function parseObject(body: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Where a template keeps a parameter: TGI under "parameters", chat at the top level. */
function location(template: TemplateId, key: ParameterField['key']): { parent: 'parameters' | undefined; name: string } | undefined {
  if (template === 'tgi') return { parent: 'parameters', name: key === 'maxTokens' ? 'max_new_tokens' : 'temperature' };
  if (template === 'chat') return { parent: undefined, name: key === 'maxTokens' ? 'max_tokens' : 'temperature' };
  return undefined;
}

export function readParameter(template: TemplateId, body: string, key: ParameterField['key']): string {
  const where = location(template, key);
  const object = parseObject(body);
  if (!where || !object) return '';
  const holder = where.parent ? object[where.parent] : object;
  const value = typeof holder === 'object' && holder !== null ? (holder as Json)[where.name] : undefined;
  return typeof value === 'number' ? String(value) : '';
}

/** The body with one parameter set (or removed when the field is empty); unchanged if it is not JSON. */
export function writeParameter(template: TemplateId, body: string, key: ParameterField['key'], text: string): string {
  const where = location(template, key);
  const object = parseObject(body);
  if (!where || !object) return body;
  const number = Number(text);
  let holder: Json = object;
  if (where.parent) {
    const existing = object[where.parent];
    holder = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? (existing as Json) : {};
    object[where.parent] = holder;
  }
  if (text.trim() === '' || !Number.isFinite(number)) delete holder[where.name];
  else holder[where.name] = number;
  return JSON.stringify(object, null, 2);
}

export function validateParameter(field: ParameterField, text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return `${field.label} must be a number.`;
  if (field.integer && !Number.isInteger(value)) return `${field.label} must be a whole number.`;
  if (value < field.min || value > field.max) return `${field.label} must be between ${field.min} and ${field.max}.`;
  return undefined;
}

/** Problems that keep the request from being sent, in plain words. */
export function validateRequest(template: TemplateId, body: string, contentType: string, accept: string, deadline: string): string[] {
  const problems: string[] = [];
  const mediaType = /^[\x21-\x7e]+\/[\x21-\x7e]+( *; *[\x20-\x7e]*)?$/;
  if (!mediaType.test(contentType)) problems.push('Content type must look like type/subtype, e.g. application/json.');
  if (!mediaType.test(accept)) problems.push('Accept must look like type/subtype, e.g. application/json.');
  const seconds = Number(deadline);
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 3600) problems.push('The wait deadline must be a whole number of seconds between 10 and 3600.');
  if (body.length > 1024 * 1024) problems.push('The body is larger than 1 MiB.');
  if (/json/i.test(contentType)) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      problems.push(`The body is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}.`);
      return problems;
    }
    const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
    if (template === 'tgi' && (typeof object?.inputs !== 'string' || object.inputs.trim() === '')) problems.push('"inputs" must be a non-empty string.');
    if (template === 'chat') {
      const messages = object?.messages;
      if (!Array.isArray(messages) || messages.length === 0) problems.push('"messages" must be a non-empty array.');
      else if (messages.some((message) => typeof (message as Json | null)?.content !== 'string' || typeof (message as Json | null)?.role !== 'string')) {
        problems.push('Each message needs a string "role" and "content".');
      }
    }
    for (const field of parameterFields) {
      const problem = validateParameter(field, readParameter(template, body, field.key));
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/** The generated text of a complete response, when the format is one we know; undefined otherwise. */
export function generatedText(body: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof first !== 'object' || first === null) return undefined;
  const record = first as Json;
  if (typeof record.generated_text === 'string') return record.generated_text;
  const choice = Array.isArray(record.choices) ? (record.choices[0] as Json | undefined) : undefined;
  const message = choice?.message as Json | undefined;
  if (typeof message?.content === 'string') return message.content;
  if (typeof choice?.text === 'string') return choice.text;
  return undefined;
}

export function prettyJson(body: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return undefined;
  }
}

/**
 * Turns streamed payload parts into text as they arrive: TGI `data:{"token":{"text"}}` lines, OpenAI
 * `data: {"choices":[{"delta":{"content"}}]}` events (ending with `[DONE]`), or raw text.
 */
export class StreamText {
  private pending = '';
  private sse: boolean | undefined;
  text = '';

  push(chunk: string): string {
    if (this.sse === undefined) this.sse = /^\s*data:/.test(chunk);
    if (!this.sse) {
      this.text += chunk;
      return chunk;
    }
    this.pending += chunk;
    let added = '';
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, newline).trim();
      this.pending = this.pending.slice(newline + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') continue;
      try {
        const event = JSON.parse(data) as Json;
        const token = event.token as Json | undefined;
        if (token && token.special !== true && typeof token.text === 'string') added += token.text;
        const choice = Array.isArray(event.choices) ? (event.choices[0] as Json | undefined) : undefined;
        const delta = choice?.delta as Json | undefined;
        if (typeof delta?.content === 'string') added += delta.content;
      } catch {
        added += data;
      }
    }
    this.text += added;
    return added;
  }
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} min`;
}

/**
 * The one way the playground shows when something happened (history, waking timeline, header, chart):
 * a time on the account's clock (the host sends it: the local emulator's virtual clock, or the real
 * one on AWS), always 24-hour `HH:MM:SS` in the user's time zone. Never the page's own `Date.now()`.
 */
export function formatEventTime(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return '–';
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return '–';
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

/** "4 MB", "512 KB", "900 bytes" (binary units, as the limits are set). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  const mega = 1024 * 1024;
  if (bytes >= mega) return `${Number((bytes / mega).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Math.round(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

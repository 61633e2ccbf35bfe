/**
 * The built-in demo model: deterministic text derived from the prompt, so tests can assert on it.
 * It understands the payloads users send to LLM containers on SageMaker:
 *   - TGI / LMI style: {"inputs": "...", "parameters": {"max_new_tokens", "temperature", ...}}
 *   - OpenAI style:    {"messages": [{"role", "content"}], "max_tokens", "temperature", "stream"}
 *   - anything else:   the body as plain text.
 */
export type PayloadStyle = 'tgi' | 'chat' | 'text';

export interface ParsedPrompt {
  style: PayloadStyle;
  prompt: string;
  maxNewTokens: number;
  temperature: number;
}

export class InvalidPayloadError extends Error {}

const vocabulary = [
  'the', 'model', 'scales', 'to', 'zero', 'when', 'idle', 'and', 'wakes', 'on', 'demand', 'copies', 'instances', 'endpoint',
  'inference', 'component', 'latency', 'tokens', 'warm', 'cold', 'start', 'capacity', 'request', 'alarm', 'policy', 'step',
  'scaling', 'target', 'tracking', 'minutes', 'seconds', 'GPU', 'memory', 'weights', 'load', 'serve', 'quickly', 'again',
  'terrapin', 'reptile', 'river', 'stream', 'bright', 'quiet', 'morning', 'cloud', 'region', 'budget', 'cost', 'savings',
];

export const defaultMaxNewTokens = 32;
export const maxTokensCap = 4096;

export function parsePrompt(body: Buffer, contentType: string | undefined): ParsedPrompt {
  const text = body.toString('utf8');
  const looksJson = (contentType ?? '').includes('json') || /^\s*[{[]/.test(text);
  if (!looksJson) return { style: 'text', prompt: text, maxNewTokens: defaultMaxNewTokens, temperature: 1 };
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new InvalidPayloadError('Failed to parse the request body as JSON.');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new InvalidPayloadError('The request body must be a JSON object.');
  }
  const object = payload as Record<string, unknown>;
  if (Array.isArray(object.messages)) {
    const prompt = object.messages
      .map((message) => {
        const content = (message as { content?: unknown })?.content;
        if (typeof content !== 'string') throw new InvalidPayloadError('Each message must have a string "content".');
        return content;
      })
      .join('\n');
    return {
      style: 'chat',
      prompt,
      maxNewTokens: tokenCount(object.max_tokens ?? object.max_completion_tokens),
      temperature: temperatureOf(object.temperature),
    };
  }
  if (typeof object.inputs === 'string') {
    const parameters = (object.parameters ?? {}) as Record<string, unknown>;
    if (typeof parameters !== 'object' || Array.isArray(parameters)) throw new InvalidPayloadError('"parameters" must be an object.');
    return { style: 'tgi', prompt: object.inputs, maxNewTokens: tokenCount(parameters.max_new_tokens), temperature: temperatureOf(parameters.temperature) };
  }
  throw new InvalidPayloadError('Expected "inputs" (a string) or "messages" (a list) in the request body.');
}

function tokenCount(value: unknown): number {
  if (value === undefined || value === null) return defaultMaxNewTokens;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new InvalidPayloadError('max_new_tokens must be a positive integer.');
  return Math.min(value, maxTokensCap);
}

function temperatureOf(value: unknown): number {
  if (value === undefined || value === null) return 1;
  if (typeof value !== 'number' || value < 0) throw new InvalidPayloadError('temperature must be a non-negative number.');
  return value;
}

/** The tokens the demo model generates for a prompt: the same prompt and parameters always give the same text. */
export function generateTokens(prompt: ParsedPrompt): string[] {
  let state = fnv1a(`${prompt.prompt}\u0000${prompt.temperature}`);
  const tokens: string[] = [];
  for (let index = 0; index < prompt.maxNewTokens; index++) {
    state = xorshift(state);
    const word = vocabulary[state % vocabulary.length];
    const endsSentence = index > 0 && index % 12 === 11;
    tokens.push(` ${word}${endsSentence || index === prompt.maxNewTokens - 1 ? '.' : ''}`);
  }
  return tokens;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash || 1;
}

function xorshift(value: number): number {
  let x = value >>> 0;
  x ^= x << 13;
  x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}

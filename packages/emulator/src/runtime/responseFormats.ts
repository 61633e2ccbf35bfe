import { type ParsedPrompt } from './demoModel';

/** The complete (non-streamed) response body in the style of the request. */
export function completeResponse(prompt: ParsedPrompt, tokens: readonly string[], id: string, createdSeconds: number): { body: string; contentType: string } {
  const text = tokens.join('');
  if (prompt.style === 'chat') {
    return {
      contentType: 'application/json',
      body: JSON.stringify({
        id,
        object: 'chat.completion',
        created: Math.floor(createdSeconds),
        model: 'emulator-demo',
        choices: [{ index: 0, message: { role: 'assistant', content: text.trimStart() }, finish_reason: 'length' }],
        usage: { prompt_tokens: promptTokens(prompt), completion_tokens: tokens.length, total_tokens: promptTokens(prompt) + tokens.length },
      }),
    };
  }
  if (prompt.style === 'tgi') return { contentType: 'application/json', body: JSON.stringify([{ generated_text: text }]) };
  return { contentType: 'text/plain', body: text };
}

/** One streamed chunk per token: TGI JSON lines, OpenAI server-sent events, or raw text. */
export function streamChunk(prompt: ParsedPrompt, token: string, index: number, id: string, createdSeconds: number): string {
  if (prompt.style === 'chat') {
    return `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: Math.floor(createdSeconds),
      model: 'emulator-demo',
      choices: [{ index: 0, delta: index === 0 ? { role: 'assistant', content: token } : { content: token }, finish_reason: null }],
    })}\n\n`;
  }
  if (prompt.style === 'tgi') return `data:${JSON.stringify({ token: { id: index, text: token, logprob: -0.5, special: false } })}\n\n`;
  return token;
}

/** The closing chunk, if the style has one. */
export function streamEnd(prompt: ParsedPrompt, tokens: readonly string[], id: string, createdSeconds: number): string | undefined {
  if (prompt.style === 'chat') {
    const last = { id, object: 'chat.completion.chunk', created: Math.floor(createdSeconds), model: 'emulator-demo', choices: [{ index: 0, delta: {}, finish_reason: 'length' }] };
    return `data: ${JSON.stringify(last)}\n\ndata: [DONE]\n\n`;
  }
  if (prompt.style === 'tgi') {
    return `data:${JSON.stringify({ token: { id: tokens.length, text: '', logprob: 0, special: true }, generated_text: tokens.join(''), details: null })}\n\n`;
  }
  return undefined;
}

function promptTokens(prompt: ParsedPrompt): number {
  return prompt.prompt.split(/\s+/).filter(Boolean).length;
}

/** The response card: latency chips, the error in words, and the answer as text or as JSON. Model output is always text. */
import { html, nothing } from 'lit';
import { formatBytes, formatDuration, generatedText, prettyJson } from '../format';
import { type Exchange } from '../playgroundStore';
import { StoreElement } from '../storeElement';

const chip = (label: string, value: string) => html`<span class="chip"><span class="chip-label">${label}</span><span class="chip-value">${value}</span></span>`;

function chips(exchange: Exchange | undefined) {
  const result = exchange?.result;
  if (!result) return nothing;
  return [
    chip('TTFB', formatDuration(result.ttfbMs)),
    chip('Total', formatDuration(result.totalMs)),
    result.heldMs !== undefined ? chip('Held (cold start)', formatDuration(result.heldMs)) : nothing,
    result.invokedVariant ? chip('Variant', result.invokedVariant) : nothing,
    result.contentType ? chip('Type', result.contentType) : nothing,
  ];
}

function errorBox(exchange: Exchange | undefined) {
  const error = exchange?.error;
  if (!error) return html`<div id="error" class="error" role="alert" hidden></div>`;
  const headings: Partial<Record<typeof error.kind, string>> = { cancelled: 'Cancelled', deadline: 'Deadline passed', gone: 'Component gone' };
  const heading = headings[error.kind] ?? 'Request failed';
  return html`<div id="error" class="error" role="alert"><strong>${heading}</strong><span> ${error.message}</span>${error.code ? html`<code class="error-code">${error.code}</code>` : nothing}</div>`;
}

/** Says so, in words, when the answer was longer than the playground keeps. */
function truncatedNote(exchange: Exchange | undefined) {
  const cut = exchange?.result?.truncatedAtBytes;
  if (cut === undefined) return nothing;
  return html`<div id="truncated" class="note warning" role="status">
    The answer was too long to show whole: only its first ${formatBytes(cut)} are here${exchange?.result?.streamed ? ', and the rest of the stream was not read' : ''}.
  </div>`;
}

/** The answer's text in the chosen view, or the line that stands for it while there is none. */
export function answerText(exchange: Exchange | undefined, view: 'text' | 'json'): { waiting: string } | { text: string } | undefined {
  if (!exchange) return { waiting: 'Send a request to see the answer here.' };
  const { mode, result, streaming } = exchange;
  if (!result && !streaming) return exchange.error ? undefined : { waiting: mode === 'stream' ? 'Waiting for the first token…' : 'Waiting for the answer…' };
  const raw = mode === 'stream' ? exchange.raw : (result?.body ?? '');
  if (view === 'json') return { text: prettyJson(raw) ?? raw };
  if (mode === 'stream') return exchange.stream.text === '' && !result ? undefined : { text: exchange.stream.text };
  return { text: generatedText(raw) ?? prettyJson(raw) ?? raw };
}

export class ResponseCard extends StoreElement {
  override render() {
    const store = this.store;
    const answer = answerText(store.exchange, store.view);
    return html`<section class="card response" aria-labelledby="response-heading">
      <div class="card-head">
        <h2 id="response-heading">Response</h2>
        <div class="view-toggle" role="group" aria-label="Show the response as">
          <vscode-button id="view-text" ?secondary=${!store.viewShown || store.view !== 'text'} @click=${() => store.setView('text')}>Text</vscode-button>
          <vscode-button id="view-json" ?secondary=${!store.viewShown || store.view !== 'json'} @click=${() => store.setView('json')}>JSON</vscode-button>
        </div>
      </div>
      <div id="meta" class="meta">${chips(store.exchange)}</div>
      ${errorBox(store.exchange)}${truncatedNote(store.exchange)}
      <div id="output" class="output">${answer === undefined ? nothing : 'waiting' in answer ? html`<p class="muted">${answer.waiting}</p>` : html`<pre class="output-text">${answer.text}</pre>`}</div>
    </section>`;
  }
}
customElements.define('s2z-response-card', ResponseCard);

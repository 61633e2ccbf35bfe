/** The history card: this session's requests, newest first, each with its outcome and a Re-run button. */
import { html } from 'lit';
import { formatEventTime } from '../format';
import { type HistoryEntry } from '../savedPage';
import { StoreElement } from '../storeElement';

export class HistoryCard extends StoreElement {
  override render() {
    const store = this.store;
    const entries = [...store.history].reverse();
    const item = (entry: HistoryEntry) => html`<li class=${`history-item history-${entry.outcome}`}>
      <span class="history-time">${formatEventTime(entry.at)}</span>
      <span class="history-mode">${entry.mode === 'stream' ? 'Stream' : 'Invoke'}</span>
      <span class="history-summary">${entry.summary}</span>
      <span class="history-body">${entry.body.replace(/\s+/g, ' ').slice(0, 80)}</span>
      <vscode-button secondary ?disabled=${store.running || !store.callable} @click=${() => store.send(entry.mode, entry)}>Re-run</vscode-button>
    </li>`;
    return html`<section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ol id="history" class="history">${entries.length === 0 ? html`<li class="muted">No requests yet in this session.</li>` : entries.map(item)}</ol>
    </section>`;
  }
}
customElements.define('s2z-history-card', HistoryCard);

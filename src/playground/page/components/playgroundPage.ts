/** The whole page: the header, then the request and response cards, the measurements, and the history. */
import { html } from 'lit';
import { StoreElement } from '../storeElement';
import './chartCard';
import './durationsCard';
import './historyCard';
import './requestCard';
import './responseCard';
import './statusHeader';
import './wakingCard';

export class PlaygroundPage extends StoreElement {
  override render() {
    const store = this.store;
    return html`<s2z-status-header .store=${store}></s2z-status-header>
      <div class="columns">
        <s2z-request-card .store=${store}></s2z-request-card>
        <div class="stack">
          <s2z-response-card .store=${store}></s2z-response-card>
          <s2z-waking-card .store=${store}></s2z-waking-card>
        </div>
      </div>
      <div class="columns">
        <s2z-durations-card .store=${store}></s2z-durations-card>
        <s2z-chart-card .store=${store}></s2z-chart-card>
      </div>
      <s2z-history-card .store=${store}></s2z-history-card>`;
  }
}
customElements.define('s2z-playground', PlaygroundPage);

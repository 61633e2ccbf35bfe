/** The cold starts card: the last, the median and the AWS blog's reference durations of each phase. */
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { type DurationFigures, type DurationsView } from '../../protocol';
import { formatDuration } from '../format';
import { StoreElement } from '../storeElement';

const columns = ['alarmMs', 'instanceMs', 'copyMs', 'totalMs'] as const;

const row = (title: string, figures: DurationFigures | undefined) =>
  html`<tr><th>${title}</th>${columns.map((key) => html`<td>${formatDuration(figures?.[key])}</td>`)}</tr>`;

export function durationsView(view: DurationsView) {
  return html`<table class="durations">
      <thead><tr>${['', 'Alarm', 'Instance', 'Copy', 'Total'].map((title) => html`<th>${title}</th>`)}</tr></thead>
      <tbody>
        ${row(view.last ? `Last${view.last.wakeNow ? ' (Wake now)' : ''}` : 'Last', view.last)}
        ${row(`Median of ${view.count}`, view.count > 0 ? view.median : undefined)}
        ${row('AWS blog, Llama 3.1 8B', view.reference)}
      </tbody>
    </table>${view.count === 0 ? html`<p class="muted">No cold start measured here yet: send a request while the component is cold.</p>` : nothing}`;
}

export class DurationsCard extends StoreElement {
  override render() {
    const durations = this.store.durations;
    return html`<section class="card" aria-labelledby="durations-heading">
      <h2 id="durations-heading">Cold starts of this component</h2>
      <div id="durations">${guard([durations], () => (durations ? durationsView(durations) : nothing))}</div>
    </section>`;
  }
}
customElements.define('s2z-durations-card', DurationsCard);

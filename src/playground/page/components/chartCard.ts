/** The last-hour card: copies and instances as step lines, invocations per minute as bars (own scale), and a Refresh button. */
import { html, nothing, svg } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { type ChartSeries } from '../../protocol';
import { formatEventTime } from '../format';
import { type ChartView } from '../playgroundStore';
import { StoreElement } from '../storeElement';

const width = 560;
const height = 140;
const pad = { left: 28, right: 28, top: 10, bottom: 20 };
const plotHeight = height - pad.top - pad.bottom;
const baseline = pad.top + plotHeight;

export function chartView(chart: ChartView) {
  const x = (t: number) => pad.left + ((t - chart.from) / Math.max(1, chart.to - chart.from)) * (width - pad.left - pad.right);
  const find = (name: ChartSeries['name']) => chart.series.find((series) => series.name === name)?.points ?? [];
  const countMax = Math.max(2, ...[...find('Copies'), ...find('Instances')].map((point) => point[1]));
  const invocations = find('Invocations');
  const invocationMax = Math.max(1, ...invocations.map((point) => point[1]));
  const yCount = (v: number) => baseline - (v / countMax) * plotHeight;
  const yInvocations = (v: number) => baseline - (v / invocationMax) * plotHeight;
  const barWidth = Math.max(2, (width - pad.left - pad.right) / 60 - 2);
  const ticks = Array.from({ length: countMax + 1 }, (_, tick) => tick);
  const line = (name: 'Instances' | 'Copies') => {
    const points = find(name);
    if (points.length === 0) return nothing;
    let d = `M ${x(points[0][0])} ${yCount(points[0][1])}`;
    for (let index = 1; index < points.length; index++) d += ` H ${x(points[index][0])} V ${yCount(points[index][1])}`;
    return svg`<path d=${`${d} H ${x(chart.to)}`} class=${`line ${name.toLowerCase()}`}></path>`;
  };
  return html`<svg viewBox=${`0 0 ${width} ${height}`} class="chart" role="img" aria-label="Copies, instances and invocations over the last hour">
      <line x1=${pad.left} x2=${width - pad.right} y1=${baseline} y2=${baseline} class="axis"></line>
      ${ticks.map(
        (tick) => svg`<line x1=${pad.left} x2=${width - pad.right} y1=${yCount(tick)} y2=${yCount(tick)} class="grid"></line>
          <text x=${pad.left - 6} y=${yCount(tick) + 4} class="tick" text-anchor="end">${tick}</text>`,
      )}
      <text x=${width - pad.right + 4} y=${pad.top + 8} class="tick invocations-tick">${invocationMax}</text>
      ${invocations
        .filter(([, v]) => v > 0)
        .map(([t, v]) => svg`<rect x=${x(t)} y=${yInvocations(v)} width=${barWidth} height=${baseline - yInvocations(v)} class="bar invocations"></rect>`)}
      ${line('Instances')}${line('Copies')}
      <text x=${pad.left} y=${height - 4} class="tick" text-anchor="start">${formatEventTime(chart.from)}</text>
      <text x=${width - pad.right} y=${height - 4} class="tick" text-anchor="end">${formatEventTime(chart.to)}</text>
    </svg>
    <div class="legend">${(['Copies', 'Instances', 'Invocations'] as const).map(
      (name) => html`<span class=${`legend-item ${name.toLowerCase()}`}><span class="swatch"></span><span>${name === 'Invocations' ? 'Invocations / min' : name}</span></span>`,
    )}</div>${chart.note ? html`<p class="muted">${chart.note}</p>` : nothing}`;
}

export class ChartCard extends StoreElement {
  override render() {
    const chart = this.store.chart;
    return html`<section class="card" aria-labelledby="chart-heading">
      <div class="card-head"><h2 id="chart-heading">Last hour</h2><vscode-button id="refresh" secondary @click=${() => this.store.refresh()}>Refresh</vscode-button></div>
      <div id="chart">${guard([chart], () => (chart ? chartView(chart) : html`<p class="muted">Loading metrics…</p>`))}</div>
    </section>`;
  }
}
customElements.define('s2z-chart-card', ChartCard);

/**
 * DOM rendering of the playground's data. Everything a model or a service returned is inserted with
 * `textContent` (never HTML), so `<script>` or `<img onerror>` in an answer shows as those characters.
 */
import { type ChartSeries, type DurationsView, phaseLabels, type Timeline } from '../protocol';
import { formatClock, formatDuration } from './format';

/**
 * The little of the DOM rendering needs, typed here so this module also type-checks (and is unit
 * tested) outside the browser. The page passes `document` and its elements.
 */
export interface RenderElement {
  className: string;
  textContent: string | null;
  readonly firstElementChild: RenderElement | null;
  append(...nodes: (RenderElement | string)[]): void;
  replaceChildren(...nodes: (RenderElement | string)[]): void;
  setAttribute(name: string, value: string): void;
}

export interface RenderDocument {
  createElement(tag: string): RenderElement;
  createElementNS(namespace: string, tag: string): RenderElement;
}

type Doc = RenderDocument;

export { phaseLabels };

export function element(doc: Doc, tag: string, className?: string, text?: string): RenderElement {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Shows model output as text. */
export function renderOutput(doc: Doc, container: RenderElement, text: string): void {
  const pre = element(doc, 'pre', 'output-text');
  pre.textContent = text;
  container.replaceChildren(pre);
}

/** Appends streamed text to the output (as text). */
export function appendOutput(doc: Doc, container: RenderElement, text: string): void {
  let pre = container.firstElementChild;
  if (!pre || pre.className !== 'output-text') {
    pre = element(doc, 'pre', 'output-text');
    container.replaceChildren(pre);
  }
  pre.append(text);
}

const statusIcons: Record<string, string> = { done: '✓', active: '●', pending: '○', skipped: '–' };

export function renderTimeline(doc: Doc, container: RenderElement, timeline: Timeline): void {
  const list = element(doc, 'ol', 'timeline');
  const now = timeline.endedAt ?? timeline.updatedAt;
  for (const [index, record] of timeline.phases.entries()) {
    const item = element(doc, 'li', `phase phase-${record.status}`);
    item.setAttribute('data-phase', record.id);
    item.setAttribute('data-status', record.status);
    item.append(element(doc, 'span', 'phase-icon', statusIcons[record.status] ?? '?'));
    const body = element(doc, 'div', 'phase-body');
    const head = element(doc, 'div', 'phase-head');
    head.append(element(doc, 'span', 'phase-label', phaseLabels[record.id] ?? record.id));
    if (record.at !== undefined) {
      head.append(element(doc, 'span', 'phase-time', formatClock(record.at)));
      head.append(element(doc, 'span', 'phase-elapsed', `+${formatDuration(record.at - timeline.startedAt)}`));
      // How long a lasting phase took (or has taken so far).
      if (record.id === 'instanceProvisioning' || record.id === 'copyStarting') {
        const later = timeline.phases.slice(index + 1).find((candidate) => candidate.at !== undefined && candidate.status === 'done');
        const end = record.status === 'active' ? now : later?.at;
        if (end !== undefined) head.append(element(doc, 'span', 'phase-duration', formatDuration(end - record.at)));
      }
    } else if (record.status === 'active') {
      head.append(element(doc, 'span', 'phase-waiting', 'waiting…'));
    }
    body.append(head);
    if (record.detail) body.append(element(doc, 'div', 'phase-detail', record.detail));
    item.append(body);
    list.append(item);
  }
  const parts: RenderElement[] = [list];
  if (timeline.note) parts.unshift(element(doc, 'div', 'note warning', timeline.note));
  const summary = element(doc, 'div', 'timeline-summary');
  const elapsed = now - timeline.startedAt;
  const outcomes: Record<string, string> = {
    succeeded: `Answered ${formatDuration(elapsed)} after the first rejection.`,
    deadline: `Gave up after ${formatDuration(elapsed)}: the deadline passed.`,
    cancelled: `Cancelled after ${formatDuration(elapsed)}.`,
    failed: `Failed after ${formatDuration(elapsed)}.`,
  };
  summary.textContent = timeline.outcome
    ? outcomes[timeline.outcome]
    : `Holding the request: ${formatDuration(elapsed)} elapsed, gives up in ${formatDuration(timeline.deadlineAt - now)}.`;
  parts.push(summary);
  container.replaceChildren(...parts);
}

export function renderDurations(doc: Doc, container: RenderElement, view: DurationsView): void {
  const table = element(doc, 'table', 'durations');
  const head = element(doc, 'tr');
  for (const title of ['', 'Alarm', 'Instance', 'Copy', 'Total']) head.append(element(doc, 'th', undefined, title));
  table.append(element(doc, 'thead'));
  table.firstElementChild?.append(head);
  const body = element(doc, 'tbody');
  const row = (title: string, figures: { alarmMs?: number; instanceMs?: number; copyMs?: number; totalMs?: number } | undefined) => {
    const tr = element(doc, 'tr');
    tr.append(element(doc, 'th', undefined, title));
    for (const key of ['alarmMs', 'instanceMs', 'copyMs', 'totalMs'] as const) tr.append(element(doc, 'td', undefined, formatDuration(figures?.[key])));
    body.append(tr);
  };
  row(view.last ? `Last${view.last.wakeNow ? ' (Wake now)' : ''}` : 'Last', view.last);
  row(`Median of ${view.count}`, view.count > 0 ? view.median : undefined);
  row('AWS blog, Llama 3.1 8B', view.reference);
  table.append(body);
  container.replaceChildren(table);
  if (view.count === 0) container.append(element(doc, 'p', 'muted', 'No cold start measured here yet: send a request while the component is cold.'));
}

const svgNs = 'http://www.w3.org/2000/svg';

function svg(doc: Doc, tag: string, attributes: Record<string, string | number>): RenderElement {
  const node = doc.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** A small chart: copies and instances as step lines, invocations per minute as bars (own scale). */
export function renderChart(doc: Doc, container: RenderElement, chart: { from: number; to: number; series: ChartSeries[]; note?: string }): void {
  const width = 560;
  const height = 140;
  const pad = { left: 28, right: 28, top: 10, bottom: 20 };
  const x = (t: number) => pad.left + ((t - chart.from) / Math.max(1, chart.to - chart.from)) * (width - pad.left - pad.right);
  const root = svg(doc, 'svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img' });
  root.setAttribute('aria-label', 'Copies, instances and invocations over the last hour');
  const find = (name: ChartSeries['name']) => chart.series.find((series) => series.name === name)?.points ?? [];
  const counts = [...find('Copies'), ...find('Instances')].map((point) => point[1]);
  const countMax = Math.max(2, ...counts);
  const invocations = find('Invocations');
  const invocationMax = Math.max(1, ...invocations.map((point) => point[1]));
  const plotHeight = height - pad.top - pad.bottom;
  const yCount = (v: number) => pad.top + plotHeight - (v / countMax) * plotHeight;
  const yInvocations = (v: number) => pad.top + plotHeight - (v / invocationMax) * plotHeight;
  root.append(svg(doc, 'line', { x1: pad.left, x2: width - pad.right, y1: pad.top + plotHeight, y2: pad.top + plotHeight, class: 'axis' }));
  for (let tick = 0; tick <= countMax; tick++) {
    root.append(svg(doc, 'line', { x1: pad.left, x2: width - pad.right, y1: yCount(tick), y2: yCount(tick), class: 'grid' }));
    const label = svg(doc, 'text', { x: pad.left - 6, y: yCount(tick) + 4, class: 'tick', 'text-anchor': 'end' });
    label.textContent = String(tick);
    root.append(label);
  }
  const maxLabel = svg(doc, 'text', { x: width - pad.right + 4, y: pad.top + 8, class: 'tick invocations-tick' });
  maxLabel.textContent = String(invocationMax);
  root.append(maxLabel);
  const barWidth = Math.max(2, (width - pad.left - pad.right) / 60 - 2);
  for (const [t, v] of invocations) {
    if (v <= 0) continue;
    root.append(svg(doc, 'rect', { x: x(t), y: yInvocations(v), width: barWidth, height: pad.top + plotHeight - yInvocations(v), class: 'bar invocations' }));
  }
  for (const name of ['Instances', 'Copies'] as const) {
    const points = find(name);
    if (points.length === 0) continue;
    let d = `M ${x(points[0][0])} ${yCount(points[0][1])}`;
    for (let index = 1; index < points.length; index++) d += ` H ${x(points[index][0])} V ${yCount(points[index][1])}`;
    d += ` H ${x(chart.to)}`;
    root.append(svg(doc, 'path', { d, class: `line ${name.toLowerCase()}` }));
  }
  for (const [position, text] of [[pad.left, formatClock(chart.from)], [width - pad.right, formatClock(chart.to)]] as const) {
    const label = svg(doc, 'text', { x: position, y: height - 4, class: 'tick', 'text-anchor': position === pad.left ? 'start' : 'end' });
    label.textContent = text;
    root.append(label);
  }
  const legend = element(doc, 'div', 'legend');
  for (const name of ['Copies', 'Instances', 'Invocations'] as const) {
    const item = element(doc, 'span', `legend-item ${name.toLowerCase()}`);
    item.append(element(doc, 'span', 'swatch'), element(doc, 'span', undefined, name === 'Invocations' ? 'Invocations / min' : name));
    legend.append(item);
  }
  const parts: RenderElement[] = [root, legend];
  if (chart.note) parts.push(element(doc, 'p', 'muted', chart.note));
  container.replaceChildren(...parts);
}

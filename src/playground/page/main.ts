import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import {
  defaultDeadlineSeconds,
  type HostToPlayground,
  type InvokeMode,
  parseHostToPlayground,
  parsePlaygroundState,
  type PlaygroundState,
  type PlaygroundToHost,
} from '../protocol';
import {
  formatDuration,
  generatedText,
  parameterFields,
  prettyJson,
  readParameter,
  StreamText,
  type TemplateId,
  templates,
  validateParameter,
  validateRequest,
  writeParameter,
} from './format';
import {
  appendOutput,
  element as renderElement,
  renderChart as renderChartTo,
  renderDurations as renderDurationsTo,
  renderOutput as renderOutputTo,
  renderTimeline as renderTimelineTo,
  phaseLabels,
  type RenderDocument,
  type RenderElement,
} from './render';

// The rendering module types the DOM structurally; the page hands it the real one.
const dom = document as unknown as RenderDocument;
const target = (node: HTMLElement) => node as unknown as RenderElement;
const element = (_doc: Document, tag: string, className?: string, text?: string) => renderElement(dom, tag, className, text) as unknown as HTMLElement;
const renderOutput = (_doc: Document, node: HTMLElement, text: string) => renderOutputTo(dom, target(node), text);
const renderTimeline = (_doc: Document, node: HTMLElement, timeline: Parameters<typeof renderTimelineTo>[2]) => renderTimelineTo(dom, target(node), timeline);
const renderDurations = (_doc: Document, node: HTMLElement, view: Parameters<typeof renderDurationsTo>[2]) => renderDurationsTo(dom, target(node), view);
const renderChart = (_doc: Document, node: HTMLElement, chart: Parameters<typeof renderChartTo>[2]) => renderChartTo(dom, target(node), chart);
const appendText = (node: HTMLElement, text: string) => appendOutput(dom, target(node), text);

interface HistoryEntry {
  requestId: string;
  mode: InvokeMode;
  at: number;
  template: TemplateId;
  body: string;
  contentType: string;
  accept: string;
  outcome: 'running' | 'ok' | 'error' | 'cancelled';
  summary: string;
}

interface PageState extends PlaygroundState {
  history?: HistoryEntry[];
}

interface VsCodeApi {
  postMessage(message: PlaygroundToHost): void;
  getState(): unknown;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type ValueElement = HTMLElement & { value: string };
type CheckElement = HTMLElement & { checked: boolean };
type ButtonElement = HTMLElement & { disabled: boolean };

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const skeleton = `
<header class="header">
  <div class="title-block">
    <h1 id="title">Playground</h1>
    <div class="subtitle"><span id="endpoint"></span><span class="dot">·</span><span id="connection"></span></div>
  </div>
  <vscode-badge id="status" variant="default">…</vscode-badge>
</header>
<div class="columns">
  <section class="card request" aria-labelledby="request-heading">
    <h2 id="request-heading">Request</h2>
    <div class="row">
      <label for="template">Template</label>
      <vscode-single-select id="template"></vscode-single-select>
    </div>
    <div class="row two">
      <div><label for="content-type">Content type</label><vscode-textfield id="content-type"></vscode-textfield></div>
      <div><label for="accept">Accept</label><vscode-textfield id="accept"></vscode-textfield></div>
    </div>
    <div class="row two" id="parameters"></div>
    <label for="body">Body</label>
    <vscode-textarea id="body" rows="10" resize="vertical" monospace spellcheck="false"></vscode-textarea>
    <ul id="problems" class="problems" aria-live="polite"></ul>
    <div class="row two">
      <div><label for="deadline">Hold during a cold start for at most (s)</label><vscode-textfield id="deadline" type="number" min="10" max="3600"></vscode-textfield></div>
      <div class="wake">
        <vscode-checkbox id="wake-now" label="Wake now">Wake now</vscode-checkbox>
        <div class="hint">Sets one copy directly instead of waiting about a minute for the wake alarm. Auto scaling owns the count afterwards.</div>
      </div>
    </div>
    <div class="actions">
      <vscode-button id="invoke">Invoke</vscode-button>
      <vscode-button id="stream" secondary>Stream</vscode-button>
      <vscode-button id="cancel" secondary disabled>Cancel</vscode-button>
      <vscode-progress-ring id="busy" hidden></vscode-progress-ring>
      <span id="state-line" class="muted" aria-live="polite"></span>
    </div>
  </section>
  <div class="stack">
  <section class="card response" aria-labelledby="response-heading">
    <div class="card-head">
      <h2 id="response-heading">Response</h2>
      <div class="view-toggle" role="group" aria-label="Show the response as">
        <vscode-button id="view-text" secondary>Text</vscode-button>
        <vscode-button id="view-json" secondary>JSON</vscode-button>
      </div>
    </div>
    <div id="meta" class="meta"></div>
    <div id="error" class="error" role="alert" hidden></div>
    <div id="output" class="output"><p class="muted">Send a request to see the answer here.</p></div>
  </section>
  <section class="card waking" id="waking-card" hidden aria-labelledby="waking-heading">
  <h2 id="waking-heading">Waking timeline</h2>
  <div id="timeline"></div>
</section>
  </div>
</div>
<div class="columns">
  <section class="card" aria-labelledby="durations-heading">
    <h2 id="durations-heading">Cold starts of this component</h2>
    <div id="durations"></div>
  </section>
  <section class="card" aria-labelledby="chart-heading">
    <div class="card-head"><h2 id="chart-heading">Last hour</h2><vscode-button id="refresh" secondary>Refresh</vscode-button></div>
    <div id="chart"><p class="muted">Loading metrics…</p></div>
  </section>
</div>
<section class="card" aria-labelledby="history-heading">
  <h2 id="history-heading">History</h2>
  <ol id="history" class="history"></ol>
</section>`;

function initialState(): PageState {
  const saved = vscode.getState();
  const parsed = parsePlaygroundState(saved);
  if (parsed) {
    const history = (saved as { history?: unknown }).history;
    return { ...parsed, history: Array.isArray(history) ? (history.slice(-20) as HistoryEntry[]) : [] };
  }
  let fromHost: unknown;
  try {
    fromHost = JSON.parse(document.body.dataset.initial ?? '{}');
  } catch {
    fromHost = undefined;
  }
  return { ...(parsePlaygroundState(fromHost) ?? { inferenceComponentName: '', endpointName: '' }), history: [] };
}

const state = initialState();
let current: { requestId: string; mode: InvokeMode; stream: StreamText; raw: string; body?: string } | undefined;
let view: 'text' | 'json' = 'text';
let counter = 0;

function save(): void {
  vscode.setState({
    inferenceComponentName: state.inferenceComponentName,
    endpointName: state.endpointName,
    template: state.template,
    body: state.body,
    contentType: state.contentType,
    accept: state.accept,
    deadlineSeconds: state.deadlineSeconds,
    history: state.history?.slice(-20),
  });
}

function post(message: PlaygroundToHost): void {
  vscode.postMessage(message);
}

function templateId(): TemplateId {
  const value = $<ValueElement>('template').value;
  return value === 'chat' || value === 'raw' ? value : 'tgi';
}

function buildParameters(): void {
  const container = $('parameters');
  container.replaceChildren();
  const template = templateId();
  if (template === 'raw') return;
  for (const field of parameterFields) {
    const wrapper = element(document, 'div');
    const label = element(document, 'label', undefined, field.label);
    label.setAttribute('for', `param-${field.key}`);
    const input = document.createElement('vscode-textfield') as ValueElement;
    input.id = `param-${field.key}`;
    // A text field: the number rules are checked here, in words, rather than by the browser.
    input.setAttribute('inputmode', field.integer ? 'numeric' : 'decimal');
    input.setAttribute('placeholder', `${field.min}–${field.max}`);
    input.value = readParameter(template, $<ValueElement>('body').value, field.key);
    input.addEventListener('input', () => {
      const problem = validateParameter(field, input.value);
      input.toggleAttribute('invalid', problem !== undefined);
      if (!problem) {
        const body = $<ValueElement>('body');
        body.value = writeParameter(templateId(), body.value, field.key, input.value);
      }
      onEdit(false);
    });
    wrapper.append(label, input);
    container.append(wrapper);
  }
}

function syncParameters(): void {
  for (const field of parameterFields) {
    const input = document.getElementById(`param-${field.key}`) as ValueElement | null;
    if (input && document.activeElement !== input) input.value = readParameter(templateId(), $<ValueElement>('body').value, field.key);
  }
}

function problems(): string[] {
  const found = validateRequest(templateId(), $<ValueElement>('body').value, $<ValueElement>('content-type').value.trim(), $<ValueElement>('accept').value.trim(), $<ValueElement>('deadline').value.trim());
  for (const field of parameterFields) {
    const input = document.getElementById(`param-${field.key}`) as ValueElement | null;
    const problem = input ? validateParameter(field, input.value) : undefined;
    if (problem && !found.includes(problem)) found.push(problem);
  }
  return found;
}

function onEdit(fromBody: boolean): void {
  state.template = templateId();
  state.body = $<ValueElement>('body').value;
  state.contentType = $<ValueElement>('content-type').value;
  state.accept = $<ValueElement>('accept').value;
  const deadline = Number($<ValueElement>('deadline').value);
  if (Number.isFinite(deadline)) state.deadlineSeconds = deadline;
  if (fromBody) syncParameters();
  const list = $('problems');
  list.replaceChildren(...problems().map((problem) => element(document, 'li', undefined, problem)));
  updateButtons();
  save();
}

function updateButtons(): void {
  const busy = current !== undefined;
  const invalid = problems().length > 0;
  $<ButtonElement>('invoke').disabled = busy || invalid;
  $<ButtonElement>('stream').disabled = busy || invalid;
  $<ButtonElement>('cancel').disabled = !busy;
  $('busy').hidden = !busy;
}

function setStateLine(text: string): void {
  $('state-line').textContent = text;
}

function send(mode: InvokeMode, replay?: HistoryEntry): void {
  if (current) return;
  if (replay) {
    $<ValueElement>('template').value = replay.template;
    buildParameters();
    $<ValueElement>('body').value = replay.body;
    $<ValueElement>('content-type').value = replay.contentType;
    $<ValueElement>('accept').value = replay.accept;
    onEdit(true);
  }
  if (problems().length > 0) return;
  const requestId = `r${Date.now().toString(36)}${(counter++).toString(36)}`;
  const body = $<ValueElement>('body').value;
  const contentType = $<ValueElement>('content-type').value.trim();
  const accept = $<ValueElement>('accept').value.trim();
  current = { requestId, mode, stream: new StreamText(), raw: '' };
  $('error').hidden = true;
  $('meta').replaceChildren();
  $('output').replaceChildren(element(document, 'p', 'muted', mode === 'stream' ? 'Waiting for the first token…' : 'Waiting for the answer…'));
  $('waking-card').hidden = true;
  state.history = [
    ...(state.history ?? []),
    { requestId, mode, at: Date.now(), template: templateId(), body, contentType, accept, outcome: 'running' as const, summary: 'Running…' },
  ].slice(-20);
  renderHistory();
  save();
  setStateLine('Sending…');
  updateButtons();
  post({
    type: 'invoke',
    requestId,
    mode,
    body,
    contentType,
    accept,
    deadlineSeconds: Number($<ValueElement>('deadline').value) || defaultDeadlineSeconds,
    wakeNow: $<CheckElement>('wake-now').checked,
  });
}

function finishHistory(requestId: string, outcome: HistoryEntry['outcome'], summary: string): void {
  const entry = state.history?.find((candidate) => candidate.requestId === requestId);
  if (entry) {
    entry.outcome = outcome;
    entry.summary = summary;
  }
  renderHistory();
  save();
}

function renderHistory(): void {
  const list = $('history');
  const entries = [...(state.history ?? [])].reverse();
  if (entries.length === 0) {
    list.replaceChildren(element(document, 'li', 'muted', 'No requests yet in this session.'));
    return;
  }
  list.replaceChildren(
    ...entries.map((entry) => {
      const item = element(document, 'li', `history-item history-${entry.outcome}`);
      const time = new Date(entry.at);
      item.append(
        element(document, 'span', 'history-time', time.toLocaleTimeString()),
        element(document, 'span', 'history-mode', entry.mode === 'stream' ? 'Stream' : 'Invoke'),
        element(document, 'span', 'history-summary', entry.summary),
        element(document, 'span', 'history-body', entry.body.replace(/\s+/g, ' ').slice(0, 80)),
      );
      const rerun = document.createElement('vscode-button') as ButtonElement;
      rerun.setAttribute('secondary', '');
      rerun.textContent = 'Re-run';
      rerun.disabled = current !== undefined;
      rerun.addEventListener('click', () => send(entry.mode, entry));
      item.append(rerun);
      return item;
    }),
  );
}

function showResult(message: Extract<HostToPlayground, { type: 'result' }>): void {
  if (!current) return;
  current.body = message.body;
  const meta = $('meta');
  const chip = (label: string, value: string) => {
    const node = element(document, 'span', 'chip');
    node.append(element(document, 'span', 'chip-label', label), element(document, 'span', 'chip-value', value));
    return node;
  };
  meta.replaceChildren(
    chip('TTFB', formatDuration(message.ttfbMs)),
    chip('Total', formatDuration(message.totalMs)),
    ...(message.heldMs !== undefined ? [chip('Held (cold start)', formatDuration(message.heldMs))] : []),
    ...(message.invokedVariant ? [chip('Variant', message.invokedVariant)] : []),
    ...(message.contentType ? [chip('Type', message.contentType)] : []),
  );
  renderResponse();
}

function renderResponse(): void {
  if (!current) return;
  const output = $('output');
  const raw = current.mode === 'stream' ? current.raw : (current.body ?? '');
  if (view === 'json') {
    renderOutput(document, output, prettyJson(raw) ?? raw);
  } else {
    const text = current.mode === 'stream' ? current.stream.text : (generatedText(raw) ?? prettyJson(raw) ?? raw);
    renderOutput(document, output, text);
  }
  $('view-text').toggleAttribute('secondary', view !== 'text');
  $('view-json').toggleAttribute('secondary', view !== 'json');
}

let lastResult: typeof current;

function handle(message: HostToPlayground): void {
  switch (message.type) {
    case 'init':
      state.inferenceComponentName = message.inferenceComponentName;
      state.endpointName = message.endpointName;
      $('title').textContent = message.inferenceComponentName;
      $('endpoint').textContent = `endpoint ${message.endpointName}`;
      $('connection').textContent = message.connection;
      $<CheckElement>('wake-now').checked = message.wakeNow;
      renderDurations(document, $('durations'), message.durations);
      save();
      return;
    case 'status': {
      const badge = $('status');
      const desired = message.status.desiredCopies ?? 0;
      badge.textContent =
        message.status.currentCopies !== undefined
          ? `${message.status.label} · ${message.status.currentCopies}/${desired} ${desired === 1 ? 'copy' : 'copies'}`
          : message.status.label;
      badge.dataset.state = message.status.state;
      return;
    }
    case 'durations':
      renderDurations(document, $('durations'), message.durations);
      return;
    case 'chart':
      renderChart(document, $('chart'), message);
      return;
    default:
      break;
  }
  if (!current || message.requestId !== current.requestId) return;
  switch (message.type) {
    case 'started':
      setStateLine(message.mode === 'stream' ? 'Streaming…' : 'Waiting for the answer…');
      return;
    case 'chunk': {
      if (current.raw === '' && current.stream.text === '') $('output').replaceChildren();
      current.raw += message.text;
      const added = current.stream.push(message.text);
      if (view === 'text' && added) appendText($('output'), added);
      if (view === 'json') renderResponse();
      return;
    }
    case 'timeline':
      $('waking-card').hidden = false;
      renderTimeline(document, $('timeline'), message.timeline);
      if (!message.timeline.outcome) {
        setStateLine('Held while the component wakes…');
        // The badge follows the held request between the explorer's refreshes.
        const active = message.timeline.phases.find((phase) => phase.status === 'active');
        const badge = $('status');
        badge.textContent = `Waking · ${(active ? phaseLabels[active.id] : 'in progress').toLowerCase()}`;
        badge.dataset.state = 'waking';
      }
      return;
    case 'result':
      showResult(message);
      finishHistory(current.requestId, 'ok', `OK · ${formatDuration(message.totalMs)}${message.heldMs !== undefined ? ` · held ${formatDuration(message.heldMs)}` : ''}`);
      setStateLine('Done.');
      lastResult = current;
      current = undefined;
      updateButtons();
      renderHistory();
      post({ type: 'refresh' });
      return;
    case 'error': {
      const box = $('error');
      box.hidden = false;
      box.replaceChildren(element(document, 'strong', undefined, message.kind === 'cancelled' ? 'Cancelled' : message.kind === 'deadline' ? 'Deadline passed' : 'Request failed'));
      box.append(element(document, 'span', undefined, ` ${message.message}`));
      if (message.code) box.append(element(document, 'code', 'error-code', message.code));
      if ($('output').querySelector('p.muted')) $('output').replaceChildren();
      finishHistory(current.requestId, message.kind === 'cancelled' ? 'cancelled' : 'error', message.code ? `${message.kind} · ${message.code}` : message.kind);
      setStateLine('');
      current = undefined;
      updateButtons();
      renderHistory();
      return;
    }
  }
}

function start(): void {
  const app = $('app');
  app.innerHTML = skeleton; // static markup only: no data is interpolated
  app.removeAttribute('aria-busy');
  $('title').textContent = state.inferenceComponentName || 'Playground';
  $('endpoint').textContent = state.endpointName ? `endpoint ${state.endpointName}` : '';
  const select = $<ValueElement>('template');
  for (const template of templates) {
    const option = document.createElement('vscode-option') as HTMLElement & { value: string };
    option.setAttribute('value', template.id);
    option.textContent = template.label;
    select.append(option);
  }
  const chosen = templates.find((template) => template.id === state.template) ?? templates[0];
  select.value = chosen.id;
  $<ValueElement>('body').value = state.body ?? chosen.body;
  $<ValueElement>('content-type').value = state.contentType ?? chosen.contentType;
  $<ValueElement>('accept').value = state.accept ?? chosen.accept;
  $<ValueElement>('deadline').value = String(state.deadlineSeconds ?? defaultDeadlineSeconds);
  buildParameters();
  select.addEventListener('change', () => {
    const template = templates.find((candidate) => candidate.id === templateId()) ?? templates[0];
    $<ValueElement>('body').value = template.body;
    $<ValueElement>('content-type').value = template.contentType;
    $<ValueElement>('accept').value = template.accept;
    buildParameters();
    onEdit(false);
  });
  $('body').addEventListener('input', () => onEdit(true));
  for (const id of ['content-type', 'accept', 'deadline']) $(id).addEventListener('input', () => onEdit(false));
  $('wake-now').addEventListener('change', () => post({ type: 'setWakeNow', value: $<CheckElement>('wake-now').checked }));
  $('invoke').addEventListener('click', () => send('invoke'));
  $('stream').addEventListener('click', () => send('stream'));
  $('cancel').addEventListener('click', () => current && post({ type: 'cancel', requestId: current.requestId }));
  $('refresh').addEventListener('click', () => post({ type: 'refresh' }));
  const switchView = (next: 'text' | 'json') => {
    view = next;
    if (current) {
      renderResponse();
    } else if (lastResult) {
      current = lastResult;
      renderResponse();
      current = undefined;
    }
  };
  $('view-text').addEventListener('click', () => switchView('text'));
  $('view-json').addEventListener('click', () => switchView('json'));
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostToPlayground(event.data);
    if (message) handle(message);
  });
  // Requests still running when the page was hidden or reloaded are lost with it: mark them so.
  for (const entry of state.history ?? []) {
    if (entry.outcome !== 'running') continue;
    entry.outcome = 'cancelled';
    entry.summary = 'Interrupted';
  }
  renderHistory();
  onEdit(true);
  setInterval(() => {
    if (document.visibilityState === 'visible' && !current) post({ type: 'refresh' });
  }, 30_000);
  post({ type: 'ready' });
}

start();

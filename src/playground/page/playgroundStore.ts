/**
 * The playground page's one state object: the request being written, the latest exchange with the
 * host, the component's status, durations, chart and history. The host's messages and the user's
 * edits update it; the components read it and re-render when it tells them it changed. No DOM here.
 */
import {
  type ChartSeries,
  defaultDeadlineSeconds,
  type DurationsView,
  type ErrorMessage,
  type HostToPlayground,
  type InvokeMode,
  type PlaygroundToHost,
  type RequestSnapshot,
  type ResultMessage,
  type Timeline,
} from '../protocol';
import { formatDuration, type ParameterField, parameterFields, readParameter, StreamText, type TemplateId, templates, validateParameter, validateRequest, writeParameter } from './format';
import { type HistoryEntry, keptHistory, type SavedPage } from './savedPage';
import { type CodeChoice, codeChoices } from './codeChoices';
import { wakingBadge } from './wakingPhase';

/** The part of the webview API (`acquireVsCodeApi()`) the page uses. */
export interface VsCodeApi {
  postMessage(message: PlaygroundToHost): void;
  getState(): unknown;
  setState(state: SavedPage): void;
}

export type ChartView = { from: number; to: number; series: ChartSeries[]; note?: string };
type ParameterKey = ParameterField['key'];

/** One request and what came back for it. */
export interface Exchange {
  requestId: string;
  mode: InvokeMode;
  stream: StreamText;
  /** The streamed payload as it arrived. */
  raw: string;
  /** True once a chunk arrived (the waiting line gives way to the answer). */
  streaming: boolean;
  timeline?: Timeline;
  result?: ResultMessage;
  error?: ErrorMessage;
}

export interface RequestDraft {
  template: TemplateId;
  body: string;
  contentType: string;
  accept: string;
  /** As typed: checked, not coerced. */
  deadline: string;
  /** The parameter fields as typed (a wrong value stays in its field and is not written to the body). */
  parameters: Record<ParameterKey, string>;
  wakeNow: boolean;
}

export class PlaygroundStore {
  readonly request: RequestDraft;
  title: string;
  endpointText: string;
  connection = '';
  /** The component's status as the host last read it. */
  componentStatus: { text: string; state?: string } = { text: '…' };
  /** Set while the host says the component is gone: the sentence to show (Invoke and Wake are off). */
  gone: string | undefined;
  /** Set while the host could not read the component's status (not a claim that it is gone). */
  readProblem: string | undefined;
  durations: DurationsView | undefined;
  chart: ChartView | undefined;
  history: HistoryEntry[];
  /** The latest exchange: running while `running` is true, then kept on screen until the next one. */
  exchange: Exchange | undefined;
  running = false;
  stateLine = '';
  view: 'text' | 'json' = 'text';
  /** Copy as Code's chosen language (and whether the client streams). */
  codeChoice: CodeChoice = codeChoices[0];
  /** Whether the view buttons show the chosen view (once a response is on screen). */
  viewShown = false;
  private readonly saved: SavedPage;
  private readonly listeners = new Set<() => void>();
  private counter = 0;
  /**
   * Requests the page showed as running before it was rebuilt (a hidden tab's page is destroyed):
   * they still run in the host until its `requests` answer says where they stand.
   */
  private reattaching: string[];

  constructor(
    private readonly vscode: VsCodeApi,
    saved: SavedPage,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.saved = { ...saved };
    this.history = saved.history ?? [];
    this.title = saved.inferenceComponentName || 'Playground';
    this.endpointText = saved.endpointName ? `endpoint ${saved.endpointName}` : '';
    const chosen = templates.find((template) => template.id === saved.template) ?? templates[0];
    const body = saved.body ?? chosen.body;
    this.request = {
      template: chosen.id,
      body,
      contentType: saved.contentType ?? chosen.contentType,
      accept: saved.accept ?? chosen.accept,
      deadline: String(saved.deadlineSeconds ?? defaultDeadlineSeconds),
      parameters: this.parametersOf(chosen.id, body),
      wakeNow: false,
    };
    this.reattaching = this.history.filter((entry) => entry.outcome === 'running').map((entry) => entry.requestId);
    const last = this.history.filter((entry) => entry.outcome === 'running').at(-1);
    if (last) {
      // Shown as running (no new request meanwhile) until the host answers `ready`.
      this.exchange = newExchange(last.requestId, last.mode);
      this.running = true;
      this.stateLine = 'Reconnecting to the running request…';
    }
    this.remember();
  }

  /** Tells the host the page is (re)loaded, naming the requests it was showing as running. */
  ready(): void {
    this.post(this.reattaching.length > 0 ? { type: 'ready', pending: [...this.reattaching] } : { type: 'ready' });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- what the page shows, derived ----

  /**
   * The header's badge, from one source at a time: gone first; while a request is held, its timeline
   * (the same phase the waking card shows); otherwise the component's status, or that it could not be read.
   */
  get status(): { text: string; state?: string } {
    if (this.gone !== undefined) return { text: 'Gone', state: 'gone' };
    const timeline = this.running ? this.exchange?.timeline : undefined;
    if (timeline && !timeline.outcome) return { text: wakingBadge(timeline), state: 'waking' };
    if (this.readProblem !== undefined) return { text: 'Status unknown', state: 'unknown' };
    return this.componentStatus;
  }

  /** Whether the component can be called (Invoke, Stream, Re-run, Wake now): not once it is gone. */
  get callable(): boolean {
    return this.gone === undefined;
  }

  /** Problems that keep the request from being sent, in plain words. */
  get problems(): string[] {
    const { template, body, contentType, accept, deadline, parameters } = this.request;
    const found = validateRequest(template, body, contentType.trim(), accept.trim(), deadline.trim());
    if (template === 'raw') return found;
    for (const field of parameterFields) {
      const problem = validateParameter(field, parameters[field.key]);
      if (problem && !found.includes(problem)) found.push(problem);
    }
    return found;
  }

  parameterInvalid(field: ParameterField): boolean {
    return validateParameter(field, this.request.parameters[field.key]) !== undefined;
  }

  // ---- the user's edits ----

  chooseTemplate(id: string): void {
    const template = templates.find((candidate) => candidate.id === id) ?? templates[0];
    Object.assign(this.request, { template: template.id, body: template.body, contentType: template.contentType, accept: template.accept });
    this.request.parameters = this.parametersOf(template.id, template.body);
    this.edited();
  }

  editBody(body: string): void {
    this.request.body = body;
    this.request.parameters = this.parametersOf(this.request.template, body);
    this.edited();
  }

  editField(field: 'contentType' | 'accept' | 'deadline', text: string): void {
    this.request[field] = text;
    this.edited();
  }

  /** A parameter field: written into the body when valid, kept as typed (and flagged) when not. */
  editParameter(key: ParameterKey, text: string): void {
    this.request.parameters = { ...this.request.parameters, [key]: text };
    const field = parameterFields.find((candidate) => candidate.key === key);
    if (field && !validateParameter(field, text)) this.request.body = writeParameter(this.request.template, this.request.body, key, text);
    this.edited();
  }

  setWakeNow(value: boolean): void {
    this.request.wakeNow = value;
    this.post({ type: 'setWakeNow', value });
    this.changed();
  }

  setView(view: 'text' | 'json'): void {
    this.view = view;
    if (this.exchange) this.viewShown = true;
    this.changed();
  }

  refresh(): void {
    this.post({ type: 'refresh' });
  }

  /** Asks the host to close the playground (offered once the component is gone). */
  close(): void {
    this.post({ type: 'close' });
  }

  /** Asks the host for the explained cold start of the wake the shown timeline waited for. */
  explainColdStart(): void {
    const timeline = this.exchange?.timeline;
    if (timeline) this.post({ type: 'explainColdStart', startedAt: timeline.startedAt });
  }

  chooseCode(id: string): void {
    this.codeChoice = codeChoices.find((choice) => choice.id === id) ?? codeChoices[0];
    this.changed();
  }

  /** Asks the host for the request as written, as a client in the chosen language; not while it has problems. */
  copyAsCode(): void {
    if (this.problems.length > 0) return;
    const { language, mode } = this.codeChoice;
    const { body, wakeNow } = this.request;
    const deadlineSeconds = Number(this.request.deadline) || defaultDeadlineSeconds;
    this.post({ type: 'copyAsCode', language, mode, body, contentType: this.request.contentType.trim(), accept: this.request.accept.trim(), deadlineSeconds, wakeNow });
  }

  cancel(): void {
    if (this.running && this.exchange) this.post({ type: 'cancel', requestId: this.exchange.requestId });
  }

  /** Sends the request (or a history entry's again); does nothing while one runs or while it has problems. */
  send(mode: InvokeMode, replay?: HistoryEntry): void {
    if (this.running || !this.callable) return;
    if (replay) {
      Object.assign(this.request, { template: replay.template, body: replay.body, contentType: replay.contentType, accept: replay.accept });
      this.request.parameters = this.parametersOf(replay.template, replay.body);
      this.edited();
    }
    if (this.problems.length > 0) return;
    // Unique, not shown: the history shows when the host started it, on the account's clock.
    const requestId = `r${this.now().toString(36)}${(this.counter++).toString(36)}`;
    const { template, body, wakeNow } = this.request;
    const contentType = this.request.contentType.trim();
    const accept = this.request.accept.trim();
    this.exchange = newExchange(requestId, mode);
    this.running = true;
    this.history = [...this.history, { requestId, mode, template, body, contentType, accept, outcome: 'running' as const, summary: 'Running…' }].slice(-keptHistory);
    this.stateLine = 'Sending…';
    this.save();
    this.changed();
    this.post({ type: 'invoke', requestId, mode, body, contentType, accept, deadlineSeconds: Number(this.request.deadline) || defaultDeadlineSeconds, wakeNow });
  }

  // ---- the host's messages ----

  receive(message: HostToPlayground): void {
    switch (message.type) {
      case 'init':
        this.saved.inferenceComponentName = message.inferenceComponentName;
        this.saved.endpointName = message.endpointName;
        this.title = message.inferenceComponentName;
        this.endpointText = `endpoint ${message.endpointName}`;
        this.connection = message.connection;
        this.request.wakeNow = message.wakeNow;
        this.durations = message.durations;
        this.save();
        break;
      case 'status': {
        const desired = message.status.desiredCopies ?? 0;
        const copies = message.status.currentCopies !== undefined ? ` · ${message.status.currentCopies}/${desired} ${desired === 1 ? 'copy' : 'copies'}` : '';
        this.componentStatus = { text: `${message.status.label}${copies}`, state: message.status.state };
        // Read, so it exists: back (recreated under the same name) if it was gone.
        this.gone = undefined;
        this.readProblem = undefined;
        break;
      }
      case 'componentGone':
        this.gone = message.message;
        this.readProblem = undefined;
        break;
      case 'statusUnreadable':
        this.readProblem = message.message;
        break;
      case 'durations':
        this.durations = message.durations;
        break;
      case 'chart':
        this.chart = { from: message.from, to: message.to, series: message.series, note: message.note };
        break;
      case 'requests':
        this.reattach(message.requests);
        break;
      default:
        if (!this.running || message.requestId !== this.exchange?.requestId) return;
        this.receiveForRequest(message, this.exchange);
    }
    this.changed();
  }

  private receiveForRequest(message: Extract<HostToPlayground, { requestId: string }>, exchange: Exchange): void {
    switch (message.type) {
      case 'started':
        this.stateLine = message.mode === 'stream' ? 'Streaming…' : 'Waiting for the answer…';
        this.setStartedAt(message.requestId, message.at);
        return;
      case 'chunk':
        exchange.streaming = true;
        exchange.raw += message.text;
        exchange.stream.push(message.text);
        if (this.view === 'json') this.viewShown = true;
        return;
      case 'timeline':
        // The header's badge follows it too (see `status`): both read the same phase.
        exchange.timeline = message.timeline;
        if (message.timeline.outcome) return;
        this.stateLine = 'Held while the component wakes…';
        return;
      case 'result':
        // A stream that ended while the page was away: its text comes whole, with the result.
        if (exchange.mode === 'stream' && !exchange.streaming && message.body !== '') {
          exchange.streaming = true;
          exchange.raw = message.body;
          exchange.stream.push(message.body);
        }
        exchange.result = message;
        this.viewShown = true;
        this.finish('ok', summaryOf(message), 'Done.');
        this.post({ type: 'refresh' });
        return;
      case 'error':
        exchange.error = message;
        if (message.at !== undefined) this.setStartedAt(message.requestId, message.at);
        this.finish(outcomeOf(message), summaryOf(message), '');
        return;
    }
  }

  /** When the host started (or refused) a request, on the account's clock: the time its history entry shows. */
  private setStartedAt(requestId: string, at: number): void {
    this.history = this.history.map((entry) => (entry.requestId === requestId && entry.at === undefined ? { ...entry, at } : entry));
    this.save();
  }

  /**
   * The host's answer to `ready`: the requests the page showed as running pick up where they stand
   * (timeline, streamed text, or the answer that came while the page was away); one the host no longer
   * has is marked interrupted. The page shows one request at a time: any other one still running is
   * cancelled, so it does not hold one of the host's few slots with nobody watching.
   */
  private reattach(snapshots: RequestSnapshot[]): void {
    const waiting = this.reattaching;
    this.reattaching = [];
    const shown = waiting.at(-1);
    const known = new Map(snapshots.map((snapshot) => [snapshot.requestId, snapshot]));
    for (const snapshot of snapshots) {
      if (!snapshot.outcome && snapshot.requestId !== shown && snapshot.requestId !== (this.running ? this.exchange?.requestId : undefined)) {
        this.post({ type: 'cancel', requestId: snapshot.requestId });
        if (waiting.includes(snapshot.requestId)) this.setOutcome(snapshot.requestId, 'cancelled', 'Cancelled: the page shows one request at a time');
      }
    }
    for (const requestId of waiting) {
      if (requestId === shown) continue;
      const outcome = known.get(requestId)?.outcome;
      if (outcome) this.setOutcome(requestId, outcomeOf(outcome), summaryOf(outcome));
      else if (!known.has(requestId)) this.setOutcome(requestId, 'cancelled', 'Interrupted');
    }
    if (shown === undefined || this.exchange?.requestId !== shown) {
      this.save();
      return;
    }
    const snapshot = known.get(shown);
    if (!snapshot) {
      this.finish('cancelled', 'Interrupted', 'The request was lost when the window reloaded: send it again.');
      this.exchange = undefined;
      return;
    }
    const exchange = newExchange(shown, this.exchange.mode);
    this.exchange = exchange;
    this.stateLine = snapshot.mode === 'stream' ? 'Streaming…' : 'Waiting for the answer…';
    if (snapshot.timeline) this.receiveForRequest({ type: 'timeline', requestId: shown, timeline: snapshot.timeline }, exchange);
    if (snapshot.streamed) this.receiveForRequest({ type: 'chunk', requestId: shown, text: snapshot.streamed }, exchange);
    if (snapshot.outcome) this.receiveForRequest(snapshot.outcome, exchange);
    this.save();
  }

  private setOutcome(requestId: string, outcome: HistoryEntry['outcome'], summary: string): void {
    this.history = this.history.map((entry) => (entry.requestId === requestId ? { ...entry, outcome, summary } : entry));
  }

  private finish(outcome: HistoryEntry['outcome'], summary: string, stateLine: string): void {
    const requestId = this.exchange?.requestId;
    this.history = this.history.map((entry) => (entry.requestId === requestId ? { ...entry, outcome, summary } : entry));
    this.stateLine = stateLine;
    this.running = false;
    this.save();
  }

  // ---- plumbing ----

  private parametersOf(template: TemplateId, body: string): Record<ParameterKey, string> {
    return { maxTokens: readParameter(template, body, 'maxTokens'), temperature: readParameter(template, body, 'temperature') };
  }

  private edited(): void {
    this.remember();
    this.changed();
  }

  /** Saves the request as written, so a reload brings it back. */
  private remember(): void {
    const deadline = Number(this.request.deadline);
    Object.assign(this.saved, { template: this.request.template, body: this.request.body, contentType: this.request.contentType, accept: this.request.accept });
    if (Number.isFinite(deadline)) this.saved.deadlineSeconds = deadline;
    this.save();
  }

  private save(): void {
    const { inferenceComponentName, endpointName, template, body, contentType, accept, deadlineSeconds } = this.saved;
    this.vscode.setState({ inferenceComponentName, endpointName, template, body, contentType, accept, deadlineSeconds, history: this.history.slice(-keptHistory) });
  }

  private post(message: PlaygroundToHost): void {
    this.vscode.postMessage(message);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function newExchange(requestId: string, mode: InvokeMode): Exchange {
  return { requestId, mode, stream: new StreamText(), raw: '', streaming: false };
}

function outcomeOf(message: ResultMessage | ErrorMessage): HistoryEntry['outcome'] {
  if (message.type === 'result') return 'ok';
  return message.kind === 'cancelled' ? 'cancelled' : 'error';
}

/** The history's line for a request that ended. */
function summaryOf(message: ResultMessage | ErrorMessage): string {
  if (message.type === 'error') {
    const kind = message.kind === 'gone' ? 'component gone' : message.kind;
    return message.code ? `${kind} · ${message.code}` : kind;
  }
  const held = message.heldMs !== undefined ? ` · held ${formatDuration(message.heldMs)}` : '';
  return `OK · ${formatDuration(message.totalMs)}${held}${message.truncatedAtBytes !== undefined ? ' · cut short' : ''}`;
}

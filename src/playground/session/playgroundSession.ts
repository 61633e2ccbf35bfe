/**
 * The playground host's message handling, free of `vscode` so plain Node tests drive it: every
 * message from the page is validated (unknown or malformed ones are dropped), each request has its
 * id, its AbortController and its own held request through a cold start.
 */
import { isNotFound } from '../../aws/awsErrorCodes';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { type ColdStartClock } from '../coldStart/clock';
import { HeldRequestFailed, type HeldResult, HeldRequestStopped, sendHeld, TargetGone } from '../coldStart/heldRequest';
import { type ColdStartDurations, durationsOf, summarizeDurations } from '../coldStart/phases';
import { blogReferenceMs } from '../../resources/coldStartReference';
import { type CapacityProbe } from '../coldStart/probe';
import { describeError, type Logger } from '../../logging/logger';
import {
  type ChartSeries,
  type ComponentStatus,
  type CopyAsCodeRequest,
  type DurationsView,
  type ErrorKind,
  type ErrorMessage,
  type HostToPlayground,
  type InvokeRequest,
  maxResponseBytes,
  parsePlaygroundToHost,
  type RequestSnapshot,
  type ResultMessage,
  type Timeline,
  utf8Length,
} from '../protocol';

export interface RuntimeInput {
  body: string;
  contentType: string;
  accept: string;
  /** The most of the answer to read, in bytes: an invoked body is cut there, a stream stops being read. */
  maxResponseBytes: number;
}

export interface RuntimeAnswer {
  body: string;
  contentType?: string;
  invokedVariant?: string;
  /** Present when the answer was longer than `maxResponseBytes`: the body holds its first bytes only. */
  truncatedAtBytes?: number;
}

/** The SageMaker runtime for one inference component. */
export interface PlaygroundRuntime {
  invoke(input: RuntimeInput, signal: AbortSignal): Promise<RuntimeAnswer>;
  /** Calls `onChunk` with each payload part's text as it arrives. */
  stream(input: RuntimeInput, signal: AbortSignal, onChunk: (text: string) => void): Promise<RuntimeAnswer>;
}

/** Why the component can no longer be called. */
export type GoneReason = 'componentDeleted' | 'componentDeleting' | 'endpointDeleted' | 'endpointDeleting';

/**
 * One read of the component: there (with its status), gone (SageMaker said it, or its endpoint, is
 * not found or being deleted), or unreadable (the read itself failed: network, credentials... which
 * says nothing about whether it exists).
 */
export type ComponentReading =
  | { presence: 'present'; status: ComponentStatus }
  | { presence: 'gone'; why: GoneReason }
  | { presence: 'unreadable'; message: string; code?: string };

/** The plain sentence the page shows once the component is gone. */
export function goneMessage(component: string, endpointName: string, why: GoneReason): string {
  switch (why) {
    case 'componentDeleted':
      return `${component} no longer exists: it was deleted (or its endpoint was).`;
    case 'componentDeleting':
      return `${component} is being deleted: it can no longer answer requests.`;
    case 'endpointDeleted':
      return `${component} no longer exists: its endpoint ${endpointName} was deleted.`;
    case 'endpointDeleting':
      return `${component} can no longer answer requests: its endpoint ${endpointName} is being deleted.`;
  }
}

/** What the session needs from the active connection. */
export interface SessionConnection {
  label: string;
  runtime: PlaygroundRuntime;
  probe(): CapacityProbe;
  clock: ColdStartClock;
  recordRejection(at: number): void;
  /**
   * Reads the component; never rejects (a failed read is `unreadable`). `fresh`: from the service
   * itself, not from what the explorer last read (after a call answered "not found").
   */
  status(options?: { fresh?: boolean }): Promise<ComponentReading>;
  chart(): Promise<{ from: number; to: number; series: ChartSeries[]; note?: string }>;
  /** The emulator's URL, to name it in error messages. */
  endpointUrl?: string;
}

/** A Memento (globalState) or anything with the same two methods. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface SessionDeps {
  component: string;
  endpointName: string;
  post(message: HostToPlayground): void;
  connection(): SessionConnection | undefined;
  store: KeyValueStore;
  logger: Logger;
  /** Closes the playground (the page's Close button, offered once the component is gone). */
  close?(): void;
  /** Opens the explained cold start of the wake that began at `startedAt` (the timeline's button). */
  explainColdStart?(startedAt: number): void;
  /** Copy as Code: writes the page's request as a client and hands it to the user (the host opens and copies it). */
  copyAsCode?(request: CopyAsCodeRequest): void;
  /** Real time for latencies (ms). */
  now?: () => number;
  /** The most of one response kept and passed on, in bytes (default `maxResponseBytes`, 4 MiB). */
  maxResponseBytes?: number;
}

export const maxConcurrentRequests = 4;
/** Requests that ended while the page was away, kept until it comes back for them (each within the response limit). */
export const keptEndedRequests = maxConcurrentRequests;
const keptColdStarts = 20;
/** The longest cold-start figure read back from globalState, and the latest date (what `Date` can hold). */
const maxColdStartMs = 24 * 60 * 60 * 1000;
const maxEpochMs = 8.64e15;
export const wakeNowKey = 'playground.wakeNow';
export const coldStartsKey = (component: string) => `playground.coldStarts.${component}`;

type InvokeFailure = ErrorKind;

/** A request the host runs: what the page needs to pick it up again after it was rebuilt. */
interface Tracked {
  requestId: string;
  mode: InvokeRequest['mode'];
  controller: AbortController;
  /** The streamed text so far, within the response limit. */
  streamed: string;
  timeline?: Timeline;
}

/** The page's message for a component that is gone: the sentence it shows. */
type GoneNotice = Extract<HostToPlayground, { type: 'componentGone' }>;

/** The longest start of `text` whose UTF-8 encoding fits in `maxBytes` (never splits a surrogate pair). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || utf8Length(text) <= maxBytes) return text;
  let low = 0;
  let high = Math.min(text.length, maxBytes);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (utf8Length(text.slice(0, middle)) <= maxBytes) low = middle;
    else high = middle - 1;
  }
  const code = text.charCodeAt(low - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, low - 1) : text.slice(0, low);
}

/** One runtime call as the held request repeats it, with the latencies of its last attempt. */
interface TimedCall {
  send(signal: AbortSignal): Promise<RuntimeAnswer>;
  /** When the last attempt's first streamed part arrived, on the account's clock (undefined for invoke). */
  firstByteAccount(): number | undefined;
  /** Time to first byte and total time of the last attempt, ending at `end`. */
  latencies(end: number): { ttfbMs: number; totalMs: number };
}

export class PlaygroundSession {
  private readonly running = new Map<string, Tracked>();
  /** Requests that ended (their last message and final timeline), oldest first, until a reloaded page asks for them. */
  private readonly ended = new Map<string, RequestSnapshot>();
  private disposed = false;
  /** Set while the latest read found the component gone: what the page was told. */
  private gone: GoneNotice | undefined;
  /** Status reads started so far: only the latest one's answer is shown. */
  private statusReads = 0;
  private readonly now: () => number;
  private readonly maxResponseBytes: number;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.maxResponseBytes = deps.maxResponseBytes ?? maxResponseBytes;
  }

  /** Handles one message from the page. Never throws; unknown and malformed messages are dropped. */
  handle(raw: unknown): void {
    if (this.disposed) return;
    const message = parsePlaygroundToHost(raw);
    if (!message) {
      this.deps.logger.debug('Playground: dropped a message the host does not understand.');
      return;
    }
    try {
      switch (message.type) {
        case 'ready':
          this.sendInit();
          this.sendRequests(message.pending ?? []);
          void this.refresh();
          return;
        case 'refresh':
          void this.refresh();
          return;
        case 'close':
          this.deps.close?.();
          return;
        case 'explainColdStart':
          this.deps.explainColdStart?.(message.startedAt);
          return;
        case 'setWakeNow':
          void Promise.resolve(this.deps.store.update(wakeNowKey, message.value)).then(undefined, (error: unknown) =>
            this.deps.logger.warn(`Playground: could not remember Wake now: ${describeError(error)}`),
          );
          return;
        case 'cancel':
          this.running.get(message.requestId)?.controller.abort();
          this.ended.delete(message.requestId);
          return;
        case 'invoke':
          void this.invoke(message);
          return;
        case 'copyAsCode':
          this.deps.copyAsCode?.(message);
          return;
      }
    } catch (error) {
      this.deps.logger.error('Playground: message handling failed', error);
    }
  }

  get activeRequests(): number {
    return this.running.size;
  }

  /** How many ended requests' last messages the session keeps for a page that may come back for them. */
  get keptEndedRequests(): number {
    return this.ended.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const tracked of this.running.values()) tracked.controller.abort();
    this.running.clear();
    this.ended.clear();
  }

  /**
   * Tells a (re)loaded page where its requests stand: every running request, with its timeline and
   * streamed text so far, and the pending ones that ended while it was away (then forgotten here).
   */
  private sendRequests(pending: readonly string[]): void {
    const requests: RequestSnapshot[] = [...this.running.values()].map(({ requestId, mode, streamed, timeline }) => ({
      requestId,
      mode,
      streamed,
      ...(timeline ? { timeline } : {}),
    }));
    for (const requestId of pending) {
      const snapshot = this.ended.get(requestId);
      if (!snapshot || this.running.has(requestId)) continue;
      requests.push(snapshot);
      this.ended.delete(requestId);
    }
    this.post({ type: 'requests', requests });
  }

  /** Posts a request's last message and keeps it, with the final timeline (the newest few), for a page that was away. */
  private end(mode: InvokeRequest['mode'], message: ResultMessage | ErrorMessage, timeline?: Timeline): void {
    this.ended.delete(message.requestId);
    this.ended.set(message.requestId, { requestId: message.requestId, mode, streamed: '', ...(timeline ? { timeline } : {}), outcome: message });
    while (this.ended.size > keptEndedRequests) this.ended.delete(this.ended.keys().next().value!);
    this.post(message);
  }

  private post(message: HostToPlayground): void {
    if (this.disposed) return;
    try {
      this.deps.post(message);
    } catch (error) {
      this.deps.logger.debug(`Playground: could not post to the page (${describeError(error)}).`);
    }
  }

  private sendInit(): void {
    this.post({
      type: 'init',
      inferenceComponentName: this.deps.component,
      endpointName: this.deps.endpointName,
      connection: this.deps.connection()?.label ?? 'Not connected',
      wakeNow: this.deps.store.get<boolean>(wakeNowKey) === true,
      durations: this.durations(),
    });
  }

  /** Posts the component's status and the chart; failures are logged, not shown as request errors. */
  async refresh(): Promise<void> {
    const connection = this.deps.connection();
    if (!connection) {
      this.post({ type: 'status', status: { label: 'Not connected', state: 'disconnected' } });
      return;
    }
    await Promise.all([
      this.refreshStatus(),
      connection.chart().then(
        (chart) => this.post({ type: 'chart', ...chart }),
        (error: unknown) => this.deps.logger.warn(`Playground: metrics of ${this.deps.component}: ${describeError(error)}`),
      ),
    ]);
  }

  /**
   * Reads the component and tells the page where it stands. Once it is gone the page says so and
   * offers to close, and every request still running (held through a cold start) ends now with that
   * sentence; when it is back (recreated under the same name) the page is usable again. A failed read
   * is shown as such, never as a deletion.
   */
  async refreshStatus(options: { fresh?: boolean } = {}): Promise<void> {
    const connection = this.deps.connection();
    if (!connection) return;
    const read = ++this.statusReads;
    let reading: ComponentReading;
    try {
      reading = await connection.status(options);
    } catch (error) {
      reading = { presence: 'unreadable', message: describeError(error) };
    }
    // Reads overlap (the page's refresh, the explorer's): an older one answering late says nothing new.
    if (read !== this.statusReads) return;
    this.apply(reading);
  }

  private apply(reading: ComponentReading): void {
    if (this.disposed) return;
    switch (reading.presence) {
      case 'present':
        if (this.gone) this.deps.logger.info(`Playground: ${this.deps.component} is back.`);
        this.gone = undefined;
        this.post({ type: 'status', status: reading.status });
        return;
      case 'gone': {
        const notice: GoneNotice = { type: 'componentGone', message: goneMessage(this.deps.component, this.deps.endpointName, reading.why) };
        if (this.gone?.message !== notice.message) this.deps.logger.info(`Playground: ${notice.message}`);
        this.gone = notice;
        this.post(notice);
        for (const tracked of this.running.values()) tracked.controller.abort(new TargetGone(notice.message));
        return;
      }
      case 'unreadable':
        this.deps.logger.warn(`Playground: status of ${this.deps.component}: ${reading.message}`);
        this.post({ type: 'statusUnreadable', message: reading.message });
        return;
    }
  }

  history(): ColdStartDurations[] {
    const stored = this.deps.store.get<unknown>(coldStartsKey(this.deps.component));
    if (!Array.isArray(stored)) return [];
    // globalState may hold anything (an older version, a hand edit, a corrupted file): keep only
    // well-formed entries, and of those only the figures a cold start can have (a held request gives
    // up within an hour of account time; a day is far beyond any).
    const figure = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= maxColdStartMs;
    const kept: ColdStartDurations[] = [];
    for (const entry of stored.slice(-keptColdStarts * 5)) {
      if (typeof entry !== 'object' || entry === null) continue;
      const record = entry as Record<string, unknown>;
      if (!figure(record.totalMs) || typeof record.at !== 'number' || !Number.isFinite(record.at) || record.at < 0 || record.at > maxEpochMs) continue;
      const durations: ColdStartDurations = { at: record.at, wakeNow: record.wakeNow === true, totalMs: record.totalMs };
      if (figure(record.alarmMs)) durations.alarmMs = record.alarmMs;
      if (figure(record.instanceMs)) durations.instanceMs = record.instanceMs;
      if (figure(record.copyMs)) durations.copyMs = record.copyMs;
      kept.push(durations);
    }
    return kept;
  }

  durations(): DurationsView {
    const summary = summarizeDurations(this.history());
    return { count: summary.count, last: summary.last, median: summary.median, reference: { ...blogReferenceMs } };
  }

  private async invoke(request: InvokeRequest): Promise<void> {
    const { requestId } = request;
    if (this.running.has(requestId)) return;
    const tracked: Tracked = { requestId, mode: request.mode, controller: new AbortController(), streamed: '' };
    const fail = (kind: InvokeFailure, message: string, code?: string) =>
      this.end(request.mode, { type: 'error', requestId, kind, message, ...(code ? { code } : {}) }, tracked.timeline);
    const connection = this.deps.connection();
    // A request refused before it runs is answered at once, to the page that just sent it: not kept
    // for a page that comes back (it would push out the answer to one that ran).
    const refuse = (kind: InvokeFailure, message: string) =>
      this.post({ type: 'error', requestId, kind, message, ...(connection ? { at: connection.clock.now() } : {}) });
    if (this.gone) {
      refuse('gone', this.gone.message);
      return;
    }
    const refusal = this.refusal(request);
    if (refusal) {
      refuse('invalid', refusal);
      return;
    }
    if (!connection) {
      refuse('notConnected', 'Not connected: start the local emulator or connect to AWS first.');
      return;
    }
    this.running.set(requestId, tracked);
    this.post({ type: 'started', requestId, mode: request.mode, at: connection.clock.now() });
    const call = this.timedCall(request, connection, tracked);
    const median = summarizeDurations(this.history()).median;
    let result: HeldResult<RuntimeAnswer>;
    try {
      result = await sendHeld({
        component: this.deps.component,
        send: call.send,
        probe: connection.probe(),
        clock: connection.clock,
        deadlineMs: request.deadlineSeconds * 1000,
        wakeNow: request.wakeNow,
        signal: tracked.controller.signal,
        firstByteAt: call.firstByteAccount,
        expected: { alarmMs: median.alarmMs, instanceMs: median.instanceMs, copyMs: median.copyMs },
        onRejected: (at) => this.recordRejection(connection, at),
        onTimeline: (timeline) => {
          tracked.timeline = timeline;
          this.post({ type: 'timeline', requestId, timeline });
        },
      });
    } catch (error) {
      // The slot is free before the page hears of the end, so it may send the next request at once.
      this.running.delete(requestId);
      await this.reportFailure(request, connection, error, fail, tracked);
      return;
    }
    this.running.delete(requestId);
    await this.reportAnswer(request, call, result);
  }

  /** Why a request is refused before it is sent (too many running, a JSON body that does not parse), if it is. */
  private refusal(request: InvokeRequest): string | undefined {
    if (this.running.size >= maxConcurrentRequests) return `At most ${maxConcurrentRequests} requests run at once; cancel one first.`;
    if (/json/i.test(request.contentType)) {
      try {
        JSON.parse(request.body);
      } catch (error) {
        return `The body is not valid JSON (${error instanceof Error ? error.message.slice(0, 200) : 'parse error'}).`;
      }
    }
    return undefined;
  }

  /**
   * The runtime call the held request repeats, timed per attempt: each `send` restarts the clock.
   * Streamed parts go to the page as they arrive, and are kept for a page that reloads, up to the
   * response size limit.
   */
  private timedCall(request: InvokeRequest, connection: SessionConnection, tracked: Tracked): TimedCall {
    const limit = this.maxResponseBytes;
    const input: RuntimeInput = { body: request.body, contentType: request.contentType, accept: request.accept, maxResponseBytes: limit };
    let attemptStart = 0;
    let firstByte: number | undefined;
    let firstByteAccount: number | undefined;
    let sent = 0;
    const send = async (signal: AbortSignal): Promise<RuntimeAnswer> => {
      attemptStart = this.now();
      firstByte = undefined;
      firstByteAccount = undefined;
      if (request.mode === 'invoke') {
        const answer = await connection.runtime.invoke(input, signal);
        firstByte = this.now();
        return answer;
      }
      return connection.runtime.stream(input, signal, (text) => {
        if (firstByte === undefined) {
          firstByte = this.now();
          firstByteAccount = connection.clock.now();
        }
        if (sent >= limit) return;
        const part = truncateUtf8(text, limit - sent);
        sent += utf8Length(part);
        if (!part) return;
        tracked.streamed += part;
        this.post({ type: 'chunk', requestId: request.requestId, text: part });
      });
    };
    return {
      send,
      firstByteAccount: () => firstByteAccount,
      latencies: (end) => ({ ttfbMs: (firstByte ?? end) - attemptStart, totalMs: end - attemptStart }),
    };
  }

  /** Tells the explorer the request was refused for lack of capacity; a failure there only gets logged. */
  private recordRejection(connection: SessionConnection, at: number): void {
    try {
      connection.recordRejection(at);
    } catch (error) {
      this.deps.logger.debug(`Playground: could not record the rejection (${describeError(error)}).`);
    }
  }

  /** Posts the answer with its latencies, and keeps the cold start's durations if it went through one. */
  private async reportAnswer(request: InvokeRequest, call: TimedCall, result: HeldResult<RuntimeAnswer>): Promise<void> {
    const end = this.now();
    const answer = result.value;
    const body = truncateUtf8(answer.body, this.maxResponseBytes);
    const truncatedAtBytes = answer.truncatedAtBytes ?? (body.length < answer.body.length ? utf8Length(body) : undefined);
    this.end(request.mode, {
      type: 'result',
      requestId: request.requestId,
      body,
      contentType: answer.contentType,
      invokedVariant: answer.invokedVariant,
      ...call.latencies(end),
      heldMs: result.timeline ? durationsOf(result.timeline)?.totalMs : undefined,
      streamed: request.mode === 'stream',
      ...(truncatedAtBytes !== undefined ? { truncatedAtBytes } : {}),
    }, result.timeline ? structuredClone(result.timeline) : undefined);
    if (result.timeline) await this.remember(result.timeline);
  }

  /**
   * A stopped held request (deadline, cancel, component gone) as itself; a "not found" as the plain
   * sentence once a read confirms the component (or its endpoint) is gone; anything else as the
   * service's error, in words.
   */
  private async reportFailure(
    request: InvokeRequest,
    connection: SessionConnection,
    error: unknown,
    fail: (kind: InvokeFailure, message: string, code?: string) => void,
    tracked: Tracked,
  ): Promise<void> {
    if (error instanceof HeldRequestStopped) {
      fail(error.reason, error.message);
      return;
    }
    const cause = error instanceof HeldRequestFailed ? error.cause : error;
    if (isNotFound(cause)) {
      await this.refreshStatus({ fresh: true });
      if (this.gone) {
        // The cold start did not fail: its component went away. The timeline ends saying so.
        if (tracked.timeline?.outcome === 'failed') {
          tracked.timeline = { ...tracked.timeline, outcome: 'gone' };
          this.post({ type: 'timeline', requestId: request.requestId, timeline: tracked.timeline });
        }
        fail('gone', this.gone.message);
        return;
      }
    }
    const description = describeAwsError(cause, {
      action: request.mode === 'stream' ? 'InvokeEndpointWithResponseStream on' : 'InvokeEndpoint on',
      resource: `inference component ${this.deps.component}`,
      endpoint: connection.endpointUrl,
    });
    fail('aws', description.message, description.code);
  }

  private async remember(timeline: Parameters<typeof durationsOf>[0]): Promise<void> {
    const durations = durationsOf(timeline);
    if (!durations) return;
    const history = [...this.history(), durations].slice(-keptColdStarts);
    try {
      await this.deps.store.update(coldStartsKey(this.deps.component), history);
    } catch (error) {
      this.deps.logger.warn(`Playground: could not keep the cold start's durations: ${describeError(error)}`);
    }
    this.post({ type: 'durations', durations: this.durations() });
  }
}

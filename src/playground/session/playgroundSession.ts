/**
 * The playground host's message handling, free of `vscode` so plain Node tests drive it: every
 * message from the page is validated (unknown or malformed ones are dropped), each request has its
 * id, its AbortController and its own held request through a cold start.
 */
import { describeAwsError } from '../../aws/awsErrorMessages';
import { type ColdStartClock } from '../coldStart/clock';
import { HeldRequestFailed, type HeldResult, HeldRequestStopped, sendHeld } from '../coldStart/heldRequest';
import { blogReferenceMs, type ColdStartDurations, durationsOf, summarizeDurations } from '../coldStart/phases';
import { type CapacityProbe } from '../coldStart/probe';
import { describeError, type Logger } from '../../logging/logger';
import {
  type ChartSeries,
  type ComponentStatus,
  type DurationsView,
  type HostToPlayground,
  type InvokeRequest,
  parsePlaygroundToHost,
} from '../protocol';

export interface RuntimeInput {
  body: string;
  contentType: string;
  accept: string;
}

export interface RuntimeAnswer {
  body: string;
  contentType?: string;
  invokedVariant?: string;
}

/** The SageMaker runtime for one inference component. */
export interface PlaygroundRuntime {
  invoke(input: RuntimeInput, signal: AbortSignal): Promise<RuntimeAnswer>;
  /** Calls `onChunk` with each payload part's text as it arrives. */
  stream(input: RuntimeInput, signal: AbortSignal, onChunk: (text: string) => void): Promise<RuntimeAnswer>;
}

/** What the session needs from the active connection. */
export interface SessionConnection {
  label: string;
  runtime: PlaygroundRuntime;
  probe(): CapacityProbe;
  clock: ColdStartClock;
  recordRejection(at: number): void;
  status(): Promise<ComponentStatus | undefined>;
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
  /** Real time for latencies (ms). */
  now?: () => number;
}

const maxConcurrentRequests = 4;
const maxResponseChars = 2 * 1024 * 1024;
const keptColdStarts = 20;
export const wakeNowKey = 'playground.wakeNow';
export const coldStartsKey = (component: string) => `playground.coldStarts.${component}`;

type InvokeFailure = 'aws' | 'invalid' | 'deadline' | 'cancelled' | 'notConnected';

/** One runtime call as the held request repeats it, with the latencies of its last attempt. */
interface TimedCall {
  send(signal: AbortSignal): Promise<RuntimeAnswer>;
  /** When the last attempt's first streamed part arrived, on the account's clock (undefined for invoke). */
  firstByteAccount(): number | undefined;
  /** Time to first byte and total time of the last attempt, ending at `end`. */
  latencies(end: number): { ttfbMs: number; totalMs: number };
}

export class PlaygroundSession {
  private readonly running = new Map<string, AbortController>();
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => Date.now());
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
          void this.refresh();
          return;
        case 'refresh':
          void this.refresh();
          return;
        case 'setWakeNow':
          void Promise.resolve(this.deps.store.update(wakeNowKey, message.value)).then(undefined, (error: unknown) =>
            this.deps.logger.warn(`Playground: could not remember Wake now: ${describeError(error)}`),
          );
          return;
        case 'cancel':
          this.running.get(message.requestId)?.abort();
          return;
        case 'invoke':
          void this.invoke(message);
          return;
      }
    } catch (error) {
      this.deps.logger.error('Playground: message handling failed', error);
    }
  }

  get activeRequests(): number {
    return this.running.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
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
      connection.status().then(
        (status) => status && this.post({ type: 'status', status }),
        (error: unknown) => this.deps.logger.warn(`Playground: status of ${this.deps.component}: ${describeError(error)}`),
      ),
      connection.chart().then(
        (chart) => this.post({ type: 'chart', ...chart }),
        (error: unknown) => this.deps.logger.warn(`Playground: metrics of ${this.deps.component}: ${describeError(error)}`),
      ),
    ]);
  }

  history(): ColdStartDurations[] {
    const stored = this.deps.store.get<unknown>(coldStartsKey(this.deps.component));
    if (!Array.isArray(stored)) return [];
    // globalState may hold anything (an older version, a hand edit, a corrupted file): keep only
    // well-formed entries, and of those only the finite, non-negative figures.
    const figure = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
    const kept: ColdStartDurations[] = [];
    for (const entry of stored.slice(-keptColdStarts * 5)) {
      if (typeof entry !== 'object' || entry === null) continue;
      const record = entry as Record<string, unknown>;
      if (!figure(record.totalMs) || typeof record.at !== 'number' || !Number.isFinite(record.at)) continue;
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
    const fail = (kind: InvokeFailure, message: string, code?: string) =>
      this.post({ type: 'error', requestId, kind, message, ...(code ? { code } : {}) });
    const refusal = this.refusal(request);
    if (refusal) {
      fail('invalid', refusal);
      return;
    }
    const connection = this.deps.connection();
    if (!connection) {
      fail('notConnected', 'Not connected: start the local emulator or connect to AWS first.');
      return;
    }
    const controller = new AbortController();
    this.running.set(requestId, controller);
    this.post({ type: 'started', requestId, mode: request.mode });
    const call = this.timedCall(request, connection);
    const median = summarizeDurations(this.history()).median;
    try {
      const result = await sendHeld({
        component: this.deps.component,
        send: call.send,
        probe: connection.probe(),
        clock: connection.clock,
        deadlineMs: request.deadlineSeconds * 1000,
        wakeNow: request.wakeNow,
        signal: controller.signal,
        firstByteAt: call.firstByteAccount,
        expected: { alarmMs: median.alarmMs, instanceMs: median.instanceMs, copyMs: median.copyMs },
        onRejected: (at) => this.recordRejection(connection, at),
        onTimeline: (timeline) => this.post({ type: 'timeline', requestId, timeline }),
      });
      await this.reportAnswer(request, call, result);
    } catch (error) {
      this.reportFailure(request, connection, error, fail);
    } finally {
      this.running.delete(requestId);
    }
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
   * Streamed parts go to the page as they arrive, up to the response size limit.
   */
  private timedCall(request: InvokeRequest, connection: SessionConnection): TimedCall {
    const input: RuntimeInput = { body: request.body, contentType: request.contentType, accept: request.accept };
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
        if (sent >= maxResponseChars) return;
        const part = text.slice(0, maxResponseChars - sent);
        sent += part.length;
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
    const body = answer.body.length > maxResponseChars ? answer.body.slice(0, maxResponseChars) : answer.body;
    this.post({
      type: 'result',
      requestId: request.requestId,
      body,
      contentType: answer.contentType,
      invokedVariant: answer.invokedVariant,
      ...call.latencies(end),
      heldMs: result.timeline ? durationsOf(result.timeline)?.totalMs : undefined,
      streamed: request.mode === 'stream',
    });
    if (result.timeline) await this.remember(result.timeline);
  }

  /** A stopped held request (deadline, cancel) as itself; anything else as the service's error, in words. */
  private reportFailure(request: InvokeRequest, connection: SessionConnection, error: unknown, fail: (kind: InvokeFailure, message: string, code?: string) => void): void {
    if (error instanceof HeldRequestStopped) {
      fail(error.reason, error.message);
      return;
    }
    const cause = error instanceof HeldRequestFailed ? error.cause : error;
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

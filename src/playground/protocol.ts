/**
 * The typed messages exchanged by the playground webview and its host. Both sides import this one
 * module, so a message that one side sends and the other does not understand fails to compile. Every
 * message that crosses the boundary is validated by the receiver with the parsers below: anything
 * malformed, unknown or oversized is dropped (it never throws).
 */

import { type ColdStartPhaseId, coldStartPhaseLabels, coldStartPhases, type ColdStartTimeline, type PhaseRecord } from './coldStart/phases';

export const playgroundViewType = 'sagemakerScaleToZero.playground';

/** The largest request body the playground sends (SageMaker accepts up to 25 MB; a playground needs far less). */
export const maxBodyBytes = 1024 * 1024;
export const minDeadlineSeconds = 10;
export const maxDeadlineSeconds = 3600;
export const defaultDeadlineSeconds = 900;
/**
 * The most of one response the host keeps and passes on (SageMaker answers up to 25 MB): an invoked
 * body is read up to this many bytes, a stream stops being read there; the page says the answer was cut.
 */
export const maxResponseBytes = 4 * 1024 * 1024;
/** The most requests the page may name in `ready` (it shows one at a time; the host runs at most four). */
export const maxPendingRequests = 20;

export type InvokeMode = 'invoke' | 'stream';

export interface InvokeRequest {
  type: 'invoke';
  requestId: string;
  mode: InvokeMode;
  body: string;
  contentType: string;
  accept: string;
  /** Account-time seconds the request may be held during a cold start (like X-Scale-Up-Timeout). */
  deadlineSeconds: number;
  wakeNow: boolean;
}

/** The languages Copy as Code writes: a boto3 program, an AWS SDK for JavaScript v3 program, an AWS CLI command. */
export const codeLanguages = ['python', 'typescript', 'awsCli'] as const;
export type CodeLanguage = (typeof codeLanguages)[number];

/**
 * Copy as Code: the request as written on the page, as a client in `language` (the host adds the
 * component, endpoint, region and profile). The AWS CLI has no streaming command: `awsCli` is `invoke` only.
 */
export interface CopyAsCodeRequest {
  type: 'copyAsCode';
  language: CodeLanguage;
  mode: InvokeMode;
  body: string;
  contentType: string;
  accept: string;
  deadlineSeconds: number;
  wakeNow: boolean;
}

/** Messages the webview sends to the extension host. */
export type PlaygroundToHost =
  /**
   * The page (re)loaded. `pending`: the requests it was showing as running when it was rebuilt (a
   * hidden tab's page is destroyed); the host answers with `requests`, and `cancel` drops one.
   */
  | { type: 'ready'; pending?: string[] }
  | InvokeRequest
  | { type: 'cancel'; requestId: string }
  | { type: 'setWakeNow'; value: boolean }
  | { type: 'refresh' }
  /** The user asked to close the playground (offered once its component is gone). */
  | { type: 'close' }
  /** The user asked for the explained cold start of the wake a held request waited for (`startedAt`: the timeline's, epoch ms on the account's clock). */
  | { type: 'explainColdStart'; startedAt: number }
  | CopyAsCodeRequest;

// ---- wire shapes of the host's data ----

// The cold-start model owns the phases (ids, labels, the timeline's shape); the page receives them as they are.

export const phaseIds = coldStartPhases;
export type PhaseId = ColdStartPhaseId;
export const phaseLabels = coldStartPhaseLabels;
export type TimelinePhase = PhaseRecord;
export type Timeline = ColdStartTimeline;

export interface DurationFigures {
  alarmMs?: number;
  instanceMs?: number;
  copyMs?: number;
  totalMs?: number;
}

export interface DurationsView {
  count: number;
  last?: DurationFigures & { at: number; wakeNow: boolean };
  median: DurationFigures;
  reference: Required<DurationFigures>;
}

export interface ChartSeries {
  name: 'Copies' | 'Instances' | 'Invocations';
  /** [epoch ms, value] pairs, oldest first. */
  points: [number, number][];
}

export interface ComponentStatus {
  label: string;
  state: string;
  currentCopies?: number;
  desiredCopies?: number;
}

/** The answer to a request. */
export interface ResultMessage {
  type: 'result';
  requestId: string;
  body: string;
  contentType?: string;
  invokedVariant?: string;
  /** Real milliseconds from sending the answered attempt to its first byte, and to its end. */
  ttfbMs: number;
  totalMs: number;
  /** Account-time milliseconds the request was held during a cold start. */
  heldMs?: number;
  streamed: boolean;
  /** Present when the answer was longer than the host keeps: it was cut after this many bytes. */
  truncatedAtBytes?: number;
}

/** `gone`: the component (or its endpoint) was deleted; the message says so plainly. */
export type ErrorKind = 'aws' | 'invalid' | 'deadline' | 'cancelled' | 'notConnected' | 'gone';

/** Why a request ended without an answer. */
export interface ErrorMessage {
  type: 'error';
  requestId: string;
  kind: ErrorKind;
  message: string;
  code?: string;
  /** For a request refused before it started: when, on the account's clock. */
  at?: number;
}

/**
 * Where one request stands, sent when the page (re)loads: a running request's timeline and streamed
 * text so far, or the last message of one that ended while the page was away.
 */
export interface RequestSnapshot {
  requestId: string;
  mode: InvokeMode;
  /** The streamed text so far (running requests only; within `maxResponseBytes`). */
  streamed: string;
  timeline?: Timeline;
  /** Present once the request ended. */
  outcome?: ResultMessage | ErrorMessage;
}

/** Messages the extension host sends to the webview. */
export type HostToPlayground =
  | {
      type: 'init';
      inferenceComponentName: string;
      endpointName: string;
      connection: string;
      wakeNow: boolean;
      durations: DurationsView;
    }
  | { type: 'status'; status: ComponentStatus }
  /**
   * The component no longer exists (it, or its endpoint, was deleted or is being deleted): nothing can
   * call it. A later `status` means it is back (recreated under the same name).
   */
  | { type: 'componentGone'; message: string }
  /** The component's status could not be read (network, credentials...): not a claim that it is gone. */
  | { type: 'statusUnreadable'; message: string }
  /** `at`: when the host started the request, on the account's clock (the emulator's is virtual). */
  | { type: 'started'; requestId: string; mode: InvokeMode; at: number }
  | { type: 'chunk'; requestId: string; text: string }
  | { type: 'timeline'; requestId: string; timeline: Timeline }
  | ResultMessage
  | ErrorMessage
  /** The answer to `ready`: the running requests and the pending ones that ended while the page was away. */
  | { type: 'requests'; requests: RequestSnapshot[] }
  | { type: 'durations'; durations: DurationsView }
  | { type: 'chart'; from: number; to: number; series: ChartSeries[]; note?: string };

// ---- validation ----

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const requestIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
/** A media type: `type/subtype` with optional parameters, printable ASCII only. */
const mediaTypePattern = /^[\x21-\x7e]+\/[\x21-\x7e]+( *; *[\x20-\x7e]*)?$/;

export const isRequestId = (value: unknown): value is string => typeof value === 'string' && requestIdPattern.test(value);
export const isMediaType = (value: unknown): value is string => typeof value === 'string' && value.length <= 128 && mediaTypePattern.test(value);

/** UTF-8 length without allocating a buffer (works in the browser and in Node). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: one code point, four bytes. A lone surrogate is sent as U+FFFD (three bytes).
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

function hasOnly(value: Obj, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

/** The request fields `invoke` and `copyAsCode` share, checked; undefined when one is missing, mistyped or out of range. */
function parseRequestFields(value: Obj): Omit<InvokeRequest, 'type' | 'requestId'> | undefined {
  const { mode, body, contentType, accept, deadlineSeconds, wakeNow } = value;
  if (mode !== 'invoke' && mode !== 'stream') return undefined;
  if (typeof body !== 'string' || body.length > maxBodyBytes || utf8Length(body) > maxBodyBytes) return undefined;
  if (!isMediaType(contentType) || !isMediaType(accept)) return undefined;
  if (typeof deadlineSeconds !== 'number' || !Number.isInteger(deadlineSeconds)) return undefined;
  if (deadlineSeconds < minDeadlineSeconds || deadlineSeconds > maxDeadlineSeconds) return undefined;
  if (typeof wakeNow !== 'boolean') return undefined;
  return { mode, body, contentType, accept, deadlineSeconds, wakeNow };
}

/** The webview's message, or undefined when it is not one the host understands. Never throws. */
export function parsePlaygroundToHost(value: unknown): PlaygroundToHost | undefined {
  try {
    if (!isObject(value) || typeof value.type !== 'string') return undefined;
    switch (value.type) {
      case 'ready': {
        if (!hasOnly(value, ['type', 'pending'])) return undefined;
        if (value.pending === undefined) return { type: 'ready' };
        const { pending } = value;
        if (!Array.isArray(pending) || pending.length > maxPendingRequests || !pending.every(isRequestId)) return undefined;
        return { type: 'ready', pending: [...pending] };
      }
      case 'refresh':
      case 'close':
        return hasOnly(value, ['type']) ? { type: value.type } : undefined;
      case 'cancel':
        return hasOnly(value, ['type', 'requestId']) && isRequestId(value.requestId) ? { type: 'cancel', requestId: value.requestId } : undefined;
      case 'setWakeNow':
        return hasOnly(value, ['type', 'value']) && typeof value.value === 'boolean' ? { type: 'setWakeNow', value: value.value } : undefined;
      case 'explainColdStart':
        return hasOnly(value, ['type', 'startedAt']) && typeof value.startedAt === 'number' && Number.isFinite(value.startedAt) && value.startedAt >= 0 && value.startedAt <= 8.64e15
          ? { type: 'explainColdStart', startedAt: value.startedAt }
          : undefined;
      case 'invoke': {
        const keys = ['type', 'requestId', 'mode', 'body', 'contentType', 'accept', 'deadlineSeconds', 'wakeNow'] as const;
        if (!hasOnly(value, keys) || !isRequestId(value.requestId)) return undefined;
        const request = parseRequestFields(value);
        return request && { type: 'invoke', requestId: value.requestId, ...request };
      }
      case 'copyAsCode': {
        const keys = ['type', 'language', 'mode', 'body', 'contentType', 'accept', 'deadlineSeconds', 'wakeNow'] as const;
        if (!hasOnly(value, keys) || !(codeLanguages as readonly unknown[]).includes(value.language)) return undefined;
        const language = value.language as CodeLanguage;
        const request = parseRequestFields(value);
        if (!request || (language === 'awsCli' && request.mode === 'stream')) return undefined;
        return { type: 'copyAsCode', language, ...request };
      }
      default:
        return undefined;
    }
  } catch {
    // A hostile object (throwing getters, proxies): dropped.
    return undefined;
  }
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

function isTimeline(value: unknown): value is Timeline {
  if (!isObject(value) || typeof value.component !== 'string' || !Array.isArray(value.phases)) return false;
  if (!isFiniteNumber(value.startedAt) || !isFiniteNumber(value.updatedAt) || !isFiniteNumber(value.deadlineAt)) return false;
  return value.phases.every(
    (record: unknown) =>
      isObject(record) &&
      (phaseIds as readonly unknown[]).includes(record.id) &&
      ['pending', 'active', 'done', 'skipped'].includes(record.status as string) &&
      (record.at === undefined || isFiniteNumber(record.at)) &&
      optionalString(record.detail),
  );
}

function isResult(value: Obj): boolean {
  return (
    isRequestId(value.requestId) &&
    typeof value.body === 'string' &&
    isFiniteNumber(value.ttfbMs) &&
    isFiniteNumber(value.totalMs) &&
    (value.truncatedAtBytes === undefined || isFiniteNumber(value.truncatedAtBytes))
  );
}

const errorKinds: readonly unknown[] = ['aws', 'invalid', 'deadline', 'cancelled', 'notConnected', 'gone'] satisfies ErrorKind[];

function isError(value: Obj): boolean {
  return (
    isRequestId(value.requestId) &&
    errorKinds.includes(value.kind) &&
    typeof value.message === 'string' &&
    optionalString(value.code) &&
    (value.at === undefined || isFiniteNumber(value.at))
  );
}

function isSnapshot(value: unknown): boolean {
  if (!isObject(value) || !isRequestId(value.requestId) || (value.mode !== 'invoke' && value.mode !== 'stream') || typeof value.streamed !== 'string') return false;
  if (value.timeline !== undefined && !isTimeline(value.timeline)) return false;
  const outcome = value.outcome;
  if (outcome === undefined) return true;
  if (!isObject(outcome) || outcome.requestId !== value.requestId) return false;
  return (outcome.type === 'result' && isResult(outcome)) || (outcome.type === 'error' && isError(outcome));
}

/** The host's message, or undefined: the webview drops anything else. Never throws. */
export function parseHostToPlayground(value: unknown): HostToPlayground | undefined {
  try {
    if (!isObject(value) || typeof value.type !== 'string') return undefined;
    const message = value as HostToPlayground;
    switch (value.type) {
      case 'init':
        return typeof value.inferenceComponentName === 'string' && typeof value.endpointName === 'string' && isObject(value.durations) ? message : undefined;
      case 'status':
        return isObject(value.status) && typeof value.status.label === 'string' ? message : undefined;
      case 'componentGone':
      case 'statusUnreadable':
        return typeof value.message === 'string' ? message : undefined;
      case 'started':
        return isRequestId(value.requestId) && (value.mode === 'invoke' || value.mode === 'stream') && isFiniteNumber(value.at) ? message : undefined;
      case 'chunk':
        return isRequestId(value.requestId) && typeof value.text === 'string' ? message : undefined;
      case 'timeline':
        return isRequestId(value.requestId) && isTimeline(value.timeline) ? message : undefined;
      case 'result':
        return isResult(value) ? message : undefined;
      case 'error':
        return isError(value) ? message : undefined;
      case 'requests':
        return Array.isArray(value.requests) && value.requests.length <= maxPendingRequests && value.requests.every(isSnapshot) ? message : undefined;
      case 'durations':
        return isObject(value.durations) ? message : undefined;
      case 'chart':
        return Array.isArray(value.series) && isFiniteNumber(value.from) && isFiniteNumber(value.to) ? message : undefined;
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** What the panel keeps with `setState` so a reload restores it (and what the serializer receives). */
export interface PlaygroundState {
  inferenceComponentName: string;
  endpointName: string;
  template?: string;
  body?: string;
  contentType?: string;
  accept?: string;
  deadlineSeconds?: number;
}

export function parsePlaygroundState(value: unknown): PlaygroundState | undefined {
  if (!isObject(value)) return undefined;
  const { inferenceComponentName, endpointName } = value;
  const name = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
  if (typeof inferenceComponentName !== 'string' || !name.test(inferenceComponentName)) return undefined;
  if (typeof endpointName !== 'string' || !name.test(endpointName)) return undefined;
  const state: PlaygroundState = { inferenceComponentName, endpointName };
  if (typeof value.template === 'string' && value.template.length < 32) state.template = value.template;
  if (typeof value.body === 'string' && value.body.length <= 64 * 1024) state.body = value.body;
  if (isMediaType(value.contentType)) state.contentType = value.contentType;
  if (isMediaType(value.accept)) state.accept = value.accept;
  const deadline = value.deadlineSeconds;
  if (Number.isInteger(deadline) && (deadline as number) >= minDeadlineSeconds && (deadline as number) <= maxDeadlineSeconds) state.deadlineSeconds = deadline as number;
  return state;
}

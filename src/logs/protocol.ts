/**
 * The messages between the logs page (webview, src/logs/page) and its host (src/logs/host), one typed
 * module bundled into both. Everything the page receives is checked here before use; so is what the
 * host receives. Imports nothing: it is bundled into the browser page.
 */

export const logsViewType = 'sagemakerScaleToZero.logs';

export type LogsRangeId = '5m' | '15m' | '1h' | '3h' | '12h' | '1d' | 'custom';
const rangeIds: readonly string[] = ['5m', '15m', '1h', '3h', '12h', '1d', 'custom'];
/** The range a new view reads. */
export const defaultLogsRange: LogsRangeId = '1h';

export interface LogsTargetState {
  kind: 'endpoint' | 'inferenceComponent';
  name: string;
  /** For a component: its endpoint. */
  endpointName?: string;
}

/** What the page keeps across a reload (`setState`) and the serializer restores. */
export interface LogsPageState {
  target: LogsTargetState;
  range: LogsRangeId;
  /** For the custom range: what the user typed. */
  customStart?: string;
  filter: string;
  follow: boolean;
}

/** One line as the page shows it. */
export interface WireLine {
  id: string;
  /** ms since the epoch. */
  t: number;
  /** Owner of the group when the view merges several (the component's name), else omitted. */
  source?: string;
  stream: string;
  instance?: string;
  copy?: string;
  message: string;
}

export interface WireNotice {
  /** `failure`: the resource (or one of an endpoint's components) failed; the others: what reading a group met. */
  kind: 'failure' | 'groupMissing' | 'accessDenied' | 'throttled' | 'network' | 'other';
  message: string;
  policy?: string;
}

export interface WireGroup {
  name: string;
  state: 'ok' | 'missing' | 'failed';
}

export type HostToLogs =
  | {
      type: 'init';
      ranges: { id: LogsRangeId; label: string }[];
      maxLines: number;
      consoleAvailable: boolean;
      /** The connection, in words ("Local emulator", "AWS us-east-1"). */
      connection: string;
      pollNote: string;
    }
  /** A fresh load (range or filter changed): replaces what the page shows. */
  | { type: 'reset'; lines: WireLine[]; windowStart: number; windowEnd: number; truncated: boolean; olderAvailable: boolean }
  /** Lines that arrived while following. */
  | { type: 'append'; lines: WireLine[] }
  /** Lines before what the page shows (Load older). */
  | { type: 'prepend'; lines: WireLine[]; windowStart: number; olderAvailable: boolean }
  | { type: 'status'; busy: boolean; following: boolean; nextReadMs?: number; groups: WireGroup[]; notices: WireNotice[] }
  /** The filter or custom start the page sent was not accepted: why, in words. */
  | { type: 'inputError'; field: 'filter' | 'range'; reason: string };

export type LogsToHost =
  | { type: 'ready'; state: LogsPageState }
  | { type: 'setRange'; range: LogsRangeId; customStart?: string }
  | { type: 'setFilter'; filter: string }
  | { type: 'setFollow'; follow: boolean }
  | { type: 'loadOlder' }
  | { type: 'openConsole' }
  | { type: 'copy'; text: string };

export const maxCopyChars = 5_000_000;
const maxFilterChars = 2048;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 256;
}

export function isRange(value: unknown): value is LogsRangeId {
  return typeof value === 'string' && rangeIds.includes(value);
}

export function parseTarget(value: unknown): LogsTargetState | undefined {
  const item = record(value);
  if (!item || !isName(item.name)) return undefined;
  if (item.kind === 'endpoint') return { kind: 'endpoint', name: item.name };
  if (item.kind === 'inferenceComponent' && isName(item.endpointName)) return { kind: 'inferenceComponent', name: item.name, endpointName: item.endpointName };
  return undefined;
}

/** The saved page state, field by field; undefined when the target is not there. Never throws. */
export function parseLogsState(value: unknown): LogsPageState | undefined {
  try {
    const item = record(value);
    const target = parseTarget(item?.target);
    if (!item || !target) return undefined;
    return {
      target,
      range: isRange(item.range) ? item.range : defaultLogsRange,
      ...(typeof item.customStart === 'string' && item.customStart.length <= 64 ? { customStart: item.customStart } : {}),
      filter: typeof item.filter === 'string' && item.filter.length <= maxFilterChars ? item.filter : '',
      follow: item.follow !== false,
    };
  } catch {
    return undefined;
  }
}

function parseLine(value: unknown): WireLine | undefined {
  const item = record(value);
  if (!item || typeof item.id !== 'string' || typeof item.t !== 'number' || typeof item.stream !== 'string' || typeof item.message !== 'string') return undefined;
  return {
    id: item.id,
    t: item.t,
    stream: item.stream,
    message: item.message,
    ...(typeof item.source === 'string' ? { source: item.source } : {}),
    ...(typeof item.instance === 'string' ? { instance: item.instance } : {}),
    ...(typeof item.copy === 'string' ? { copy: item.copy } : {}),
  };
}

function parseLines(value: unknown): WireLine[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(parseLine).filter((line): line is WireLine => line !== undefined);
}

const noticeKinds: readonly string[] = ['failure', 'groupMissing', 'accessDenied', 'throttled', 'network', 'other'];

function parseNotice(value: unknown): WireNotice | undefined {
  const item = record(value);
  if (!item || typeof item.kind !== 'string' || !noticeKinds.includes(item.kind) || typeof item.message !== 'string') return undefined;
  return { kind: item.kind as WireNotice['kind'], message: item.message, ...(typeof item.policy === 'string' ? { policy: item.policy } : {}) };
}

/** A host message, checked; undefined for anything else posted to the page. */
export function parseHostToLogs(value: unknown): HostToLogs | undefined {
  const item = record(value);
  if (!item) return undefined;
  switch (item.type) {
    case 'init': {
      if (!Array.isArray(item.ranges) || typeof item.maxLines !== 'number' || typeof item.connection !== 'string' || typeof item.pollNote !== 'string') return undefined;
      const ranges = item.ranges
        .map(record)
        .filter((range): range is Record<string, unknown> => range !== undefined && isRange(range.id) && typeof range.label === 'string')
        .map((range) => ({ id: range.id as LogsRangeId, label: range.label as string }));
      return { type: 'init', ranges, maxLines: item.maxLines, consoleAvailable: item.consoleAvailable === true, connection: item.connection, pollNote: item.pollNote };
    }
    case 'reset': {
      const lines = parseLines(item.lines);
      if (!lines || typeof item.windowStart !== 'number' || typeof item.windowEnd !== 'number') return undefined;
      return { type: 'reset', lines, windowStart: item.windowStart, windowEnd: item.windowEnd, truncated: item.truncated === true, olderAvailable: item.olderAvailable === true };
    }
    case 'append': {
      const lines = parseLines(item.lines);
      return lines ? { type: 'append', lines } : undefined;
    }
    case 'prepend': {
      const lines = parseLines(item.lines);
      if (!lines || typeof item.windowStart !== 'number') return undefined;
      return { type: 'prepend', lines, windowStart: item.windowStart, olderAvailable: item.olderAvailable === true };
    }
    case 'status': {
      if (!Array.isArray(item.groups) || !Array.isArray(item.notices)) return undefined;
      const groups = item.groups
        .map(record)
        .filter((group): group is Record<string, unknown> => group !== undefined && typeof group.name === 'string' && (group.state === 'ok' || group.state === 'missing' || group.state === 'failed'))
        .map((group) => ({ name: group.name as string, state: group.state as WireGroup['state'] }));
      const notices = item.notices.map(parseNotice).filter((notice): notice is WireNotice => notice !== undefined);
      return {
        type: 'status',
        busy: item.busy === true,
        following: item.following === true,
        ...(typeof item.nextReadMs === 'number' ? { nextReadMs: item.nextReadMs } : {}),
        groups,
        notices,
      };
    }
    case 'inputError':
      if ((item.field !== 'filter' && item.field !== 'range') || typeof item.reason !== 'string') return undefined;
      return { type: 'inputError', field: item.field, reason: item.reason };
    default:
      return undefined;
  }
}

/** A page message, checked; undefined for anything else. */
export function parseLogsToHost(value: unknown): LogsToHost | undefined {
  const item = record(value);
  if (!item) return undefined;
  switch (item.type) {
    case 'ready': {
      const state = parseLogsState(item.state);
      return state ? { type: 'ready', state } : undefined;
    }
    case 'setRange':
      if (!isRange(item.range)) return undefined;
      return { type: 'setRange', range: item.range, ...(typeof item.customStart === 'string' && item.customStart.length <= 64 ? { customStart: item.customStart } : {}) };
    case 'setFilter':
      return typeof item.filter === 'string' && item.filter.length <= maxFilterChars ? { type: 'setFilter', filter: item.filter } : undefined;
    case 'setFollow':
      return typeof item.follow === 'boolean' ? { type: 'setFollow', follow: item.follow } : undefined;
    case 'loadOlder':
    case 'openConsole':
      return { type: item.type };
    case 'copy':
      return typeof item.text === 'string' && item.text.length <= maxCopyChars ? { type: 'copy', text: item.text } : undefined;
    default:
      return undefined;
  }
}

/** What the page keeps with the webview's `setState` (the request being written and the history), and how it comes back. */
import { type InvokeMode, isMediaType, isRequestId, maxBodyBytes, parsePlaygroundState, type PlaygroundState, utf8Length } from '../protocol';
import { type TemplateId, templates } from './format';

export interface HistoryEntry {
  requestId: string;
  mode: InvokeMode;
  /** When the host started it, on the account's clock (absent until the host answered). */
  at?: number;
  template: TemplateId;
  body: string;
  contentType: string;
  accept: string;
  outcome: 'running' | 'ok' | 'error' | 'cancelled';
  summary: string;
}

export interface SavedPage extends PlaygroundState {
  history?: HistoryEntry[];
}

export const keptHistory = 20;
const outcomes: readonly unknown[] = ['running', 'ok', 'error', 'cancelled'] satisfies HistoryEntry['outcome'][];
const maxSummaryChars = 200;

/**
 * One saved history entry, rebuilt field by field, or undefined when any field is missing, of the
 * wrong type or out of bounds (the webview's state is whatever an older page, or anything else, left).
 */
export function parseHistoryEntry(value: unknown): HistoryEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { requestId, mode, at, template, body, contentType, accept, outcome, summary } = value as Record<string, unknown>;
  if (!isRequestId(requestId)) return undefined;
  if (mode !== 'invoke' && mode !== 'stream') return undefined;
  if (at !== undefined && (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > 8.64e15)) return undefined;
  const known = templates.find((candidate) => candidate.id === template);
  if (!known) return undefined;
  if (typeof body !== 'string' || body.length > maxBodyBytes || utf8Length(body) > maxBodyBytes) return undefined;
  if (!isMediaType(contentType) || !isMediaType(accept)) return undefined;
  if (!outcomes.includes(outcome)) return undefined;
  if (typeof summary !== 'string') return undefined;
  return {
    requestId,
    mode,
    ...(at !== undefined ? { at: at as number } : {}),
    template: known.id,
    body,
    contentType,
    accept,
    outcome: outcome as HistoryEntry['outcome'],
    summary: summary.slice(0, maxSummaryChars),
  };
}

/** The saved history: the well-formed entries among the last ones kept, each request once. Never throws. */
export function parseHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: HistoryEntry[] = [];
  const seen = new Set<string>();
  for (const item of value.slice(-keptHistory)) {
    let entry: HistoryEntry | undefined;
    try {
      entry = parseHistoryEntry(item);
    } catch {
      // A hostile entry (a throwing getter): dropped like any other malformed one.
      entry = undefined;
    }
    if (!entry || seen.has(entry.requestId)) continue;
    seen.add(entry.requestId);
    entries.push(entry);
  }
  return entries;
}

/**
 * The page's state after a reload: what it saved itself when there is any, else the component the
 * host named in the page's `data-initial`. Requests still running when the page went away stay
 * running: the page asks the host where they stand (`ready` names them). Never throws: malformed
 * state is dropped, field by field.
 */
export function restoreSavedPage(saved: unknown, initialJson: string | undefined): SavedPage {
  let parsed: PlaygroundState | undefined;
  let history: HistoryEntry[] = [];
  try {
    parsed = parsePlaygroundState(saved);
    if (parsed) history = parseHistory((saved as { history?: unknown }).history);
  } catch {
    // A hostile object (throwing getters, proxies): nothing of it is kept.
    parsed = undefined;
  }
  if (parsed) return { ...parsed, history };
  let fromHost: unknown;
  try {
    fromHost = JSON.parse(initialJson ?? '{}');
  } catch {
    fromHost = undefined;
  }
  return { ...(parsePlaygroundState(fromHost) ?? { inferenceComponentName: '', endpointName: '' }), history: [] };
}

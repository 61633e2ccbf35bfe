/** What the page keeps with the webview's `setState` (the request being written and the history), and how it comes back. */
import { type InvokeMode, parsePlaygroundState, type PlaygroundState } from '../protocol';
import { type TemplateId } from './format';

export interface HistoryEntry {
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

export interface SavedPage extends PlaygroundState {
  history?: HistoryEntry[];
}

export const keptHistory = 20;

/**
 * The page's state after a reload: what it saved itself when there is any, else the component the
 * host named in the page's `data-initial`. Requests still running when the page went away are lost
 * with it, so they are marked interrupted.
 */
export function restoreSavedPage(saved: unknown, initialJson: string | undefined): SavedPage {
  const parsed = parsePlaygroundState(saved);
  if (parsed) {
    const history = (saved as { history?: unknown }).history;
    const entries = Array.isArray(history) ? (history.slice(-keptHistory) as HistoryEntry[]) : [];
    return { ...parsed, history: entries.map((entry) => (entry.outcome === 'running' ? { ...entry, outcome: 'cancelled', summary: 'Interrupted' } : entry)) };
  }
  let fromHost: unknown;
  try {
    fromHost = JSON.parse(initialJson ?? '{}');
  } catch {
    fromHost = undefined;
  }
  return { ...(parsePlaygroundState(fromHost) ?? { inferenceComponentName: '', endpointName: '' }), history: [] };
}

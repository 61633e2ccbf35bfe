/**
 * The logs page's state: the lines it holds (at most `maxLines`, the oldest dropped first), the host's
 * status and notices, and the toolbar's values (saved with `setState`, so a reload keeps them).
 */
import { type HostToLogs, type LogsPageState, type LogsRangeId, type LogsToHost, parseLogsState, type WireGroup, type WireLine, type WireNotice } from '../protocol';

export interface VsCodeApi {
  postMessage(message: LogsToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export const fallbackMaxLines = 2000;

export class LogsStore {
  state: LogsPageState;
  lines: WireLine[] = [];
  /** Lines dropped from the top because the page holds at most `maxLines`. */
  dropped = 0;
  truncated = false;
  olderAvailable = false;
  windowStart = 0;
  maxLines = fallbackMaxLines;
  ranges: { id: LogsRangeId; label: string }[] = [];
  consoleAvailable = false;
  connection = '';
  pollNote = '';
  busy = true;
  following = false;
  nextReadMs: number | undefined;
  groups: WireGroup[] = [];
  notices: WireNotice[] = [];
  inputErrors: { filter?: string; range?: string } = {};
  /** Bumped when lines arrive at the end (the page scrolls along while following). */
  appended = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly vscode: VsCodeApi, initial: LogsPageState) {
    this.state = initial;
  }

  static restore(vscode: VsCodeApi, initialJson: string | undefined): LogsStore | undefined {
    let fromHost: unknown;
    try {
      fromHost = JSON.parse(initialJson ?? '{}');
    } catch {
      fromHost = undefined;
    }
    const host = parseLogsState(fromHost);
    const saved = parseLogsState(vscode.getState());
    // The host names the resource; what the page saved (range, filter, follow) applies when it is the same one.
    const state = saved && host && saved.target.name === host.target.name && saved.target.kind === host.target.kind ? saved : host ?? saved;
    return state ? new LogsStore(vscode, state) : undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.vscode.setState(this.state);
    for (const listener of this.listeners) listener();
  }

  ready(): void {
    this.vscode.postMessage({ type: 'ready', state: this.state });
  }

  private cap(lines: WireLine[], keep: 'newest' | 'oldest'): WireLine[] {
    if (lines.length <= this.maxLines) return lines;
    const excess = lines.length - this.maxLines;
    this.dropped += excess;
    return keep === 'newest' ? lines.slice(excess) : lines.slice(0, this.maxLines);
  }

  receive(message: HostToLogs): void {
    switch (message.type) {
      case 'init':
        this.ranges = message.ranges;
        this.maxLines = Math.max(100, Math.floor(message.maxLines));
        this.consoleAvailable = message.consoleAvailable;
        this.connection = message.connection;
        this.pollNote = message.pollNote;
        break;
      case 'reset':
        this.dropped = 0;
        this.lines = this.cap(message.lines, 'newest');
        this.truncated = message.truncated;
        this.olderAvailable = message.olderAvailable;
        this.windowStart = message.windowStart;
        this.appended += 1;
        break;
      case 'append': {
        const known = new Set(this.lines.slice(-message.lines.length * 4 - 100).map((line) => line.id));
        const fresh = message.lines.filter((line) => !known.has(line.id));
        if (fresh.length === 0) return;
        this.lines = this.cap([...this.lines, ...fresh], 'newest');
        this.appended += 1;
        break;
      }
      case 'prepend':
        // Older lines go on top; when the page is full, the newest are kept and no older ones fit.
        this.lines = this.cap([...message.lines, ...this.lines], 'newest');
        this.olderAvailable = message.olderAvailable;
        this.windowStart = message.windowStart;
        break;
      case 'status':
        this.busy = message.busy;
        this.following = message.following;
        this.nextReadMs = message.nextReadMs;
        this.groups = message.groups;
        this.notices = message.notices;
        break;
      case 'inputError':
        this.inputErrors = { ...this.inputErrors, [message.field]: message.reason };
        break;
    }
    this.changed();
  }

  setRange(range: LogsRangeId, customStart?: string): void {
    this.inputErrors = { ...this.inputErrors, range: undefined };
    if (range !== 'custom') this.state = { ...this.state, range };
    else this.state = { ...this.state, range, customStart };
    this.changed();
    if (range === 'custom' && !customStart) return;
    this.vscode.postMessage({ type: 'setRange', range, ...(customStart !== undefined ? { customStart } : {}) });
  }

  setFilter(filter: string): void {
    this.inputErrors = { ...this.inputErrors, filter: undefined };
    this.state = { ...this.state, filter };
    this.changed();
    this.vscode.postMessage({ type: 'setFilter', filter });
  }

  setFollow(follow: boolean): void {
    this.state = { ...this.state, follow };
    this.following = follow;
    this.changed();
    this.vscode.postMessage({ type: 'setFollow', follow });
  }

  loadOlder(): void {
    this.vscode.postMessage({ type: 'loadOlder' });
  }

  openConsole(): void {
    this.vscode.postMessage({ type: 'openConsole' });
  }

  /** The lines the page holds, as text (time, instance, copy, message), for the clipboard. */
  copyAll(format: (line: WireLine) => string): void {
    this.vscode.postMessage({ type: 'copy', text: this.lines.map(format).join('\n') });
  }
}

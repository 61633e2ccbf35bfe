/**
 * One logs view: what it reads (a range, a filter), what it shows (a reset, lines appended while
 * following, older lines prepended), and the notices. vscode-free: the host (src/logs/host) gives it
 * the API, the clock, the panel's messages and its visibility.
 */
import { describeLogsProblem } from './logErrors';
import { failureNotice, type ShownFailure } from './failureNotices';
import { type LogGroupSource, type LogsTarget, resourceWords } from './logGroups';
import { LogFollower, type FollowerTimer } from './logFollower';
import { type GroupRead, type LogLine, type LogsApi, readWindow } from './logReader';
import { checkFilterPattern } from './filterPattern';
import { type HostToLogs, type LogsPageState, type LogsToHost, parseLogsToHost, type WireLine, type WireNotice } from '../protocol';
import { defaultRange, olderWindow, parseCustomStart, rangeChoices, type TimeRange, windowOf } from './timeRanges';

export interface LogsSessionOptions {
  target: LogsTarget;
  /** The active connection's API, or undefined when disconnected. */
  api: () => LogsApi | undefined;
  groups: () => readonly LogGroupSource[];
  /** The account's clock (ms). */
  now: () => number;
  place: () => { region: string; accountId?: string };
  /** True while the endpoint (or component) is being created: a missing group is then the common case. */
  creating: () => boolean;
  /** The target's failures the tree explains now (an endpoint's: its own and its components'), each a notice. */
  failures?: () => readonly ShownFailure[];
  post: (message: HostToLogs) => void;
  connectionLabel: () => string;
  /** The CloudWatch console's page of a log group, when there is a console (not on the emulator). */
  consoleUrl: (logGroupName: string) => string | undefined;
  openUrl: (url: string) => void;
  copy: (text: string) => void;
  maxLines: number;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  timer?: FollowerTimer;
  /** Called with the errors the view met (for the output channel; never credentials: messages are redacted). */
  warn?: (message: string) => void;
}

export const pollNote =
  'Follow polls FilterLogEvents: every 2 s while lines arrive, slower when quiet (up to the ceiling in the settings), paused while this panel is hidden. Live tail (StartLiveTail) is not used.';

export class LogsSession {
  private state: LogsPageState;
  private follower: LogFollower | undefined;
  private firstWindow: { start: number; end: number } | undefined;
  private shownStart = 0;
  private generation = 0;
  private visible = true;
  private lastGroups: GroupRead[] = [];
  private busy = false;
  /** FilterLogEvents calls this view made (loads, follow reads, older pages). */
  calls = 0;

  constructor(private readonly options: LogsSessionOptions) {
    this.state = {
      target: options.target.kind === 'endpoint' ? { kind: 'endpoint', name: options.target.name } : { kind: 'inferenceComponent', name: options.target.name, endpointName: options.target.endpointName },
      range: defaultRange,
      filter: '',
      follow: true,
    };
  }

  get pageState(): LogsPageState {
    return this.state;
  }

  get following(): boolean {
    return this.follower?.following ?? false;
  }

  /** A message from the page (anything malformed is dropped). */
  async handle(raw: unknown): Promise<void> {
    const message = parseLogsToHost(raw);
    if (!message) return;
    await this.apply(message);
  }

  async apply(message: LogsToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.state = { ...message.state, target: this.state.target };
        this.options.post({
          type: 'init',
          ranges: rangeChoices.map((choice) => ({ id: choice.id, label: choice.label })),
          maxLines: this.options.maxLines,
          consoleAvailable: this.options.consoleUrl(this.options.groups()[0]?.logGroupName ?? '') !== undefined,
          connection: this.options.connectionLabel(),
          pollNote,
        });
        if (!checkFilterPattern(this.state.filter).ok) this.state.filter = '';
        await this.load();
        return;
      case 'setRange': {
        if (message.range === 'custom') {
          const parsed = parseCustomStart(message.customStart ?? '', this.options.now());
          if ('error' in parsed) {
            this.options.post({ type: 'inputError', field: 'range', reason: parsed.error });
            return;
          }
        }
        this.state = { ...this.state, range: message.range, ...(message.customStart !== undefined ? { customStart: message.customStart } : {}) };
        await this.load();
        return;
      }
      case 'setFilter': {
        const check = checkFilterPattern(message.filter);
        if (!check.ok) {
          this.options.post({ type: 'inputError', field: 'filter', reason: check.reason });
          return;
        }
        this.state = { ...this.state, filter: check.pattern };
        await this.load();
        return;
      }
      case 'setFollow':
        this.state = { ...this.state, follow: message.follow };
        if (message.follow) this.startFollowing(this.options.now(), []);
        else this.stopFollowing();
        this.postStatus();
        return;
      case 'loadOlder':
        await this.loadOlder();
        return;
      case 'openConsole': {
        // The first group that exists (an endpoint built from components has no group of its own), else the first.
        const group = this.lastGroups.find((read) => read.state === 'ok')?.source ?? this.options.groups()[0];
        const url = group ? this.options.consoleUrl(group.logGroupName) : undefined;
        if (url) this.options.openUrl(url);
        return;
      }
      case 'copy':
        this.options.copy(message.text);
        return;
    }
  }

  private range(): TimeRange {
    if (this.state.range !== 'custom') return { id: this.state.range };
    const parsed = parseCustomStart(this.state.customStart ?? '', this.options.now());
    return 'start' in parsed ? { id: 'custom', customStart: parsed.start } : { id: defaultRange };
  }

  /** Reads the range afresh and replaces what the page shows; follows from its end when follow is on. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    this.stopFollowing();
    const api = this.options.api();
    const window = windowOf(this.range(), this.options.now());
    this.firstWindow = { ...window };
    this.shownStart = window.start;
    if (!api) {
      this.options.post({ type: 'reset', lines: [], windowStart: window.start, windowEnd: window.end, truncated: false, olderAvailable: false });
      this.options.post({ type: 'status', busy: false, following: false, groups: [], notices: [{ kind: 'other', message: 'Not connected: connect to AWS or start the local emulator, then reopen the logs.' }] });
      return;
    }
    this.busy = true;
    this.postStatus();
    const request = { end: window.end, filterPattern: this.state.filter || undefined, maxLines: this.options.maxLines };
    let read = await readWindow(api, this.options.groups(), { ...request, start: window.start });
    this.calls += read.calls;
    // More lines than the view holds: the newest matter most, so the window shrinks toward now (a
    // quarter each time, up to three times) and Load older pages back from where it starts.
    for (let shrink = 0; read.truncated && shrink < 3 && generation === this.generation; shrink++) {
      window.start = window.end - Math.max(1000, Math.floor((window.end - window.start) / 4));
      this.firstWindow = { ...window };
      read = await readWindow(api, this.options.groups(), { ...request, start: window.start });
      this.calls += read.calls;
    }
    if (generation !== this.generation) return;
    this.shownStart = window.start;
    this.busy = false;
    this.lastGroups = read.groups;
    this.options.post({
      type: 'reset',
      lines: this.wire(read.lines),
      windowStart: window.start,
      windowEnd: window.end,
      truncated: read.truncated,
      olderAvailable: window.start > 0,
    });
    if (this.state.follow) this.startFollowing(window.end, read.lines);
    this.postStatus();
  }

  private async loadOlder(): Promise<void> {
    const api = this.options.api();
    if (!api || !this.firstWindow) return;
    const older = olderWindow(this.firstWindow, this.shownStart);
    if (!older) return;
    const generation = this.generation;
    this.busy = true;
    this.postStatus();
    const read = await readWindow(api, this.options.groups(), { start: older.start, end: older.end, filterPattern: this.state.filter || undefined, maxLines: this.options.maxLines });
    if (generation !== this.generation) return;
    this.calls += read.calls;
    this.busy = false;
    this.shownStart = older.start;
    this.options.post({ type: 'prepend', lines: this.wire(read.lines), windowStart: older.start, olderAvailable: older.start > 0 });
    this.postStatus();
  }

  private startFollowing(since: number, shown: readonly LogLine[]): void {
    this.stopFollowing();
    const api = this.options.api();
    if (!api) return;
    const generation = this.generation;
    const follower = new LogFollower({
      api,
      groups: this.options.groups,
      now: this.options.now,
      timer: this.options.timer,
      since,
      filterPattern: this.state.filter || undefined,
      minIntervalMs: this.options.minIntervalMs,
      maxIntervalMs: this.options.maxIntervalMs,
      deliver: (lines, read) => {
        if (generation !== this.generation) return;
        this.calls += read.calls;
        this.lastGroups = read.groups;
        if (lines.length > 0) this.options.post({ type: 'append', lines: this.wire(lines) });
      },
      scheduled: (waitMs) => {
        if (generation === this.generation) this.postStatus(waitMs);
      },
    });
    follower.markSeen(shown);
    follower.setVisible(this.visible);
    this.follower = follower;
    follower.start();
  }

  private stopFollowing(): void {
    this.follower?.dispose();
    this.follower = undefined;
  }

  /** The panel was hidden or shown: following pauses while hidden. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.follower?.setVisible(visible);
  }

  private wire(lines: readonly LogLine[]): WireLine[] {
    const groups = this.options.groups();
    const owners = new Map(groups.map((group) => [group.logGroupName, group.ownerName]));
    const several = groups.length > 1;
    return lines.map((line) => ({
      id: line.eventId,
      t: line.timestamp,
      stream: line.stream,
      message: line.message,
      ...(several ? { source: owners.get(line.logGroupName) ?? line.logGroupName } : {}),
      ...(line.instance ? { instance: line.instance } : {}),
      ...(line.copy ? { copy: line.copy } : {}),
    }));
  }

  /** The notices: the target's failures first, then what the groups answered (one when no group exists yet, one per other problem). */
  notices(groups: readonly GroupRead[] = this.lastGroups): WireNotice[] {
    const place = this.options.place();
    const resource = resourceWords(this.options.target.kind, this.options.target.name);
    const notices: WireNotice[] = (this.options.failures?.() ?? []).map((failure) => failureNotice(failure, new Date(this.options.now())));
    const missing = groups.filter((group) => group.state === 'missing');
    if (groups.length > 0 && missing.length === groups.length) {
      const problem = describeLogsProblem(missing[0].error, { logGroupName: missing[0].source.logGroupName, region: place.region, accountId: place.accountId, resource, creating: this.options.creating() });
      const others = missing.slice(1).map((group) => group.source.logGroupName);
      notices.push({ kind: 'groupMissing', message: others.length > 0 ? `${problem.message} Nor do ${others.join(', ')}.` : problem.message });
    }
    const seen = new Set<string>();
    for (const group of groups.filter((candidate) => candidate.state === 'failed')) {
      const problem = describeLogsProblem(group.error, { logGroupName: group.source.logGroupName, region: place.region, accountId: place.accountId, resource });
      if (seen.has(problem.message)) continue;
      seen.add(problem.message);
      this.options.warn?.(`Logs of ${resource}: ${problem.message}`);
      notices.push({ kind: problem.kind, message: problem.message, ...(problem.policy ? { policy: problem.policy } : {}) });
    }
    return notices;
  }

  private postStatus(nextReadMs?: number): void {
    this.options.post({
      type: 'status',
      busy: this.busy,
      following: this.following,
      ...(nextReadMs !== undefined && this.following ? { nextReadMs } : {}),
      groups: this.lastGroups.map((group) => ({ name: group.source.logGroupName, state: group.state })),
      notices: this.notices(),
    });
  }

  dispose(): void {
    this.generation += 1;
    this.stopFollowing();
  }
}

/*
 * CloudWatch Logs' data: log groups, their streams and the streams' events, as plain records (the state
 * file stores exactly these). Writers may put events ahead of the clock (a container's startup lines are
 * written when the copy starts, each at the virtual time it happens): an event is readable once it has
 * been ingested, `ingestionDelayMs` after its timestamp, and a stream or group is visible from its
 * creation time. A stream keeps at most `maxEventsPerStream` events: past that the oldest go.
 */

/** How long after its timestamp an event is ingested (readable): the contract's 1 s. */
export const ingestionDelayMs = 1000;
/** The most events one stream keeps (the oldest are dropped first), so a long run cannot grow without bound. */
export const maxEventsPerStream = 10_000;

export interface LogEventRecord {
  timestamp: number;
  message: string;
  /** A unique, increasing number: the event's eventId and its order among events of the same time. */
  sequence: number;
}

export interface LogStreamRecord {
  name: string;
  creationTime: number;
  /** Events in time order (ties in writing order). */
  events: LogEventRecord[];
  /** The copy whose container writes the stream, when one does (its future lines go if the copy goes). */
  copyId?: string;
}

export interface LogGroupRecord {
  name: string;
  creationTime: number;
  streams: LogStreamRecord[];
}

export interface LogsState {
  groups: LogGroupRecord[];
  nextSequence: number;
}

export function emptyLogsState(): LogsState {
  return { groups: [], nextSequence: 1 };
}

export function isLogsState(value: unknown): value is LogsState {
  const state = value as Partial<LogsState> | undefined;
  return (
    typeof state === 'object' &&
    state !== null &&
    typeof state.nextSequence === 'number' &&
    Array.isArray(state.groups) &&
    state.groups.every((group) => typeof group?.name === 'string' && typeof group.creationTime === 'number' && Array.isArray(group.streams))
  );
}

/** Whether an event can be read at `now` (ingested). */
export const ingested = (event: LogEventRecord, now: number): boolean => event.timestamp + ingestionDelayMs <= now;

/** The store: groups by name, appends in time order, the per-stream cap, and removing lines that never happened. */
export class LogStore {
  private byName = new Map<string, LogGroupRecord>();
  private current: LogsState = emptyLogsState();

  get state(): LogsState {
    return this.current;
  }

  set state(state: LogsState) {
    this.current = state;
    this.byName = new Map(state.groups.map((group) => [group.name, group]));
  }

  clear(): void {
    this.state = emptyLogsState();
  }

  group(name: string): LogGroupRecord | undefined {
    return this.byName.get(name);
  }

  /** The group, created at `at` if it does not exist yet (an earlier `at` moves a future creation back). */
  ensureGroup(name: string, at: number): LogGroupRecord {
    let group = this.byName.get(name);
    if (!group) {
      group = { name, creationTime: at, streams: [] };
      this.byName.set(name, group);
      this.current.groups.push(group);
    } else if (at < group.creationTime) {
      group.creationTime = at;
    }
    return group;
  }

  /** The stream, created at `at` (with its group) if it does not exist yet. */
  ensureStream(groupName: string, streamName: string, at: number, copyId?: string): LogStreamRecord {
    const group = this.ensureGroup(groupName, at);
    let stream = group.streams.find((candidate) => candidate.name === streamName);
    if (!stream) {
      stream = { name: streamName, creationTime: at, events: [], ...(copyId ? { copyId } : {}) };
      group.streams.push(stream);
    } else if (at < stream.creationTime) {
      stream.creationTime = at;
    }
    return stream;
  }

  /** Appends one event at its place in time; drops the stream's oldest past the cap. */
  put(stream: LogStreamRecord, timestamp: number, message: string): void {
    const event: LogEventRecord = { timestamp, message, sequence: this.current.nextSequence++ };
    const events = stream.events;
    let index = events.length;
    while (index > 0 && events[index - 1].timestamp > timestamp) index--;
    events.splice(index, 0, event);
    if (events.length > maxEventsPerStream) events.splice(0, events.length - maxEventsPerStream);
  }

  /** Streams written by a copy that still has events after `at` (what a copy that went away had not written yet). */
  streamsAhead(at: number): { group: LogGroupRecord; stream: LogStreamRecord }[] {
    const ahead: { group: LogGroupRecord; stream: LogStreamRecord }[] = [];
    for (const group of this.current.groups) {
      for (const stream of group.streams) {
        const last = stream.events[stream.events.length - 1];
        if (stream.copyId && ((last && last.timestamp > at) || stream.creationTime > at)) ahead.push({ group, stream });
      }
    }
    return ahead;
  }

  /**
   * Removes what was written for after `at` in a stream (its container stopped earlier than planned): the
   * later events, the stream itself if it was to be created later, and its group if that leaves it empty
   * and it was to be created later too.
   */
  truncateAfter(group: LogGroupRecord, stream: LogStreamRecord, at: number): void {
    stream.events = stream.events.filter((event) => event.timestamp <= at);
    if (stream.creationTime > at) group.streams = group.streams.filter((candidate) => candidate !== stream);
    if (group.creationTime > at) {
      if (group.streams.length === 0) {
        this.byName.delete(group.name);
        this.current.groups = this.current.groups.filter((candidate) => candidate !== group);
      } else {
        group.creationTime = Math.min(...group.streams.map((candidate) => candidate.creationTime));
      }
    }
  }
}

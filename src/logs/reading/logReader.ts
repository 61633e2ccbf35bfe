/**
 * Reads a window of log lines from one or more log groups with `FilterLogEvents` (pages followed
 * until the window is read or the view's cap is reached) and merges them in time order. The API is
 * passed in (`LogsApi`): the SDK's client in the extension (sdkLogsApi.ts), a fake in unit tests.
 */
import type { FilterLogEventsCommandInput, FilterLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { type LogsProblem, problemKind } from './logErrors';
import { type LogGroupSource } from './logGroups';
import { readStreamName, type StreamOrigin } from './streamNames';

/** The one call the view makes. */
export interface LogsApi {
  filterLogEvents(input: FilterLogEventsCommandInput): Promise<Pick<FilterLogEventsCommandOutput, 'events' | 'nextToken'>>;
}

export interface LogLine extends StreamOrigin {
  eventId: string;
  timestamp: number;
  ingestionTime?: number;
  message: string;
  logGroupName: string;
}

export interface GroupRead {
  source: LogGroupSource;
  /** `ok`: read; `missing`: the group does not exist (yet); `failed`: another error (in `error`). */
  state: 'ok' | 'missing' | 'failed';
  error?: unknown;
  problem?: LogsProblem;
}

export interface WindowRead {
  lines: LogLine[];
  groups: GroupRead[];
  /** The window had more lines than `maxLines`: the first ones of each group were kept. */
  truncated: boolean;
  /** FilterLogEvents calls made. */
  calls: number;
}

export interface WindowRequest {
  start: number;
  /** Omitted: up to what has been ingested. */
  end?: number;
  filterPattern?: string;
  /** The most lines kept from the window (over all groups). */
  maxLines: number;
  /** The most pages read per group (FilterLogEvents may answer empty pages with a token while it searches). */
  maxPages?: number;
}

/** Time order; lines of the same millisecond in the order of their groups, then by event id (stable). */
export function compareLines(a: LogLine, b: LogLine): number {
  return a.timestamp - b.timestamp || (a.logGroupName < b.logGroupName ? -1 : a.logGroupName > b.logGroupName ? 1 : 0) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

async function readGroup(api: LogsApi, source: LogGroupSource, request: WindowRequest): Promise<{ read: GroupRead; lines: LogLine[]; truncated: boolean; calls: number }> {
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  let calls = 0;
  const maxPages = request.maxPages ?? 20;
  try {
    do {
      const remaining = request.maxLines - lines.length;
      const answer = await api.filterLogEvents({
        logGroupName: source.logGroupName,
        startTime: request.start,
        ...(request.end !== undefined ? { endTime: request.end } : {}),
        ...(request.filterPattern ? { filterPattern: request.filterPattern } : {}),
        limit: Math.max(1, Math.min(10_000, remaining)),
        ...(nextToken ? { nextToken } : {}),
      });
      calls += 1;
      for (const event of answer.events ?? []) {
        if (event.eventId === undefined || event.timestamp === undefined) continue;
        const stream = event.logStreamName ?? '';
        lines.push({
          ...readStreamName(stream),
          eventId: event.eventId,
          timestamp: event.timestamp,
          ...(event.ingestionTime !== undefined ? { ingestionTime: event.ingestionTime } : {}),
          message: (event.message ?? '').replace(/\r?\n$/, ''),
          logGroupName: source.logGroupName,
        });
      }
      nextToken = answer.nextToken;
    } while (nextToken && lines.length < request.maxLines && calls < maxPages);
  } catch (error) {
    const kind = problemKind(error);
    return { read: { source, state: kind === 'groupMissing' ? 'missing' : 'failed', error }, lines, truncated: false, calls: calls + 1 };
  }
  return { read: { source, state: 'ok' }, lines, truncated: nextToken !== undefined, calls };
}

/** Reads `[start, end]` from every group at once and merges the lines in time order. */
export async function readWindow(api: LogsApi, groups: readonly LogGroupSource[], request: WindowRequest): Promise<WindowRead> {
  const reads = await Promise.all(groups.map((source) => readGroup(api, source, request)));
  let lines = reads.flatMap((read) => read.lines).sort(compareLines);
  let truncated = reads.some((read) => read.truncated);
  if (lines.length > request.maxLines) {
    lines = lines.slice(0, request.maxLines);
    truncated = true;
  }
  return { lines, groups: reads.map((read) => read.read), truncated, calls: reads.reduce((sum, read) => sum + read.calls, 0) };
}

import { ServiceError } from '../http/serviceError';
import { type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler, type RequestContext } from '../services/service';
import { matchesFilter, parseFilterPattern } from './filterPattern';
import { ingested, ingestionDelayMs, type LogEventRecord, type LogGroupRecord, type LogStore, type LogStreamRecord } from './logStore';

/*
 * CloudWatch Logs' read operations on the emulator's store: DescribeLogGroups, DescribeLogStreams,
 * FilterLogEvents and GetLogEvents, with the model's members, AWS's errors and paging. Every read sees
 * the store as it is at the request's virtual time: groups and streams from their creation time, events
 * once ingested. The model's constraints (lengths, ranges, patterns) are checked before these run.
 */

export const logGroupMissingMessage = 'The specified log group does not exist.';
export const logStreamMissingMessage = 'The specified log stream does not exist.';

const invalidParameter = (message: string) => new ServiceError('InvalidParameterException', message, 400);
const resourceNotFound = (message: string) => new ServiceError('ResourceNotFoundException', message, 400);

/** A page position: a base64 JSON object, opaque to clients. */
function encodeToken(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64');
}

function decodeToken<T extends Record<string, unknown>>(token: unknown, valid: (value: Record<string, unknown>) => boolean): T {
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && valid(parsed as Record<string, unknown>)) return parsed as T;
  } catch {
    // falls through to the refusal
  }
  throw invalidParameter('The specified nextToken is invalid.');
}

const str = (input: JsonObject, member: string): string | undefined => (typeof input[member] === 'string' ? (input[member] as string) : undefined);
const num = (input: JsonObject, member: string): number | undefined => (typeof input[member] === 'number' ? (input[member] as number) : undefined);

export function logsOperations(store: LogStore): Record<string, JsonRpcHandler> {
  const groupArn = (context: RequestContext, name: string) => `arn:aws:logs:${context.region}:${context.accountId}:log-group:${name}`;

  /** The group a request names by logGroupName or logGroupIdentifier (a name or an ARN), visible at the request's time. */
  function namedGroup(input: JsonObject, context: RequestContext): LogGroupRecord {
    const name = str(input, 'logGroupName');
    const identifier = str(input, 'logGroupIdentifier');
    if (name !== undefined && identifier !== undefined) throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    if (name === undefined && identifier === undefined) throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
    let groupName = name ?? identifier!;
    if (name === undefined && groupName.startsWith('arn:')) {
      const match = /^arn:[^:]+:logs:([^:]*):([^:]*):log-group:(.+?)(:\*)?$/.exec(groupName);
      if (!match) throw invalidParameter(`The log group identifier ${groupName} is not a log group name or ARN.`);
      if (match[2] !== context.accountId || (match[1] !== '' && match[1] !== context.region)) throw resourceNotFound(logGroupMissingMessage);
      groupName = match[3];
    }
    const group = store.group(groupName);
    if (!group || group.creationTime > context.now()) throw resourceNotFound(logGroupMissingMessage);
    return group;
  }

  const visibleStreams = (group: LogGroupRecord, now: number) => group.streams.filter((stream) => stream.creationTime <= now);
  const readable = (stream: LogStreamRecord, now: number) => stream.events.filter((event) => ingested(event, now));

  function describeStream(context: RequestContext, group: LogGroupRecord, stream: LogStreamRecord): JsonObject {
    const events = readable(stream, context.now());
    const first = events[0];
    const last = events[events.length - 1];
    return {
      logStreamName: stream.name,
      creationTime: stream.creationTime,
      ...(first ? { firstEventTimestamp: first.timestamp, lastEventTimestamp: last.timestamp, lastIngestionTime: last.timestamp + ingestionDelayMs } : {}),
      ...(last ? { uploadSequenceToken: String(last.sequence).padStart(56, '0') } : {}),
      arn: `${groupArn(context, group.name)}:log-stream:${stream.name}`,
      storedBytes: 0,
    };
  }

  return {
    DescribeLogGroups: (input, context) => {
      const now = context.now();
      const prefix = str(input, 'logGroupNamePrefix');
      const pattern = str(input, 'logGroupNamePattern');
      if (prefix !== undefined && pattern !== undefined) {
        throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      }
      const identifiers = Array.isArray(input.logGroupIdentifiers) ? (input.logGroupIdentifiers as string[]) : undefined;
      const limit = num(input, 'limit') ?? 50;
      const after = input.nextToken === undefined ? undefined : decodeToken<{ after: string }>(input.nextToken, (value) => typeof value.after === 'string').after;
      const wanted = pattern?.toLowerCase();
      const groups = store.state.groups
        .filter((group) => group.creationTime <= now)
        .filter((group) => prefix === undefined || group.name.startsWith(prefix))
        .filter((group) => wanted === undefined || group.name.toLowerCase().includes(wanted))
        .filter((group) => !identifiers || identifiers.some((id) => id === group.name || id.replace(/:\*$/, '') === groupArn(context, group.name)))
        .filter((group) => after === undefined || group.name > after)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const page = groups.slice(0, limit);
      return {
        logGroups: page.map((group) => ({
          logGroupName: group.name,
          creationTime: group.creationTime,
          metricFilterCount: 0,
          arn: `${groupArn(context, group.name)}:*`,
          storedBytes: group.streams.reduce((sum, stream) => sum + readable(stream, now).reduce((bytes, event) => bytes + Buffer.byteLength(event.message), 0), 0),
          logGroupClass: 'STANDARD',
          logGroupArn: groupArn(context, group.name),
        })),
        ...(groups.length > limit ? { nextToken: encodeToken({ after: page[page.length - 1].name }) } : {}),
      };
    },

    DescribeLogStreams: (input, context) => {
      const now = context.now();
      const group = namedGroup(input, context);
      const prefix = str(input, 'logStreamNamePrefix');
      const orderBy = str(input, 'orderBy') ?? 'LogStreamName';
      if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
      const descending = input.descending === true;
      const limit = num(input, 'limit') ?? 50;
      const offset = input.nextToken === undefined ? 0 : decodeToken<{ offset: number }>(input.nextToken, (value) => Number.isInteger(value.offset) && (value.offset as number) >= 0).offset;
      const lastEvent = (stream: LogStreamRecord) => {
        const events = readable(stream, now);
        return events.length > 0 ? events[events.length - 1].timestamp : stream.creationTime;
      };
      const streams = visibleStreams(group, now).filter((stream) => prefix === undefined || stream.name.startsWith(prefix));
      const byName = (a: LogStreamRecord, b: LogStreamRecord) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      streams.sort(orderBy === 'LastEventTime' ? (a, b) => lastEvent(a) - lastEvent(b) || byName(a, b) : byName);
      if (descending) streams.reverse();
      const page = streams.slice(offset, offset + limit);
      return {
        logStreams: page.map((stream) => describeStream(context, group, stream)),
        ...(offset + limit < streams.length ? { nextToken: encodeToken({ offset: offset + limit }) } : {}),
      };
    },

    FilterLogEvents: (input, context) => {
      const now = context.now();
      const group = namedGroup(input, context);
      const names = Array.isArray(input.logStreamNames) ? (input.logStreamNames as string[]) : undefined;
      const prefix = str(input, 'logStreamNamePrefix');
      if (names !== undefined && prefix !== undefined) throw invalidParameter('You cannot specify both logStreamNames and logStreamNamePrefix.');
      const startTime = num(input, 'startTime') ?? 0;
      const endTime = num(input, 'endTime') ?? Number.MAX_SAFE_INTEGER;
      if (startTime > endTime) throw invalidParameter('endTime must be greater than or equal to startTime.');
      const pattern = parseFilterPattern(str(input, 'filterPattern') ?? '');
      if (typeof pattern === 'string') throw invalidParameter(pattern);
      const limit = num(input, 'limit') ?? 10_000;
      const after =
        input.nextToken === undefined
          ? undefined
          : decodeToken<{ timestamp: number; sequence: number }>(input.nextToken, (value) => typeof value.timestamp === 'number' && typeof value.sequence === 'number');
      const streams = visibleStreams(group, now).filter((stream) => (names ? names.includes(stream.name) : prefix === undefined || stream.name.startsWith(prefix)));
      const found: { stream: LogStreamRecord; event: LogEventRecord }[] = [];
      for (const stream of streams) {
        const events = stream.events;
        // Events are in time order: start at the first not before startTime (or after the page's last).
        const from = Math.max(startTime, after?.timestamp ?? 0);
        let low = 0;
        let high = events.length;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if (events[middle].timestamp < from) low = middle + 1;
          else high = middle;
        }
        for (let index = low; index < events.length; index++) {
          const event = events[index];
          if (event.timestamp > endTime || !ingested(event, now)) break;
          if (after && (event.timestamp < after.timestamp || (event.timestamp === after.timestamp && event.sequence <= after.sequence))) continue;
          if (matchesFilter(pattern, event.message)) found.push({ stream, event });
        }
      }
      found.sort((a, b) => a.event.timestamp - b.event.timestamp || a.event.sequence - b.event.sequence);
      const page = found.slice(0, limit);
      const last = page[page.length - 1];
      return {
        events: page.map(({ stream, event }) => ({
          logStreamName: stream.name,
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: event.timestamp + ingestionDelayMs,
          eventId: String(event.sequence).padStart(56, '0'),
        })),
        searchedLogStreams: [],
        ...(found.length > limit ? { nextToken: encodeToken({ timestamp: last.event.timestamp, sequence: last.event.sequence }) } : {}),
      };
    },

    GetLogEvents: (input, context) => {
      const now = context.now();
      const group = namedGroup(input, context);
      const streamName = str(input, 'logStreamName')!;
      const stream = visibleStreams(group, now).find((candidate) => candidate.name === streamName);
      if (!stream) throw resourceNotFound(logStreamMissingMessage);
      const startTime = num(input, 'startTime') ?? 0;
      const endTime = num(input, 'endTime') ?? Number.MAX_SAFE_INTEGER;
      const events = readable(stream, now).filter((event) => event.timestamp >= startTime && event.timestamp <= endTime);
      const limit = num(input, 'limit') ?? 10_000;
      let from: number;
      let to: number;
      const token = str(input, 'nextToken');
      if (token !== undefined) {
        const match = /^([fb])\/(\d+)$/.exec(token);
        if (!match) throw invalidParameter('The specified nextToken is invalid.');
        const position = Math.min(Number(match[2]), events.length);
        if (match[1] === 'f') {
          from = position;
          to = Math.min(events.length, position + limit);
        } else {
          to = position;
          from = Math.max(0, position - limit);
        }
      } else if (input.startFromHead === true) {
        from = 0;
        to = Math.min(events.length, limit);
      } else {
        to = events.length;
        from = Math.max(0, to - limit);
      }
      return {
        events: events.slice(from, to).map((event) => ({ timestamp: event.timestamp, message: event.message, ingestionTime: event.timestamp + ingestionDelayMs })),
        nextForwardToken: `f/${String(to).padStart(12, '0')}`,
        nextBackwardToken: `b/${String(from).padStart(12, '0')}`,
      };
    },
  };
}

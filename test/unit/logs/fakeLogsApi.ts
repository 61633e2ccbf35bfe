/** A CloudWatch Logs stand-in for the logs view's unit tests: groups of events, an account clock, paging, injected failures. */
import type { FilterLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { type LogsApi } from '../../../src/logs/reading/logReader';

export interface FakeEvent {
  eventId: string;
  timestamp: number;
  /** Defaults to 1 s after the timestamp (as the emulator ingests). */
  ingestionTime?: number;
  logStreamName: string;
  message: string;
}

export class FakeLogsApi implements LogsApi {
  readonly groups = new Map<string, FakeEvent[]>();
  readonly calls: FilterLogEventsCommandInput[] = [];
  /** Answers the next calls with these errors, one per call. */
  failures: unknown[] = [];
  now = 0;
  private counter = 0;

  constructor(private readonly pageSize = 50) {}

  createGroup(name: string): void {
    if (!this.groups.has(name)) this.groups.set(name, []);
  }

  write(group: string, timestamp: number, message: string, logStreamName = 'AllTraffic/i-0abc/copy-1'): FakeEvent {
    this.createGroup(group);
    const event = { eventId: `e${String(++this.counter).padStart(6, '0')}`, timestamp, logStreamName, message };
    this.groups.get(group)!.push(event);
    return event;
  }

  async filterLogEvents(input: FilterLogEventsCommandInput) {
    this.calls.push(input);
    const failure = this.failures.shift();
    if (failure) throw failure;
    const events = this.groups.get(input.logGroupName ?? '');
    if (!events) throw Object.assign(new Error('The specified log group does not exist.'), { name: 'ResourceNotFoundException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    const terms = (input.filterPattern ?? '').split(/\s+/).filter(Boolean);
    const matching = events
      .filter((event) => (event.ingestionTime ?? event.timestamp + 1000) <= this.now)
      .filter((event) => event.timestamp >= (input.startTime ?? 0) && event.timestamp <= (input.endTime ?? Number.MAX_SAFE_INTEGER))
      .filter((event) => terms.every((term) => event.message.includes(term)))
      .sort((a, b) => a.timestamp - b.timestamp);
    const from = input.nextToken ? Number(input.nextToken) : 0;
    const size = Math.min(input.limit ?? 10_000, this.pageSize);
    const page = matching.slice(from, from + size);
    const next = from + size < matching.length ? String(from + size) : undefined;
    return { events: page.map((event) => ({ ...event, ingestionTime: event.ingestionTime ?? event.timestamp + 1000 })), ...(next ? { nextToken: next } : {}) };
  }
}

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  type FilteredLogEvent,
  GetLogEventsCommand,
  paginateFilterLogEvents,
  StartLiveTailCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { credentials, errorOf, startHarness, stopHarness, type Harness } from './harness';
import { runBoto3Script } from './boto3Script';
import { sendSigned } from './contract/signedHttp';
import { maxEventsPerStream } from '../src/logs/logStore';
import { parseFilterPattern, matchesFilter } from '../src/logs/filterPattern';

const start = Date.UTC(2025, 0, 1);

describe('emulator: the CloudWatch Logs API (paging, filters, time ranges, errors) with the AWS SDK, boto3 and the AWS CLI', () => {
  let h: Harness;
  let logs: CloudWatchLogsClient;
  beforeEach(async () => {
    h = await startHarness({ startTime: start });
    logs = new CloudWatchLogsClient({ endpoint: h.emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  afterEach(async () => {
    logs.destroy();
    await stopHarness(h);
  });

  /** Writes `count` events a second apart into `<group>`'s stream, from `from`. */
  function write(group: string, stream: string, count: number, message: (index: number) => string, from = start): void {
    const store = h.emulator.emulator.logStore;
    const record = store.ensureStream(group, stream, from);
    for (let index = 0; index < count; index++) store.put(record, from + index * 1000, message(index));
  }

  it('pages DescribeLogGroups by name (limit, nextToken) and filters by prefix and by pattern', async () => {
    for (let index = 0; index < 7; index++) write(`/aws/sagemaker/InferenceComponents/ic-${index}`, 'AllTraffic/i-1/copy-1', 1, () => 'x');
    write('/other/group', 's', 1, () => 'x');
    h.emulator.advance(5);
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/sagemaker/', limit: 3, nextToken }));
      names.push(...(page.logGroups ?? []).map((group) => group.logGroupName!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.equal(pages, 3);
    assert.deepEqual(names, Array.from({ length: 7 }, (_, index) => `/aws/sagemaker/InferenceComponents/ic-${index}`));
    const byPattern = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'OTHER' }));
    assert.deepEqual(byPattern.logGroups?.map((group) => group.logGroupName), ['/other/group']);
    const both = await errorOf(() => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/a', logGroupNamePattern: 'b' })));
    assert.equal(both.name, 'InvalidParameterException');
    const tooMany = await errorOf(() => logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    assert.equal(tooMany.name, 'InvalidParameterException');
    assert.match(tooMany.message, /^1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50/);
  });

  it('orders DescribeLogStreams by name or by last event time, descending, in pages, and refuses LastEventTime with a prefix', async () => {
    write('/g', 'b', 1, () => 'x', start + 5000);
    write('/g', 'a', 1, () => 'x', start + 9000);
    write('/g', 'c', 1, () => 'x', start + 1000);
    h.emulator.advance(20);
    const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/g' }));
    assert.deepEqual(byName.logStreams?.map((stream) => stream.logStreamName), ['a', 'b', 'c']);
    const latestFirst = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/g', orderBy: 'LastEventTime', descending: true, limit: 2 }));
    assert.deepEqual(latestFirst.logStreams?.map((stream) => stream.logStreamName), ['a', 'b']);
    const rest = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/g', orderBy: 'LastEventTime', descending: true, limit: 2, nextToken: latestFirst.nextToken }));
    assert.deepEqual(rest.logStreams?.map((stream) => stream.logStreamName), ['c']);
    assert.equal(rest.nextToken, undefined);
    const refused = await errorOf(() => logs.send(new DescribeLogStreamsCommand({ logGroupName: '/g', orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })));
    assert.equal(refused.name, 'InvalidParameterException');
    const missing = await errorOf(() => logs.send(new DescribeLogStreamsCommand({ logGroupName: '/nope' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missing.message, 'The specified log group does not exist.');
  });

  it('FilterLogEvents: events of several streams in time order, a time range, stream names or a prefix, pages with nextToken, a group named by ARN', async () => {
    write('/g', 'AllTraffic/i-1/copy-1', 30, (index) => `INFO one ${index}`, start);
    write('/g', 'AllTraffic/i-2/copy-2', 30, (index) => `INFO two ${index}`, start + 500);
    h.emulator.advance(60);
    const all: FilteredLogEvent[] = [];
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 7 }, { logGroupName: '/g' })) all.push(...(page.events ?? []));
    assert.equal(all.length, 60);
    assert.deepEqual(all.slice(0, 3).map((event) => event.message), ['INFO one 0', 'INFO two 0', 'INFO one 1']);
    assert.ok(all.every((event, index) => index === 0 || event.timestamp! >= all[index - 1].timestamp!));
    assert.equal(new Set(all.map((event) => event.eventId)).size, 60, 'every eventId is distinct');
    const ranged = await logs.send(new FilterLogEventsCommand({ logGroupName: '/g', startTime: start + 10_000, endTime: start + 12_000, logStreamNamePrefix: 'AllTraffic/i-2/' }));
    assert.deepEqual(ranged.events?.map((event) => event.message), ['INFO two 10', 'INFO two 11']);
    const named = await logs.send(new FilterLogEventsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:/g', logStreamNames: ['AllTraffic/i-1/copy-1'], limit: 2 }));
    assert.deepEqual(named.events?.map((event) => [event.logStreamName, event.message]), [['AllTraffic/i-1/copy-1', 'INFO one 0'], ['AllTraffic/i-1/copy-1', 'INFO one 1']]);
    assert.ok(named.nextToken);
    const both = await errorOf(() => logs.send(new FilterLogEventsCommand({ logGroupName: '/g', logGroupIdentifier: '/g' })));
    assert.equal(both.name, 'InvalidParameterException');
    const namesAndPrefix = await errorOf(() => logs.send(new FilterLogEventsCommand({ logGroupName: '/g', logStreamNames: ['a'], logStreamNamePrefix: 'a' })));
    assert.equal(namesAndPrefix.name, 'InvalidParameterException');
    const badToken = await errorOf(() => logs.send(new FilterLogEventsCommand({ logGroupName: '/g', nextToken: 'not-a-token' })));
    assert.equal(badToken.name, 'InvalidParameterException');
  });

  it('FilterLogEvents reads only ingested events: an event is readable 1 s after its timestamp', async () => {
    write('/g', 's', 1, () => 'later', start + 10_000);
    h.emulator.advance(9.5);
    assert.equal((await errorOf(() => logs.send(new FilterLogEventsCommand({ logGroupName: '/g' })))).name, 'ResourceNotFoundException', 'the group is created at 10 s: not yet');
    h.emulator.advance(1);
    assert.deepEqual((await logs.send(new FilterLogEventsCommand({ logGroupName: '/g' }))).events, [], 'created, its event not ingested yet');
    h.emulator.advance(0.5);
    const events = (await logs.send(new FilterLogEventsCommand({ logGroupName: '/g' }))).events ?? [];
    assert.deepEqual(events.map((event) => [event.message, event.timestamp, event.ingestionTime]), [['later', start + 10_000, start + 11_000]]);
  });

  it('FilterLogEvents\' filter pattern: terms (all of them), "quoted phrases", ?any, -excluded, case-sensitive', async () => {
    const messages = ['INFO Loading model weights', 'ERROR torch.OutOfMemoryError: CUDA out of memory', 'WARNING Model still loading (60 s elapsed)', 'INFO "GET /ping HTTP/1.1" 200 OK'];
    write('/g', 's', messages.length, (index) => messages[index]);
    h.emulator.advance(10);
    const matching = async (filterPattern: string) => ((await logs.send(new FilterLogEventsCommand({ logGroupName: '/g', filterPattern }))).events ?? []).map((event) => event.message);
    assert.deepEqual(await matching('ERROR memory'), [messages[1]]);
    assert.deepEqual(await matching('"GET /ping HTTP/1.1" 200'), [messages[3]]);
    assert.deepEqual(await matching('?ERROR ?WARNING'), [messages[1], messages[2]]);
    assert.deepEqual(await matching('INFO -ping'), [messages[0]]);
    assert.deepEqual(await matching('error'), [], 'terms are case-sensitive');
    assert.deepEqual(await matching(''), messages);
    assert.equal((await errorOf(() => matching('{ $.level = "ERROR" }'))).name, 'InvalidParameterException');
    // The parser on its own, so that a break in it fails here too.
    const parsed = parseFilterPattern('a "b c" ?d ?e -f');
    assert.deepEqual(parsed, { all: ['a', 'b c'], any: ['d', 'e'], none: ['f'] });
    assert.equal(matchesFilter(parsed as Exclude<typeof parsed, string>, 'a b c e'), true);
    assert.equal(matchesFilter(parsed as Exclude<typeof parsed, string>, 'a b c e f'), false);
  });

  it('GetLogEvents: the newest events by default, from the head on request, and forward/backward tokens', async () => {
    write('/g', 's', 10, (index) => `line ${index}`);
    h.emulator.advance(20);
    const newest = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', limit: 3 }));
    assert.deepEqual(newest.events?.map((event) => event.message), ['line 7', 'line 8', 'line 9']);
    const before = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', limit: 3, nextToken: newest.nextBackwardToken }));
    assert.deepEqual(before.events?.map((event) => event.message), ['line 4', 'line 5', 'line 6']);
    const head = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', limit: 4, startFromHead: true }));
    assert.deepEqual(head.events?.map((event) => event.message), ['line 0', 'line 1', 'line 2', 'line 3']);
    const next = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', limit: 4, nextToken: head.nextForwardToken }));
    assert.deepEqual(next.events?.map((event) => event.message), ['line 4', 'line 5', 'line 6', 'line 7']);
    const end = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', nextToken: newest.nextForwardToken }));
    assert.deepEqual(end.events, []);
    assert.equal(end.nextForwardToken, newest.nextForwardToken, 'at the end the forward token stays the same (how clients know to stop)');
    const missing = await errorOf(() => logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 'nope' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missing.message, 'The specified log stream does not exist.');
  });

  it('keeps at most maxEventsPerStream events a stream (the oldest go)', async () => {
    write('/g', 's', maxEventsPerStream + 5, (index) => `line ${index}`);
    h.emulator.advance(maxEventsPerStream + 10);
    const head = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', startFromHead: true, limit: 1 }));
    assert.deepEqual(head.events?.map((event) => event.message), ['line 5']);
  });

  it('answers StartLiveTail with the unknown-operation error (live tail is not emulated: clients poll FilterLogEvents)', async () => {
    // The SDK sends StartLiveTail to the host prefixed with "streaming-", which a local endpoint does not
    // answer: the request as it would reach the emulator, signed, shows its answer.
    const sdkError = await errorOf(() => logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/g'] })));
    assert.ok(sdkError instanceof Error);
    const answer = await sendSigned(h.emulator.url, 'logs', {
      method: 'POST',
      path: '/',
      query: {},
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.StartLiveTail' },
      body: Buffer.from(JSON.stringify({ logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/g'] })),
    });
    assert.equal(answer.status, 400);
    assert.equal((JSON.parse(answer.body.toString('utf8')) as { __type: string }).__type, 'UnknownOperationException');
  });

  it('keeps the logs in the state file across a restart', async () => {
    await stopHarness(h);
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const stateFile = join(mkdtempSync(join(tmpdir(), 's2z-logs-')), 'state.json');
    h = await startHarness({ startTime: start, stateFile });
    write('/g', 's', 3, (index) => `kept ${index}`);
    h.emulator.advance(10);
    await stopHarness(h);
    h = await startHarness({ startTime: start, stateFile });
    const fresh = new CloudWatchLogsClient({ endpoint: h.emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const events = (await fresh.send(new FilterLogEventsCommand({ logGroupName: '/g' }))).events ?? [];
    fresh.destroy();
    assert.deepEqual(events.map((event) => event.message), ['kept 0', 'kept 1', 'kept 2']);
  });

  it('gives boto3 and the AWS CLI the same events, through their paginators', async function () {
    this.timeout(60_000);
    write('/aws/sagemaker/InferenceComponents/boto', 'AllTraffic/i-1/copy-1', 25, (index) => `INFO line ${index}`);
    h.emulator.advance(60);
    const run = await runBoto3Script('logs_reads.py', ['/aws/sagemaker/InferenceComponents/boto'], h.emulator.url);
    assert.equal(run.error, null, run.stderr);
    const result = JSON.parse(run.stdout) as { groups: string[]; streams: string[]; filtered: string[]; pages: number; missing: string[] };
    assert.deepEqual(result.groups, ['/aws/sagemaker/InferenceComponents/boto']);
    assert.deepEqual(result.streams, ['AllTraffic/i-1/copy-1']);
    assert.equal(result.filtered.length, 25);
    assert.equal(result.filtered[24], 'INFO line 24');
    assert.equal(result.pages, 3, 'the paginator followed nextToken (limit 10)');
    assert.deepEqual(result.missing, ['ResourceNotFoundException', 'The specified log group does not exist.']);
    const cli = await new Promise<{ error: Error | null; stdout: string; stderr: string }>((done) =>
      execFile(
        'aws',
        ['logs', 'filter-log-events', '--log-group-name', '/aws/sagemaker/InferenceComponents/boto', '--filter-pattern', '"line 2"', '--page-size', '5', '--output', 'json'],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            AWS_ENDPOINT_URL: h.emulator.url,
            AWS_ACCESS_KEY_ID: credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_CONFIG_FILE: '/dev/null',
            AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          },
        },
        (error, stdout, stderr) => done({ error, stdout, stderr }),
      ),
    );
    assert.equal(cli.error, null, cli.stderr);
    const messages = (JSON.parse(cli.stdout) as { events: { message: string }[] }).events.map((event) => event.message);
    assert.deepEqual(messages, ['INFO line 2', 'INFO line 20', 'INFO line 21', 'INFO line 22', 'INFO line 23', 'INFO line 24']);
  });
});

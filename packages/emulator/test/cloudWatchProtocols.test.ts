import * as assert from 'node:assert/strict';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { cbor, tag } from '@smithy/core/cbor';
import { runBoto3Script } from './boto3Script';
import { credentials, errorOf, startHarness, stopHarness, zeroSignedHeaders, type Harness } from './harness';

const t0 = Date.UTC(2025, 0, 1);
const xmlns = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

/** Ten minutes of a custom metric: one sample of `minute + 1` every 20 seconds. */
function seedMetric(h: Harness): void {
  const id = { namespace: 'Test/Custom', metricName: 'Load', dimensions: [{ name: 'A', value: '1' }] };
  for (let second = 0; second < 600; second += 20) h.emulator.emulator.alarms.metrics.put(id, t0 + second * 1000, Math.floor(second / 60) + 1, 'Count');
  h.emulator.advance(600);
}

/** Everything one client sees of CloudWatch in one flow, without the request metadata. */
async function flow(client: CloudWatchClient): Promise<Record<string, unknown>> {
  const dims = [{ Name: 'InferenceComponentName', Value: 'ic' }];
  const seen: Record<string, unknown> = {};
  const strip = <T extends { $metadata?: unknown }>(output: T) => ({ ...output, $metadata: undefined });
  await client.send(
    new PutMetricAlarmCommand({
      AlarmName: 'p-1', MetricName: 'Invocations', Namespace: 'AWS/SageMaker', Statistic: 'Maximum', Dimensions: dims, Period: 30, EvaluationPeriods: 2, DatapointsToAlarm: 1,
      Threshold: 1.5, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching', AlarmActions: ['arn:aws:sns:us-east-1:123456789012:t'], Tags: [{ Key: 'k', Value: 'v' }],
    }),
  );
  await client.send(new PutMetricAlarmCommand({ AlarmName: 'p-2', MetricName: 'Load', Namespace: 'Test/Custom', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'LessThanThreshold' }));
  await client.send(new SetAlarmStateCommand({ AlarmName: 'p-2', StateValue: 'ALARM', StateReason: 'by hand', StateReasonData: '{"a":1}' }));
  await client.send(new DisableAlarmActionsCommand({ AlarmNames: ['p-1'] }));
  await client.send(new EnableAlarmActionsCommand({ AlarmNames: [] }));
  seen.alarms = strip(await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'p-' })));
  seen.alarmed = (await client.send(new DescribeAlarmsCommand({ StateValue: 'ALARM', AlarmNames: ['p-1', 'p-2'] }))).MetricAlarms?.map((a) => a.AlarmName);
  const metric = { Namespace: 'Test/Custom', MetricName: 'Load', Dimensions: [{ Name: 'A', Value: '1' }] };
  seen.data = strip(
    await client.send(
      new GetMetricDataCommand({ StartTime: new Date(t0), EndTime: new Date(t0 + 300_000), ScanBy: 'TimestampAscending', MetricDataQueries: [{ Id: 'q', MetricStat: { Metric: metric, Period: 60, Stat: 'Average' } }] }),
    ),
  );
  seen.statistics = strip(
    await client.send(new GetMetricStatisticsCommand({ ...metric, StartTime: new Date(t0), EndTime: new Date(t0 + 180_000), Period: 60, Statistics: ['Sum', 'Average'], ExtendedStatistics: undefined })),
  );
  seen.percentiles = (await client.send(new GetMetricStatisticsCommand({ ...metric, StartTime: new Date(t0), EndTime: new Date(t0 + 60_000), Period: 60, ExtendedStatistics: ['p50'] }))).Datapoints;
  seen.metrics = strip(await client.send(new ListMetricsCommand({ Namespace: 'Test/Custom' })));
  const notFound = await errorOf(() => client.send(new DeleteAlarmsCommand({ AlarmNames: ['p-1', 'nope'] })));
  const badPeriod = await errorOf(() => client.send(new GetMetricStatisticsCommand({ ...metric, StartTime: new Date(t0), EndTime: new Date(t0 + 60_000), Period: 45, Statistics: ['Sum'] })));
  const badEnum = await errorOf(() => client.send(new DescribeAlarmsCommand({ StateValue: 'BROKEN' as never })));
  seen.errors = [notFound, badPeriod, badEnum].map((error) => [error.name, (error as { Code?: string }).Code, error.$metadata?.httpStatusCode, error.message]);
  seen.left = (await client.send(new DescribeAlarmsCommand({}))).MetricAlarms?.map((a) => a.AlarmName);
  return seen;
}

describe('emulator: CloudWatch over every protocol of its model (awsJson 1.0, awsQuery, Smithy RPC v2 CBOR)', () => {
  let h: Harness;
  const clients: CloudWatchClient[] = [];
  const client = (protocol?: typeof AwsQueryProtocol | typeof AwsSmithyRpcV2CborProtocol) => {
    const made = new CloudWatchClient({ endpoint: h.emulator.url, region: 'us-east-1', credentials, maxAttempts: 1, ...(protocol ? { protocol } : {}) });
    clients.push(made);
    return made;
  };
  beforeEach(async () => {
    h = await startHarness({ startTime: t0 });
    seedMetric(h);
  });
  afterEach(async () => {
    for (const made of clients.splice(0)) made.destroy();
    await stopHarness(h);
  });

  it('gives the SDK v3 client the same answers and errors over awsQuery and RPC v2 CBOR as over awsJson', async () => {
    const fresh = async () => {
      await stopHarness(h);
      h = await startHarness({ startTime: t0 });
      seedMetric(h);
    };
    const json = await flow(client());
    await fresh();
    const query = await flow(client(AwsQueryProtocol));
    await fresh();
    const rpcCbor = await flow(client(AwsSmithyRpcV2CborProtocol));
    // What the flow saw, in awsJson (the protocol the other tests pin).
    assert.deepEqual(json.alarmed, ['p-2']);
    assert.deepEqual(json.left, ['p-2']);
    const statistics = json.statistics as { Datapoints: { Timestamp: Date; Sum: number }[] };
    assert.deepEqual(statistics.Datapoints.map((p) => [p.Timestamp.toISOString(), p.Sum]), [['2025-01-01T00:00:00.000Z', 3], ['2025-01-01T00:01:00.000Z', 6], ['2025-01-01T00:02:00.000Z', 9]]);
    assert.deepEqual(json.errors, [
      ['ResourceNotFound', 'ResourceNotFound', 404, '1 alarm(s) not found: [nope]'],
      ['InvalidParameterValueException', 'InvalidParameterValue', 400, 'The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.'],
      ['ValidationException', 'ValidationError', 400, "1 validation error detected: Value 'BROKEN' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [OK, ALARM, INSUFFICIENT_DATA]"],
    ]);
    // ARNs hold no random part for alarms, and the clock is frozen: the three runs are the same.
    assert.deepEqual(rpcCbor, json);
    // awsQuery names the synthetic exceptions by their query code (no __type to carry the shape name).
    const queryErrors = query.errors as unknown[][];
    assert.deepEqual(
      queryErrors.map((error) => error.slice(1)),
      (json.errors as unknown[][]).map((error) => error.slice(1)),
    );
    assert.deepEqual({ ...query, errors: undefined }, { ...json, errors: undefined });
  });

  it('answers a raw awsQuery form POST and GET in XML, with the namespace and ErrorResponse', async () => {
    await stopHarness(h);
    h = await startHarness({ startTime: t0, credentials: undefined });
    const post = (form: string) =>
      fetch(`${h.emulator.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...zeroSignedHeaders('monitoring') }, body: form });
    let response = await post(
      'Action=PutMetricAlarm&Version=2010-08-01&AlarmName=raw&MetricName=Invocations&Namespace=AWS%2FSageMaker&Statistic=Sum&Period=60&EvaluationPeriods=1' +
        '&Threshold=2.5&ComparisonOperator=GreaterThanThreshold&Dimensions.member.1.Name=InferenceComponentName&Dimensions.member.1.Value=ic&ActionsEnabled=false',
    );
    assert.equal(response.status, 200);
    let text = await response.text();
    assert.match(text, new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<PutMetricAlarmResponse xmlns="${xmlns}"><ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata></PutMetricAlarmResponse>$`));
    assert.equal(response.headers.get('content-type'), 'text/xml');
    response = await post('Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=raw');
    text = await response.text();
    assert.match(text, new RegExp(`<DescribeAlarmsResponse xmlns="${xmlns}"><DescribeAlarmsResult><CompositeAlarms></CompositeAlarms><MetricAlarms><member><AlarmName>raw</AlarmName><AlarmArn>`));
    assert.match(text, /<ActionsEnabled>false<\/ActionsEnabled><OKActions\/?>(<\/OKActions>)?/);
    assert.match(text, /<Dimensions><member><Name>InferenceComponentName<\/Name><Value>ic<\/Value><\/member><\/Dimensions>/);
    assert.match(text, /<Threshold>2.5<\/Threshold>/);
    assert.match(text, /<StateUpdatedTimestamp>2025-01-01T00:00:00Z<\/StateUpdatedTimestamp>/);
    assert.match(text, /<\/DescribeAlarmsResult><ResponseMetadata><RequestId>/);
    response = await post('Action=SetAlarmState&Version=2010-08-01&AlarmName=nope&StateValue=OK&StateReason=x');
    assert.equal(response.status, 404);
    assert.match(
      await response.text(),
      new RegExp(`<ErrorResponse xmlns="${xmlns}"><Error><Type>Sender</Type><Code>ResourceNotFound</Code><Message>Alarm nope does not exist.</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$`),
    );
    response = await post('Action=DescribeAlarms&Version=2010-08-01&MaxRecords=lots');
    assert.equal(response.status, 400);
    assert.match(await response.text(), /<Code>ValidationError<\/Code>/);
    response = await post('Action=NoSuchThing&Version=2010-08-01');
    assert.equal(response.status, 400);
    assert.match(await response.text(), /<Type>Sender<\/Type><Code>InvalidAction<\/Code>/);
    response = await fetch(`${h.emulator.url}/?Action=ListMetrics&Version=2010-08-01&Namespace=AWS%2FSageMaker`, { headers: zeroSignedHeaders('monitoring') });
    assert.equal(response.status, 200);
    assert.match(await response.text(), new RegExp(`^<\\?xml[^>]*>\\n<ListMetricsResponse xmlns="${xmlns}"><ListMetricsResult><Metrics(/>|></Metrics>)</ListMetricsResult>`));
  });

  it('answers raw RPC v2 CBOR: the protocol header, tag-1 timestamps, floats as floats, errors with __type', async () => {
    await stopHarness(h);
    h = await startHarness({ startTime: t0, credentials: undefined });
    seedMetric(h);
    const call = (operation: string, input: unknown, path = `/service/GraniteServiceVersion20100801/operation/${operation}`) =>
      fetch(`${h.emulator.url}${path}`, {
        method: 'POST',
        headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor', accept: 'application/cbor', ...zeroSignedHeaders('monitoring') },
        body: Buffer.from(cbor.serialize(input)),
      });
    let response = await call('GetMetricStatistics', {
      Namespace: 'Test/Custom', MetricName: 'Load', Dimensions: [{ Name: 'A', Value: '1' }], Period: 60, Statistics: ['Sum'],
      StartTime: tag({ tag: 1, value: t0 / 1000 }),
      EndTime: new Date(t0 + 60_000).getTime() / 1000,
    });
    // A timestamp as a bare number is what a sloppy client sends: accepted as epoch seconds too.
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('smithy-protocol'), 'rpc-v2-cbor');
    assert.equal(response.headers.get('content-type'), 'application/cbor');
    const bytes = Buffer.from(await response.arrayBuffer());
    // Timestamp: tag 1 (0xc1) over a float64 (0xfb); Sum 3.0 as a float64 too.
    assert.ok(bytes.includes(Buffer.from([0xc1, 0xfb])), bytes.toString('hex'));
    const decoded = cbor.deserialize(bytes) as { Label: string; Datapoints: { Timestamp: { tag: number; value: number }; Sum: number; Unit: string }[] };
    assert.equal(decoded.Label, 'Load');
    assert.deepEqual(decoded.Datapoints.map((p) => [p.Timestamp.tag, p.Timestamp.value, p.Sum, p.Unit]), [[1, t0 / 1000, 3, 'Count']]);
    response = await call('SetAlarmState', { AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-amzn-query-error'), 'ResourceNotFound;Sender');
    assert.deepEqual(cbor.deserialize(Buffer.from(await response.arrayBuffer())), { __type: 'com.amazonaws.cloudwatch#ResourceNotFound', message: 'Alarm nope does not exist.' });
    response = await call('NoSuchOperation', {});
    assert.equal(response.status, 404);
    response = await call('ListMetrics', {}, '/service/NoSuchService/operation/ListMetrics');
    assert.equal(response.status, 404);
    response = await fetch(`${h.emulator.url}/service/GraniteServiceVersion20100801/operation/ListMetrics`, {
      method: 'POST',
      headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor', ...zeroSignedHeaders('monitoring') },
      body: Buffer.from([0xff, 0x00]),
    });
    assert.equal(response.status, 400);
    assert.equal((cbor.deserialize(Buffer.from(await response.arrayBuffer())) as { __type: string }).__type, 'com.amazonaws.cloudwatch#SerializationException');
  });

  it('gives boto3 (botocore 1.43) the same answers over json, smithy-rpc-v2-cbor and query', async function () {
    this.timeout(60_000);
    const run = await runBoto3Script('cloudwatch_protocols.py', ['json', 'smithy-rpc-v2-cbor', 'query'], h.emulator.url);
    assert.equal(run.error, null, run.stderr);
    const results = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.fromEntries(Object.entries(results).map(([protocol, result]) => [protocol, result.serializer])), {
      json: 'JSONSerializer',
      'smithy-rpc-v2-cbor': 'RpcV2CBORSerializer',
      query: 'QuerySerializer',
    });
    const json = results.json;
    assert.deepEqual(json.alarm, {
      AlarmName: 'boto3-0', Threshold: 1.5, Period: 30, EvaluationPeriods: 2, DatapointsToAlarm: 1, Statistic: 'Maximum',
      Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }], ActionsEnabled: true, AlarmActions: ['arn:aws:sns:us-east-1:123456789012:topic'],
      TreatMissingData: 'notBreaching', StateValue: 'INSUFFICIENT_DATA',
    });
    assert.equal(json.updatedIsDate, true);
    assert.equal(json.stateAfterSet, 'ALARM');
    assert.equal((json.datapoints as unknown[]).length, 5);
    assert.deepEqual((json.datapoints as unknown[][])[0], ['2025-01-01T00:00:00+00:00', 3.0, 1.0, 3.0, 'Count']);
    assert.deepEqual(json.listed, ['Load']);
    assert.deepEqual(json.errors, { DeleteAlarms: ['ResourceNotFound', 404], Period45: ['InvalidParameterValue', 400, 'The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.'] });
    assert.deepEqual(json.leftAfterDelete, []);
    for (const protocol of ['smithy-rpc-v2-cbor', 'query']) {
      const { serializer: _ignored, ...rest } = results[protocol];
      const { serializer: _alsoIgnored, ...expected } = json;
      assert.deepEqual({ ...rest, alarm: { ...(rest.alarm as object), AlarmName: 'boto3-0' } }, expected, protocol);
    }
  });
});

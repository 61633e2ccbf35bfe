import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ApplicationAutoScalingClient, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, GetMetricStatisticsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeEndpointCommand, ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { CreateScheduleCommand, GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { validateInput } from '@s2z/service-models';
import { currentTestFile, type RecordedRequest } from '../src/recording/requestRecorder';
import { credentials, errorOf, startHarness, stopHarness, zeroSignedHeaders, type Harness } from './harness';

const t0 = Date.UTC(2025, 0, 1);
const roleArn = 'arn:aws:iam::123456789012:role/SchedulerRole';

/** What AWS's model (botocore) says of each recorded input: what the SDK sent must read back as a valid input. */
function modelViolations(lines: RecordedRequest[]): string[] {
  return lines.flatMap((line) =>
    validateInput(line.service, line.operation, line.input, { timestamps: line.protocol === 'awsQuery' ? 'iso8601' : 'epoch-seconds', blobs: 'base64' }).map(
      (violation) => `${line.operation} ${violation.path} ${violation.rule}`,
    ),
  );
}

/** Every line recorded in `directory` (any process's file), in order. */
function recorded(directory: string): RecordedRequest[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as RecordedRequest);
}

describe('emulator: the recording mode (every decoded request, in the model’s member names, with the test that sent it)', () => {
  let directory: string;
  let h: Harness | undefined;
  const clients: { destroy(): void }[] = [];
  const config = () => ({ endpoint: h!.emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  const label = (title: string) => writeFileSync(join(directory, currentTestFile), title);

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 's2z-recording-'));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await stopHarness(h);
    h = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  it('records the region each request was signed for and the account its key reached, and Account ListRegions as its model reads it (issue 20)', async () => {
    const other = { accountId: '210987654321', accessKeyId: 'AKIDRECORDOTHER', secretAccessKey: 'other-secret' };
    h = await startHarness({ record: directory, accounts: [other] });
    const ireland = new SageMakerClient({ ...config(), region: 'eu-west-1' });
    const theirs = new AccountClient({ ...config(), credentials: { accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey } });
    clients.push(ireland, theirs);
    await ireland.send(new ListEndpointsCommand({}));
    await theirs.send(new ListRegionsCommand({ MaxResults: 5, RegionOptStatusContains: ['ENABLED_BY_DEFAULT'] }));
    const lines = recorded(directory);
    assert.deepEqual(
      lines.map((line) => [line.service, line.operation, line.protocol, line.region, line.accountId, line.input]),
      [
        ['sagemaker', 'ListEndpoints', 'awsJson1_1', 'eu-west-1', '123456789012', {}],
        ['account', 'ListRegions', 'restJson1', 'us-east-1', other.accountId, { MaxResults: 5, RegionOptStatusContains: ['ENABLED_BY_DEFAULT'] }],
      ],
    );
    assert.deepEqual(modelViolations(lines), []);
  });

  it('records awsJson requests (SageMaker, Application Auto Scaling, CloudWatch Logs) as their body, with the protocol, the time and the labelled test', async () => {
    h = await startHarness({ record: directory });
    const autoscaling = new ApplicationAutoScalingClient(config());
    clients.push(autoscaling);
    label('suite first test');
    await h.sagemaker.send(new ListEndpointsCommand({ MaxResults: 5, SortBy: 'Name' }));
    label('suite second test');
    await errorOf(() => h!.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'nope' })));
    await errorOf(() =>
      autoscaling.send(
        new RegisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/ic', ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount', MinCapacity: 0, MaxCapacity: 2 }),
      ),
    );
    const logs = new CloudWatchLogsClient(config());
    clients.push(logs);
    await errorOf(() => logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/InferenceComponents/ic', filterPattern: 'ERROR', startTime: 1 })));
    const before = Date.now();
    const lines = recorded(directory);
    assert.deepEqual(modelViolations(lines), []);
    assert.deepEqual(
      lines.map(({ service, operation, protocol, input, test }) => ({ service, operation, protocol, input, test })),
      [
        { service: 'sagemaker', operation: 'ListEndpoints', protocol: 'awsJson1_1', input: { MaxResults: 5, SortBy: 'Name' }, test: 'suite first test' },
        { service: 'sagemaker', operation: 'DescribeEndpoint', protocol: 'awsJson1_1', input: { EndpointName: 'nope' }, test: 'suite second test' },
        {
          service: 'application-autoscaling',
          operation: 'RegisterScalableTarget',
          protocol: 'awsJson1_1',
          input: { ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/ic', ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount', MinCapacity: 0, MaxCapacity: 2 },
          test: 'suite second test',
        },
        {
          service: 'logs',
          operation: 'FilterLogEvents',
          protocol: 'awsJson1_1',
          input: { logGroupName: '/aws/sagemaker/InferenceComponents/ic', filterPattern: 'ERROR', startTime: 1 },
          test: 'suite second test',
        },
      ],
    );
    for (const line of lines) assert.ok(Date.parse(line.time) <= before && Date.parse(line.time) > before - 60_000, line.time);
  });

  it('records restJson requests (Scheduler, the runtime) as the members bound from path, query, headers and body', async () => {
    h = await startHarness({ scenario: 'demo', record: directory });
    const scheduler = new SchedulerClient(config());
    clients.push(scheduler);
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'wake-up',
        GroupName: 'default',
        ScheduleExpression: 'rate(1 day)',
        StartDate: new Date(Date.UTC(2030, 0, 1)),
        Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig', RoleArn: roleArn, Input: '{}' },
        FlexibleTimeWindow: { Mode: 'OFF' },
      }),
    );
    await scheduler.send(new GetScheduleCommand({ Name: 'wake-up', GroupName: 'default' }));
    await scheduler.send(new ListSchedulesCommand({ MaxResults: 7, NamePrefix: 'wake', State: 'ENABLED' }));
    const body = JSON.stringify({ inputs: 'hi', parameters: { max_new_tokens: 2 } });
    await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: 'demo-llama3-8b', ContentType: 'application/json', Body: body }));
    const lines = recorded(directory);
    assert.deepEqual(
      lines.map(({ service, operation, protocol }) => [service, operation, protocol]),
      [
        ['scheduler', 'CreateSchedule', 'restJson1'],
        ['scheduler', 'GetSchedule', 'restJson1'],
        ['scheduler', 'ListSchedules', 'restJson1'],
        ['sagemaker-runtime', 'InvokeEndpoint', 'restJson1'],
      ],
    );
    const create = lines[0].input as Record<string, unknown>;
    assert.equal(create.Name, 'wake-up');
    assert.equal(create.GroupName, 'default');
    assert.equal(create.StartDate, Date.UTC(2030, 0, 1) / 1000);
    assert.deepEqual(create.Target, { Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig', RoleArn: roleArn, Input: '{}' });
    assert.equal(typeof create.ClientToken, 'string', 'the SDK fills the idempotency token in');
    assert.deepEqual(lines[1].input, { Name: 'wake-up', GroupName: 'default' });
    // The query's MaxResults is a number again, and ScheduleGroup (absent) is not invented.
    assert.deepEqual(lines[2].input, { MaxResults: 7, NamePrefix: 'wake', State: 'ENABLED' });
    const invoke = lines[3].input as Record<string, unknown>;
    assert.equal(invoke.EndpointName, 'demo-scale-to-zero');
    assert.equal(invoke.InferenceComponentName, 'demo-llama3-8b');
    assert.equal(invoke.ContentType, 'application/json');
    assert.equal(Buffer.from(String(invoke.Body), 'base64').toString('utf8'), body);
    assert.deepEqual(Object.keys(invoke).sort(), ['Body', 'ContentType', 'EndpointName', 'InferenceComponentName']);
    assert.deepEqual(modelViolations(lines), []);
  });

  it('records awsQuery (CloudWatch, IAM) and RPC v2 CBOR (CloudWatch) requests as the structure they decode to', async () => {
    // Without credentials, so that hand-made forms with a well-formed signature are answered too.
    h = await startHarness({ startTime: t0, record: directory, credentials: undefined });
    const query = new CloudWatchClient({ ...config(), protocol: AwsQueryProtocol });
    const rpcCbor = new CloudWatchClient({ ...config(), protocol: AwsSmithyRpcV2CborProtocol });
    const iam = new IAMClient(config());
    clients.push(query, rpcCbor, iam);
    const dimensions = [{ Name: 'InferenceComponentName', Value: 'ic' }];
    const alarm = { AlarmName: 'a', MetricName: 'NoCapacityInvocationFailures', Namespace: 'AWS/SageMaker', Statistic: 'Maximum' as const, Dimensions: dimensions };
    await query.send(new PutMetricAlarmCommand({ ...alarm, Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', ActionsEnabled: false }));
    await rpcCbor.send(
      new GetMetricStatisticsCommand({ Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dimensions, StartTime: new Date(t0), EndTime: new Date(t0 + 60_000), Period: 60, Statistics: ['Sum'] }),
    );
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await iam.send(new CreateRoleCommand({ RoleName: 'SchedulerRole', AssumeRolePolicyDocument: trust, MaxSessionDuration: 3600, Tags: [{ Key: 'app', Value: 's2z' }] }));
    const lines = recorded(directory);
    assert.deepEqual(
      lines.map(({ service, operation, protocol, input }) => ({ service, operation, protocol, input })),
      [
        {
          service: 'cloudwatch',
          operation: 'PutMetricAlarm',
          protocol: 'awsQuery',
          input: { ...alarm, Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', ActionsEnabled: false },
        },
        {
          service: 'cloudwatch',
          operation: 'GetMetricStatistics',
          protocol: 'smithy-rpc-v2-cbor',
          // CBOR's tag-1 timestamps are epoch seconds, as in JSON.
          input: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dimensions, StartTime: t0 / 1000, EndTime: t0 / 1000 + 60, Period: 60, Statistics: ['Sum'] },
        },
        {
          service: 'iam',
          operation: 'CreateRole',
          protocol: 'awsQuery',
          input: { RoleName: 'SchedulerRole', AssumeRolePolicyDocument: trust, MaxSessionDuration: 3600, Tags: [{ Key: 'app', Value: 's2z' }] },
        },
      ],
    );
    for (const line of lines) assert.equal(line.test, null, 'no test label was written');
    assert.deepEqual(modelViolations(lines), []);
    assert.deepEqual(lines.map((line) => line.unreadFields), [undefined, undefined, undefined]);
    // A form field no member reads (decoding by the shape drops it) is listed, for the check to name.
    const form = (body: string) =>
      fetch(`${h!.emulator.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...zeroSignedHeaders('iam') }, body });
    await form('Action=ListRoles&Version=2010-05-08&MaxItems=5&Colour=red&Tags.member.1.Key=k');
    await form('Action=CreateRole&Version=2010-05-08&RoleName=r&AssumeRolePolicyDocument=%7B%7D&Tags.member.1.Key=k&Tags.member.1.Value=v&Tags.member.1.Colour=red&Tags.member=x');
    assert.deepEqual(
      recorded(directory).slice(3).map(({ operation, input, unreadFields }) => ({ operation, input, unreadFields })),
      [
        { operation: 'ListRoles', input: { MaxItems: 5 }, unreadFields: ['Colour', 'Tags.member.1.Key'] },
        { operation: 'CreateRole', input: { RoleName: 'r', AssumeRolePolicyDocument: '{}', Tags: [{ Key: 'k', Value: 'v' }] }, unreadFields: ['Tags.member.1.Colour', 'Tags.member'] },
      ],
    );
  });

  it('holds no credentials and changes no answer; a body it cannot decode is recorded as undecodable', async () => {
    const session = { ...credentials, sessionToken: 'session-token-secret-value' };
    const send = async (record: string | undefined) => {
      const harness = await startHarness({ record, credentials });
      try {
        const client = new (await import('@aws-sdk/client-sagemaker')).SageMakerClient({ endpoint: harness.emulator.url, region: 'us-east-1', credentials: session, maxAttempts: 1 });
        const missing = await errorOf(() => client.send(new DescribeEndpointCommand({ EndpointName: 'nope' })));
        const wrongType = await errorOf(() => client.send(new ListEndpointsCommand({ MaxResults: 'many' as unknown as number })));
        client.destroy();
        const raw = await fetch(`${harness.emulator.url}/`, { method: 'POST', headers: { 'x-amz-target': 'SageMaker.ListEndpoints', 'content-type': 'application/x-amz-json-1.1' }, body: '{not json' });
        return [missing.name, missing.message, wrongType.name, wrongType.message, raw.status, ((await raw.json()) as { __type: string }).__type];
      } finally {
        await stopHarness(harness);
      }
    };
    const plain = await send(undefined);
    const recording = await send(directory);
    assert.deepEqual(recording, plain);
    const text = readdirSync(directory)
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => readFileSync(join(directory, name), 'utf8'))
      .join('');
    for (const secret of [credentials.accessKeyId, credentials.secretAccessKey, session.sessionToken, 'Signature=', 'AWS4-HMAC-SHA256']) assert.ok(!text.includes(secret), `the recording holds ${secret}`);
    const lines = recorded(directory);
    assert.deepEqual(
      lines.map(({ operation, input, undecodable }) => ({ operation, input, undecodable })),
      [
        { operation: 'DescribeEndpoint', input: { EndpointName: 'nope' }, undecodable: undefined },
        { operation: 'ListEndpoints', input: { MaxResults: 'many' }, undecodable: undefined },
        { operation: 'ListEndpoints', input: undefined, undecodable: 'Unable to parse the request body as JSON.' },
      ],
    );
    // The model refuses the one that broke it.
    assert.deepEqual(modelViolations(lines.slice(0, 2)), ['ListEndpoints MaxResults type']);
  });
});

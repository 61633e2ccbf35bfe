import * as assert from 'node:assert/strict';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { credentials, controlRequest, errorOf, roleArn } from './harness';
import { deployScaleToZero, startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';
import { defaultTimings } from '../src/timings';
import { startupLines } from '../src/logs/containerLogs';

/** Default timings: the copy downloads for 70 s, then its container starts for 66.8 s. */
const download = defaultTimings.modelDownloadSeconds;
const container = defaultTimings.copyStartSeconds - defaultTimings.modelDownloadSeconds;
const provisioning = defaultTimings.instanceProvisioningSeconds;
const group = '/aws/sagemaker/InferenceComponents/ic';

describe('emulator: the containers\' logs in CloudWatch Logs (group, stream, lines on the virtual clock)', () => {
  let h: ScalingHarness;
  let logs: CloudWatchLogsClient;
  const start = Date.UTC(2025, 0, 1);
  beforeEach(async () => {
    h = await startScalingHarness();
    logs = new CloudWatchLogsClient({ endpoint: h.emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  afterEach(async () => {
    logs.destroy();
    await stopScalingHarness(h);
  });

  const events = async (filterPattern?: string) => (await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern }))).events ?? [];

  it('writes the startup lines of a copy at their times, each readable 1 s after it, in a stream <variant>/<instance>/<copy>', async () => {
    await deployScaleToZero(h); // endpoint in service at 180 s, copy placed at 180 s, advanced 137 s
    h.emulator.advance(1); // the health check line (at 136.8 s) is ingested 1 s later
    const placed = start + 180_000;
    const t1 = placed + download * 1000;
    const lines = await events();
    assert.deepEqual(
      lines.map((event) => [event.timestamp! - t1, event.message]),
      [
        [0, 'INFO Starting inference server: image image:latest, model ic-model'],
        [1000, 'INFO Loading model weights from /opt/ml/model'],
        [Math.round((container - 6) * 1000), 'INFO Model weights loaded in 59.8 s'],
        [Math.round((container - 5) * 1000), 'INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080'],
        [Math.round(container * 1000), 'INFO "GET /ping HTTP/1.1" 200 OK'],
      ],
    );
    for (const event of lines) assert.equal(event.ingestionTime, event.timestamp! + 1000);
    const state = (await controlRequest(h.emulator.url, 'GET', 'state')).json as { inferenceComponents: { name: string; copies: { id: string; instanceId: string }[] }[] };
    const copy = state.inferenceComponents[0].copies[0];
    assert.ok(copy.instanceId.startsWith('i-'));
    assert.equal(lines[0].logStreamName, `AllTraffic/${copy.instanceId}/${copy.id}`);
    const streams = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams ?? [];
    assert.equal(streams.length, 1);
    assert.equal(streams[0].creationTime, t1);
    assert.equal(streams[0].firstEventTimestamp, t1);
    assert.equal(streams[0].lastEventTimestamp, t1 + Math.round(container * 1000));
  });

  it('has no group before the first container writes, nor a line before its ingestion', async () => {
    await deployScaleToZero(h);
    // A second copy: its instance provisions, then it downloads, then its container starts writing.
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 2 } }));
    h.emulator.advance(provisioning + download - 1);
    const before = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams ?? [];
    assert.equal(before.length, 1, 'the second copy is still downloading: no stream yet');
    h.emulator.advance(1);
    const writing = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams ?? [];
    assert.equal(writing.length, 2, 'its stream exists once its container starts');
    const newest = writing.find((stream) => stream.logStreamName !== before[0].logStreamName)!;
    assert.equal(newest.lastEventTimestamp, undefined, 'its first line is not ingested yet');
    h.emulator.advance(1);
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNames: [newest.logStreamName!] }));
    assert.deepEqual(first.events?.map((event) => event.message), ['INFO Starting inference server: image image:latest, model ic-model']);
    const missing = await errorOf(() => logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/InferenceComponents/other' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missing.message, 'The specified log group does not exist.');
  });

  it('writes the access line of each invocation the copy serves, and keeps the group after the endpoint is deleted', async () => {
    await deployScaleToZero(h);
    await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', Body: JSON.stringify({ inputs: 'hi' }), ContentType: 'application/json' }));
    h.emulator.advance(2);
    const served = await events('"POST /invocations HTTP/1.1" 200');
    assert.equal(served.length, 1);
    assert.equal(served[0].message, 'INFO "POST /invocations HTTP/1.1" 200 OK');
    await h.sagemaker.send(new DeleteEndpointCommand({ EndpointName: 'ep' }));
    h.emulator.advance(600);
    const groups = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/sagemaker/' }))).logGroups ?? [];
    assert.deepEqual(groups.map((g) => g.logGroupName), [group]);
    assert.equal(groups[0].arn, `arn:aws:logs:us-east-1:123456789012:log-group:${group}:*`);
  });

  it('removes the lines a copy never wrote when it goes before its container started', async () => {
    await deployScaleToZero(h);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 2 } }));
    h.emulator.advance(provisioning + download + 10);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 1 } }));
    h.emulator.advance(600);
    const streams = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true }))).logStreams ?? [];
    assert.equal(streams.length, 2);
    // The newest stream (last event latest) is the second copy's, stopped 10 s into its container.
    const stopped = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: streams[0].logStreamName, startFromHead: true }));
    assert.deepEqual(
      stopped.events?.map((event) => event.message),
      ['INFO Starting inference server: image image:latest, model ic-model', 'INFO Loading model weights from /opt/ml/model'],
      'the starting copy was stopped 10 s into its container: no later line',
    );
  });

  it('an endpoint with a model: startup lines per instance in /aws/sagemaker/Endpoints/<name>, stream <variant>/<instance>, ending when it goes InService, and its access lines', async () => {
    await h.sagemaker.send(new CreateModelCommand({ ModelName: 'plain-model', PrimaryContainer: { Image: 'plain:1' }, ExecutionRoleArn: roleArn }));
    await h.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'plain-cfg', ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'plain-model', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] }));
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'plain', EndpointConfigName: 'plain-cfg' }));
    h.emulator.advance(defaultTimings.endpointCreationSeconds + 2);
    const inService = (await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'plain' }))).LastModifiedTime!.getTime();
    await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'plain', Body: JSON.stringify({ inputs: 'hi' }), ContentType: 'application/json' }));
    h.emulator.advance(2);
    const lines = (await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/Endpoints/plain' }))).events ?? [];
    assert.deepEqual(lines.map((event) => event.message), [
      'INFO Starting inference server: image plain:1, model plain-model',
      'INFO Loading model weights from /opt/ml/model',
      'INFO Model weights loaded in 59.8 s',
      'INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080',
      'INFO "GET /ping HTTP/1.1" 200 OK',
      'INFO "POST /invocations HTTP/1.1" 200 OK',
    ]);
    assert.equal(lines[4].timestamp, inService);
    assert.match(lines[0].logStreamName!, /^AllTraffic\/i-[0-9a-z]+$/);
    assert.equal(new Set(lines.map((event) => event.logStreamName)).size, 1);
  });

  it('squeezes the lines of a container starting in under 8 s, keeping their order', () => {
    assert.deepEqual(
      startupLines('i', 'm', 4).map((line) => [line.offsetMs, line.message]),
      [
        [0, 'INFO Starting inference server: image i, model m'],
        [500, 'INFO Loading model weights from /opt/ml/model'],
        [1000, 'INFO Model weights loaded in 0.5 s'],
        [1500, 'INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080'],
        [4000, 'INFO "GET /ping HTTP/1.1" 200 OK'],
      ],
    );
  });

  it('the demo scenario\'s warm component has its startup lines, ending when it started serving', async () => {
    await controlRequest(h.emulator.url, 'POST', 'reset', { scenario: 'demo' });
    const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
    assert.ok(groups.some((g) => g.logGroupName === '/aws/sagemaker/InferenceComponents/demo-llama3-8b'));
    const lines = (await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/InferenceComponents/demo-llama3-8b', filterPattern: 'ping' }))).events ?? [];
    assert.equal(lines.length, 1);
    await controlRequest(h.emulator.url, 'POST', 'reset', { scenario: 'empty' });
    assert.deepEqual((await logs.send(new DescribeLogGroupsCommand({}))).logGroups, [], 'a reset clears the logs');
  });
});

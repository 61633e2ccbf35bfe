import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DescribeEndpointCommand, DescribeInferenceComponentCommand, ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, InvokeEndpointWithResponseStreamCommand } from '@aws-sdk/client-sagemaker-runtime';
import { ApplicationAutoScalingClient, ListTagsForResourceCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, ListDashboardsCommand } from '@aws-sdk/client-cloudwatch';
import { ListTagsForResourceCommand as ListTagsForResourceCommand_, SchedulerClient } from '@aws-sdk/client-scheduler';
import { controlRequest, credentials, errorOf, startHarness, stopHarness, zeroSignedHeaders, type Harness } from './harness';

const invoke = (h: Harness, ic: string | undefined, body: string, endpoint = 'demo-scale-to-zero') =>
  h.runtime.send(new InvokeEndpointCommand({ EndpointName: endpoint, InferenceComponentName: ic, ContentType: 'application/json', Body: body }));

describe('emulator: runtime, robustness and the control API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ scenario: 'demo' });
  });
  afterEach(() => stopHarness(h));

  it('serves the demo scenario', async () => {
    const endpoints = await h.sagemaker.send(new ListEndpointsCommand({ SortBy: 'Name', SortOrder: 'Ascending' }));
    assert.deepEqual(endpoints.Endpoints?.map((e) => [e.EndpointName, e.EndpointStatus]), [
      ['demo-always-on', 'InService'], ['demo-cold', 'InService'], ['demo-scale-to-zero', 'InService'],
    ]);
    const cold = await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'demo-embeddings' }));
    assert.deepEqual(cold.RuntimeConfig, { DesiredCopyCount: 0, CurrentCopyCount: 0 });
    const warm = await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'demo-llama3-8b' }));
    // demo-scale-to-zero has a fallback type (issue 17): its component reports the copies per type.
    assert.deepEqual(warm.RuntimeConfig, {
      DesiredCopyCount: 1,
      CurrentCopyCount: 1,
      PlacementStatus: [{ InstanceType: 'ml.g5.2xlarge', CurrentCopyCount: 1 }, { InstanceType: 'ml.g6.2xlarge', CurrentCopyCount: 0 }],
    });
    const demo = await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'demo-scale-to-zero' }));
    assert.deepEqual(demo.ProductionVariants?.[0].InstancePools, [
      { InstanceType: 'ml.g5.2xlarge', CurrentInstanceCount: 1 },
      { InstanceType: 'ml.g6.2xlarge', CurrentInstanceCount: 0 },
    ]);
  });

  it('answers deterministic text in TGI and OpenAI styles', async () => {
    const body = JSON.stringify({ inputs: 'The diamondback terrapin', parameters: { max_new_tokens: 5, temperature: 0.3 } });
    const a = JSON.parse(Buffer.from((await invoke(h, 'demo-llama3-8b', body)).Body ?? []).toString());
    const b = JSON.parse(Buffer.from((await invoke(h, 'demo-llama3-8b', body)).Body ?? []).toString());
    assert.deepEqual(a, b);
    assert.equal(a[0].generated_text.trim().split(/\s+/).length, 5);
    const chat = await invoke(h, 'demo-mistral-7b', JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 }), 'demo-always-on');
    assert.equal(chat.InvokedProductionVariant, 'AllTraffic');
    const parsed = JSON.parse(Buffer.from(chat.Body ?? []).toString());
    assert.equal(parsed.object, 'chat.completion');
    assert.equal(parsed.usage.completion_tokens, 3);
  });

  it('streams token by token through the SDK event-stream reader', async () => {
    const response = await h.runtime.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: 'demo-scale-to-zero',
        InferenceComponentName: 'demo-llama3-8b',
        ContentType: 'application/json',
        Body: JSON.stringify({ inputs: 'Tell me', parameters: { max_new_tokens: 4 } }),
      }),
    );
    const parts: string[] = [];
    for await (const event of response.Body ?? []) {
      if (event.PayloadPart?.Bytes) parts.push(Buffer.from(event.PayloadPart.Bytes).toString());
    }
    assert.equal(parts.length, 5);
    const tokens = parts.slice(0, 4).map((part) => JSON.parse(part.replace(/^data:/, '')).token.text);
    const final = JSON.parse(parts[4].replace(/^data:/, ''));
    assert.equal(final.generated_text, tokens.join(''));
  });

  it('refuses with the service errors: no capacity, missing IC header, unknown endpoint and IC, bad payload', async () => {
    const noCapacity = await errorOf(() => invoke(h, 'demo-embeddings', '{"inputs":"x"}', 'demo-cold'));
    assert.equal(noCapacity.name, 'ValidationError');
    assert.match(noCapacity.message, /^Inference Component has no capacity to process this request\./);
    assert.equal((await controlRequest(h.emulator.url, 'GET', 'state')).json.metrics && true, true);
    const missing = await errorOf(() => invoke(h, undefined, '{}'));
    assert.equal(missing.message, 'Inference Component Name header is required for endpoints to which you plan to deploy inference components. Please include Inference Component Name header or consider using SageMaker models.');
    const unknownEp = await errorOf(() => invoke(h, 'x', '{}', 'ghost'));
    assert.equal(unknownEp.name, 'ValidationError');
    assert.equal(unknownEp.message, 'Endpoint ghost of account 123456789012 not found.');
    const unknownIc = await errorOf(() => invoke(h, 'ghost', '{}'));
    assert.equal(unknownIc.message, 'Inference Component ghost of account 123456789012 not found on endpoint demo-scale-to-zero.');
    const bad = await errorOf(() => invoke(h, 'demo-llama3-8b', '{not json'));
    assert.equal(bad.name, 'ModelError');
    assert.equal(bad.$metadata?.httpStatusCode, 424);
    assert.equal((bad as unknown as { OriginalStatusCode: number }).OriginalStatusCode, 400);
  });

  it('never crashes on bad input and answers in the AWS error shape', async () => {
    const raw = (headers: Record<string, string>, body: string | Buffer, path = '/') =>
      fetch(`${h.emulator.url}${path}`, { method: 'POST', headers: { ...zeroSignedHeaders('sagemaker', 'AKIDLOCALEMULATOR'), 'content-type': 'application/x-amz-json-1.1', ...headers }, body });
    const unsigned = await fetch(`${h.emulator.url}/`, { method: 'POST', headers: { 'x-amz-target': 'SageMaker.ListEndpoints', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    assert.equal(unsigned.status, 403);
    assert.deepEqual(await unsigned.json(), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    const badSignature = await raw({ 'x-amz-target': 'SageMaker.ListEndpoints' }, '{}');
    assert.equal(((await badSignature.json()) as { __type: string }).__type, 'InvalidSignatureException');

    const open = await startHarness({ scenario: 'demo', credentials: undefined });
    try {
      const post = (headers: Record<string, string>, body: string | Buffer, path = '/') =>
        fetch(`${open.emulator.url}${path}`, { method: 'POST', headers: { ...zeroSignedHeaders(), 'content-type': 'application/x-amz-json-1.1', ...headers }, body });
      const malformed = await post({ 'x-amz-target': 'SageMaker.ListEndpoints' }, '{"MaxResults":');
      assert.equal(malformed.status, 400);
      assert.equal(((await malformed.json()) as { __type: string }).__type, 'SerializationException');
      const wrongType = await post({ 'x-amz-target': 'SageMaker.DescribeEndpoint' }, '{"EndpointName": 42}');
      assert.deepEqual(await wrongType.json(), { __type: 'SerializationException', message: 'NUMBER_VALUE can not be converted to String' });
      const unknown = await post({ 'x-amz-target': 'SageMaker.LaunchRockets' }, '{}');
      assert.equal(((await unknown.json()) as { __type: string }).__type, 'UnknownOperationException');
      const huge = await post({ 'x-amz-target': 'SageMaker.ListEndpoints' }, Buffer.alloc(7 * 1024 * 1024, 32));
      assert.equal(huge.status, 413);
      const nowhere = await post({}, '{}', '/nowhere');
      assert.equal(nowhere.status, 404);
      assert.equal(nowhere.headers.get('x-amzn-errortype'), 'UnknownOperationException');
      // Still alive and state intact.
      assert.equal((await open.sagemaker.send(new ListEndpointsCommand({}))).Endpoints?.length, 3);
    } finally {
      await stopHarness(open);
    }
  });

  it('answers operations the emulator does not implement with an unknown-operation error', async () => {
    const config = { endpoint: h.emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 };
    const aas = new ApplicationAutoScalingClient(config);
    const cw = new CloudWatchClient(config);
    const scheduler = new SchedulerClient(config);
    try {
      assert.equal((await errorOf(() => aas.send(new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/x' })))).name, 'UnknownOperationException');
      assert.equal((await errorOf(() => cw.send(new ListDashboardsCommand({})))).name, 'UnknownOperationException');
      assert.equal((await errorOf(() => scheduler.send(new ListTagsForResourceCommand_({ ResourceArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/x' })))).name, 'UnknownOperationException');
    } finally {
      aas.destroy();
      cw.destroy();
      scheduler.destroy();
    }
  });

  it('controls the clock, faults and resets through /__emulator/', async () => {
    const before = await controlRequest(h.emulator.url, 'GET', 'clock');
    assert.equal(before.json.timeScale, 0);
    const after = await controlRequest(h.emulator.url, 'POST', 'clock', { advanceSeconds: 90 });
    assert.equal(after.json.now, (before.json.now as number) + 90);
    assert.equal((await controlRequest(h.emulator.url, 'POST', 'clock', { advanceSeconds: -1 })).status, 400);
    assert.equal((await controlRequest(h.emulator.url, 'POST', 'clock', '{oops')).status, 400);
    assert.equal((await controlRequest(h.emulator.url, 'POST', 'faults', { throttleRate: 1, operations: ['ListEndpoints'] })).status, 200);
    const throttled = await errorOf(() => h.sagemaker.send(new ListEndpointsCommand({})));
    assert.equal(throttled.name, 'ThrottlingException');
    await controlRequest(h.emulator.url, 'DELETE', 'faults');
    await h.sagemaker.send(new ListEndpointsCommand({}));
    assert.equal((await controlRequest(h.emulator.url, 'POST', 'reset', { scenario: 'empty' })).status, 200);
    assert.deepEqual((await h.sagemaker.send(new ListEndpointsCommand({}))).Endpoints, []);
    assert.equal((await controlRequest(h.emulator.url, 'POST', 'reset', { scenario: 'nope' })).status, 400);
    const state = await controlRequest(h.emulator.url, 'GET', 'state');
    assert.deepEqual(state.json.endpoints, []);
  });

  it('keeps state across restarts in the state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
    const stateFile = join(dir, 'state.json');
    try {
      const first = await startHarness({ scenario: 'demo', stateFile });
      const savedNow = first.emulator.now();
      first.emulator.advance(120);
      await stopHarness(first);
      assert.ok(existsSync(stateFile));
      const second = await startHarness({ scenario: 'empty', stateFile });
      try {
        assert.equal(second.emulator.now(), savedNow + 120_000);
        assert.equal((await second.sagemaker.send(new ListEndpointsCommand({}))).Endpoints?.length, 3);
      } finally {
        await stopHarness(second);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts at S2Z_EMULATOR_START_TIME when no startTime is given (ISO 8601 or epoch ms), and refuses a bad one', async () => {
    const saved = process.env.S2Z_EMULATOR_START_TIME;
    try {
      for (const [value, expected] of [['2026-12-09T10:00:00Z', Date.UTC(2026, 11, 9, 10)], ['1765274400000', 1765274400000]] as const) {
        process.env.S2Z_EMULATOR_START_TIME = value;
        const harness = await startHarness({ timeScale: 0 });
        try {
          assert.equal(harness.emulator.now(), expected);
        } finally {
          await stopHarness(harness);
        }
      }
      const explicit = await startHarness({ timeScale: 0, startTime: Date.UTC(2027, 0, 1) });
      try {
        assert.equal(explicit.emulator.now(), Date.UTC(2027, 0, 1), 'startTime wins over the environment');
      } finally {
        await stopHarness(explicit);
      }
      process.env.S2Z_EMULATOR_START_TIME = 'next tuesday';
      await assert.rejects(() => startHarness({ timeScale: 0 }), /S2Z_EMULATOR_START_TIME is "next tuesday": give an ISO 8601 time/);
    } finally {
      if (saved === undefined) delete process.env.S2Z_EMULATOR_START_TIME;
      else process.env.S2Z_EMULATOR_START_TIME = saved;
    }
  });

  it('refuses non-loopback addresses unless allowed', async () => {
    await assert.rejects(() => startHarness({ host: '0.0.0.0' }), /Refusing to listen on 0.0.0.0/);
  });

  it('runs from the command line (the package bin, dist/cli.js)', async () => {
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    assert.ok(existsSync(cli), `${cli} is missing: build first (npm test in packages/emulator does).`);
    const child = spawn(process.execPath, [cli, '--port', '0', '--time-scale', '0', '--scenario', 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('error', reject);
      });
      const match = /^SageMaker emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      assert.ok(match, line);
      const client = new SageMakerClient({ endpoint: match[1], region: 'us-east-1', credentials, maxAttempts: 1 });
      assert.equal((await client.send(new ListEndpointsCommand({}))).Endpoints?.length, 3);
      client.destroy();
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
    const bad = spawn(process.execPath, [cli, '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => bad.once('exit', (exitCode) => resolve(exitCode)));
    assert.equal(code, 2);
    assert.match(stderr.trim(), /^emulator: Unknown option --bogus$/);
  });
});

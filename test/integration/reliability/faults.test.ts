// The fault matrix against the emulator, through the extension's own layers (inventory, plan runner and
// rollback, held requests, error wording): throttling bursts, 5xx errors, 2-second latency spikes, the
// emulator stopped in the middle of a plan or a cold start and started again on the same port,
// missing and invalid credentials, and a resource deleted by someone else while the tree shows it.
// In every case: the inventory recovers, plans stop at the failing call and roll back exactly, held
// requests end clearly, nothing is rejected unhandled, and no billed resource is left behind.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountReader } from '../../../src/aws/accountReader';
import { describeAwsError } from '../../../src/aws/awsErrorMessages';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { setCopyCount } from '../../../src/aws/resourceActions';
import { AbortError, type ColdStartClock } from '../../../src/playground/coldStart/clock';
import { createAwsProbe } from '../../../src/playground/coldStart/probe';
import { Logger } from '../../../src/logging/logger';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { runPlan } from '../../../src/wizards/plans/planRunner';
import { rollbackPlan } from '../../../src/wizards/plans/rollback';
import { type HostToPlayground } from '../../../src/playground/protocol';
import { PlaygroundSession, type SessionConnection } from '../../../src/playground/session/playgroundSession';
import { blogPlan, inventoryOf, names, noRetryClients } from '../wizards/plans/blogPlan';
import { billed, CrashRecorder, setFaults } from './support';

describe('reliability: fault matrix against the emulator', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let crashes: CrashRecorder;
  let dir: string;

  async function connect(options: { scenario?: 'demo' | 'empty'; port?: number; stateFile?: string } = {}): Promise<void> {
    emulator = await startEmulator({ timeScale: 0, scenario: options.scenario ?? 'demo', port: options.port, stateFile: options.stateFile, timings: { tokenLatencyMs: 0 } });
  }

  beforeEach(async () => {
    crashes = new CrashRecorder().install();
    dir = mkdtempSync(join(tmpdir(), 's2z-faults-'));
    await connect();
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
    crashes.uninstall();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newInventory(): Promise<Inventory> {
    const now = () => new Date(emulator.now());
    return new Inventory(await AccountReader.create(clients, { now }), now);
  }

  const demoBilled = { endpoints: ['demo-always-on', 'demo-cold', 'demo-scale-to-zero'], copies: { 'demo-llama3-8b': 1, 'demo-mistral-7b': 1, 'demo-embeddings': 0 } };

  it('throttling bursts: the inventory refreshes through them (adaptive retry) and shows the whole account', async () => {
    const inventory = await newInventory();
    await inventory.refresh();
    // A burst: every call throttled for 300 ms, then the account's limits relax.
    await setFaults(emulator.url, { throttleRate: 1 });
    const burst = new Promise((resolve) => setTimeout(resolve, 300)).then(() => setFaults(emulator.url, null));
    const started = Date.now();
    const result = await inventory.refresh();
    await burst;
    assert.deepEqual(result.problems, []);
    assert.ok(Date.now() - started < 15_000, `the refresh took ${Date.now() - started} ms after a 300 ms burst`);
    const counts = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { totalThrottled: number };
    assert.ok(counts.totalThrottled >= 1, 'the burst throttled calls');
    await inventory.refresh();
    assert.deepEqual(inventory.endpoints().map((entry) => entry.summary.name), demoBilled.endpoints);
    assert.equal(inventory.component('demo-llama3-8b')?.lifecycle?.state, 'warm');
    const account = await billed(emulator.url);
    assert.deepEqual(account.endpoints, demoBilled.endpoints);
    assert.deepEqual(account.copies, demoBilled.copies);
    await crashes.assertNone();
  });

  it('5xx errors: a refresh fails with a clear message, the next one after the fault recovers', async () => {
    const inventory = await newInventory();
    await inventory.refresh();
    await setFaults(emulator.url, { errorRate: 1 });
    const error = await inventory.refresh().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error, 'a refresh against a failing service fails');
    const description = describeAwsError(error, { action: 'List endpoints', endpoint: emulator.url });
    assert.equal(description.kind, 'service');
    assert.match(description.message, /InternalFailure/);
    assert.ok(!/\n\s+at /.test(description.message), 'no stack trace in the message');
    assert.equal(inventory.endpoints().length, 3, 'the tree keeps what it showed');
    await setFaults(emulator.url, null);
    await inventory.refresh();
    assert.equal(inventory.endpoints().length, 3);
    assert.ok(inventory.endpoints().every((entry) => !entry.error));
    await crashes.assertNone();
  });

  it('2-second latency spikes: a refresh waits them out and is right', async () => {
    const inventory = await newInventory();
    await setFaults(emulator.url, { latencyMs: 2000, operations: ['ListEndpoints'] });
    const started = Date.now();
    const result = await inventory.refresh();
    assert.ok(Date.now() - started >= 1900, 'the spike was applied');
    assert.deepEqual(result.problems, []);
    assert.equal(inventory.endpoints().length, 3);
    await setFaults(emulator.url, null);
    await crashes.assertNone();
  });

  it('the emulator stopped in the middle of a plan and started again: the plan stops at the failing call, rollback restores exactly the previous resources', async () => {
    clients.destroy();
    await emulator.close();
    const stateFile = join(dir, 'state.json');
    await connect({ scenario: 'demo', stateFile });
    const port = emulator.port;
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const before = inventoryOf(emulator);
    const raw = noRetryClients(emulator);
    let stopped = false;
    const run = await runPlan(raw, blogPlan(names('restart')), {
      wait: async (ms) => {
        if (!stopped) {
          // The endpoint is Creating: the emulator goes away (VS Code reloaded, laptop asleep...).
          stopped = true;
          await emulator.close();
          return;
        }
        emulator.advance(ms / 1000);
      },
    });
    raw.destroy();
    assert.equal(run.status, 'failed');
    assert.equal(run.failedStep, 'endpoint', 'stopped at the call that failed');
    assert.deepEqual(run.created.map((resource) => resource.kind), ['model', 'endpointConfig', 'endpoint']);
    const wording = describeAwsError(run.error, { action: 'Describe', resource: 'endpoint restart-endpoint', endpoint: `http://127.0.0.1:${port}` });
    assert.equal(wording.kind, 'network', wording.message);
    assert.match(wording.message, /127\.0\.0\.1/);

    // Started again on the same port with its state: what the plan created is still there.
    await connect({ scenario: 'empty', port, stateFile });
    assert.notDeepEqual(inventoryOf(emulator), before);
    const rollback = await rollbackPlan(clients, run, { wait: async (ms) => emulator.advance(ms / 1000) });
    assert.equal(rollback.status, 'succeeded', JSON.stringify(rollback.notDeleted));
    assert.deepEqual(inventoryOf(emulator), before, 'exactly the previous resources');
    const account = await billed(emulator.url);
    assert.deepEqual(account.endpoints, demoBilled.endpoints, 'no endpoint left that nobody asked for');
    await crashes.assertNone();
  });

  it('a 5xx burst in the middle of a plan: retry-free clients stop at the failing call, rollback restores the account', async () => {
    const before = inventoryOf(emulator);
    const raw = noRetryClients(emulator);
    await setFaults(emulator.url, { errorRate: 1, operations: ['CreateInferenceComponent'] });
    const run = await runPlan(raw, blogPlan(names('burst')), { wait: async (ms) => emulator.advance(ms / 1000) });
    raw.destroy();
    await setFaults(emulator.url, null);
    assert.equal(run.status, 'failed');
    assert.equal(run.failedStep, 'inference-component');
    assert.match(run.message ?? '', /CreateInferenceComponent|inference component|InternalFailure/i);
    const rollback = await rollbackPlan(clients, run, { wait: async (ms) => emulator.advance(ms / 1000) });
    assert.equal(rollback.status, 'succeeded');
    assert.deepEqual(inventoryOf(emulator), before);
    emulator.advance(15 * 60);
    assert.equal((await billed(emulator.url)).instances, 1 + 1, 'only the demo\'s own instances are left (llama idles to 0 later, mistral keeps 1)');
    await crashes.assertNone();
  });

  it('the emulator stopped in the middle of a cold start: the held request ends with a clear message or completes after the restart', async () => {
    clients.destroy();
    await emulator.close();
    const stateFile = join(dir, 'state.json');
    await connect({ scenario: 'demo', stateFile });
    const port = emulator.port;
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    let waits = 0;
    let restarting: Promise<void> | undefined;
    const clock: ColdStartClock = {
      now: () => emulator.now(),
      wait: async (ms, signal) => {
        if (signal?.aborted) throw new AbortError();
        waits++;
        if (waits === 2) {
          // Mid-hold: the emulator stops, and comes back on the same port half a second later.
          await emulator.close();
          restarting = new Promise((resolve) => setTimeout(resolve, 500)).then(() => connect({ scenario: 'empty', port, stateFile }));
          await restarting;
          return;
        }
        emulator.advance(ms / 1000);
      },
    };
    const { SageMakerRuntimeClient, InvokeEndpointCommand } = await import('@aws-sdk/client-sagemaker-runtime');
    const posted: HostToPlayground[] = [];
    const lines: string[] = [];
    const sink = (level: string) => (message: string) => lines.push(`${level} ${message}`);
    const connection: SessionConnection = {
      label: 'Local emulator',
      runtime: {
        invoke: async (input, signal) => {
          const output = await clients.runtime.send(
            new InvokeEndpointCommand({ EndpointName: 'demo-cold', InferenceComponentName: 'demo-embeddings', ContentType: input.contentType, Body: new TextEncoder().encode(input.body) }),
            { abortSignal: signal },
          );
          return { body: new TextDecoder().decode(output.Body) };
        },
        stream: () => Promise.reject(new Error('not used')),
      },
      probe: () => createAwsProbe(clients, 'demo-embeddings'),
      clock,
      recordRejection: () => undefined,
      status: async () => ({ presence: 'present', status: { label: 'Cold', state: 'cold' } }),
      chart: async () => ({ from: 0, to: 0, series: [] }),
      endpointUrl: emulator.url,
    };
    void SageMakerRuntimeClient;
    const session = new PlaygroundSession({
      component: 'demo-embeddings',
      endpointName: 'demo-cold',
      post: (message) => posted.push(message),
      connection: () => connection,
      store: { get: () => undefined, update: () => Promise.resolve() },
      logger: new Logger({ trace: sink('trace'), debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') }),
    });
    session.handle({ type: 'invoke', requestId: 'r1', mode: 'invoke', body: '{"inputs":"hi"}', contentType: 'application/json', accept: 'application/json', deadlineSeconds: 1800, wakeNow: true });
    const deadline = Date.now() + 20_000;
    while (session.activeRequests > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(session.activeRequests, 0, 'the held request ended');
    const end = posted.find((message) => message.type === 'result' || message.type === 'error');
    assert.ok(end, JSON.stringify(posted.map((message) => message.type)));
    if (end.type === 'error') {
      assert.ok(end.message.length > 10 && !/\n\s+at /.test(end.message), end.message);
      assert.match(end.message, /demo-embeddings|emulator|127\.0\.0\.1|connect/i);
    } else {
      assert.equal(end.type, 'result');
    }
    assert.ok(waits >= 2, 'the emulator was stopped during the hold');
    await restarting;
    // No billed resource the user did not ask for: at most the one copy Wake now asked for.
    const account = await billed(emulator.url);
    assert.deepEqual(account.endpoints, demoBilled.endpoints);
    assert.ok(account.copies['demo-embeddings'] <= 1, JSON.stringify(account.copies));
    assert.ok(!lines.some((line) => line.startsWith('error')), lines.join('\n'));
    session.dispose();
    await crashes.assertNone();
  });

  it('missing credentials: a clear message naming the profile, no network call, no crash', async () => {
    const files = join(dir, 'aws');
    writeFileSync(`${files}-config`, '[profile other]\nregion = us-east-1\n');
    writeFileSync(`${files}-credentials`, '');
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_CONFIG_FILE: `${files}-config`, AWS_SHARED_CREDENTIALS_FILE: `${files}-credentials`, AWS_EC2_METADATA_DISABLED: 'true' });
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE']) delete process.env[key];
    const aws = await createClients({ kind: 'aws', profile: 'missing-profile', region: 'us-east-1' });
    try {
      const reader = await AccountReader.create(aws, {});
      const inventory = new Inventory(reader);
      const error = await inventory.refresh().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(error, 'no credentials, no refresh');
      const description = describeAwsError(error, { action: 'List endpoints', profile: 'missing-profile', region: 'us-east-1' });
      assert.equal(description.kind, 'credentials', description.message);
      assert.match(description.message, /missing-profile/);
    } finally {
      aws.destroy();
      process.env = saved;
    }
    await crashes.assertNone();
  });

  it('wrong credentials against an emulator that checks signatures: a clear credentials message, then recovery with the right key', async () => {
    const checking = await startEmulator({ timeScale: 0, scenario: 'demo', credentials: { accessKeyId: 'AKIDRIGHTKEY', secretAccessKey: 'right-secret' } });
    const wrong = await createClients({ kind: 'localEmulator', endpoint: checking.url, region: 'us-east-1' });
    try {
      const inventory = new Inventory(await AccountReader.create(wrong, {}));
      const error = await inventory.refresh().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      const description = describeAwsError(error, { action: 'List endpoints', endpoint: checking.url });
      assert.equal(description.kind, 'credentials', description.message);
      assert.equal(description.code, 'UnrecognizedClientException');
      // Expired session credentials are worded as such.
      const expired = describeAwsError(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException', $metadata: { httpStatusCode: 400 } }), { action: 'List endpoints', profile: 'dev' });
      assert.equal(expired.kind, 'credentials');
      assert.match(expired.message, /expired/i);
    } finally {
      wrong.destroy();
      await checking.close();
    }
    await crashes.assertNone();
  });

  it('a resource deleted by someone else while the tree shows it: the next refresh drops it, actions on it say it is gone', async () => {
    const inventory = await newInventory();
    await inventory.refresh();
    assert.ok(inventory.component('demo-embeddings'));
    // Someone else, in the console: the IC, then its endpoint.
    const other = noRetryClients(emulator);
    const { DeleteInferenceComponentCommand, DeleteEndpointCommand } = await import('@aws-sdk/client-sagemaker');
    await other.sageMaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: 'demo-embeddings' }));
    emulator.advance(60);
    await other.sageMaker.send(new DeleteEndpointCommand({ EndpointName: 'demo-cold' }));
    emulator.advance(120);
    other.destroy();
    const result = await inventory.refresh();
    assert.equal(inventory.component('demo-embeddings'), undefined);
    assert.deepEqual(inventory.endpoints().map((entry) => entry.summary.name), ['demo-always-on', 'demo-scale-to-zero']);
    assert.ok(result.listChanged);
    const error = await setCopyCount(clients, 'demo-embeddings', 1).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const description = describeAwsError(error, { action: 'Update', resource: 'inference component demo-embeddings' });
    assert.ok(['notFound', 'validation'].includes(description.kind), description.message);
    assert.match(description.message, /demo-embeddings/);
    const account = await billed(emulator.url);
    assert.deepEqual(account.endpoints, ['demo-always-on', 'demo-scale-to-zero']);
    await crashes.assertNone();
  });
});

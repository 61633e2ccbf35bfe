import * as assert from 'node:assert/strict';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients } from '../../../src/aws/clients';
import { type ColdStartClock } from '../../../src/playground/coldStart/clock';
import { type CapacityProbe } from '../../../src/playground/coldStart/probe';
import { Logger } from '../../../src/logging/logger';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { type HostToPlayground, maxBodyBytes, parseHostToPlayground, parsePlaygroundToHost } from '../../../src/playground/protocol';
import { createSessionConnection } from '../../../src/playground/session/backend';
import { coldStartsKey, PlaygroundSession, type SessionConnection, wakeNowKey } from '../../../src/playground/session/playgroundSession';
import { type ActiveConnection } from '../../../src/connection/ui/connectionManager';

const marker = 'HOSTILE-MARKER';
const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';

function memoryStore() {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: (key: string, value: unknown) => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

function logger() {
  const lines: string[] = [];
  const sink = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, logger: new Logger({ trace: sink('trace'), debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') }) };
}

const validInvoke = (requestId: string, extra: Record<string, unknown> = {}) => ({
  type: 'invoke',
  requestId,
  mode: 'invoke',
  body: JSON.stringify({ inputs: 'hello', parameters: { max_new_tokens: 8 } }),
  contentType: 'application/json',
  accept: 'application/json',
  deadlineSeconds: 600,
  wakeNow: false,
  ...extra,
});

function hostileMessages(): unknown[] {
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('hostile getter');
      },
      ownKeys() {
        throw new Error('hostile keys');
      },
    },
  );
  const getter = Object.defineProperty({}, 'type', {
    get() {
      throw new Error('boom');
    },
    enumerable: true,
  });
  return [
    undefined,
    null,
    0,
    NaN,
    'invoke',
    [],
    [validInvoke('a')],
    {},
    { type: 42 },
    { type: 'invoke' },
    { type: `${marker}-unknown-command`, payload: marker },
    { type: 'eval', code: `alert("${marker}")` },
    { type: 'ready', extra: marker },
    { type: 'cancel', requestId: { toString: () => marker } },
    { type: 'cancel', requestId: `<img src=x onerror=alert(1)>${marker}` },
    { type: 'setWakeNow', value: 'yes' },
    validInvoke(`${marker}<script>`),
    validInvoke('b', { mode: 'exec' }),
    validInvoke('c', { body: 42 }),
    validInvoke('d', { body: 'x'.repeat(maxBodyBytes + 1) }),
    validInvoke('e', { body: '€'.repeat(maxBodyBytes / 2) }),
    validInvoke('f', { contentType: `application/json\r\nX-Injected: ${marker}` }),
    validInvoke('g', { accept: '' }),
    validInvoke('h', { deadlineSeconds: 1e12 }),
    validInvoke('i', { deadlineSeconds: '600' }),
    validInvoke('j', { wakeNow: 1 }),
    validInvoke('k', { [marker]: true }),
    JSON.parse(`{"type":"invoke","__proto__":{"requestId":"polluted"}}`),
    throwing,
    getter,
  ];
}

describe('playground host: message validation', () => {
  it('drops malformed, unknown, hostile and oversized messages without throwing', () => {
    for (const [index, message] of hostileMessages().entries()) {
      assert.equal(parsePlaygroundToHost(message), undefined, `accepted hostile message #${index}`);
    }
    assert.deepEqual(parsePlaygroundToHost({ type: 'ready' }), { type: 'ready' });
    assert.equal(parsePlaygroundToHost(validInvoke('ok-1'))?.type, 'invoke');
    // Issue 19: the timeline's "Explain this cold start".
    assert.deepEqual(parsePlaygroundToHost({ type: 'explainColdStart', startedAt: 1_765_274_400_000 }), { type: 'explainColdStart', startedAt: 1_765_274_400_000 });
    for (const startedAt of ['1', -1, Number.NaN, 1e300, undefined]) assert.equal(parsePlaygroundToHost({ type: 'explainColdStart', startedAt }), undefined, String(startedAt));
    assert.equal(parsePlaygroundToHost({ type: 'explainColdStart', startedAt: 1, extra: true }), undefined);
  });

  it('the page drops host messages of the wrong shape', () => {
    assert.equal(parseHostToPlayground({ type: 'chunk', requestId: 'a', text: 1 }), undefined);
    assert.equal(parseHostToPlayground({ type: 'timeline', requestId: 'a', timeline: { phases: [{ id: 'evil' }] } }), undefined);
    assert.equal(parseHostToPlayground({ type: 'html', html: script }), undefined);
    assert.equal(parseHostToPlayground({ type: 'chunk', requestId: 'a', text: script })?.type, 'chunk');
  });

  it('the session survives them all: nothing throws, nothing is posted, nothing runs', async () => {
    const posted: HostToPlayground[] = [];
    const calls: string[] = [];
    const fakeConnection: SessionConnection = {
      label: 'fake',
      runtime: {
        invoke: async () => {
          calls.push('invoke');
          return { body: '[]' };
        },
        stream: async () => {
          calls.push('stream');
          return { body: '' };
        },
      },
      probe: () => ({}) as CapacityProbe,
      clock: { now: () => 0, wait: async () => undefined } as ColdStartClock,
      recordRejection: () => calls.push('rejection'),
      status: async () => ({ presence: 'present', status: { label: 'Warm', state: 'warm' } }),
      chart: async () => ({ from: 0, to: 1, series: [] }),
    };
    const { lines, logger: log } = logger();
    const store = memoryStore();
    const session = new PlaygroundSession({ component: 'ic', endpointName: 'ep', post: (message) => posted.push(message), connection: () => fakeConnection, store, logger: log });
    for (const message of hostileMessages()) assert.doesNotThrow(() => session.handle(message));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(posted, []);
    assert.deepEqual(calls, []);
    assert.equal(store.values.size, 0);
    assert.ok(lines.some((line) => /dropped a message/.test(line)));
    assert.ok(lines.every((line) => !line.includes(marker)), 'no hostile content reaches the log');
  });

  it('answers a valid invoke; model output with <script> travels as plain text in a valid message', async () => {
    const posted: HostToPlayground[] = [];
    const connection: SessionConnection = {
      label: 'fake',
      runtime: {
        invoke: async () => ({ body: JSON.stringify([{ generated_text: script }]), contentType: 'application/json', invokedVariant: 'AllTraffic' }),
        stream: async (_input, _signal, onChunk) => {
          onChunk(script);
          return { body: script };
        },
      },
      probe: () => ({}) as CapacityProbe,
      clock: { now: () => 0, wait: async () => undefined },
      recordRejection: () => undefined,
      status: async () => ({ presence: 'present', status: { label: 'Warm', state: 'warm' } }),
      chart: async () => ({ from: 0, to: 1, series: [] }),
    };
    const session = new PlaygroundSession({ component: 'ic', endpointName: 'ep', post: (message) => posted.push(message), connection: () => connection, store: memoryStore(), logger: logger().logger });
    session.handle(validInvoke('req-1'));
    session.handle(validInvoke('req-2', { mode: 'stream' }));
    session.handle(validInvoke('req-3', { body: '{not json' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const message of posted) assert.ok(parseHostToPlayground(message), `valid: ${JSON.stringify(message)}`);
    const result = posted.find((message) => message.type === 'result' && message.requestId === 'req-1');
    assert.ok(result?.type === 'result');
    assert.equal(JSON.parse(result.body)[0].generated_text, script);
    assert.equal(result.invokedVariant, 'AllTraffic');
    assert.ok(result.ttfbMs >= 0 && result.totalMs >= result.ttfbMs);
    assert.deepEqual(
      posted.filter((message) => message.type === 'chunk').map((message) => message.type === 'chunk' && message.text),
      [script],
    );
    const invalid = posted.find((message) => message.type === 'error' && message.requestId === 'req-3');
    assert.ok(invalid?.type === 'error' && invalid.kind === 'invalid' && /not valid JSON/.test(invalid.message));
    assert.equal(session.activeRequests, 0);
  });
});

/** The emulator as the extension's active connection, its inventory read on the emulator's clock. */
async function emulatorConnection(emulator: RunningEmulator, clients: AwsClients): Promise<{ active: ActiveConnection; inventory: Inventory }> {
  const now = () => new Date(emulator.now());
  const reader = await AccountReader.create(clients, { now });
  const inventory = new Inventory(reader, now);
  await inventory.refresh();
  const active = { connection: { kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' }, clients, reader, inventory, emulator } as ActiveConnection;
  return { active, inventory };
}

describe('playground host on the emulator: a streamed request through a cold start, with Wake now', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', timings: { tokenLatencyMs: 0 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  after(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('streams the answer after the timeline, keeps the durations per component and reports the chart', async () => {
    const { active, inventory } = await emulatorConnection(emulator, clients);
    const base = createSessionConnection(active, 'demo-embeddings', 'demo-cold');
    // The frozen emulator: each wait moves its clock.
    const connection: SessionConnection = { ...base, clock: { now: () => emulator.now(), wait: async (ms) => emulator.advance(ms / 1000) } };
    const posted: HostToPlayground[] = [];
    const store = memoryStore();
    const session = new PlaygroundSession({ component: 'demo-embeddings', endpointName: 'demo-cold', post: (message) => posted.push(message), connection: () => connection, store, logger: logger().logger });
    session.handle({ type: 'setWakeNow', value: true });
    session.handle({ type: 'ready' });
    session.handle(validInvoke('cold-1', { mode: 'stream', wakeNow: true }));
    for (let i = 0; i < 200 && !posted.some((message) => message.type === 'result' || message.type === 'error'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const error = posted.find((message) => message.type === 'error');
    assert.equal(error, undefined, JSON.stringify(error));
    assert.equal(store.get(wakeNowKey), true);
    const init = posted.find((message) => message.type === 'init');
    assert.ok(init?.type === 'init' && init.wakeNow === true);
    const timelines = posted.filter((message) => message.type === 'timeline');
    assert.ok(timelines.length >= 3, `${timelines.length} timeline updates`);
    const chunks = posted.filter((message) => message.type === 'chunk');
    assert.ok(chunks.length >= 2, 'streamed in parts');
    const firstChunk = posted.findIndex((message) => message.type === 'chunk');
    const lastTimelineBeforeChunks = posted.slice(0, firstChunk).filter((message) => message.type === 'timeline').at(-1);
    assert.ok(lastTimelineBeforeChunks?.type === 'timeline');
    assert.equal(lastTimelineBeforeChunks.timeline.phases.find((phase) => phase.id === 'inService')?.status, 'done');
    const result = posted.find((message) => message.type === 'result');
    assert.ok(result?.type === 'result' && result.streamed && result.heldMs! > 200_000, JSON.stringify(result));
    assert.equal(inventory.component('demo-embeddings')?.lifecycle?.state !== undefined, true);
    const kept = store.get<{ totalMs: number; wakeNow: boolean }[]>(coldStartsKey('demo-embeddings'))!;
    assert.equal(kept.length, 1);
    assert.equal(kept[0].wakeNow, true);
    const durations = posted.filter((message) => message.type === 'durations').at(-1);
    assert.ok(durations?.type === 'durations' && durations.durations.count === 1 && durations.durations.median.totalMs === kept[0].totalMs);
    // The chart reads the emulator's copy and instance counts and the invocations (published every 10 s).
    emulator.advance(120);
    await session.refresh();
    const chart = posted.filter((message) => message.type === 'chart').at(-1);
    assert.ok(chart?.type === 'chart');
    const copies = chart.series.find((series) => series.name === 'Copies')!;
    assert.ok(copies.points.some((point) => point[1] === 1), JSON.stringify(copies.points.slice(-5)));
    assert.ok(chart.series.find((series) => series.name === 'Instances')!.points.length > 0);
    session.dispose();
  });
});

describe('playground host on the emulator: the page talks to a warm component', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let session: PlaygroundSession;
  const posted: HostToPlayground[] = [];

  async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', timings: { tokenLatencyMs: 0 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const { active } = await emulatorConnection(emulator, clients);
    const connection = createSessionConnection(active, 'demo-llama3-8b', 'demo-scale-to-zero');
    session = new PlaygroundSession({
      component: 'demo-llama3-8b',
      endpointName: 'demo-scale-to-zero',
      post: (message) => posted.push(message),
      connection: () => connection,
      store: memoryStore(),
      logger: logger().logger,
    });
  });

  after(async () => {
    session.dispose();
    clients.destroy();
    await emulator.close();
  });

  it("answers an invoke from the page with the model's output, latency and variant; drops malformed messages", async () => {
    session.handle({ type: 'ready' });
    const init = await waitFor(() => posted.find((message): message is Extract<HostToPlayground, { type: 'init' }> => message.type === 'init'), 'init');
    assert.equal(init.inferenceComponentName, 'demo-llama3-8b');
    assert.equal(init.connection, 'Local emulator');
    assert.equal(init.durations.reference.instanceMs, 1.748 * 60_000);
    const status = await waitFor(() => posted.find((message) => message.type === 'status'), 'status');
    assert.ok(status.type === 'status' && /Warm/.test(status.status.label), JSON.stringify(status));

    const before = posted.length;
    session.handle({ type: 'invoke', requestId: 42 });
    session.handle({ type: 'launchMissiles' });
    session.handle('not even an object');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The refresh that 'ready' started may still post; nothing answers the malformed messages.
    const answered = posted.slice(before).filter((message) => !['init', 'status', 'chart', 'durations'].includes(message.type));
    assert.deepEqual(answered, [], 'malformed messages get no answer');

    session.handle({
      type: 'invoke',
      requestId: 'eh-1',
      mode: 'invoke',
      body: JSON.stringify({ inputs: 'Hello from the extension host', parameters: { max_new_tokens: 6 } }),
      contentType: 'application/json',
      accept: 'application/json',
      deadlineSeconds: 60,
      wakeNow: false,
    });
    const result = await waitFor(
      () => posted.find((message) => (message.type === 'result' || message.type === 'error') && message.requestId === 'eh-1'),
      'the answer',
    );
    assert.equal(result.type, 'result', JSON.stringify(result));
    if (result.type !== 'result') return;
    assert.ok(typeof JSON.parse(result.body)[0].generated_text === 'string', result.body);
    assert.equal(result.invokedVariant, 'AllTraffic');
    assert.ok(result.totalMs >= result.ttfbMs && result.ttfbMs >= 0);
    assert.equal(result.heldMs, undefined, 'no cold start on a warm component');
  });

  it('explains a failed request in plain words with the AWS code', async () => {
    session.handle({
      type: 'invoke',
      requestId: 'eh-2',
      mode: 'stream',
      body: JSON.stringify({ messages: 'not a list' }),
      contentType: 'application/json',
      accept: 'application/json',
      deadlineSeconds: 60,
      wakeNow: false,
    });
    const error = await waitFor(() => posted.find((message) => message.type === 'error' && message.requestId === 'eh-2'), 'the error');
    assert.ok(error.type === 'error');
    assert.equal(error.kind, 'aws');
    assert.equal(error.code, 'ModelError');
    assert.match(error.message, /InvokeEndpointWithResponseStream on inference component demo-llama3-8b failed/);
  });
});

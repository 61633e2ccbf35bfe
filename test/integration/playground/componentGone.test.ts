// The playground when its component goes away (issue 15, item 2): the session tells the page the
// component is gone (or that its status could not be read, which is not the same), ends a request
// held through a cold start with that plain sentence instead of waiting for its deadline, refuses to
// call it, and is usable again once it is recreated. The real SDK clients against the emulator.
import * as assert from 'node:assert/strict';
import { CreateInferenceComponentCommand, DeleteEndpointCommand, DeleteInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients } from '../../../src/aws/clients';
import { type ActiveConnection } from '../../../src/connection/ui/connectionManager';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { Logger } from '../../../src/logging/logger';
import { type ErrorMessage, type HostToPlayground, parseHostToPlayground } from '../../../src/playground/protocol';
import { createSessionConnection } from '../../../src/playground/session/backend';
import { PlaygroundSession, type SessionConnection } from '../../../src/playground/session/playgroundSession';

const component = 'demo-embeddings';
const endpointName = 'demo-cold';
const deletedSentence = `${component} no longer exists: it was deleted (or its endpoint was).`;

const memoryStore = () => {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T | undefined, update: (key: string, value: unknown) => Promise.resolve(void values.set(key, value)) };
};
const quietLogger = () => new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined });

const invoke = (requestId: string, deadlineSeconds = 600) => ({
  type: 'invoke',
  requestId,
  mode: 'invoke',
  body: JSON.stringify({ inputs: 'hello' }),
  contentType: 'application/json',
  accept: 'application/json',
  deadlineSeconds,
  wakeNow: false,
});

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('playground session when its component goes away (emulator)', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let inventory: Inventory;
  let session: PlaygroundSession;
  let posted: HostToPlayground[];
  let closed: number;

  /** The session as the panel builds it; each wait of a held request moves the frozen emulator on, a little slower than real time. */
  async function open(options: { explorerLoaded: boolean } = { explorerLoaded: true }): Promise<void> {
    const now = () => new Date(emulator.now());
    const reader = await AccountReader.create(clients, { now });
    inventory = new Inventory(reader, now);
    if (options.explorerLoaded) await inventory.refresh();
    const active = { connection: { kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' }, clients, reader, inventory, emulator } as ActiveConnection;
    const connection: SessionConnection = {
      ...createSessionConnection(active, component, endpointName),
      clock: {
        now: () => emulator.now(),
        wait: async (ms) => {
          await new Promise((resolve) => setTimeout(resolve, 40));
          emulator.advance(ms / 1000);
        },
      },
    };
    posted = [];
    closed = 0;
    session = new PlaygroundSession({
      component,
      endpointName,
      post: (message) => {
        assert.ok(parseHostToPlayground(JSON.parse(JSON.stringify(message))), `the page drops ${JSON.stringify(message)}`);
        posted.push(message);
      },
      connection: () => connection,
      store: memoryStore(),
      logger: quietLogger(),
      close: () => closed++,
    });
  }

  /** What the host does when the explorer's inventory refreshes: the session reads the component again. */
  async function explorerRefreshed(): Promise<void> {
    await inventory.refresh({ full: true });
    await session.refreshStatus();
  }

  const lastPresence = () => posted.filter((message) => ['status', 'componentGone', 'statusUnreadable'].includes(message.type)).at(-1);
  const endOf = (requestId: string) => posted.find((message): message is ErrorMessage => message.type === 'error' && message.requestId === requestId);

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', timings: { tokenLatencyMs: 0 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    await open();
  });

  afterEach(async () => {
    session.dispose();
    clients.destroy();
    await emulator.close();
  });

  it('says the component is being deleted, then gone; refuses to call it; closes on request; is usable again once recreated', async () => {
    await session.refresh();
    assert.equal(lastPresence()?.type, 'status');

    await clients.sageMaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: component }));
    await explorerRefreshed();
    assert.deepEqual(lastPresence(), { type: 'componentGone', message: `${component} is being deleted: it can no longer answer requests.` });
    emulator.advance(60);
    await explorerRefreshed();
    assert.deepEqual(lastPresence(), { type: 'componentGone', message: deletedSentence });

    session.handle(invoke('after-gone'));
    const refused = await waitFor(() => endOf('after-gone'), 'the refusal');
    assert.equal(refused.kind, 'gone');
    assert.equal(refused.message, deletedSentence);
    assert.equal(posted.some((message) => message.type === 'started'), false, 'nothing was sent');
    session.handle({ type: 'close' });
    assert.equal(closed, 1, 'the page asked to close: the panel closes');

    // Recreated under the same name.
    await clients.sageMaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: component,
        EndpointName: endpointName,
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'demo-embeddings-model', ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 4096 } },
        RuntimeConfig: { CopyCount: 1 },
      }),
    );
    await explorerRefreshed();
    assert.equal(lastPresence()?.type, 'status', JSON.stringify(lastPresence()));
    session.handle(invoke('after-back'));
    await waitFor(() => posted.find((message) => message.type === 'started' && message.requestId === 'after-back'), 'the request to start');
  });

  it('says so when only the endpoint was deleted (the emulator, like the API, still lists the component)', async () => {
    await clients.sageMaker.send(new DeleteEndpointCommand({ EndpointName: endpointName }));
    await explorerRefreshed();
    assert.deepEqual(lastPresence(), { type: 'componentGone', message: `${component} can no longer answer requests: its endpoint ${endpointName} is being deleted.` });
    emulator.advance(120);
    await explorerRefreshed();
    assert.deepEqual(lastPresence(), { type: 'componentGone', message: `${component} no longer exists: its endpoint ${endpointName} was deleted.` });
  });

  it('a status that cannot be read (the service is unreachable) is a read problem, not a deletion', async () => {
    // The explorer has not read the account either (it could not): the session reads the component itself.
    session.dispose();
    await open({ explorerLoaded: false });
    await emulator.close();
    await session.refreshStatus();
    const presence = lastPresence();
    assert.equal(presence?.type, 'statusUnreadable', JSON.stringify(presence));
    assert.ok(presence?.type === 'statusUnreadable' && /Describe inference component demo-embeddings failed/.test(presence.message), JSON.stringify(presence));
    assert.equal(posted.some((message) => message.type === 'componentGone'), false);
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
  });

  it('a request held through a cold start ends at once with the plain sentence when its endpoint is being deleted, long before its deadline', async () => {
    // demo-embeddings' wake alarm has the AWS docs' trap: one request never wakes it, so the request is held.
    session.handle(invoke('held', 3600));
    const held = await waitFor(() => posted.find((message) => message.type === 'timeline'), 'the request to be held');
    assert.ok(held.type === 'timeline');
    await clients.sageMaker.send(new DeleteEndpointCommand({ EndpointName: endpointName }));
    await explorerRefreshed();
    const ended = await waitFor(() => endOf('held'), 'the held request to end', 5_000);
    assert.equal(ended.kind, 'gone', JSON.stringify(ended));
    assert.equal(ended.message, `${component} can no longer answer requests: its endpoint ${endpointName} is being deleted.`);
    assert.ok(emulator.now() < held.timeline.deadlineAt - 1_800_000, 'ended long before its deadline');
    const finalTimeline = posted.filter((message) => message.type === 'timeline').at(-1);
    assert.ok(finalTimeline?.type === 'timeline' && finalTimeline.timeline.outcome === 'gone', JSON.stringify(finalTimeline));
    assert.equal(session.activeRequests, 0);
  });

  it('a request held through a cold start ends with the plain sentence when its component is deleted (its own poll finds it gone)', async () => {
    session.handle(invoke('held', 3600));
    await waitFor(() => posted.find((message) => message.type === 'timeline'), 'the request to be held');
    await clients.sageMaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: component }));
    emulator.advance(60);
    // No explorer refresh here: the held request's next DescribeInferenceComponent answers "not found".
    const ended = await waitFor(() => endOf('held'), 'the held request to end', 5_000);
    assert.equal(ended.kind, 'gone', JSON.stringify(ended));
    assert.equal(ended.message, deletedSentence);
    assert.deepEqual(lastPresence(), { type: 'componentGone', message: deletedSentence });
    const finalTimeline = posted.filter((message) => message.type === 'timeline').at(-1);
    assert.ok(finalTimeline?.type === 'timeline' && finalTimeline.timeline.outcome === 'gone', JSON.stringify(finalTimeline));
  });

  it('an older status read that answers late does not bring a gone component back', async () => {
    const answers: ((reading: Awaited<ReturnType<SessionConnection['status']>>) => void)[] = [];
    const base = createSessionConnection({ connection: { kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' }, clients, inventory, emulator } as ActiveConnection, component, endpointName);
    const connection: SessionConnection = { ...base, status: () => new Promise((resolve) => answers.push(resolve)) };
    const seen: HostToPlayground[] = [];
    const late = new PlaygroundSession({ component, endpointName, post: (message) => seen.push(message), connection: () => connection, store: memoryStore(), logger: quietLogger() });
    const first = late.refreshStatus();
    const second = late.refreshStatus();
    answers[1]({ presence: 'gone', why: 'componentDeleted' });
    await second;
    answers[0]({ presence: 'present', status: { label: 'Warm', state: 'warm', currentCopies: 1, desiredCopies: 1 } });
    await first;
    assert.deepEqual(seen, [{ type: 'componentGone', message: deletedSentence }]);
    late.dispose();
  });
});

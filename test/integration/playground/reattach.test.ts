// The playground's page and host together, over the emulator: the page's store (the page without its
// DOM) and the host's session exchange the protocol's messages as JSON, as the webview does. A hidden
// tab's page is destroyed by VS Code (no retainContextWhenHidden): here "hide" drops the page, so the
// host's messages are lost as they would be, and "show" builds a new page from the state the old one
// saved, as VS Code does. The held request runs through a real cold start on the emulator meanwhile.
import * as assert from 'node:assert/strict';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients } from '../../../src/aws/clients';
import { type ActiveConnection } from '../../../src/connection/ui/connectionManager';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { Logger } from '../../../src/logging/logger';
import { AbortError } from '../../../src/playground/coldStart/clock';
import { PlaygroundStore, type VsCodeApi } from '../../../src/playground/page/playgroundStore';
import { restoreSavedPage } from '../../../src/playground/page/savedPage';
import { type HostToPlayground, parseHostToPlayground, type PlaygroundToHost, utf8Length } from '../../../src/playground/protocol';
import { createSessionConnection } from '../../../src/playground/session/backend';
import { keptEndedRequests, PlaygroundSession, type SessionConnection } from '../../../src/playground/session/playgroundSession';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

function memoryStore() {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T | undefined, update: (key: string, value: unknown) => (values.set(key, value), Promise.resolve()) };
}

const quietLogger = () => new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined });

async function emulatorConnection(emulator: RunningEmulator, clients: AwsClients): Promise<ActiveConnection> {
  const now = () => new Date(emulator.now());
  const reader = await AccountReader.create(clients, { now });
  const inventory = new Inventory(reader, now);
  await inventory.refresh();
  return { connection: { kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' }, clients, reader, inventory, emulator } as ActiveConnection;
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One playground tab: a host session, and the page VS Code builds, destroys when hidden, and builds again. */
class Tab {
  readonly session: PlaygroundSession;
  /** The page while the tab shows; undefined while it is hidden (its page destroyed). */
  page: PlaygroundStore | undefined;
  /** What the page kept with setState: VS Code holds it across hide and show. */
  state: unknown;
  /** Every message any page sent the host. */
  readonly toHost: PlaygroundToHost[] = [];
  /** Host messages lost because the page was gone. */
  lost = 0;

  constructor(
    readonly component: string,
    readonly endpointName: string,
    connection: SessionConnection,
    maxResponseBytes?: number,
  ) {
    this.session = new PlaygroundSession({
      component,
      endpointName,
      post: (message) => this.deliver(message),
      connection: () => connection,
      store: memoryStore(),
      logger: quietLogger(),
      ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
    });
  }

  private deliver(message: HostToPlayground): void {
    const page = this.page;
    if (!page) {
      this.lost++;
      return;
    }
    const parsed = parseHostToPlayground(JSON.parse(JSON.stringify(message)));
    assert.ok(parsed, `the host posted a message the page drops: ${JSON.stringify(message).slice(0, 300)}`);
    page.receive(parsed);
  }

  /** Shows the tab: a new page from the saved state, which tells the host it is ready. */
  show(): PlaygroundStore {
    const api: VsCodeApi = {
      postMessage: (message) => {
        const sent = JSON.parse(JSON.stringify(message)) as PlaygroundToHost;
        this.toHost.push(sent);
        setImmediate(() => this.session.handle(sent));
      },
      getState: () => this.state,
      setState: (state) => (this.state = JSON.parse(JSON.stringify(state))),
    };
    const page = new PlaygroundStore(api, restoreSavedPage(this.state, JSON.stringify({ inferenceComponentName: this.component, endpointName: this.endpointName })));
    this.page = page;
    page.ready();
    return page;
  }

  /** Hides the tab: VS Code destroys the page; the host's messages go nowhere. */
  hide(): void {
    this.page = undefined;
  }
}

const phaseStatus = (page: PlaygroundStore | undefined, id: string) => page?.exchange?.timeline?.phases.find((phase) => phase.id === id)?.status;

describe('playground page and host: the page is rebuilt while a request is held through a cold start', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  /** Runs before each wait of the held request (on the frozen clock each wait moves the emulator on). */
  let beforeWait: (() => void) | undefined;
  let tab: Tab;

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', timings: { tokenLatencyMs: 0 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const active = await emulatorConnection(emulator, clients);
    const connection: SessionConnection = {
      ...createSessionConnection(active, 'demo-embeddings', 'demo-cold'),
      clock: {
        now: () => emulator.now(),
        wait: async (ms, signal) => {
          beforeWait?.();
          // Real time passes too, so a page's messages (a cancel) reach the host between polls.
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (signal?.aborted) throw new AbortError();
          emulator.advance(ms / 1000);
        },
      },
    };
    beforeWait = undefined;
    tab = new Tab('demo-embeddings', 'demo-cold', connection);
  });

  afterEach(async () => {
    tab.session.dispose();
    clients.destroy();
    await emulator.close();
  });

  /** Shows the tab, waits for the host's init, and sends a streamed request with Wake now. */
  async function sendColdStream(): Promise<{ page: PlaygroundStore; requestId: string }> {
    const page = tab.show();
    await until('init', () => page.connection !== '');
    page.setWakeNow(true);
    page.send('stream');
    const requestId = page.exchange!.requestId;
    await until('the request to start', () => page.stateLine !== 'Sending…');
    return { page, requestId };
  }

  it('a page rebuilt mid cold start gets the running request back (timeline so far) and then its streamed answer', async () => {
    const { page: first, requestId } = await sendColdStream();
    let second: PlaygroundStore | undefined;
    let waitsHidden = 0;
    beforeWait = () => {
      if (tab.page === first && phaseStatus(first, 'instanceProvisioning') === 'active') tab.hide();
      else if (!tab.page && ++waitsHidden === 2) second = tab.show();
    };
    await until('the rebuilt page to hear from the host', () => second !== undefined && tab.toHost.filter((message) => message.type === 'ready').length === 2);
    await until('the reattach', () => second!.exchange?.timeline !== undefined);
    const whenBack = {
      running: second!.running,
      provisioning: phaseStatus(second, 'instanceProvisioning'),
      history: second!.history.find((entry) => entry.requestId === requestId)?.outcome,
      stateLine: second!.stateLine,
    };
    await until('the answer', () => second!.exchange?.result !== undefined || second!.exchange?.error !== undefined);

    assert.ok(tab.lost > 0, 'messages were lost while the page was gone');
    assert.deepEqual(tab.toHost.filter((message) => message.type === 'ready'), [{ type: 'ready' }, { type: 'ready', pending: [requestId] }]);
    assert.equal(whenBack.running, true, 'the rebuilt page shows the request as running');
    assert.equal(whenBack.history, 'running', 'not marked interrupted');
    assert.ok(whenBack.provisioning === 'done' || whenBack.provisioning === 'active', `instance provisioning ${whenBack.provisioning}`);
    assert.equal(whenBack.stateLine, 'Held while the component wakes…');
    const exchange = second!.exchange!;
    assert.equal(exchange.error, undefined, JSON.stringify(exchange.error));
    assert.equal(exchange.requestId, requestId);
    assert.ok(exchange.result?.streamed && exchange.result.heldMs! > 200_000, JSON.stringify(exchange.result));
    assert.ok(exchange.stream.text.trim().split(/\s+/).length >= 3, `streamed text: ${exchange.stream.text}`);
    assert.equal(phaseStatus(second, 'firstResponse'), 'done');
    assert.equal(second!.history.find((entry) => entry.requestId === requestId)?.outcome, 'ok');
    assert.equal(second!.running, false);
    assert.equal(tab.session.activeRequests, 0);
  });

  it('an answer that came while the page was away is shown when the page comes back', async () => {
    const { requestId } = await sendColdStream();
    beforeWait = () => tab.hide();
    await until('the held request to end with the page away', () => tab.session.activeRequests === 0 && !tab.page);
    assert.equal(tab.session.keptEndedRequests, 1, 'the host keeps the answer for the page');
    const back = tab.show();
    await until('the answer', () => back.exchange?.result !== undefined || back.exchange?.error !== undefined);
    assert.equal(back.exchange?.error, undefined, JSON.stringify(back.exchange?.error));
    assert.equal(back.exchange?.requestId, requestId);
    assert.ok((back.exchange?.stream.text.trim().split(/\s+/).length ?? 0) >= 3, `text: ${back.exchange?.stream.text}`);
    assert.equal(back.history.find((entry) => entry.requestId === requestId)?.outcome, 'ok');
    assert.equal(back.exchange?.timeline?.outcome, 'succeeded', 'the final timeline comes with the answer');
    assert.equal(phaseStatus(back, 'firstResponse'), 'done');
    assert.match(back.history.find((entry) => entry.requestId === requestId)!.summary, /^OK · .* · held /);
    assert.equal(back.running, false);
    assert.equal(tab.session.keptEndedRequests, 0, 'delivered, then forgotten');
  });

  it('a page that lost its saved state cancels the request it cannot show, which frees the slot', async () => {
    const { requestId } = await sendColdStream();
    beforeWait = () => tab.hide();
    await until('the page to be gone', () => !tab.page);
    beforeWait = undefined;
    tab.state = undefined;
    const fresh = tab.show();
    await until('the request to be cancelled', () => tab.session.activeRequests === 0);
    assert.deepEqual(
      tab.toHost.filter((message) => message.type === 'cancel'),
      [{ type: 'cancel', requestId }],
    );
    assert.equal(fresh.running, false);
    fresh.send('invoke');
    await until('the next request to end', () => fresh.exchange?.result !== undefined || fresh.exchange?.error !== undefined);
    assert.notEqual(fresh.exchange?.error?.kind, 'invalid', 'the host took the next request');
  });
});

describe('playground host: bounded buffers, on the emulator', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let active: ActiveConnection;

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', timings: { tokenLatencyMs: 20 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    active = await emulatorConnection(emulator, clients);
  });

  after(async () => {
    clients.destroy();
    await emulator.close();
  });

  const invoke = (requestId: string, mode: 'invoke' | 'stream', tokens: number) => ({
    type: 'invoke',
    requestId,
    mode,
    body: JSON.stringify({ inputs: 'Tell me about scale to zero', parameters: { max_new_tokens: tokens } }),
    contentType: 'application/json',
    accept: 'application/json',
    deadlineSeconds: 60,
    wakeNow: false,
  });

  function llamaTab(maxResponseBytes?: number) {
    const connection = createSessionConnection(active, 'demo-llama3-8b', 'demo-scale-to-zero');
    const posted: HostToPlayground[] = [];
    const session = new PlaygroundSession({
      component: 'demo-llama3-8b',
      endpointName: 'demo-scale-to-zero',
      post: (message) => posted.push(JSON.parse(JSON.stringify(message)) as HostToPlayground),
      connection: () => connection,
      store: memoryStore(),
      logger: quietLogger(),
      ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
    });
    const ended = (requestId: string) => posted.find((message) => (message.type === 'result' || message.type === 'error') && message.requestId === requestId);
    return { session, posted, ended };
  }

  it('cuts an invoked answer at the limit and says so', async () => {
    const { session, ended } = llamaTab(100);
    session.handle(invoke('big-1', 'invoke', 40));
    await until('the answer', () => ended('big-1') !== undefined);
    const result = ended('big-1');
    assert.ok(result?.type === 'result', JSON.stringify(result));
    assert.equal(result.truncatedAtBytes, 100);
    assert.ok(utf8Length(result.body) <= 100 && result.body.length > 50, result.body);
    assert.ok(parseHostToPlayground(result));
    session.dispose();
  });

  it('stops reading a stream at the limit: no more parts kept or sent, and the answer says it was cut', async () => {
    const { session, posted, ended } = llamaTab(100);
    // 200 tokens at 20 ms each: reading it all would take 4 s.
    session.handle(invoke('big-2', 'stream', 200));
    await until('the answer', () => ended('big-2') !== undefined);
    const result = ended('big-2');
    assert.ok(result?.type === 'result', JSON.stringify(result));
    assert.ok(result.truncatedAtBytes !== undefined && result.truncatedAtBytes <= 100, `truncatedAtBytes ${result.truncatedAtBytes}, body of ${utf8Length(result.body)} bytes`);
    const sent = posted.filter((message) => message.type === 'chunk' && message.requestId === 'big-2').map((message) => (message.type === 'chunk' ? message.text : ''));
    assert.ok(sent.length > 0);
    assert.ok(utf8Length(sent.join('')) <= 100, `${utf8Length(sent.join(''))} bytes sent`);
    assert.ok(result.totalMs < 2_000, `the stream was read for ${result.totalMs} ms`);
    session.dispose();
  });

  it('keeps the last 4 answers a page missed, and no more', async () => {
    const { session, posted, ended } = llamaTab();
    const ids = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6'];
    for (const id of ids) {
      session.handle(invoke(id, 'invoke', 4));
      await until(id, () => ended(id) !== undefined);
    }
    assert.equal(session.keptEndedRequests, keptEndedRequests);
    session.handle({ type: 'ready', pending: ids });
    const reply = posted.find((message): message is Extract<HostToPlayground, { type: 'requests' }> => message.type === 'requests');
    assert.ok(reply, 'the host answers ready with the requests');
    assert.deepEqual(
      reply.requests.map((request) => request.requestId),
      ids.slice(-keptEndedRequests),
    );
    assert.ok(reply.requests.every((request) => request.outcome?.type === 'result' && request.outcome.requestId === request.requestId));
    assert.equal(session.keptEndedRequests, 0, 'delivered, then forgotten');
    session.dispose();
  });
});

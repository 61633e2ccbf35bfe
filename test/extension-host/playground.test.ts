import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { type HostToPlayground } from '../../src/playground/protocol';
import { type PlaygroundHandle } from '../../src/playground/host/playgroundPanel';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
const llama = { kind: 'inferenceComponent', id: 'demo-scale-to-zero/demo-llama3-8b', name: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' };

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Playground in VS Code', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const opened: PlaygroundHandle[] = [];

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId)!;
    api = await extension.activate();
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    assert.ok(api.connections.current?.emulator, 'the local emulator is connected');
  });

  after(async () => {
    for (const handle of opened) handle.panel.dispose();
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('opens one webview panel per inference component, revealing it when opened again', async () => {
    const handle = await vscode.commands.executeCommand<PlaygroundHandle>('sagemakerScaleToZero.openPlayground', llama);
    assert.ok(handle, 'the command returns the playground');
    opened.push(handle);
    assert.equal(handle.panel.viewType, 'sagemakerScaleToZero.playground');
    assert.equal(handle.panel.title, 'Playground: demo-llama3-8b');
    assert.equal(handle.panel.webview.options.enableScripts, true);
    assert.match(handle.panel.webview.html, /Content-Security-Policy/);
    assert.match(handle.panel.webview.html, /script-src 'nonce-[A-Za-z0-9]{32}'/);
    assert.doesNotMatch(handle.panel.webview.html, /unsafe-inline|unsafe-eval/);
    const again = await vscode.commands.executeCommand<PlaygroundHandle>('sagemakerScaleToZero.openPlayground', llama);
    assert.equal(again, handle, 'the same panel');
    const other = await vscode.commands.executeCommand<PlaygroundHandle>('sagemakerScaleToZero.openPlayground', {
      kind: 'inferenceComponent',
      id: 'demo-always-on/demo-mistral-7b',
      name: 'demo-mistral-7b',
      endpointName: 'demo-always-on',
    });
    opened.push(other);
    assert.notEqual(other, handle);
    assert.equal(other.panel.title, 'Playground: demo-mistral-7b');
  });

  it('answers an invoke from the page with the model\'s output, latency and variant; drops malformed messages', async () => {
    const handle = opened[0];
    const seen = () => handle.posted.slice();
    handle.receive({ type: 'ready' });
    const init = await waitFor(() => seen().find((message): message is Extract<HostToPlayground, { type: 'init' }> => message.type === 'init'), 'init');
    assert.equal(init.inferenceComponentName, 'demo-llama3-8b');
    assert.equal(init.connection, 'Local emulator');
    assert.equal(init.durations.reference.instanceMs, 1.748 * 60_000);
    const status = await waitFor(() => seen().find((message) => message.type === 'status'), 'status');
    assert.ok(status.type === 'status' && /Warm/.test(status.status.label), JSON.stringify(status));

    const before = handle.posted.length;
    handle.receive({ type: 'invoke', requestId: 42 });
    handle.receive({ type: 'launchMissiles' });
    handle.receive('not even an object');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The page itself may ask for a refresh meanwhile; nothing answers the malformed messages.
    const answered = handle.posted.slice(before).filter((message) => !['init', 'status', 'chart', 'durations'].includes(message.type));
    assert.deepEqual(answered, [], 'malformed messages get no answer');

    handle.receive({
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
      () => seen().find((message) => (message.type === 'result' || message.type === 'error') && message.requestId === 'eh-1'),
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
    const handle = opened[0];
    handle.receive({
      type: 'invoke',
      requestId: 'eh-2',
      mode: 'stream',
      body: JSON.stringify({ messages: 'not a list' }),
      contentType: 'application/json',
      accept: 'application/json',
      deadlineSeconds: 60,
      wakeNow: false,
    });
    const error = await waitFor(() => handle.posted.find((message) => message.type === 'error' && message.requestId === 'eh-2'), 'the error');
    assert.ok(error.type === 'error');
    assert.equal(error.kind, 'aws');
    assert.equal(error.code, 'ModelError');
    assert.match(error.message, /InvokeEndpointWithResponseStream on inference component demo-llama3-8b failed/);
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { deleteEndpointCommand } from '../../src/explorer/ui/deleteCommands';
import { type PlaygroundHandle } from '../../src/playground/host/playgroundPanel';
import { ScriptedUserInput } from '../support/scriptedUserInput';
import { explorerCommandContext } from './support/explorerCommandContext';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
const llama = { kind: 'inferenceComponent', id: 'demo-scale-to-zero/demo-llama3-8b', name: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' };

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
    // Each page has its own nonce, and the one script carries it.
    const nonceOf = (html: string) => /script-src 'nonce-([A-Za-z0-9]{32})'/.exec(html)?.[1];
    assert.notEqual(nonceOf(other.panel.webview.html), nonceOf(handle.panel.webview.html));
    assert.match(handle.panel.webview.html, new RegExp(`<script nonce="${nonceOf(handle.panel.webview.html)}" src=`));
  });

  it("tells the open playground its component is gone once the tree's Delete Endpoint removed it (issue 15, item 2)", async () => {
    const handle = await vscode.commands.executeCommand<PlaygroundHandle>('sagemakerScaleToZero.openPlayground', {
      kind: 'inferenceComponent',
      id: 'demo-cold/demo-embeddings',
      name: 'demo-embeddings',
      endpointName: 'demo-cold',
    });
    opened.push(handle);
    // What the host posts to the page, seen on its way.
    const posted: { type?: string; message?: string }[] = [];
    const webview = handle.panel.webview;
    const postMessage = webview.postMessage.bind(webview);
    webview.postMessage = (message: unknown) => {
      posted.push(message as { type?: string });
      return postMessage(message);
    };
    const emulatorUrl = api.connections.current!.emulator!.url;
    const deleteEndpoint = deleteEndpointCommand(explorerCommandContext(api).context(new ScriptedUserInput().answerPick(false).answerConfirm(true)));
    let settled = false;
    const deletion = deleteEndpoint({ kind: 'endpoint', id: 'endpoint:demo-cold', name: 'demo-cold' }).finally(() => (settled = true));
    // The clock is frozen: move it on while the teardown waits for the inference component to go.
    for (let tick = 0; tick < 200 && !settled; tick++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await fetch(`${emulatorUrl}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 30 }) });
    }
    const report = await deletion;
    assert.equal(report?.outcome.error, undefined, String(report?.outcome.error));
    // The teardown's own refresh of the explorer reaches the playground: no poll to wait for.
    for (let tries = 0; tries < 100 && !posted.some((message) => message.type === 'componentGone'); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    const gone = posted.find((message) => message.type === 'componentGone');
    assert.ok(gone, `posted: ${posted.map((message) => message.type).join(', ')}`);
    assert.match(gone.message ?? '', /^demo-embeddings (no longer exists|can no longer answer requests)/);
    assert.equal(posted.slice(posted.indexOf(gone)).some((message) => message.type === 'status'), false, 'never Warm (or anything) again after gone');
  });

  // What the host answers to the page's messages is tested on the vscode-free session
  // (test/unit/playground/session.test.ts) against the emulator, and through the real webview by the e2e tests.
});

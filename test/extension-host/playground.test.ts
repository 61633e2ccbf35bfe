import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { type PlaygroundHandle } from '../../src/playground/host/playgroundPanel';

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

  // What the host answers to the page's messages is tested on the vscode-free session
  // (test/unit/playground/session.test.ts) against the emulator, and through the real webview by the e2e tests.
});

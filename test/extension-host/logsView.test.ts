import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { type LogsHandle } from '../../src/logs/host/logsPanel';
import { type HostToLogs } from '../../src/logs/protocol';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
const llamaRow = { kind: 'inferenceComponent', id: 'demo-scale-to-zero/demo-llama3-8b', name: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' };
const endpointRow = { kind: 'endpoint', id: 'endpoint:demo-cold', name: 'demo-cold' };

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Show Logs in VS Code', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const opened: LogsHandle[] = [];

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

  it('opens a panel "Logs: <component>" from a component row, with a nonce CSP, one per resource, and feeds it the container\'s lines', async () => {
    const handle = await vscode.commands.executeCommand<LogsHandle>('sagemakerScaleToZero.showLogs', llamaRow);
    assert.ok(handle, 'the command returns the logs view');
    opened.push(handle);
    assert.equal(handle.panel.viewType, 'sagemakerScaleToZero.logs');
    assert.equal(handle.panel.title, 'Logs: demo-llama3-8b');
    assert.match(handle.panel.webview.html, /script-src 'nonce-[A-Za-z0-9]{32}'/);
    assert.doesNotMatch(handle.panel.webview.html, /unsafe-inline|unsafe-eval/);
    const again = await vscode.commands.executeCommand<LogsHandle>('sagemakerScaleToZero.showLogs', llamaRow);
    assert.equal(again, handle, 'running it again reveals the same panel');

    // The page asks for its lines when it starts; here the test speaks for it (a 3-hour range: the demo's copy started an hour before the emulator's clock).
    await handle.session.handle({ type: 'ready', state: { target: { kind: 'inferenceComponent', name: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' }, range: '3h', filter: '', follow: true } });
    const reset = await until(() => handle.posted.find((message): message is Extract<HostToLogs, { type: 'reset' }> => message.type === 'reset'), 'the lines');
    assert.equal(reset.lines.length, 5);
    assert.match(reset.lines[0].message, /^INFO Starting inference server: image .*djl-inference/);
    assert.match(reset.lines[4].message, /"GET \/ping HTTP\/1\.1" 200/);
    assert.match(reset.lines[0].instance ?? '', /^i-/);
    const init = handle.posted.find((message) => message.type === 'init') as Extract<HostToLogs, { type: 'init' }>;
    assert.equal(init.connection, 'Local emulator');
    assert.equal(init.consoleAvailable, false, 'no CloudWatch console for the emulator');
    assert.equal(handle.session.following, true);
  });

  it('an endpoint row opens the endpoint\'s view: its group and its component\'s group, with the notice when neither exists yet', async () => {
    const handle = await vscode.commands.executeCommand<LogsHandle>('sagemakerScaleToZero.showLogs', endpointRow);
    opened.push(handle);
    assert.equal(handle.panel.title, 'Logs: demo-cold');
    await handle.session.handle({ type: 'ready', state: { target: { kind: 'endpoint', name: 'demo-cold' }, range: '1d', filter: '', follow: false } });
    const status = await until(
      () => handle.posted.filter((message): message is Extract<HostToLogs, { type: 'status' }> => message.type === 'status' && !message.busy).at(-1),
      'the status',
    );
    assert.deepEqual(status.groups, [
      { name: '/aws/sagemaker/Endpoints/demo-cold', state: 'missing' },
      { name: '/aws/sagemaker/InferenceComponents/demo-embeddings', state: 'missing' },
    ]);
    assert.match(status.notices[0]?.message ?? '', /does not exist yet: no container of endpoint demo-cold has started writing logs/);
    assert.equal(status.following, false);
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
  };
  activationEvents: string[];
}

function extension(): vscode.Extension<ExtensionApi> {
  const found = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(found, `${extensionId} is not installed in this VS Code`);
  return found;
}

describe('Extension activation', () => {
  it('runs inside VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('is not active before its view or a command is used (no "*" activation)', () => {
    const manifest = extension().packageJSON as Manifest;
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.equal(extension().isActive, false);
  });

  it('activates when its view is opened', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.sagemakerScaleToZero');
    const deadline = Date.now() + 10_000;
    while (!extension().isActive && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(extension().isActive, true);
    assert.equal(typeof extension().exports.activatedAt, 'number');
  });

  it('registers every command it contributes', async () => {
    const manifest = extension().packageJSON as Manifest;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('contributes its activity-bar container, the Endpoints view and the All Regions view below it', () => {
    const manifest = extension().packageJSON as Manifest;
    assert.deepEqual(
      manifest.contributes.viewsContainers.activitybar.map((c) => c.id),
      ['sagemakerScaleToZero'],
    );
    assert.deepEqual(
      manifest.contributes.views.sagemakerScaleToZero.map((v) => v.id),
      ['sagemakerScaleToZero.endpoints', 'sagemakerScaleToZero.regions'],
    );
  });

  it('refreshes the Endpoints view when the Refresh command runs', async () => {
    const api = await extension().activate();
    let fired = 0;
    const subscription = api.explorer.onDidChangeTreeData(() => fired++);
    try {
      await vscode.commands.executeCommand('sagemakerScaleToZero.refresh');
      assert.equal(fired, 1);
    } finally {
      subscription.dispose();
    }
  });

  it('shows no endpoints until a connection exists', async () => {
    const api = await extension().activate();
    assert.deepEqual(await api.explorer.getChildren(), []);
  });

  it('has not loaded the AWS SDK bundle during activation', () => {
    const loaded = Object.keys(require.cache).filter((path) => /[\\/]dist[\\/]aws-sdk\.js$/.test(path));
    assert.deepEqual(loaded, []);
  });
});

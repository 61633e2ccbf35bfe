import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const section = 'sagemakerScaleToZero';

async function until(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A cloned repository's `.vscode/settings.json`, as VS Code reads it from the workspace folder: it
 * tries to connect to AWS with its own profile and region, and to fix the emulator's port.
 */
describe('Workspace settings of a cloned repository', function () {
  this.timeout(60_000);
  let file: vscode.Uri;

  before(() => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run in a folder workspace');
    file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
  });

  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(file, '..'), { recursive: true });
    await until('the workspace settings to be gone', () => vscode.workspace.getConfiguration(section).inspect('refreshIntervalSeconds')?.workspaceValue === undefined);
  });

  it('cannot choose the connection, the profile or the emulator port (machine scope: user settings only)', async () => {
    const settings: Record<string, unknown> = {
      [`${section}.connection`]: 'aws',
      [`${section}.aws.profile`]: 'attacker-credential-process',
      [`${section}.emulator.port`]: 4567,
      // Not restricted: it shows the file has been read.
      [`${section}.refreshIntervalSeconds`]: 321,
    };
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(settings, undefined, 2)));
    await until('VS Code to read the workspace settings', () => vscode.workspace.getConfiguration(section).get('refreshIntervalSeconds') === 321);

    const configuration = vscode.workspace.getConfiguration(section);
    for (const key of ['connection', 'aws.profile', 'emulator.port']) {
      const inspected = configuration.inspect(key);
      assert.notEqual(configuration.get(key), settings[`${section}.${key}`], `${key}: the workspace's value is not used`);
      assert.equal(configuration.get(key), inspected?.globalValue ?? inspected?.defaultValue, `${key}: the user's value (or the default) is`);
      assert.equal(inspected?.workspaceValue, undefined, `${key}: no workspace value reaches the extension, not even through inspect()`);
      assert.equal(inspected?.workspaceFolderValue, undefined, `${key}: nor a folder value`);
    }
  });
});

/**
 * Entry point of the extension-host tests: VS Code loads this module (`extensionTestsPath`) inside the
 * extension host and calls run(). The same module runs under @vscode/test-electron (VS Code desktop)
 * and inside code-server driven by Chromium (scripts/test-extension-host.mjs).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

export function run(): Promise<void> {
  const environment = `VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost}, ${
    vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'
  } UI)`;
  console.log(`Extension-host tests running in ${environment}`);
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    color: false,
    forbidOnly: true,
    reporter: resolve(__dirname, '..', '..', '..', 'test', 'support', 'summary-reporter.cjs'),
    reporterOptions: { extra: { vscodeVersion: vscode.version, appName: vscode.env.appName, environment } },
  });
  // S2Z_EXT_HOST_SPEC=agentTools,wizards runs only the files whose names contain one of those words (while developing).
  const only = (process.env.S2Z_EXT_HOST_SPEC ?? '').split(',').map((word) => word.trim()).filter(Boolean);
  for (const file of testFiles(__dirname)) if (only.length === 0 || only.some((word) => file.includes(word))) mocha.addFile(file);
  return new Promise((resolvePromise, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed.`));
      else resolvePromise();
    });
  });
}

// The start-up benchmark's yardstick (bench/extension-host/index.cjs): activate() registers one command
// and nothing else. It reports its own time the way src/extension.ts does (activatedAt, activationMs),
// so both extensions are timed the same way and ours can be given as a ratio to this one.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an extension's main is CommonJS, as VS Code loads it
const vscode = require('vscode');

function activate(context) {
  const started = performance.now();
  context.subscriptions.push(vscode.commands.registerCommand('s2zBenchMinimal.hello', () => vscode.window.showInformationMessage('Hello')));
  return { activatedAt: Date.now(), activationMs: performance.now() - started };
}

function deactivate() {}

module.exports = { activate, deactivate };

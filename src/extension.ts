import * as vscode from 'vscode';
import { registerCommands } from './ui/commands';
import { EndpointsTreeProvider } from './ui/explorer/endpointsTreeProvider';
import { contextKeys, endpointsViewId } from './ui/ids';
import { createLogger } from './ui/log';

/** What activate() returns: used by the extension-host tests, not a public API. */
export interface ExtensionApi {
  readonly activatedAt: number;
  readonly explorer: EndpointsTreeProvider;
}

/**
 * Activation is kept cheap: it wires the view and the commands and loads nothing else. The AWS SDK
 * (dist/aws-sdk.js) and the emulator (dist/emulator.js) are loaded on first use.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const { logger, channel } = createLogger();
  const explorer = new EndpointsTreeProvider();
  context.subscriptions.push(
    channel,
    explorer,
    vscode.window.registerTreeDataProvider(endpointsViewId, explorer),
    ...registerCommands({ logger, channel, explorer }),
  );
  void vscode.commands.executeCommand('setContext', contextKeys.connected, false);
  logger.info(`SageMaker Scale to Zero ${String(context.extension.packageJSON.version)} activated in VS Code ${vscode.version}.`);
  return { activatedAt: Date.now(), explorer };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

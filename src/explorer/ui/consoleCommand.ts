import * as vscode from 'vscode';
import { endpointConsoleUrl, inferenceComponentConsoleUrl } from '../../aws/consoleUrls';
import { type ExplorerCommandContext, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';

/** "Open in AWS Console": opens a row in the AWS console (the local emulator has none: it says so). */
export function openInConsoleCommand(context: ExplorerCommandContext): (node?: NamedNode) => Promise<void> {
  return guardExplorerCommand(context, 'Open in the AWS console', async (node?: NamedNode) => {
    if (!node) return;
    const active = requireConnection(context.connections);
    if (active.connection.kind === 'localEmulator') {
      void vscode.window.showInformationMessage(`${node.name} lives in the local emulator, which has no AWS console. Use "Show Description" instead.`);
      return;
    }
    const region = active.connection.region;
    const url =
      node.kind === 'endpoint'
        ? endpointConsoleUrl(region, node.name)
        : inferenceComponentConsoleUrl(region, { endpointName: node.endpointName, inferenceComponentName: node.name });
    await vscode.env.openExternal(vscode.Uri.parse(url));
  });
}

import * as vscode from 'vscode';
import { commandIds } from '../../workbench/ids';
import { type ExplorerCommandDependencies, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';

/** Copy a row's name or ARN to the clipboard. */
export function registerClipboardCommands(deps: ExplorerCommandDependencies): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      commandIds.copyName,
      guardExplorerCommand(deps, 'Copy the name of', async (node?: NamedNode) => {
        if (node && 'name' in node) await vscode.env.clipboard.writeText(node.name);
      }),
    ),
    vscode.commands.registerCommand(
      commandIds.copyArn,
      guardExplorerCommand(deps, 'Copy the ARN of', async (node?: NamedNode) => {
        if (!node) return;
        const inventory = requireConnection(deps.connections).inventory;
        const arn = node.kind === 'endpoint' ? inventory.endpoint(node.name)?.summary.arn : inventory.component(node.name)?.summary.arn;
        if (arn) await vscode.env.clipboard.writeText(arn);
      }),
    ),
  ];
}

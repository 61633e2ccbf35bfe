import * as vscode from 'vscode';
import { type ExplorerCommandContext, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';

/** "Copy Name": a row's name to the clipboard. */
export function copyNameCommand(context: ExplorerCommandContext): (node?: NamedNode) => Promise<void> {
  return guardExplorerCommand(context, 'Copy the name of', async (node?: NamedNode) => {
    if (node && 'name' in node) await vscode.env.clipboard.writeText(node.name);
  });
}

/** "Copy ARN": a row's ARN to the clipboard. */
export function copyArnCommand(context: ExplorerCommandContext): (node?: NamedNode) => Promise<void> {
  return guardExplorerCommand(context, 'Copy the ARN of', async (node?: NamedNode) => {
    if (!node) return;
    const inventory = requireConnection(context.connections).inventory;
    const arn = node.kind === 'endpoint' ? inventory.endpoint(node.name)?.summary.arn : inventory.component(node.name)?.summary.arn;
    if (arn) await vscode.env.clipboard.writeText(arn);
  });
}

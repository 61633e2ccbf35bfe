import * as vscode from 'vscode';
import { commandIds } from '../../workbench/ids';
import { type ExplorerCommandDependencies, guardExplorerCommand } from './explorerCommandContext';

/** The view's Refresh button and a row's Refresh: re-read the account and repaint. */
export function registerRefreshCommands(deps: ExplorerCommandDependencies): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      commandIds.refresh,
      guardExplorerCommand(deps, 'Refresh the Endpoints view', async () => {
        deps.logger.debug('Refreshing the Endpoints view.');
        deps.explorer.refresh();
      }),
    ),
    vscode.commands.registerCommand(
      commandIds.refreshItem,
      guardExplorerCommand(deps, 'Refresh', async () => deps.explorer.refresh()),
    ),
  ];
}

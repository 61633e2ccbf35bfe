import * as vscode from 'vscode';
import { type Logger } from '../core/logger';
import { type EndpointsTreeProvider } from './explorer/endpointsTreeProvider';
import { commandIds, extensionId } from './ids';

export interface CommandDependencies {
  logger: Logger;
  channel: vscode.LogOutputChannel;
  explorer: EndpointsTreeProvider;
}

/** Registers the extension's commands; each one is a thin call into the layer that does the work. */
export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.refresh, () => {
      deps.logger.debug('Refreshing the Endpoints view.');
      deps.explorer.refresh();
    }),
    vscode.commands.registerCommand(commandIds.showLog, () => {
      deps.channel.show(true);
    }),
    vscode.commands.registerCommand(commandIds.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`),
    ),
  ];
}

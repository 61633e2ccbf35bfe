import * as vscode from 'vscode';
import { commandIds, extensionId } from './ids';

/** Commands that belong to no resource: the log and the settings. */
export function registerGeneralCommands(channel: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.showLog, () => channel.show(true)),
    vscode.commands.registerCommand(commandIds.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`),
    ),
  ];
}

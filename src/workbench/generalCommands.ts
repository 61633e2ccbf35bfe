import * as vscode from 'vscode';
import { commandIds, extensionId, walkthroughId } from './ids';

/** Commands that belong to no resource: the log, the settings, the walkthrough. */
export function registerGeneralCommands(channel: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.showLog, () => channel.show(true)),
    vscode.commands.registerCommand(commandIds.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`),
    ),
    vscode.commands.registerCommand(commandIds.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${walkthroughId}`, false),
    ),
  ];
}

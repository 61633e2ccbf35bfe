import * as vscode from 'vscode';
import { commandIds } from '../../workbench/ids';
import { copyArnCommand, copyNameCommand } from './clipboardCommands';
import { openInConsoleCommand } from './consoleCommand';
import { setCopyCountCommand } from './copyCountCommand';
import { deleteEndpointCommand, deleteInferenceComponentCommand } from './deleteCommands';
import { showDescriptionCommand, showReadinessCommand } from './describeCommands';
import { type ExplorerCommandContext } from './explorerCommandContext';
import { refreshCommand, refreshItemCommand } from './refreshCommands';

/**
 * Registers every command of the Endpoints view and its rows; each is made by a factory of its own
 * module from the context (the tests call those factories with a scripted `ui`).
 */
export function registerExplorerCommands(context: ExplorerCommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.refresh, refreshCommand(context)),
    vscode.commands.registerCommand(commandIds.refreshItem, refreshItemCommand(context)),
    vscode.commands.registerCommand(commandIds.copyName, copyNameCommand(context)),
    vscode.commands.registerCommand(commandIds.copyArn, copyArnCommand(context)),
    vscode.commands.registerCommand(commandIds.openInConsole, openInConsoleCommand(context)),
    vscode.commands.registerCommand(commandIds.showDescription, showDescriptionCommand(context)),
    vscode.commands.registerCommand(commandIds.showReadiness, showReadinessCommand(context)),
    vscode.commands.registerCommand(commandIds.setCopyCount, setCopyCountCommand(context)),
    vscode.commands.registerCommand(commandIds.deleteInferenceComponent, deleteInferenceComponentCommand(context)),
    vscode.commands.registerCommand(commandIds.deleteEndpoint, deleteEndpointCommand(context)),
  ];
}

import type * as vscode from 'vscode';
import { registerClipboardCommands } from './clipboardCommands';
import { registerConsoleCommand } from './consoleCommand';
import { registerCopyCountCommand } from './copyCountCommand';
import { registerDeleteCommands } from './deleteCommands';
import { registerDescribeCommands } from './describeCommands';
import { type ExplorerCommandDependencies } from './explorerCommandContext';
import { registerRefreshCommands } from './refreshCommands';

/** Every command of the Endpoints view and its rows; each lives in its own module. */
export function registerExplorerCommands(deps: ExplorerCommandDependencies): vscode.Disposable[] {
  return [
    ...registerRefreshCommands(deps),
    ...registerClipboardCommands(deps),
    registerConsoleCommand(deps),
    ...registerDescribeCommands(deps),
    registerCopyCountCommand(deps),
    ...registerDeleteCommands(deps),
  ];
}

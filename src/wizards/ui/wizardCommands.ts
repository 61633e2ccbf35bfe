import * as vscode from 'vscode';
import { commandIds } from '../../workbench/ids';
import { createEndpointCommand } from './createEndpointCommand';
import { enableScaleToZeroCommand } from './enableScaleToZeroCommand';
import { addInferenceComponentCommand } from './addInferenceComponentCommand';
import { scheduleSleepWakeCommand } from './scheduleSleepWakeCommand';
import { setIdleTimeoutCommand } from './setIdleTimeoutCommand';
import { addAdapterCommand } from './addAdapterCommand';
import { updateModelCommand } from './updateModelCommand';
import { type WizardCommandContext } from './wizardCommand';

/** Registers the three wizard commands, Set Idle Timeout, Add Adapter and Update Model; each returns its run report to `executeCommand`'s caller. */
export function registerWizardCommands(context: WizardCommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.createEndpoint, createEndpointCommand(context)),
    vscode.commands.registerCommand(commandIds.enableScaleToZero, enableScaleToZeroCommand(context)),
    vscode.commands.registerCommand(commandIds.addInferenceComponent, addInferenceComponentCommand(context)),
    vscode.commands.registerCommand(commandIds.scheduleSleepWake, scheduleSleepWakeCommand(context)),
    vscode.commands.registerCommand(commandIds.setIdleTimeout, setIdleTimeoutCommand(context)),
    vscode.commands.registerCommand(commandIds.addAdapter, addAdapterCommand(context)),
    vscode.commands.registerCommand(commandIds.updateModel, updateModelCommand(context)),
  ];
}

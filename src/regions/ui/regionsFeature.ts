import * as vscode from 'vscode';
import { type ConnectionManager } from '../../connection/ui/connectionManager';
import { type Logger } from '../../logging/logger';
import { type PriceOverrides } from '../../cost/pricing';
import { type UserInput } from '../../prompts/userInput';
import { commandIds, configSection, regionsViewId } from '../../workbench/ids';
import { type ExistingFlows, type RegionCommandContext } from './regionCommandContext';
import { regionDeleteEndpointCommand, regionPutToSleepCommand, regionSetUpScaleToZeroCommand, showRegionInExplorerCommand } from './regionActions';
import { RegionsTreeProvider } from './regionsTreeProvider';
import { rescanRegionCommand, scanAllRegionsCommand } from './scanCommands';

/** The settings a scan reads (`sagemakerScaleToZero.regions.*`), with package.json's defaults. */
export function regionSettings(): { idleDays: number; concurrency: number; priceOverrides: PriceOverrides } {
  const settings = vscode.workspace.getConfiguration(configSection);
  return {
    idleDays: settings.get<number>('regions.idleDays', 7),
    concurrency: settings.get<number>('regions.concurrency', 4),
    priceOverrides: settings.get<PriceOverrides>('pricing.hourlyUsd', {}),
  };
}

/** Registers every All Regions command, each made by its factory from the context (the tests call the factories with a scripted `ui`). */
export function registerRegionCommands(context: RegionCommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.scanAllRegions, scanAllRegionsCommand(context)),
    vscode.commands.registerCommand(commandIds.rescanRegion, rescanRegionCommand(context)),
    vscode.commands.registerCommand(commandIds.showRegionInExplorer, showRegionInExplorerCommand(context)),
    vscode.commands.registerCommand(commandIds.regionSetUpScaleToZero, regionSetUpScaleToZeroCommand(context)),
    vscode.commands.registerCommand(commandIds.regionPutToSleep, regionPutToSleepCommand(context)),
    vscode.commands.registerCommand(commandIds.regionDeleteEndpoint, regionDeleteEndpointCommand(context)),
  ];
}

export interface RegionsFeatureContext {
  ui: UserInput;
  connections: ConnectionManager;
  logger: Logger;
  flows: ExistingFlows;
  pickProfiles: RegionCommandContext['pickProfiles'];
}

/**
 * The All Regions view and its commands. A scan of the local emulator ends with that emulator (another
 * connection that is not the same emulator forgets it); a scan of AWS profiles stays until the next.
 */
export function registerRegionsFeature(context: RegionsFeatureContext): { view: RegionsTreeProvider; disposables: vscode.Disposable[] } {
  const view = new RegionsTreeProvider();
  const treeView = vscode.window.createTreeView(regionsViewId, { treeDataProvider: view, showCollapseAll: true });
  view.attach(treeView);
  const commandContext: RegionCommandContext = { ...context, view, settings: regionSettings };
  const subscription = context.connections.onDidChange((active) => {
    const scanned = view.emulatorEndpoint;
    if (scanned !== undefined && !(active?.connection.kind === 'localEmulator' && active.connection.endpoint === scanned)) view.clear();
  });
  return { view, disposables: [view, treeView, subscription, ...registerRegionCommands(commandContext)] };
}

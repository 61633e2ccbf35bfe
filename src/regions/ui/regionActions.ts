import * as vscode from 'vscode';
import { type ActiveConnection } from '../../connection/ui/connectionManager';
import { endpointsViewId } from '../../workbench/ids';
import { type ComponentArgument, guardRegionCommand, type RegionCommandContext } from './regionCommandContext';
import { type RegionRow } from './regionRows';
import { rescanRegion } from './scanCommands';

/** A row that names a region of a scanned target (a region row, an endpoint or component row). */
type RegionTarget = RegionRow & { targetId: string; region: string };

function regionOf(row: RegionRow | undefined): RegionTarget {
  if (!row?.targetId || !row.region) throw new Error('Run it from a region or endpoint row of the All Regions view.');
  return row as RegionTarget;
}

/**
 * The explorer in the row's region, on the account the row was scanned with: for the local emulator the
 * running emulator in that region (`switchRegion`); for AWS the row's profile connected in that region
 * (Connect to AWS). Resolves with the connection once its inventory has been read.
 */
async function switchExplorer(context: RegionCommandContext, row: RegionTarget): Promise<ActiveConnection | undefined> {
  const source = context.view.source(row.targetId);
  if (!source) throw new Error(`The scan of ${row.region} is gone (the connection changed since): scan all regions again.`);
  const target = source.target;
  let active: ActiveConnection | undefined;
  if (target.kind === 'localEmulator') {
    active = await context.connections.switchRegion(row.region);
    await active.inventory.refresh({ full: true });
  } else {
    const current = context.connections.current?.connection;
    active = current?.kind === 'aws' && current.profile === target.profile && current.region === row.region ? context.connections.current : await context.flows.connectAws(target.profile, row.region);
  }
  if (active) void vscode.commands.executeCommand(`${endpointsViewId}.focus`);
  return active;
}

/**
 * Waits until the explorer's inventory has the endpoint and its components (described, not only
 * listed): the existing flows read them from there. Fails in plain words when it is gone.
 */
async function endpointInExplorer(active: ActiveConnection, name: string, region: string): Promise<ComponentArgument[]> {
  const inventory = active.inventory;
  if (!inventory.endpoint(name)) await inventory.refreshAfterChange({ endpoints: [name], components: [] }, { full: true });
  if (!inventory.endpoint(name)) throw new Error(`Endpoint ${name} is no longer in ${region} (deleted since the scan?). Rescan the region.`);
  inventory.requestEndpoints([name]);
  inventory.requestComponentsOf(name);
  await inventory.whenIdle();
  return inventory
    .componentsOf(name)
    // Adapters have no copy count or scaling of their own: their base component carries them.
    .filter((entry) => entry.snapshot?.baseComponentName === undefined)
    .map((entry) => ({ kind: 'inferenceComponent', id: `ic:${entry.summary.name}`, name: entry.summary.name, endpointName: name }));
}

/** "Show in Explorer" (inline on region and endpoint rows): one click switches the explorer there. */
export function showRegionInExplorerCommand(context: RegionCommandContext): (row?: RegionRow) => Promise<ActiveConnection | undefined> {
  return guardRegionCommand(context, 'Show in the explorer', async (row?: RegionRow) => switchExplorer(context, regionOf(row)));
}

/** What an endpoint action did: the explorer's connection after the switch, and the flow's own result. */
export interface RegionActionResult<T> {
  region: string;
  endpointName: string;
  /** The flow's result per component (or for the endpoint), in order. */
  results: T[];
}

/**
 * An action on an endpoint row: switch the explorer to its region, wait for the endpoint there, run
 * `flow`, then rescan the region so its row says what changed.
 */
function endpointAction<T>(
  context: RegionCommandContext,
  action: string,
  flow: (components: ComponentArgument[], row: RegionTarget & { endpointName: string }) => Promise<T[] | undefined>,
): (row?: RegionRow) => Promise<RegionActionResult<T> | undefined> {
  return guardRegionCommand(context, action, async (row?: RegionRow) => {
    const target = regionOf(row);
    if (!target.endpointName) throw new Error(`${action} works on an endpoint row of the All Regions view.`);
    const endpointRow = target as RegionTarget & { endpointName: string };
    const active = await switchExplorer(context, endpointRow);
    if (!active) return undefined;
    const components = await endpointInExplorer(active, endpointRow.endpointName, endpointRow.region);
    const results = await flow(components, endpointRow);
    await rescanRegion(context, endpointRow.targetId, endpointRow.region);
    return results ? { region: endpointRow.region, endpointName: endpointRow.endpointName, results } : undefined;
  });
}

/** The component to set up on an endpoint with several (asked), or its only one. */
async function oneComponent(context: RegionCommandContext, components: ComponentArgument[], endpointName: string, purpose: string): Promise<ComponentArgument | undefined> {
  if (components.length <= 1) return components[0];
  return context.ui.pick({
    title: purpose,
    placeholder: `Which inference component of ${endpointName}?`,
    items: components.map((component) => ({ label: component.name, value: component })),
  });
}

/** "Set Up Scale to Zero…": the Enable Scale to Zero wizard on the endpoint's component, in its region. */
export function regionSetUpScaleToZeroCommand(context: RegionCommandContext): (row?: RegionRow) => Promise<RegionActionResult<unknown> | undefined> {
  return endpointAction(context, 'Set up scale to zero on', async (components, row) => {
    if (components.length === 0) {
      void vscode.window.showInformationMessage(
        `${row.endpointName} has no inference component: scale to zero works on inference components. Add one (Add Inference Component…) or delete the endpoint if nothing uses it.`,
      );
      return undefined;
    }
    const component = await oneComponent(context, components, row.endpointName, 'Set Up Scale to Zero');
    return component ? [await context.flows.enableScaleToZero(component)] : undefined;
  });
}

/**
 * "Put to Sleep…": the Set Copy Count flow with 0 for each of the endpoint's components, with its
 * confirmations and billing warnings (an endpoint whose instances would keep billing says why and
 * offers Enable Scale to Zero, as that flow does).
 */
export function regionPutToSleepCommand(context: RegionCommandContext): (row?: RegionRow) => Promise<RegionActionResult<number | undefined> | undefined> {
  return endpointAction(context, 'Put to sleep', async (components, row) => {
    if (components.length === 0) {
      void vscode.window.showInformationMessage(
        `${row.endpointName} has no inference component to put to sleep: its instances bill while it is in service. Delete it if nothing uses it.`,
      );
      return undefined;
    }
    const results: (number | undefined)[] = [];
    for (const component of components) results.push(await context.flows.setCopyCount(component, 0));
    return results;
  });
}

/** "Delete…": the Delete Endpoint flow (its safe-order teardown and confirmation), in the endpoint's region. */
export function regionDeleteEndpointCommand(context: RegionCommandContext): (row?: RegionRow) => Promise<RegionActionResult<unknown> | undefined> {
  return endpointAction(context, 'Delete', async (_components, row) => [await context.flows.deleteEndpoint({ kind: 'endpoint', id: `endpoint:${row.endpointName}`, name: row.endpointName })]);
}

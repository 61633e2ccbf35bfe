import { type ComponentEntry, type EndpointEntry } from '../../explorer/inventory/inventory';
import { markdownText } from '../../readiness/readinessReport';
import { type ToolAccount } from '../agentTool';
import { AgentToolError } from '../toolRunner';

/**
 * What the read tools share: the Endpoints view's picture of the account read fresh (as its Refresh
 * does), the rows a tool names (or a plain error naming what is missing), and the answers' first line.
 */

export const listEndpointsTool = 'sagemakerScaleToZero_listEndpoints';

/**
 * The inventory after a whole refresh (what the explorer's Refresh does). A big account is read
 * lazily (only its lists): the endpoints `wanted` picks from the listed ones, and their components,
 * are then described too, as when the tree shows them.
 */
export async function refreshedInventory(account: ToolAccount, wanted: (inventory: ToolAccount['inventory']) => readonly string[]): Promise<ToolAccount['inventory']> {
  const inventory = account.inventory;
  await inventory.refresh({ full: true });
  if (inventory.isLazy) {
    const names = wanted(inventory);
    inventory.requestEndpoints(names);
    for (const name of names) inventory.requestComponentsOf(name);
    await inventory.whenIdle();
  }
  return inventory;
}

/** The endpoint named, with its components, or an error that names it and says how to find the names. */
export function requireEndpoint(account: ToolAccount, name: string): { entry: EndpointEntry; components: ComponentEntry[] } {
  const entry = account.inventory.endpoint(name);
  if (!entry) {
    throw new AgentToolError(`There is no endpoint named ${name} in ${account.label}. Call ${listEndpointsTool} to see the endpoints' names (names are exact).`);
  }
  return { entry, components: account.inventory.componentsOf(name) };
}

/** The inference component named, or an error that names it and says how to find the names. */
export function requireComponent(account: ToolAccount, name: string): ComponentEntry {
  const entry = account.inventory.component(name);
  if (!entry) {
    throw new AgentToolError(
      `There is no inference component named ${name} in ${account.label}. Call ${listEndpointsTool} to see the inference components' names (names are exact).`,
    );
  }
  return entry;
}

/** An answer's first line: what it is about and where it was read ("… in local emulator at http://…"). */
export function answerHeading(title: string, account: Pick<ToolAccount, 'label'>): string {
  return `${title} (${markdownText(account.label)})`;
}

/** "… and 3 more: narrow with nameContains." — a capped list's last line. */
export function moreLine(hidden: number, hint: string): string[] {
  return hidden > 0 ? [`- … and ${hidden} more: ${hint}.`] : [];
}

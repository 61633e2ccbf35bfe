import { type ComponentEntry, type EndpointEntry } from '../../explorer/inventory/inventory';
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
  return `${title} (${literal(account.label)})`;
}

/** "… and 3 more: narrow with nameContains." — a capped list's last line. */
export function moreLine(hidden: number, hint: string): string[] {
  return hidden > 0 ? [`- … and ${hidden} more: ${hint}.`] : [];
}

/**
 * A name or expression from the account as a Markdown code span: shown literally however it renders
 * (no link, image, HTML or emphasis), and left as it is, so the agent can pass it back to a tool
 * (`markdownText`'s backslashes would end up in the next call's input). The fence is longer than any
 * run of backticks inside; line breaks and other control characters become spaces.
 */
export function literal(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.length === 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Free text that carries the account's words (a check's reason naming alarms and components, AWS's
 * messages) for an agent's answer: literal however it renders, like `markdownText`, but only the
 * characters that start Markdown or HTML constructs are backslash-escaped (`[`, `]`, `<`, `>`, `!`, `*`,
 * `_`, `` ` ``, `|`, `$`, `~`, `&`, `\`), so names with hyphens and periods stay as they are and an agent
 * quoting one passes the real name on. No image, Markdown link, HTML, emphasis, table cell or math
 * survives; a bare http(s) URL in the text may still be shown as a link by a renderer that autolinks.
 */
export function agentText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/[\\`*_[\]<>!|$~&]/g, '\\$&');
}

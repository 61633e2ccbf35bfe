import { type ExplorerCommandContext, type NamedNode, requireConnection } from './explorerCommandContext';

/**
 * A command argument from a tree row, or a name picked in the palette when the command has none. The
 * picker's title is `purpose`, the command's question ("Check readiness of which endpoint?"), so the
 * user knows what the pick is for.
 */
export async function resolveNode(
  node: NamedNode | undefined,
  kind: NamedNode['kind'],
  context: Pick<ExplorerCommandContext, 'ui' | 'connections'>,
  purpose: string,
): Promise<NamedNode | undefined> {
  if (node?.kind === kind) return node;
  const active = requireConnection(context.connections);
  await active.inventory.refresh();
  if (kind === 'endpoint') {
    const name = await context.ui.pick({
      title: purpose,
      placeholder: 'Type to filter the endpoints',
      items: active.inventory.endpoints().map((entry) => ({ label: entry.summary.name, description: entry.summary.status, value: entry.summary.name })),
    });
    return name ? { kind: 'endpoint', id: `endpoint:${name}`, name } : undefined;
  }
  const picked = await context.ui.pick({
    title: purpose,
    placeholder: 'Type to filter the inference components (with their endpoint)',
    items: active.inventory
      .endpoints()
      .flatMap((endpoint) => active.inventory.componentsOf(endpoint.summary.name))
      .map((entry) => ({ label: entry.summary.name, description: `${entry.summary.endpointName} · ${entry.lifecycle?.label ?? entry.summary.status}`, value: entry.summary })),
  });
  return picked ? { kind: 'inferenceComponent', id: `ic:${picked.name}`, name: picked.name, endpointName: picked.endpointName } : undefined;
}

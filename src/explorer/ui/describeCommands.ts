import { type EndpointReadiness } from '../../readiness/readiness';
import { formatReadinessReport } from '../../readiness/readinessReport';
import { endpointCost } from '../inventory/endpointCost';
import { type ExplorerCommandContext, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';
import { resolveNode } from './resolveNode';
import { priceOverrides } from './treeNodes';

/** "Show Description": the row's raw description, as JSON in a read-only document. */
export function showDescriptionCommand(context: ExplorerCommandContext): (node?: NamedNode) => Promise<void> {
  return guardExplorerCommand(context, 'Describe', async (node?: NamedNode) => {
    const target = node ?? (await resolveNode(undefined, 'endpoint', context, 'Show the description of which endpoint?'));
    if (!target) return;
    const active = requireConnection(context.connections);
    const raw = await active.reader.rawDescription(target.kind === 'endpoint' ? 'endpoint' : 'inferenceComponent', target.name);
    await context.documents.show(`/${target.kind}/${target.name}.json`, `${JSON.stringify(raw, null, 2)}\n`);
  });
}

/** "Show Readiness": the endpoint's readiness report, with its cost, in a read-only Markdown document. */
export function showReadinessCommand(context: ExplorerCommandContext): (node?: NamedNode) => Promise<EndpointReadiness | undefined> {
  return guardExplorerCommand(context, 'Check readiness of', async (node?: NamedNode) => {
    const target = await resolveNode(node?.kind === 'inferenceComponent' ? { kind: 'endpoint', id: '', name: node.endpointName } : node, 'endpoint', context, 'Check readiness of which endpoint?');
    if (!target) return;
    const active = requireConnection(context.connections);
    await active.inventory.refresh();
    const readiness = active.inventory.readiness(target.name, priceOverrides());
    const endpoint = active.inventory.endpoint(target.name)?.snapshot;
    if (!readiness || !endpoint) throw new Error(`The endpoint ${target.name} could not be read; refresh and try again.`);
    const cost = await endpointCost(active.clients, endpoint, active.inventory.componentsOf(endpoint.name), { to: active.reader.now(), overrides: priceOverrides(), region: active.connection.region });
    await context.documents.show(`/readiness/${target.name}.md`, formatReadinessReport(readiness, active.reader.now(), cost), { preview: 'markdown' });
    return readiness;
  });
}

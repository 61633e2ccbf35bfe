import { describeAwsError } from '../../aws/awsErrorMessages';
import { readActivityHistory } from '../../aws/activityHistory';
import { currentBurn, estimateSavings } from '../../cost/costLens';
import { type EndpointReadiness } from '../../readiness/readiness';
import { formatReadinessReport } from '../../readiness/readinessReport';
import { type EndpointSnapshot } from '../../resources/resourceSnapshots';
import { type ActiveConnection } from '../../connection/ui/connectionManager';
import { type ExplorerCommandContext, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';
import { resolveNode } from './resolveNode';
import { priceOverrides } from './treeNodes';

/** The endpoint's cost now and what scale to zero saved it over the last 7 days. */
async function costOf(active: ActiveConnection, endpoint: EndpointSnapshot): Promise<{ now: string; saved?: string }> {
  const overrides = priceOverrides();
  const now = currentBurn(endpoint, overrides).description;
  const to = active.reader.now();
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const components = active.inventory.componentsOf(endpoint.name);
  if (components.length === 0) return { now };
  try {
    const histories = await Promise.all(components.map((entry) => readActivityHistory(active.clients, entry.summary.name, from)));
    const saved = estimateSavings({
      activitiesByComponent: histories,
      desiredNowByComponent: components.map((entry) => entry.snapshot?.desiredCopyCount ?? 0),
      from,
      to,
      createdAt: endpoint.creationTime,
      instanceType: endpoint.variants[0]?.instanceType,
      alwaysOnInstances: Math.max(1, endpoint.variants[0]?.managedScaling?.min ?? 1),
      overrides,
    });
    return { now, saved: saved.description };
  } catch (error) {
    return { now, saved: `Savings over the last 7 days could not be read: ${describeAwsError(error, { action: 'Read the scaling activities of', resource: `endpoint ${endpoint.name}` }).message}` };
  }
}

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
    const cost = await costOf(active, endpoint);
    await context.documents.show(`/readiness/${target.name}.md`, formatReadinessReport(readiness, active.reader.now(), cost), { preview: 'markdown' });
    return readiness;
  });
}

import * as vscode from 'vscode';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { readActivityHistory } from '../../aws/activityHistory';
import { currentBurn, estimateSavings } from '../../cost/costLens';
import { formatReadinessReport } from '../../readiness/readinessReport';
import { type EndpointSnapshot } from '../../resources/resourceSnapshots';
import { type ActiveConnection } from '../../connection/ui/connectionManager';
import { commandIds } from '../../workbench/ids';
import { type ExplorerCommandDependencies, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';
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
      instanceType: endpoint.variants[0]?.instanceType,
      alwaysOnInstances: Math.max(1, endpoint.variants[0]?.managedScaling?.min ?? 1),
      overrides,
    });
    return { now, saved: saved.description };
  } catch (error) {
    return { now, saved: `Savings over the last 7 days could not be read: ${describeAwsError(error, { action: 'Read the scaling activities of', resource: `endpoint ${endpoint.name}` }).message}` };
  }
}

/** Read-only documents about a row: its raw description as JSON, and the endpoint's readiness report. */
export function registerDescribeCommands(deps: ExplorerCommandDependencies): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      commandIds.showDescription,
      guardExplorerCommand(deps, 'Describe', async (node?: NamedNode) => {
        const target = node ?? (await resolveNode(undefined, 'endpoint', deps));
        if (!target) return;
        const active = requireConnection(deps.connections);
        const raw = await active.reader.rawDescription(target.kind === 'endpoint' ? 'endpoint' : 'inferenceComponent', target.name);
        await deps.documents.show(`/${target.kind}/${target.name}.json`, `${JSON.stringify(raw, null, 2)}\n`);
      }),
    ),
    vscode.commands.registerCommand(
      commandIds.showReadiness,
      guardExplorerCommand(deps, 'Check readiness of', async (node?: NamedNode) => {
        const target = await resolveNode(node?.kind === 'inferenceComponent' ? { kind: 'endpoint', id: '', name: node.endpointName } : node, 'endpoint', deps);
        if (!target) return;
        const active = requireConnection(deps.connections);
        await active.inventory.refresh();
        const readiness = active.inventory.readiness(target.name);
        const endpoint = active.inventory.endpoint(target.name)?.snapshot;
        if (!readiness || !endpoint) throw new Error(`The endpoint ${target.name} could not be read; refresh and try again.`);
        const cost = await costOf(active, endpoint);
        await deps.documents.show(`/readiness/${target.name}.md`, formatReadinessReport(readiness, active.reader.now(), cost), { preview: 'markdown' });
        return readiness;
      }),
    ),
  ];
}

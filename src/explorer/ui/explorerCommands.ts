import * as vscode from 'vscode';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { endpointConsoleUrl, inferenceComponentConsoleUrl } from '../../aws/consoleUrls';
import { runTeardown, setCopyCount, type TeardownOutcome } from '../../aws/resourceActions';
import { type Logger } from '../../logging/logger';
import { readActivityHistory } from '../../aws/activityHistory';
import { currentBurn, estimateSavings } from '../../cost/costLens';
import { formatReadinessReport } from '../../readiness/readinessReport';
import { type EndpointSnapshot } from '../../resources/resourceSnapshots';
import { describeTeardownProgress, describeTeardownStep, planTeardown } from '../../teardown/teardownPlan';
import { type ActiveConnection, type ConnectionManager } from '../../connection/ui/connectionManager';
import { type ReadOnlyDocuments } from '../../workbench/readOnlyDocuments';
import { commandIds } from '../../workbench/ids';
import { guardCommand } from '../../workbench/commandGuard';
import { type Prompter } from '../../workbench/prompter';
import { type EndpointsTreeProvider } from './endpointsTreeProvider';
import { type ExplorerNode, priceOverrides } from './treeNodes';

export interface ExplorerCommandDependencies {
  connections: ConnectionManager;
  explorer: EndpointsTreeProvider;
  documents: ReadOnlyDocuments;
  logger: Logger;
  prompter: () => Prompter;
  /** Called after an action that starts a transition, so the view polls fast at once. */
  onTransitionStarted: () => void;
}

/** The last teardown's report, for the extension-host tests and the log. */
export interface TeardownReport {
  target: string;
  steps: string[];
  outcome: TeardownOutcome;
}

type NamedNode = Extract<ExplorerNode, { kind: 'endpoint' | 'inferenceComponent' }>;

function requireConnection(connections: ConnectionManager): ActiveConnection {
  const active = connections.current;
  if (!active) throw new Error('Not connected: connect to AWS or start the local emulator first.');
  return active;
}

/** A command argument from a tree row, or a name typed in the palette. */
async function resolveNode(
  node: NamedNode | undefined,
  kind: NamedNode['kind'],
  deps: ExplorerCommandDependencies,
): Promise<NamedNode | undefined> {
  if (node?.kind === kind) return node;
  const active = requireConnection(deps.connections);
  await active.inventory.refresh();
  if (kind === 'endpoint') {
    const name = await deps.prompter().pick({
      title: 'Pick an endpoint',
      items: active.inventory.endpoints().map((entry) => ({ label: entry.summary.name, description: entry.summary.status, value: entry.summary.name })),
    });
    return name ? { kind: 'endpoint', id: `endpoint:${name}`, name } : undefined;
  }
  const picked = await deps.prompter().pick({
    title: 'Pick an inference component',
    items: active.inventory
      .endpoints()
      .flatMap((endpoint) => active.inventory.componentsOf(endpoint.summary.name))
      .map((entry) => ({ label: entry.summary.name, description: `${entry.summary.endpointName} · ${entry.lifecycle?.label ?? entry.summary.status}`, value: entry.summary })),
  });
  return picked ? { kind: 'inferenceComponent', id: `ic:${picked.name}`, name: picked.name, endpointName: picked.endpointName } : undefined;
}

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

export function registerExplorerCommands(deps: ExplorerCommandDependencies): { disposables: vscode.Disposable[]; lastTeardown: () => TeardownReport | undefined } {
  const { connections, logger } = deps;
  let lastTeardown: TeardownReport | undefined;

  /** Runs a command body in the shared guard, naming the tree row's resource in any failure. */
  const guarded = <A extends unknown[]>(action: string, body: (...args: A) => Promise<unknown>) =>
    guardCommand({ logger, region: () => connections.current?.connection.region }, action, body, (...args: A) => {
      const first = args[0] as NamedNode | undefined;
      return first && 'name' in first ? `${first.kind === 'endpoint' ? 'endpoint' : 'inference component'} ${first.name}` : undefined;
    });

  const setCopies = guarded('Set copy count of', async (node?: NamedNode, count?: number) => {
    const target = await resolveNode(node, 'inferenceComponent', deps);
    if (!target) return undefined;
    const active = requireConnection(connections);
    const entry = active.inventory.component(target.name);
    const current = entry?.snapshot?.desiredCopyCount ?? entry?.snapshot?.currentCopyCount;
    const max = entry?.scaling?.target?.maxCapacity;
    let copies = count;
    if (copies === undefined) {
      const typed = await deps.prompter().input({
        title: `Copy count of ${target.name}`,
        prompt: `0 puts it to sleep (no copies, instances released after about 10 minutes); 1 or more wakes it.${current !== undefined ? ` Now ${current}.` : ''}`,
        value: current === 0 ? '1' : '0',
        validate: (value) => {
          if (!/^\d+$/.test(value.trim())) return 'Enter a whole number, 0 or more.';
          const n = Number(value);
          if (max !== undefined && n > max) return `The scalable target allows at most ${max} copies; auto scaling would bring it back down.`;
          return undefined;
        },
      });
      if (typed === undefined) return undefined;
      copies = Number(typed.trim());
    }
    if (!Number.isInteger(copies) || copies < 0) throw new RangeError('The copy count must be a whole number, 0 or more.');
    const consequence =
      copies === 0
        ? 'Requests fail with a no-capacity error until it wakes, and the instances stop billing once managed instance scaling releases them.'
        : `Instances are started as needed and bill while ${copies} ${copies === 1 ? 'copy runs' : 'copies run'}; a wake from zero takes several minutes.`;
    const confirmed = await deps.prompter().confirm({
      message: `Set ${target.name} to ${copies} ${copies === 1 ? 'copy' : 'copies'}?`,
      detail: consequence,
      confirmLabel: copies === 0 ? 'Put to Sleep' : 'Set Copy Count',
    });
    if (!confirmed) return undefined;
    await setCopyCount(active.clients, target.name, copies);
    logger.info(`Set the copy count of ${target.name} to ${copies}.`);
    await active.inventory.refresh();
    deps.onTransitionStarted();
    return copies;
  });

  const teardown = async (node: NamedNode, kind: 'endpoint' | 'inferenceComponent') => {
    const active = requireConnection(connections);
    await active.inventory.refresh({ full: true });
    const components =
      kind === 'endpoint'
        ? active.inventory.componentsOf(node.name)
        : [active.inventory.component(node.name)].filter((entry) => entry !== undefined);
    // Scaling resources of every IC involved, read fresh: nothing billed may be missed.
    const scaling = await active.reader.readScaling(components.map((entry) => entry.summary.name));
    if (scaling.problems.length > 0) {
      throw new Error(`Not deleting: ${scaling.problems.join(' ')} Deleting without knowing them could leave alarms or schedules behind.`);
    }
    const snapshots = await Promise.all(components.map((entry) => active.reader.describeInferenceComponent(entry.summary.name)));
    const endpoint = kind === 'endpoint' ? await active.reader.describeEndpoint(node.name) : undefined;
    const deleteModels = await deps.prompter().pick({
      title: 'Delete the models too?',
      items: [
        { label: 'Keep the models', description: 'Models cost nothing; other endpoints may use them', value: false },
        { label: 'Delete the models', description: snapshots.map((ic) => ic.modelName).filter(Boolean).join(', '), value: true },
      ],
    });
    if (deleteModels === undefined) return undefined;
    const steps = planTeardown({
      components: snapshots.map((ic) => ({ ic, scaling: scaling.byComponent.get(ic.name)! })),
      endpoint,
      deleteModels,
    });
    const descriptions = steps.map(describeTeardownStep);
    const confirmed = await deps.prompter().confirm({
      message: `Delete ${kind === 'endpoint' ? 'endpoint' : 'inference component'} ${node.name}?`,
      detail: `This runs, in order:\n${descriptions.map((line, index) => `${index + 1}. ${line}`).join('\n')}\n\nIt cannot be undone.`,
      confirmLabel: 'Delete',
    });
    if (!confirmed) return undefined;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deleting ${node.name}`, cancellable: false },
      (progress) =>
        runTeardown(active.clients, steps, {
          onProgress: (event) => {
            const message = describeTeardownProgress(event);
            logger.info(message);
            if (event.state === 'started') progress.report({ message, increment: 100 / Math.max(1, event.total) });
          },
        }),
    );
    lastTeardown = { target: node.name, steps: descriptions, outcome };
    await active.inventory.refresh({ full: true });
    deps.onTransitionStarted();
    if (outcome.error) {
      const described = describeAwsError(outcome.error, { action: describeTeardownStep(outcome.remaining[0]).replace(/^Delete/, 'Delete'), region: active.connection.region });
      const left = outcome.remaining.map(describeTeardownStep).join('; ');
      const message = `${described.message} Not done yet (still billed where it applies): ${left}.`;
      logger.error(message);
      void vscode.window.showErrorMessage(message);
    } else {
      void vscode.window.showInformationMessage(`Deleted ${node.name}: ${steps.length} step(s) done.`);
    }
    return outcome;
  };

  const disposables = [
    vscode.commands.registerCommand(commandIds.refresh, () => {
      logger.debug('Refreshing the Endpoints view.');
      deps.explorer.refresh();
    }),
    vscode.commands.registerCommand(commandIds.refreshItem, () => deps.explorer.refresh()),
    vscode.commands.registerCommand(commandIds.copyName, async (node?: NamedNode) => {
      if (node && 'name' in node) await vscode.env.clipboard.writeText(node.name);
    }),
    vscode.commands.registerCommand(
      commandIds.copyArn,
      guarded('Copy the ARN of', async (node?: NamedNode) => {
        if (!node) return;
        const inventory = requireConnection(connections).inventory;
        const arn = node.kind === 'endpoint' ? inventory.endpoint(node.name)?.summary.arn : inventory.component(node.name)?.summary.arn;
        if (arn) await vscode.env.clipboard.writeText(arn);
      }),
    ),
    vscode.commands.registerCommand(
      commandIds.openInConsole,
      guarded('Open in the AWS console', async (node?: NamedNode) => {
        if (!node) return;
        const active = requireConnection(connections);
        if (active.connection.kind === 'localEmulator') {
          void vscode.window.showInformationMessage(`${node.name} lives in the local emulator, which has no AWS console. Use "Show Description" instead.`);
          return;
        }
        const region = active.connection.region;
        const url =
          node.kind === 'endpoint'
            ? endpointConsoleUrl(region, node.name)
            : inferenceComponentConsoleUrl(region, { endpointName: node.endpointName, inferenceComponentName: node.name });
        await vscode.env.openExternal(vscode.Uri.parse(url));
      }),
    ),
    vscode.commands.registerCommand(
      commandIds.showDescription,
      guarded('Describe', async (node?: NamedNode) => {
        const target = node ?? (await resolveNode(undefined, 'endpoint', deps));
        if (!target) return;
        const active = requireConnection(connections);
        const raw = await active.reader.rawDescription(target.kind === 'endpoint' ? 'endpoint' : 'inferenceComponent', target.name);
        await deps.documents.show(`/${target.kind}/${target.name}.json`, `${JSON.stringify(raw, null, 2)}\n`);
      }),
    ),
    vscode.commands.registerCommand(
      commandIds.showReadiness,
      guarded('Check readiness of', async (node?: NamedNode) => {
        const target = await resolveNode(node?.kind === 'inferenceComponent' ? { kind: 'endpoint', id: '', name: node.endpointName } : node, 'endpoint', deps);
        if (!target) return;
        const active = requireConnection(connections);
        await active.inventory.refresh();
        const readiness = active.inventory.readiness(target.name);
        const endpoint = active.inventory.endpoint(target.name)?.snapshot;
        if (!readiness || !endpoint) throw new Error(`The endpoint ${target.name} could not be read; refresh and try again.`);
        const cost = await costOf(active, endpoint);
        await deps.documents.show(`/readiness/${target.name}.md`, formatReadinessReport(readiness, active.reader.now(), cost), { preview: 'markdown' });
        return readiness;
      }),
    ),
    vscode.commands.registerCommand(commandIds.setCopyCount, setCopies),
    vscode.commands.registerCommand(
      commandIds.deleteInferenceComponent,
      guarded('Delete', async (node?: NamedNode) => {
        const target = await resolveNode(node, 'inferenceComponent', deps);
        return target ? teardown(target, 'inferenceComponent') : undefined;
      }),
    ),
    vscode.commands.registerCommand(
      commandIds.deleteEndpoint,
      guarded('Delete', async (node?: NamedNode) => {
        const target = await resolveNode(node, 'endpoint', deps);
        return target ? teardown(target, 'endpoint') : undefined;
      }),
    ),
  ];
  return { disposables, lastTeardown: () => lastTeardown };
}

import * as vscode from 'vscode';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { runTeardown, type TeardownOutcome } from '../../aws/resourceActions';
import { describeTeardownProgress, describeTeardownStep } from '../../teardown/teardownPlan';
import { planDeletion } from '../inventory/deletionPlan';
import { type TeardownStep } from '../../resources/resourceSnapshots';
import { isNothingTouched, touchedByTeardownStep } from '../../resources/touchedResources';
import { type ActiveConnection } from '../../connection/ui/connectionManager';
import { type ExplorerCommandContext, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';
import { resolveNode } from './resolveNode';

/** What a delete command returns (through `executeCommand`): the steps it ran and how they ended. */
export interface TeardownReport {
  target: string;
  steps: string[];
  outcome: TeardownOutcome;
}

/** Says how the teardown ended: done, or which step failed and what is left (still billed). */
function reportOutcome(active: ActiveConnection, node: NamedNode, steps: TeardownStep[], outcome: TeardownOutcome, context: ExplorerCommandContext): void {
  if (outcome.error) {
    const described = describeAwsError(outcome.error, { action: describeTeardownStep(outcome.remaining[0]), region: active.connection.region });
    const left = outcome.remaining.map(describeTeardownStep).join('; ');
    const message = `${described.message} Not done yet (still billed where it applies): ${left}.`;
    context.logger.error(message);
    void vscode.window.showErrorMessage(message);
  } else {
    void vscode.window.showInformationMessage(`Deleted ${node.name}: ${steps.length} step(s) done.`);
  }
}

/** Plans, confirms (modal, listing every step) and runs the safe-order teardown of one row. */
async function teardown(node: NamedNode, context: ExplorerCommandContext): Promise<TeardownReport | undefined> {
  const active = requireConnection(context.connections);
  const plan = await planDeletion(active, node, context.ui);
  if (!plan) return undefined;
  const { steps, notes } = plan;
  const descriptions = steps.map(describeTeardownStep);
  const kept = notes.length > 0 ? `\n\n${notes.join('\n')}` : '';
  const confirmed = await context.ui.confirm({
    message: `Delete ${node.kind === 'endpoint' ? 'endpoint' : 'inference component'} ${node.name}?`,
    detail: `This runs, in order:\n${descriptions.map((line, index) => `${index + 1}. ${line}`).join('\n')}${kept}\n\nIt cannot be undone.`,
    confirmLabel: 'Delete',
  });
  if (!confirmed) return undefined;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deleting ${node.name}`, cancellable: false },
    (progress) =>
      runTeardown(active.clients, steps, {
        onProgress: (event) => {
          const message = describeTeardownProgress(event);
          context.logger.info(message);
          if (event.state === 'started') progress.report({ message, increment: 100 / Math.max(1, event.total) });
          // The component or endpoint shows as Deleting while the teardown goes on.
          const touched = touchedByTeardownStep(event.step);
          if (event.state === 'done' && !isNothingTouched(touched)) context.onResourcesChanged?.(touched);
        },
      }),
  );
  await active.inventory.refreshAfterChange({ endpoints: [], components: [] }, { full: true });
  context.onTransitionStarted();
  reportOutcome(active, node, steps, outcome, context);
  return { target: node.name, steps: descriptions, outcome };
}

/** "Delete Inference Component": its safe-order teardown; returns the TeardownReport. */
export function deleteInferenceComponentCommand(context: ExplorerCommandContext): (node?: NamedNode) => Promise<TeardownReport | undefined> {
  return guardExplorerCommand(context, 'Delete', async (node?: NamedNode) => {
    const target = await resolveNode(node, 'inferenceComponent', context);
    return target ? teardown(target, context) : undefined;
  });
}

/** "Delete Endpoint": the safe-order teardown of the endpoint and all it holds; returns the TeardownReport. */
export function deleteEndpointCommand(context: ExplorerCommandContext): (node?: NamedNode) => Promise<TeardownReport | undefined> {
  return guardExplorerCommand(context, 'Delete', async (node?: NamedNode) => {
    const target = await resolveNode(node, 'endpoint', context);
    return target ? teardown(target, context) : undefined;
  });
}

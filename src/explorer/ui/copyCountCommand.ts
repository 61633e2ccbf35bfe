import * as vscode from 'vscode';
import { setCopyCount } from '../../aws/resourceActions';
import { type SleepBilling } from '../../cost/sleepBilling';
import { copyCountConfirmation } from '../../cost/copyCountConfirmation';
import { billingAfterSleep } from '../inventory/billingAfterSleep';
import { commandIds } from '../../workbench/ids';
import { type ExplorerCommandContext, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';
import { resolveNode } from './resolveNode';
import { priceOverrides } from './treeNodes';
import { idleTimeoutUndoesWake } from '../../lifecycle/idleTimeoutWake';

/** After a declined confirmation: when the sleep would have kept billing, the fix, one click away. */
function declined(billing: SleepBilling | undefined, target: NamedNode): undefined {
  if (!billing?.keepsBilling || !billing.fixes.includes('enableScaleToZero')) return undefined;
  void vscode.window
    .showInformationMessage(`${target.name} does not scale to zero yet. Enable Scale to Zero sets it up (scalable target MinCapacity 0, the wake alarm).`, 'Enable Scale to Zero…')
    .then((choice) => (choice ? vscode.commands.executeCommand(commandIds.enableScaleToZero, target) : undefined));
  return undefined;
}

/**
 * "Set Copy Count": sets an inference component's copy count (0 puts it to sleep, n wakes it) after a
 * modal confirmation that says what it costs. Returns the count set, or undefined when nothing was done.
 */
export function setCopyCountCommand(context: ExplorerCommandContext): (node?: NamedNode, count?: number) => Promise<number | undefined> {
  return guardExplorerCommand(context, 'Set copy count of', async (node?: NamedNode, count?: number) => {
    const target = await resolveNode(node, 'inferenceComponent', context, 'Set the copy count of which inference component?');
    if (!target) return undefined;
    const active = requireConnection(context.connections);
    const entry = active.inventory.component(target.name);
    const current = entry?.snapshot?.desiredCopyCount ?? entry?.snapshot?.currentCopyCount;
    const max = entry?.scaling?.target?.maxCapacity;
    let copies = count;
    if (copies === undefined) {
      const typed = await context.ui.input({
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
    // A sleep that keeps billing says so, with what bills and its cost, instead of promising a saving.
    const billing = copies === 0 && target.kind === 'inferenceComponent' ? billingAfterSleep(active.inventory, target.name, target.endpointName, priceOverrides()) : undefined;
    // A wake no request asked for is undone by an idle timeout in ALARM: say so before it runs.
    const undone = copies > 0 ? idleTimeoutUndoesWake(target.name, entry?.scaling) : undefined;
    const { message, detail, confirmLabel } = copyCountConfirmation({ name: target.name, copies, billing, idleTimeoutWarning: undone });
    const confirmed = await context.ui.confirm({ message, detail, confirmLabel });
    if (!confirmed) return declined(billing, target);
    await setCopyCount(active.clients, target.name, copies);
    context.logger.info(`Set the copy count of ${target.name} to ${copies}.`);
    // Not the next poll, nor a refresh already under way (it listed before the change): one that reads this component now.
    await active.inventory.refreshAfterChange({ endpoints: [], components: [target.name] });
    context.onTransitionStarted();
    return copies;
  });
}

import { setCopyCount } from '../../aws/resourceActions';
import { type ExplorerCommandContext, guardExplorerCommand, type NamedNode, requireConnection } from './explorerCommandContext';
import { resolveNode } from './resolveNode';

/** What a copy count costs, for the confirmation: 0 puts the component to sleep, more wakes it. */
function consequenceOf(copies: number): string {
  return copies === 0
    ? 'Requests fail with a no-capacity error until it wakes, and the instances stop billing once managed instance scaling releases them.'
    : `Instances are started as needed and bill while ${copies} ${copies === 1 ? 'copy runs' : 'copies run'}; a wake from zero takes several minutes.`;
}

/**
 * "Set Copy Count": sets an inference component's copy count (0 puts it to sleep, n wakes it) after a
 * modal confirmation that says what it costs. Returns the count set, or undefined when nothing was done.
 */
export function setCopyCountCommand(context: ExplorerCommandContext): (node?: NamedNode, count?: number) => Promise<number | undefined> {
  return guardExplorerCommand(context, 'Set copy count of', async (node?: NamedNode, count?: number) => {
    const target = await resolveNode(node, 'inferenceComponent', context);
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
    const confirmed = await context.ui.confirm({
      message: `Set ${target.name} to ${copies} ${copies === 1 ? 'copy' : 'copies'}?`,
      detail: consequenceOf(copies),
      confirmLabel: copies === 0 ? 'Put to Sleep' : 'Set Copy Count',
    });
    if (!confirmed) return undefined;
    await setCopyCount(active.clients, target.name, copies);
    context.logger.info(`Set the copy count of ${target.name} to ${copies}.`);
    await active.inventory.refresh();
    context.onTransitionStarted();
    return copies;
  });
}

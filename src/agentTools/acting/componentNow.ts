import { type ComponentEntry } from '../../explorer/inventory/inventory';
import { plural } from '../../l10n/plural';
import { markdownText } from '../../readiness/readinessReport';
import { type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { type ToolAccount } from '../agentTool';
import { AgentToolError } from '../toolRunner';

/** An inference component as the Endpoints view holds it, described. */
export type DescribedComponent = ComponentEntry & { snapshot: InferenceComponentSnapshot };

/**
 * The component as it is now: the Endpoints view's inventory, re-read for it first (its endpoint and
 * the endpoint's other components with it), so that a proposal and its confirmation never rest on a
 * picture from the last poll. A component that is not there is a plain error naming it.
 */
export async function componentNow(account: ToolAccount, name: string): Promise<DescribedComponent> {
  const inventory = account.inventory;
  const known = inventory.component(name);
  await inventory.refreshAfterChange({ endpoints: known ? [known.summary.endpointName] : [], components: [name] });
  let entry = inventory.component(name);
  // Not listed before this read: its endpoint's other components (what keeps the instances) are read now.
  if (entry && !known) {
    await inventory.refreshAfterChange({ endpoints: [entry.summary.endpointName], components: [name] });
    entry = inventory.component(name);
  }
  if (!entry) {
    throw new AgentToolError(`There is no inference component named ${name} in ${account.label}: sagemakerScaleToZero_listEndpoints lists the ones there are (names are case-sensitive).`);
  }
  if (!entry.snapshot) {
    throw new AgentToolError(`Inference component ${name} could not be read in ${account.label}${entry.error ? `: ${entry.error}` : ''}. Nothing was changed; try again in a moment.`);
  }
  return entry as DescribedComponent;
}

/** Its copies as asked for (the desired count: where it is going), else as running. */
export function copiesOf(snapshot: InferenceComponentSnapshot): number {
  return snapshot.desiredCopyCount ?? snapshot.currentCopyCount ?? 0;
}

/** "1 copy (Warm)", "0 copies, 1 still running (Scaling in · 1/0 copies)": for an answer, Markdown-escaped. */
export function describeCopies(entry: DescribedComponent): string {
  const { desiredCopyCount: desired, currentCopyCount: current } = entry.snapshot;
  const copies = plural(copiesOf(entry.snapshot), { one: '{count} copy', other: '{count} copies' });
  const running = desired !== undefined && current !== undefined && current !== desired ? `, ${current} running now` : '';
  return `${copies}${running} (${markdownText(entry.lifecycle?.label ?? entry.snapshot.status)})`;
}

/** Text written into a Markdown message, paragraph by paragraph (blank lines kept). */
export function markdownParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => markdownText(paragraph))
    .join('\n\n');
}

/** The plan's one call, as the confirmation shows it. */
export function describeCopyCountCall(name: string, copies: number, accountLabel: string): string {
  return `**The call** (${markdownText(accountLabel)}): \`UpdateInferenceComponentRuntimeConfig\` with InferenceComponentName \`${name}\`, DesiredRuntimeConfig.CopyCount \`${copies}\`.`;
}

/**
 * The answer to waking or putting an adapter to sleep: nothing changes, it runs on its base's copies,
 * and the call to make instead (on the base, which serves or stops every adapter on it).
 */
export function adapterAnswer(name: string, base: string, accountLabel: string, action: 'wake' | 'sleep'): { kind: 'answer'; text: string } {
  const instead =
    action === 'wake'
      ? `so it cannot be woken itself: wake ${base} (sagemakerScaleToZero_wakeComponent with inferenceComponentName "${base}"), which serves every adapter on it.`
      : `putting ${base} to sleep (sagemakerScaleToZero_sleepComponent with inferenceComponentName "${base}") stops every adapter on it.`;
  return { kind: 'answer', text: `Nothing was changed: ${name} is an adapter of ${base} (${accountLabel}). It has no copies of its own and runs on its base's: ${instead}` };
}

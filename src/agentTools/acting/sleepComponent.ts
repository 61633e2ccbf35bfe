import { copyCountConfirmation } from '../../cost/copyCountConfirmation';
import { describeSleepBilling, type SleepBilling } from '../../cost/sleepBilling';
import { formatHourlyUsd } from '../../money/dollars';
import { billingAfterSleep, othersWithCopies } from '../../explorer/inventory/billingAfterSleep';
import { copyCountPlan, copyCountWizard } from '../../wizards/copyCount/copyCountPlan';
import { type ActingTool } from '../agentTool';
import { optionalBoolean, parseInput, parseObject, requiredSageMakerName } from '../toolInput';
import { adapterAnswer, componentNow, copiesOf, describeCopies, describeCopyCountCall, markdownParagraphs } from './componentNow';

export interface SleepComponentInput {
  inferenceComponentName: string;
  allowBillingInstances: boolean;
}

/** What keeps billing, for the agent: the instances and their cost an hour. */
function keptCost(billing: SleepBilling): string {
  const what = `${billing.instancesKept} × ${billing.instanceType ?? 'instance'}`;
  return billing.hourlyUsd === undefined ? `${what} (no price known for the type)` : `${what}, ≈ ${formatHourlyUsd(billing.hourlyUsd)} (on-demand)`;
}

/** The refusal of a sleep that would keep billing: Set Copy Count's words, then each fix as the agent can act on it. */
function refusal(name: string, copies: string, billing: SleepBilling, others: string[], accountLabel: string): string {
  const fixes = [
    ...(billing.fixes.includes('enableScaleToZero')
      ? [`- sagemakerScaleToZero_enableScaleToZero with inferenceComponentName "${name}": sets its scalable target's MinCapacity to 0 and adds the wake alarm (the user confirms it).`]
      : []),
    ...(billing.fixes.includes('endpointConfig')
      ? ['- A new endpoint config for the endpoint with managed instance scaling on and MinInstanceCount 0 (no tool of this extension does it: the user changes the endpoint).']
      : []),
    ...(others.length > 0 ? [`- Put ${others.join(', ')} to sleep too (sagemakerScaleToZero_sleepComponent for each): the instances are released only when no component has copies.`] : []),
    `- Or call sagemakerScaleToZero_sleepComponent again with allowBillingInstances true to set 0 copies anyway: ${keptCost(billing)} keep billing.`,
  ];
  return [
    `Not done: ${name} keeps ${copies} in ${accountLabel}, because its instances would keep billing.`,
    '',
    describeSleepBilling(billing),
    '',
    'Fixes:',
    ...fixes,
  ].join('\n');
}

/**
 * sagemakerScaleToZero_sleepComponent: sets a component to 0 copies, through the wizards' plan session,
 * after the confirmation Set Copy Count shows (its words). A sleep that would keep billing is refused
 * with the reasons and the fixes, unless allowBillingInstances, when the confirmation warns of it.
 */
export const sleepComponentTool: ActingTool<SleepComponentInput> = {
  kind: 'act',
  name: 'sagemakerScaleToZero_sleepComponent',
  parseInput: (raw) =>
    parseInput(() => {
      const record = parseObject(raw, ['inferenceComponentName', 'allowBillingInstances']);
      return {
        inferenceComponentName: requiredSageMakerName(record, 'inferenceComponentName', 'inference component'),
        allowBillingInstances: optionalBoolean(record, 'allowBillingInstances') ?? false,
      };
    }),
  invocationMessage: (input) => `Putting ${input.inferenceComponentName} to sleep…`,
  async propose({ inferenceComponentName: name, allowBillingInstances }, account) {
    const entry = await componentNow(account, name);
    const ic = entry.snapshot;
    if (ic.baseComponentName !== undefined) return adapterAnswer(name, ic.baseComponentName, account.label, 'sleep');
    if (copiesOf(ic) === 0) {
      return { kind: 'answer', text: `Nothing to do: ${name} already has ${describeCopies(entry)} in ${account.label}. Nothing was changed.` };
    }
    const billing = billingAfterSleep(account.inventory, name, ic.endpointName, account.priceOverrides);
    if (billing.keepsBilling && !allowBillingInstances) return { kind: 'answer', text: refusal(name, describeCopies(entry), billing, othersWithCopies(account.inventory, ic.endpointName, name), account.label) };
    const dialog = copyCountConfirmation({ name, copies: 0, billing });
    return {
      kind: 'plan',
      wizard: copyCountWizard,
      plan: copyCountPlan(name, 0),
      confirmation: { title: dialog.message, message: [markdownParagraphs(dialog.detail), describeCopyCountCall(name, 0, account.label)].join('\n\n') },
      afterSuccess: billing.keepsBilling
        ? `Requests to ${name} are refused with a no-capacity error until it wakes, and its instances keep billing (${keptCost(billing)}).`
        : `Requests to ${name} are refused with a no-capacity error until it wakes; managed instance scaling releases its instances in about 10 minutes, then they stop billing. sagemakerScaleToZero_listEndpoints shows it go Cold.`,
    };
  },
};

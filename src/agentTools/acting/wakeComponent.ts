import { copyCountConfirmation, describeWakeCost } from '../../cost/copyCountConfirmation';
import { othersWithCopies } from '../../explorer/inventory/billingAfterSleep';
import { idleTimeoutUndoesWake } from '../../lifecycle/idleTimeoutWake';
import { markdownText } from '../../readiness/readinessReport';
import { copyCountPlan, copyCountWizard } from '../../wizards/copyCount/copyCountPlan';
import { type ActingTool } from '../agentTool';
import { parseInput, parseObject, requiredSageMakerName } from '../toolInput';
import { adapterAnswer, componentNow, copiesOf, describeCopies, describeCopyCountCall, markdownParagraphs } from './componentNow';

export interface WakeComponentInput {
  inferenceComponentName: string;
}

/**
 * sagemakerScaleToZero_wakeComponent: sets a sleeping component to 1 copy, through the wizards' plan
 * session, after the confirmation Set Copy Count shows (its words), with what the wake costs an hour.
 * Refuses, changing nothing, a component that already has copies and an adapter (its base is woken).
 */
export const wakeComponentTool: ActingTool<WakeComponentInput> = {
  kind: 'act',
  name: 'sagemakerScaleToZero_wakeComponent',
  parseInput: (raw) =>
    parseInput(() => {
      const record = parseObject(raw, ['inferenceComponentName']);
      return { inferenceComponentName: requiredSageMakerName(record, 'inferenceComponentName', 'inference component') };
    }),
  invocationMessage: (input) => `Waking ${input.inferenceComponentName}…`,
  async propose({ inferenceComponentName: name }, account) {
    const entry = await componentNow(account, name);
    const ic = entry.snapshot;
    if (ic.baseComponentName !== undefined) return adapterAnswer(name, ic.baseComponentName, account.label, 'wake');
    if (copiesOf(ic) > 0) {
      return { kind: 'answer', text: `Nothing to wake: ${name} already has ${describeCopies(entry)} in ${account.label}. Nothing was changed.` };
    }
    const idleTimeoutWarning = idleTimeoutUndoesWake(name, entry.scaling);
    const dialog = copyCountConfirmation({ name, copies: 1, idleTimeoutWarning });
    const cost = describeWakeCost(
      { endpoint: account.inventory.endpoint(ic.endpointName)?.snapshot, othersWithCopies: othersWithCopies(account.inventory, ic.endpointName, name) },
      account.priceOverrides,
    );
    return {
      kind: 'plan',
      wizard: copyCountWizard,
      plan: copyCountPlan(name, 1),
      confirmation: {
        title: dialog.message,
        message: [markdownParagraphs(dialog.detail), `**Cost:** ${markdownText(cost)}`, describeCopyCountCall(name, 1, account.label)].join('\n\n'),
      },
      afterSuccess:
        `The wake takes several minutes (an instance starts when none is free, then the model loads): follow it with sagemakerScaleToZero_listEndpoints until ${name} is Warm.` +
        (idleTimeoutWarning ? ' Its idle timeout was in ALARM: unless a request arrives, it sets 0 copies again within about a minute.' : ''),
    };
  },
};

import { type Plan } from '../plans/plan';
import { type Answer, type StepInfo, type UserInput } from '../../prompts/userInput';
import { reviewItems, summarizePlan } from './planSummary';
import { type WizardResult } from './wizardResult';

/**
 * One page of a wizard. It reads its default from the state (so that Back re-asks it with the previous
 * answer) and answers with the new state. Steps whose `when` is false are skipped and not counted.
 */
export interface WizardStep<S> {
  id: string;
  when?: (state: S) => boolean;
  ask(state: S, info: StepInfo, ui: UserInput): Promise<Answer<S>>;
}

export interface WizardDefinition<S> {
  title: string;
  steps: WizardStep<S>[];
  /** The plan the answers make, built once every step has answered. */
  buildPlan(state: S): Plan;
  /** Extra lines for the review page (warnings, previews), above the plan's calls. */
  reviewNotes?(state: S): string[];
}

function activeSteps<S>(steps: WizardStep<S>[], state: S): WizardStep<S>[] {
  return steps.filter((step) => !step.when || step.when(state));
}

/**
 * Runs the steps in order with Back and step numbering, then shows the plan for review. Back from a
 * step returns to the previous step that was shown, keeping every answer as that step's default; Back
 * from the review returns to the last step. Back on the first step asks it again.
 */
export async function runWizard<S>(definition: WizardDefinition<S>, ui: UserInput, initial: S): Promise<WizardResult> {
  let state = initial;
  /** Ids of the steps answered so far, in order: Back pops one. */
  const history: string[] = [];
  for (;;) {
    const active = activeSteps(definition.steps, state);
    const answeredIds = new Set(history);
    const next = active.find((step) => !answeredIds.has(step.id));
    const totalSteps = active.length + 1;
    if (next) {
      const info: StepInfo = { title: definition.title, step: active.indexOf(next) + 1, totalSteps };
      const answer = await next.ask(state, info, ui);
      if (answer.kind === 'cancel') return { kind: 'cancelled' };
      if (answer.kind === 'back') {
        history.pop();
        continue;
      }
      state = answer.value;
      history.push(next.id);
      // A changed answer may hide later steps that were answered on another branch: forget them.
      const stillActive = new Set(activeSteps(definition.steps, state).map((step) => step.id));
      for (let index = history.length - 1; index >= 0; index--) {
        if (!stillActive.has(history[index])) history.splice(index, 1);
      }
      continue;
    }
    const plan = definition.buildPlan(state);
    const notes = definition.reviewNotes?.(state) ?? [];
    const answer = await ui.reviewPage(
      { title: definition.title, step: totalSteps, totalSteps },
      { summary: summarizePlan(plan, notes), items: reviewItems(plan) },
    );
    if (answer.kind === 'cancel') return { kind: 'cancelled' };
    if (answer.kind === 'back') {
      history.pop();
      continue;
    }
    return { kind: 'plan', plan, action: answer.value };
  }
}

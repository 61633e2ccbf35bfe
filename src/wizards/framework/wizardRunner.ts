import { type Plan } from '../plans/plan';
import { listNames, redactPlanSecrets, secretPlaceholder } from '../plans/secrets';
import { type Answer, type StepInfo, type UserInput } from '../../prompts/userInput';
import { planDocument } from './planDocument';
import { reviewItems, summarizePlan } from './planSummary';
import { type WizardResult } from './wizardResult';

/**
 * One page of a wizard. It reads its default from the state (so that Back re-asks it with the previous
 * answer) and answers with the new state. Steps whose `when` is false are skipped and not counted.
 *
 * Pages are counted per walk, so that a total never moves while the user goes forward: the wizard's
 * main pages (and its plan) form one walk; a page with a `parent` belongs to that page's section (its
 * `section`, e.g. "Advanced settings"), a walk of its own, numbered from 1 under the section's title.
 * A choice that opens more questions ("Change advanced settings…") opens them as a section instead of
 * adding pages to the walk the user is counting.
 */
export interface WizardStep<S> {
  id: string;
  when?: (state: S) => boolean;
  /** The page whose section this one belongs to; it comes right after it (and its other section pages) in the steps. */
  parent?: string;
  /** The title of this page's section (the pages whose `parent` it is): "Advanced settings". */
  section?: string;
  /**
   * Its answer may add or remove pages of its own walk (not of a section): until it is answered the
   * total is an estimate, shown as "about N". The others are counted on the path its current answer
   * (or default) leads to.
   */
  branches?: boolean | ((state: S) => boolean);
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
 * Where `step` sits: among the active pages of its walk (the main walk counts the plan too), estimated
 * while a page of that walk that may change it is still unanswered. Exported for the tests.
 */
export function stepInfo<S>(definition: WizardDefinition<S>, state: S, step: WizardStep<S> | 'plan', answered: ReadonlySet<string>): StepInfo {
  const active = activeSteps(definition.steps, state);
  const parentId = step === 'plan' ? undefined : step.parent;
  const walk = active.filter((candidate) => candidate.parent === parentId);
  const total = walk.length + (parentId === undefined ? 1 : 0);
  const index = step === 'plan' ? total - 1 : walk.indexOf(step);
  const section = parentId === undefined ? undefined : definition.steps.find((candidate) => candidate.id === parentId)?.section;
  return {
    title: section ? `${definition.title}: ${section}` : definition.title,
    step: index + 1,
    totalSteps: total,
    estimated: walk.slice(index).some((candidate) => !answered.has(candidate.id) && (typeof candidate.branches === 'function' ? candidate.branches(state) : !!candidate.branches)),
    canGoBack: answered.size > 0,
  };
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
    if (next) {
      const answer = await next.ask(state, stepInfo(definition, state, next, answeredIds), ui);
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
    // The review page names the secrets a plan holds, never their values.
    const { plan: shown, names: secrets } = redactPlanSecrets(plan);
    const info = stepInfo(definition, state, 'plan', answeredIds);
    // A few lines on the page itself; the full plan, every parameter in full, in a document beside it.
    const review = { summary: summarizePlan(shown, notes), document: planDocument(shown, notes), items: reviewItems(plan) };
    for (;;) {
      const answer = await ui.reviewPage(info, review);
      if (answer.kind === 'cancel') return { kind: 'cancelled' };
      if (answer.kind === 'back') break;
      if (answer.value === 'run' || secrets.length === 0) return { kind: 'plan', plan, action: answer.value };
      const include = await askIncludeSecrets(ui, info, secrets);
      if (include.kind === 'cancel') return { kind: 'cancelled' };
      if (include.kind === 'back') continue;
      return { kind: 'plan', plan, action: answer.value, includeSecrets: include.value };
    }
    history.pop();
  }
}

/** Before exporting a plan that holds secrets: placeholders (the default), or the values, knowingly. Back returns to the review. */
function askIncludeSecrets(ui: UserInput, info: StepInfo, secrets: string[]): Promise<Answer<boolean>> {
  const names = listNames(secrets);
  const one = secrets.length === 1;
  return ui.pickPage(info, {
    placeholder: `The plan holds the value${one ? '' : 's'} of ${names}. What should the exported file hold?`,
    items: [
      {
        label: 'Placeholders instead of the values',
        description: 'recommended',
        detail: `${secretPlaceholder(secrets[0])}: fill ${one ? 'it' : 'them'} in before running; the file can be shared and committed`,
        value: false,
      },
      {
        label: 'Include the values',
        detail: `${names} in plain text: keep the file out of source control, tickets and chats`,
        value: true,
      },
    ],
  });
}

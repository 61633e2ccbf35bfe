import { type ReviewAction } from '../../prompts/userInput';
import { type Plan } from '../plans/plan';

/** What the user chose on the review page. */
export type PlanAction = ReviewAction;

export type WizardResult = { kind: 'cancelled' } | { kind: 'plan'; plan: Plan; action: PlanAction };

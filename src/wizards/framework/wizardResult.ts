import { type ReviewAction } from '../../prompts/userInput';
import { type Plan } from '../plans/plan';

/** What the user chose on the review page. */
export type PlanAction = ReviewAction;

/**
 * `includeSecrets`: for an export of a plan holding secrets (HF_TOKEN…), the user chose to have their
 * values in the file; otherwise the export holds placeholders.
 */
export type WizardResult = { kind: 'cancelled' } | { kind: 'plan'; plan: Plan; action: PlanAction; includeSecrets?: boolean };

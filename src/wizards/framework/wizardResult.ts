import { type Plan } from '../plans/plan';

/** What the user chose on the review page. */
export type PlanAction = 'run' | 'exportBoto3' | 'exportCli' | 'exportCloudFormation';

export type WizardResult = { kind: 'cancelled' } | { kind: 'plan'; plan: Plan; action: PlanAction };

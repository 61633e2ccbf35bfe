import { type Plan } from '../plans/plan';
import { type PlanRunResult } from '../plans/planRunner';
import { type RollbackResult } from '../plans/rollback';

/** What one wizard command did: the plan, what the user chose, each run of it, a rollback, an export. */
export interface WizardRunReport {
  plan?: Plan;
  /** The review page's choice, or `resume` / `rollback` for a plan left half-built by an earlier run. */
  action?: string;
  runs: PlanRunResult[];
  rollback?: RollbackResult;
  /** The exported script or template. */
  exported?: string;
}

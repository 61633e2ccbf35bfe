import { type Plan } from './plan';
import { type PlanRunResult } from './planRunner';
import { type RollbackResult } from './rollback';

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

import { type ReviewAction as PlanAction } from '../../../prompts/userInput';
import { type Plan } from '../plan';
import { listNames, redactPlanSecrets, secretPlaceholder } from '../secrets';
import { toAwsCliScript } from './awsCli';
import { toBoto3Script } from './boto3';
import { toCloudFormation } from './cloudFormation';

/** An exported plan: the document's text and its editor language. */
export interface PlanExport {
  language: 'python' | 'shellscript' | 'yaml';
  content: string;
}

export interface PlanExportOptions {
  /** The user asked for the secrets' values (HF_TOKEN…) in the file. Otherwise they are placeholders. */
  includeSecrets?: boolean;
}

/** The plan an export prints: secrets as `<redacted: NAME>` with a note that says so, unless the user asked for them. */
export function exportablePlan(plan: Plan, options: PlanExportOptions = {}): Plan {
  if (options.includeSecrets) return plan;
  const { plan: redacted, names } = redactPlanSecrets(plan);
  if (names.length === 0) return plan;
  const one = names.length === 1;
  const note = `The value${one ? ' of' : 's of'} ${listNames(names)} ${one ? 'is' : 'are'} left out of this file (${secretPlaceholder(names[0])}): put ${one ? 'it' : 'them'} in before running, or better, keep ${one ? 'it' : 'them'} out of the plan.`;
  return { ...redacted, notes: [...(redacted.notes ?? []), note] };
}

/** The plan as the review page's export choice asks: a boto3 script, AWS CLI commands or a CloudFormation template. */
export function exportPlan(plan: Plan, action: Exclude<PlanAction, 'run'>, options: PlanExportOptions = {}): PlanExport {
  const shown = exportablePlan(plan, options);
  if (action === 'exportBoto3') return { language: 'python', content: toBoto3Script(shown) };
  if (action === 'exportCli') return { language: 'shellscript', content: toAwsCliScript(shown) };
  return { language: 'yaml', content: toCloudFormation(shown).yaml };
}

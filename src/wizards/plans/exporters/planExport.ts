import { type ReviewAction as PlanAction } from '../../../prompts/userInput';
import { type Plan } from '../plan';
import { toAwsCliScript } from './awsCli';
import { toBoto3Script } from './boto3';
import { toCloudFormation } from './cloudFormation';

/** An exported plan: the document's text and its editor language. */
export interface PlanExport {
  language: 'python' | 'shellscript' | 'yaml';
  content: string;
}

/** The plan as the review page's export choice asks: a boto3 script, AWS CLI commands or a CloudFormation template. */
export function exportPlan(plan: Plan, action: Exclude<PlanAction, 'run'>): PlanExport {
  if (action === 'exportBoto3') return { language: 'python', content: toBoto3Script(plan) };
  if (action === 'exportCli') return { language: 'shellscript', content: toAwsCliScript(plan) };
  return { language: 'yaml', content: toCloudFormation(plan).yaml };
}

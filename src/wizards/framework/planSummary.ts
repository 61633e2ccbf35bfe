import { type Plan } from '../plans/plan';
import { type Choice } from '../../prompts/userInput';
import { type PlanAction } from './wizardResult';

const maxLineLength = 120;

function shorten(text: string): string {
  return text.length > maxLineLength ? `${text.slice(0, maxLineLength - 1)}…` : text;
}

/**
 * The plan in a few short lines for the review page: its title, its cost, its calls by name and how
 * many notes it has. The full plan (every parameter and note) opens beside the page (planDocument).
 */
export function summarizePlan(plan: Plan, extraLines: string[] = []): string {
  const calls = plan.steps.length;
  const notes = extraLines.length + (plan.notes ?? []).length;
  const lines = [
    plan.title,
    `Cost: ${plan.cost?.description ?? 'starts no instances'}`,
    `${calls} call${calls === 1 ? '' : 's'}: ${plan.steps.map((step) => step.operation).join(', ')}`,
  ];
  if (notes > 0) lines.push(`${notes} note${notes === 1 ? '' : 's'} to read in the full plan`);
  return lines.map(shorten).join('\n');
}

export function reviewItems(plan: Plan): Choice<PlanAction>[] {
  const count = `${plan.steps.length} call${plan.steps.length === 1 ? '' : 's'}`;
  return [
    { label: 'Run the plan', description: count, value: 'run' },
    { label: 'Export as a Python (boto3) script', value: 'exportBoto3' },
    { label: 'Export as AWS CLI commands', value: 'exportCli' },
    { label: 'Export as a CloudFormation template', value: 'exportCloudFormation' },
  ];
}

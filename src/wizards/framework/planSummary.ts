import { type Plan } from '../plans/plan';
import { createsCloudFormationResources } from '../plans/exporters/cloudFormationResources';
import { type Choice } from '../../prompts/userInput';
import { type PlanAction } from './wizardResult';
import { plural } from '../../l10n/plural';

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
    `${plural(calls, { one: '{count} call', other: '{count} calls' })}: ${plan.steps.map((step) => step.operation).join(', ')}`,
  ];
  if (notes > 0) lines.push(plural(notes, { one: '{count} note to read in the full plan', other: '{count} notes to read in the full plan' }));
  return lines.map(shorten).join('\n');
}

/** What the review page offers; a CloudFormation template only when the plan creates something (a template needs a resource). */
export function reviewItems(plan: Plan): Choice<PlanAction>[] {
  const count = plural(plan.steps.length, { one: '{count} call', other: '{count} calls' });
  return [
    { label: 'Run the plan', description: count, value: 'run' },
    { label: 'Export as a Python (boto3) script', value: 'exportBoto3' },
    { label: 'Export as AWS CLI commands', value: 'exportCli' },
    ...(createsCloudFormationResources(plan) ? [{ label: 'Export as a CloudFormation template', value: 'exportCloudFormation' as const }] : []),
  ];
}

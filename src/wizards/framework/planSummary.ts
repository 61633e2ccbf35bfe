import { isOutputRef, type Plan, type PlanValue } from '../plans/plan';
import { type Choice } from '../../prompts/userInput';
import { type PlanAction } from './wizardResult';
import { plural } from '../../l10n/plural';

const maxValueLength = 120;

function renderValue(value: PlanValue): string {
  if (isOutputRef(value)) return `<${value.$ref}>`;
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, inner]) => `${key}: ${renderValue(inner)}`)
      .join(', ')}}`;
  }
  return typeof value === 'string' ? value : String(value);
}

function shorten(text: string): string {
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

/** The plan as the review page shows it: notes, then each call with its parameters, then the cost. */
export function summarizePlan(plan: Plan, extraLines: string[] = []): string {
  const lines: string[] = [plan.title, ''];
  for (const line of [...extraLines, ...(plan.notes ?? [])]) lines.push(`• ${line}`);
  if (extraLines.length > 0 || (plan.notes ?? []).length > 0) lines.push('');
  plan.steps.forEach((step, index) => {
    const flag = step.modifiesExisting ? ' (changes an existing resource)' : '';
    lines.push(`${index + 1}. ${step.service} ${step.operation}: ${step.description}${flag}`);
    for (const [key, value] of Object.entries(step.input)) lines.push(`     ${key} = ${shorten(renderValue(value))}`);
    if (step.waitFor) lines.push(`     then wait for ${step.waitFor === 'endpointInService' ? 'the endpoint' : 'the inference component'} to be InService`);
  });
  lines.push('');
  lines.push(`Cost: ${plan.cost?.description ?? 'starts no instances'}`);
  return lines.join('\n');
}

export function reviewItems(plan: Plan): Choice<PlanAction>[] {
  const count = plural(plan.steps.length, { one: '{count} call', other: '{count} calls' });
  return [
    { label: 'Run the plan', description: count, value: 'run' },
    { label: 'Export as a Python (boto3) script', value: 'exportBoto3' },
    { label: 'Export as AWS CLI commands', value: 'exportCli' },
    { label: 'Export as a CloudFormation template', value: 'exportCloudFormation' },
  ];
}

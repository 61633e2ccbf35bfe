import { markdownText as inlineText } from '../../readiness/readinessReport';
import { isOutputRef, type Plan, type PlanService, type PlanValue } from '../plans/plan';
import { plural } from '../../l10n/plural';

/**
 * The full plan as a Markdown document, opened beside the review page: its title, what it costs, the
 * notes, then every call numbered, with its service, operation and every parameter in full, nested
 * structures as indented lists (they wrap at any width; nothing is cut). Built from the plan the review
 * page shows, whose secrets are already replaced by `<redacted: NAME>`. Names and notes go through the
 * readiness report's escaping (shown as written, never formatted nor linked); values are inline code.
 */

const serviceNames: Record<PlanService, string> = {
  sagemaker: 'SageMaker',
  'application-auto-scaling': 'Application Auto Scaling',
  cloudwatch: 'CloudWatch',
  scheduler: 'EventBridge Scheduler',
  iam: 'IAM',
};

/** A value as inline code: shown exactly as written, monospaced, never formatted nor linked. */
function code(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  if (line.trim() === '') return line === '' ? '_(empty)_' : `_(${line.length} space${line.length === 1 ? '' : 's'})_`;
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = line.startsWith('`') || line.endsWith('`') || (line.startsWith(' ') && line.endsWith(' ')) ? ` ${line} ` : line;
  return `${fence}${padded}${fence}`;
}

const isMap = (value: PlanValue): value is { [key: string]: PlanValue } => value !== null && typeof value === 'object' && !Array.isArray(value) && !isOutputRef(value);

/** A string that holds a JSON object or array (a schedule's Target.Input): shown as its structure. */
function parsedJson(value: string): PlanValue | undefined {
  if (!/^\s*[[{]/.test(value)) return undefined;
  try {
    const parsed = JSON.parse(value) as PlanValue;
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function scalar(value: PlanValue): string {
  if (isOutputRef(value)) return `${code(`<${value.$ref}>`)} (from an earlier call's response)`;
  if (typeof value === 'string') return code(value);
  return code(String(value));
}

/**
 * One `- Key: value` line, or `- Key:` with the value's members indented below it. A list of maps
 * numbers its items (`1.`), each item's members a list below its number.
 */
function valueLines(label: string, value: PlanValue, indent: string): string[] {
  const json = typeof value === 'string' ? parsedJson(value) : undefined;
  if (json !== undefined) return [`${indent}- ${label} (JSON text):`, ...childLines(json, `${indent}  `)];
  if (Array.isArray(value) && value.length === 0) return [`${indent}- ${label}: _(empty list)_`];
  if (isMap(value) && Object.keys(value).length === 0) return [`${indent}- ${label}: _(empty)_`];
  if (Array.isArray(value) || isMap(value)) return [`${indent}- ${label}:`, ...childLines(value, `${indent}  `)];
  return [`${indent}- ${label}: ${scalar(value)}`];
}

function childLines(value: PlanValue, indent: string): string[] {
  if (isMap(value)) return Object.entries(value).flatMap(([key, inner]) => valueLines(inlineText(key), inner, indent));
  if (!Array.isArray(value)) return [`${indent}- ${scalar(value)}`];
  return value.flatMap((item, index) => {
    if (isMap(item) && Object.keys(item).length > 0) {
      // "1. - First: …" then the other members aligned under the first.
      const marker = `${index + 1}. `;
      const [first, ...rest] = childLines(item, indent + ' '.repeat(marker.length));
      return [`${indent}${marker}${first.trimStart()}`, ...rest];
    }
    if (Array.isArray(item) || isMap(item)) return valueLines(`item ${index + 1}`, item, indent);
    return [`${indent}- ${scalar(item)}`];
  });
}

/** The plan, in full, as Markdown. `extraNotes` are the wizard's review notes (warnings, previews), read before the plan's own. */
export function planDocument(plan: Plan, extraNotes: string[] = []): string {
  const calls = plan.steps.length;
  const lines: string[] = [
    `# ${inlineText(plan.title)}`,
    '',
    `**Cost:** ${inlineText(plan.cost?.description ?? 'starts no instances')}`,
    '',
    plural(calls, { one: '{count} call, made when you choose Run; nothing is created before.', other: '{count} calls, made in this order when you choose Run; nothing is created before.' }),
    '',
  ];
  const notes = [...extraNotes, ...(plan.notes ?? [])];
  if (notes.length > 0) lines.push('## Notes', '', ...notes.map((note) => `- ${inlineText(note)}`), '');
  lines.push('## Calls', '');
  plan.steps.forEach((step, index) => {
    lines.push(`### ${index + 1}. ${serviceNames[step.service]} ${inlineText(step.operation)}`, '');
    lines.push(inlineText(step.description), '');
    if (step.modifiesExisting) lines.push('_Changes an existing resource (a rollback leaves it as it is)._', '');
    const parameters = Object.entries(step.input).flatMap(([key, value]) => valueLines(inlineText(key), value, ''));
    lines.push(...(parameters.length > 0 ? parameters : ['_No parameters._']), '');
    if (step.waitFor === 'rollingUpdate') lines.push('Then follows the copies as they roll, until the inference component is InService, and says whether the new model took or was rolled back.', '');
    else if (step.waitFor) lines.push(`Then waits for ${step.waitFor === 'endpointInService' ? 'the endpoint' : 'the inference component'} to be InService.`, '');
  });
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

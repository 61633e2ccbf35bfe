import { isValidTimeZone } from '@s2z/schedule-expressions';
import { isNotFound } from '../../aws/awsErrorCodes';
import { loadSdk } from '../../aws/clients';
import { hourlyPrice, priceDate, priceRegion } from '../../cost/pricing';
import { plural } from '../../l10n/plural';
import { formatHourlyUsd, formatUsd } from '../../money/dollars';
import { markdownText } from '../../readiness/readinessReport';
import { type Plan } from '../../wizards/plans/plan';
import { previewFireTimes } from '../../wizards/schedule/firePreview';
import { schedulerActions, schedulerPrincipal } from '../../wizards/schedule/schedulerRolePlan';
import { presetSchedulePlan, scheduleTitle, type PresetScheduleProposal, type PresetScheduleRole } from '../../wizards/schedule/scheduleWizard';
import { validateScheduleName } from '../../wizards/validation/names';
import { validateRoleArn } from '../../wizards/validation/roleArn';
import { type ActingTool, type ActionProposal, type ToolAccount } from '../agentTool';
import { optionalInteger, optionalString, parseInput, parseObject, requiredSageMakerName, ToolInputError } from '../toolInput';

export interface ScheduleWeekendSleepInput {
  inferenceComponentName: string;
  timeZone?: string;
  wakeCopies?: number;
  roleArn?: string;
}

const toolName = 'sagemakerScaleToZero_scheduleWeekendSleep';
const presetId = 'weekendsOff';
/** The words of the weekendsOff preset's two times (schedulePresets: cron(0 19 ? * FRI *) / cron(0 7 ? * MON *)). */
const sleepWords = 'Friday 19:00';
const wakeWords = 'Monday 07:00';

/** `<ic>-weekend-sleep` / `<ic>-weekend-wake`, the component's part shortened so the name fits Scheduler's 64 characters and the two differ. */
export function weekendScheduleNames(icName: string): { sleepName: string; wakeName: string } {
  const name = (suffix: string) => `${icName.slice(0, 64 - suffix.length)}${suffix}`;
  return { sleepName: name('-weekend-sleep'), wakeName: name('-weekend-wake') };
}

export function parseScheduleWeekendSleepInput(raw: unknown) {
  return parseInput<ScheduleWeekendSleepInput>(() => {
    const record = parseObject(raw, ['inferenceComponentName', 'timeZone', 'wakeCopies', 'roleArn']);
    const inferenceComponentName = requiredSageMakerName(record, 'inferenceComponentName', 'inference component');
    const timeZone = optionalString(record, 'timeZone', 50);
    if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
      throw new ToolInputError(`The field "timeZone" is not an IANA time zone name (such as Europe/Paris, America/New_York or UTC): "${timeZone.slice(0, 50)}"; offsets like UTC+1 are not accepted.`);
    }
    const wakeCopies = optionalInteger(record, 'wakeCopies', 1, 1000);
    const roleArn = optionalString(record, 'roleArn', 1600);
    const roleProblem = roleArn === undefined ? undefined : validateRoleArn(roleArn);
    if (roleProblem) throw new ToolInputError(`The field "roleArn" is not a role ARN: ${roleProblem}`);
    return {
      inferenceComponentName,
      ...(timeZone !== undefined ? { timeZone } : {}),
      ...(wakeCopies !== undefined ? { wakeCopies } : {}),
      ...(roleArn !== undefined ? { roleArn } : {}),
    };
  });
}

/** Whether a schedule of that name exists in the default group (GetSchedule), wherever it points. */
async function scheduleExists(account: ToolAccount, name: string): Promise<boolean> {
  const sdk = await loadSdk();
  try {
    await account.clients.scheduler.send(new sdk.GetScheduleCommand({ Name: name, GroupName: 'default' }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function roleLine(role: PresetScheduleRole, icName: string): string {
  const action = schedulerActions('copyCount')[0];
  switch (role.kind) {
    case 'given':
      return `Role: ${markdownText(role.arn)}, as given (EventBridge Scheduler assumes it to call ${markdownText(action)}).`;
    case 'listed':
      return `Role: the existing IAM role ${markdownText(role.name)} (trusts ${markdownText(schedulerPrincipal)}${role.allowedBy ? `; its inline policy ${markdownText(role.allowedBy)} allows ${markdownText(action)} on ${markdownText(icName)}` : ''}).`;
    case 'create':
      return `Role: a new IAM role ${markdownText(role.name)}, created by the plan: it trusts ${markdownText(schedulerPrincipal)} only and may call ${markdownText(action)} on ${markdownText(icName)} only.`;
  }
}

type PlanProposal = Extract<PresetScheduleProposal, { kind: 'plan' }>;

/** What the sleep saves in a week (asleep hours × the endpoint's hourly price per instance), or that it saves nothing. */
export function weekendSavingLine(proposal: Pick<PlanProposal, 'endpoint' | 'billingWarning' | 'asleepHoursPerWeek'>, overrides: ToolAccount['priceOverrides']): string {
  if (proposal.billingWarning) return 'Saving: none while the instances keep billing (see the warning in the notes).';
  const hours = proposal.asleepHoursPerWeek;
  const instanceType = proposal.endpoint?.variants[0]?.instanceType;
  const price = instanceType ? hourlyPrice(instanceType, overrides) : undefined;
  if (hours === undefined) return 'Saving: the hours asleep each week could not be computed.';
  if (!instanceType || price === undefined) {
    return `Saving: asleep ${hours} h a week; ${instanceType ? `no price is known for ${instanceType}` : 'the endpoint\'s instance type could not be read'}, so the amount is not given.`;
  }
  return `Saving: asleep ${hours} h a week × ${formatHourlyUsd(price)} per ${instanceType} instance ≈ ${formatUsd(hours * price)} a week for each instance it runs on (approximate on-demand price, ${priceRegion}, ${priceDate}).`;
}

/** The confirmation's Markdown: when it sleeps and wakes (next fire times), the role, every call, the notes and the saving. */
export function scheduleConfirmationMessage(options: {
  plan: Plan;
  proposal: Pick<PlanProposal, 'sleepExpression' | 'wakeExpression' | 'role' | 'endpoint' | 'billingWarning' | 'asleepHoursPerWeek'>;
  icName: string;
  timeZone: string;
  wakeCopies: number;
  now: Date;
  accountLabel: string;
  overrides: ToolAccount['priceOverrides'];
}): string {
  const { plan, proposal, timeZone, now } = options;
  const zone = markdownText(timeZone);
  const next = (expression: string) => markdownText(previewFireTimes(expression, timeZone, now, 3, { namesZone: false }));
  const notes = plan.notes ?? [];
  return [
    `${markdownText(plan.title)} in ${markdownText(options.accountLabel)}, with EventBridge Scheduler (times in ${zone}):`,
    `- Sleep every ${sleepWords} (${markdownText(proposal.sleepExpression)}): 0 copies. Next: ${next(proposal.sleepExpression)}.`,
    `- Wake every ${wakeWords} (${markdownText(proposal.wakeExpression)}): ${plural(options.wakeCopies, { one: '{count} copy', other: '{count} copies' })}. Next: ${next(proposal.wakeExpression)}.`,
    '',
    roleLine(proposal.role, options.icName),
    '',
    plural(plan.steps.length, { one: 'The plan makes {count} call:', other: 'The plan makes {count} calls, in this order:' }),
    ...plan.steps.map((step, index) => `${index + 1}. ${markdownText(step.description)}`),
    ...(notes.length ? ['', 'Notes:', ...notes.map((note) => `- ${markdownText(note)}`)] : []),
    '',
    markdownText(weekendSavingLine(proposal, options.overrides)),
    '',
    'A failed call offers to retry or roll back what the plan created.',
  ].join('\n');
}

export async function proposeWeekendSchedule(input: ScheduleWeekendSleepInput, account: ToolAccount): Promise<ActionProposal> {
  const icName = input.inferenceComponentName;
  const timeZone = input.timeZone ?? account.defaultTimeZone;
  const wakeCopies = input.wakeCopies ?? 1;
  const { sleepName, wakeName } = weekendScheduleNames(icName);
  const badName = validateScheduleName(sleepName) ?? validateScheduleName(wakeName);
  if (badName) return { kind: 'answer', text: `Nothing was changed: ${badName}` };
  const env = await account.wizardEnvironment();
  let proposal: PresetScheduleProposal;
  try {
    proposal = await presetSchedulePlan(env, { icName, presetId, timeZone, wakeCopies, sleepName, wakeName, ...(input.roleArn ? { roleArn: input.roleArn } : {}) });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return { kind: 'answer', text: `There is no inference component named ${icName} in ${account.label}: nothing was changed. List them with sagemakerScaleToZero_listEndpoints.` };
  }
  if (proposal.kind === 'refused') return { kind: 'answer', text: `Nothing was changed: ${proposal.message}` };
  // A schedule of either name aimed elsewhere (the component's own were checked above): CreateSchedule would fail.
  const taken = [];
  for (const name of [sleepName, wakeName]) if (await scheduleExists(account, name)) taken.push(name);
  if (taken.length > 0) {
    return {
      kind: 'answer',
      text: `Nothing was changed: ${plural(taken.length, { one: 'a schedule named {names} already exists', other: 'schedules named {names} already exist' }, { names: taken.join(' and ') })} in ${account.label} (group default). Delete or rename ${taken.length === 1 ? 'it' : 'them'}, or use the Schedule Sleep and Wake wizard with other names.`,
    };
  }
  const now = account.now();
  return {
    kind: 'plan',
    wizard: scheduleTitle,
    plan: proposal.plan,
    confirmation: {
      title: proposal.plan.title,
      message: scheduleConfirmationMessage({ plan: proposal.plan, proposal, icName, timeZone, wakeCopies, now, accountLabel: account.label, overrides: account.priceOverrides }),
    },
    afterSuccess: `${icName} sleeps next ${previewFireTimes(proposal.sleepExpression, timeZone, now, 1)} and wakes next ${previewFireTimes(proposal.wakeExpression, timeZone, now, 1)}. List the schedules with sagemakerScaleToZero_listSchedules.`,
  };
}

/** sagemakerScaleToZero_scheduleWeekendSleep: the Schedule Sleep and Wake wizard's weekend plan, after a confirmation. */
export const scheduleWeekendSleepTool: ActingTool<ScheduleWeekendSleepInput> = {
  kind: 'act',
  name: toolName,
  parseInput: parseScheduleWeekendSleepInput,
  invocationMessage: (input) => `Planning a weekend schedule for ${input.inferenceComponentName}…`,
  propose: proposeWeekendSchedule,
};

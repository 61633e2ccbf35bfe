import { isNotFound } from '../../aws/awsErrorCodes';
import { describeHourlyCost } from '../../cost/pricing';
import { plural } from '../../l10n/plural';
import { checkEndpoint, type ReadinessCheck } from '../../readiness/readiness';
import { markdownText } from '../../readiness/readinessReport';
import { type WizardEnvironment } from '../../wizards/environment';
import { enableScaleToZeroTitle, loadComponentSetup, repairPlan, type Loaded } from '../../wizards/enableScaleToZero/enableScaleToZeroWizard';
import { type Repair } from '../../wizards/enableScaleToZero/setupAssessment';
import { type Plan } from '../../wizards/plans/plan';
import { type ActingTool, type ActionProposal, type ToolAccount } from '../agentTool';
import { parseInput, parseObject, requiredSageMakerName } from '../toolInput';

export interface EnableScaleToZeroInput {
  inferenceComponentName: string;
}

const toolName = 'sagemakerScaleToZero_enableScaleToZero';

/** The endpoint's failing checks this tool cannot fix (managed instance scaling: a new endpoint config), with their fixes. */
async function endpointFailures(env: WizardEnvironment, loaded: Loaded): Promise<ReadinessCheck[]> {
  const endpoint = await env.reader.describeEndpoint(loaded.ic.endpointName).catch(() => undefined);
  if (!endpoint) return [];
  return checkEndpoint(endpoint, [{ ic: loaded.ic, scaling: loaded.scaling }]).checks.filter(
    (check) => check.status === 'fail' && check.fixId === 'enableManagedScalingToZero',
  );
}

function endpointLines(endpointName: string, failures: readonly ReadinessCheck[]): string[] {
  return failures.map(
    (check) =>
      `- Endpoint ${markdownText(endpointName)}: ${markdownText(check.title)}: ${markdownText(check.reason)} This tool does not change it: ${markdownText(check.fix ?? 'it needs a new endpoint config')}`,
  );
}

/**
 * What the run costs: the plan's own cost when it has one; otherwise these resources bill nothing by
 * themselves (alarms: cents a month), and what scale to zero saves per idle hour at the instance's price.
 */
export function enableCostLine(plan: Plan, loaded: Pick<Loaded, 'instanceType'>, overrides: ToolAccount['priceOverrides']): string {
  if (plan.cost) return `Cost: ${plan.cost.description}`;
  const saving = loaded.instanceType
    ? `Scaled to zero, each idle hour saves what an instance costs: ${describeHourlyCost(loaded.instanceType, 1, overrides).description}.`
    : 'What an idle hour saves is not known: the endpoint\'s instance type could not be read.';
  return `Cost: the scalable target and the scaling policies do not bill by themselves (each CloudWatch alarm costs cents a month). ${saving}`;
}

/** The confirmation's Markdown: what it fixes, every call, the plan's notes, the cost, and what it leaves to the endpoint. */
export function enableConfirmationMessage(options: {
  plan: Plan;
  loaded: Loaded;
  repairs: readonly Repair[];
  adaptersMissingWake: readonly string[];
  endpointFailures: readonly ReadinessCheck[];
  accountLabel: string;
  overrides: ToolAccount['priceOverrides'];
}): string {
  const { plan, loaded, repairs } = options;
  const name = markdownText(loaded.ic.name);
  const fixes = loaded.assessment.fresh
    ? [`${name} has no scale-to-zero setup yet: the plan creates all of it.`]
    : [
        plural(repairs.length, { one: 'It repairs {count} failing part of the readiness check:', other: 'It repairs {count} failing parts of the readiness check:' }),
        ...repairs.map((repair) => `- ${markdownText(repair.label)}${repair.reasons.length ? `: ${markdownText(repair.reasons.join(' '))}` : ''}`),
      ];
  const adapters = options.adaptersMissingWake.length
    ? [`It adds the wake alarm of ${options.adaptersMissingWake.map(markdownText).join(', ')} (a request to an adapter then wakes ${name}).`]
    : [];
  const notes = plan.notes ?? [];
  return [
    `${markdownText(plan.title)} in ${markdownText(options.accountLabel)}.`,
    '',
    ...fixes,
    ...adapters,
    '',
    plural(plan.steps.length, { one: 'The plan makes {count} call:', other: 'The plan makes {count} calls, in this order:' }),
    ...plan.steps.map((step, index) => `${index + 1}. ${markdownText(step.description)}`),
    ...(notes.length ? ['', 'Notes:', ...notes.map((note) => `- ${markdownText(note)}`)] : []),
    '',
    markdownText(enableCostLine(plan, loaded, options.overrides)),
    ...(options.endpointFailures.length ? ['', 'Still failing after it, on the endpoint:', ...endpointLines(loaded.ic.endpointName, options.endpointFailures)] : []),
    '',
    'A failed call offers to retry or roll back what the plan created.',
  ].join('\n');
}

/** After the run: the component's readiness read again, in one line. */
async function readinessNow(account: ToolAccount, icName: string): Promise<string> {
  try {
    const env = await account.wizardEnvironment();
    const loaded = await loadComponentSetup(env, icName);
    const failing = loaded.assessment.checks.filter((check) => check.status === 'fail');
    const endpoint = await endpointFailures(env, loaded);
    const component = failing.length
      ? `Readiness of ${icName} now: still fails ${failing.map((check) => `${check.title} (${check.reason})`).join('; ')}.`
      : `Readiness of ${icName} now: every check of its scaling setup passes.`;
    return endpoint.length ? `${component} Endpoint ${loaded.ic.endpointName} still fails: ${endpoint.map((check) => check.reason).join(' ')}` : component;
  } catch {
    return `Check the result with sagemakerScaleToZero_getReadiness on the endpoint of ${icName}.`;
  }
}

export async function proposeEnableScaleToZero(input: EnableScaleToZeroInput, account: ToolAccount): Promise<ActionProposal> {
  const icName = input.inferenceComponentName;
  const env = await account.wizardEnvironment();
  let proposal: Awaited<ReturnType<typeof repairPlan>>;
  try {
    proposal = await repairPlan(env, icName);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return { kind: 'answer', text: `There is no inference component named ${icName} in ${account.label}: nothing was changed. List them with sagemakerScaleToZero_listEndpoints.` };
  }
  if (proposal.kind === 'adapter') return { kind: 'answer', text: `Nothing was changed: ${proposal.message}` };
  const failures = await endpointFailures(env, proposal.loaded);
  if (proposal.kind === 'nothingToRepair') {
    return {
      kind: 'answer',
      text: [
        `Nothing to repair: ${icName} (${account.label}) already scales to zero and wakes on a single request: every check of its scaling setup passes. Nothing was changed.`,
        ...failures.map((check) => `Endpoint ${proposal.loaded.ic.endpointName} still fails "${check.title}": ${check.reason} This tool cannot fix it: ${check.fix ?? 'it needs a new endpoint config'}`),
      ].join('\n'),
    };
  }
  return {
    kind: 'plan',
    wizard: enableScaleToZeroTitle,
    plan: proposal.plan,
    confirmation: {
      title: proposal.plan.title,
      message: enableConfirmationMessage({
        plan: proposal.plan,
        loaded: proposal.loaded,
        repairs: proposal.repairs,
        adaptersMissingWake: proposal.adaptersMissingWake,
        endpointFailures: failures,
        accountLabel: account.label,
        overrides: account.priceOverrides,
      }),
    },
    afterSuccess: () => readinessNow(account, icName),
  };
}

/** sagemakerScaleToZero_enableScaleToZero: the Enable Scale to Zero wizard's plan with its defaults, after a confirmation. */
export const enableScaleToZeroTool: ActingTool<EnableScaleToZeroInput> = {
  kind: 'act',
  name: toolName,
  parseInput: (raw) =>
    parseInput(() => {
      const record = parseObject(raw, ['inferenceComponentName']);
      return { inferenceComponentName: requiredSageMakerName(record, 'inferenceComponentName', 'inference component') };
    }),
  invocationMessage: (input) => `Planning scale to zero for ${input.inferenceComponentName}…`,
  propose: proposeEnableScaleToZero,
};

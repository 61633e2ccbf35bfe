import { describeAwsError } from '../aws/awsErrorMessages';
import { type Logger } from '../logging/logger';
import { redactSecrets } from '../logging/redact';
import { plural } from '../l10n/plural';
import { type Plan } from '../wizards/plans/plan';
import { type WizardRunReport } from '../wizards/plans/wizardRunReport';
import { type AgentTool, type ToolAccount, type ToolConfirmation } from './agentTool';

/** What VS Code shows before a tool runs: its progress line and, for a change, the confirmation. */
export interface PreparedInvocation {
  invocationMessage: string;
  confirmation?: ToolConfirmation;
}

/** A confirmation is good for this long: a plan confirmed earlier is proposed (and confirmed) again. */
export const confirmationLifetimeMs = 30 * 60_000;

/** A tool failed: its message is plain words for the agent (and the user), never a stack trace or a credential. */
export class AgentToolError extends Error {
  override name = 'AgentToolError';
}

export const notConnectedMessage =
  'Not connected: nothing to read or change. Ask the user to connect (SageMaker Scale to Zero: Connect to AWS… or Start Local Emulator) first.';

interface Confirmed {
  plan: string;
  at: number;
}

/** The plan as compared between the confirmation and the run: its title, calls, inputs and notes. */
function fingerprint(plan: Plan): string {
  return JSON.stringify(plan);
}

/**
 * Runs the agent tools, vscode-free (the UI adapts it to `vscode.lm.registerTool`). An acting tool's
 * plan runs only when it is exactly the plan its confirmation showed: `prepare` records the plan it
 * proposed for an input, `invoke` proposes again from the account as it is then, and runs only on a
 * match (once, within `confirmationLifetimeMs`); anything else changes nothing and says so.
 */
export class AgentToolRunner {
  private readonly confirmed = new Map<string, Confirmed>();

  constructor(
    private readonly deps: {
      tools: readonly AgentTool[];
      /** The connection in use, for the tool named (its plan builders' refusals name it); undefined when not connected. */
      account(toolName: string): ToolAccount | undefined;
      logger: Logger;
      /** Milliseconds now (tests move it); real time by default. */
      clock?: () => number;
    },
  ) {}

  /** The tool's progress line and, when it would change something, its confirmation. Changes nothing. */
  async prepare(name: string, raw: unknown): Promise<PreparedInvocation> {
    const tool = this.tool(name);
    const parsed = tool.parseInput(raw);
    if (!parsed.ok) return { invocationMessage: `Checking the input of ${name}` };
    const invocationMessage = tool.invocationMessage(parsed.input);
    const account = this.deps.account(name);
    if (tool.kind === 'read' || !account) return { invocationMessage };
    const proposal = await this.guard(tool, parsed.input, account, () => tool.propose(parsed.input, account));
    if (proposal.kind !== 'plan') return { invocationMessage };
    this.confirmed.set(this.key(name, raw), { plan: fingerprint(proposal.plan), at: this.now() });
    return { invocationMessage, confirmation: { title: redactSecrets(proposal.confirmation.title), message: redactSecrets(proposal.confirmation.message) } };
  }

  /** Runs the tool: a read tool's answer, or an acting tool's confirmed plan and what came of it (never a credential: scrubbed like the log). */
  async invoke(name: string, raw: unknown, signal?: AbortSignal): Promise<string> {
    return redactSecrets(await this.answer(name, raw, signal));
  }

  private async answer(name: string, raw: unknown, signal?: AbortSignal): Promise<string> {
    const tool = this.tool(name);
    const parsed = tool.parseInput(raw);
    if (!parsed.ok) throw new AgentToolError(`${name}: ${parsed.message}`);
    const account = this.deps.account(name);
    if (!account) throw new AgentToolError(notConnectedMessage);
    if (tool.kind === 'read') return this.guard(tool, parsed.input, account, () => tool.answer(parsed.input, account, signal));
    const proposal = await this.guard(tool, parsed.input, account, () => tool.propose(parsed.input, account));
    const key = this.key(name, raw);
    const confirmed = this.confirmed.get(key);
    this.confirmed.delete(key);
    if (proposal.kind === 'answer') return proposal.text;
    if (!confirmed || this.now() - confirmed.at > confirmationLifetimeMs || confirmed.plan !== fingerprint(proposal.plan)) {
      this.deps.logger.warn(`${name}: not run, its plan was not the one confirmed.`);
      return (
        `Nothing was changed: "${proposal.plan.title}" is not the plan the user confirmed ` +
        `(${confirmed ? 'the account changed since, or the confirmation is too old' : 'no confirmation was shown for it'}). Call ${name} again to show the plan as it is now.`
      );
    }
    this.deps.logger.info(`${name}: running "${proposal.plan.title}" as confirmed.`);
    const report = await account.executePlan(proposal.wizard, proposal.plan);
    return describeRun(proposal.plan, proposal.wizard, report, proposal.afterSuccess);
  }

  private tool(name: string): AgentTool {
    const tool = this.deps.tools.find((candidate) => candidate.name === name);
    if (!tool) throw new AgentToolError(`There is no tool named ${name}.`);
    return tool;
  }

  private key(name: string, raw: unknown): string {
    return `${name} ${JSON.stringify(raw ?? {})}`;
  }

  private now(): number {
    return this.deps.clock?.() ?? Date.now();
  }

  /** A failure in plain words naming the tool's resource (AWS's error wording, credentials redacted). */
  private async guard<T>(tool: AgentTool, input: unknown, account: ToolAccount, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof AgentToolError) throw error;
      const resource = resourceNamed(input);
      const described = describeAwsError(error, { action: tool.invocationMessage(input).replace(/…$/, ''), resource, region: account.region });
      this.deps.logger.error(`${tool.name}: ${described.message}`);
      throw new AgentToolError(described.message);
    }
  }
}

/** The resource a tool's input names, for an error message: "inference component x", "endpoint y". */
function resourceNamed(input: unknown): string | undefined {
  const record = (input ?? {}) as { inferenceComponentName?: unknown; endpointName?: unknown };
  if (typeof record.inferenceComponentName === 'string') return `inference component ${record.inferenceComponentName}`;
  if (typeof record.endpointName === 'string') return `endpoint ${record.endpointName}`;
  return undefined;
}

/** What a plan's run did, for the agent: done with its calls, or stopped with why and what is left. */
export function describeRun(plan: Plan, wizard: string, report: WizardRunReport, afterSuccess?: string): string {
  const last = report.runs.at(-1);
  if (!last) return `"${plan.title}" did not run: nothing was changed.`;
  const calls = plural(last.completed.length, { one: '{count} call', other: '{count} calls' });
  if (last.status === 'succeeded') {
    const steps = plan.steps.filter((step) => last.completed.includes(step.id)).map((step) => `- ${step.description}`);
    return [`Done: ${plan.title} (${calls}).`, ...steps, ...(last.outcomes ?? []), ...(afterSuccess ? [afterSuccess] : [])].join('\n');
  }
  const why = (last.status === 'cancelled' ? 'it was cancelled' : (last.message ?? 'a call failed')).replace(/\.$/, '');
  if (report.rollback) {
    const rolledBack =
      report.rollback.status === 'succeeded'
        ? 'What it had changed was rolled back: the account is as it was.'
        : `The rollback did not finish: ${report.rollback.notDeleted.map((left) => `${left.description} (${left.reason})`).join('; ')}.`;
    return `${plan.title} stopped: ${why}. ${rolledBack}`;
  }
  return `${plan.title} stopped: ${why}. What it created or changed is kept; running ${wizard} again offers to resume it or roll it back.`;
}

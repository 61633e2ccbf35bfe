import * as vscode from 'vscode';
import { type ActiveConnection } from '../../connection/ui/connectionManager';
import { type PriceOverrides } from '../../cost/pricing';
import { describeConnection } from '../../aws/connection';
import { type Logger } from '../../logging/logger';
import { type UserInput } from '../../prompts/userInput';
import { type PlanSession } from '../../wizards/plans/planSession';
import { type WizardRunReport } from '../../wizards/plans/wizardRunReport';
import { planTarget, wizardEnvironment } from '../../wizards/ui/wizardCommand';
import { configSection } from '../../workbench/ids';
import { type AgentTool, type ToolAccount } from '../agentTool';
import { noQuestions } from '../noQuestions';
import { agentTools } from '../toolCatalog';
import { AgentToolRunner } from '../toolRunner';

/** What the tools need from the window: the connection in use, the plan session the wizards share, the questions a failed run asks, the log. */
export interface AgentToolsContext {
  connections: { readonly current: ActiveConnection | undefined };
  plans: PlanSession;
  /** Asks what to do when a run stops (retry, roll back, leave), as after a wizard's run. */
  ui: UserInput;
  logger: Logger;
}

/** The connection in use as the tools see it: the same clients, inventory, wizard environment and plan session as the UI. */
export function toolAccountOf(active: ActiveConnection, context: AgentToolsContext, toolName: string): ToolAccount {
  return {
    label: describeConnection(active.connection),
    region: active.connection.region,
    clients: active.clients,
    reader: active.reader,
    inventory: active.inventory,
    now: () => active.reader.now(),
    priceOverrides: vscode.workspace.getConfiguration(configSection).get<PriceOverrides>('pricing.hourlyUsd', {}),
    defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    wizardEnvironment: () => wizardEnvironment(active, noQuestions(toolName)),
    executePlan: async (wizard, plan) => {
      const report: WizardRunReport = { plan, action: 'run', runs: [] };
      await context.plans.execute(wizard, planTarget(active), context.ui, plan, report);
      return report;
    },
  };
}

/** A cancellation token as an AbortSignal (the chat's Stop, or the caller's token). */
function abortSignalOf(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const subscription = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => subscription.dispose() };
}

/**
 * Registers every tool of `contributes.languageModelTools` with `vscode.lm.registerTool`. An acting
 * tool returns its confirmation from `prepareInvocation` (VS Code shows it in the chat, or as a modal
 * dialog outside one) and runs only the plan that confirmation showed.
 */
export function registerAgentTools(context: AgentToolsContext, tools: readonly AgentTool[] = agentTools): { runner: AgentToolRunner; disposables: vscode.Disposable[] } {
  const runner = new AgentToolRunner({
    tools,
    account: (toolName) => (context.connections.current ? toolAccountOf(context.connections.current, context, toolName) : undefined),
    logger: context.logger,
  });
  const disposables = tools.map((tool) =>
    vscode.lm.registerTool<unknown>(tool.name, {
      async prepareInvocation(options) {
        const prepared = await runner.prepare(tool.name, options.input);
        return {
          invocationMessage: prepared.invocationMessage,
          ...(prepared.confirmation
            ? { confirmationMessages: { title: prepared.confirmation.title, message: new vscode.MarkdownString(prepared.confirmation.message) } }
            : {}),
        };
      },
      async invoke(options, token) {
        const abort = abortSignalOf(token);
        try {
          const text = await runner.invoke(tool.name, options.input, abort.signal);
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
        } finally {
          abort.dispose();
        }
      },
    }),
  );
  return { runner, disposables };
}

import * as vscode from 'vscode';
import { loadSdk } from '../../aws/clients';
import { describeConnection } from '../../aws/connection';
import { readRoleTrust } from '../../aws/roleTrust';
import { listSchedulerRoles } from '../../aws/schedulerRoles';
import { type Logger } from '../../logging/logger';
import { type UserInput } from '../../prompts/userInput';
import { type ActiveConnection } from '../../connection/ui/connectionManager';
import { guardCommand } from '../../workbench/commandGuard';
import { configSection } from '../../workbench/ids';
import { type PriceOverrides } from '../../cost/pricing';
import { createModelCatalog, type WizardEnvironment, type WizardResult } from '..';
import { type WizardRunReport } from '../plans/wizardRunReport';
import { type PlanSession, type PlanTarget } from '../plans/planSession';

/** What a wizard command needs: the questions, the connection in use, the log and the plan session. */
export interface WizardCommandContext {
  ui: UserInput;
  connections: { readonly current: ActiveConnection | undefined };
  logger: Logger;
  /** Shared by the wizard commands: it keeps the plans left half-built for the next run to resume. */
  plans: PlanSession;
}

/** The explorer node a wizard command may be run on: an inference component preselects it. */
export type WizardCommandNode = { kind: string; name?: string } | undefined;

/** A wizard command: returns what it did, or undefined when there was no connection or it failed. */
export type WizardCommand = (node?: WizardCommandNode) => Promise<WizardRunReport | undefined>;

export async function wizardEnvironment(active: ActiveConnection, ui: UserInput): Promise<WizardEnvironment> {
  return {
    ui,
    reader: active.reader,
    region: active.connection.region,
    now: active.reader.now,
    defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    models: createModelCatalog(active.clients.sageMaker, await loadSdk()),
    readRoleTrust: (roleArn) => readRoleTrust(active.clients, roleArn),
    listSchedulerRoles: (permission) => listSchedulerRoles(active.clients, { permission }),
    priceOverrides: vscode.workspace.getConfiguration(configSection).get<PriceOverrides>('pricing.hourlyUsd', {}),
  };
}

export function planTarget(active: ActiveConnection): PlanTarget {
  return {
    clients: active.clients,
    region: active.connection.region,
    // Saved with an unfinished plan: the connection's kind, profile name, region or emulator URL, never credentials.
    connectionKey: JSON.stringify(active.connection),
    connectionLabel: describeConnection(active.connection),
    // The emulator the extension starts keeps its resources in memory: they end with the window.
    endsWithWindow: active.connection.kind === 'localEmulator',
    // AWS takes minutes per endpoint, so polls are 15–30 s apart there; the local emulator's clock
    // usually runs fast, so it is polled every second.
    pollIntervalMs: active.connection.kind === 'localEmulator' ? 1_000 : undefined,
    refresh: async () => {
      // A refresh that starts now, not one already under way (it listed before the plan's last calls).
      await active.inventory.refreshAfterChange(undefined, { full: true });
    },
  };
}

async function showExport(exported: { language: string; content: string }): Promise<string> {
  const document = await vscode.workspace.openTextDocument(exported);
  await vscode.window.showTextDocument(document, { preview: false });
  return exported.content;
}

/**
 * The shared body of the wizard commands: resume or roll back a plan the last run left half-built, or
 * run the wizard, then run its plan (retry / roll back / leave on a failure) or open its export.
 */
export function wizardCommand(
  context: WizardCommandContext,
  title: string,
  wizard: (env: WizardEnvironment, target: string | undefined) => Promise<WizardResult>,
  /** The kind of tree row whose name the wizard is opened on: an inference component's (the default) or an endpoint's. */
  nodeKind: 'inferenceComponent' | 'endpoint' = 'inferenceComponent',
): WizardCommand {
  const { ui, connections, plans } = context;
  return guardCommand({ logger: context.logger, region: () => connections.current?.connection.region }, title, async (node?: WizardCommandNode) => {
    const active = connections.current;
    if (!active) {
      void vscode.window.showWarningMessage(`${title}: connect to AWS or start the local emulator first.`);
      return undefined;
    }
    const report: WizardRunReport = { runs: [] };
    const target = planTarget(active);
    if ((await plans.continueUnfinished(title, target, ui, report)) === 'handled') return report;
    const result = await wizard(await wizardEnvironment(active, ui), node?.kind === nodeKind ? node.name : undefined);
    if (result.kind === 'cancelled') return report;
    report.plan = result.plan;
    report.action = result.action;
    if (result.action === 'run') await plans.execute(title, target, ui, result.plan, report);
    else {
      // The exporters load on the first export (dist/exporters.js), not at activation.
      const { exportPlan } = await import('../plans/exporters/planExport.js');
      report.exported = await showExport(exportPlan(result.plan, result.action, { includeSecrets: result.includeSecrets === true }));
    }
    return report;
  });
}

/**
 * After activation: a notification per plan that did not finish before the window closed (a reload or
 * a crash during a run, or a plan left half-built), offering to resume it or roll it back on the
 * connection it ran on. Resolves when every notification is answered or closed.
 */
export async function offerUnfinishedPlans(context: WizardCommandContext): Promise<WizardRunReport[]> {
  const { connections, plans, ui } = context;
  try {
    return await plans.offerUnfinished(() => (connections.current ? planTarget(connections.current) : undefined), ui);
  } catch (error) {
    context.logger.error(`Offering the unfinished plans failed: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('A plan that did not finish could not be resumed or rolled back. See the log (SageMaker Scale to Zero: Show Log), then run the wizard again.');
    return [];
  }
}

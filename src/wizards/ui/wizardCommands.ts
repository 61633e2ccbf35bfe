import * as vscode from 'vscode';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { type Logger } from '../../logging/logger';
import { type CreatedResource, type Plan } from '../plans/plan';
import { runPlan, type PlanRunResult } from '../plans/planRunner';
import { rollbackPlan, type RollbackResult } from '../plans/rollback';
import { toAwsCliScript } from '../plans/exporters/awsCli';
import { toBoto3Script } from '../plans/exporters/boto3';
import { toCloudFormation } from '../plans/exporters/cloudFormation';
import {
  createEndpointWizard,
  createModelCatalog,
  enableScaleToZeroWizard,
  scheduleWizard,
  type WizardEnvironment,
  type WizardResult,
} from '..';
import { loadSdk } from '../../aws/clients';
import { readRoleTrust } from '../../aws/roleTrust';
import { type WizardPrompter } from '../wizardPrompter';
import { type ActiveConnection, type ConnectionManager } from '../../connection/ui/connectionManager';
import { commandIds } from '../../workbench/ids';
import { showAwsError } from '../../workbench/awsErrorNotification';
import { type Prompter } from '../../workbench/prompter';

export interface WizardCommandDependencies {
  connections: ConnectionManager;
  logger: Logger;
  prompter: () => Prompter;
  wizardPrompter: () => WizardPrompter;
  onTransitionStarted: () => void;
}

/** What the last wizard did, for the extension-host tests. */
export interface WizardRunReport {
  plan?: Plan;
  action?: string;
  runs: PlanRunResult[];
  rollback?: RollbackResult;
  exported?: string;
}

type IcNode = { kind: 'inferenceComponent'; name: string; endpointName: string } | undefined;

async function environment(active: ActiveConnection, prompter: WizardPrompter): Promise<WizardEnvironment> {
  return {
    prompter,
    reader: active.reader,
    region: active.connection.region,
    now: active.reader.now,
    defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    models: createModelCatalog(active.clients.sageMaker, await loadSdk()),
    readRoleTrust: (roleArn) => readRoleTrust(active.connection, roleArn),
  };
}

export function registerWizardCommands(deps: WizardCommandDependencies): { disposables: vscode.Disposable[]; lastReport: () => WizardRunReport | undefined } {
  const { connections, logger } = deps;
  let lastReport: WizardRunReport | undefined;

  /** Runs a plan with progress; on a failure offers to retry from the failed call or to roll back. */
  const rollback = async (active: ActiveConnection, plan: Plan, created: CreatedResource[]): Promise<RollbackResult> => {
    const pollIntervalMs = active.connection.kind === 'localEmulator' ? 1_000 : undefined;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Rolling back ${plan.title}` },
      (progress) =>
        rollbackPlan(active.clients, { created }, {
          pollIntervalMs,
          onProgress: (event) => {
            logger.info(`Rollback: ${event.message}`);
            progress.report({ message: event.message });
          },
        }),
    );
    await active.inventory.refresh({ full: true }).catch(() => undefined);
    if (result.status === 'succeeded') {
      void vscode.window.showInformationMessage(`Rolled back: deleted ${result.deleted.length} resource(s) the wizard had created.`);
    } else {
      const left = result.notDeleted.map((item) => `${item.description} (${item.reason})`).join('; ');
      void vscode.window.showErrorMessage(`The rollback could not delete everything; still there: ${left}. Delete them from the Endpoints view, or run the wizard again.`);
    }
    return result;
  };

  /** Plans that stopped half-way and were left as they were, by wizard, for the next run to resume. */
  const unfinished = new Map<string, { plan: Plan; created: CreatedResource[]; connection: string }>();
  const connectionKey = (active: ActiveConnection) => JSON.stringify(active.connection);

  const execute = async (
    wizard: string,
    active: ActiveConnection,
    plan: Plan,
    report: WizardRunReport,
    resumeFrom?: CreatedResource[],
  ): Promise<void> => {
    // AWS takes minutes per endpoint, so polls are 15–30 s apart there; the local emulator's clock
    // usually runs fast, so it is polled every second.
    const pollIntervalMs = active.connection.kind === 'localEmulator' ? 1_000 : undefined;
    const created: CreatedResource[] = [...(resumeFrom ?? [])];
    let resume = resumeFrom !== undefined;
    unfinished.delete(wizard);
    for (;;) {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: plan.title, cancellable: false },
        (progress) =>
          runPlan(active.clients, plan, {
            resume,
            pollIntervalMs,
            onProgress: (event) => {
              logger.info(`${plan.title}: ${event.message}`);
              if (event.state === 'started' || event.state === 'waiting') {
                progress.report({ message: `(${event.index + 1}/${event.total}) ${event.message}` });
              }
            },
          }),
      );
      report.runs.push(result);
      created.push(...result.created);
      await active.inventory.refresh({ full: true }).catch(() => undefined);
      deps.onTransitionStarted();
      if (result.status === 'succeeded') {
        void vscode.window.showInformationMessage(`${plan.title}: done (${result.completed.length} call(s), ${result.skipped.length} already in place).`);
        return;
      }
      const failedStep = plan.steps.find((step) => step.id === result.failedStep);
      const described = describeAwsError(result.error, { action: failedStep?.description ?? 'Run the plan', region: active.connection.region });
      logger.error(described.message);
      const choice = await deps.prompter().pick({
        title: `${plan.title} stopped: ${described.message}`,
        placeholder: created.length ? `Created so far: ${created.length} resource(s)` : 'Nothing was created',
        items: [
          { label: '$(debug-restart) Retry from the failed call', description: 'Keeps what was created and continues', value: 'retry' as const },
          { label: '$(discard) Roll back', description: 'Deletes what this wizard created, nothing that existed before', value: 'rollback' as const },
          { label: '$(close) Leave it as it is', description: 'Re-running the wizard resumes it', value: 'leave' as const },
        ],
      });
      if (choice === 'retry') {
        resume = true;
        continue;
      }
      if (choice === 'rollback') {
        report.rollback = await rollback(active, plan, created);
        return;
      }
      if (created.length > 0) {
        unfinished.set(wizard, { plan, created, connection: connectionKey(active) });
        void vscode.window.showWarningMessage(`${plan.title} stopped with ${created.length} resource(s) created. Run the wizard again to resume it.`);
      }
      return;
    }
  };

  const exportPlan = async (plan: Plan, action: string): Promise<string> => {
    const [language, content] =
      action === 'exportBoto3'
        ? ['python', toBoto3Script(plan)]
        : action === 'exportCli'
          ? ['shellscript', toAwsCliScript(plan)]
          : ['yaml', toCloudFormation(plan).yaml];
    const document = await vscode.workspace.openTextDocument({ language, content });
    await vscode.window.showTextDocument(document, { preview: false });
    return content;
  };

  const wizardCommand =
    (title: string, wizard: (env: WizardEnvironment, node: IcNode) => Promise<WizardResult>) =>
    async (node?: IcNode) => {
      const active = connections.current;
      if (!active) {
        void vscode.window.showWarningMessage(`${title}: connect to AWS or start the local emulator first.`);
        return undefined;
      }
      const report: WizardRunReport = { runs: [] };
      lastReport = report;
      try {
        const left = unfinished.get(title);
        if (left && left.connection === connectionKey(active)) {
          const choice = await deps.prompter().pick({
            title: `${title}: "${left.plan.title}" stopped half-way`,
            placeholder: `${left.created.length} resource(s) were created before it stopped`,
            items: [
              { label: '$(debug-continue) Resume it', description: 'Skips what exists and runs the rest', value: 'resume' as const },
              { label: '$(discard) Roll it back', description: 'Deletes what it created, nothing that existed before', value: 'rollback' as const },
              { label: '$(add) Start a new one', description: 'Leaves the half-built resources as they are', value: 'new' as const },
            ],
          });
          if (choice === undefined) return report;
          if (choice === 'resume') {
            report.plan = left.plan;
            report.action = 'resume';
            await execute(title, active, left.plan, report, left.created);
            return report;
          }
          if (choice === 'rollback') {
            unfinished.delete(title);
            report.plan = left.plan;
            report.action = 'rollback';
            report.rollback = await rollback(active, left.plan, left.created);
            return report;
          }
        }
        const result = await wizard(await environment(active, deps.wizardPrompter()), node?.kind === 'inferenceComponent' ? node : undefined);
        if (result.kind === 'cancelled') return report;
        report.plan = result.plan;
        report.action = result.action;
        if (result.action === 'run') await execute(title, active, result.plan, report);
        else report.exported = await exportPlan(result.plan, result.action);
      } catch (error) {
        const described = describeAwsError(error, { action: title, region: active.connection.region });
        logger.error(described.message);
        void showAwsError(described);
      }
      return report;
    };

  const disposables = [
    vscode.commands.registerCommand(
      commandIds.createEndpoint,
      wizardCommand('Create Scale-to-Zero Endpoint', (env) => createEndpointWizard(env)),
    ),
    vscode.commands.registerCommand(
      commandIds.enableScaleToZero,
      wizardCommand('Enable Scale to Zero', (env, node) => enableScaleToZeroWizard(env, node?.name)),
    ),
    vscode.commands.registerCommand(
      commandIds.scheduleSleepWake,
      wizardCommand('Schedule Sleep and Wake', (env, node) => scheduleWizard(env, node?.name)),
    ),
  ];
  return { disposables, lastReport: () => lastReport };
}

import * as vscode from 'vscode';
import { RefreshScheduler } from './explorer/inventory/refreshScheduler';
import { ChangeRefresh } from './explorer/inventory/changeRefresh';
import { registerGeneralCommands } from './workbench/generalCommands';
import { pickScanProfiles, registerConnectionCommands } from './connection/ui/connectionCommands';
import { type ActiveConnection, type ConnectionManager as ConnectionManagerType, ConnectionManager } from './connection/ui/connectionManager';
import { ConnectionStatusBar } from './connection/ui/connectionStatusBar';
import { ReadOnlyDocuments } from './workbench/readOnlyDocuments';
import { EndpointsTreeProvider } from './explorer/ui/endpointsTreeProvider';
import { registerExplorerCommands } from './explorer/ui/explorerCommands';
import { ColdStartCommands, registerDiagnosisCommands } from './diagnosis/ui/diagnosisCommands';
import { ReadinessDecorations } from './explorer/ui/readinessDecorations';
import { commandIds, configSection, contextKeys, endpointsViewId } from './workbench/ids';
import { createLogger } from './workbench/outputChannel';
import { registerPlaygroundFeature } from './playground/host/playgroundPanel';
import { registerLogsFeature } from './logs/host/logsPanel';
import { VsCodeUserInput } from './workbench/vsCodeUserInput';
import { PlanSession } from './wizards/plans/planSession';
import { planProgressFiles } from './wizards/ui/planProgressFiles';
import { vsCodePlanFeedback } from './wizards/ui/vsCodePlanFeedback';
import { offerUnfinishedPlans } from './wizards/ui/wizardCommand';
import { registerWizardCommands } from './wizards/ui/wizardCommands';
import { configureTranslations } from './l10n/translate';
import { registerRegionsFeature } from './regions/ui/regionsFeature';
import { type RegionsTreeProvider } from './regions/ui/regionsTreeProvider';
import { registerAgentTools } from './agentTools/ui/agentToolsFeature';
import { type AgentToolRunner } from './agentTools/toolRunner';

/** What activate() returns: used by the extension-host tests, not a public API. */
export interface ExtensionApi {
  readonly activatedAt: number;
  /** Milliseconds spent inside activate() itself (the benchmark adds the bundle's load time). */
  readonly activationMs: number;
  readonly explorer: EndpointsTreeProvider;
  readonly connections: ConnectionManagerType;
  readonly documents: ReadOnlyDocuments;
  /** The All Regions view (its rows, the scanned targets). */
  readonly regions: RegionsTreeProvider;
  /**
   * The language model tools' runner: tests read an acting tool's confirmation through `prepare`
   * (VS Code confirms tool calls by itself while extension tests run, without showing the dialog).
   */
  readonly agentTools: AgentToolRunner;
}

/**
 * Activation is kept cheap: it wires the view and the commands and loads nothing else. The AWS SDK
 * (dist/aws-sdk.js) and the emulator (dist/emulator.js) are loaded on first use.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  // Code strings go through src/l10n: VS Code's translations of them (none yet) and its display language for plural forms.
  configureTranslations({ bundle: vscode.l10n.bundle, language: vscode.env.language });
  const { logger, channel } = createLogger();
  const documents = new ReadOnlyDocuments();
  const ui = new VsCodeUserInput(documents);
  const connections = new ConnectionManager(logger);
  const explorer = new EndpointsTreeProvider(connections, logger);
  const decorations = new ReadinessDecorations(connections);
  let decorationSubscription: { dispose(): void } | undefined;
  const treeView = vscode.window.createTreeView(endpointsViewId, { treeDataProvider: explorer, showCollapseAll: true });

  const scheduler = new RefreshScheduler({
    refresh: async () => {
      await connections.current?.inventory.refresh();
    },
    inTransition: () => connections.current?.inventory.anyInTransition() ?? false,
    stableIntervalSeconds: () => vscode.workspace.getConfiguration(configSection).get<number>('refreshIntervalSeconds', 15),
    onError: (error) => {
      logger.warn(`Automatic refresh failed: ${error instanceof Error ? error.message : String(error)}`);
      explorer.reportRefreshFailure(error);
    },
  });
  // What the extension itself changes (a plan's calls, a rollback, a delete) shows at once, not at the next poll.
  const changes = new ChangeRefresh({
    refresh: async (touched) => {
      await connections.current?.inventory.refreshAfterChange(touched);
      // What is now Creating or Deleting is polled every few seconds from here.
      scheduler.reschedule();
    },
    onError: (error) => logger.warn(`Refreshing after a change failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  const explorerCommands = registerExplorerCommands({
    ui,
    connections,
    explorer,
    documents,
    logger,
    onTransitionStarted: () => scheduler.reschedule(),
    onResourcesChanged: (touched) => changes.touch(touched),
  });
  // Unfinished plans are kept in the global storage, so that a reload or a crash does not lose what they created.
  const plans = new PlanSession({
    feedback: vsCodePlanFeedback,
    logger,
    onTransitionStarted: () => scheduler.reschedule(),
    onResourcesChanged: (touched) => changes.touch(touched),
    store: planProgressFiles(vscode.Uri.joinPath(context.globalStorageUri, 'unfinished-plans').fsPath, logger),
  });
  const wizardContext = { ui, connections, logger, plans };
  // Explain Cold Start… from the tree and from the playground's timeline: one report shown last, for Export.
  const diagnosisContext = { ui, connections, documents, logger };
  const coldStarts = new ColdStartCommands(diagnosisContext);

  // The All Regions view's endpoint actions run the registered commands: the same flows as the explorer's rows.
  // The language model tools an agent in the editor calls: the same reads, plans and plan session as the UI.
  const agentTools = registerAgentTools({ connections, plans, ui, logger });

  const regions = registerRegionsFeature({
    ui,
    connections,
    logger,
    pickProfiles: (current) => pickScanProfiles({ ui }, current),
    flows: {
      enableScaleToZero: (component) => Promise.resolve(vscode.commands.executeCommand(commandIds.enableScaleToZero, component)),
      setCopyCount: (component, count) => Promise.resolve(vscode.commands.executeCommand<number | undefined>(commandIds.setCopyCount, component, count)),
      deleteEndpoint: (endpoint) => Promise.resolve(vscode.commands.executeCommand(commandIds.deleteEndpoint, endpoint)),
      connectAws: (profile, region) => Promise.resolve(vscode.commands.executeCommand<ActiveConnection | undefined>(commandIds.connectAws, { profile, region })),
    },
  });

  context.subscriptions.push(
    channel,
    connections,
    explorer,
    documents,
    decorations,
    treeView,
    scheduler,
    changes,
    new ConnectionStatusBar(connections),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // A new interval applies at once, not after the wait already under way.
      if (event.affectsConfiguration(`${configSection}.refreshIntervalSeconds`)) scheduler.reschedule();
    }),
    treeView.onDidChangeVisibility((event) => scheduler.setVisible(event.visible && connections.current !== undefined)),
    connections.onDidChange((active) => {
      scheduler.setVisible(treeView.visible && active !== undefined);
      scheduler.reschedule();
    }),
    connections.onDidChange((active) => {
      decorationSubscription?.dispose();
      decorationSubscription = active?.inventory.onDidRefresh(() => decorations.refresh());
    }),
    { dispose: () => decorationSubscription?.dispose() },
    ...registerGeneralCommands(channel),
    ...registerConnectionCommands({ ui, connections, logger, state: context.globalState }),
    ...explorerCommands,
    ...registerWizardCommands(wizardContext),
    ...registerPlaygroundFeature({ context, connections, logger, explainColdStart: (request) => void coldStarts.explain()(request) }),
    ...registerLogsFeature({ context, connections, logger, ui }),
    ...registerDiagnosisCommands(diagnosisContext, coldStarts),
    ...regions.disposables,
    ...agentTools.disposables,
  );
  void vscode.commands.executeCommand('setContext', contextKeys.connected, false);
  // After reconnecting (a plan is resumed or rolled back on the connection it ran on): offer what did not finish.
  void reconnect(logger)
    .catch((error: unknown) => logger.warn(`Reconnecting failed: ${error instanceof Error ? error.message : String(error)}`))
    .then(() => offerUnfinishedPlans(wizardContext));
  logger.info(`SageMaker Scale to Zero ${String(context.extension.packageJSON.version)} activated in VS Code ${vscode.version}.`);
  return {
    activatedAt: Date.now(),
    activationMs: performance.now() - started,
    explorer,
    connections,
    documents,
    regions: regions.view,
    agentTools: agentTools.runner,
  };
}

/** Reconnects the way the user last connected (settings), after activation has returned. */
async function reconnect(logger: { info(message: string): void }): Promise<void> {
  const settings = vscode.workspace.getConfiguration(configSection);
  const connection = settings.get<string>('connection', 'none');
  if (connection === 'localEmulator') {
    logger.info('Reconnecting to the local emulator (setting sagemakerScaleToZero.connection).');
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator');
  } else if (connection === 'aws') {
    const region = settings.get<string>('aws.region', '');
    if (!region) return;
    const profile = settings.get<string>('aws.profile', '') || undefined;
    logger.info(`Reconnecting to AWS ${profile ? `profile ${profile}` : 'environment credentials'} in ${region}.`);
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectAws', { profile, region });
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; the emulator closes with the connection.
}

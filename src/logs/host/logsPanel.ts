/**
 * Show Logs: one webview panel per endpoint or inference component (`Logs: <name>`), restored after a
 * reload, fed by a vscode-free LogsSession on the active connection.
 */
import * as vscode from 'vscode';
import { logGroupConsoleUrl } from '../../aws/consoleUrls';
import { type Logger } from '../../logging/logger';
import { type UserInput } from '../../prompts/userInput';
import { type ConnectionManager } from '../../connection/ui/connectionManager';
import { configSection } from '../../workbench/ids';
import { guardCommand } from '../../workbench/commandGuard';
import { webviewPageHtml } from '../../workbench/webviewPage';
import { logsTitle, type LogsTarget, resourceWords } from '../reading/logGroups';
import { LogsSession } from '../reading/logsSession';
import { shownFailures } from '../reading/failureNotices';
import { accountOf, currentLogGroups, isCreating, logsTargetChoices, targetOfArgument } from '../reading/logsTargets';
import { defaultLogsRange, type HostToLogs, logsViewType, parseLogsState } from '../protocol';
import { sdkLogsApi } from '../reading/sdkLogsApi';

export const showLogsCommand = 'sagemakerScaleToZero.showLogs';

export interface LogsDeps {
  context: vscode.ExtensionContext;
  connections: ConnectionManager;
  logger: Logger;
  ui: UserInput;
}

/** What the command returns (the extension-host tests read it): the panel and its session. */
export interface LogsHandle {
  readonly target: LogsTarget;
  readonly panel: vscode.WebviewPanel;
  readonly session: LogsSession;
  /** Every message posted to the page, newest last (the tests read what the page was fed). */
  readonly posted: HostToLogs[];
}

function keyOf(target: LogsTarget): string {
  return `${target.kind}:${target.name}`;
}

const keptMessages = 200;

class LogsPanel implements LogsHandle {
  readonly session: LogsSession;
  readonly posted: HostToLogs[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: LogsTarget,
    private readonly deps: LogsDeps,
    onDispose: () => void,
  ) {
    const { context, connections, logger } = deps;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')] };
    const settings = () => vscode.workspace.getConfiguration(configSection);
    const inventory = () => connections.current?.inventory;
    this.session = new LogsSession({
      target,
      api: () => {
        const active = connections.current;
        return active ? sdkLogsApi(active.clients) : undefined;
      },
      groups: () => currentLogGroups(target, inventory()),
      now: () => connections.current?.emulator?.now() ?? Date.now(),
      place: () => ({ region: connections.current?.connection.region ?? 'us-east-1', accountId: accountOf(target, inventory()) }),
      creating: () => isCreating(target, inventory()),
      failures: () => shownFailures(target, inventory()),
      post: (message) => this.post(message),
      connectionLabel: () => {
        const active = connections.current;
        if (!active) return 'Not connected';
        return active.connection.kind === 'localEmulator' ? 'Local emulator' : `AWS ${active.connection.region}`;
      },
      consoleUrl: (group) => {
        const active = connections.current;
        return active && active.connection.kind === 'aws' && group ? logGroupConsoleUrl(active.connection.region, group) : undefined;
      },
      openUrl: (url) => void vscode.env.openExternal(vscode.Uri.parse(url, true)),
      copy: (text) => {
        void vscode.env.clipboard.writeText(text).then(() => vscode.window.setStatusBarMessage(`Copied ${text === '' ? 0 : text.split('\n').length} log lines.`, 3000));
      },
      maxLines: settings().get<number>('logs.maxLines', 2000),
      maxIntervalMs: settings().get<number>('logs.followCeilingSeconds', 30) * 1000,
      warn: (message) => logger.warn(message),
    });
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.session.handle(message).catch((error: unknown) => logger.warn(`Logs view: ${String(error)}`))),
      panel.onDidChangeViewState((event) => this.session.setVisible(event.webviewPanel.visible)),
      connections.onDidChange(() => void this.session.load()),
      panel.onDidDispose(() => {
        onDispose();
        this.dispose();
      }),
    );
  }

  private post(message: HostToLogs): void {
    this.posted.push(message);
    if (this.posted.length > keptMessages) this.posted.splice(0, this.posted.length - keptMessages);
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const target = this.target.kind === 'endpoint' ? { kind: 'endpoint', name: this.target.name } : { kind: 'inferenceComponent', name: this.target.name, endpointName: this.target.endpointName };
    return webviewPageHtml(this.panel.webview, this.deps.context.extensionUri, {
      name: 'logs',
      title: logsTitle(this.target),
      initial: { target, range: defaultLogsRange, filter: '', follow: true },
    });
  }

  dispose(): void {
    this.session.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Show Logs: the command (tree rows and palette) and the panels' serializer. */
export function registerLogsFeature(deps: LogsDeps): vscode.Disposable[] {
  const panels = new Map<string, LogsPanel>();
  const { connections, logger, ui } = deps;

  const attach = (panel: vscode.WebviewPanel, target: LogsTarget): LogsPanel => {
    const key = keyOf(target);
    const logs = new LogsPanel(panel, target, deps, () => {
      if (panels.get(key) === logs) panels.delete(key);
    });
    panels.set(key, logs);
    return logs;
  };

  const pickTarget = async (): Promise<LogsTarget | undefined> => {
    const active = connections.current;
    if (!active) {
      void vscode.window.showInformationMessage('Connect to AWS or start the local emulator first, then show the logs of an endpoint or inference component.');
      return undefined;
    }
    if (!active.inventory.isLoaded) await active.inventory.refresh();
    const items = logsTargetChoices(active.inventory);
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No endpoints in this account and region.');
      return undefined;
    }
    return ui.pick({ title: 'Show the logs of which endpoint or inference component?', placeholder: 'Type to filter (an endpoint shows all its containers)', items });
  };

  const show = async (argument?: unknown): Promise<LogsHandle | undefined> => {
    const target = targetOfArgument(argument) ?? (await pickTarget());
    if (!target) return undefined;
    const existing = panels.get(keyOf(target));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    // An endpoint's view reads its components' groups too: the inventory names them.
    const active = connections.current;
    if (active && !active.inventory.isLoaded) await active.inventory.refresh();
    const panel = vscode.window.createWebviewPanel(logsViewType, logsTitle(target), vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
    logger.info(`Logs opened on ${resourceWords(target.kind, target.name)}.`);
    return attach(panel, target);
  };

  const guard = { logger, region: () => connections.current?.connection.region };
  return [
    vscode.commands.registerCommand(showLogsCommand, guardCommand(guard, 'Show the logs of', show, (argument?: unknown) => targetOfArgument(argument)?.name)),
    vscode.window.registerWebviewPanelSerializer(logsViewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const restored = parseLogsState(state);
        const target = restored ? targetOfArgument(restored.target) : undefined;
        if (!target) {
          panel.dispose();
          return;
        }
        panel.title = logsTitle(target);
        const existing = panels.get(keyOf(target));
        if (existing) {
          panel.dispose();
          existing.panel.reveal();
          return;
        }
        attach(panel, target);
      },
    }),
    { dispose: () => [...panels.values()].forEach((logs) => logs.panel.dispose()) },
  ];
}

import * as vscode from 'vscode';
import { type Logger } from '../../logging/logger';
import { type CopyAsCodeRequest, type HostToPlayground, parsePlaygroundState, playgroundViewType } from '../protocol';
import { codeRequestFor } from '../copyAsCode/codeRequest';
import { generateCode } from '../copyAsCode/copyAsCode';
import { type ConnectionManager } from '../../connection/ui/connectionManager';
import { createSessionConnection } from '../session/backend';
import { PlaygroundSession, type SessionConnection } from '../session/playgroundSession';
import { webviewPageHtml } from '../../workbench/webviewPage';

export const openPlaygroundCommand = 'sagemakerScaleToZero.openPlayground';

export interface PlaygroundDeps {
  context: vscode.ExtensionContext;
  connections: ConnectionManager;
  logger: Logger;
  /** Opens the explained cold start of the wake a held request waited for (the timeline's button): read-only, wired by extension.ts. */
  explainColdStart?: (request: { component: string; refusedAt: number }) => void;
}

/** What the open command returns: the panel on one inference component. */
export interface PlaygroundHandle {
  readonly component: string;
  readonly endpointName: string;
  readonly panel: vscode.WebviewPanel;
}

interface Target {
  name: string;
  endpointName: string;
}

class PlaygroundPanel implements PlaygroundHandle {
  private readonly session: PlaygroundSession;
  private readonly disposables: vscode.Disposable[] = [];
  private inventorySubscription: { dispose(): void } | undefined;
  private sessionConnection: { active: unknown; connection: SessionConnection } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly component: string,
    readonly endpointName: string,
    private readonly deps: PlaygroundDeps,
    onDispose: () => void,
  ) {
    const { context, connections, logger } = deps;
    const roots = [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')];
    panel.webview.options = { enableScripts: true, localResourceRoots: roots };
    this.session = new PlaygroundSession({
      component,
      endpointName,
      post: (message) => this.post(message),
      connection: () => this.connection(),
      store: context.globalState,
      logger,
      close: () => panel.dispose(),
      explainColdStart: (startedAt) => deps.explainColdStart?.({ component, refusedAt: startedAt }),
      copyAsCode: (request) => void this.copyAsCode(request),
    });
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.session.handle(message)),
      connections.onDidChange(() => {
        this.watchInventory();
        void this.session.refresh();
      }),
      panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.visible) void this.session.refresh();
      }),
      panel.onDidDispose(() => {
        onDispose();
        this.dispose();
      }),
    );
    this.watchInventory();
  }

  private post(message: HostToPlayground): void {
    void this.panel.webview.postMessage(message);
  }

  /**
   * Copy as Code: the page's request as a client for the active connection's region and profile,
   * opened in a new untitled editor beside the playground and copied to the clipboard.
   */
  private async copyAsCode(message: CopyAsCodeRequest): Promise<void> {
    const active = this.deps.connections.current;
    if (!active) {
      void vscode.window.showInformationMessage('Connect to AWS or start the local emulator first: the code names the connection\'s region.');
      return;
    }
    try {
      const snapshot = active.inventory.component(this.component)?.snapshot;
      const request = codeRequestFor(message, {
        connection: active.connection,
        endpointName: this.endpointName,
        inferenceComponentName: this.component,
        baseComponentName: snapshot?.baseComponentName,
        componentArn: snapshot?.arn,
      });
      const code = generateCode(message.language, request);
      const document = await vscode.workspace.openTextDocument({ language: code.languageId, content: code.text });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      await vscode.env.clipboard.writeText(code.text);
      this.deps.logger.info(`Playground: copied ${this.component}'s request as ${code.fileName}.`);
      void vscode.window.showInformationMessage(`Copied to the clipboard and opened beside the playground: save it as ${code.fileName}.`);
    } catch (error) {
      this.deps.logger.error('Playground: Copy as Code failed', error);
      void vscode.window.showErrorMessage('Copy as Code failed: see the SageMaker Scale to Zero output for details.');
    }
  }

  private connection(): SessionConnection | undefined {
    const active = this.deps.connections.current;
    if (!active) return undefined;
    if (this.sessionConnection?.active !== active) {
      this.sessionConnection = { active, connection: createSessionConnection(active, this.component, this.endpointName) };
    }
    return this.sessionConnection.connection;
  }

  /**
   * Follows the explorer's refreshes: when this endpoint's rows (or the endpoint list: a deleted
   * endpoint leaves it) changed, the page hears where the component stands, gone included.
   */
  private watchInventory(): void {
    this.inventorySubscription?.dispose();
    this.inventorySubscription = this.deps.connections.current?.inventory.onDidRefresh((result) => {
      if (result.changedEndpoints.has(this.endpointName) || result.listChanged) void this.session.refreshStatus();
    });
  }

  private html(): string {
    return webviewPageHtml(this.panel.webview, this.deps.context.extensionUri, {
      name: 'playground',
      title: `Playground: ${this.component}`,
      initial: { inferenceComponentName: this.component, endpointName: this.endpointName },
    });
  }

  dispose(): void {
    this.session.dispose();
    this.inventorySubscription?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function isTargetArgument(value: unknown): value is { name: string; endpointName: string } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.name === 'string' && typeof record.endpointName === 'string' && (record.kind === undefined || record.kind === 'inferenceComponent');
}

/** The playground: one webview panel per inference component, restored after a reload. */
export function registerPlaygroundFeature(deps: PlaygroundDeps): vscode.Disposable[] {
  const panels = new Map<string, PlaygroundPanel>();
  const { connections, logger } = deps;

  const attach = (panel: vscode.WebviewPanel, target: Target): PlaygroundPanel => {
    const playground = new PlaygroundPanel(panel, target.name, target.endpointName, deps, () => {
      if (panels.get(target.name) === playground) panels.delete(target.name);
    });
    panels.set(target.name, playground);
    return playground;
  };

  const pickTarget = async (): Promise<Target | undefined> => {
    const active = connections.current;
    if (!active) {
      void vscode.window.showInformationMessage('Connect to AWS or start the local emulator first, then open the playground on an inference component.');
      return undefined;
    }
    if (!active.inventory.isLoaded) await active.inventory.refresh();
    const items = active.inventory.endpoints().flatMap((endpoint) =>
      active.inventory.componentsOf(endpoint.summary.name).map((component) => ({
        label: component.summary.name,
        description: `${endpoint.summary.name}${component.snapshot?.baseComponentName ? ` · adapter of ${component.snapshot.baseComponentName}` : ''}${component.lifecycle ? ` · ${component.lifecycle.label}` : ''}`,
        target: { name: component.summary.name, endpointName: endpoint.summary.name },
      })),
    );
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No inference components in this account and region.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'Open the playground on which inference component?', placeHolder: 'Type to filter the inference components (with their endpoint)' });
    return picked?.target;
  };

  const open = async (argument?: unknown): Promise<PlaygroundHandle | undefined> => {
    const target = isTargetArgument(argument) ? { name: argument.name, endpointName: argument.endpointName } : await pickTarget();
    if (!target) return undefined;
    const existing = panels.get(target.name);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(playgroundViewType, `Playground: ${target.name}`, vscode.ViewColumn.Active, { enableScripts: true });
    logger.info(`Playground opened on ${target.name} (${target.endpointName}).`);
    return attach(panel, target);
  };

  return [
    vscode.commands.registerCommand(openPlaygroundCommand, open),
    vscode.window.registerWebviewPanelSerializer(playgroundViewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const restored = parsePlaygroundState(state);
        if (!restored) {
          panel.dispose();
          return;
        }
        panel.title = `Playground: ${restored.inferenceComponentName}`;
        const existing = panels.get(restored.inferenceComponentName);
        if (existing) {
          panel.dispose();
          existing.panel.reveal();
          return;
        }
        attach(panel, { name: restored.inferenceComponentName, endpointName: restored.endpointName });
      },
    }),
    { dispose: () => [...panels.values()].forEach((playground) => playground.panel.dispose()) },
  ];
}

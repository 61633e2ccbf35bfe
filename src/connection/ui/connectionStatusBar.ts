import * as vscode from 'vscode';
import { commandIds } from '../../workbench/ids';
import { type ActiveConnection, type ConnectionManager } from './connectionManager';

/** Shows where the explorer reads from (profile and region, or the local emulator); a click switches. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sagemakerScaleToZero.connection', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(connections: ConnectionManager) {
    this.item.name = 'SageMaker Scale to Zero connection';
    this.subscription = connections.onDidChange((active) => this.render(active));
    this.render(connections.current);
  }

  private render(active: ActiveConnection | undefined): void {
    if (!active) {
      this.item.text = '$(debug-disconnect) SageMaker: not connected';
      this.item.tooltip = 'Connect to an AWS profile or start the local emulator';
      this.item.command = commandIds.connect;
    } else if (active.connection.kind === 'localEmulator') {
      this.item.text = `$(vm) SageMaker: local emulator · ${active.connection.region}`;
      this.item.tooltip = `Local SageMaker emulator at ${active.connection.endpoint}, region ${active.connection.region}. Click to switch.`;
      this.item.command = commandIds.connect;
    } else {
      this.item.text = `$(cloud) ${active.connection.profile ?? 'env'} · ${active.connection.region}`;
      this.item.tooltip = `SageMaker: AWS profile ${active.connection.profile ?? '(environment credentials)'} in ${active.connection.region}. Click to change the region.`;
      this.item.command = commandIds.selectRegion;
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

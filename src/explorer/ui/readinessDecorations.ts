import * as vscode from 'vscode';
import { type ConnectionManager } from '../../connection/ui/connectionManager';
import { uriScheme } from '../../workbench/ids';

/** A warning badge on endpoints that will not really scale to zero (the rows carry an endpoint URI). */
export class ReadinessDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly registration = vscode.window.registerFileDecorationProvider(this);

  constructor(private readonly connections: ConnectionManager) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== uriScheme || uri.authority !== 'endpoint') return undefined;
    const readiness = this.connections.current?.inventory.readiness(uri.path.slice(1));
    if (!readiness || readiness.verdict === 'ready') return undefined;
    return readiness.verdict === 'notReady'
      ? new vscode.FileDecoration('!', 'Not ready to scale to zero: see its readiness report', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.FileDecoration('~', 'Scales to zero, with warnings', new vscode.ThemeColor('list.deemphasizedForeground'));
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

import * as vscode from 'vscode';
import { uriScheme } from './ids';

/**
 * Read-only documents the extension shows: raw descriptions as JSON, readiness reports as Markdown.
 * Their text lives here, keyed by URI; VS Code asks for it through the content provider.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(uriScheme, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Sets a document's text and opens it (or refreshes it when already open). */
  async show(path: string, text: string, options: { preview?: 'markdown' } = {}): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: uriScheme, authority: 'document', path });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    if (options.preview === 'markdown') {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } else {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: true });
    }
    return uri;
  }

  text(path: string): string | undefined {
    return this.contents.get(vscode.Uri.from({ scheme: uriScheme, authority: 'document', path }).toString());
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

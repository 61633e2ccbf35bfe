import * as vscode from 'vscode';
import { uriScheme } from './ids';

/** How a document opens: as text, or rendered by the Markdown preview; beside the active editor; keeping the focus where it is. */
export interface ShowOptions {
  preview?: 'markdown';
  /** In the editor group beside the active one (when an editor is open; otherwise in the editor area). */
  beside?: boolean;
  /** Leaves the keyboard focus where it is (a quick input stays usable). */
  preserveFocus?: boolean;
}

/**
 * Read-only documents the extension shows: raw descriptions as JSON, readiness reports and plans as
 * Markdown. Their text lives here, keyed by URI; VS Code asks for it through the content provider.
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
  async show(path: string, text: string, options: ShowOptions = {}): Promise<vscode.Uri> {
    const uri = this.set(path, text);
    const anyEditor = vscode.window.tabGroups.all.some((group) => group.tabs.length > 0);
    const beside = options.beside === true && anyEditor;
    if (options.preview === 'markdown') {
      await vscode.commands.executeCommand(beside ? 'markdown.showPreviewToSide' : 'markdown.showPreview', uri);
    } else {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, {
        preview: true,
        preserveFocus: options.preserveFocus,
        viewColumn: beside ? vscode.ViewColumn.Beside : undefined,
      });
    }
    return uri;
  }

  /** Replaces a document's text; an open editor or preview of it shows the new text. */
  set(path: string, text: string): vscode.Uri {
    const uri = this.uri(path);
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** Is the document open, as text or as its Markdown preview, in any editor group? */
  isOpen(path: string): boolean {
    return this.tabsOf(path).length > 0;
  }

  /** Is this tab the document's (its text editor, or its Markdown preview)? */
  isTabOf(tab: vscode.Tab, path: string): boolean {
    const uri = this.uri(path);
    if (tab.input instanceof vscode.TabInputText) return tab.input.uri.toString() === uri.toString();
    // The Markdown preview names its tab "Preview <file name>" (VS Code's markdown-language-features).
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    return tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && tab.label === `Preview ${name}`;
  }

  /** Closes every editor and preview of the document; its text becomes `finalText` (for a view that stays open). */
  async close(path: string, finalText?: string): Promise<void> {
    if (finalText !== undefined) this.set(path, finalText);
    const tabs = this.tabsOf(path);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
  }

  text(path: string): string | undefined {
    return this.contents.get(this.uri(path).toString());
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  private uri(path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: uriScheme, authority: 'document', path });
  }

  private tabsOf(path: string): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => this.isTabOf(tab, path));
  }
}

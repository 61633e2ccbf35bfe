import * as vscode from 'vscode';

export interface Choice<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

/**
 * Every question the extension asks goes through this interface, so that commands and wizards can be
 * driven by a script in tests (the extension API's `setPrompter`) exactly as a user drives them.
 */
export interface Prompter {
  pick<T>(options: { title: string; placeholder?: string; items: Choice<T>[] }): Promise<T | undefined>;
  input(options: {
    title: string;
    prompt?: string;
    value?: string;
    placeholder?: string;
    validate?: (value: string) => string | undefined;
  }): Promise<string | undefined>;
  /** A modal confirmation; true only when the user chose `confirmLabel`. */
  confirm(options: { message: string; detail?: string; confirmLabel: string }): Promise<boolean>;
}

export class VsCodePrompter implements Prompter {
  async pick<T>(options: { title: string; placeholder?: string; items: Choice<T>[] }): Promise<T | undefined> {
    const picked = await vscode.window.showQuickPick(
      options.items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, value: item.value })),
      { title: options.title, placeHolder: options.placeholder, ignoreFocusOut: true, matchOnDescription: true },
    );
    return picked?.value;
  }

  input(options: {
    title: string;
    prompt?: string;
    value?: string;
    placeholder?: string;
    validate?: (value: string) => string | undefined;
  }): Promise<string | undefined> {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: options.title,
        prompt: options.prompt,
        value: options.value,
        placeHolder: options.placeholder,
        ignoreFocusOut: true,
        validateInput: options.validate,
      }),
    );
  }

  async confirm(options: { message: string; detail?: string; confirmLabel: string }): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(options.message, { modal: true, detail: options.detail }, options.confirmLabel);
    return answer === options.confirmLabel;
  }
}

import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { pageTitle } from '../prompts/pageTitle';
import { type Answer, type Choice, type InputOptions, type InputPageOptions, type ReviewAction, type ReviewPageOptions, type SaveLocationOptions, type StepInfo, type UserInput } from '../prompts/userInput';
import { showPlanReview } from './planReviewPage';
import { type ReadOnlyDocuments } from './readOnlyDocuments';

interface ValueItem<T> extends vscode.QuickPickItem {
  value?: T;
}

/** Items with separators above each new group (instance families, say). */
function toQuickPickItems<T>(items: Choice<T>[]): ValueItem<T>[] {
  const result: ValueItem<T>[] = [];
  let group: string | undefined;
  for (const item of items) {
    if (item.group && item.group !== group) {
      result.push({ label: item.group, kind: vscode.QuickPickItemKind.Separator });
      group = item.group;
    }
    result.push({ label: item.label, description: item.description, detail: item.detail, value: item.value, picked: item.picked });
  }
  return result;
}

const firstValue = <T>(answer: Answer<T[]>): Answer<T> => (answer.kind === 'value' ? { kind: 'value', value: answer.value[0] } : answer);

/**
 * Every question in VS Code. Single questions are a quick pick, an input box or a modal warning
 * dialog; a wizard's pages are one quick input per step, titled by `pageTitle` ("<wizard> (step/total)"),
 * with a Back button on every page but the first, validation as the user types, and Escape to cancel.
 */
export class VsCodeUserInput implements UserInput {
  /** `documents` shows a wizard's full plan beside its plan page. */
  constructor(private readonly documents: ReadOnlyDocuments) {}

  async pick<T>(options: { title: string; placeholder?: string; items: Choice<T>[] }): Promise<T | undefined> {
    // Separators for the items' groups; `picked` matters to a multi-pick only.
    const items = toQuickPickItems(options.items).map((item) => ({ ...item, picked: undefined }));
    const picked = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeholder, ignoreFocusOut: true, matchOnDescription: true });
    return picked?.value;
  }

  async pickMany<T>(options: { title: string; placeholder?: string; items: Choice<T>[] }): Promise<T[] | undefined> {
    const picked = await vscode.window.showQuickPick(toQuickPickItems(options.items), {
      title: options.title,
      placeHolder: options.placeholder,
      ignoreFocusOut: true,
      matchOnDescription: true,
      canPickMany: true,
    });
    return picked?.filter((item) => item.value !== undefined).map((item) => item.value as T);
  }

  input(options: InputOptions): Promise<string | undefined> {
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

  async saveLocation(options: SaveLocationOptions): Promise<string | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const uri = await vscode.window.showSaveDialog({ title: options.title, defaultUri: vscode.Uri.joinPath(folder, options.defaultName), filters: options.filters });
    return uri?.fsPath;
  }

  async confirm(options: { message: string; detail?: string; confirmLabel: string }): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(options.message, { modal: true, detail: options.detail }, options.confirmLabel);
    return answer === options.confirmLabel;
  }

  pickPage<T>(step: StepInfo, options: { placeholder: string; items: Choice<T>[] }): Promise<Answer<T>> {
    return this.quickPick(step, options, false).then(firstValue);
  }

  pickManyPage<T>(step: StepInfo, options: { placeholder: string; items: Choice<T>[] }): Promise<Answer<T[]>> {
    return this.quickPick(step, options, true);
  }

  reviewPage(step: StepInfo, options: ReviewPageOptions): Promise<Answer<ReviewAction>> {
    // A short pick, and the full plan in a Markdown preview beside it.
    return showPlanReview(this.documents, step, options);
  }

  inputPage(step: StepInfo, options: InputPageOptions): Promise<Answer<string>> {
    const box = vscode.window.createInputBox();
    const heading = pageTitle(step);
    box.title = heading.title;
    box.step = heading.step;
    box.totalSteps = heading.totalSteps;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.ignoreFocusOut = true;
    box.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    const validate = (value: string) => {
      const message = options.validate(value);
      box.validationMessage = message ? { message, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
      return message;
    };
    return new Promise<Answer<string>>((resolve) => {
      let settled = false;
      const finish = (answer: Answer<string>) => {
        if (settled) return;
        settled = true;
        resolve(answer);
        box.dispose();
      };
      box.onDidChangeValue(validate);
      box.onDidAccept(() => {
        if (validate(box.value) === undefined) finish({ kind: 'value', value: box.value });
      });
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      });
      box.onDidHide(() => finish({ kind: 'cancel' }));
      if (box.value) validate(box.value);
      box.show();
    });
  }

  private quickPick<T>(
    step: StepInfo,
    options: { placeholder: string; items: Choice<T>[] },
    many: boolean,
  ): Promise<Answer<T[]>> {
    const pick = vscode.window.createQuickPick<ValueItem<T>>();
    const heading = pageTitle(step);
    pick.title = heading.title;
    pick.step = heading.step;
    pick.totalSteps = heading.totalSteps;
    pick.placeholder = options.placeholder;
    pick.canSelectMany = many;
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const items = toQuickPickItems(options.items);
    pick.items = items;
    if (many) pick.selectedItems = items.filter((item) => item.picked);
    else {
      const preselected = items.find((item) => item.picked && item.value !== undefined);
      if (preselected) pick.activeItems = [preselected];
    }
    pick.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    return new Promise<Answer<T[]>>((resolve) => {
      let settled = false;
      const finish = (answer: Answer<T[]>) => {
        if (settled) return;
        settled = true;
        resolve(answer);
        pick.dispose();
      };
      pick.onDidAccept(() => {
        const chosen = (many ? pick.selectedItems : pick.activeItems).filter((item) => item.value !== undefined);
        if (!many && chosen.length === 0) return; // a separator, not a choice
        finish({ kind: 'value', value: chosen.map((item) => item.value as T) });
      });
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      });
      pick.onDidHide(() => finish({ kind: 'cancel' }));
      pick.show();
    });
  }
}

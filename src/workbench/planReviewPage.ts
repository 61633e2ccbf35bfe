import * as vscode from 'vscode';
import { pageTitle } from '../prompts/pageTitle';
import { type Answer, type ReviewAction, type ReviewPageOptions, type StepInfo } from '../prompts/userInput';
import { type ReadOnlyDocuments } from './readOnlyDocuments';

type ReviewItem = vscode.QuickPickItem & { action?: ReviewAction; showPlan?: true };

/** The document of a wizard's plan: one per wizard, replaced when its plan is shown again. */
export const planDocumentPath = (wizardTitle: string): string => `/plan/${wizardTitle.replace(/[\\/]/g, '-')} – plan.md`;

/** What a plan's document says once its wizard is done, should its preview stay open anywhere. */
const closedText = '# Plan closed\n\nThe wizard ran or exported this plan, or was closed. Run the wizard again to review a current plan.\n';

/**
 * A wizard's plan page: a short quick pick (Run, the exports, a few lines about the plan) and the full
 * plan as a Markdown preview beside it, opened before the pick so that the pick keeps the focus. When
 * the user closes the preview, the pick offers "Show the full plan". The preview closes with the page,
 * whatever ends it (a choice, Back or Escape). No row starts with a codicon: screen readers read rows
 * as their text.
 */
export async function showPlanReview(documents: ReadOnlyDocuments, step: StepInfo, options: ReviewPageOptions): Promise<Answer<ReviewAction>> {
  const path = planDocumentPath(step.title);
  const open = () => documents.show(path, options.document, { preview: 'markdown', beside: true, preserveFocus: true });
  await open().catch(() => undefined); // without the preview, the pick still offers to show it

  const pick = vscode.window.createQuickPick<ReviewItem>();
  const heading = pageTitle(step);
  pick.title = heading.title;
  pick.step = heading.step;
  pick.totalSteps = heading.totalSteps;
  pick.placeholder = 'Review the plan (in full beside this list): run it, or export it';
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  const choices: ReviewItem[] = options.items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, action: item.value }));
  const showPlan: ReviewItem = { label: 'Show the full plan', description: 'every call and parameter, beside this list', showPlan: true };
  const summary: ReviewItem[] = options.summary
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ({ label: line, alwaysShow: true }));
  const refresh = () => {
    const active = pick.activeItems[0];
    pick.items = [...choices, ...(documents.isOpen(path) ? [] : [showPlan]), { label: 'Plan', kind: vscode.QuickPickItemKind.Separator }, ...summary];
    const again = pick.items.find((item) => item.label === active?.label);
    pick.activeItems = [again ?? pick.items[0]];
  };
  refresh();

  return new Promise<Answer<ReviewAction>>((resolve) => {
    let settled = false;
    const tabs = vscode.window.tabGroups.onDidChangeTabs((event) => {
      if ([...event.opened, ...event.closed].some((tab) => documents.isTabOf(tab, path))) refresh();
    });
    const finish = (answer: Answer<ReviewAction>) => {
      if (settled) return;
      settled = true;
      tabs.dispose();
      resolve(answer);
      pick.dispose();
      void documents.close(path, closedText).then(undefined, () => undefined);
    };
    pick.onDidAccept(() => {
      const chosen = pick.activeItems[0];
      if (chosen?.action) finish({ kind: 'value', value: chosen.action });
      else if (chosen?.showPlan) void open().then(refresh, () => undefined);
      // A summary line is not a choice.
    });
    pick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
    });
    pick.onDidHide(() => finish({ kind: 'cancel' }));
    pick.show();
  });
}

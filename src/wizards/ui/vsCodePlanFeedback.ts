import * as vscode from 'vscode';
import { type PlanFeedback } from '../plans/planSession';

/** A plan session's feedback in VS Code: a progress notification per run, and a message at the end. */
export const vsCodePlanFeedback: PlanFeedback = {
  progress: (title, task) =>
    Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, (progress) =>
        task((message) => progress.report({ message })),
      ),
    ),
  info: (message) => void vscode.window.showInformationMessage(message),
  warn: (message) => void vscode.window.showWarningMessage(message),
  error: (message) => void vscode.window.showErrorMessage(message),
};

import * as vscode from 'vscode';
import { type PlanFeedback } from '../plans/planSession';

/** An AbortSignal that fires when `token` is cancelled (the progress notification's Cancel button). */
export function abortSignalFor(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const subscription = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => subscription.dispose() };
}

/**
 * A plan session's feedback in VS Code: a progress notification per run (its Cancel button stops the
 * run), a notification with buttons for a plan that did not finish, and a message at the end.
 */
export const vsCodePlanFeedback: PlanFeedback = {
  progress: (title, task, options) =>
    Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: options?.cancellable ?? false },
        async (progress, token) => {
          const abort = abortSignalFor(token);
          try {
            return await task((message) => progress.report({ message }), abort.signal);
          } finally {
            abort.dispose();
          }
        },
      ),
    ),
  ask: async (message, actions) => vscode.window.showWarningMessage(message, ...actions),
  info: (message) => void vscode.window.showInformationMessage(message),
  warn: (message) => void vscode.window.showWarningMessage(message),
  error: (message) => void vscode.window.showErrorMessage(message),
};

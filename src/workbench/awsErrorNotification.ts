import * as vscode from 'vscode';
import { type AwsErrorDescription } from '../aws/awsErrorMessages';
import { docForError } from '../readiness/awsDocs';

/**
 * Shows an AWS error in plain words, with "AWS Docs" when a documentation page explains the concept,
 * and "Copy Command" when a shell command fixes it (aws sso login …).
 */
export async function showAwsError(described: AwsErrorDescription): Promise<void> {
  const doc = docForError(described.kind, described.code);
  const actions = [...(described.fixCommand ? ['Copy Command'] : []), ...(doc ? ['AWS Docs'] : [])];
  const answer = await vscode.window.showErrorMessage(described.message, ...actions);
  if (answer === 'Copy Command' && described.fixCommand) await vscode.env.clipboard.writeText(described.fixCommand);
  if (answer === 'AWS Docs' && doc) await vscode.env.openExternal(vscode.Uri.parse(doc));
}

import * as vscode from 'vscode';
import { type ExtensionApi } from '../../../src/extension';
import { type PreparedInvocation } from '../../../src/agentTools/toolRunner';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';

/** The running extension's API (its tool runner, connections). */
export async function extensionApi(): Promise<ExtensionApi> {
  return vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
}

/**
 * What VS Code would show before running a tool: its progress line and, for an acting tool, the
 * confirmation. While extension tests run, VS Code confirms tool calls itself without showing the
 * dialog (its DialogService.confirm answers "confirmed" in tests), so the confirmation is read here,
 * from the same `prepareInvocation` path the tool registration takes. The real dialog, and declining
 * it, are tested end to end (test/e2e) where dialogs show.
 */
export async function prepareTool(name: string, input: object): Promise<PreparedInvocation> {
  return (await extensionApi()).agentTools.prepare(name, input);
}

/** Invokes a tool as an agent would, outside a chat (`vscode.lm.invokeTool`): its answer's text. */
export async function invokeTool(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

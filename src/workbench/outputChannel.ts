import * as vscode from 'vscode';
import { Logger } from '../logging/logger';

/** The extension's log output channel ("SageMaker Scale to Zero" in the Output panel), behind a Logger. */
export function createLogger(): { logger: Logger; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('SageMaker Scale to Zero', { log: true });
  return { logger: new Logger(channel), channel };
}

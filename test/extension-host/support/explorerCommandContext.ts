import { type ExtensionApi } from '../../../src/extension';
import { type ExplorerCommandContext } from '../../../src/explorer/ui/explorerCommandContext';
import { Logger } from '../../../src/logging/logger';
import { type UserInput } from '../../../src/prompts/userInput';

/**
 * What the explorer command factories take, as extension.ts wires it, on the activated extension's
 * connection, view and documents (read through its API), with the questions answered by a script
 * passed per command. The test drives refreshes itself, so a started transition reschedules nothing.
 */
export function explorerCommandContext(api: ExtensionApi) {
  const log: string[] = [];
  const line = (message: string) => log.push(message);
  const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: line, warn: line, error: line });
  return {
    log,
    context: (ui: UserInput): ExplorerCommandContext => ({
      ui,
      connections: api.connections,
      explorer: api.explorer,
      documents: api.documents,
      logger,
      onTransitionStarted: () => undefined,
    }),
  };
}

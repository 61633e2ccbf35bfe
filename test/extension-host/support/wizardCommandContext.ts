import { ConnectionManager } from '../../../src/connection/ui/connectionManager';
import { Logger } from '../../../src/logging/logger';
import { type UserInput } from '../../../src/prompts/userInput';
import { PlanSession } from '../../../src/wizards/plans/planSession';
import { vsCodePlanFeedback } from '../../../src/wizards/ui/vsCodePlanFeedback';
import { type WizardCommandContext } from '../../../src/wizards/ui/wizardCommand';

/**
 * What the wizard command factories take, as extension.ts wires it but with a connection of the test's
 * own (a local emulator it starts) and the questions answered by a script passed per command.
 */
export async function wizardCommandContext(options: { timeScale: number }) {
  const log: string[] = [];
  const line = (message: string) => log.push(message);
  const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: line, warn: line, error: line });
  const connections = new ConnectionManager(logger);
  const active = await connections.connectLocalEmulator({ timeScale: options.timeScale, scenario: 'demo' });
  // One session for every command of the test file: a plan left half-built by one run is resumed by the next.
  const plans = new PlanSession({ feedback: vsCodePlanFeedback, logger, onTransitionStarted: () => undefined });
  return {
    connections,
    log,
    emulatorUrl: active.emulator!.url,
    context: (ui: UserInput): WizardCommandContext => ({ ui, connections, logger, plans }),
    close: async () => {
      await connections.disconnect();
      connections.dispose();
    },
  };
}

import { type ExtensionApi } from '../../../src/extension';
import { setCopyCountCommand } from '../../../src/explorer/ui/copyCountCommand';
import { deleteEndpointCommand } from '../../../src/explorer/ui/deleteCommands';
import { Logger } from '../../../src/logging/logger';
import { type UserInput } from '../../../src/prompts/userInput';
import { type RegionCommandContext } from '../../../src/regions/ui/regionCommandContext';
import { regionSettings } from '../../../src/regions/ui/regionsFeature';
import { enableScaleToZeroCommand } from '../../../src/wizards/ui/enableScaleToZeroCommand';
import { PlanSession } from '../../../src/wizards/plans/planSession';
import { vsCodePlanFeedback } from '../../../src/wizards/ui/vsCodePlanFeedback';
import { explorerCommandContext } from './explorerCommandContext';

/**
 * What the All Regions command factories take, as extension.ts wires it (the activated extension's
 * connection and All Regions view), with the questions answered by a script: the endpoint actions run
 * the explorer's and the wizard's own command factories with that same script, as the registered
 * commands they run in the extension.
 */
export function regionCommandContext(api: ExtensionApi) {
  const explorer = explorerCommandContext(api);
  const log: string[] = [];
  const line = (message: string) => log.push(message);
  const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: line, warn: line, error: line });
  const plans = new PlanSession({ feedback: vsCodePlanFeedback, logger, onTransitionStarted: () => undefined });
  return {
    log,
    context: (ui: UserInput): RegionCommandContext => ({
      ui,
      connections: api.connections,
      view: api.regions,
      logger,
      settings: regionSettings,
      pickProfiles: () => Promise.reject(new Error('The local emulator\'s scan asks no profile.')),
      flows: {
        enableScaleToZero: (component) => enableScaleToZeroCommand({ ui, connections: api.connections, logger, plans })(component),
        setCopyCount: (component, count) => setCopyCountCommand(explorer.context(ui))(component, count),
        deleteEndpoint: (endpoint) => deleteEndpointCommand(explorer.context(ui))(endpoint),
        connectAws: () => Promise.reject(new Error('Not on AWS in this test.')),
      },
    }),
  };
}

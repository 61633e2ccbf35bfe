import { createEndpointWizard } from '..';
import { wizardCommand, type WizardCommand, type WizardCommandContext } from './wizardCommand';

/** "Create Scale-to-Zero Endpoint": wizard 1 (with wizard 2's scale-to-zero pages), then its plan. */
export function createEndpointCommand(context: WizardCommandContext): WizardCommand {
  return wizardCommand(context, 'Create Scale-to-Zero Endpoint', (env) => createEndpointWizard(env));
}

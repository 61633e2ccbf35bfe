import { addInferenceComponentWizard } from '..';
import { wizardCommand, type WizardCommand, type WizardCommandContext } from './wizardCommand';

/** "Add Inference Component…": one more model on an endpoint (the row's, or one it asks for), the fit check, then its plan. */
export function addInferenceComponentCommand(context: WizardCommandContext): WizardCommand {
  return wizardCommand(context, 'Add Inference Component', (env, endpoint) => addInferenceComponentWizard(env, endpoint), 'endpoint');
}

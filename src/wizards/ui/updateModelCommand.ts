import { updateModelWizard } from '..';
import { wizardCommand, type WizardCommand, type WizardCommandContext } from './wizardCommand';

/** "Update Model…": a rolling update of an inference component's model (the row's, or one it asks for), then the plan. */
export function updateModelCommand(context: WizardCommandContext): WizardCommand {
  return wizardCommand(context, 'Update Model', (env, inferenceComponent) => updateModelWizard(env, inferenceComponent));
}

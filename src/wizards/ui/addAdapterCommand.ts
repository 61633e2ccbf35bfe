import { addAdapterWizard } from '..';
import { wizardCommand, type WizardCommand, type WizardCommandContext } from './wizardCommand';

/** "Add Adapter…": an adapter on a base inference component (the row's, or one it asks for), then the plan. */
export function addAdapterCommand(context: WizardCommandContext): WizardCommand {
  return wizardCommand(context, 'Add Adapter', (env, inferenceComponent) => addAdapterWizard(env, inferenceComponent));
}

import { enableScaleToZeroWizard } from '..';
import { wizardCommand, type WizardCommand, type WizardCommandContext } from './wizardCommand';

/** "Enable Scale to Zero": wizard 2 on an inference component (the node's, or one it asks for), then its plan. */
export function enableScaleToZeroCommand(context: WizardCommandContext): WizardCommand {
  return wizardCommand(context, 'Enable Scale to Zero', (env, inferenceComponent) => enableScaleToZeroWizard(env, inferenceComponent));
}

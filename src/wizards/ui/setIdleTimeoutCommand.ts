import { setIdleTimeoutWizard } from '..';
import { wizardCommand, type WizardCommand, type WizardCommandContext } from './wizardCommand';

/** "Set Idle Timeout…": the idle minutes of an inference component (the row's, or one it asks for), then the plan. */
export function setIdleTimeoutCommand(context: WizardCommandContext): WizardCommand {
  return wizardCommand(context, 'Set Idle Timeout', (env, inferenceComponent) => setIdleTimeoutWizard(env, inferenceComponent));
}

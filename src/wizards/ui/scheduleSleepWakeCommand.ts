import { scheduleWizard } from '..';
import { wizardCommand, type WizardCommand, type WizardCommandContext } from './wizardCommand';

/** "Schedule Sleep and Wake": the schedule wizard on an inference component, then its plan. */
export function scheduleSleepWakeCommand(context: WizardCommandContext): WizardCommand {
  return wizardCommand(context, 'Schedule Sleep and Wake', (env, inferenceComponent) => scheduleWizard(env, inferenceComponent));
}

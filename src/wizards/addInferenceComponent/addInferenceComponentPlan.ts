import { type Plan, type PlanStep } from '../plans/plan';
import { createModelStep, type ComponentAnswers, inferenceComponentStep } from '../createEndpoint/createEndpointPlan';
import { scaleToZeroNotesFor, scaleToZeroSteps } from '../enableScaleToZero/scaleToZeroPlan';
import { type ScaleSettings } from '../enableScaleToZero/scaleSettings';
import { idleTimeoutNote } from '../enableScaleToZero/idleTimeoutPlan';
import { startSettingsNotes } from '../createEndpoint/componentStartSettings';
import { describeHourlyCost, hourlyPrice, type PriceOverrides } from '../../cost/pricing';
import { type CopyFit, describeCopyFit } from './copyFit';

/** Everything "Add Inference Component…" asked, resolved, with the endpoint it goes on. */
export interface AddInferenceComponentAnswers extends ComponentAnswers {
  roleArn: string;
  variantName: string;
  /** The type a copy is sized against (the endpoint's first by priority): the idle timeout's price. */
  instanceType: string;
  /** Where the copies go, beside the components already there. */
  fit: CopyFit;
  /** The scale-to-zero setup as the last part, or none. */
  scaling?: ScaleSettings;
  /** 10 when the endpoint publishes invocation metrics every 10 s, else 30. */
  wakeAlarmPeriod: 10 | 30;
  /** The components already on the endpoint, by name. */
  others: string[];
}

/**
 * The model (when new), the inference component on the endpoint's variant (wait InService), then the
 * scale-to-zero setup for it: the create wizard's calls, without the endpoint and its config.
 */
export function buildAddInferenceComponentPlan(answers: AddInferenceComponentAnswers, overrides: PriceOverrides = {}): Plan {
  const steps: PlanStep[] = [
    ...(answers.model.kind === 'new' ? [createModelStep(answers.model, answers.roleArn)] : []),
    inferenceComponentStep(answers, answers.variantName),
  ];
  if (answers.scaling) {
    steps.push(
      ...scaleToZeroSteps({
        inferenceComponentName: answers.inferenceComponentName,
        settings: answers.scaling,
        parts: { target: 'create', targetTracking: 'create', stepPolicy: 'create', wakeAlarm: 'create' },
        wakeAlarmPeriod: answers.wakeAlarmPeriod,
        idleParts: { idlePolicy: 'create', idleAlarm: 'create' },
      }),
    );
  }
  const { fit } = answers;
  const idleMinutes = answers.scaling?.idleMinutes;
  const beside = answers.others.length > 0 ? ` beside ${answers.others.join(', ')}` : '';
  const notes = [
    describeCopyFit(fit),
    `Instances are released only when every inference component on ${answers.endpointName} is at 0 copies: until ${answers.inferenceComponentName} scales in, its copies keep ${fit.kind === 'newInstances' && fit.running === 0 ? 'the instance it starts' : 'the endpoint\'s instances'} up${beside}.`,
    ...(idleMinutes !== undefined ? [idleTimeoutNote(idleMinutes, hourlyPrice(answers.instanceType, overrides))] : []),
    ...(answers.scaling
      ? scaleToZeroNotesFor(idleMinutes)
      : [`Without the auto-scaling setup nothing scales ${answers.inferenceComponentName}'s copies to 0: it keeps the endpoint's instances alive until you run "Enable Scale to Zero" on it.`]),
    ...startSettingsNotes(answers.startSettings, answers.compute.memoryMb),
  ];
  return {
    title: `Add inference component ${answers.inferenceComponentName} to ${answers.endpointName}`,
    steps,
    cost:
      fit.kind === 'newInstances'
        ? describeHourlyCost(fit.instanceType, fit.newInstances, overrides)
        : { description: 'No new instance: the copies use room on the instances running now (they bill already).', hourlyUsd: 0 },
    notes,
  };
}

import { plural } from '../../l10n/plural';
import { type Plan } from '../plans/plan';

/** The name a copy-count plan runs under in the plan session (its progress notification, its record). */
export const copyCountWizard = 'Set Copy Count';

/** The id of the plan's one step. */
export const copyCountStepId = 'setCopyCount';

/**
 * Sets an inference component's copy count (0 puts it to sleep, 1 or more wakes it): one call,
 * UpdateInferenceComponentRuntimeConfig, on a component that exists (`modifiesExisting`: a rollback
 * never deletes it). The plan runner records no overwrite for this call, so a rollback does not set the
 * old count back: the count is runtime state auto scaling owns, and writing an old one back later
 * could wake (and bill) a component that has gone to sleep since, or cut one that serves; a run whose
 * one call failed changed nothing.
 */
export function copyCountPlan(componentName: string, copies: number): Plan {
  if (!Number.isInteger(copies) || copies < 0) throw new RangeError('The copy count must be a whole number, 0 or more.');
  return {
    title: plural(copies, { one: 'Set {name} to {count} copy', other: 'Set {name} to {count} copies' }, { name: componentName }),
    steps: [
      {
        id: copyCountStepId,
        service: 'sagemaker',
        operation: 'UpdateInferenceComponentRuntimeConfig',
        input: { InferenceComponentName: componentName, DesiredRuntimeConfig: { CopyCount: copies } },
        description: `Set the copy count of ${componentName} to ${copies}`,
        modifiesExisting: true,
      },
    ],
  };
}

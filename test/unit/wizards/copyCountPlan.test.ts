import * as assert from 'node:assert/strict';
import { copyCountPlan, copyCountWizard } from '../../../src/wizards/copyCount/copyCountPlan';
import { writtenResource } from '../../../src/wizards/plans/overwrites';
import { planOperations } from '../../../src/wizards/plans/planRunner';
import { validatePlanRefs } from '../../../src/wizards/plans/outputRefs';

describe('the copy-count plan (wake and sleep tools)', () => {
  it('one UpdateInferenceComponentRuntimeConfig call on an existing component, titled in the product\'s words', () => {
    const plan = copyCountPlan('demo-llama3-8b', 1);
    assert.deepEqual(plan, {
      title: 'Set demo-llama3-8b to 1 copy',
      steps: [
        {
          id: 'setCopyCount',
          service: 'sagemaker',
          operation: 'UpdateInferenceComponentRuntimeConfig',
          input: { InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: 1 } },
          description: 'Set the copy count of demo-llama3-8b to 1',
          modifiesExisting: true,
        },
      ],
    });
    assert.equal(copyCountPlan('demo-llama3-8b', 0).title, 'Set demo-llama3-8b to 0 copies');
    assert.deepEqual(copyCountPlan('demo-llama3-8b', 0).steps[0].input, { InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: 0 } });
    assert.equal(copyCountWizard, 'Set Copy Count');
  });

  it('is a plan the runner can run: a known operation, no refs, nothing created', () => {
    const plan = copyCountPlan('demo-llama3-8b', 0);
    assert.ok(planOperations.sagemaker.includes(plan.steps[0].operation));
    assert.deepEqual(validatePlanRefs(plan, []), []);
    assert.equal(plan.steps[0].creates, undefined);
  });

  it('records no overwrite: a rollback never writes an old copy count back (auto scaling owns the count)', () => {
    const step = copyCountPlan('demo-llama3-8b', 1).steps[0];
    assert.equal(writtenResource(step, step.input as Record<string, unknown>), undefined);
  });

  it('refuses a count that is not a whole number, 0 or more', () => {
    assert.throws(() => copyCountPlan('x', -1), /whole number, 0 or more/);
    assert.throws(() => copyCountPlan('x', 1.5), /whole number, 0 or more/);
  });
});

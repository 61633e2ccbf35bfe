import * as assert from 'node:assert/strict';
import { type Plan } from '../../../../src/wizards/plans/plan';
import { demoPlanCatalog, type CatalogEntry } from '../../../support/planCatalog';

/** The Scheduler targets a plan's schedules call, by their universal target's operation. */
function schedulerTargets(plan: Plan): string[] {
  return plan.steps
    .filter((step) => step.operation === 'CreateSchedule')
    .map((step) => String((step.input.Target as { Arn?: unknown }).Arn).replace(/^.*:sagemaker:/, ''));
}

describe('the plan catalogue: every kind of plan the wizards build (test/support/planCatalog.ts)', () => {
  let catalog: CatalogEntry[];
  before(async () => {
    catalog = await demoPlanCatalog();
  });

  it('builds every entry with its wizard, under a unique name, on the demo account plus its world', () => {
    assert.equal(new Set(catalog.map((entry) => entry.name)).size, catalog.length);
    for (const entry of catalog) {
      assert.ok(entry.plan.steps.length > 0, entry.name);
      assert.equal(entry.world.scenario, 'demo');
    }
    assert.deepEqual([...new Set(catalog.map((entry) => entry.wizard))].sort(), ['addAdapter', 'addInferenceComponent', 'createEndpoint', 'enableScaleToZero', 'schedule', 'setIdleTimeout', 'updateModel']);
  });

  it('covers new and existing resources, each schedule method and each way to the scheduler role', () => {
    const plans = catalog.map((entry) => entry.plan);
    const steps = plans.flatMap((plan) => plan.steps);
    // Wizard 1 with and without a new model and the scale-to-zero setup.
    assert.ok(plans.some((plan) => plan.steps.some((step) => step.operation === 'CreateModel')));
    assert.ok(plans.some((plan) => plan.steps.some((step) => step.operation === 'CreateInferenceComponent') && !plan.steps.some((step) => step.operation === 'RegisterScalableTarget')));
    // Wizard 2: every part created, every part rewritten in place, and plans mixing both.
    for (const operation of ['RegisterScalableTarget', 'PutScalingPolicy', 'PutMetricAlarm']) {
      assert.ok(steps.some((step) => step.operation === operation && step.creates), `${operation} creating`);
      assert.ok(steps.some((step) => step.operation === operation && step.modifiesExisting), `${operation} rewriting`);
    }
    assert.ok(plans.some((plan) => plan.steps.some((step) => step.modifiesExisting) && plan.steps.some((step) => step.creates)));
    // Wizard 3: both Scheduler methods, scheduled actions, and a role that exists or is created.
    const targets = new Set(plans.flatMap(schedulerTargets));
    assert.deepEqual([...targets].sort(), ['createInferenceComponent', 'deleteInferenceComponent', 'updateInferenceComponentRuntimeConfig']);
    assert.ok(steps.some((step) => step.operation === 'PutScheduledAction'));
    assert.ok(steps.some((step) => step.operation === 'CreateRole') && steps.some((step) => step.operation === 'PutRolePolicy'));
    assert.ok(steps.some((step) => step.operation === 'CreateSchedule' && typeof (step.input.Target as { RoleArn?: unknown }).RoleArn === 'string'));
    // Adapters: created on their base (no compute, no copies), with a wake alarm on their own metric when the base sleeps.
    const adapters = steps.filter((step) => step.operation === 'CreateInferenceComponent' && (step.input.Specification as { BaseInferenceComponentName?: unknown }).BaseInferenceComponentName);
    assert.ok(adapters.length >= 2 && adapters.every((step) => step.input.RuntimeConfig === undefined));
    assert.ok(steps.some((step) => step.id.startsWith('putAdapterWakeAlarm-') && step.creates));
    // Worlds beyond the demo: a component without auto scaling, and components holding a secret.
    assert.ok(catalog.some((entry) => entry.world.setup.length > 0));
  });
});

import * as assert from 'node:assert/strict';
import { loadServiceModel } from '@s2z/service-models';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import { cooldownInMinutesRange, maximumStepSizeRange, scaleInStrategies } from '../../../src/wizards/createEndpoint/scaleInPolicy';
import { type Plan } from '../../../src/wizards/plans/plan';
import { accept, pick, pickMany, review, type ScriptedUserInput, type ScriptEntry, type } from '../../support/scriptedUserInput';
import { oneModelRole, oneModelWizardEnvironment } from '../../support/oneModelWizardEnvironment';

const role = oneModelRole;
const environment = oneModelWizardEnvironment;

/** The required answers, the advanced section up to the scale-in page, `scaleIn`, then the defaults of the rest. */
const walk = (scaleIn: ScriptEntry[]): ScriptEntry[] => [
  pick('llama'),
  pick(role),
  type('scale-in'),
  pick('ml.g5.12xlarge'),
  pick('Change advanced settings…'),
  accept(),
  type('3'),
  ...scaleIn,
  pick('Least outstanding requests'),
  accept(),
  accept(),
  accept(),
  accept(),
  accept(),
  pickMany(), // no fallback instance type
  pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
  pickMany(), // endpoint settings: AWS's defaults
  pick(/^Skip/),
  review(),
];

function managedScaling(plan: Plan): Record<string, unknown> {
  const config = plan.steps.find((step) => step.id === 'createEndpointConfig')!;
  return ((config.input.ProductionVariants as Record<string, unknown>[])[0].ManagedInstanceScaling) as Record<string, unknown>;
}

async function planOf(scaleIn: ScriptEntry[]): Promise<{ plan: Plan; ui: ScriptedUserInput }> {
  const { env, ui } = environment(walk(scaleIn));
  const result = await createEndpointWizard(env);
  assert.equal(result.kind, 'plan');
  if (result.kind !== 'plan') throw new Error('no plan');
  return { plan: result.plan, ui };
}

describe('Create Scale-to-Zero Endpoint: managed instance scale-in (ScaleInPolicy, issue 17 item 2)', () => {
  it('takes its ranges, defaults and strategies from botocore\'s SageMaker model', () => {
    const shapes = loadServiceModel('sagemaker').shapes;
    assert.deepEqual(shapes.ManagedInstanceScalingScaleInStrategy.enum, [...scaleInStrategies]);
    assert.equal(shapes.ManagedInstanceScalingMaximumStepSize.min, maximumStepSizeRange.min);
    assert.equal(shapes.ManagedInstanceScalingMaximumStepSize.max, maximumStepSizeRange.max);
    assert.equal(shapes.ManagedInstanceScalingCooldownInMinutes.min, cooldownInMinutesRange.min);
    assert.equal(shapes.ManagedInstanceScalingCooldownInMinutes.max, cooldownInMinutesRange.max);
    const policy = shapes.ProductionVariantManagedInstanceScalingScaleInPolicy;
    const documentation = (member: string) => (policy.members?.[member] as { documentation?: string }).documentation ?? '';
    assert.match(documentation('MaximumStepSize'), new RegExp(`Default value: <code>${maximumStepSizeRange.default}</code>`));
    assert.match(documentation('CooldownInMinutes'), new RegExp(`Default value: <code>${cooldownInMinutesRange.default}</code>`));
  });

  it('offers the four choices on one page, each with a line of why', async () => {
    const { ui } = await planOf([pick('Release an instance once it is empty')]);
    const page = ui.page(/ScaleInPolicy/);
    assert.deepEqual(page.items.map((item) => item.label), ['Release an instance once it is empty', 'Idle release', 'Consolidation', 'Consolidation with my own step and cooldown…']);
    for (const item of page.items) assert.ok((item.detail ?? '').length > 20, `${item.label} says why`);
    assert.match(page.items[2].detail ?? '', /fewer instances/);
  });

  it('sends no ScaleInPolicy by default, Strategy alone for IDLE_RELEASE, and the model defaults for plain consolidation', async () => {
    assert.equal(managedScaling((await planOf([pick('Release an instance once it is empty')])).plan).ScaleInPolicy, undefined);
    assert.deepEqual(managedScaling((await planOf([pick('Idle release')])).plan).ScaleInPolicy, { Strategy: 'IDLE_RELEASE' });
    const { plan } = await planOf([pick(/^Consolidation$/)]);
    assert.deepEqual(managedScaling(plan).ScaleInPolicy, { Strategy: 'CONSOLIDATION', MaximumStepSize: 1, CooldownInMinutes: 20 });
    assert.match(plan.steps.find((step) => step.id === 'createEndpointConfig')!.description, /scale-in CONSOLIDATION: up to 1 instance per step, 20 minutes after the last operation/);
  });

  it('asks the step and cooldown only for "my own", refusing values outside the model', async () => {
    const { plan, ui } = await planOf([pick('Consolidation with my own step and cooldown…'), type('abc', '0', '2'), type('1441', '45')]);
    assert.deepEqual(managedScaling(plan).ScaleInPolicy, { Strategy: 'CONSOLIDATION', MaximumStepSize: 2, CooldownInMinutes: 45 });
    assert.deepEqual(ui.page(/^MaximumStepSize/).errors, ['MaximumStepSize must be a whole number.', 'MaximumStepSize must be at least 1.']);
    assert.deepEqual(ui.page(/^CooldownInMinutes/).errors, ['CooldownInMinutes must be at most 1440.']);
    assert.match(ui.page(/^CooldownInMinutes/).text, /last endpoint operation/);
  });
});

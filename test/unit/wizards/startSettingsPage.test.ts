import * as assert from 'node:assert/strict';
import { loadServiceModel } from '@s2z/service-models';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import { maxImbalanceRange, placementStrategies, startupTimeoutRange, zoneBalanceEnforcementMode } from '../../../src/wizards/createEndpoint/componentStartSettings';
import { type Plan } from '../../../src/wizards/plans/plan';
import { accept, pick, pickMany, review, type ScriptedUserInput, type ScriptEntry, type } from '../../support/scriptedUserInput';
import { oneModelRole, oneModelWizardEnvironment } from '../../support/oneModelWizardEnvironment';

const role = oneModelRole;
const environment = oneModelWizardEnvironment;

/** The required answers and the advanced section's defaults up to the start settings page, `start`, then no auto scaling. */
const walk = (start: ScriptEntry[]): ScriptEntry[] => [
  pick('llama'),
  pick(role),
  type('starts'),
  pick('ml.g5.2xlarge'),
  pick('Change advanced settings…'),
  accept(),
  accept(),
  pick('Release an instance once it is empty'),
  pick('Least outstanding requests'),
  accept(),
  accept(),
  accept(),
  accept(),
  accept(),
  pickMany(), // no fallback instance type
  ...start,
  pickMany(), // endpoint settings: AWS's defaults
  pick(/^Skip/),
  review(),
];

async function planOf(start: ScriptEntry[]): Promise<{ plan: Plan; ui: ScriptedUserInput }> {
  const { env, ui } = environment(walk(start));
  const result = await createEndpointWizard(env);
  assert.equal(ui.remaining, 0, 'every scripted answer used');
  assert.equal(result.kind, 'plan');
  if (result.kind !== 'plan') throw new Error('no plan');
  return { plan: result.plan, ui };
}

function specification(plan: Plan): Record<string, unknown> {
  const step = plan.steps.find((candidate) => candidate.id === 'createInferenceComponent')!;
  return step.input.Specification as Record<string, unknown>;
}

describe('Create Scale-to-Zero Endpoint: the inference component\'s start settings (issue 17, item 4)', () => {
  it('offers five settings on one page, each with its model member and a line of why, the data cache ticked (the wizard\'s default)', async () => {
    const { ui } = await planOf([pickMany()]);
    const page = ui.page(/Start settings to change/);
    assert.deepEqual(
      page.items.map((item) => item.label),
      ['Download timeout', 'Health-check timeout', 'Data cache', 'Placement of copies', 'Availability Zone balance'],
    );
    assert.ok(page.items.every((item) => (item.detail ?? '').length > 20 && (item.description ?? '').length > 0), 'each has a why and a member');
    assert.deepEqual(page.items.filter((item) => item.picked).map((item) => item.label), ['Data cache']);
  });

  it('keeps AWS\'s defaults when nothing is left ticked: both timeouts at the model\'s maximum, no cache, no SchedulingConfig', async () => {
    const { plan } = await planOf([pickMany()]);
    const spec = specification(plan);
    assert.deepEqual(spec.StartupParameters, { ModelDataDownloadTimeoutInSeconds: 3600, ContainerStartupHealthCheckTimeoutInSeconds: 3600 });
    assert.equal(spec.DataCacheConfig, undefined);
    assert.equal(spec.SchedulingConfig, undefined);
    assert.doesNotMatch((plan.notes ?? []).join('\n'), /Data cache|Timeout/);
  });

  it('asks one question per picked setting, refusing values outside the model\'s ranges, and writes them to the Specification', async () => {
    const { plan, ui } = await planOf([
      pickMany('Download timeout', 'Health-check timeout', 'Data cache', 'Availability Zone balance'),
      type('59', '3601', '1.5', '1200'),
      type('600'),
      pick('Spread copies out'),
      type('-1', '101', '2'),
    ]);
    const spec = specification(plan);
    assert.deepEqual(spec.StartupParameters, { ModelDataDownloadTimeoutInSeconds: 1200, ContainerStartupHealthCheckTimeoutInSeconds: 600 });
    assert.deepEqual(spec.DataCacheConfig, { EnableCaching: true });
    assert.deepEqual(spec.SchedulingConfig, { PlacementStrategy: 'SPREAD', AvailabilityZoneBalance: { EnforcementMode: 'PERMISSIVE', MaxImbalance: 2 } });
    assert.deepEqual(ui.page(/ModelDataDownloadTimeoutInSeconds/).errors, [
      'ModelDataDownloadTimeoutInSeconds must be at least 60.',
      'ModelDataDownloadTimeoutInSeconds must be at most 3600.',
      'ModelDataDownloadTimeoutInSeconds must be a whole number.',
    ]);
    assert.deepEqual(ui.page(/MaxImbalance/).errors, ['MaxImbalance must be at least 0.', 'MaxImbalance must be at most 100.']);
    const step = plan.steps.find((candidate) => candidate.id === 'createInferenceComponent')!;
    assert.match(step.description, /\(download timeout 1200 s, health-check timeout 600 s, data cache on, SPREAD placement, zone balance within 2\)$/);
    assert.match((plan.notes ?? []).join('\n'), /Data cache on: a wake on an instance not yet released .* skips the download, about 70 s sooner\./);
  });

  it('asks the placement alone for "Placement of copies", and notes a timeout shorter than the expected start', async () => {
    const { plan, ui } = await planOf([pickMany('Placement of copies', 'Health-check timeout'), type('60'), pick('Pack copies together')]);
    assert.deepEqual(specification(plan).SchedulingConfig, { PlacementStrategy: 'BINPACK' });
    assert.equal(ui.pages.some((page) => /MaxImbalance/.test(page.text)), false, 'no zone balance question');
    assert.match((plan.notes ?? []).join('\n'), /ContainerStartupHealthCheckTimeoutInSeconds 60 s is shorter than the container's expected start \(about 67 s\)/);
  });

  it('uses the model\'s ranges and enums (botocore\'s sagemaker model)', () => {
    const model = loadServiceModel('sagemaker');
    const shape = (name: string) => model.shapes[name] as { min?: number; max?: number; enum?: string[] };
    for (const name of ['ProductionVariantModelDataDownloadTimeoutInSeconds', 'ProductionVariantContainerStartupHealthCheckTimeoutInSeconds']) {
      assert.deepEqual([shape(name).min, shape(name).max], [startupTimeoutRange.min, startupTimeoutRange.max], name);
    }
    assert.deepEqual([shape('AvailabilityZoneBalanceMaxImbalance').min, shape('AvailabilityZoneBalanceMaxImbalance').max], [maxImbalanceRange.min, maxImbalanceRange.max]);
    assert.deepEqual(shape('InferenceComponentPlacementStrategy').enum, [...placementStrategies]);
    assert.deepEqual(shape('AvailabilityZoneBalanceEnforcementMode').enum, [zoneBalanceEnforcementMode]);
  });
});

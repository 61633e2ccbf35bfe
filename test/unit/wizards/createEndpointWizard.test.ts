import * as assert from 'node:assert/strict';
import { type AccountReader } from '../../../src/aws/accountReader';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import { type WizardEnvironment } from '../../../src/wizards/environment';
import { type Plan } from '../../../src/wizards/plans/plan';
import { accept, back, pick, pickMany, review, ScriptedUserInput, type ScriptEntry, type } from '../../support/scriptedUserInput';

const role = 'arn:aws:iam::123456789012:role/SageMakerRole';

/** An account with one model, one role in use, an endpoint, config and component named "taken", and a config and component named "clash-…" without their endpoint. */
function environment(script: ScriptEntry[], account: { roles?: string[] } = {}): { env: WizardEnvironment; ui: ScriptedUserInput } {
  const ui = new ScriptedUserInput(script);
  const reader = {
    listEndpoints: async () => [{ name: 'taken' }],
    listInferenceComponents: async () => [{ name: 'taken-ic' }, { name: 'clash-ic' }],
  } as unknown as AccountReader;
  const env: WizardEnvironment = {
    ui,
    reader,
    region: 'us-east-1',
    now: () => new Date('2026-01-01T00:00:00Z'),
    defaultTimeZone: 'UTC',
    models: {
      listModels: async () => [{ name: 'llama', image: 'lmi', executionRoleArn: role }],
      listEndpointConfigNames: async () => ['taken-config', 'clash-config'],
      listExecutionRoleArns: async () => account.roles ?? [role],
    },
  };
  return { env, ui };
}

/** "<title> k/N" of every page shown, in order. */
const positions = (ui: ScriptedUserInput) => ui.pages.map((page) => `${page.step.title} ${page.step.step}/${page.step.totalSteps}${page.step.estimated ? ' (about)' : ''}`);

/** The totals each walk (title) showed: one per walk when no total moved. */
function totalsByWalk(ui: ScriptedUserInput): Map<string, Set<number>> {
  const totals = new Map<string, Set<number>>();
  for (const { step } of ui.pages) totals.set(step.title, (totals.get(step.title) ?? new Set()).add(step.totalSteps));
  return totals;
}

function input(plan: Plan, id: string): Record<string, unknown> {
  const step = plan.steps.find((candidate) => candidate.id === id);
  assert.ok(step, `no step ${id}`);
  return step.input as Record<string, unknown>;
}

const main = 'Create Scale-to-Zero Endpoint';
const required = (endpoint: string, instanceType = 'ml.g5.2xlarge'): ScriptEntry[] => [pick('llama'), pick(role), type(endpoint), pick(instanceType)];

describe('Create Scale-to-Zero Endpoint: the required questions, then the defaults or the advanced settings (issue 15, item 3)', () => {
  it('with every default: four questions and the defaults page lead to the plan, counted 1/6 to 6/6', async () => {
    const { env, ui } = environment([...required('mine'), pick('Use these defaults'), review()]);
    const result = await createEndpointWizard(env);
    assert.deepEqual(positions(ui), [1, 2, 3, 4, 5, 6].map((step) => `${main} ${step}/6`));
    const defaults = ui.page(/Everything required is answered/);
    assert.equal(defaults.items[0].label, 'Use these defaults', 'the defaults come first');
    assert.equal(defaults.items[0].detail, '1 copy (1 GPU, 16 GiB, 1 vCPU) · up to 1 instance · scales to 0 at 5 requests/copy');
    assert.match(defaults.items[1].detail ?? '', /\(13 pages\)$/); // issue 17: fallback types, start settings, endpoint settings
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    // The defaults make a complete plan by the service's rules: derived names, a copy that fits, scaling to zero.
    const variant = (input(result.plan, 'createEndpointConfig').ProductionVariants as Record<string, unknown>[])[0];
    assert.equal(input(result.plan, 'createEndpointConfig').EndpointConfigName, 'mine-config');
    assert.deepEqual(variant.ManagedInstanceScaling, { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 1 });
    assert.deepEqual(variant.RoutingConfig, { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' });
    const ic = input(result.plan, 'createInferenceComponent');
    assert.equal(ic.InferenceComponentName, 'mine-ic');
    assert.deepEqual((ic.Specification as Record<string, unknown>).ComputeResourceRequirements, {
      NumberOfCpuCoresRequired: 1,
      MinMemoryRequiredInMb: 16384,
      NumberOfAcceleratorDevicesRequired: 1,
    });
    assert.deepEqual(ic.RuntimeConfig, { CopyCount: 1 });
    assert.equal(input(result.plan, 'registerScalableTarget').MaxCapacity, 1);
    assert.equal(input(result.plan, 'registerScalableTarget').MinCapacity, 0);
  });

  it('derives names the account does not have yet, for the defaults and for the advanced pages', async () => {
    const { env } = environment([...required('clash'), pick('Use these defaults'), review()]);
    const result = await createEndpointWizard(env);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.equal(input(result.plan, 'createEndpointConfig').EndpointConfigName, 'clash-config-2');
    assert.equal(input(result.plan, 'createInferenceComponent').InferenceComponentName, 'clash-ic-2');
    const { env: advanced, ui: user } = environment([
      ...required('clash', 'ml.m5.large'),
      pick('Change advanced settings…'),
      accept(),
      accept(),
      pick('Release an instance once it is empty'),
      pick('Random'),
      accept(),
      accept(),
      accept(),
      accept(),
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick(/^Skip/),
      review(),
    ]);
    await createEndpointWizard(advanced);
    assert.equal(user.page(/Name of the endpoint config/).value, 'clash-config-2');
    assert.equal(user.page(/Name of the inference component/).value, 'clash-ic-2');
  });

  it('the advanced settings are a section of their own: the main walk stays 6, the section 13 on a GPU type, its auto scaling 6', async () => {
    const { env, ui } = environment([
      ...required('gpu'),
      pick('Change advanced settings…'),
      accept(), // config name
      type('2'), // instances
      pick('Idle release'),
      pick('Random'),
      accept(), // component name
      accept(), // accelerators
      type('24576'),
      accept(), // CPU cores
      accept(), // copies
      pickMany(), // no fallback instance type
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick('Add it and change its settings…'),
      type('2'),
      pick(/Concurrent requests/),
      type('7'),
      accept(),
      accept(),
      type('0', '5'), // idle minutes: 0 is refused (at least 1 minute)
      review(),
    ]);
    const result = await createEndpointWizard(env);
    assert.deepEqual(positions(ui), [
      ...[1, 2, 3, 4, 5].map((step) => `${main} ${step}/6`),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((step) => `${main}: Advanced settings ${step}/13`),
      ...[1, 2, 3, 4, 5, 6].map((step) => `${main}: Auto scaling ${step}/6`),
      `${main} 6/6`,
    ]);
    assert.ok([...totalsByWalk(ui).values()].every((totals) => totals.size === 1), 'no total moved');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.equal(input(result.plan, 'registerScalableTarget').MaxCapacity, 2);
    const tracking = input(result.plan, 'putTargetTrackingPolicy').TargetTrackingScalingPolicyConfiguration as Record<string, unknown>;
    assert.equal(tracking.TargetValue, 7);
    assert.equal(tracking.DisableScaleIn, true, 'the idle timeout scales in, not target tracking');
    assert.equal(input(result.plan, 'putIdleAlarm').EvaluationPeriods, 10, '5 minutes of 30-second periods');
    assert.deepEqual(ui.page(/Sleep after how many idle minutes/).errors, ['The idle timeout in minutes must be at least 1.']);
    assert.match(ui.page(/Sleep after how many idle minutes/).text, /each sleep costs about \$/);
  });

  it('Back keeps every total: from the defaults page to a CPU type, whose advanced section has no accelerator page', async () => {
    const { env, ui } = environment([
      ...required('cpu'),
      back(), // on the defaults page: the instance type again
      pick('ml.m5.xlarge'),
      pick('Change advanced settings…'),
      accept(),
      accept(),
      back(), // on the scale-in page
      type('3'),
      pick('Release an instance once it is empty'),
      pick('Least outstanding requests'),
      accept(),
      accept(), // memory: half of 16 GiB
      accept(),
      accept(),
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick('Add the scale-to-zero auto scaling'),
      review(),
    ]);
    const result = await createEndpointWizard(env);
    assert.deepEqual(positions(ui), [
      ...[1, 2, 3, 4, 5, 4, 5].map((step) => `${main} ${step}/6`),
      ...[1, 2, 3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((step) => `${main}: Advanced settings ${step}/11`),
      `${main} 6/6`,
    ]);
    assert.equal(ui.page(/Instance type/, 1).items.find((item) => item.picked)?.label, 'ml.g5.2xlarge', 'Back re-asks with the previous answer');
    assert.equal(ui.page(/Memory per copy/).value, '8192');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    const variant = (input(result.plan, 'createEndpointConfig').ProductionVariants as Record<string, unknown>[])[0];
    assert.deepEqual(variant.ManagedInstanceScaling, { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 3 });
  });

  it('"Use these defaults" after a walk through the advanced settings puts the defaults back', async () => {
    const { env } = environment([
      ...required('again'),
      pick('Change advanced settings…'),
      type('again-cfg'),
      back(),
      back(), // the defaults page again
      pick('Use these defaults'),
      review(),
    ]);
    const result = await createEndpointWizard(env);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.equal(input(result.plan, 'createEndpointConfig').EndpointConfigName, 'again-config');
  });

  it('a new model and a typed role are sections too: the main walk still counts 6', async () => {
    const { env, ui } = environment([
      pick('Create a new model…'),
      type('my-model'),
      type('763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124'),
      accept(),
      accept(),
      pick('Enter a role ARN…'),
      type(role),
      type('typed'),
      pick('ml.g5.2xlarge'),
      pick('Use these defaults'),
      review(),
    ]);
    await createEndpointWizard(env);
    assert.deepEqual(positions(ui), [
      `${main} 1/6`,
      ...[1, 2, 3, 4].map((step) => `${main}: New model ${step}/4`),
      `${main} 2/6`,
      `${main}: Execution role 1/1`,
      ...[3, 4, 5, 6].map((step) => `${main} ${step}/6`),
    ]);
  });

  it('an account with no known role asks the ARN as the second of six pages', async () => {
    const { env, ui } = environment([pick('llama'), type(role), type('norole'), pick('ml.g5.2xlarge'), pick('Use these defaults'), review()], { roles: [] });
    await createEndpointWizard(env);
    assert.deepEqual(positions(ui), [1, 2, 3, 4, 5, 6].map((step) => `${main} ${step}/6`));
  });

  // Issue 17, item 3: fallback instance types for a wake.
  it('offers fallback GPU types with their hardware, price and copies that fit, checks the 5-pool limit and writes InstancePools by priority', async () => {
    const advanced = (fallbacks: ScriptEntry[]) => [
      ...required('pools'),
      pick('Change advanced settings…'),
      accept(),
      type('2'),
      pick('Release an instance once it is empty'), // the scale-in page (issue 17, item 2)
      pick('Least outstanding requests'),
      accept(),
      accept(), // 1 GPU
      type('16384'),
      accept(),
      accept(),
      ...fallbacks,
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick(/^Skip/),
      review(),
    ];
    const { env, ui } = environment(
      advanced([
        pickMany(/^ml\.g6\.2xlarge$/, /^ml\.g6e\.xlarge$/, /^ml\.g5\.xlarge$/, /^ml\.g6\.xlarge$/, /^ml\.g5\.4xlarge$/),
        pickMany(/^ml\.g6e\.xlarge$/, /^ml\.g6\.2xlarge$/),
      ]),
    );
    const result = await createEndpointWizard(env);
    const pages = ui.pages.filter((page) => page.kind === 'pickMany');
    assert.match(pages[0].text, /^Fallback instance types if ml\.g5\.2xlarge has no capacity at a wake \(InstancePools\): up to 4, tried in this order/);
    assert.equal(pages[1].text, 'At most 4 fallback types: an endpoint variant takes 5 instance pools in all (ml.g5.2xlarge and 4 more). You picked 5.');
    const g6 = pages[0].items.find((item) => item.label === 'ml.g6.2xlarge');
    assert.equal(g6?.description, '8 vCPUs · 32 GiB · 1 GPU');
    assert.match(g6?.detail ?? '', /^≈ \$[0-9.]+\/h on demand · 1 copy fits on one instance$/);
    const labels = pages[0].items.map((item) => item.label);
    assert.ok(!labels.includes('ml.g5.2xlarge') && !labels.some((label) => label.startsWith('ml.inf2') || label.startsWith('ml.m5')), 'only other GPU types');
    assert.ok(labels.includes('ml.g5.xlarge'), 'a 16 GiB type still holds a 16 GiB copy');
    assert.match(pages[0].items.find((item) => item.label === 'ml.g5.12xlarge')?.detail ?? '', / · 4 copies fit on one instance$/);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    const variant = (input(result.plan, 'createEndpointConfig').ProductionVariants as Record<string, unknown>[])[0];
    assert.equal(variant.InstanceType, undefined);
    const cheapestFirst = labels.filter((label) => label === 'ml.g6.2xlarge' || label === 'ml.g6e.xlarge');
    assert.deepEqual(variant.InstancePools, [{ InstanceType: 'ml.g5.2xlarge', Priority: 1 }, ...cheapestFirst.map((type, index) => ({ InstanceType: type, Priority: index + 2 }))]);
    assert.ok(result.plan.notes?.some((note) => /when ml\.g5\.2xlarge has no capacity at a wake \(InsufficientInstanceCapacity\), SageMaker provisions ml\.g6/.test(note)));
  });

  it('keeps one instance type (InstanceType, no InstancePools) when no fallback is picked', async () => {
    const { env } = environment([...required('single'), pick('Use these defaults'), review()]);
    const result = await createEndpointWizard(env);
    if (result.kind !== 'plan') return assert.fail('no plan');
    const variant = (input(result.plan, 'createEndpointConfig').ProductionVariants as Record<string, unknown>[])[0];
    assert.equal(variant.InstanceType, 'ml.g5.2xlarge');
    assert.equal(variant.InstancePools, undefined);
  });
});

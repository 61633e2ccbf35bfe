import * as assert from 'node:assert/strict';
import { addInferenceComponentWizard } from '../../../src/wizards/addInferenceComponent/addInferenceComponentWizard';
import { type Plan } from '../../../src/wizards/plans/plan';
import { DemoAccount } from '../../support/demoAccount';
import { catalogNow } from '../../support/planCatalog';
import { accept, pick, pickMany, review, ScriptedUserInput, type ScriptEntry, type } from '../../support/scriptedUserInput';

/** Runs the wizard on the demo account (opened on `endpoint`'s row, or from the palette) and returns its plan and the pages it showed. */
async function run(script: ScriptEntry[], endpoint?: string, priceOverrides = {}): Promise<{ plan: Plan; ui: ScriptedUserInput }> {
  const account = new DemoAccount(catalogNow);
  const ui = new ScriptedUserInput(script);
  const result = await addInferenceComponentWizard({ ...account.environment(ui), priceOverrides }, endpoint);
  ui.assertUsed();
  assert.equal(result.kind, 'plan');
  return { plan: (result as { plan: Plan }).plan, ui };
}

const page = (ui: ScriptedUserInput, prefix: string) => ui.pages.find((candidate) => candidate.text.startsWith(prefix));

describe('Add Inference Component…: one more model on an endpoint, with the fit check (issue 18 item 2)', () => {
  it('on demo-scale-to-zero, whose one GPU demo-llama3-8b holds: the copy needs the second instance MaxInstanceCount 2 allows, and the plan says what it costs', async () => {
    const { plan, ui } = await run(
      [pick('demo-embeddings-model'), accept(), accept(), type('8192'), type('1'), type('2', '1'), pickMany('Data cache'), pick('Add the scale-to-zero auto scaling'), review('run')],
      'demo-scale-to-zero',
    );
    // The copy count page says where the copies go, and refuses 2 copies (3 instances, over MaxInstanceCount 2).
    const copies = page(ui, 'Initial copy count')!;
    assert.match(copies.text, /No room on the 1 instance running now: the copy needs 1 new ml\.g5\.2xlarge \(managed instance scaling starts it, up to 2\), ≈ \$1\.52\/h more while it runs/);
    assert.deepEqual(copies.errors, ['2 copies need 3 instances of ml.g5.2xlarge, over MaxInstanceCount 2: at most 1 copy can be placed.']);
    assert.deepEqual(
      plan.steps.map((step) => step.operation),
      ['CreateInferenceComponent', 'RegisterScalableTarget', 'PutScalingPolicy', 'PutScalingPolicy', 'PutMetricAlarm'],
    );
    const create = plan.steps[0].input;
    assert.equal(create.InferenceComponentName, 'demo-embeddings-ic');
    assert.equal(create.EndpointName, 'demo-scale-to-zero');
    assert.equal(create.VariantName, 'AllTraffic');
    assert.deepEqual((create.Specification as { ComputeResourceRequirements: unknown }).ComputeResourceRequirements, {
      NumberOfCpuCoresRequired: 1,
      MinMemoryRequiredInMb: 8192,
      NumberOfAcceleratorDevicesRequired: 1,
    });
    assert.deepEqual(create.RuntimeConfig, { CopyCount: 1 });
    // The scalable target's MaxCapacity is held to the one copy that can be placed.
    assert.equal(plan.steps[1].input.MaxCapacity, 1);
    assert.match(plan.cost!.description, /^1 × ml\.g5\.2xlarge ≈ \$1\.52\/h/);
    assert.match(plan.notes!.join('\n'), /Instances are released only when every inference component on demo-scale-to-zero is at 0 copies: until demo-embeddings-ic scales in, its copies keep the endpoint's instances up beside demo-llama3-8b\./);
  });

  it('from the palette: picks the endpoint, reads its component, and without auto scaling says the new component keeps the instances alive', async () => {
    // demo-always-on: ml.g5.2xlarge (8 vCPUs, 32 GiB, 1 GPU) with demo-mistral-7b (2 vCPUs, 24 GiB, 1 GPU): a 1-GPU copy cannot fit, MinInstanceCount 1 MaxInstanceCount 2.
    const { plan, ui } = await run(
      [pick('demo-always-on'), pick('demo-mistral-7b-model'), type('always-second-ic'), accept(), type('4096'), type('1'), accept(), pickMany(), pick(/^Skip/), review('run')],
      undefined,
    );
    assert.match(page(ui, 'Initial copy count')!.text, /the copy needs 1 new ml\.g5\.2xlarge/);
    assert.deepEqual(plan.steps.map((step) => step.operation), ['CreateInferenceComponent']);
    assert.match(plan.notes!.join('\n'), /Without the auto-scaling setup nothing scales always-second-ic's copies to 0: it keeps the endpoint's instances alive/);
  });

  it('refuses what never fits: more memory per copy than the instance type has', async () => {
    const { ui } = await run(
      [pick('demo-embeddings-model'), accept(), accept(), type('40000', '4096'), type('1'), accept(), pickMany(), pick(/^Skip/), review('run')],
      'demo-cold',
    );
    assert.deepEqual(page(ui, 'Memory per copy')!.errors, ['ml.g5.xlarge has 16384 MiB of memory: a copy cannot need 40000 MiB.']);
    // demo-cold has no instance running: even the first copy needs one.
    assert.match(page(ui, 'Initial copy count')!.text, /No instance runs now: the copy needs 1 new ml\.g5\.xlarge/);
  });
});

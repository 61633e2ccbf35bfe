import * as assert from 'node:assert/strict';
import { loadServiceModel } from '@s2z/service-models';
import { type Plan, type PlanStep } from '../../../src/wizards/plans/plan';
import { batchPercentRange, defaultRollingPolicy, maxRollbackAlarms, timeoutRange, waitIntervalRange } from '../../../src/wizards/updateModel/rollingPolicy';
import { fitWarning, zeroCopiesWarning } from '../../../src/wizards/updateModel/updateModelChecks';
import { updateModelWizard } from '../../../src/wizards/updateModel/updateModelWizard';
import { type InferenceComponentSnapshot } from '../../../src/resources/resourceSnapshots';
import { DemoAccount } from '../../support/demoAccount';
import { catalogNow } from '../../support/planCatalog';
import { accept, pick, pickMany, review, ScriptedUserInput, type ScriptEntry, type } from '../../support/scriptedUserInput';

/** A component with one copy (1 vCPU, 1024 MiB) on demo-scale-to-zero, beside demo-llama3-8b. */
const rolling: PlanStep = {
  id: 'setup-rolling',
  service: 'sagemaker',
  operation: 'CreateInferenceComponent',
  description: 'Create inference component unit-rolling',
  input: {
    InferenceComponentName: 'unit-rolling',
    EndpointName: 'demo-scale-to-zero',
    VariantName: 'AllTraffic',
    Specification: { ModelName: 'demo-llama3-8b-model', ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 } },
    RuntimeConfig: { CopyCount: 1 },
  },
};

async function run(component: string, script: ScriptEntry[]): Promise<{ plan: Plan; ui: ScriptedUserInput }> {
  const account = new DemoAccount(catalogNow);
  account.apply([rolling]);
  const ui = new ScriptedUserInput(script);
  const result = await updateModelWizard(account.environment(ui), component);
  if (result.kind !== 'plan') throw new Error('the wizard ended without a plan');
  return { plan: result.plan, ui };
}

const defaults = (model = 'demo-mistral-7b-model'): ScriptEntry[] => [pick(model), pick('Keep them'), pick('Use these defaults'), pickMany(), review('run')];

describe('Update Model…: a rolling update of an inference component (issue 18, item 3)', () => {
  it('takes its ranges and the 5–50 % rule from botocore\'s SageMaker model', () => {
    const shapes = loadServiceModel('sagemaker').shapes;
    const policy = shapes.InferenceComponentRollingUpdatePolicy;
    const member = (name: string) => shapes[(policy.members?.[name] as { shape: string }).shape];
    assert.equal(member('WaitIntervalInSeconds').min, waitIntervalRange.min);
    assert.equal(member('WaitIntervalInSeconds').max, waitIntervalRange.max);
    assert.equal(member('MaximumExecutionTimeoutInSeconds').min, timeoutRange.min);
    assert.equal(member('MaximumExecutionTimeoutInSeconds').max, timeoutRange.max);
    assert.deepEqual(policy.required, ['MaximumBatchSize', 'WaitIntervalInSeconds']);
    assert.match((policy.members?.MaximumBatchSize as { documentation?: string }).documentation ?? '', new RegExp(`between ${batchPercentRange.min}% to ${batchPercentRange.max}% of the copy count`));
    assert.equal(shapes.AlarmList.max, maxRollbackAlarms);
    assert.deepEqual(shapes.InferenceComponentCapacitySizeType.enum, ['COPY_COUNT', 'CAPACITY_PERCENT']);
  });

  it('builds one UpdateInferenceComponent with the default policy, followed until the copies have rolled', async () => {
    const { plan, ui } = await run('unit-rolling', defaults());
    assert.equal(plan.title, 'Update unit-rolling to model demo-mistral-7b-model');
    assert.equal(plan.steps.length, 1);
    const [step] = plan.steps;
    assert.equal(step.operation, 'UpdateInferenceComponent');
    assert.equal(step.waitFor, 'rollingUpdate');
    assert.equal(step.modifiesExisting, true);
    assert.deepEqual(step.input, {
      InferenceComponentName: 'unit-rolling',
      Specification: { ModelName: 'demo-mistral-7b-model', ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 } },
      DeploymentConfig: { RollingUpdatePolicy: { MaximumBatchSize: { Type: 'COPY_COUNT', Value: 1 }, WaitIntervalInSeconds: defaultRollingPolicy.waitSeconds, MaximumExecutionTimeoutInSeconds: 3600 } },
    });
    assert.ok(plan.notes?.some((note) => /only the timeout rolls the update back/.test(note)), plan.notes?.join('\n'));
    // The component's own model is not offered: it runs it already.
    const source = ui.pages[0];
    assert.ok(!source.items.some((item) => item.label === 'demo-llama3-8b-model'));
    assert.match(source.text, /unit-rolling runs model demo-llama3-8b-model/);
  });

  it('the policy pages: batch in percent, wait, timeout, a rollback batch and alarms, refusing values outside the model and the rule', async () => {
    const { plan, ui } = await run('unit-rolling', [
      pick(/^A container image/),
      type('not an image', '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.32.0-lmi14.0.0-cu126'),
      type('s3://models/llama.tar.gz'),
      pick('Keep them'),
      pick(/^Change the rolling policy/),
      pick('Percent of the copies'),
      type('60', '4', '50'),
      type('3601', '90'),
      type('599', '28801', '1200'),
      pick('By percent of the copies…'),
      type('101', '100'),
      pickMany(/demo-mistral-7b-AlarmHigh/, /demo-llama3-8b-AlarmHigh/),
      review('run'),
    ]);
    assert.deepEqual(plan.steps[0].input.DeploymentConfig, {
      RollingUpdatePolicy: {
        MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 50 },
        WaitIntervalInSeconds: 90,
        MaximumExecutionTimeoutInSeconds: 1200,
        RollbackMaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 100 },
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'TargetTracking-inference-component/demo-llama3-8b-AlarmHigh' }, { AlarmName: 'TargetTracking-inference-component/demo-mistral-7b-AlarmHigh' }] },
    });
    assert.deepEqual((plan.steps[0].input.Specification as Record<string, unknown>).Container, {
      Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.32.0-lmi14.0.0-cu126',
      ArtifactUrl: 's3://models/llama.tar.gz',
    });
    assert.deepEqual(ui.pages.flatMap((page) => page.errors), [
      'The image URI may not contain spaces.',
      'The batch size in percent must be at most 50.',
      'The batch size in percent must be at least 5.',
      'The wait interval must be at most 3600.',
      'The timeout must be at least 600.',
      'The timeout must be at most 28800.',
      'The rollback batch in percent must be at most 100.',
    ]);
  });

  it('refuses a batch of more than half the copies (one copy: a batch of 1 is allowed)', async () => {
    const { plan, ui } = await run('unit-rolling', [
      pick('demo-mistral-7b-model'),
      pick('Keep them'),
      pick(/^Change the rolling policy/),
      pick('Copies'),
      type('2', '1'),
      accept(),
      accept(),
      pick('All at once'),
      pickMany(),
      review('run'),
    ]);
    assert.deepEqual(ui.pages.flatMap((page) => page.errors), ['AWS allows a batch of at most 50% of the 1 copy: at most 1.']);
    assert.deepEqual((plan.steps[0].input.DeploymentConfig as { RollingUpdatePolicy: unknown }).RollingUpdatePolicy, {
      MaximumBatchSize: { Type: 'COPY_COUNT', Value: 1 },
      WaitIntervalInSeconds: 300,
      MaximumExecutionTimeoutInSeconds: 3600,
    });
  });

  it('warns of a component with 0 copies: nothing rolls, no alarm is watched, the next wake starts the new model', async () => {
    const { plan } = await run('demo-embeddings', defaults('demo-mistral-7b-model'));
    assert.ok(plan.notes?.some((note) => /demo-embeddings has 0 copies \(it is asleep\): there is nothing to roll/.test(note) && /AWS does not document this case/.test(note)), plan.notes?.join('\n'));
    const { plan: awake } = await run('unit-rolling', defaults());
    assert.ok(!awake.notes?.some((note) => /0 copies/.test(note)));
  });

  it('asks the new requirements within the instance\'s own (the fit beside the other components is a warning, below)', async () => {
    const { plan, ui } = await run('unit-rolling', [pick('demo-mistral-7b-model'), pick(/^Change them/), type('2', '1'), type('40000', '30000'), type('9', '1.5'), pick('Use these defaults'), pickMany(), review('run')]);
    // ml.g5.2xlarge: 1 GPU, 32768 MiB, 8 vCPUs.
    assert.deepEqual(ui.pages.flatMap((page) => page.errors), ['The accelerator count must be at most 1.', 'The memory must be at most 32768.', 'The CPU core count must be at most 8.']);
    assert.deepEqual((plan.steps[0].input.Specification as Record<string, unknown>).ComputeResourceRequirements, {
      NumberOfAcceleratorDevicesRequired: 1,
      NumberOfCpuCoresRequired: 1.5,
      MinMemoryRequiredInMb: 30000,
    });
    // Beside demo-llama3-8b (1 GPU, 24 GiB) on up to 2 instances, a copy of 1 GPU and 30000 MiB still fits.
    assert.ok(!plan.notes?.some((note) => /fit/.test(note)), plan.notes?.join('\n'));
  });
});

describe('Update Model…: the fit check beside the other components', () => {
  const ic = (copies: number): InferenceComponentSnapshot => ({
    name: 'ic',
    arn: 'arn',
    endpointName: 'ep',
    status: 'InService',
    currentCopyCount: copies,
    desiredCopyCount: copies,
    compute: { accelerators: 1, memoryMb: 4096, cpuCores: 1 },
  });
  // 1 × ml.g5.12xlarge: 4 GPUs, 192 GiB, 48 vCPUs; another component holds 1 GPU.
  const room = { instanceType: 'ml.g5.12xlarge', maxInstances: 1, otherCopies: [{ accelerators: 1, memoryMb: 4096, cpuCores: 1 }] };
  const next = { accelerators: 1, memoryMb: 8192, cpuCores: 1 };

  it('fits: 2 copies of 1 GPU beside 1, and a batch of 1 beside the 2 old ones', () => {
    assert.equal(fitWarning(ic(2), next, room, defaultRollingPolicy), undefined);
  });

  it('no longer fits after the update: 2 copies of 2 GPUs beside 1 need 5 of 4', () => {
    assert.match(fitWarning(ic(2), { ...next, accelerators: 2 }, room, defaultRollingPolicy) ?? '', /no longer fit: 2 new copies beside the other components need 5 accelerators of 4 on 1 × ml\.g5\.12xlarge/);
  });

  it('no room for a batch beside the old copies: 3 old + 1 other + 1 new need 5 GPUs of 4', () => {
    assert.match(fitWarning(ic(3), next, room, defaultRollingPolicy) ?? '', /A batch of 1 new copy must start beside the 3 old ones, and there is no room for it \(5 accelerators of 4/);
    assert.equal(zeroCopiesWarning(ic(3)), undefined);
    assert.match(zeroCopiesWarning(ic(0)) ?? '', /nothing to roll/);
  });
});

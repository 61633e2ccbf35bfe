import * as assert from 'node:assert/strict';
import { isOutputRef } from '../../../src/wizards/plans/plan';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import { accept, back, pick, pickMany, review, type } from '../../support/scriptedUserInput';
import { operations, stepById, WizardHarness } from './support/wizardHarness';

const image = '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124';
const role = 'arn:aws:iam::123456789012:role/MySageMakerRole';

describe('Wizard 1: create a scale-to-zero endpoint', () => {
  let harness: WizardHarness;

  beforeEach(async () => {
    harness = await WizardHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  it('creates a new model with every validation message, then the endpoint, the IC and wizard 2\'s setup in one plan', async () => {
    const { env, prompter } = harness.environment([
      pick('Create a new model…'),
      type('', '-bad', 'a'.repeat(64), 'demo-llama3-8b-model', 'my-model'),
      type('', 'has space', 'not-an-image', image),
      type('ftp://bucket/model.tar.gz', 's3://my-bucket/llama/model.tar.gz'),
      type('NOEQUALS', '1X=2', 'A=1, A=2', 'HF_MODEL_ID=meta-llama/Llama-3.1-8B-Instruct, SM_NUM_GPUS=1'),
      pick('Enter a role ARN…'),
      type('', 'MyRole', 'arn:aws:iam::12345:role/x', role),
      type('demo-cold', 'my_endpoint', 'my-endpoint'),
      pick('ml.g5.2xlarge'),
      pick('Change advanced settings…'),
      type('demo-cold-config', 'my-endpoint-config'),
      type('0', '2'),
      pick('Consolidation with my own step and cooldown…'),
      type('0', '101', '2'),
      type('4', '1441', '30'),
      pick('Least outstanding requests'),
      type('demo-llama3-8b', 'my-ic'),
      type('0', '2', '1'),
      type('32769', '127', '24576'),
      type('0.1', '9', '2'),
      type('0', '3', '2'),
      pickMany(),
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick('Add it and change its settings…'),
      type('3', '2'),
      pick(/Concurrent requests/),
      accept(),
      accept(),
      accept(),
      accept(), // no idle timeout: target tracking scales in
      review('exportBoto3'),
    ]);
    const result = await createEndpointWizard(env);
    assert.equal(prompter.remaining, 0);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.equal(result.action, 'exportBoto3');
    const plan = result.plan;
    assert.deepEqual(operations(plan), [
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'CreateInferenceComponent',
      'RegisterScalableTarget',
      'PutScalingPolicy',
      'PutScalingPolicy',
      'PutMetricAlarm',
    ]);
    assert.deepEqual(stepById(plan, 'createModel').input, {
      ModelName: 'my-model',
      ExecutionRoleArn: role,
      PrimaryContainer: {
        Image: image,
        ModelDataUrl: 's3://my-bucket/llama/model.tar.gz',
        Environment: { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', SM_NUM_GPUS: '1' },
      },
    });
    assert.deepEqual(stepById(plan, 'createEndpointConfig').input, {
      EndpointConfigName: 'my-endpoint-config',
      ExecutionRoleArn: role,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          InstanceType: 'ml.g5.2xlarge',
          InitialInstanceCount: 1,
          ManagedInstanceScaling: {
            Status: 'ENABLED',
            MinInstanceCount: 0,
            MaxInstanceCount: 2,
            ScaleInPolicy: { Strategy: 'CONSOLIDATION', MaximumStepSize: 2, CooldownInMinutes: 30 },
          },
          RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
        },
      ],
    });
    const endpoint = stepById(plan, 'createEndpoint');
    assert.deepEqual(endpoint.input, { EndpointName: 'my-endpoint', EndpointConfigName: 'my-endpoint-config' });
    assert.equal(endpoint.waitFor, 'endpointInService');
    const ic = stepById(plan, 'createInferenceComponent');
    assert.equal(ic.waitFor, 'inferenceComponentInService');
    assert.deepEqual(ic.creates, { kind: 'inferenceComponent', name: 'my-ic' });
    assert.deepEqual(ic.input.Specification, {
      ModelName: 'my-model',
      StartupParameters: { ModelDataDownloadTimeoutInSeconds: 3600, ContainerStartupHealthCheckTimeoutInSeconds: 3600 },
      ComputeResourceRequirements: { NumberOfCpuCoresRequired: 2, MinMemoryRequiredInMb: 24576, NumberOfAcceleratorDevicesRequired: 1 },
      DataCacheConfig: { EnableCaching: true }, // the wizard's default (issue 17, item 4)
    });
    assert.deepEqual(ic.input.RuntimeConfig, { CopyCount: 2 });
    assert.equal(stepById(plan, 'registerScalableTarget').input.MaxCapacity, 2);
    assert.equal(stepById(plan, 'registerScalableTarget').input.ResourceId, 'inference-component/my-ic');
    const alarmAction = (stepById(plan, 'putWakeAlarm').input.AlarmActions as unknown[])[0];
    assert.ok(isOutputRef(alarmAction) && alarmAction.$ref === 'stepPolicyArn');
    assert.ok(plan.steps.every((step) => step.creates && !step.modifiesExisting), 'everything is new');
    assert.equal(plan.cost?.hourlyUsd, 1.52);
    assert.match(plan.cost?.description ?? '', /approximate.*us-east-1.*2025-01-15/);
    assert.match(plan.notes?.[0] ?? '', /bill from creation until the first scale-in/);

    const errors = (text: RegExp) => prompter.page(text).errors;
    // The scale-in numbers are held to the model's ranges (MaximumStepSize 1–100, CooldownInMinutes 5–1440).
    assert.deepEqual(errors(/^MaximumStepSize/), ['MaximumStepSize must be at least 1.', 'MaximumStepSize must be at most 100.']);
    assert.deepEqual(errors(/^CooldownInMinutes/), ['CooldownInMinutes must be at least 5.', 'CooldownInMinutes must be at most 1440.']);
    assert.deepEqual(errors(/Name of the new model/), [
      'Enter a name for the model.',
      'The model name may contain only letters, digits and hyphens, and must start and end with a letter or digit.',
      'The model name is 64 characters long: SageMaker allows at most 63.',
      'A model named demo-llama3-8b-model already exists in this account and region.',
    ]);
    assert.equal(errors(/Container image URI/).length, 3);
    assert.match(errors(/Container image URI/)[1], /may not contain spaces/);
    assert.match(errors(/Container image URI/)[2], /registry path/);
    assert.deepEqual(errors(/Model data URL/), ['The model data URL must start with s3:// or https://.']);
    assert.deepEqual(errors(/Environment variables/), [
      '"NOEQUALS" is not KEY=value.',
      '"1X" is not a valid variable name (letters, digits and _, not starting with a digit).',
      'A is set twice.',
    ]);
    assert.deepEqual(errors(/Execution role ARN/), [
      'Enter an IAM role ARN.',
      'Enter the role\'s ARN (arn:aws:iam::123456789012:role/Name), not its name.',
      'This is not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>.',
    ]);
    assert.deepEqual(errors(/Name of the new endpoint/), [
      'A endpoint named demo-cold already exists in this account and region.',
      'The endpoint name may contain only letters, digits and hyphens, and must start and end with a letter or digit.',
    ]);
    assert.equal(prompter.page(/Name of the endpoint config/).value, 'my-endpoint-config');
    assert.deepEqual(errors(/Name of the endpoint config/), ['A endpoint config named demo-cold-config already exists in this account and region.']);
    assert.deepEqual(errors(/maximum instances/), ['The maximum instance count must be at least 1.']);
    assert.deepEqual(errors(/Name of the inference component/), ['A inference component named demo-llama3-8b already exists in this account and region.']);
    assert.equal(prompter.page(/Name of the inference component/).value, 'my-endpoint-ic');
    assert.deepEqual(errors(/Accelerators per copy/), [
      'The accelerator count must be at least 1.',
      'ml.g5.2xlarge has 1 accelerator: a copy cannot need 2.',
    ]);
    assert.deepEqual(errors(/Memory per copy/), [
      'ml.g5.2xlarge has 32768 MiB of memory: a copy cannot need 32769 MiB.',
      'The memory must be at least 128.',
    ]);
    assert.deepEqual(errors(/CPU cores per copy/), ['The CPU core count must be at least 0.25.', 'ml.g5.2xlarge has 8 vCPUs: a copy cannot need 9.']);
    assert.deepEqual(errors(/Initial copy count/), [
      'The initial copy count must be at least 1.',
      'Only 2 copies fit on 2 × ml.g5.2xlarge with these requirements.',
    ]);
    assert.match(prompter.page(/Initial copy count/).text, /bill until the first scale-in/);
    assert.deepEqual(errors(/Maximum copies/), ['Only 2 copies fit on 2 × ml.g5.2xlarge: MaxCapacity above it can never be placed.']);
    // Instance types are grouped by family with their hardware.
    const types = prompter.page(/Instance type/).items;
    const g5 = types.find((item) => item.label === 'ml.g5.12xlarge')!;
    assert.equal(g5.group, 'g5 (NVIDIA GPU)');
    assert.equal(g5.description, '48 vCPUs · 192 GiB · 4 GPUs');
    assert.equal(types.find((item) => item.label === 'ml.inf2.xlarge')?.description, '4 vCPUs · 16 GiB · 1 Neuron device');
    assert.equal(types.find((item) => item.label === 'ml.m5.large')?.group, 'm5 (CPU)');
    assert.ok(types.findIndex((item) => item.group === 'm5 (CPU)') > types.findIndex((item) => item.group === 'p5 (NVIDIA GPU)'), 'accelerated first');
    // The review page says the cost; the full plan beside it lists every call with its parameters, nested ones in full.
    const summary = prompter.page(/^Create scale-to-zero endpoint my-endpoint/).text;
    assert.match(summary, /\n\d\. SageMaker CreateEndpointConfig\nCreate endpoint config my-endpoint-config[^\n]*\nEndpointConfigName: my-endpoint-config\n/);
    assert.match(summary, /\nManagedInstanceScaling:\nStatus: ENABLED\nMinInstanceCount: 0\nMaxInstanceCount: \d+\n/);
    assert.match(summary, /AlarmActions:\n<stepPolicyArn> \(from an earlier call's response\)/);
    assert.match(summary, /Cost: 1 × ml\.g5\.2xlarge ≈ \$1\.52\/h/);
    // Six pages in the wizard's own walk whatever the path; the new model, the typed role, the advanced
    // settings and the auto scaling's settings are sections counted on their own.
    assert.deepEqual(prompter.pages.at(-1)?.step, { title: 'Create Scale-to-Zero Endpoint', step: 6, totalSteps: 6, estimated: false, canGoBack: true });
    assert.deepEqual(prompter.page(/Container image URI/).step, { title: 'Create Scale-to-Zero Endpoint: New model', step: 2, totalSteps: 4, estimated: false, canGoBack: true });
    assert.deepEqual(prompter.page(/Execution role ARN/).step, { title: 'Create Scale-to-Zero Endpoint: Execution role', step: 1, totalSteps: 1, estimated: false, canGoBack: true });
    assert.deepEqual(prompter.page(/Initial copy count/).step, { title: 'Create Scale-to-Zero Endpoint: Advanced settings', step: 9, totalSteps: 13, estimated: false, canGoBack: true });
    assert.deepEqual(prompter.page(/^CooldownInMinutes/).step, { title: 'Create Scale-to-Zero Endpoint: Scale-in', step: 2, totalSteps: 2, estimated: false, canGoBack: true });
    assert.deepEqual(prompter.page(/Scale-out cooldown/).step, { title: 'Create Scale-to-Zero Endpoint: Auto scaling', step: 5, totalSteps: 6, estimated: false, canGoBack: true });
    assert.deepEqual(prompter.page(/Sleep after how many idle minutes/).step, { title: 'Create Scale-to-Zero Endpoint: Auto scaling', step: 6, totalSteps: 6, estimated: false, canGoBack: true });
  });

  it('deploys an existing model with a role read from the account, a CPU type and no auto scaling; Back changes the instance type', async () => {
    const { env, prompter } = harness.environment([
      pick('demo-embeddings-model'),
      pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
      type('cpu-endpoint'),
      pick('ml.g5.xlarge'),
      back(),
      pick('ml.m5.xlarge'),
      pick('Change advanced settings…'),
      accept(),
      accept(),
      pick('Release an instance once it is empty'),
      pick('Random'),
      accept(),
      type('4096'),
      type('1'),
      accept(),
      pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
      pickMany(), // endpoint settings: AWS's defaults
      pick(/^Skip/),
      review(),
    ]);
    const result = await createEndpointWizard(env);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.deepEqual(operations(result.plan), ['CreateEndpointConfig', 'CreateEndpoint', 'CreateInferenceComponent']);
    const variant = (stepById(result.plan, 'createEndpointConfig').input.ProductionVariants as Record<string, unknown>[])[0];
    assert.equal(variant.InstanceType, 'ml.m5.xlarge');
    assert.deepEqual(variant.RoutingConfig, { RoutingStrategy: 'RANDOM' });
    assert.equal(stepById(result.plan, 'createEndpointConfig').input.ExecutionRoleArn, 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole');
    assert.deepEqual((stepById(result.plan, 'createInferenceComponent').input.Specification as Record<string, unknown>).ComputeResourceRequirements, {
      NumberOfCpuCoresRequired: 1,
      MinMemoryRequiredInMb: 4096,
    });
    assert.equal(
      (stepById(result.plan, 'createInferenceComponent').input.Specification as Record<string, unknown>).ModelName,
      'demo-embeddings-model',
    );
    assert.ok(!prompter.pages.some((page) => /Accelerators per copy/.test(page.text)), 'a CPU type asks no accelerators');
    const instancePages = prompter.pages.filter((page) => /Instance type/.test(page.text));
    assert.equal(instancePages.length, 2);
    assert.equal(instancePages[1].items.find((item) => item.picked)?.label, 'ml.g5.xlarge', 'Back re-asks with the previous answer picked');
    assert.equal(prompter.page(/Memory per copy/).value, '8192', 'half the m5.xlarge memory by default');
    assert.match(result.plan.notes?.join(' ') ?? '', /Enable Scale to Zero/);
  });
});

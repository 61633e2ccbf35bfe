import * as assert from 'node:assert/strict';
import { compileJavaPattern, loadServiceModel } from '@s2z/service-models';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import {
  capacityReservationPreference,
  inferenceAmiStacks,
  inferenceAmiVersions,
  metricPublishFrequencies,
  mlReservationArnRule,
  validateMlReservationArn,
} from '../../../src/wizards/createEndpoint/endpointSettings';
import { type Plan } from '../../../src/wizards/plans/plan';
import { accept, pick, pickMany, review, type ScriptedUserInput, type ScriptEntry, type } from '../../support/scriptedUserInput';
import { oneModelRole, oneModelWizardEnvironment } from '../../support/oneModelWizardEnvironment';

const role = oneModelRole;
const environment = oneModelWizardEnvironment;
const reservation = 'arn:aws:sagemaker:us-east-1:123456789012:training-plan/g5-for-wakes';

/** The required answers and the advanced section with its defaults, `settings` on the endpoint-settings page, then the scale-to-zero setup. */
function walk(instanceType: string, settings: ScriptEntry[]): ScriptEntry[] {
  const accelerated = !instanceType.startsWith('ml.m5');
  return [
    pick('llama'),
    pick(role),
    type('settings'),
    pick(instanceType),
    pick('Change advanced settings…'),
    accept(), // config name
    accept(), // maximum instances
    pick('Release an instance once it is empty'),
    pick('Least outstanding requests'),
    accept(), // component name
    ...(accelerated ? [accept()] : []), // accelerators
    accept(), // memory
    accept(), // CPU cores
    accept(), // copies
    ...(accelerated ? [pickMany()] : []), // no fallback type
    pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
    ...settings,
    pick('Add the scale-to-zero auto scaling'),
    review(),
  ];
}

async function planOf(instanceType: string, settings: ScriptEntry[]): Promise<{ plan: Plan; ui: ScriptedUserInput }> {
  const { env, ui } = environment(walk(instanceType, settings));
  const result = await createEndpointWizard(env);
  assert.equal(result.kind, 'plan');
  if (result.kind !== 'plan') throw new Error('no plan');
  return { plan: result.plan, ui };
}

const stepInput = (plan: Plan, id: string) => plan.steps.find((step) => step.id === id)!.input as Record<string, unknown>;
const variantOf = (plan: Plan) => (stepInput(plan, 'createEndpointConfig').ProductionVariants as Record<string, unknown>[])[0];

describe('Create Scale-to-Zero Endpoint: the endpoint\'s AMI, reserved capacity and metrics (issue 17, item 4)', () => {
  it('takes the AMI versions, the reservation preference and the ARN rules from botocore\'s SageMaker model, and the frequencies from its documentation', () => {
    const shapes = loadServiceModel('sagemaker').shapes;
    assert.deepEqual(shapes.ProductionVariantInferenceAmiVersion.enum, [...inferenceAmiVersions]);
    assert.deepEqual(shapes.CapacityReservationPreference.enum, [capacityReservationPreference]);
    assert.equal(shapes.MlReservationArn.min, mlReservationArnRule.min);
    assert.equal(shapes.MlReservationArn.max, mlReservationArnRule.max);
    assert.equal(shapes.MlReservationArn.pattern, mlReservationArnRule.pattern);
    const documentation = (shapes.MetricsConfig.members?.MetricPublishFrequencyInSeconds as { documentation?: string }).documentation ?? '';
    const listed = /Valid values: ([^.]+)\./.exec(documentation.replace(/<[^>]+>/g, ''))?.[1];
    assert.deepEqual(listed?.split(/,\s*/).map(Number), [...metricPublishFrequencies]);
    const amiDocs = ((shapes.ProductionVariant.members?.InferenceAmiVersion as { documentation?: string }).documentation ?? '').replace(/<[^>]+>/g, ' ');
    for (const version of inferenceAmiVersions) {
      const driver = /driver (\d+(?:\.\d+)?)/.exec(inferenceAmiStacks[version].stack)?.[1];
      assert.match(amiDocs, new RegExp(`${version}\\s+Accelerator[^]*?driver version: ${driver}`), `${version} carries the driver the model documents`);
    }
  });

  it('checks a reservation ARN with the model\'s pattern and lengths, as AWS would', () => {
    const pattern = compileJavaPattern(loadServiceModel('sagemaker').shapes.MlReservationArn.pattern ?? '');
    for (const arn of [reservation, 'arn:aws:sagemaker:us-east-1:123456789012:ml-reservation/r1', 'arn:aws:iam::123456789012:role/x', 'arn:aws:sagemaker:us-east-1:1234:training-plan/x', 'short']) {
      const modelAccepts = arn.length >= 20 && arn.length <= 258 && pattern.test(arn);
      assert.equal(validateMlReservationArn(arn) === undefined, modelAccepts, arn);
    }
  });

  it('asks one page, a line of why under each setting; nothing picked keeps AWS\'s defaults and sends none of the members', async () => {
    const { plan, ui } = await planOf('ml.g5.2xlarge', [pickMany()]);
    const page = ui.page(/Endpoint settings to change from AWS's defaults/);
    assert.equal(page.kind, 'pickMany');
    assert.deepEqual(page.items.map((item) => item.description), ['InferenceAmiVersion', 'CapacityReservationConfig', 'MetricsConfig']);
    for (const item of page.items) assert.ok((item.detail ?? '').length > 40 && (item.detail ?? '').length <= 78, `${item.label} says why in one line that fits the picker`);
    assert.match(page.items[0].detail ?? '', /or every copy start fails/);
    const variant = variantOf(plan);
    assert.equal(variant.InferenceAmiVersion, undefined);
    assert.equal(variant.CapacityReservationConfig, undefined);
    assert.equal(stepInput(plan, 'createEndpointConfig').MetricsConfig, undefined);
    assert.equal(stepInput(plan, 'putWakeAlarm').Period, 30, 'the blog\'s 30-second alarm on AWS\'s 60-second metrics');
  });

  it('asks only the picked settings and sends them: the AMI, the reservation (refusing an ARN the model refuses), 10-second enhanced metrics and a 10-second wake alarm', async () => {
    const { plan, ui } = await planOf('ml.g5.2xlarge', [
      pickMany(/GPU driver/, /Reserved capacity/, /more often/),
      pick('al2-ami-sagemaker-inference-gpu-3-1'),
      type('arn:aws:iam::123456789012:role/not-a-reservation', reservation),
      pick('Every 10 s'),
    ]);
    const ami = ui.page(/InferenceAmiVersion for ml\.g5\.2xlarge/);
    assert.deepEqual(ami.items.map((item) => item.label), inferenceAmiVersions.filter((version) => !version.includes('neuron')), 'GPU AMIs only on a GPU type');
    assert.ok(ami.items.every((item) => /CUDA/.test(String(item.description)) && (item.detail ?? '').length > 30));
    assert.match(ui.page(/ML reservation ARN/).errors[0] ?? '', /training-plan/);
    const variant = variantOf(plan);
    assert.equal(variant.InferenceAmiVersion, 'al2-ami-sagemaker-inference-gpu-3-1');
    assert.deepEqual(variant.CapacityReservationConfig, { CapacityReservationPreference: 'capacity-reservations-only', MlReservationArn: reservation });
    assert.deepEqual(stepInput(plan, 'createEndpointConfig').MetricsConfig, { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 10 });
    assert.equal(stepInput(plan, 'putWakeAlarm').Period, 10);
    assert.equal(
      (stepInput(plan, 'putTargetTrackingPolicy').TargetTrackingScalingPolicyConfiguration as { PredefinedMetricSpecification: { PredefinedMetricType: string } }).PredefinedMetricSpecification.PredefinedMetricType,
      'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
      'target tracking already follows the high-resolution metric',
    );
    assert.ok(plan.notes?.some((note) => /within about 20 s \(70 s sooner/.test(note)), 'the plan says what the metrics buy');
    assert.ok(plan.notes?.some((note) => /once it ends wakes fail/.test(note)), 'the plan says what the reservation means');
    assert.match(plan.steps.find((step) => step.id === 'createEndpointConfig')!.description, /AMI al2-ami-sagemaker-inference-gpu-3-1.*reserved capacity only.*enhanced metrics every 10 s/);
  });

  it('offers Neuron AMIs on Inferentia, no AMI on a CPU type, and a 30-second alarm for 30-second metrics', async () => {
    const { ui } = await planOf('ml.inf2.xlarge', [pickMany(/GPU driver/), pick('al2-ami-sagemaker-inference-neuron-2')]);
    assert.deepEqual(ui.page(/InferenceAmiVersion/).items.map((item) => item.label), ['al2-ami-sagemaker-inference-neuron-2']);
    const cpu = await planOf('ml.m5.xlarge', [pickMany(/more often/), pick('Every 30 s')]);
    assert.deepEqual(cpu.ui.page(/Endpoint settings/).items.map((item) => item.description), ['CapacityReservationConfig', 'MetricsConfig']);
    assert.equal(stepInput(cpu.plan, 'putWakeAlarm').Period, 30);
    assert.deepEqual(stepInput(cpu.plan, 'createEndpointConfig').MetricsConfig, { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 30 });
  });
});

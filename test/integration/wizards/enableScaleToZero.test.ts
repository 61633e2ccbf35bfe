import * as assert from 'node:assert/strict';
import { isOutputRef } from '../../../src/wizards/plans/plan';
import { enableScaleToZeroWizard } from '../../../src/wizards/enableScaleToZero/enableScaleToZeroWizard';
import { accept, back, cancel, pick, pickMany, review, type } from '../../support/scriptedUserInput';
import { operations, stepById, WizardHarness } from './support/wizardHarness';

describe('Wizard 2: enable scale to zero', () => {
  let harness: WizardHarness;

  beforeEach(async () => {
    harness = await WizardHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  it('repairs demo-embeddings: replaces the docs\' alarm trap in place, aimed at the existing step policy', async () => {
    const { env, prompter } = harness.environment([pickMany(/Replace the wake alarm/), review('exportCli')]);
    const result = await enableScaleToZeroWizard(env, 'demo-embeddings');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.equal(result.action, 'exportCli');
    assert.deepEqual(operations(result.plan), ['PutMetricAlarm']);
    const alarm = result.plan.steps[0];
    assert.equal(alarm.modifiesExisting, true);
    assert.equal(alarm.creates, undefined, 'a rollback never deletes the user\'s alarm');
    assert.equal(alarm.input.AlarmName, 'demo-embeddings-no-capacity', 'same name: PutMetricAlarm overwrites the wrong alarm');
    assert.equal(alarm.input.Statistic, 'Maximum');
    assert.equal(alarm.input.Period, 30);
    assert.equal(alarm.input.ComparisonOperator, 'GreaterThanOrEqualToThreshold');
    assert.equal(alarm.input.Threshold, 1);
    assert.equal(alarm.input.EvaluationPeriods, 1);
    assert.equal(alarm.input.DatapointsToAlarm, 1);
    assert.equal(alarm.input.TreatMissingData, 'missing');
    const actions = alarm.input.AlarmActions as string[];
    assert.equal(actions.length, 1);
    assert.match(actions[0], /^arn:aws:autoscaling:.*policyName\/demo-embeddings-step-scaling$/);
    // The repair page offered only the failing part, with the readiness check's reason.
    const repairs = prompter.page(/fails 1 part/);
    assert.deepEqual(repairs.items.map((item) => item.value), ['wakeAlarm']);
    assert.match(repairs.items[0].detail ?? '', /single request never wakes/);
    assert.deepEqual(repairs.step, { title: 'Enable Scale to Zero', step: 1, totalSteps: 2, estimated: false, canGoBack: false });
    assert.match(prompter.page(/Repair the scale-to-zero setup/).text, /Fails now: Wakes on a single request/);
  });

  it('repairs demo-mistral-7b: MinCapacity 1 becomes 0 in place; a step policy and the wake alarm are added and wired by $ref', async () => {
    const { env, prompter } = harness.environment([
      pick('demo-mistral-7b'),
      pickMany(/MinCapacity to 0/, /step policy/, /NoCapacity alarm/),
      type('0', 'x', '3'),
      review('run'),
    ]);
    const result = await enableScaleToZeroWizard(env);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.deepEqual(operations(result.plan), ['RegisterScalableTarget', 'PutScalingPolicy', 'PutMetricAlarm']);
    const target = stepById(result.plan, 'registerScalableTarget');
    assert.deepEqual(target.input, {
      ServiceNamespace: 'sagemaker',
      ResourceId: 'inference-component/demo-mistral-7b',
      ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
      MinCapacity: 0,
      MaxCapacity: 3,
    });
    assert.equal(target.modifiesExisting, true);
    const step = stepById(result.plan, 'putStepScalingPolicy');
    assert.deepEqual(step.input.StepScalingPolicyConfiguration, {
      AdjustmentType: 'ChangeInCapacity',
      MetricAggregationType: 'Maximum',
      Cooldown: 60,
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
    });
    assert.equal(step.input.PolicyType, 'StepScaling');
    assert.deepEqual(step.outputs, { stepPolicyArn: 'PolicyARN' });
    assert.deepEqual(step.creates, {
      kind: 'scalingPolicy',
      policyName: 'demo-mistral-7b-step-scale-out-from-zero',
      resourceId: 'inference-component/demo-mistral-7b',
      scalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
    });
    const alarm = stepById(result.plan, 'putWakeAlarm');
    const [action] = alarm.input.AlarmActions as unknown[];
    assert.ok(isOutputRef(action));
    assert.equal(action.$ref, 'stepPolicyArn');
    assert.deepEqual(alarm.creates, { kind: 'alarm', name: 'demo-mistral-7b-no-capacity-wake' });
    assert.deepEqual(alarm.input.Dimensions, [{ Name: 'InferenceComponentName', Value: 'demo-mistral-7b' }]);
    // Max copies page: defaulted to the existing MaxCapacity, refused 0 and x.
    const max = prompter.page(/Maximum copies/);
    assert.equal(max.value, '2');
    assert.deepEqual(max.errors, ['The maximum copy count must be at least 1.', 'The maximum copy count must be a whole number.']);
    // Until the component and its repairs are chosen the total is an estimate, said as such; then it holds (issue 15, item 3).
    assert.deepEqual(
      prompter.pages.map(({ step }) => `${step.step}/${step.totalSteps}${step.estimated ? ' about' : ''}`),
      ['1/8 about', '2/4 about', '3/4', '4/4'],
    );
  });

  it('adds a missing step policy when only the alarm is picked and none exists', async () => {
    const { env } = harness.environment([pickMany(/NoCapacity alarm/), review()]);
    const result = await enableScaleToZeroWizard(env, 'demo-mistral-7b');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.deepEqual(result.plan.steps.map((s) => s.id), ['putStepScalingPolicy', 'putWakeAlarm']);
  });

  it('on a correct setup offers a rewrite or closing, and closing cancels', async () => {
    const { env, prompter } = harness.environment([pick(/^Close/)]);
    const result = await enableScaleToZeroWizard(env, 'demo-llama3-8b');
    assert.deepEqual(result, { kind: 'cancelled' });
    assert.match(prompter.pages[0].text, /already scales to zero/);
  });

  it('rewrites a correct setup in place with new settings, Back re-asking each page with its answer', async () => {
    const { env, prompter } = harness.environment([
      pick(/^Rewrite/),
      type('4'),
      pick('Invocations per copy'),
      type('-1', '0', '10'),
      back(),
      type('12'),
      type('600'),
      type('1.5', '120'),
      accept(), // keeps the demo's idle timeout of 15 minutes
      review(),
    ]);
    const result = await enableScaleToZeroWizard(env, 'demo-llama3-8b');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    // The target, target tracking, wake policy and alarm, then the idle policy and alarm: all rewritten in place.
    assert.deepEqual(result.plan.steps.map((s) => s.modifiesExisting), [true, true, true, true, true, true]);
    assert.equal(prompter.page(/idle minutes/).value, '15', 'the idle page starts from the existing idle timeout');
    assert.equal(stepById(result.plan, 'putIdleAlarm').input.EvaluationPeriods, 30);
    const tracking = stepById(result.plan, 'putTargetTrackingPolicy');
    assert.equal(tracking.input.PolicyName, 'demo-llama3-8b-target-tracking', 'the existing policy is overwritten by name');
    assert.deepEqual(tracking.input.TargetTrackingScalingPolicyConfiguration, {
      PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentInvocationsPerCopy' },
      TargetValue: 12,
      ScaleInCooldown: 600,
      ScaleOutCooldown: 120,
      DisableScaleIn: true,
    });
    assert.equal(stepById(result.plan, 'registerScalableTarget').input.MaxCapacity, 4);
    const targetValuePages = prompter.pages.filter((page) => /Target value/.test(page.text));
    assert.equal(targetValuePages.length, 2, 'target value, then Back on the cooldown asks it again');
    assert.deepEqual(targetValuePages[0].errors, ['The target value must be a number.', 'The target value must be greater than 0.']);
    assert.equal(targetValuePages[0].value, '5', 'the existing policy\'s target is the first default');
    assert.equal(targetValuePages[1].value, '10', 'Back re-asks with the previous answer');
    assert.deepEqual(prompter.page(/Scale-out cooldown/).errors, ['The scale-out cooldown must be a whole number.']);
    assert.deepEqual(
      prompter.pages.map((page) => page.step.step),
      [1, 2, 3, 4, 5, 4, 5, 6, 7, 8],
    );
    // The rewrite's settings pages are counted from the first page on (issue 15, item 3).
    assert.deepEqual(new Set(prompter.pages.map((page) => page.step.totalSteps)), new Set([8]));
    assert.ok(prompter.pages.every((page) => !page.step.estimated));
  });

  it('cancels on Escape', async () => {
    const { env } = harness.environment([pick('demo-mistral-7b'), cancel()]);
    assert.deepEqual(await enableScaleToZeroWizard(env), { kind: 'cancelled' });
  });

  it('Back from the review returns to the last page, and accepting defaults keeps them', async () => {
    const { env, prompter } = harness.environment([
      pickMany(/MinCapacity to 0/, /step policy/, /NoCapacity alarm/),
      accept(),
      back(),
      accept(),
      review('exportCloudFormation'),
    ]);
    const result = await enableScaleToZeroWizard(env, 'demo-mistral-7b');
    assert.equal(result.kind === 'plan' && result.action, 'exportCloudFormation');
    assert.equal(prompter.pages.filter((page) => /Maximum copies/.test(page.text)).length, 2);
    assert.equal(result.kind === 'plan' && stepById(result.plan, 'registerScalableTarget').input.MaxCapacity, 2);
  });
});

import * as assert from 'node:assert/strict';
import { loadSdk } from '../../../src/aws/clients';
import { type Plan } from '../../../src/wizards/plans/plan';
import { runPlan, type PlanRunResult } from '../../../src/wizards/plans/planRunner';
import { updateModelWizard } from '../../../src/wizards/updateModel/updateModelWizard';
import { pick, pickMany, review } from '../../support/scriptedUserInput';
import { WizardHarness } from './support/wizardHarness';

/*
 * Update Model… run on the emulator with the real SDK clients: the rolling update succeeds; with the
 * alarm it watches held in ALARM (the control API's alarmStates fault) it is rolled back and the plan
 * fails, naming the alarm; cleared, the same plan succeeds.
 */
describe('Update Model… on the emulator: a rolling update that succeeds, is rolled back by an alarm, then succeeds', () => {
  let harness: WizardHarness;
  const component = 'int-rolling';
  const alarm = 'int-rolling-errors';

  beforeEach(async () => {
    harness = await WizardHarness.start();
    const sdk = await loadSdk();
    await harness.clients.sageMaker.send(
      new sdk.CreateInferenceComponentCommand({
        InferenceComponentName: component,
        EndpointName: 'demo-scale-to-zero',
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'demo-llama3-8b-model', ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 } },
        RuntimeConfig: { CopyCount: 2 },
      }),
    );
    await harness.clients.cloudWatch.send(
      new sdk.PutMetricAlarmCommand({
        AlarmName: alarm,
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocation5XXErrors',
        Dimensions: [{ Name: 'InferenceComponentName', Value: component }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
    harness.emulator.advance(600);
  });

  afterEach(async () => {
    await harness.close();
  });

  async function planTo(model: string): Promise<Plan> {
    const { env, prompter } = harness.environment([pick(model), pick('Keep them'), pick('Use these defaults'), pickMany(alarm), review('run')]);
    const result = await updateModelWizard(env, component);
    prompter.assertUsed();
    if (result.kind !== 'plan') throw new Error('no plan');
    return result.plan;
  }

  const run = (plan: Plan): Promise<PlanRunResult> => runPlan(harness.clients, plan, { pollIntervalMs: 15_000, wait: async (ms) => harness.emulator.advance(ms / 1000) });
  const control = (method: string, body?: unknown) =>
    fetch(`${harness.emulator.url}/__emulator/faults`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const running = async () => (await harness.reader.describeInferenceComponent(component)).modelName;

  it('rolls the 2 copies to the new model, reports it, and the tree\'s snapshot shows the last rolling update', async () => {
    const plan = await planTo('demo-mistral-7b-model');
    assert.equal(plan.steps[0].waitFor, 'rollingUpdate');
    const progress: string[] = [];
    const result = await runPlan(harness.clients, plan, { pollIntervalMs: 15_000, wait: async (ms) => harness.emulator.advance(ms / 1000), onProgress: (event) => progress.push(event.message) });
    assert.equal(result.status, 'succeeded', result.message);
    assert.equal(await running(), 'demo-mistral-7b-model');
    assert.deepEqual(result.outcomes, [
      `${component} now runs model demo-mistral-7b-model on 2 copies (rolling update: 1 copy per batch, 5 min wait, timeout 1 h, rolls back all at once; watches alarm ${alarm}).`,
    ]);
    assert.ok(progress.some((line) => /rolling the copies, 2 of 2 serving/.test(line)), progress.join('\n'));
    const snapshot = await harness.reader.describeInferenceComponent(component);
    assert.deepEqual(snapshot.lastDeployment, { batch: { type: 'COPY_COUNT', value: 1 }, waitSeconds: 300, timeoutSeconds: 3600, alarms: [alarm] });
  });

  it('with the alarm held in ALARM, the update is rolled back and the plan fails naming the alarm; cleared, the same plan succeeds', async () => {
    const plan = await planTo('demo-mistral-7b-model');
    assert.equal((await control('POST', { alarmStates: { [alarm]: 'ALARM' } })).status, 200);
    const rolledBack = await run(plan);
    assert.equal(rolledBack.status, 'failed');
    assert.match(rolledBack.message ?? '', new RegExp(`The update of ${component} was rolled back: it still runs model demo-llama3-8b-model on 2 copies\\. The CloudWatch alarm ${alarm} went into ALARM`));
    assert.equal(await running(), 'demo-llama3-8b-model');
    assert.equal((await harness.reader.describeInferenceComponent(component)).status, 'InService');

    assert.equal((await control('DELETE')).status, 200);
    harness.emulator.advance(60);
    const retried = await run(plan);
    assert.equal(retried.status, 'succeeded', retried.message);
    assert.equal(await running(), 'demo-mistral-7b-model');
  });
});

import * as assert from 'node:assert/strict';
import { loadSdk } from '../../../src/aws/clients';
import { checkComponent } from '../../../src/readiness/readiness';
import { findIdleTimeout } from '../../../src/resources/idleTimeout';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import { enableScaleToZeroWizard } from '../../../src/wizards/enableScaleToZero/enableScaleToZeroWizard';
import { setIdleTimeoutWizard } from '../../../src/wizards/enableScaleToZero/setIdleTimeoutWizard';
import { runPlan } from '../../../src/wizards/plans/planRunner';
import { accept, pick, pickMany, review, type } from '../../support/scriptedUserInput';
import { createEndpointScript } from '../../support/wizardScripts';
import { WizardHarness } from './support/wizardHarness';

/*
 * "Sleep after 5 idle minutes" set by the wizards and by Set Idle Timeout…, run on the emulator with
 * the real SDK clients: asleep (0 copies) between 5 and 7 minutes after the last request (the
 * request's own period, the metric's publish delay and the evaluation), still awake at 4.
 */
describe('idle timeout on the emulator: a wizard sets 5 minutes, the component sleeps after 5 idle minutes', () => {
  let harness: WizardHarness;

  beforeEach(async () => {
    harness = await WizardHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  async function invoke(endpoint: string, component: string): Promise<void> {
    const sdk = await loadSdk();
    await harness.clients.runtime.send(
      new sdk.InvokeEndpointCommand({ EndpointName: endpoint, InferenceComponentName: component, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hello' }) }),
    );
  }


  /** Sends requests until one is served: a refused one (the component asleep) wakes it. */
  async function invokeUntilServed(endpoint: string, component: string): Promise<void> {
    for (let elapsed = 0; elapsed <= 15 * 60; elapsed += 10) {
      if (await invoke(endpoint, component).then(() => true, () => false)) return;
      harness.emulator.advance(10);
    }
    assert.fail(`${component} did not serve a request within 15 minutes`);
  }

  /**
   * Awake at 4 idle minutes, asleep by 7; returns the seconds from the last request to the sleep. An
   * idle alarm counts the quiet minutes before it was set, so a component idle for 5 minutes when it
   * gets one sleeps at once: a first request (which may wake it) comes before the last one.
   */
  async function sleepsAfterFiveIdleMinutes(endpoint: string, component: string): Promise<number> {
    const desiredCopies = async (name: string) => (await harness.reader.describeInferenceComponent(name)).desiredCopyCount ?? 0;
    await invokeUntilServed(endpoint, component);
    harness.emulator.advance(90);
    await invokeUntilServed(endpoint, component);
    harness.emulator.advance(4 * 60);
    assert.ok((await desiredCopies(component)) > 0, 'still awake after 4 idle minutes');
    for (let elapsed = 4 * 60; elapsed <= 7 * 60; elapsed += 10) {
      if ((await desiredCopies(component)) === 0) return elapsed;
      harness.emulator.advance(10);
    }
    assert.fail('not asleep 7 minutes after the last request');
  }

  async function readinessOf(component: string) {
    const ic = await harness.reader.describeInferenceComponent(component);
    const scaling = (await harness.reader.readScaling([component])).byComponent.get(component)!;
    return { checks: checkComponent({ ic, scaling }).checks, idle: findIdleTimeout(component, scaling) };
  }

  it('create wizard: the plan runs, readiness passes and names 5 minutes, and the copy sleeps after 5 idle minutes', async () => {
    const { env } = harness.environment(createEndpointScript('idle-endpoint', '5'));
    const result = await createEndpointWizard(env);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    const run = await runPlan(harness.clients, result.plan, { wait: async (ms) => harness.emulator.advance(ms / 1000) });
    assert.equal(run.status, 'succeeded', run.message);
    const before = await readinessOf('idle-endpoint-ic');
    assert.equal(before.idle?.minutes, 5);
    assert.deepEqual(before.checks.filter((check) => check.status !== 'pass').map((check) => check.id), []);
    assert.match(before.checks.find((check) => check.id === 'idleTimeout')?.reason ?? '', /^Sleeps after 5 idle minutes/);
    const asleep = await sleepsAfterFiveIdleMinutes('idle-endpoint', 'idle-endpoint-ic');
    assert.ok(asleep >= 5 * 60, `asleep after ${asleep} s`);
  });

  it('enable wizard rewriting the setup of demo-llama3-8b: 5 idle minutes, target tracking only scales out', async () => {
    const { env } = harness.environment([pick(/^Rewrite/), accept(), pick(/Concurrent requests/), accept(), accept(), accept(), type('5'), review('run')]);
    const result = await enableScaleToZeroWizard(env, 'demo-llama3-8b');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    const run = await runPlan(harness.clients, result.plan, { wait: async (ms) => harness.emulator.advance(ms / 1000) });
    assert.equal(run.status, 'succeeded', run.message);
    const { idle, checks } = await readinessOf('demo-llama3-8b');
    assert.equal(idle?.minutes, 5);
    assert.equal(idle?.trackingScalesIn, undefined, 'DisableScaleIn on the rewritten target tracking');
    assert.equal(checks.find((check) => check.id === 'idleTimeout')?.status, 'pass');
    const ic = await harness.reader.describeInferenceComponent('demo-llama3-8b');
    assert.equal(ic.desiredCopyCount, 1, 'the demo component is awake before the request');
    await sleepsAfterFiveIdleMinutes(ic.endpointName, 'demo-llama3-8b');
  });

  async function runSetIdleTimeout(component: string, minutes: string): Promise<void> {
    const { env, prompter } = harness.environment([type(minutes), review('run')]);
    const result = await setIdleTimeoutWizard(env, component);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.match(prompter.page(/Sleep after how many idle minutes/).text, /each sleep costs about \$/);
    const run = await runPlan(harness.clients, result.plan, { wait: async (ms) => harness.emulator.advance(ms / 1000) });
    assert.equal(run.status, 'succeeded', run.message);
  }

  it('Set Idle Timeout…: sets 5 minutes on demo-llama3-8b (then it sleeps after 5 idle minutes), changes it to 30, turns it off', async () => {
    await runSetIdleTimeout('demo-llama3-8b', '5');
    const set = await readinessOf('demo-llama3-8b');
    assert.equal(set.idle?.minutes, 5);
    assert.equal(set.idle?.countsRefusedRequests, true);
    assert.equal(set.idle?.trackingScalesIn, undefined, 'DisableScaleIn on target tracking');
    assert.equal(set.checks.find((check) => check.id === 'idleTimeout')?.status, 'pass');
    const ic = await harness.reader.describeInferenceComponent('demo-llama3-8b');
    await sleepsAfterFiveIdleMinutes(ic.endpointName, 'demo-llama3-8b');

    await runSetIdleTimeout('demo-llama3-8b', '30');
    const changed = await readinessOf('demo-llama3-8b');
    assert.equal(changed.idle?.minutes, 30);
    assert.equal(changed.idle?.alarm.name, set.idle?.alarm.name, 'the same alarm, rewritten');
    assert.equal(changed.idle?.policy?.arn, set.idle?.policy?.arn, 'the same set-to-zero policy');

    await runSetIdleTimeout('demo-llama3-8b', '');
    const off = await readinessOf('demo-llama3-8b');
    assert.equal(off.idle, undefined);
    const scaling = (await harness.reader.readScaling(['demo-llama3-8b'])).byComponent.get('demo-llama3-8b')!;
    assert.equal(scaling.policies.find((policy) => policy.type === 'TargetTrackingScaling')?.disableScaleIn, false, 'target tracking scales in again');
    assert.equal(scaling.policies.some((policy) => policy.name === set.idle?.policy?.name), false, 'the set-to-zero policy is deleted');
    assert.equal(off.checks.find((check) => check.id === 'scaleInPolicy')?.status, 'pass');
  });

  it('enable wizard: replaces an idle alarm on Invocations alone (readiness: it can undo a wake) with the one that counts refused requests', async () => {
    await runSetIdleTimeout('demo-llama3-8b', '5');
    const { idle } = await readinessOf('demo-llama3-8b');
    const sdk = await loadSdk();
    await harness.clients.cloudWatch.send(
      new sdk.PutMetricAlarmCommand({
        AlarmName: idle!.alarm.name,
        AlarmActions: [idle!.policy!.arn],
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocations',
        Dimensions: [{ Name: 'InferenceComponentName', Value: 'demo-llama3-8b' }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 5,
        DatapointsToAlarm: 5,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      }),
    );
    const old = await readinessOf('demo-llama3-8b');
    assert.equal(old.idle?.countsRefusedRequests, false);
    assert.match(old.checks.find((check) => check.id === 'idleTimeout')?.reason ?? '', /can set 0 copies again right after a wake/);
    const { env } = harness.environment([pickMany(/Replace the idle alarm/), review('run')]);
    const result = await enableScaleToZeroWizard(env, 'demo-llama3-8b');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.deepEqual(result.plan.steps.map((step) => step.id), ['putIdleAlarm']);
    const run = await runPlan(harness.clients, result.plan, { wait: async (ms) => harness.emulator.advance(ms / 1000) });
    assert.equal(run.status, 'succeeded', run.message);
    const repaired = await readinessOf('demo-llama3-8b');
    assert.equal(repaired.idle?.countsRefusedRequests, true);
    assert.equal(repaired.idle?.minutes, 5);
    assert.equal(repaired.checks.find((check) => check.id === 'idleTimeout')?.status, 'pass');
  });
});

import * as assert from 'node:assert/strict';
import { loadSdk } from '../../../src/aws/clients';
import { runTeardown } from '../../../src/aws/resourceActions';
import { planDeletion } from '../../../src/explorer/inventory/deletionPlan';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { describeTeardownStep } from '../../../src/teardown/teardownPlan';
import { addAdapterWizard } from '../../../src/wizards/adapters/addAdapterWizard';
import { runPlan } from '../../../src/wizards/plans/planRunner';
import { review, ScriptedUserInput, type } from '../../support/scriptedUserInput';
import { WizardHarness } from './support/wizardHarness';

/*
 * Adapters on the emulator with the real SDK clients: "Add Adapter…" on the demo's demo-llama3-8b
 * (it scales to zero) creates the adapter and its wake alarm; the adapter answers on its base's copy;
 * with the base asleep, one request to the adapter is refused and wakes the base through the adapter's
 * own alarm; deleting the base or the endpoint takes the adapter and its alarm down first, leaving nothing.
 */
describe('adapters on the emulator: Add Adapter…, a request to the sleeping adapter wakes its base, teardown leaves nothing', () => {
  let harness: WizardHarness;
  const base = 'demo-llama3-8b';
  const endpoint = 'demo-scale-to-zero';

  beforeEach(async () => {
    harness = await WizardHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  async function invoke(component: string): Promise<string> {
    const sdk = await loadSdk();
    const answer = await harness.clients.runtime.send(
      new sdk.InvokeEndpointCommand({ EndpointName: endpoint, InferenceComponentName: component, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hello', parameters: { max_new_tokens: 4 } }) }),
    );
    return Buffer.from(answer.Body ?? new Uint8Array()).toString('utf8');
  }

  async function addAdapter(name: string): Promise<void> {
    const { env, prompter } = harness.environment([type(name), type(`s3://adapters-bucket/${name}/`), review('run')]);
    const result = await addAdapterWizard(env, base);
    prompter.assertUsed();
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    // The adapter, its wake alarm, and the base's idle alarm rewritten to count the adapter's requests (the demo's base sleeps after 15 idle minutes).
    assert.deepEqual(result.plan.steps.map((step) => step.id), ['createAdapter', `putAdapterWakeAlarm-${name}`, 'putIdleAlarm']);
    const run = await runPlan(harness.clients, result.plan, { wait: async (ms) => harness.emulator.advance(ms / 1000) });
    assert.equal(run.status, 'succeeded', run.message);
  }

  async function alarmNames(): Promise<string[]> {
    const sdk = await loadSdk();
    const alarms = await harness.clients.cloudWatch.send(new sdk.DescribeAlarmsCommand({}));
    return (alarms.MetricAlarms ?? []).map((alarm) => alarm.AlarmName ?? '');
  }

  it('creates the adapter and its wake alarm, serves it on the base copy, and wakes the sleeping base on one request to the adapter', async () => {
    await addAdapter('llama-sql');
    const adapter = await harness.reader.describeInferenceComponent('llama-sql');
    assert.equal(adapter.status, 'InService');
    assert.equal(adapter.baseComponentName, base);
    assert.equal(adapter.artifactUrl, 's3://adapters-bucket/llama-sql/');
    assert.ok((await alarmNames()).includes('llama-sql-no-capacity-wake'));

    // The readiness check of the endpoint sees the adapter's wake path; the tree's lifecycle says it is served.
    const inventory = new Inventory(harness.reader, () => new Date(harness.emulator.now()));
    inventory.requestComponentsOf(endpoint);
    await inventory.refresh({ full: true });
    await inventory.whenIdle();
    const readiness = inventory.readiness(endpoint)!;
    const adapterCheck = readiness.components.find((component) => component.inferenceComponentName === 'llama-sql')?.checks[0];
    assert.equal(adapterCheck?.status, 'pass', adapterCheck?.reason);
    assert.equal(inventory.component('llama-sql')?.lifecycle?.label, 'Served');

    assert.match(await invoke('llama-sql'), /"generated_text":"\[adapter llama-sql\] /);

    // The base goes to sleep (its copies to 0, as the idle timeout does).
    const sdk = await loadSdk();
    await harness.clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: base, DesiredRuntimeConfig: { CopyCount: 0 } }));
    harness.emulator.advance(60);
    assert.equal((await harness.reader.describeInferenceComponent(base)).currentCopyCount, 0);
    await inventory.refresh({ full: true });
    await inventory.whenIdle();
    assert.equal(inventory.component('llama-sql')?.lifecycle?.label, `Waits for ${base} to wake`);

    const refusedAt = harness.emulator.now();
    await assert.rejects(invoke('llama-sql'), /no capacity/);
    let served: string | undefined;
    for (let elapsed = 0; elapsed <= 10 * 60 && served === undefined; elapsed += 10) {
      harness.emulator.advance(10);
      served = await invoke('llama-sql').catch(() => undefined);
    }
    assert.ok(served, 'the adapter answered within 10 minutes of the refused request');
    const woke = (harness.emulator.now() - refusedAt) / 1000;
    assert.ok(woke >= 60 && woke <= 8 * 60, `the base woke after ${woke} s`);
    const activities = (await harness.reader.readScaling([base])).byComponent.get(base)!.activities;
    assert.ok(activities.some((activity) => /llama-sql-no-capacity-wake/.test(activity.cause ?? '')), 'the adapter\'s alarm triggered the base\'s step policy');
  });

  it('deleting the base deletes its adapter first, with the adapter\'s alarm; deleting the endpoint leaves nothing behind', async () => {
    await addAdapter('llama-sql');
    await addAdapter('llama-tone');
    const now = () => new Date(harness.emulator.now());
    const source = { reader: harness.reader, inventory: new Inventory(harness.reader, now) };
    const wait = async (ms: number) => harness.emulator.advance(ms / 1000);

    const plan = await planDeletion(source, { kind: 'inferenceComponent', name: base }, new ScriptedUserInput().answerPick(false));
    assert.ok(plan);
    const deletions = plan.steps.filter((step) => step.kind === 'deleteInferenceComponent').map(describeTeardownStep);
    assert.deepEqual(deletions.slice(-1), [`Delete inference component ${base}`]);
    assert.deepEqual(deletions.slice(0, -1).sort(), ['Delete inference component llama-sql', 'Delete inference component llama-tone']);
    const alarms = plan.steps.find((step) => step.kind === 'deleteAlarms');
    assert.ok(alarms?.kind === 'deleteAlarms' && alarms.names.includes('llama-sql-no-capacity-wake') && alarms.names.includes('llama-tone-no-capacity-wake'));
    const outcome = await runTeardown(harness.clients, plan.steps, { wait });
    assert.equal(outcome.error, undefined, String(outcome.error));

    const endpointPlan = await planDeletion(source, { kind: 'endpoint', name: endpoint }, new ScriptedUserInput().answerPick(true));
    assert.ok(endpointPlan);
    const endpointOutcome = await runTeardown(harness.clients, endpointPlan.steps, { wait });
    assert.equal(endpointOutcome.error, undefined, String(endpointOutcome.error));
    harness.emulator.advance(120);
    const left = (await harness.reader.listInferenceComponents(endpoint)).map((ic) => ic.name);
    assert.deepEqual(left, []);
    const remaining = (await alarmNames()).filter((name) => /llama-sql|llama-tone|demo-llama3-8b|demo-scale-to-zero/.test(name));
    assert.deepEqual(remaining, []);
    const sdk = await loadSdk();
    const targets = await harness.clients.autoScaling.send(new sdk.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
    assert.deepEqual((targets.ScalableTargets ?? []).map((target) => target.ResourceId).filter((id) => /demo-llama3-8b|llama-sql|llama-tone/.test(id ?? '')), []);
  });
});

import * as assert from 'node:assert/strict';
import { loadSdk } from '../../../src/aws/clients';
import { checkComponent } from '../../../src/readiness/readiness';
import { findIdleTimeout } from '../../../src/resources/idleTimeout';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import { enableScaleToZeroWizard } from '../../../src/wizards/enableScaleToZero/enableScaleToZeroWizard';
import { runPlan } from '../../../src/wizards/plans/planRunner';
import { accept, pick, review, type } from '../../support/scriptedUserInput';
import { createEndpointScript } from '../../support/wizardScripts';
import { WizardHarness } from './support/wizardHarness';

/*
 * "Sleep after 5 idle minutes" set by the wizards, run on the emulator with the real SDK clients:
 * asleep (0 copies) between 5 and 7 minutes after the last request (the request's own minute, the
 * metric's publish delay and the once-a-minute evaluation), still awake at 4.
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

  const desiredCopies = async (component: string) => (await harness.reader.describeInferenceComponent(component)).desiredCopyCount;

  /** Awake at 4 idle minutes, asleep by 7; returns the seconds from the request to the sleep. */
  async function sleepsAfterFiveIdleMinutes(endpoint: string, component: string): Promise<number> {
    await invoke(endpoint, component);
    harness.emulator.advance(4 * 60);
    assert.equal(await desiredCopies(component), 1, 'still awake after 4 idle minutes');
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
});

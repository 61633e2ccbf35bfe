import * as assert from 'node:assert/strict';
import { checkComponent, checkEndpoint } from '../../../src/readiness/readiness';
import { runPlan } from '../../../src/wizards/plans/planRunner';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import { type ScriptEntry } from '../../support/scriptedUserInput';
import { createEndpointDefaultsScript, createEndpointScript } from '../../support/wizardScripts';
import { WizardHarness } from './support/wizardHarness';
import { assertReadyButForSingleType } from '../../support/singleTypeWarning';

describe('Wizard 1 + 2 plan run against the emulator', () => {
  let harness: WizardHarness;

  beforeEach(async () => {
    harness = await WizardHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  for (const [path, script] of [
    ['the advanced settings', createEndpointScript('wizard-endpoint')],
    ['every default (issue 15, item 3)', createEndpointDefaultsScript('wizard-endpoint')],
  ] as const) {
    it(`creates an endpoint that passes the readiness check, with ${path}`, () => createsReadyEndpoint([...script]));
  }

  async function createsReadyEndpoint(script: ScriptEntry[]): Promise<void> {
    const { env } = harness.environment(script);
    const result = await createEndpointWizard(env);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    const run = await runPlan(harness.clients, result.plan, { wait: async (ms) => harness.emulator.advance(ms / 1000) });
    assert.equal(run.status, 'succeeded', run.message);
    assert.deepEqual(run.completed, result.plan.steps.map((step) => step.id));

    const endpoint = await harness.reader.describeEndpoint('wizard-endpoint');
    const ic = await harness.reader.describeInferenceComponent('wizard-endpoint-ic');
    const scaling = await harness.reader.readScaling(['wizard-endpoint-ic']);
    assert.deepEqual(scaling.problems, []);
    const component = checkComponent({ ic, scaling: scaling.byComponent.get('wizard-endpoint-ic')! });
    // Issue 17, item 4: the default start settings include the data cache, so every component check passes.
    assert.deepEqual(component.checks.filter((check) => check.status !== 'pass').map((check) => `${check.id}: ${check.status}`), []);
    const readiness = checkEndpoint(endpoint, [{ ic, scaling: scaling.byComponent.get('wizard-endpoint-ic')! }]);
    assertReadyButForSingleType(readiness); // issue 17: one GPU type warns
  }
});

import * as assert from 'node:assert/strict';
import { DescribeEndpointCommand, ListInferenceComponentsCommand } from '@aws-sdk/client-sagemaker';
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { isNotFound } from '../../../src/aws/awsErrorCodes';
import { runTeardown } from '../../../src/aws/resourceActions';
import { planDeletion } from '../../../src/explorer/inventory/deletionPlan';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { checkEndpoint } from '../../../src/readiness/readiness';
import { describeTeardownStep } from '../../../src/teardown/teardownPlan';
import { addInferenceComponentWizard } from '../../../src/wizards/addInferenceComponent/addInferenceComponentWizard';
import { createEndpointWizard } from '../../../src/wizards/createEndpoint/createEndpointWizard';
import { runPlan } from '../../../src/wizards/plans/planRunner';
import { type Plan } from '../../../src/wizards/plans/plan';
import { accept, pick, pickMany, review, ScriptedUserInput, type ScriptEntry, type } from '../../support/scriptedUserInput';
import { createEndpointScript } from '../../support/wizardScripts';
import { WizardHarness } from './support/wizardHarness';

/**
 * Issue 18 item 2 over HTTP: a second inference component added to an endpoint the create wizard
 * made, on the emulator with the real SDK clients; then the endpoint's teardown with both components,
 * and nothing left behind.
 */
describe('Add Inference Component… against the emulator: a second model on one endpoint, then its teardown', () => {
  let harness: WizardHarness;
  const endpoint = 'second-endpoint';
  const wait = async (ms: number) => {
    harness.emulator.advance(ms / 1000);
  };

  beforeEach(async () => {
    harness = await WizardHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  async function runWizardPlan(wizard: (env: ReturnType<WizardHarness['environment']>['env']) => Promise<unknown>, script: ScriptEntry[]): Promise<Plan> {
    const { env, prompter } = harness.environment(script);
    const result = (await wizard(env)) as { kind: string; plan?: Plan };
    prompter.assertUsed();
    assert.equal(result.kind, 'plan');
    const run = await runPlan(harness.clients, result.plan!, { wait });
    assert.equal(run.status, 'succeeded', run.message);
    return result.plan!;
  }

  it('places the second component\'s copy on a new instance, both scale to zero, and deleting the endpoint removes both with their scaling', async () => {
    await runWizardPlan((env) => createEndpointWizard(env), createEndpointScript(endpoint, '5'));
    // The create wizard's component holds the one GPU of the ml.g5.2xlarge: the second needs the second instance.
    const plan = await runWizardPlan((env) => addInferenceComponentWizard(env, endpoint), [
      pick('demo-embeddings-model'),
      type('second-embeddings-ic'),
      accept(),
      type('8192'),
      type('1'),
      accept(),
      pickMany('Data cache'),
      pick('Add the scale-to-zero auto scaling'),
      review('run'),
    ]);
    assert.match(plan.notes![0], /^No room on the 1 instance running now: the copy needs 1 new ml\.g5\.2xlarge/);

    const described = await harness.clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
    assert.equal(described.ProductionVariants?.[0].CurrentInstanceCount, 2, 'managed instance scaling started the second instance');
    const listed = await harness.clients.sageMaker.send(new ListInferenceComponentsCommand({ EndpointNameEquals: endpoint }));
    assert.deepEqual(listed.InferenceComponents?.map((ic) => [ic.InferenceComponentName, ic.InferenceComponentStatus]).sort(), [
      ['second-embeddings-ic', 'InService'],
      [`${endpoint}-ic`, 'InService'],
    ]);

    // Both components can sleep: the readiness check finds nothing that keeps the instances alive.
    const names = [`${endpoint}-ic`, 'second-embeddings-ic'];
    const scaling = await harness.reader.readScaling(names);
    const components = await Promise.all(names.map(async (name) => ({ ic: await harness.reader.describeInferenceComponent(name), scaling: scaling.byComponent.get(name)! })));
    const readiness = checkEndpoint(await harness.reader.describeEndpoint(endpoint), components);
    assert.equal(readiness.checks.find((check) => check.id === 'allComponents')?.status, 'pass');

    // Teardown of the endpoint: both components with their targets, policies and alarms, then the endpoint and its config.
    const inventory = new Inventory(harness.reader, () => new Date(harness.emulator.now()));
    const deletion = await planDeletion({ inventory, reader: harness.reader }, { kind: 'endpoint', name: endpoint }, new ScriptedUserInput().answerPick(false));
    assert.ok(deletion);
    const described2 = deletion.steps.map(describeTeardownStep);
    const position = (text: string) => described2.findIndex((line) => line.includes(text));
    for (const name of names) {
      assert.ok(position(`Deregister scalable target inference-component/${name}`) >= 0, described2.join('; '));
      assert.ok(position(`Delete inference component ${name}`) < position(`Delete endpoint ${endpoint}`));
    }
    const outcome = await runTeardown(harness.clients, deletion.steps, { wait });
    assert.equal(outcome.error, undefined, String(outcome.error));

    for (let tick = 0; tick < 40; tick++) {
      try {
        await harness.clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
        await wait(30_000);
      } catch (error) {
        if (isNotFound(error)) break;
        throw error;
      }
    }
    // Nothing left behind: no component, scalable target, scaling policy or alarm of either component.
    const left = await harness.clients.sageMaker.send(new ListInferenceComponentsCommand({ EndpointNameEquals: endpoint }));
    assert.deepEqual(left.InferenceComponents ?? [], []);
    const resourceIds = names.map((name) => `inference-component/${name}`);
    const targets = await harness.clients.autoScaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: resourceIds }));
    assert.deepEqual(targets.ScalableTargets ?? [], []);
    for (const resourceId of resourceIds) {
      const policies = await harness.clients.autoScaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId }));
      assert.deepEqual(policies.ScalingPolicies ?? [], [], resourceId);
    }
    const alarms = await harness.clients.cloudWatch.send(new DescribeAlarmsCommand({}));
    assert.deepEqual(
      (alarms.MetricAlarms ?? []).map((alarm) => alarm.AlarmName).filter((name) => names.some((ic) => name?.includes(ic))),
      [],
    );
    await assert.rejects(harness.clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpoint })), (error: unknown) => isNotFound(error));
  });
});

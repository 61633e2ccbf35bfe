import * as assert from 'node:assert/strict';
import { CreateEndpointCommand, DescribeEndpointCommand, DescribeEndpointConfigCommand } from '@aws-sdk/client-sagemaker';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { AccountReader } from '../../../src/aws/accountReader';
import { isNotFound } from '../../../src/aws/awsErrorCodes';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { runTeardown } from '../../../src/aws/resourceActions';
import { planDeletion } from '../../../src/explorer/inventory/deletionPlan';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { describeTeardownStep } from '../../../src/teardown/teardownPlan';
import { ScriptedUserInput } from '../../support/scriptedUserInput';

describe('deleting an endpoint whose config another endpoint uses (emulator, demo account)', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let source: { inventory: Inventory; reader: AccountReader };
  const wait = async (ms: number) => {
    emulator.advance(ms / 1000);
  };

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const now = () => new Date(emulator.now());
    const reader = await AccountReader.create(clients, { now });
    source = { reader, inventory: new Inventory(reader, now) };
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  async function gone(name: string): Promise<boolean> {
    try {
      await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: name }));
      return false;
    } catch (error) {
      if (isNotFound(error)) return true;
      throw error;
    }
  }

  it('keeps the shared endpoint config, says why in the plan, and deletes it once no endpoint uses it', async () => {
    const config = 'demo-always-on-config';
    await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: 'demo-twin', EndpointConfigName: config }));
    await wait(15 * 60_000);

    const ui = new ScriptedUserInput().answerPick(false);
    const plan = await planDeletion(source, { kind: 'endpoint', name: 'demo-twin' }, ui);
    assert.ok(plan, 'a plan was made');
    assert.deepEqual(plan.steps.map(describeTeardownStep), ['Delete endpoint demo-twin']);
    assert.deepEqual(plan.notes, [
      `Endpoint config ${config} is kept: endpoint demo-always-on also uses it, and deleting it would leave them unable to scale or update.`,
    ]);
    const outcome = await runTeardown(clients, plan.steps, { wait });
    assert.equal(outcome.error, undefined, String(outcome.error));
    for (let tick = 0; tick < 40 && !(await gone('demo-twin')); tick++) await wait(30_000);
    assert.ok(await gone('demo-twin'), 'the endpoint was deleted');
    // The config is still there, and the endpoint that shares it is untouched.
    const described = await clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: config }));
    assert.equal(described.EndpointConfigName, config);
    const other = await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'demo-always-on' }));
    assert.equal(other.EndpointStatus, 'InService');

    // With no other user left, deleting demo-always-on deletes its config too.
    const last = await planDeletion(source, { kind: 'endpoint', name: 'demo-always-on' }, new ScriptedUserInput().answerPick(false));
    assert.ok(last);
    assert.ok(last.steps.some((step) => step.kind === 'deleteEndpointConfig' && step.name === config), last.steps.map(describeTeardownStep).join('; '));
    assert.deepEqual(last.notes, []);
  });
});

import * as assert from 'node:assert/strict';
import { CreateModelCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { type AwsClients, createClients } from '../../../../src/aws/clients';
import { planRunTagKey } from '../../../../src/wizards/plans/overwrites';
import { runPlan } from '../../../../src/wizards/plans/planRunner';
import { rollbackPlan } from '../../../../src/wizards/plans/rollback';
import { blogPlan, inventoryOf, names, noRetryClients, roleArn, schedulerRoleArn } from './blogPlan';

async function control(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as Record<string, unknown>;
}

describe('plan runs whose create answers are lost (emulator fault lostResponses)', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  const wait = async (ms: number) => {
    emulator.advance(ms / 1000);
  };

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('the SDK retries each create, meets "already exists", sees its own tag or settings, records the resource as created and goes on; the rollback deletes all of it', async () => {
    const empty = inventoryOf(emulator);
    const lost = { CreateModel: 1, CreateEndpointConfig: 1, CreateEndpoint: 1, CreateInferenceComponent: 1, CreateSchedule: 1 };
    await control(emulator, 'POST', 'faults', { lostResponses: lost });
    await control(emulator, 'DELETE', 'requests');
    const run = await runPlan(clients, blogPlan(names('lost'), { schedule: true }), { wait });
    await control(emulator, 'DELETE', 'faults');

    assert.equal(run.status, 'succeeded', run.message);
    const requests = (await control(emulator, 'GET', 'requests')).requests as Record<string, number>;
    for (const operation of Object.keys(lost)) assert.equal(requests[operation], 2, `${operation} was sent, its answer lost, and sent again`);
    assert.deepEqual(
      run.created.map((resource) => resource.kind),
      ['model', 'endpointConfig', 'endpoint', 'inferenceComponent', 'scalableTarget', 'scalingPolicy', 'scalingPolicy', 'alarm', 'schedule'],
    );
    // The outputs of the steps whose answer was lost come from the resource itself.
    assert.match(String(run.outputs.endpointArn), /:endpoint\/lost-endpoint$/);
    assert.match(String(run.outputs.weekendScheduleArn), /schedule\/default\/lost-ic-weekend-sleep$/);
    const tags = await clients.sageMaker.send(new ListTagsCommand({ ResourceArn: String(run.outputs.endpointArn) }));
    assert.deepEqual(tags.Tags, [{ Key: planRunTagKey, Value: run.runId }]);

    const rollback = await rollbackPlan(clients, run, { wait });
    assert.equal(rollback.status, 'succeeded');
    assert.equal(rollback.deleted.length, 9);
    assert.deepEqual(inventoryOf(emulator), empty, 'nothing the run created is left billing');
  });

  it('without retries the create fails, yet what it created stays recorded and the rollback deletes it', async () => {
    const empty = inventoryOf(emulator);
    const raw = noRetryClients(emulator);
    let run;
    try {
      await control(emulator, 'POST', 'faults', { lostResponses: { CreateEndpoint: 1 } });
      run = await runPlan(raw, blogPlan(names('dropped')), { wait });
    } finally {
      raw.destroy();
      await control(emulator, 'DELETE', 'faults');
    }
    assert.equal(run.status, 'failed');
    assert.equal(run.failedStep, 'endpoint');
    assert.deepEqual(inventoryOf(emulator).endpoints, ['dropped-endpoint:Creating'], 'the lost call created the endpoint');
    assert.deepEqual(
      run.created.map((resource) => resource.kind),
      ['model', 'endpointConfig', 'endpoint'],
    );

    const rollback = await rollbackPlan(clients, run, { wait });
    assert.equal(rollback.status, 'succeeded');
    assert.deepEqual(inventoryOf(emulator), empty);
  });

  it('a model of the same name this run did not create: the step fails naming it, and the rollback leaves it alone', async () => {
    const n = names('taken');
    await clients.sageMaker.send(
      new CreateModelCommand({ ModelName: n.model, ExecutionRoleArn: roleArn, PrimaryContainer: { Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/other:1' } }),
    );
    const before = inventoryOf(emulator);
    const run = await runPlan(clients, blogPlan(n), { wait });
    assert.equal(run.status, 'failed');
    assert.equal(run.failedStep, 'model');
    assert.match(run.message ?? '', /A model taken-model already exists and this plan did not create it \(it lacks this run's s2z:plan-run tag\)/);
    assert.match(run.message ?? '', /left as it is/);
    assert.deepEqual(run.created, []);

    const rollback = await rollbackPlan(clients, run, { wait });
    assert.deepEqual(rollback.deleted, []);
    assert.deepEqual(inventoryOf(emulator), before, 'the other model is still there');
  });

  it('a schedule of the same name with other settings is not taken for the run\'s: the step fails naming it, and the rollback keeps it', async () => {
    const n = names('busy');
    const plan = blogPlan(n, { schedule: true });
    const setup = await runPlan(clients, { title: 'setup', steps: plan.steps.slice(0, -1) }, { wait });
    assert.equal(setup.status, 'succeeded', setup.message);
    await clients.scheduler.send(
      new CreateScheduleCommand({
        Name: `${n.ic}-weekend-sleep`,
        GroupName: 'default',
        ScheduleExpression: 'cron(0 20 ? * 6 *)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig',
          RoleArn: schedulerRoleArn,
          Input: JSON.stringify({ InferenceComponentName: n.ic, DesiredRuntimeConfig: { CopyCount: 0 } }),
        },
      }),
    );
    const run = await runPlan(clients, { title: 'schedule', steps: plan.steps.slice(-1) }, { wait });
    assert.equal(run.status, 'failed');
    assert.match(run.message ?? '', /A schedule busy-ic-weekend-sleep \(group default\) already exists and this plan did not create it \(its settings differ/);
    assert.deepEqual(run.created, []);
    const rollback = await rollbackPlan(clients, run, { wait });
    assert.deepEqual(rollback.deleted, []);
    assert.deepEqual(inventoryOf(emulator).schedules, ['busy-ic-weekend-sleep']);
  });
});

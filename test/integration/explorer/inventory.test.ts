import * as assert from 'node:assert/strict';
import { AccountReader } from '../../../src/aws/accountReader';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { setCopyCount } from '../../../src/aws/resourceActions';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';

describe('Inventory against the emulator\'s demo account', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let reader: AccountReader;
  let inventory: Inventory;

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const now = () => new Date(emulator.now());
    reader = await AccountReader.create(clients, { now });
    inventory = new Inventory(reader, now);
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('reads every endpoint, inference component and its scaling setup on the first refresh', async () => {
    const result = await inventory.refresh();
    assert.equal(result.listChanged, true);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(inventory.endpoints().map((entry) => entry.summary.name), ['demo-always-on', 'demo-cold', 'demo-scale-to-zero']);
    const llama = inventory.component('demo-llama3-8b')!;
    assert.equal(llama.lifecycle?.state, 'warm');
    assert.equal(llama.scaling?.target?.minCapacity, 0);
    // Target tracking, the wake's step policy and the idle timeout's set-to-zero step policy (15 minutes).
    assert.deepEqual(llama.scaling?.policies.map((policy) => policy.type).sort(), ['StepScaling', 'StepScaling', 'TargetTrackingScaling']);
    const weekend = llama.scaling?.schedules.find((schedule) => schedule.action.kind === 'setCopyCount' && schedule.action.copyCount === 0);
    assert.ok(weekend?.nextFire, 'the weekend schedule has a next fire time');
    assert.ok(weekend.nextFire.getTime() > emulator.now(), 'in the emulator\'s future');
    assert.equal(inventory.component('demo-embeddings')?.lifecycle?.state, 'cold');
  });

  it('re-reads only the lists and what it watches when nothing changed', async () => {
    await inventory.refresh();
    const first = reader.totalCalls;
    await inventory.refresh();
    const second = reader.totalCalls - first;
    assert.ok(second < first, `a quiet refresh made ${second} calls, the first ${first}`);
    assert.equal(reader.calls.get('DescribeEndpointConfig'), 3, 'endpoint configs are read once each');
    // The cold IC stays watched so a wake-up shows; the warm ones are not described again.
    const describes = reader.calls.get('DescribeInferenceComponent')!;
    assert.equal(describes, 3 + 1);
  });

  it('shows a change on the next refresh: a copy count set to 0 scales the IC in, then drains it', async () => {
    await inventory.refresh();
    await setCopyCount(clients, 'demo-llama3-8b', 0);
    const result = await inventory.refresh();
    assert.ok(result.changedEndpoints.has('demo-scale-to-zero'));
    assert.match(inventory.component('demo-llama3-8b')!.lifecycle!.state, /^(scalingIn|draining)$/);
    assert.equal(inventory.anyInTransition(), true);
    emulator.advance(15 * 60);
    await inventory.refresh();
    assert.equal(inventory.component('demo-llama3-8b')!.lifecycle!.state, 'cold');
  });

  it('reports an emulator fault as a failed refresh, not a crash, and recovers', async () => {
    await inventory.refresh();
    const fault = await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    assert.equal(fault.status, 200, await fault.text());
    await assert.rejects(inventory.refresh());
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    await inventory.refresh();
    assert.equal(inventory.endpoints().length, 3);
  });

  it('flags a weekend sleep schedule on demo-always-on, which keeps 1 instance, with the weekly cost that stays (issue 14, item 2)', async () => {
    const schedule = (name: string, expression: string, copies: number) =>
      clients.scheduler.send(
        new CreateScheduleCommand({
          Name: name,
          ScheduleExpression: expression,
          ScheduleExpressionTimezone: 'Europe/Paris',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: {
            Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig',
            RoleArn: 'arn:aws:iam::123456789012:role/SchedulerRole',
            Input: JSON.stringify({ InferenceComponentName: 'demo-mistral-7b', DesiredRuntimeConfig: { CopyCount: copies } }),
          },
        }),
      );
    await schedule('mistral-sleep', 'cron(0 19 ? * FRI *)', 0);
    await schedule('mistral-wake', 'cron(0 7 ? * MON *)', 1);
    await inventory.refresh({ full: true });
    const check = inventory.readiness('demo-always-on')!.components[0].checks.find((candidate) => candidate.id === 'sleepSchedules');
    assert.equal(check?.status, 'warn', JSON.stringify(check));
    assert.match(check.reason, /^mistral-sleep puts demo-mistral-7b to sleep, but the instances stay: endpoint demo-always-on keeps at least 1 instance/);
    assert.match(check.reason, /1 × ml\.g5\.2xlarge keep billing for the 60 h a week it sleeps: ≈ \$91\.20 a week/);
    assert.match(inventory.readiness('demo-always-on', { 'ml.g5.2xlarge': 1 })!.components[0].checks.find((c) => c.id === 'sleepSchedules')!.reason, /≈ \$60\.00 a week/);
    // The demo's own weekend schedule on demo-scale-to-zero really stops the bill.
    assert.equal(inventory.readiness('demo-scale-to-zero')!.components[0].checks.find((c) => c.id === 'sleepSchedules')?.status, 'pass');
  });
});

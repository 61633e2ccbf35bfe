import * as assert from 'node:assert/strict';
import { type AwsClients, createClients } from '../../../../src/aws/clients';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { type CreatedResource } from '../../../../src/wizards/plans/plan';
import { runPlan } from '../../../../src/wizards/plans/planRunner';
import { rollbackOrder, rollbackPlan, type RollbackProgress } from '../../../../src/wizards/plans/rollback';
import { blogPlan, inventoryOf, names, noRetryClients } from './blogPlan';
import { setFaults } from '../../reliability/support';

describe('rolling back a failed plan against the emulator', () => {
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

  it('orders deletions safely: schedules, alarms, policies, targets, ICs, endpoints, configs, models', () => {
    const created: CreatedResource[] = blogPlan(names(), { schedule: true }).steps.map((step) => step.creates!);
    assert.deepEqual(
      rollbackOrder(created).map((resource) => resource.kind),
      ['schedule', 'alarm', 'scalingPolicy', 'scalingPolicy', 'scalableTarget', 'inferenceComponent', 'endpoint', 'endpointConfig', 'model'],
    );
    // Newest first within a kind: the step policy (created last) goes before the target-tracking one.
    const policies = rollbackOrder(created).filter((resource) => resource.kind === 'scalingPolicy');
    assert.match((policies[0] as { policyName: string }).policyName, /step-scale-out$/);
  });

  it('a failure injected in the middle (fault on PutScalingPolicy) rolls back to exactly the previous state, keeping what existed before', async () => {
    // An earlier, complete setup that must survive untouched.
    const earlier = await runPlan(clients, blogPlan(names('earlier'), { schedule: true }), { wait });
    assert.equal(earlier.status, 'succeeded', earlier.message);
    // The new plan reuses the earlier model (skipped on resume: it existed before).
    const n = { ...names('fresh'), model: 'earlier-model' };
    const before = inventoryOf(emulator);

    const raw = noRetryClients(emulator);
    let failed;
    try {
      await setFaults(emulator.url, { errorRate: 1, operations: ['PutScalingPolicy'] });
      failed = await runPlan(raw, blogPlan(n, { schedule: true }), { wait, resume: true });
    } finally {
      raw.destroy();
      await setFaults(emulator.url, null);
    }
    assert.equal(failed.status, 'failed');
    assert.equal(failed.failedStep, 'target-tracking');
    assert.deepEqual(failed.skipped, ['model']);
    assert.deepEqual(
      failed.created.map((resource) => resource.kind),
      ['endpointConfig', 'endpoint', 'inferenceComponent', 'scalableTarget'],
    );
    assert.notDeepEqual(inventoryOf(emulator), before, 'the failed run left resources behind');

    const events: RollbackProgress[] = [];
    const rollback = await rollbackPlan(clients, failed, { wait, onProgress: (event) => events.push(event) });
    assert.equal(rollback.status, 'succeeded');
    assert.deepEqual(rollback.notDeleted, []);
    assert.deepEqual(
      rollback.deleted.map((resource) => resource.kind),
      ['scalableTarget', 'inferenceComponent', 'endpoint', 'endpointConfig'],
    );
    assert.deepEqual(inventoryOf(emulator), before);
    assert.ok(inventoryOf(emulator).models.includes('earlier-model'), 'the model that existed before survives');
    assert.ok(events.some((event) => event.state === 'waiting' && event.resource.kind === 'inferenceComponent'), 'waited for the IC to be gone');
  });

  it('rolls back a run that failed on its last step (an invalid alarm) to the empty account, schedule and policies included', async () => {
    const before = inventoryOf(emulator);
    const failed = await runPlan(clients, blogPlan(names('bad'), { alarmPeriod: 45 }), { wait });
    assert.equal(failed.status, 'failed');
    const rollback = await rollbackPlan(clients, failed, { wait });
    assert.equal(rollback.status, 'succeeded');
    assert.equal(rollback.deleted.length, failed.created.length);
    assert.deepEqual(inventoryOf(emulator), before);
  });

  it('never deletes what a resumed run skipped: rolling back the resume removes only what it added', async () => {
    const n = names('resumed');
    const first = await runPlan(clients, blogPlan(n, { alarmPeriod: 45 }), { wait });
    assert.equal(first.status, 'failed');
    const halfBuilt = inventoryOf(emulator);
    const second = await runPlan(clients, blogPlan(n, { schedule: true }), { wait, resume: true });
    assert.equal(second.status, 'succeeded');
    const rollback = await rollbackPlan(clients, second, { wait });
    assert.deepEqual(rollback.deleted.map((resource) => resource.kind), ['schedule', 'alarm']);
    assert.deepEqual(inventoryOf(emulator), halfBuilt);
  });

  it('deletes an inference component still being created by waiting until the service accepts the delete', async () => {
    const n = names('young');
    const controller = new AbortController();
    let waits = 0;
    const result = await runPlan(clients, blogPlan(n), {
      signal: controller.signal,
      wait: async (ms) => {
        emulator.advance(ms / 1000);
        // Cancel on the IC's first poll: it is still Creating.
        if (++waits > 6) controller.abort();
      },
    });
    assert.equal(result.status, 'cancelled');
    assert.equal(result.created.at(-1)?.kind, 'inferenceComponent');
    assert.match(inventoryOf(emulator).inferenceComponents[0], /:Creating$/);
    const events: RollbackProgress[] = [];
    const rollback = await rollbackPlan(clients, result, { wait, onProgress: (event) => events.push(event) });
    assert.equal(rollback.status, 'succeeded', String(rollback.error));
    assert.ok(events.some((event) => event.state === 'waiting' && /waiting until it can be deleted/.test(event.message)));
    assert.deepEqual(inventoryOf(emulator), { models: [], endpointConfigs: [], endpoints: [], inferenceComponents: [], scalableTargets: [], alarms: [], schedules: [] });
  });

  it('names what it could not delete, and does not delete an endpoint whose IC is still there', async () => {
    const failed = await runPlan(clients, blogPlan(names('stuck'), { alarmPeriod: 45 }), { wait });
    const raw = noRetryClients(emulator);
    try {
      await setFaults(emulator.url, { errorRate: 1, operations: ['DeleteInferenceComponent'] });
      const rollback = await rollbackPlan(raw, failed, { wait });
      assert.equal(rollback.status, 'failed');
      assert.deepEqual(rollback.deleted.map((resource) => resource.kind), ['scalingPolicy', 'scalingPolicy', 'scalableTarget']);
      assert.deepEqual(
        rollback.notDeleted.map((entry) => entry.description),
        ['inference component stuck-ic', 'endpoint stuck-endpoint', 'endpoint config stuck-config', 'model stuck-model'],
      );
      assert.match(rollback.notDeleted[0].reason, /.+/);
      assert.match(rollback.notDeleted[1].reason, /Not attempted: the inference component stuck-ic could not be deleted first/);
    } finally {
      raw.destroy();
      await setFaults(emulator.url, null);
    }
    assert.ok(inventoryOf(emulator).endpoints.includes('stuck-endpoint:InService'));
    // Once the fault is gone, rolling back again finishes the job (what is already gone counts as deleted).
    const retry = await rollbackPlan(clients, failed, { wait });
    assert.equal(retry.status, 'succeeded');
    assert.deepEqual(inventoryOf(emulator).endpoints, []);
    assert.equal(retry.deleted.length, failed.created.length);
  });
});

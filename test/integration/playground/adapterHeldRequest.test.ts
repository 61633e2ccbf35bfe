import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients, loadSdk } from '../../../src/aws/clients';
import { AbortError, type ColdStartClock } from '../../../src/playground/coldStart/clock';
import { HeldRequestStopped, sendHeld } from '../../../src/playground/coldStart/heldRequest';
import { durationsOf, phase } from '../../../src/playground/coldStart/phases';
import { createAwsProbe } from '../../../src/playground/coldStart/probe';
import { buildAddAdapterPlan } from '../../../src/wizards/adapters/adapterPlan';
import { runPlan } from '../../../src/wizards/plans/planRunner';

/*
 * The playground's held request on an adapter whose base sleeps: refused once, held while the base
 * wakes through the adapter's own wake alarm (the alarm phase is the adapter's), answered by the
 * adapter on the base's new copy, with the same timed phases as a component's wake.
 */
describe('cold start: a held request to an adapter whose base sleeps (emulator, frozen clock)', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;

  const clock = (): ColdStartClock => ({
    now: () => emulator.now(),
    wait: async (ms, signal) => {
      if (signal?.aborted) throw new AbortError();
      emulator.advance(ms / 1000);
    },
  });

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', startTime: Date.UTC(2026, 11, 9, 10), timings: { tokenLatencyMs: 0 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  async function invoke(component: string, signal: AbortSignal): Promise<string> {
    const sdk = await loadSdk();
    const output = await clients.runtime.send(
      new sdk.InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: component, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hello', parameters: { max_new_tokens: 4 } }) }),
      { abortSignal: signal },
    );
    return new TextDecoder().decode(output.Body);
  }

  it('holds the request while the base wakes through the adapter\'s alarm, and the adapter answers', async () => {
    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    const base = await reader.describeInferenceComponent('demo-llama3-8b');
    const baseScaling = (await reader.readScaling(['demo-llama3-8b'])).byComponent.get('demo-llama3-8b')!;
    const plan = buildAddAdapterPlan({ base, baseScaling, adapterName: 'llama-sql', artifactUrl: 's3://adapters-bucket/llama-sql/' });
    const run = await runPlan(clients, plan, { wait: async (ms) => emulator.advance(ms / 1000) });
    assert.equal(run.status, 'succeeded', run.message);

    // The base sleeps: 0 copies, its instance released.
    const sdk = await loadSdk();
    await clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: 0 } }));
    emulator.advance(12 * 60);
    assert.equal(emulator.state().endpoints.find((endpoint) => endpoint.name === 'demo-scale-to-zero')!.variants[0].instances.length, 0);

    const probe = createAwsProbe(clients, 'llama-sql');
    const result = await sendHeld({ component: 'llama-sql', send: (signal) => invoke('llama-sql', signal), probe, clock: clock(), deadlineMs: 15 * 60_000 });
    assert.match(result.value, /\[adapter llama-sql\]/);
    const timeline = result.timeline!;
    assert.equal(timeline.outcome, 'succeeded');
    assert.equal(phase(timeline, 'alarmInAlarm').status, 'done');
    assert.match(phase(timeline, 'alarmInAlarm').detail ?? '', /llama-sql-no-capacity-wake/);
    assert.equal(phase(timeline, 'scalingActivity').status, 'done');
    assert.equal(phase(timeline, 'instanceProvisioning').status, 'done');
    assert.equal(phase(timeline, 'copyStarting').status, 'done');
    const durations = durationsOf(timeline)!;
    assert.ok(durations.totalMs >= 4.5 * 60_000 && durations.totalMs <= 6 * 60_000, `total ${durations.totalMs} ms`);
    // Woken by the alarm, not by Wake now; the base's copy serves it.
    assert.equal(probe.calls.get('UpdateInferenceComponentRuntimeConfig') ?? 0, 0);
    assert.equal(emulator.state().inferenceComponents.find((ic) => ic.name === 'demo-llama3-8b')!.currentCopyCount, 1);
  });
  it('at the deadline, names the base it waited for, not only the adapter', async () => {
    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    const base = await reader.describeInferenceComponent('demo-llama3-8b');
    const baseScaling = (await reader.readScaling(['demo-llama3-8b'])).byComponent.get('demo-llama3-8b')!;
    const plan = buildAddAdapterPlan({ base, baseScaling, adapterName: 'llama-sql', artifactUrl: 's3://adapters-bucket/llama-sql/' });
    assert.equal((await runPlan(clients, plan, { wait: async (ms) => emulator.advance(ms / 1000) })).status, 'succeeded');
    const sdk = await loadSdk();
    await clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: 0 } }));
    emulator.advance(12 * 60);

    // 30 s is far shorter than a wake (about 5 minutes): the request stops at the deadline.
    const probe = createAwsProbe(clients, 'llama-sql');
    await assert.rejects(
      sendHeld({ component: 'llama-sql', send: (signal) => invoke('llama-sql', signal), probe, clock: clock(), deadlineMs: 30_000 }),
      (error: unknown) =>
        error instanceof HeldRequestStopped &&
        error.reason === 'deadline' &&
        error.message ===
          'No copy of demo-llama3-8b (the base that serves adapter llama-sql) was in service within the deadline (30 s); the request was not sent again. Why: still waking after 30 s. Next: Wait and send again, or give the request a longer deadline.' &&
        error.why?.kind === 'stillWaking',
    );
  });
});

import * as assert from 'node:assert/strict';
import { type AwsClients, createClients, loadSdk } from '../../../src/aws/clients';
import { AbortError, type ColdStartClock, scaledClock, type TimerFunctions } from '../../../src/playground/coldStart/clock';
import { HeldRequestStopped, sendHeld } from '../../../src/playground/coldStart/heldRequest';
import { coldStartPhases, type ColdStartTimeline, durationsOf, phase } from '../../../src/playground/coldStart/phases';
import { type CapacityProbe, createAwsProbe } from '../../../src/playground/coldStart/probe';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

const instanceSeconds = 1.748 * 60;
const copySeconds = 2.28 * 60;

describe('cold start: a held request against the emulator (frozen clock)', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let waits: number;

  /** The emulator's virtual clock: each wait advances it, as time would pass. */
  const emulatorClock = (): ColdStartClock => ({
    now: () => emulator.now(),
    wait: async (ms, signal) => {
      if (signal?.aborted) throw new AbortError();
      waits++;
      emulator.advance(ms / 1000);
    },
  });

  const componentState = (name: string) => emulator.state().inferenceComponents.find((ic) => ic.name === name)!;
  /** Requests the runtime refused for lack of capacity (each one a NoCapacityInvocationFailures datapoint). */
  let refused: Map<string, number>;
  const noCapacityFailures = (name: string) => refused.get(name) ?? 0;

  async function invoke(endpoint: string, component: string, signal: AbortSignal): Promise<string> {
    const sdk = await loadSdk();
    try {
      const output = await clients.runtime.send(
        new sdk.InvokeEndpointCommand({
          EndpointName: endpoint,
          InferenceComponentName: component,
          ContentType: 'application/json',
          Body: JSON.stringify({ inputs: 'What is scale to zero?', parameters: { max_new_tokens: 8 } }),
        }),
        { abortSignal: signal },
      );
      return new TextDecoder().decode(output.Body);
    } catch (error) {
      if (error instanceof Error && /no capacity/.test(error.message)) refused.set(component, (refused.get(component) ?? 0) + 1);
      throw error;
    }
  }

  /** Lets demo-llama3-8b go idle until it has no copy and no instance (~15.5 + 10.5 minutes). */
  function idleLlamaToCold(): void {
    emulator.advance(30 * 60);
    const ic = componentState('demo-llama3-8b');
    assert.equal(ic.currentCopyCount, 0);
    const endpoint = emulator.state().endpoints.find((candidate) => candidate.name === 'demo-scale-to-zero')!;
    assert.equal(endpoint.variants[0].instances.length, 0, 'instance released');
  }

  function totalCalls(probe: CapacityProbe): number {
    let total = 0;
    for (const value of probe.calls.values()) total += value;
    return total;
  }

  beforeEach(async () => {
    // A fixed Wednesday 10:00 UTC: the demo's schedules (Friday 18:00 and Monday 07:00, Europe/Paris)
    // cannot fire during the half hour this file idles demo-llama3-8b, whatever day the suite runs
    // (a CI run on a Monday at 05:30 UTC saw the Monday wake schedule keep the instance).
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', startTime: Date.UTC(2026, 11, 9, 10), timings: { tokenLatencyMs: 0 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    waits = 0;
    refused = new Map();
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('sends a warm request straight through: no timeline, no extra calls', async () => {
    const probe = createAwsProbe(clients, 'demo-llama3-8b');
    const result = await sendHeld({
      component: 'demo-llama3-8b',
      send: (signal) => invoke('demo-scale-to-zero', 'demo-llama3-8b', signal),
      probe,
      clock: emulatorClock(),
      deadlineMs: 600_000,
    });
    assert.match(result.value, /generated_text/);
    assert.equal(result.timeline, undefined);
    assert.equal(totalCalls(probe), 0);
    assert.equal(waits, 0);
  });

  it('holds the request through a full cold start: phases in order with the emulator\'s timings, one rejected request', async () => {
    idleLlamaToCold();
    const probe = createAwsProbe(clients, 'demo-llama3-8b');
    const updates: ColdStartTimeline[] = [];
    let rejectedAt: number | undefined;
    const result = await sendHeld({
      component: 'demo-llama3-8b',
      send: (signal) => invoke('demo-scale-to-zero', 'demo-llama3-8b', signal),
      probe,
      clock: emulatorClock(),
      deadlineMs: 15 * 60_000,
      onTimeline: (timeline) => updates.push(timeline),
      onRejected: (at) => (rejectedAt = at),
    });
    assert.match(result.value, /generated_text/);
    const timeline = result.timeline!;
    assert.ok(timeline, 'a cold start happened');
    assert.equal(timeline.outcome, 'succeeded');
    assert.equal(rejectedAt, timeline.startedAt);
    // Every phase happened, in order.
    assert.deepEqual(timeline.phases.map((record) => record.status), coldStartPhases.map(() => 'done'));
    const times = timeline.phases.map((record) => record.at!);
    for (let index = 1; index < times.length; index++) {
      assert.ok(times[index] >= times[index - 1], `${timeline.phases[index].id} (${times[index]}) after ${timeline.phases[index - 1].id} (${times[index - 1]})`);
    }
    const durations = durationsOf(timeline)!;
    assert.ok(durations.alarmMs! >= 30_000 && durations.alarmMs! <= 70_000, `alarm after ${durations.alarmMs} ms`);
    assert.ok(Math.abs(durations.instanceMs! / 1000 - instanceSeconds) <= 2, `instance ${durations.instanceMs} ms`);
    assert.ok(Math.abs(durations.copyMs! / 1000 - copySeconds) <= 2, `copy ${durations.copyMs} ms`);
    // The activity and the desired count come with the alarm (the step policy runs on ALARM).
    assert.ok(phase(timeline, 'scalingActivity').at! - phase(timeline, 'alarmInAlarm').at! <= 1_000);
    assert.match(phase(timeline, 'scalingActivity').detail!, /Setting desired copy count to 1/);
    // Detected within a second or two of the copy being in service, then answered.
    const inService = phase(timeline, 'inService').at!;
    const expectedReady = phase(timeline, 'instanceProvisioning').at! + (instanceSeconds + copySeconds) * 1000;
    assert.ok(inService - expectedReady <= 2_000 && inService >= expectedReady - 1, `in service seen ${inService - expectedReady} ms after ready`);
    assert.ok(durations.totalMs >= 4.5 * 60_000 && durations.totalMs <= 5.5 * 60_000, `total ${durations.totalMs} ms`);
    // Low API usage: one refused request, a few dozen cheap reads.
    assert.equal(noCapacityFailures('demo-llama3-8b'), 1);
    assert.ok(totalCalls(probe) <= 80, `probe made ${totalCalls(probe)} calls: ${JSON.stringify([...probe.calls])}`);
    assert.equal(probe.calls.get('UpdateInferenceComponentRuntimeConfig') ?? 0, 0);
    // The page saw the phases progress.
    assert.ok(updates.some((update) => phase(update, 'instanceProvisioning').status === 'active'));
    assert.ok(updates.some((update) => phase(update, 'copyStarting').status === 'active'));
  });

  it('wake now sets one copy at once and skips the alarm phase (demo-embeddings, cold from the start)', async () => {
    const probe = createAwsProbe(clients, 'demo-embeddings');
    const result = await sendHeld({
      component: 'demo-embeddings',
      send: (signal) => invoke('demo-cold', 'demo-embeddings', signal),
      probe,
      clock: emulatorClock(),
      deadlineMs: 15 * 60_000,
      wakeNow: true,
    });
    const timeline = result.timeline!;
    assert.equal(timeline.outcome, 'succeeded');
    assert.equal(phase(timeline, 'alarmInAlarm').status, 'skipped');
    assert.equal(phase(timeline, 'scalingActivity').status, 'skipped');
    for (const id of ['requestRejected', 'desiredCopies', 'instanceProvisioning', 'copyStarting', 'inService', 'firstResponse'] as const) {
      assert.equal(phase(timeline, id).status, 'done', id);
    }
    assert.equal(phase(timeline, 'desiredCopies').at, timeline.startedAt);
    assert.match(phase(timeline, 'desiredCopies').detail!, /auto scaling owns the count/);
    assert.equal(probe.calls.get('UpdateInferenceComponentRuntimeConfig'), 1);
    assert.equal(noCapacityFailures('demo-embeddings'), 0, 'the held request was not sent while cold');
    const durations = durationsOf(timeline)!;
    assert.equal(durations.alarmMs, undefined);
    assert.ok(Math.abs(durations.instanceMs! / 1000 - instanceSeconds) <= 2, `instance ${durations.instanceMs} ms`);
    assert.ok(Math.abs(durations.copyMs! / 1000 - copySeconds) <= 2, `copy ${durations.copyMs} ms`);
    assert.ok(durations.totalMs <= (instanceSeconds + copySeconds + 3) * 1000, `total ${durations.totalMs} ms`);
    assert.equal(componentState('demo-embeddings').desiredCopyCount, 1);
  });

  it('gives up cleanly at the deadline when the alarm never fires (the docs\' alarm trap), then makes no more calls', async () => {
    const probe = createAwsProbe(clients, 'demo-embeddings');
    const stopped = await sendHeld({
      component: 'demo-embeddings',
      send: (signal) => invoke('demo-cold', 'demo-embeddings', signal),
      probe,
      clock: emulatorClock(),
      deadlineMs: 5 * 60_000,
    }).then(
      () => assert.fail('the held request should not succeed'),
      (error: unknown) => error,
    );
    assert.ok(stopped instanceof HeldRequestStopped, String(stopped));
    assert.equal(stopped.reason, 'deadline');
    assert.match(stopped.message, /within the deadline \(300 s\)/);
    const timeline = stopped.timeline!;
    assert.equal(timeline.outcome, 'deadline');
    assert.equal(timeline.endedAt, timeline.deadlineAt);
    assert.match(timeline.note ?? '', /a single request never wakes the endpoint/);
    assert.equal(phase(timeline, 'alarmInAlarm').status, 'pending');
    assert.equal(phase(timeline, 'firstResponse').status, 'pending');
    assert.ok(timeline.phases.every((record) => record.status !== 'active'), 'nothing left waiting');
    // Re-sent with backoff (at about 2 and 4 minutes), not in a loop.
    const failures = noCapacityFailures('demo-embeddings');
    assert.ok(failures >= 2 && failures <= 3, `${failures} refused requests`);
    const calls = totalCalls(probe);
    emulator.advance(600);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(totalCalls(probe), calls);
    assert.equal(componentState('demo-embeddings').desiredCopyCount, 0);
  });

  it('cancel stops every poll and timer (real timers on a scaled clock)', async () => {
    idleLlamaToCold();
    const probe = createAwsProbe(clients, 'demo-llama3-8b');
    const active = new Set<unknown>();
    let created = 0;
    const timers: TimerFunctions = {
      setTimeout: (callback, ms) => {
        created++;
        const handle = setTimeout(() => {
          active.delete(handle);
          // Time passes on the emulator as the timer fires: 1 real ms = 1 virtual s.
          emulator.advance(ms);
          callback();
        }, ms);
        active.add(handle);
        return handle;
      },
      clearTimeout: (handle) => {
        active.delete(handle);
        clearTimeout(handle as ReturnType<typeof setTimeout>);
      },
    };
    const clock = scaledClock({ now: () => emulator.now(), timeScale: () => 1000, timers });
    const controller = new AbortController();
    const pending = sendHeld({
      component: 'demo-llama3-8b',
      send: (signal) => invoke('demo-scale-to-zero', 'demo-llama3-8b', signal),
      probe,
      clock,
      deadlineMs: 15 * 60_000,
      signal: controller.signal,
      onTimeline: (timeline) => {
        if (phase(timeline, 'instanceProvisioning').at !== undefined && !controller.signal.aborted) controller.abort();
      },
    });
    const stopped = await pending.then(
      () => assert.fail('cancelled requests do not succeed'),
      (error: unknown) => error,
    );
    assert.ok(stopped instanceof HeldRequestStopped, String(stopped));
    assert.equal(stopped.reason, 'cancelled');
    assert.equal(stopped.timeline?.outcome, 'cancelled');
    assert.ok(created > 0, 'it did wait on timers');
    assert.equal(active.size, 0, 'no timer left');
    const calls = totalCalls(probe);
    emulator.advance(600);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(totalCalls(probe), calls, 'no poll after cancel');
    assert.equal(noCapacityFailures('demo-llama3-8b'), 1);
  });

  it('cancel before anything is sent rejects at once', async () => {
    const probe = createAwsProbe(clients, 'demo-llama3-8b');
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      sendHeld({ component: 'demo-llama3-8b', send: (signal) => invoke('demo-scale-to-zero', 'demo-llama3-8b', signal), probe, clock: emulatorClock(), deadlineMs: 1000, signal: controller.signal }),
      (error: unknown) => error instanceof HeldRequestStopped && error.reason === 'cancelled',
    );
    assert.equal(totalCalls(probe), 0);
  });
});

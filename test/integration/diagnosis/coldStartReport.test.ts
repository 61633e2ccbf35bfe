import * as assert from 'node:assert/strict';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients, loadSdk } from '../../../src/aws/clients';
import { readWakes } from '../../../src/diagnosis/coldStart/wakeHistory';
import { type ExplainedPhaseId } from '../../../src/diagnosis/coldStart/wakePhases';
import { coldStartReport } from '../../../src/diagnosis/coldStart/coldStartReport';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

// Timings of our own (not the defaults), so each phase has a figure no other phase shares.
const timings = { tokenLatencyMs: 0, instanceProvisioningSeconds: 97, modelDownloadSeconds: 43, copyStartSeconds: 113 };
const containerSeconds = timings.copyStartSeconds - timings.modelDownloadSeconds;
const component = 'demo-llama3-8b';

describe('explained cold start: a wake on the emulator, phase by phase (issue 19, item 3)', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;

  beforeEach(async () => {
    // Wednesday 10:00 UTC: the demo's schedules cannot fire while the component idles to zero.
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', startTime: Date.UTC(2026, 11, 9, 10), timings });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  async function invoke(): Promise<void> {
    const sdk = await loadSdk();
    await clients.runtime.send(
      new sdk.InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: component, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hi', parameters: { max_new_tokens: 4 } }) }),
    );
  }

  const copies = () => emulator.state().inferenceComponents.find((ic) => ic.name === component)!.currentCopyCount;

  it('matches the emulator within a second: alarm, decision, instance and download, model load, health check, first answer', async () => {
    emulator.advance(30 * 60);
    assert.equal(copies(), 0, 'the demo component went cold');
    const refusedAt = emulator.now();
    await assert.rejects(invoke(), /no capacity/);
    // Moves the frozen clock a second at a time until the alarm fires (its state time is the emulator's record), then until the copy serves.
    const alarmState = () => emulator.state().alarms?.find((alarm) => alarm.name === `${component}-no-capacity`);
    for (let step = 0; step < 600 && alarmState()?.state !== 'ALARM'; step++) emulator.advance(1);
    const alarmAt = alarmState()!.stateUpdated! * 1000;
    for (let step = 0; step < 200 && copies() === 0; step++) emulator.advance(5);
    assert.equal(copies(), 1, 'woke');
    emulator.advance(7);
    const answeredAt = emulator.now();
    await invoke();
    emulator.advance(2);

    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    const wakeAlarm = (await reader.listAlarms()).find((alarm) => alarm.metricName === 'NoCapacityInvocationFailures' && alarm.dimensions['InferenceComponentName'] === component)!;
    const calls = new Map<string, number>();
    const wakes = await readWakes(clients, component, { now: new Date(emulator.now()), wakeAlarmName: wakeAlarm.name, refusedAt: new Date(refusedAt), calls });
    assert.equal(wakes.length, 1);
    const [wake] = wakes;

    // The emulator's own record of the alarm's change and the scaling activity (epoch seconds).
    const state = emulator.state();
    assert.equal(alarmState()?.name, wakeAlarm.name);
    const activity = state.scalingActivities!.find((candidate) => candidate.resourceId === `inference-component/${component}` && /desired copy count to 1/.test(candidate.description))!;
    const decisionAt = activity.startTime! * 1000;
    const healthAt = decisionAt + (timings.instanceProvisioningSeconds + timings.copyStartSeconds) * 1000;
    const expected: Record<ExplainedPhaseId, number> = {
      alarm: alarmAt - refusedAt,
      decision: decisionAt - alarmAt,
      instanceAndDownload: (timings.instanceProvisioningSeconds + timings.modelDownloadSeconds) * 1000,
      modelLoad: (containerSeconds - 5) * 1000,
      healthCheck: 5000,
      firstAnswer: answeredAt - healthAt,
    };
    for (const measured of wake.phases) {
      assert.ok(measured.ms !== undefined, `${measured.id} measured (${measured.note ?? ''})`);
      assert.ok(Math.abs(measured.ms - expected[measured.id]) <= 1000, `${measured.id}: ${measured.ms} ms, the emulator says ${expected[measured.id]} ms`);
    }
    assert.ok(Math.abs(wake.totalMs! - (answeredAt - refusedAt)) <= 1000);
    assert.equal(wake.moments.refusedApproximate, false);
    // One activity history, one alarm history, one FilterLogEvents per wake.
    assert.deepEqual(Object.fromEntries(calls), { DescribeScalingActivities: 1, DescribeAlarmHistory: 1, FilterLogEvents: 1 });

    const report = coldStartReport(wake, wakes, {}, { days: 7 });
    assert.match(report, /^# Cold start: demo-llama3-8b at 2026-12-09 /);
    assert.match(report, /\| Health check \| 5\.0 s \| 5\.0 s \| — \|/);
  });

  it('without the playground, dates the refusal by the alarm’s breaching datapoint (the period that counted it)', async () => {
    emulator.advance(30 * 60);
    const refusedAt = emulator.now();
    await assert.rejects(invoke(), /no capacity/);
    for (let step = 0; step < 200 && copies() === 0; step++) emulator.advance(5);
    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    const wakeAlarm = (await reader.listAlarms()).find((alarm) => alarm.metricName === 'NoCapacityInvocationFailures' && alarm.dimensions['InferenceComponentName'] === component)!;
    const [wake] = await readWakes(clients, component, { now: new Date(emulator.now()), wakeAlarmName: wakeAlarm.name });
    assert.equal(wake.moments.refusedApproximate, true);
    const breach = wake.moments.refusedAt!.getTime();
    assert.ok(breach <= refusedAt && refusedAt < breach + (wakeAlarm.period ?? 60) * 1000, `the refusal at ${new Date(refusedAt).toISOString()} is in the period from ${new Date(breach).toISOString()}`);
  });

  it('after a failed wake, a refused request’s report is the wake it started, and the failed one is among the wakes found', async () => {
    emulator.advance(30 * 60);
    const fault = (method: string, body?: unknown) => fetch(`${emulator.url}/__emulator/faults`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    await fault('POST', { componentFaults: { [component]: 'insufficientCapacity' } });
    await assert.rejects(invoke(), /no capacity/);
    emulator.advance(10 * 60);
    await fault('DELETE');
    const sdk = await loadSdk();
    await clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: component, DesiredRuntimeConfig: { CopyCount: 0 } }));
    emulator.advance(5 * 60);
    const refusedAt = emulator.now();
    await assert.rejects(invoke(), /no capacity/);
    for (let step = 0; step < 200 && copies() === 0; step++) emulator.advance(5);
    emulator.advance(30);
    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    const wakeAlarm = (await reader.listAlarms()).find((alarm) => alarm.metricName === 'NoCapacityInvocationFailures' && alarm.dimensions['InferenceComponentName'] === component)!;
    const wakes = await readWakes(clients, component, { now: new Date(emulator.now()), wakeAlarmName: wakeAlarm.name, refusedAt: new Date(refusedAt) });
    assert.deepEqual(wakes.map((wake) => wake.outcome), ['succeeded', 'failed']);
    assert.equal(wakes[0].moments.refusedAt?.getTime(), refusedAt);
    assert.equal(wakes[1].moments.refusedApproximate, true);
  });
});

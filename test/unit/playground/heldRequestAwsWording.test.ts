import * as assert from 'node:assert/strict';
import { type ColdStartClock, AbortError } from '../../../src/playground/coldStart/clock';
import { HeldRequestFailed, sendHeld } from '../../../src/playground/coldStart/heldRequest';
import { phase } from '../../../src/playground/coldStart/phases';
import { type CapacityProbe } from '../../../src/playground/coldStart/probe';
import { type ScalingActivitySnapshot } from '../../../src/resources/resourceSnapshots';
import { wakeAlarm } from '../../support/accountFixtures';

/**
 * The held request where AWS publishes no wording (issue 16, item 5): which scaling activity woke the
 * component, and whether a refusal was for lack of capacity, read from a scripted account that words
 * them as the emulator does, otherwise, or not at all.
 */
const t0 = Date.parse('2026-11-29T12:00:00Z');
const alarmAt = t0 + 60_000;
const activityAt = t0 + 70_000;
const instanceAt = t0 + 240_000;
const copyAt = t0 + 300_000;

const emulatorRefusal = () => Object.assign(new Error('Inference Component has no capacity to process this request. ModelId: ic'), { name: 'ValidationError' });

function scriptedAccount(activity: (Omit<ScalingActivitySnapshot, 'id' | 'startTime' | 'status' | 'cause'> & { cause?: string }) | undefined, refusal: () => Error = emulatorRefusal, alarmSeen = true) {
  let now = t0;
  const clock: ColdStartClock = {
    now: () => now,
    wait(ms, signal) {
      if (signal?.aborted) return Promise.reject(new AbortError());
      now += Math.max(1, ms);
      return Promise.resolve();
    },
  };
  const probe: CapacityProbe = {
    calls: new Map(),
    component: () => Promise.resolve({ status: 'InService', desired: now >= activityAt ? 1 : 0, current: now >= copyAt ? 1 : 0, endpointName: 'ep', variantName: 'AllTraffic' }),
    instances: () => Promise.resolve({ current: now >= instanceAt ? 1 : 0, desired: now >= activityAt ? 1 : 0 }),
    wakeSignals: () =>
      Promise.resolve({
        alarm: wakeAlarm({ state: alarmSeen && now >= alarmAt ? 'ALARM' : 'OK', stateUpdated: alarmSeen && now >= alarmAt ? new Date(alarmAt) : undefined }),
        activities:
          activity && now >= activityAt
            ? [{ id: 'a', status: 'InProgress', cause: 'monitor alarm ic-no-capacity in state ALARM triggered policy ic-step', startTime: new Date(activityAt), ...activity }]
            : [],
      }),
    setCopies: () => Promise.reject(new Error('Wake now is not used here')),
  };
  const send = () => (now >= copyAt ? Promise.resolve('answer') : Promise.reject(refusal()));
  return { clock, probe, send };
}

async function wake(activity: Parameters<typeof scriptedAccount>[0], refusal?: () => Error, alarmSeen = true) {
  const { clock, probe, send } = scriptedAccount(activity, refusal, alarmSeen);
  const result = await sendHeld({ component: 'ic', send, probe, clock, deadlineMs: 15 * 60_000 });
  assert.equal(result.value, 'answer');
  return result.timeline!;
}

describe('held request: the scaling activity that wakes the component, whatever AWS writes in it', () => {
  it('marks the activity and dates the desired count from it with the emulator wording, another wording, or none', async () => {
    for (const description of ['Setting desired copy count to 1.', 'Setting desired capacity to 1.', '']) {
      const timeline = await wake({ description });
      const activity = phase(timeline, 'scalingActivity');
      assert.deepEqual([activity.status, activity.at], ['done', activityAt], `description ${JSON.stringify(description)}`);
      assert.equal(activity.detail, description ? `${description} (InProgress)` : 'A scaling activity (InProgress)');
      assert.equal(phase(timeline, 'desiredCopies').at, activityAt, `description ${JSON.stringify(description)}`);
    }
  });

  it('does not take an activity that says it sets zero copies for the wake, and without any activity says it was not seen', async () => {
    for (const activity of [{ description: 'Setting desired capacity to 0.' }, undefined]) {
      const timeline = await wake(activity);
      const record = phase(timeline, 'scalingActivity');
      assert.equal(record.status, 'skipped');
      assert.match(record.detail ?? '', /^Not seen/);
      assert.ok(phase(timeline, 'desiredCopies').at! >= activityAt);
    }
  });
});

describe('held request: a wake alarm back to OK before any poll saw it in ALARM', () => {
  it('dates the alarm from the activity whose cause names it (Application Auto Scaling\'s "monitor alarm … in state ALARM triggered policy …")', async () => {
    const timeline = await wake({ description: 'Setting desired copy count to 1.' }, undefined, false);
    const alarm = phase(timeline, 'alarmInAlarm');
    assert.deepEqual([alarm.status, alarm.at], ['done', activityAt]);
    assert.equal(alarm.detail, 'ic-no-capacity in ALARM: it triggered ic-step (the scaling activity\'s cause).');
    assert.equal(phase(timeline, 'scalingActivity').status, 'done');
  });

  it('says it was not seen when the activity was started by something else (a call, a schedule)', async () => {
    const timeline = await wake({ description: 'Setting desired copy count to 1.', cause: 'user request to update desired copy count' }, undefined, false);
    const alarm = phase(timeline, 'alarmInAlarm');
    assert.equal(alarm.status, 'skipped');
    assert.match(alarm.detail ?? '', /^Not seen/);
  });
});

describe('held request: a refusal worded otherwise than the emulator words it', () => {
  const refusals: Record<string, () => Error> = {
    'ValidationError, another message': () => Object.assign(new Error('Endpoint ep has no copies of ic running.'), { name: 'ValidationError' }),
    ModelNotReadyException: () => Object.assign(new Error('Model is not ready.'), { name: 'ModelNotReadyException' }),
    ServiceUnavailable: () => Object.assign(new Error('Try again.'), { name: 'ServiceUnavailable' }),
  };

  it('is held as a refusal for lack of capacity when the component has no copy, and answered once one serves', async () => {
    for (const [wording, refusal] of Object.entries(refusals)) {
      const timeline = await wake({ description: 'Setting desired copy count to 1.' }, refusal);
      assert.equal(phase(timeline, 'requestRejected').status, 'done', wording);
      assert.equal(timeline.outcome, 'succeeded', wording);
    }
  });

  it('is not held when the component has a copy, nor when the error is not a "not yet" refusal', async () => {
    const denied = () => Object.assign(new Error('User is not authorized.'), { name: 'AccessDeniedException' });
    await assert.rejects(wake(undefined, denied), (error: unknown) => error instanceof HeldRequestFailed && error.message === 'User is not authorized.');

    const { clock, probe } = scriptedAccount(undefined);
    probe.component = () => Promise.resolve({ status: 'InService', desired: 1, current: 1, endpointName: 'ep', variantName: 'AllTraffic' });
    const badInput = () => Promise.reject(Object.assign(new Error('Invalid JSON body.'), { name: 'ValidationError' }));
    await assert.rejects(sendHeld({ component: 'ic', send: badInput, probe, clock, deadlineMs: 60_000 }), (error: unknown) => error instanceof HeldRequestFailed && error.message === 'Invalid JSON body.');
  });
});

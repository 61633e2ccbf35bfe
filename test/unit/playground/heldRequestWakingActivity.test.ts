import * as assert from 'node:assert/strict';
import { type ColdStartClock, AbortError } from '../../../src/playground/coldStart/clock';
import { sendHeld } from '../../../src/playground/coldStart/heldRequest';
import { phase } from '../../../src/playground/coldStart/phases';
import { type CapacityProbe } from '../../../src/playground/coldStart/probe';
import { type ScalingActivitySnapshot } from '../../../src/resources/resourceSnapshots';
import { wakeAlarm } from '../../support/accountFixtures';

/**
 * The held request's view of the wake-up (issue 16, item 5): which scaling activity woke the
 * component, read from a scripted account whose activity says what AWS might write, or nothing.
 */
const t0 = Date.parse('2026-11-29T12:00:00Z');
const alarmAt = t0 + 60_000;
const activityAt = t0 + 70_000;
const instanceAt = t0 + 240_000;
const copyAt = t0 + 300_000;

function scriptedAccount(activity: Omit<ScalingActivitySnapshot, 'id' | 'startTime' | 'status' | 'cause'> | undefined) {
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
        alarm: wakeAlarm({ state: now >= alarmAt ? 'ALARM' : 'OK', stateUpdated: now >= alarmAt ? new Date(alarmAt) : undefined }),
        activities:
          activity && now >= activityAt
            ? [{ id: 'a', status: 'InProgress', cause: 'monitor alarm ic-no-capacity in state ALARM triggered policy ic-step', startTime: new Date(activityAt), ...activity }]
            : [],
      }),
    setCopies: () => Promise.reject(new Error('Wake now is not used here')),
  };
  const send = () => (now >= copyAt ? Promise.resolve('answer') : Promise.reject(new Error('Inference component ic has no capacity to process this request.')));
  return { clock, probe, send };
}

async function wake(activity: Parameters<typeof scriptedAccount>[0]) {
  const { clock, probe, send } = scriptedAccount(activity);
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

import * as assert from 'node:assert/strict';
import { DescribeScalingActivitiesCommand, PutScheduledActionCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { defaultTimings } from '../src/timings';
import { deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

/**
 * DescribeScalingActivities answers "the scaling activities … from the previous six weeks" (the
 * model's documentation of the operation); the emulator kept them forever (issue 16, item 5). The
 * retention is a timing, so the test runs it short (six simulated weeks take most of a minute).
 */
describe('emulator: scaling activities are kept six weeks', () => {
  let h: ScalingHarness;
  const retentionSeconds = 2 * 3600;
  before(async () => {
    h = await startScalingHarness({ timings: { scalingActivityRetentionSeconds: retentionSeconds } });
  });
  after(() => stopScalingHarness(h));

  const activities = async () => (await h.aas.send(new DescribeScalingActivitiesCommand({ ...targetKey('ic') }))).ScalingActivities ?? [];

  it('keeps them six weeks by default', () => {
    assert.equal(defaultTimings.scalingActivityRetentionSeconds, 42 * 86_400);
  });

  it('answers an activity until the retention after it started, and not after', async () => {
    await deployScaleToZero(h);
    await h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), MinCapacity: 0, MaxCapacity: 2 }));
    await h.aas.send(new PutScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: 'to-zero', Schedule: 'at(2025-01-01T01:00:00)', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } }));
    h.emulator.advance(3600);
    const first = await activities();
    assert.ok(first.length >= 1, 'the scheduled action left activities');
    const newest = Math.max(...first.map((activity) => activity.StartTime!.getTime()));

    h.emulator.advance((newest - h.emulator.now()) / 1000 + retentionSeconds - 60);
    assert.ok((await activities()).length >= 1, 'a minute before the retention ends: still answered');
    h.emulator.advance(120);
    assert.deepEqual(await activities(), [], 'a minute after: gone');
  });
});

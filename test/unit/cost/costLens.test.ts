import * as assert from 'node:assert/strict';
import { currentBurn, estimateSavings } from '../../../src/cost/costLens';
import { type ScalingActivitySnapshot } from '../../../src/resources/resourceSnapshots';
import { endpoint, pooledEndpoint } from '../../support/accountFixtures';

const at = (iso: string) => new Date(iso);
const activity = (iso: string, copies: number, status = 'Successful'): ScalingActivitySnapshot => ({
  id: iso,
  description: `Setting desired copy count to ${copies}.`,
  cause: 'monitor alarm x in state ALARM triggered policy y',
  status,
  startTime: at(iso),
  endTime: at(iso),
});

describe('cost lens', () => {
  it('prices the running instances, and an override wins over the built-in table', () => {
    const burn = currentBurn(endpoint({}, { current: 2, desired: 2 }));
    assert.equal(burn.hourlyUsd, 3.03);
    assert.match(burn.description, /≈ \$3\.03\/h for 2 × ml\.g5\.2xlarge/);
    assert.equal(currentBurn(endpoint({}, { current: 1, desired: 1 }), { 'ml.g5.2xlarge': 2 }).hourlyUsd, 2);
    assert.equal(currentBurn(endpoint({}, { current: 0, desired: 0 })).hourlyUsd, 0);
  });

  // Issue 17: a wake on a fallback type bills that type, not the first choice.
  it('prices the instances of each fallback type that run, not the first type', () => {
    const woke = pooledEndpoint();
    woke.variants[0].instancePools = [
      { instanceType: 'ml.g5.2xlarge', priority: 1, currentInstanceCount: 0 },
      { instanceType: 'ml.g6.2xlarge', priority: 2, currentInstanceCount: 1 },
    ];
    const burn = currentBurn(woke, { 'ml.g5.2xlarge': 2, 'ml.g6.2xlarge': 1 });
    assert.equal(burn.hourlyUsd, 1);
    assert.equal(burn.instanceType, 'ml.g6.2xlarge');
    assert.match(burn.description, /≈ \$1\.00\/h for 1 × ml\.g6\.2xlarge/);
    woke.variants[0].currentInstanceCount = 2;
    woke.variants[0].instancePools[0].currentInstanceCount = 1;
    assert.match(currentBurn(woke, { 'ml.g5.2xlarge': 2, 'ml.g6.2xlarge': 1 }).description, /≈ \$3\.00\/h for 1 × ml\.g5\.2xlarge \+ 1 × ml\.g6\.2xlarge/);
  });

  it('says when an instance type has no price instead of guessing', () => {
    const unknown = endpoint({}, { current: 1, desired: 1 });
    unknown.variants[0].instanceType = 'ml.x9.huge';
    const burn = currentBurn(unknown);
    assert.equal(burn.hourlyUsd, undefined);
    assert.match(burn.description, /no price known/);
  });

  it('counts the hours every copy was at zero, minus the instance release delay', () => {
    // Warm until Monday 10:00, to zero; woken Monday 20:00 (10 h at zero, 9 h 50 min released).
    const savings = estimateSavings({
      activitiesByComponent: [[activity('2026-11-23T10:00:00Z', 0), activity('2026-11-23T20:00:00Z', 1)]],
      desiredNowByComponent: [1],
      from: at('2026-11-22T00:00:00Z'),
      to: at('2026-11-29T00:00:00Z'),
      instanceType: 'ml.g5.2xlarge',
      alwaysOnInstances: 1,
    });
    assert.equal(Math.round(savings.coldHours * 60), 9 * 60 + 50);
    assert.equal(savings.savedUsd, Math.round((590 / 60) * 1.515 * 100) / 100);
    assert.match(savings.description, /over the last 7 days/);
  });

  it('needs every inference component at zero, and ignores failed activities', () => {
    const savings = estimateSavings({
      activitiesByComponent: [
        [activity('2026-11-23T10:00:00Z', 0)],
        [activity('2026-11-23T12:00:00Z', 0), activity('2026-11-23T14:00:00Z', 1), activity('2026-11-23T15:00:00Z', 0, 'Failed')],
      ],
      desiredNowByComponent: [0, 1],
      from: at('2026-11-23T00:00:00Z'),
      to: at('2026-11-24T00:00:00Z'),
      instanceType: 'ml.g5.2xlarge',
      alwaysOnInstances: 1,
    });
    // Both at zero from 12:00 to 14:00 only: released 12:10–14:00.
    assert.equal(Math.round(savings.coldHours * 60), 110);
  });

  it('an endpoint that went cold before the window and stayed cold saved the whole window', () => {
    const savings = estimateSavings({
      activitiesByComponent: [[activity('2026-11-20T00:00:00Z', 0)]],
      desiredNowByComponent: [0],
      from: at('2026-11-22T00:00:00Z'),
      to: at('2026-11-29T00:00:00Z'),
      instanceType: 'ml.g5.xlarge',
      alwaysOnInstances: 1,
      releaseDelayMinutes: 0,
    });
    assert.equal(savings.coldHours, 168);
  });

  it('with no scaling activity at all, claims no saving and says why instead of a number (issue 15, item 1)', () => {
    // demo-cold on the emulator: created 1.6 hours ago, 0 copies, no scaling activities.
    const savings = estimateSavings({
      activitiesByComponent: [[]],
      desiredNowByComponent: [0],
      from: at('2026-11-22T00:00:00Z'),
      to: at('2026-11-29T00:00:00Z'),
      createdAt: at('2026-11-28T22:24:00Z'),
      instanceType: 'ml.g5.2xlarge',
      alwaysOnInstances: 1,
    });
    assert.equal(savings.noEvidence, true);
    assert.equal(savings.savedInstanceHours, 0);
    assert.equal(savings.savedUsd, undefined);
    assert.doesNotMatch(savings.description, /\$|Saved/);
    assert.match(savings.description, /^No saving to show since the endpoint was created 1\.6 hours ago: no auto-scaling activity says its copies ever went to 0/);
  });

  it('never counts time before the endpoint existed: the saving is at most the hours since it was created', () => {
    const savings = estimateSavings({
      activitiesByComponent: [[activity('2026-11-28T22:30:00Z', 0)]],
      desiredNowByComponent: [0],
      from: at('2026-11-22T00:00:00Z'),
      to: at('2026-11-29T00:00:00Z'),
      createdAt: at('2026-11-28T22:24:00Z'),
      instanceType: 'ml.g5.2xlarge',
      alwaysOnInstances: 1,
      releaseDelayMinutes: 0,
    });
    assert.equal(Math.round(savings.coldHours * 60), 90, 'cold from 22:30 to midnight');
    assert.ok(savings.coldHours <= 1.6);
    assert.match(savings.description, /since the endpoint was created 1\.6 hours ago/);
  });
  describe('whatever AWS writes in the activities (issue 16, item 5)', () => {
    const window = { from: at('2026-11-22T00:00:00Z'), to: at('2026-11-29T00:00:00Z'), instanceType: 'ml.g5.2xlarge', alwaysOnInstances: 1 };
    const worded = (iso: string, description: string, statusMessage?: string): ScalingActivitySnapshot => ({ ...activity(iso, 0), description, statusMessage });

    it('reads the same timeline from the emulator wording, another wording, and a status message alone', () => {
      const histories: Record<string, ScalingActivitySnapshot[]> = {
        emulator: [activity('2026-11-23T10:00:00Z', 0), activity('2026-11-23T20:00:00Z', 1)],
        capacity: [worded('2026-11-23T10:00:00Z', 'Setting desired capacity to 0.'), worded('2026-11-23T20:00:00Z', 'Setting desired capacity to 1.')],
        statusMessage: [
          worded('2026-11-23T10:00:00Z', '', 'Successfully set desired count to 0. Change successfully fulfilled by sagemaker.'),
          worded('2026-11-23T20:00:00Z', '', 'Successfully set desired count to 1. Change successfully fulfilled by sagemaker.'),
        ],
      };
      for (const [wording, activities] of Object.entries(histories)) {
        const savings = estimateSavings({ ...window, activitiesByComponent: [activities], desiredNowByComponent: [1] });
        assert.equal(Math.round(savings.coldHours * 60), 9 * 60 + 50, wording);
        assert.equal(savings.unreadActivities, 0, wording);
      }
    });

    it('with activities that name no count at all, claims no saving and says why', () => {
      const savings = estimateSavings({
        ...window,
        activitiesByComponent: [[worded('2026-11-23T10:00:00Z', ''), worded('2026-11-23T20:00:00Z', 'Scaling the inference component.')]],
        desiredNowByComponent: [1],
      });
      assert.equal(savings.noEvidence, true);
      assert.equal(savings.savedInstanceHours, 0);
      assert.equal(savings.unreadActivities, 2);
      assert.match(savings.description, /2 scaling activities did not say which copy count they set/);
    });

    it('never claims the time after an activity that names no count: it counts as not at zero until a known count', () => {
      // To zero at 10:00 (known), something at 15:00 (count not named: perhaps a wake), to 1 at 20:00.
      const savings = estimateSavings({
        ...window,
        activitiesByComponent: [[activity('2026-11-23T10:00:00Z', 0), worded('2026-11-23T15:00:00Z', ''), activity('2026-11-23T20:00:00Z', 1)]],
        desiredNowByComponent: [1],
      });
      assert.equal(Math.round(savings.coldHours * 60), 4 * 60 + 50, 'cold 10:10 to 15:00 only');
      assert.equal(savings.unreadActivities, 1);
      assert.match(savings.description, /1 scaling activity did not say which copy count it set, so the time after it is not counted/);
    });

    it('is not thrown off by a scheduled action\'s change of limits', () => {
      const savings = estimateSavings({
        ...window,
        activitiesByComponent: [[activity('2026-11-23T10:00:00Z', 0), worded('2026-11-23T15:00:00Z', 'Setting min capacity to 0 and max capacity to 1'), activity('2026-11-23T20:00:00Z', 1)]],
        desiredNowByComponent: [1],
      });
      assert.equal(Math.round(savings.coldHours * 60), 9 * 60 + 50);
      assert.equal(savings.unreadActivities, 0);
    });
  });
});

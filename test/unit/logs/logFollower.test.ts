import * as assert from 'node:assert/strict';
import { LogFollower } from '../../../src/logs/reading/logFollower';
import { type LogLine } from '../../../src/logs/reading/logReader';
import { type LogGroupSource } from '../../../src/logs/reading/logGroups';
import { ManualTimer } from '../../support/manualTimer';
import { FakeLogsApi } from './fakeLogsApi';

const group = '/aws/sagemaker/InferenceComponents/demo-llama';
const groups: LogGroupSource[] = [{ logGroupName: group, owner: 'inferenceComponent', ownerName: 'demo-llama' }];
const t0 = Date.UTC(2026, 11, 7, 9, 0, 0);

function follower(api: FakeLogsApi, timer: ManualTimer, delivered: LogLine[][], options: { since?: number } = {}) {
  return new LogFollower({
    api,
    groups: () => groups,
    now: () => api.now,
    timer,
    since: options.since ?? t0,
    minIntervalMs: 2000,
    maxIntervalMs: 30_000,
    lookbackMs: 30_000,
    deliver: (lines) => delivered.push(lines),
  });
}

describe('logs: the follower polls FilterLogEvents with backoff', () => {
  it('reads quickly while lines arrive, twice as slowly after each quiet read, up to the ceiling', async () => {
    const api = new FakeLogsApi();
    const timer = new ManualTimer();
    const delivered: LogLine[][] = [];
    api.now = t0;
    api.createGroup(group);
    const subject = follower(api, timer, delivered);
    subject.start();
    assert.equal(timer.pendingMs(), 0, 'the first read is at once');
    await timer.fire();
    // Quiet: 4 s, 8 s, 16 s, then the 30 s ceiling, and it stays there.
    for (const expected of [8000, 16_000, 30_000, 30_000]) {
      api.now += 10_000;
      await timer.fire();
      assert.equal(timer.pendingMs(), expected);
    }
    assert.deepEqual(timer.waits.slice(0, 2), [0, 4000]);
    // A line arrives: back to the quickest.
    api.write(group, api.now, 'INFO "POST /invocations HTTP/1.1" 200 OK');
    api.now += 2000;
    await timer.fire();
    assert.equal(timer.pendingMs(), 2000);
    assert.equal(delivered.flat().length, 1);
    subject.stop();
    assert.equal(timer.pending, undefined, 'stopping cancels the next read');
  });

  it('never delivers an event twice (dedupe by eventId across the lookback), and catches events ingested late', async () => {
    const api = new FakeLogsApi();
    const timer = new ManualTimer();
    const delivered: LogLine[][] = [];
    api.now = t0;
    const shown = api.write(group, t0 - 5000, 'INFO Starting inference server');
    const subject = follower(api, timer, delivered);
    subject.markSeen([{ ...shown, stream: shown.logStreamName, logGroupName: group }]);
    subject.start();
    await timer.fire();
    assert.equal(delivered.flat().length, 0, 'the loaded window\'s line is not delivered again');
    // Written at t0 + 1 s but ingested only at t0 + 20 s: the read at t0 + 10 s cannot see it; the next one must.
    const late = api.write(group, t0 + 1000, 'INFO Loading model weights from /opt/ml/model');
    late.ingestionTime = t0 + 20_000;
    api.write(group, t0 + 9000, 'INFO Model weights loaded in 40 s');
    api.now = t0 + 10_000;
    await timer.fire();
    api.now = t0 + 25_000;
    await timer.fire();
    api.now = t0 + 40_000;
    await timer.fire();
    assert.deepEqual(
      delivered.flat().map((line) => line.message),
      ['INFO Model weights loaded in 40 s', 'INFO Loading model weights from /opt/ml/model'],
    );
    const ids = delivered.flat().map((line) => line.eventId);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('backs off on throttling (at least twice the wait, up to twice the ceiling), then recovers', async () => {
    const api = new FakeLogsApi();
    const timer = new ManualTimer();
    api.now = t0;
    api.createGroup(group);
    const subject = follower(api, timer, []);
    subject.start();
    const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    api.failures = [throttled(), throttled(), throttled(), throttled(), throttled(), throttled()];
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await timer.fire();
      waits.push(timer.pendingMs()!);
    }
    assert.deepEqual(waits, [4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    api.write(group, t0 - 1000, 'INFO back');
    await timer.fire();
    assert.equal(timer.pendingMs(), 2000, 'lines again: quick again');
  });

  it('pauses while the panel is hidden and reads at once when shown again', async () => {
    const api = new FakeLogsApi();
    const timer = new ManualTimer();
    const delivered: LogLine[][] = [];
    api.now = t0;
    api.createGroup(group);
    const subject = follower(api, timer, delivered);
    subject.start();
    await timer.fire();
    await timer.fire();
    assert.equal(timer.pendingMs(), 8000);
    const callsBefore = api.calls.length;
    subject.setVisible(false);
    assert.equal(timer.pending, undefined, 'no read is scheduled while hidden');
    api.write(group, t0 + 1000, 'INFO while hidden');
    api.now = t0 + 300_000;
    assert.equal(api.calls.length, callsBefore);
    subject.setVisible(true);
    assert.equal(timer.pendingMs(), 0, 'shown: a read at once');
    await timer.fire();
    assert.deepEqual(delivered.flat().map((line) => line.message), ['INFO while hidden']);
  });
});

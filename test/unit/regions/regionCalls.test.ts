import * as assert from 'node:assert/strict';
import { RegionCalls, ScanCancelled } from '../../../src/regions/scan/regionCalls';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('a region\'s calls: bounded, counted, stopped by a cancel', () => {
  it('never has more than callConcurrency calls in flight, and counts each by operation', async () => {
    const calls = new RegionCalls(3, undefined);
    let inFlight = 0;
    let most = 0;
    const work = Array.from({ length: 20 }, (_, index) =>
      calls.call(index % 2 ? 'DescribeEndpoint' : 'DescribeEndpointConfig', async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await tick();
        inFlight--;
        return index;
      }),
    );
    assert.deepEqual(await Promise.all(work), Array.from({ length: 20 }, (_, index) => index));
    assert.equal(most, 3);
    assert.deepEqual(Object.fromEntries(calls.byOperation), { DescribeEndpointConfig: 10, DescribeEndpoint: 10 });
    assert.equal(calls.total, 20);
  });

  it('starts no call once cancelled, and hands the signal to the ones in flight', async () => {
    const controller = new AbortController();
    const calls = new RegionCalls(1, controller.signal);
    const signals: (AbortSignal | undefined)[] = [];
    let started = 0;
    const first = calls.call('ListEndpoints', async ({ abortSignal }) => {
      started++;
      signals.push(abortSignal);
      await tick();
      return 'first';
    });
    const queued = calls.call('ListEndpoints', async () => {
      started++;
      return 'second';
    });
    controller.abort();
    assert.equal(await first, 'first');
    await assert.rejects(queued, ScanCancelled);
    await assert.rejects(calls.call('ListEndpoints', async () => 'third'), ScanCancelled);
    assert.equal(started, 1);
    assert.equal(signals[0]?.aborted, true);
    assert.equal(calls.total, 1);
  });
});

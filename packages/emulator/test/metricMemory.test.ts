import * as assert from 'node:assert/strict';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { MetricStore, type MetricId, type MetricSeries } from '../src/cloudwatch/metricStore';
import { deployScaleToZero, startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';

const t0 = Date.UTC(2025, 0, 1);
const metric = (metricName: string): MetricId => ({ namespace: 'AWS/SageMaker', metricName, dimensions: [{ name: 'InferenceComponentName', value: 'ic' }] });

describe('emulator: CloudWatch metric memory is bounded by (metric, second), not by samples', () => {
  it('keeps one statistic set per metric per second for 100,000 samples, with exact statistics', () => {
    const store = new MetricStore();
    const invocations = metric('Invocations');
    const latency = metric('ModelLatency');
    const expected = [0, 1, 2].map(() => ({ count: 0, sum: 0, min: Infinity, max: -Infinity }));
    for (let i = 0; i < 100_000; i++) {
      const second = i % 3;
      const at = t0 + second * 1000 + (i % 1000);
      const value = (i * 7919) % 1000;
      store.put(invocations, at, 1, 'Count');
      store.put(latency, at, value, 'Microseconds');
      const e = expected[second];
      e.count++;
      e.sum += value;
      e.min = Math.min(e.min, value);
      e.max = Math.max(e.max, value);
    }
    assert.equal(store.bucketCount(), 6);
    assert.equal(store.get(latency)?.buckets.length, 3);

    assert.deepEqual(store.statistics(invocations, t0, t0 + 3000), { sampleCount: 100_000, sum: 100_000, minimum: 1, maximum: 1, average: 1 });
    const all = store.statistics(latency, t0, t0 + 3000);
    const sum = expected.reduce((total, e) => total + e.sum, 0);
    assert.deepEqual(all, {
      sampleCount: 100_000,
      sum,
      minimum: Math.min(...expected.map((e) => e.min)),
      maximum: Math.max(...expected.map((e) => e.max)),
      average: sum / 100_000,
    });
    // One second on its own, and a range that holds no data.
    const middle = expected[1];
    assert.deepEqual(store.statistics(latency, t0 + 1000, t0 + 2000), { sampleCount: middle.count, sum: middle.sum, minimum: middle.min, maximum: middle.max, average: middle.sum / middle.count });
    assert.equal(store.statistics(latency, t0 + 3000, t0 + 60_000), undefined);
  });

  it('merges samples that arrive out of time order into the right second', () => {
    const store = new MetricStore();
    const id = metric('ConcurrentRequestsPerCopy');
    store.put(id, t0 + 5_000, 3);
    store.put(id, t0 + 1_000, 7);
    store.put(id, t0 + 3_500, 2);
    store.put(id, t0 + 1_999, 1);
    assert.deepEqual(
      store.get(id)?.buckets.map((bucket) => [...bucket]),
      [
        [t0 + 1_000, 2, 8, 1, 7],
        [t0 + 3_000, 1, 2, 2, 2],
        [t0 + 5_000, 1, 3, 3, 3],
      ],
    );
    assert.equal(store.statistics(id, t0, t0 + 10_000)?.maximum, 7);
    assert.equal(store.statistics(id, t0 + 2_000, t0 + 10_000)?.sampleCount, 2);
  });

  it('keeps at most 3 hours of seconds per metric however long it runs, the older data as minutes (as CloudWatch keeps 60-second data)', () => {
    const store = new MetricStore();
    const id = metric('Invocations');
    // Four hours of account time, ten samples a second.
    for (let second = 0; second < 4 * 3600; second++) for (let i = 0; i < 10; i++) store.put(id, t0 + second * 1000 + i * 100, 1);
    const buckets = store.get(id)?.buckets ?? [];
    assert.ok(buckets.length <= 3 * 3600 + 1, `${buckets.length} buckets`);
    assert.ok(buckets.length >= 3 * 3600, `${buckets.length} buckets`);
    const end = t0 + 4 * 3600_000;
    assert.equal(store.statistics(id, end - 3600_000, end)?.sum, 36_000);
    // The first hour (issue 20: an idle scan reads days back) is kept as 60 statistic sets of a minute each, exact.
    assert.equal(store.get(id)?.minutes?.length, 60);
    assert.deepEqual(store.statistics(id, t0, t0 + 3600_000), { sampleCount: 36_000, sum: 36_000, minimum: 1, maximum: 1, average: 1 });
    assert.equal(store.statistics(id, t0, end)?.sum, 4 * 36_000);
  });

  it('drops the minutes older than 15 days, and puts a history written for days ago straight into minutes', () => {
    const store = new MetricStore();
    const id = metric('Invocations');
    const day = 86_400_000;
    store.put(id, t0 + 20 * day, 1);
    // Written after newer data, for 16 and 2 days before it: into minutes (the older is beyond 15 days, dropped at the next write).
    store.put(id, t0 + 4 * day, 5);
    store.put(id, t0 + 18 * day + 30_000, 7);
    store.put(id, t0 + 20 * day + 1000, 1);
    assert.deepEqual(store.get(id)?.minutes, [[t0 + 18 * day, 1, 7, 7, 7]]);
    assert.equal(store.get(id)?.buckets.length, 2);
    assert.equal(store.statistics(id, t0, t0 + 21 * day)?.sum, 9);
  });

  it('rolls up neither zeros nor the emulator\'s own chart metrics: an idle account\'s memory stays at 3 hours a metric', () => {
    const store = new MetricStore();
    const zeros = metric('Invocations');
    const chart = { namespace: 'Emulator/SageMaker', metricName: 'CurrentCopyCount', dimensions: [{ name: 'InferenceComponentName', value: 'ic' }] };
    // Five hours of a running, idle copy: a zero every 10 seconds, and its copy count.
    for (let second = 0; second < 5 * 3600; second += 10) {
      store.put(zeros, t0 + second * 1000, 0);
      store.put(chart, t0 + second * 1000, 1);
    }
    assert.equal(store.get(zeros)?.minutes?.length ?? 0, 0);
    assert.equal(store.get(chart)?.minutes?.length ?? 0, 0);
    assert.ok(store.bucketCount() <= 2 * (3 * 360 + 1), `${store.bucketCount()} buckets`);
  });

  it('round-trips through the state file shape, and reads raw samples from older state files', () => {
    const store = new MetricStore();
    const id = metric('Invocations');
    for (let i = 0; i < 1000; i++) store.put(id, t0 + (i % 4) * 1000, i % 5, 'Count');
    const saved = JSON.parse(JSON.stringify(store.snapshot())) as MetricSeries[];
    const restored = new MetricStore();
    restored.restore(saved);
    assert.deepEqual(restored.statistics(id, t0, t0 + 4000), store.statistics(id, t0, t0 + 4000));
    assert.equal(restored.bucketCount(), 4);

    const legacy = [{ ...id, unit: 'Count', samples: [[t0 + 100, 2], [t0 + 900, 4], [t0 + 1500, 1]] }] as unknown as MetricSeries[];
    restored.restore(legacy);
    assert.equal(restored.bucketCount(), 2);
    assert.deepEqual(restored.statistics(id, t0, t0 + 2000), { sampleCount: 3, sum: 7, minimum: 1, maximum: 4, average: 7 / 3 });
    assert.equal(restored.get(id)?.unit, 'Count');
  });

  describe('through InvokeEndpoint on a frozen clock', () => {
    let h: ScalingHarness;
    beforeEach(async () => {
      h = await startScalingHarness();
    });
    afterEach(() => stopScalingHarness(h));

    it('stores a handful of buckets for 2,000 requests and GetMetricData counts every one', async () => {
      await deployScaleToZero(h);
      const store = h.emulator.emulator.metricStore;
      const before = store.bucketCount();
      const start = h.emulator.now();
      const invoke = () => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hi' }) }));
      for (let batch = 0; batch < 40; batch++) await Promise.all(Array.from({ length: 50 }, invoke));
      // Invocations, InvocationsPerCopy and ModelLatency: one second each on the frozen clock.
      assert.equal(store.bucketCount() - before, 3);
      const dims = [{ Name: 'InferenceComponentName', Value: 'ic' }];
      const query = (id: string, metricName: string, stat: string) => ({ Id: id, MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: metricName, Dimensions: dims }, Period: 1, Stat: stat } });
      const data = await h.cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(start),
          EndTime: new Date(start + 1000),
          MetricDataQueries: [query('sum', 'Invocations', 'Sum'), query('count', 'ModelLatency', 'SampleCount'), query('perCopy', 'InvocationsPerCopy', 'Average')],
        }),
      );
      const value = (id: string) => data.MetricDataResults?.find((result) => result.Id === id)?.Values;
      assert.deepEqual(value('sum'), [2000]);
      assert.deepEqual(value('count'), [2000]);
      assert.deepEqual(value('perCopy'), [1]);
    });
  });
});

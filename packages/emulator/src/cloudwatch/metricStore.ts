/** A metric identity: namespace, name and dimensions (order-insensitive). */
export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
}

/**
 * One second of a metric, as CloudWatch stores high-resolution data: a statistic set
 * `[second start (epoch ms), SampleCount, Sum, Minimum, Maximum]`.
 */
export type MetricBucket = [at: number, sampleCount: number, sum: number, minimum: number, maximum: number];

export interface MetricSeries extends MetricId {
  unit?: string;
  /** One statistic set per second that has data, oldest first. */
  buckets: MetricBucket[];
  /** Raw samples `[epoch ms, value]`, as state files written before buckets hold them (read only by `restore`). */
  samples?: [number, number][];
}

export interface Statistics {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
  average: number;
}

export const statisticNames = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type StatisticName = (typeof statisticNames)[number];

/** Data older than this is dropped (CloudWatch keeps high-resolution data for 3 hours). */
const retentionMs = 3 * 3600_000;
/** The finest resolution CloudWatch stores (high-resolution metrics). */
export const bucketMs = 1000;

export function metricKey(id: MetricId): string {
  const dims = [...id.dimensions].sort((a, b) => a.name.localeCompare(b.name)).map((d) => `${d.name}=${d.value}`);
  return `${id.namespace}|${id.metricName}|${dims.join(',')}`;
}

const secondOf = (ms: number) => Math.floor(ms / bucketMs) * bucketMs;

/**
 * Metric data on the virtual clock, stored as CloudWatch stores high-resolution metrics: one
 * statistic set (SampleCount, Sum, Minimum, Maximum) per metric per second, so memory grows with
 * the seconds that have data (at most 3 hours' worth per metric), not with the number of samples.
 * Read back as periods and statistics the way CloudWatch does (SampleCount, Sum, Minimum, Maximum,
 * Average over [start, start + period), at one-second resolution).
 */
export class MetricStore {
  series = new Map<string, MetricSeries>();

  put(id: MetricId, at: number, value: number, unit?: string): void {
    const key = metricKey(id);
    let series = this.series.get(key);
    if (!series) {
      series = { namespace: id.namespace, metricName: id.metricName, dimensions: [...id.dimensions], unit, buckets: [] };
      this.series.set(key, series);
    }
    addSample(series.buckets, secondOf(at), 1, value, value, value);
    prune(series.buckets, at);
  }

  get(id: MetricId): MetricSeries | undefined {
    return this.series.get(metricKey(id));
  }

  /**
   * Statistics of the data in [start, end) at one-second resolution (a second belongs to the range
   * when it starts in [start rounded down to the second, end)); undefined when there is none.
   */
  statistics(id: MetricId, start: number, end: number): Statistics | undefined {
    const series = this.get(id);
    if (!series) return undefined;
    const buckets = series.buckets;
    let sampleCount = 0;
    let sum = 0;
    let minimum = Infinity;
    let maximum = -Infinity;
    for (let index = firstAtOrAfter(buckets, secondOf(start)); index < buckets.length; index++) {
      const bucket = buckets[index];
      if (bucket[0] >= end) break;
      sampleCount += bucket[1];
      sum += bucket[2];
      if (bucket[3] < minimum) minimum = bucket[3];
      if (bucket[4] > maximum) maximum = bucket[4];
    }
    if (sampleCount === 0) return undefined;
    return { sampleCount, sum, minimum, maximum, average: sum / sampleCount };
  }

  /** How many (metric, second) statistic sets are held: what the store's memory grows with. */
  bucketCount(): number {
    let count = 0;
    for (const series of this.series.values()) count += series.buckets.length;
    return count;
  }

  all(): MetricSeries[] {
    return [...this.series.values()];
  }

  clear(): void {
    this.series.clear();
  }

  /** Plain data for the state file. */
  snapshot(): MetricSeries[] {
    return this.all();
  }

  /** Puts saved series in place: buckets, or the raw samples of state files written before buckets. */
  restore(series: readonly MetricSeries[] | undefined): void {
    this.series.clear();
    for (const item of series ?? []) {
      const buckets: MetricBucket[] = [];
      for (const bucket of (item as Partial<MetricSeries>).buckets ?? []) addSample(buckets, secondOf(bucket[0]), bucket[1], bucket[2], bucket[3], bucket[4]);
      for (const [at, value] of item.samples ?? []) addSample(buckets, secondOf(at), 1, value, value, value);
      this.series.set(metricKey(item), { namespace: item.namespace, metricName: item.metricName, dimensions: [...item.dimensions], unit: item.unit, buckets });
    }
  }
}

/** Merges a statistic set into the bucket of `second`, creating it in time order when absent. */
function addSample(buckets: MetricBucket[], second: number, count: number, sum: number, minimum: number, maximum: number): void {
  // Data nearly always arrives in time order: the last bucket, or a new one after it.
  let index = buckets.length;
  const last = buckets[index - 1];
  if (last && last[0] > second) index = firstAtOrAfter(buckets, second);
  else if (last && last[0] === second) index--;
  const bucket = buckets[index];
  if (bucket && bucket[0] === second) {
    bucket[1] += count;
    bucket[2] += sum;
    if (minimum < bucket[3]) bucket[3] = minimum;
    if (maximum > bucket[4]) bucket[4] = maximum;
  } else {
    buckets.splice(index, 0, [second, count, sum, minimum, maximum]);
  }
}

/** Drops the seconds that ended before `at` minus the retention. */
function prune(buckets: MetricBucket[], at: number): void {
  const cutoff = at - retentionMs;
  if (buckets.length === 0 || buckets[0][0] + bucketMs > cutoff) return;
  let drop = 0;
  while (drop < buckets.length && buckets[drop][0] + bucketMs <= cutoff) drop++;
  buckets.splice(0, drop);
}

/** Index of the first bucket starting at or after `at` (binary search). */
function firstAtOrAfter(buckets: readonly MetricBucket[], at: number): number {
  let low = 0;
  let high = buckets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (buckets[mid][0] < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function statisticValue(stats: Statistics, statistic: StatisticName): number {
  switch (statistic) {
    case 'SampleCount':
      return stats.sampleCount;
    case 'Sum':
      return stats.sum;
    case 'Minimum':
      return stats.minimum;
    case 'Maximum':
      return stats.maximum;
    case 'Average':
      return stats.average;
  }
}

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
  /** One statistic set per second that has data, oldest first (the last 3 hours). */
  buckets: MetricBucket[];
  /**
   * One statistic set per minute, oldest first, for the data older than the seconds hold (15 days),
   * as CloudWatch keeps 60-second data for 15 days (absent in state files written before).
   */
  minutes?: MetricBucket[];
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

/** Seconds older than this are rolled up into minutes (CloudWatch keeps high-resolution data for 3 hours). */
const retentionMs = 3 * 3600_000;
/** Minutes older than this are dropped (CloudWatch keeps 60-second data for 15 days). */
const minuteRetentionMs = 15 * 86_400_000;
/** The finest resolution CloudWatch stores (high-resolution metrics). */
export const bucketMs = 1000;
const minuteMs = 60_000;

export function metricKey(id: MetricId): string {
  const dims = [...id.dimensions].sort((a, b) => a.name.localeCompare(b.name)).map((d) => `${d.name}=${d.value}`);
  return `${id.namespace}|${id.metricName}|${dims.join(',')}`;
}

const secondOf = (ms: number) => Math.floor(ms / bucketMs) * bucketMs;
const minuteOf = (ms: number) => Math.floor(ms / minuteMs) * minuteMs;

/**
 * Metric data on the virtual clock, stored as CloudWatch stores high-resolution metrics: one
 * statistic set (SampleCount, Sum, Minimum, Maximum) per metric per second, so memory grows with
 * the seconds that have data (at most 3 hours' worth per metric), not with the number of samples.
 * Seconds older than 3 hours are rolled up into one statistic set per minute, kept 15 days (what
 * CloudWatch keeps of 60-second data; its 5-minute and 1-hour data beyond are not kept), except the
 * seconds whose samples are all 0 (the running copies' 10-second zeros would make an idle account's
 * memory grow for 15 days) and the emulator's own `Emulator/` chart metrics (3 hours only). Read back
 * as periods and statistics the way CloudWatch does (SampleCount, Sum, Minimum, Maximum, Average over
 * [start, start + period), at one-second resolution for 3 hours, one-minute resolution before).
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
    const newest = series.buckets[series.buckets.length - 1]?.[0];
    // Data written for long ago (a scenario's history) goes straight to the minutes, by the same rules as a rollup.
    if (newest !== undefined && secondOf(at) + bucketMs <= newest - retentionMs) {
      if (rollsUp(series) && value !== 0) addSample((series.minutes ??= []), minuteOf(at), 1, value, value, value);
    } else addSample(series.buckets, secondOf(at), 1, value, value, value);
    rollUp(series, at);
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
    let sampleCount = 0;
    let sum = 0;
    let minimum = Infinity;
    let maximum = -Infinity;
    // The minutes (older data) then the seconds: each sample is in one of them only.
    for (const [buckets, from] of [[series.minutes ?? [], minuteOf(start)], [series.buckets, secondOf(start)]] as const) {
      for (let index = firstAtOrAfter(buckets, from); index < buckets.length; index++) {
        const bucket = buckets[index];
        if (bucket[0] >= end) break;
        sampleCount += bucket[1];
        sum += bucket[2];
        if (bucket[3] < minimum) minimum = bucket[3];
        if (bucket[4] > maximum) maximum = bucket[4];
      }
    }
    if (sampleCount === 0) return undefined;
    return { sampleCount, sum, minimum, maximum, average: sum / sampleCount };
  }

  /** How many (metric, second) and (metric, minute) statistic sets are held: what the store's memory grows with. */
  bucketCount(): number {
    let count = 0;
    for (const series of this.series.values()) count += series.buckets.length + (series.minutes?.length ?? 0);
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
      const minutes: MetricBucket[] = [];
      for (const bucket of (item as Partial<MetricSeries>).minutes ?? []) addSample(minutes, minuteOf(bucket[0]), bucket[1], bucket[2], bucket[3], bucket[4]);
      this.series.set(metricKey(item), { namespace: item.namespace, metricName: item.metricName, dimensions: [...item.dimensions], unit: item.unit, buckets, ...(minutes.length > 0 ? { minutes } : {}) });
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

/** Rolls the seconds that ended before `at` minus 3 hours up into minutes, and drops the minutes that ended before `at` minus 15 days. */
function rollUp(series: MetricSeries, at: number): void {
  const buckets = series.buckets;
  const cutoff = at - retentionMs;
  if (buckets.length > 0 && buckets[0][0] + bucketMs <= cutoff) {
    let drop = 0;
    while (drop < buckets.length && buckets[drop][0] + bucketMs <= cutoff) drop++;
    const dropped = buckets.splice(0, drop);
    if (rollsUp(series)) {
      const minutes = (series.minutes ??= []);
      // A second whose samples are all 0 is not kept: an idle account's 10-second zeros would make the memory grow for 15 days.
      for (const [second, count, sum, minimum, maximum] of dropped) if (sum !== 0 || minimum !== 0 || maximum !== 0) addSample(minutes, minuteOf(second), count, sum, minimum, maximum);
    }
  }
  const minutes = series.minutes;
  const oldest = at - minuteRetentionMs;
  if (minutes && minutes.length > 0 && minutes[0][0] + minuteMs <= oldest) {
    let drop = 0;
    while (drop < minutes.length && minutes[drop][0] + minuteMs <= oldest) drop++;
    minutes.splice(0, drop);
  }
}

/** The emulator's own chart metrics (not a namespace AWS publishes) keep their 3 hours only, as before. */
function rollsUp(id: MetricId): boolean {
  return !id.namespace.startsWith('Emulator/');
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

/** A metric identity: namespace, name and dimensions (order-insensitive). */
export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
}

export interface MetricSeries extends MetricId {
  unit?: string;
  /** Raw samples, oldest first: [epoch ms, value]. */
  samples: [number, number][];
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

/** Samples older than this are dropped (CloudWatch keeps high-resolution data for 3 hours). */
const retentionMs = 3 * 3600_000;

export function metricKey(id: MetricId): string {
  const dims = [...id.dimensions].sort((a, b) => a.name.localeCompare(b.name)).map((d) => `${d.name}=${d.value}`);
  return `${id.namespace}|${id.metricName}|${dims.join(',')}`;
}

/**
 * Raw metric samples on the virtual clock, aggregated on read into periods and statistics the way
 * CloudWatch does (SampleCount, Sum, Minimum, Maximum, Average over [start, start + period)).
 */
export class MetricStore {
  series = new Map<string, MetricSeries>();

  put(id: MetricId, at: number, value: number, unit?: string): void {
    const key = metricKey(id);
    let series = this.series.get(key);
    if (!series) {
      series = { namespace: id.namespace, metricName: id.metricName, dimensions: [...id.dimensions], unit, samples: [] };
      this.series.set(key, series);
    }
    const samples = series.samples;
    // Samples nearly always arrive in time order; keep the array sorted anyway.
    let index = samples.length;
    while (index > 0 && samples[index - 1][0] > at) index--;
    samples.splice(index, 0, [at, value]);
    while (samples.length > 0 && samples[0][0] < at - retentionMs) samples.shift();
  }

  get(id: MetricId): MetricSeries | undefined {
    return this.series.get(metricKey(id));
  }

  /** Statistics of the samples in [start, end); undefined when there is none. */
  statistics(id: MetricId, start: number, end: number): Statistics | undefined {
    const series = this.get(id);
    if (!series) return undefined;
    let sampleCount = 0;
    let sum = 0;
    let minimum = Infinity;
    let maximum = -Infinity;
    const samples = series.samples;
    let low = 0;
    let high = samples.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (samples[mid][0] < start) low = mid + 1;
      else high = mid;
    }
    for (let index = low; index < samples.length; index++) {
      const [at, value] = samples[index];
      if (at >= end) break;
      sampleCount++;
      sum += value;
      minimum = Math.min(minimum, value);
      maximum = Math.max(maximum, value);
    }
    if (sampleCount === 0) return undefined;
    return { sampleCount, sum, minimum, maximum, average: sum / sampleCount };
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

  restore(series: readonly MetricSeries[] | undefined): void {
    this.series.clear();
    for (const item of series ?? []) this.series.set(metricKey(item), { ...item, samples: [...item.samples] });
  }
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

import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { type AlarmEngine } from './alarmEngine';
import { invalidParameterCombination, invalidParameterValue } from './cloudWatchErrors';
import { bucketMs, type MetricBucket, type MetricId, type MetricSeries, statisticNames, statisticValue, type StatisticName } from './metricStore';

/** CloudWatch's StandardUnit enum (the model's). */
export const standardUnits = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits', 'Gigabits',
  'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
];

/** The most datapoints one GetMetricStatistics call may ask for (the model's documentation). */
export const maxDatapoints = 1440;
const nameRule = { min: 1, max: 255 };
const percentilePattern = /^p(\d{1,3}(\.\d+)?)$/;

/**
 * GetMetricStatistics over the emulator's stored metrics: the datapoints of one metric whose
 * dimensions are exactly the ones given, per period from the start time (rounded down as the model's
 * documentation says), with the statistics asked for, or percentiles (`pNN.NN`) where the stored
 * one-second statistic sets hold the raw values (each of sample count 1 or minimum = maximum, the
 * documentation's condition for percentiles of statistic sets).
 */
export function metricStatisticsOperations(engine: AlarmEngine): Record<string, JsonRpcHandler> {
  return {
    GetMetricStatistics: (body) => {
      const input = JsonReader.of(body);
      const namespace = input.string('Namespace', { required: true, ...nameRule, pattern: /^[^:].*$/, patternText: '[^:].*' }) ?? '';
      const metricName = input.string('MetricName', { required: true, ...nameRule }) ?? '';
      const dimensions = (input.objectList('Dimensions', { max: 30 }) ?? []).map((d) => ({
        name: d.string('Name', { required: true, ...nameRule }) ?? '',
        value: d.string('Value', { required: true, min: 1, max: 1024 }) ?? '',
      }));
      const start = input.timestamp('StartTime', { required: true }) ?? 0;
      const end = input.timestamp('EndTime', { required: true }) ?? 0;
      const period = input.integer('Period', { required: true, min: 1 }) ?? 60;
      const statistics = input.stringList('Statistics', { min: 1, max: 5, each: { enum: statisticNames } });
      const extended = input.stringList('ExtendedStatistics', { min: 1, max: 10 });
      const unit = input.string('Unit', { enum: standardUnits });
      input.finish();
      if ((statistics === undefined) === (extended === undefined)) {
        throw invalidParameterCombination('Must specify either Statistics or ExtendedStatistics, but not both.');
      }
      for (const name of extended ?? []) {
        if (percentileOf(name) === undefined) throw invalidParameterValue(`The value ${name} for parameter ExtendedStatistics is not supported.`);
      }
      if (![1, 5, 10, 20, 30].includes(period) && period % 60 !== 0) {
        throw invalidParameterValue('The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.');
      }
      const first = roundedStart(start, period);
      if (first >= end) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
      const requested = Math.ceil((end - first) / (period * 1000));
      if (requested > maxDatapoints) {
        throw invalidParameterCombination(
          `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of ${maxDatapoints.toLocaleString('en-US')}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
        );
      }
      const series = engine.metrics.get({ namespace, metricName, dimensions } satisfies MetricId);
      const datapoints: JsonObject[] = [];
      // A unit given must be the unit the data was sent with (no conversion); absent, any unit.
      if (series && (unit === undefined || (series.unit ?? 'None') === unit)) {
        const periodMs = period * 1000;
        for (let at = first; at < end; at += periodMs) {
          const point = datapoint(engine, series, at, Math.min(at + periodMs, end), statistics as StatisticName[] | undefined, extended);
          if (point) datapoints.push(point);
        }
      }
      return { Label: metricName, Datapoints: datapoints };
    },
  };
}

/**
 * The start time rounded down as the model's documentation says: to the minute for periods of a
 * minute or more, to the period's division of the minute for 5, 10, 20 and 30 seconds, to the second
 * for 1 (the 5-minute and 1-hour roundings of older data lie beyond the emulator's 3-hour retention).
 */
function roundedStart(start: number, period: number): number {
  const step = period >= 60 ? 60_000 : period * 1000;
  return Math.floor(start / step) * step;
}

function datapoint(engine: AlarmEngine, series: MetricSeries, from: number, to: number, statistics: StatisticName[] | undefined, extended: string[] | undefined): JsonObject | undefined {
  const id = { namespace: series.namespace, metricName: series.metricName, dimensions: series.dimensions };
  const stats = engine.metrics.statistics(id, from, to);
  if (!stats) return undefined;
  const point: JsonObject = { Timestamp: from / 1000 };
  for (const statistic of statistics ?? []) point[statistic] = statisticValue(stats, statistic);
  if (extended) {
    const values = rawValues(series.buckets, from, to);
    const percentiles: Record<string, number> = {};
    if (values) for (const name of extended) percentiles[name] = nearestRank(values, percentileOf(name) ?? 0);
    point.ExtendedStatistics = percentiles;
  }
  point.Unit = series.unit ?? 'None';
  return point;
}

/** The percentile a `pNN.NN` name asks for, when it is one CloudWatch accepts (p0 to p100). */
function percentileOf(name: string): number | undefined {
  const match = percentilePattern.exec(name);
  if (!match) return undefined;
  const value = Number(match[1]);
  return value >= 0 && value <= 100 ? value : undefined;
}

/**
 * The raw values of the seconds in [from, to), sorted, when the statistic sets hold them (every set
 * of one sample, or of equal minimum and maximum); undefined otherwise, as percentiles cannot be
 * computed from such sets.
 */
function rawValues(buckets: readonly MetricBucket[], from: number, to: number): number[] | undefined {
  const values: number[] = [];
  for (const [at, count, , minimum, maximum] of buckets) {
    if (at < Math.floor(from / bucketMs) * bucketMs || at >= to) continue;
    if (count !== 1 && minimum !== maximum) return undefined;
    for (let i = 0; i < count; i++) values.push(minimum);
  }
  return values.sort((a, b) => a - b);
}

/** The nearest-rank percentile (CloudWatch does not publish its interpolation). */
function nearestRank(sorted: readonly number[], percentile: number): number {
  if (percentile <= 0) return sorted[0];
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1];
}

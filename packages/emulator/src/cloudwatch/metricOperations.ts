import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { type AlarmEngine } from './alarmEngine';
import { invalidParameterCombination, invalidParameterValue } from './cloudWatchErrors';
import { metricKey, statisticNames, statisticValue, type MetricId, type StatisticName } from './metricStore';
import { decodeToken, encodeToken } from './pageTokens';

const seconds = (ms: number) => ms / 1000;
const nameRule = { min: 1, max: 255 };

/** GetMetricData and ListMetrics, over the metric store the alarms read too. */
// Over 80 lines only as a table of short operation handlers (each under 50) closed over the same deps.
export function metricOperations(engine: AlarmEngine): Record<string, JsonRpcHandler> {
  return {
    GetMetricData: (body) => {
      const input = JsonReader.of(body);
      const queries = input.objectList('MetricDataQueries', { required: true, max: 500 }) ?? [];
      const start = input.timestamp('StartTime', { required: true }) ?? 0;
      const end = input.timestamp('EndTime', { required: true }) ?? 0;
      const scanBy = input.string('ScanBy', { enum: ['TimestampDescending', 'TimestampAscending'] }) ?? 'TimestampDescending';
      input.integer('MaxDatapoints');
      input.string('NextToken');
      const parsed = queries.map((query) => {
        const id = query.string('Id', { required: true, min: 1, max: 255, pattern: /^[a-z][a-zA-Z0-9_]*$/ }) ?? '';
        const label = query.string('Label');
        const expression = query.string('Expression', { min: 1, max: 2048 });
        const returnData = query.boolean('ReturnData') ?? true;
        const stat = query.object('MetricStat');
        const metric = stat?.object('Metric', { required: true });
        const metricId = metric ? readMetricId(metric) : undefined;
        const period = stat?.integer('Period', { required: true, min: 1 }) ?? 60;
        const statistic = stat?.string('Stat', { required: true });
        if (query.has('Period')) query.integer('Period', { min: 1 });
        return { id, label, expression, returnData, metricId, period, statistic, hasStat: Boolean(stat) };
      });
      input.finish();
      if (end <= start) throw invalidParameterValue('The parameter EndTime must be greater than StartTime.');
      const results: JsonObject[] = [];
      for (const query of parsed) {
        if (query.expression !== undefined) throw invalidParameterValue(`Metric math expressions are not supported by the emulator (query ${query.id}).`);
        if (!query.hasStat || !query.metricId) throw invalidParameterCombination(`Exactly one of MetricStat and Expression must be given for query ${query.id}.`);
        if (!isStatistic(query.statistic)) throw invalidParameterValue(`The value ${String(query.statistic)} for parameter MetricDataQueries.member.1.MetricStat.Stat is not supported.`);
        if (!validPeriod(query.period)) throw invalidParameterValue('The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.');
        if (!query.returnData) continue;
        const periodMs = query.period * 1000;
        const timestamps: number[] = [];
        const values: number[] = [];
        for (let bucket = Math.floor(start / periodMs) * periodMs; bucket < end; bucket += periodMs) {
          const stats = engine.metrics.statistics(query.metricId, Math.max(bucket, start), Math.min(bucket + periodMs, end));
          if (!stats) continue;
          timestamps.push(seconds(bucket));
          values.push(statisticValue(stats, query.statistic));
        }
        if (scanBy === 'TimestampDescending') {
          timestamps.reverse();
          values.reverse();
        }
        results.push({ Id: query.id, Label: query.label ?? query.metricId.metricName, Timestamps: timestamps, Values: values, StatusCode: 'Complete', Messages: [] });
      }
      return { MetricDataResults: results, Messages: [] };
    },

    ListMetrics: (body) => {
      const input = JsonReader.of(body);
      const namespace = input.string('Namespace', nameRule);
      const metricName = input.string('MetricName', nameRule);
      const filters = (input.objectList('Dimensions', { max: 30 }) ?? []).map((filter) => ({
        name: filter.string('Name', { required: true, ...nameRule }) ?? '',
        value: filter.string('Value', { min: 1, max: 1024 }),
      }));
      const token = input.string('NextToken');
      input.string('RecentlyActive', { enum: ['PT3H'] });
      input.finish();
      const matching = engine.metrics
        .all()
        .filter((series) => !namespace || series.namespace === namespace)
        .filter((series) => !metricName || series.metricName === metricName)
        .filter((series) => filters.every((filter) => series.dimensions.some((d) => d.name === filter.name && (filter.value === undefined || d.value === filter.value))))
        .sort((a, b) => metricKey(a).localeCompare(metricKey(b)));
      const start = token === undefined ? 0 : decodeToken(token);
      const page = matching.slice(start, start + 500);
      const next = start + 500 < matching.length ? encodeToken(start + 500) : undefined;
      return {
        Metrics: page.map((series) => ({
          Namespace: series.namespace,
          MetricName: series.metricName,
          Dimensions: series.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
        })),
        ...(next ? { NextToken: next } : {}),
      };
    },
  };
}

function readMetricId(metric: JsonReader): MetricId {
  const namespace = metric.string('Namespace', { required: true, ...nameRule }) ?? '';
  const metricName = metric.string('MetricName', { required: true, ...nameRule }) ?? '';
  const dimensions = (metric.objectList('Dimensions', { max: 30 }) ?? []).map((d) => ({
    name: d.string('Name', { required: true, ...nameRule }) ?? '',
    value: d.string('Value', { required: true, min: 1, max: 1024 }) ?? '',
  }));
  return { namespace, metricName, dimensions };
}

function isStatistic(value: string | undefined): value is StatisticName {
  return value !== undefined && (statisticNames as readonly string[]).includes(value);
}

function validPeriod(period: number): boolean {
  return [1, 5, 10, 20, 30].includes(period) || period % 60 === 0;
}

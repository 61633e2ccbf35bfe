import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { type AlarmEngine } from './alarmEngine';
import { invalidParameterCombination, invalidParameterValue } from './cloudWatchErrors';
import { evaluateMetricMath, UnsupportedMetricMath } from './metricMath';
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
      // Each query's values by period start (ms): metric queries first, then expressions over them.
      const series = new Map<string, Map<number, number>>();
      for (const query of parsed) {
        if (query.expression !== undefined) {
          if (query.hasStat) throw invalidParameterCombination(`Exactly one of MetricStat and Expression must be given for query ${query.id}.`);
          continue;
        }
        if (!query.hasStat || !query.metricId) throw invalidParameterCombination(`Exactly one of MetricStat and Expression must be given for query ${query.id}.`);
        if (!isStatistic(query.statistic)) throw invalidParameterValue(`The value ${String(query.statistic)} for parameter MetricDataQueries.member.1.MetricStat.Stat is not supported.`);
        if (!validPeriod(query.period)) throw invalidParameterValue('The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.');
        const periodMs = query.period * 1000;
        const values = new Map<number, number>();
        for (let bucket = Math.floor(start / periodMs) * periodMs; bucket < end; bucket += periodMs) {
          const stats = engine.metrics.statistics(query.metricId, Math.max(bucket, start), Math.min(bucket + periodMs, end));
          if (stats) values.set(bucket, statisticValue(stats, query.statistic));
        }
        series.set(query.id, values);
      }
      evaluateExpressions(parsed, series);
      const results: JsonObject[] = [];
      for (const query of parsed) {
        if (!query.returnData) continue;
        const points = [...(series.get(query.id) ?? new Map<number, number>())].sort(([a], [b]) => (scanBy === 'TimestampDescending' ? b - a : a - b));
        const label = query.label ?? query.metricId?.metricName ?? query.id;
        results.push({ Id: query.id, Label: label, Timestamps: points.map(([bucket]) => seconds(bucket)), Values: points.map(([, value]) => value), StatusCode: 'Complete', Messages: [] });
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

/**
 * Evaluates the expression queries (CloudWatch metric math: numbers, other queries' IDs, + - * /,
 * parentheses; see metricMath.ts) period by period, over the periods their operands have values for.
 * An expression may use another expression, in any order; a cycle or an operand that does not exist
 * is refused. Functions (SUM(), FILL(), …) are not emulated and are refused with a plain message.
 */
function evaluateExpressions(queries: readonly { id: string; expression?: string }[], series: Map<string, Map<number, number>>): void {
  let pending = queries.filter((query): query is { id: string; expression: string } => query.expression !== undefined);
  while (pending.length > 0) {
    const ready = pending.filter((query) => operandsOf(query.expression).every((operand) => series.has(operand)));
    if (ready.length === 0) {
      const known = new Set(queries.map((query) => query.id));
      const missing = pending.flatMap((query) => operandsOf(query.expression).filter((operand) => !known.has(operand)).map((operand) => `${operand} (in ${query.id})`));
      throw missing.length > 0
        ? invalidParameterValue(`The expression refers to a query that does not exist: ${missing.join(', ')}.`)
        : invalidParameterValue(`The expressions ${pending.map((query) => query.id).join(', ')} refer to each other in a cycle.`);
    }
    for (const query of ready) {
      const operands = operandsOf(query.expression);
      const buckets = new Set(operands.flatMap((operand) => [...(series.get(operand)?.keys() ?? [])]));
      const values = new Map<number, number>();
      for (const bucket of [...buckets].sort((a, b) => a - b)) {
        const inputs = new Map(operands.map((operand) => [operand, series.get(operand)?.get(bucket)]));
        let value: number | undefined;
        try {
          value = evaluateMetricMath(query.expression, inputs);
        } catch (error) {
          if (error instanceof UnsupportedMetricMath) throw invalidParameterValue(`The expression of query ${query.id} uses metric math the emulator does not evaluate (${error.message}); it evaluates numbers, other queries' IDs, + - * / and parentheses.`);
          throw error;
        }
        if (value !== undefined) values.set(bucket, value);
      }
      series.set(query.id, values);
    }
    pending = pending.filter((query) => !ready.includes(query));
  }
}

/** The query IDs an expression names (identifiers not followed by an opening parenthesis). */
function operandsOf(expression: string): string[] {
  return [...new Set([...expression.matchAll(/\b[A-Za-z_][A-Za-z0-9_]*\b(?!\s*\()/g)].map((match) => match[0]))];
}

function isStatistic(value: string | undefined): value is StatisticName {
  return value !== undefined && (statisticNames as readonly string[]).includes(value);
}

function validPeriod(period: number): boolean {
  return [1, 5, 10, 20, 30].includes(period) || period % 60 === 0;
}

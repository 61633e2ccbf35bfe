import { type AlarmMetricQuery, type AlarmRecord, type AlarmState, type ComparisonOperator, type EvaluatedDatapoint } from './alarmRecords';
import { evaluateMetricMath, UnsupportedMetricMath } from './metricMath';
import { type MetricStore, statisticNames, type StatisticName, statisticValue } from './metricStore';

export interface AlarmVerdict {
  state: AlarmState;
  reason: string;
  reasonData: string;
  datapoints: EvaluatedDatapoint[];
  /** The most recent breaching value (what step scaling compares to the threshold). */
  breachingValue?: number;
}

/**
 * How CloudWatch decides an alarm's state at `at`: the `EvaluationPeriods` most recent complete
 * periods whose data has been published (`publishDelayMs`), each reduced to the alarm's statistic,
 * compared with the threshold; ALARM when at least `DatapointsToAlarm` breach, missing periods
 * treated as `TreatMissingData` says. `undefined` means "keep the current state" (ignore, all missing).
 */
export function evaluateAlarm(alarm: AlarmRecord, metrics: MetricStore, at: number, publishDelayMs: number): AlarmVerdict | undefined {
  const periodMs = alarm.period * 1000;
  const lastEnd = Math.floor((at - publishDelayMs) / periodMs) * periodMs;
  const datapoints: EvaluatedDatapoint[] = [];
  for (let i = 0; i < alarm.evaluationPeriods; i++) {
    const end = lastEnd - i * periodMs;
    datapoints.push({ start: end - periodMs, ...periodValue(alarm, metrics, end - periodMs, end) });
  }
  // Newest first, as CloudWatch lists them.
  const present = datapoints.filter((point) => point.value !== undefined);
  const breaching = present.filter((point) => breaches(alarm.comparisonOperator, point.value ?? 0, alarm.threshold));
  const missing = datapoints.length - present.length;
  let breachCount = breaching.length;
  let goodCount = present.length - breaching.length;
  if (alarm.treatMissingData === 'breaching') breachCount += missing;
  if (alarm.treatMissingData === 'notBreaching') goodCount += missing;
  const reasonData = JSON.stringify({
    version: '1.0',
    queryDate: isoMillis(at),
    startDate: isoMillis(datapoints[datapoints.length - 1].start),
    statistic: alarm.statistic,
    period: alarm.period,
    recentDatapoints: present.map((point) => point.value),
    threshold: alarm.threshold,
    evaluatedDatapoints: present.map((point) => ({ timestamp: isoMillis(point.start), sampleCount: point.sampleCount, value: point.value })),
  });
  const op = operatorText[alarm.comparisonOperator];
  if (breachCount >= alarm.datapointsToAlarm) {
    return {
      state: 'ALARM',
      reason: crossedReason(alarm, breaching, breachCount, op, false),
      reasonData,
      datapoints,
      breachingValue: breaching[0]?.value ?? alarm.threshold,
    };
  }
  if (present.length === 0 && goodCount === 0) {
    if (alarm.treatMissingData === 'ignore') return undefined;
    const n = datapoints.length;
    return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${n} datapoint${n === 1 ? ' was' : 's were'} unknown.`, reasonData, datapoints };
  }
  const good = present.filter((point) => !breaching.includes(point));
  return { state: 'OK', reason: crossedReason(alarm, good, goodCount, op, true), reasonData, datapoints };
}

/** The alarm's value for one period: its metric's statistic, or the metric-math query that returns data. */
function periodValue(alarm: AlarmRecord, metrics: MetricStore, start: number, end: number): { value: number | undefined; sampleCount: number } {
  if (!alarm.metrics) {
    const stats = metrics.statistics({ namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions }, start, end);
    return { value: stats ? statisticValue(stats, alarm.statistic) : undefined, sampleCount: stats?.sampleCount ?? 0 };
  }
  const values = new Map<string, number | undefined>();
  let sampleCount = 0;
  for (const query of alarm.metrics) {
    if (!query.metricStat) continue;
    const stats = metrics.statistics(query.metricStat.metric, start, end);
    sampleCount += stats?.sampleCount ?? 0;
    values.set(query.id, stats && isBasic(query.metricStat.stat) ? statisticValue(stats, query.metricStat.stat) : undefined);
  }
  return { value: mathValue(alarm.metrics, values), sampleCount };
}

/** Evaluates the expressions in order (each may use the ones before it) and returns the returning query's value. */
function mathValue(queries: readonly AlarmMetricQuery[], values: Map<string, number | undefined>): number | undefined {
  for (const query of queries) {
    if (query.expression === undefined) continue;
    try {
      values.set(query.id, evaluateMetricMath(query.expression, values));
    } catch (error) {
      if (!(error instanceof UnsupportedMetricMath)) throw error;
      values.set(query.id, undefined);
    }
  }
  const result = queries.find((query) => query.returnData);
  return result ? values.get(result.id) : undefined;
}

function isBasic(stat: string): stat is StatisticName {
  return (statisticNames as readonly string[]).includes(stat);
}

export function breaches(operator: ComparisonOperator, value: number, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

const operatorText: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** CloudWatch's wording, e.g. "Threshold Crossed: 1 datapoint [1.0 (03/12/24 10:15:00)] was greater than or equal to the threshold (1.0)." */
function crossedReason(alarm: AlarmRecord, points: EvaluatedDatapoint[], count: number, op: string, negated: boolean): string {
  const verb = count === 1 ? 'was' : 'were';
  const relation = `${verb} ${negated ? 'not ' : ''}${op} the threshold (${javaDouble(alarm.threshold)})`;
  const listed = points.slice(0, 5).map((point) => `${javaDouble(point.value ?? 0)} (${reasonDate(point.start)})`);
  const n = alarm.evaluationPeriods;
  if (count === n && n > 5) {
    return `Threshold Crossed: ${count} datapoints ${relation}. The most recent datapoints which crossed the threshold: [${listed.join(', ')}].`;
  }
  if (count === n) return `Threshold Crossed: ${count} datapoint${count === 1 ? '' : 's'} [${listed.join(', ')}] ${relation}.`;
  const minimum = negated ? '' : ` (minimum ${alarm.datapointsToAlarm} datapoint${alarm.datapointsToAlarm === 1 ? '' : 's'} for OK -> ALARM transition)`;
  return `Threshold Crossed: ${count} out of the last ${n} datapoints [${listed.join(', ')}] ${relation}${minimum}.`;
}

/** Numbers the way CloudWatch (Java) prints doubles: 1 -> "1.0". */
export function javaDouble(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** dd/MM/yy HH:mm:ss in UTC. */
function reasonDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function isoMillis(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

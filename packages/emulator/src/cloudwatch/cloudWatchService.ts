import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler, type JsonRpcService, type RequestContext } from '../services/service';
import { type AlarmEngine } from './alarmEngine';
import { alarmStates, comparisonOperators, treatMissingDataValues, type AlarmRecord, type AlarmState } from './alarmRecords';
import {
  asCloudWatchError,
  invalidFormat,
  invalidNextToken,
  invalidParameterCombination,
  invalidParameterValue,
  resourceNotFound,
} from './cloudWatchErrors';
import { metricKey, statisticNames, statisticValue, type MetricId, type StatisticName } from './metricStore';

const seconds = (ms: number) => ms / 1000;
const nameRule = { min: 1, max: 255 };

/** CloudWatch (awsJson1_0 with awsQuery compatibility): alarms and metrics on the emulator's clock. */
export function createCloudWatchService(engine: AlarmEngine): JsonRpcService {
  const operations: Record<string, JsonRpcHandler> = {
    PutMetricAlarm: (body, context) => {
      const input = JsonReader.of(body);
      const alarm = readAlarm(input, context);
      const existing = engine.find(alarm.name);
      if (existing) {
        alarm.state = existing.state;
        alarm.stateReason = existing.stateReason;
        alarm.stateReasonData = existing.stateReasonData;
        alarm.stateUpdatedAt = existing.stateUpdatedAt;
        alarm.stateTransitionedAt = existing.stateTransitionedAt;
      }
      engine.put(alarm);
      return {};
    },

    DescribeAlarms: (body) => {
      const input = JsonReader.of(body);
      const names = input.stringList('AlarmNames', { max: 100 });
      const prefix = input.string('AlarmNamePrefix', nameRule);
      const types = input.stringList('AlarmTypes');
      const state = input.string('StateValue', { enum: alarmStates });
      const actionPrefix = input.string('ActionPrefix', { min: 1, max: 1024 });
      const maxRecords = input.integer('MaxRecords', { min: 1, max: 100 }) ?? 50;
      const token = input.string('NextToken');
      input.string('ChildrenOfAlarmName', nameRule);
      input.string('ParentsOfAlarmName', nameRule);
      input.finish();
      if (names && names.length > 0 && prefix !== undefined) {
        throw invalidParameterCombination('AlarmNamePrefix and AlarmNames cannot be specified together.');
      }
      for (const type of types ?? []) {
        if (type !== 'MetricAlarm' && type !== 'CompositeAlarm') throw invalidParameterValue(`Invalid alarm type: ${type}`);
      }
      const wantMetric = !types || types.length === 0 || types.includes('MetricAlarm');
      const matching = wantMetric
        ? engine.alarms
            .filter((alarm) => !names || names.length === 0 || names.includes(alarm.name))
            .filter((alarm) => prefix === undefined || alarm.name.startsWith(prefix))
            .filter((alarm) => !state || alarm.state === state)
            .filter((alarm) => !actionPrefix || [...alarm.alarmActions, ...alarm.okActions, ...alarm.insufficientDataActions].some((arn) => arn.startsWith(actionPrefix)))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        : [];
      const start = token === undefined ? 0 : decodeToken(token);
      const page = matching.slice(start, start + maxRecords);
      const next = start + maxRecords < matching.length ? encodeToken(start + maxRecords) : undefined;
      return { MetricAlarms: page.map(alarmView), CompositeAlarms: [], ...(next ? { NextToken: next } : {}) };
    },

    DeleteAlarms: (body) => {
      const input = JsonReader.of(body);
      const names = input.stringList('AlarmNames', { required: true, max: 100 }) ?? [];
      input.finish();
      const missing = names.filter((name) => !engine.find(name));
      if (missing.length > 0) throw resourceNotFound(`${missing.length} alarm(s) not found: [${missing.join(', ')}]`);
      engine.delete(names);
      return {};
    },

    SetAlarmState: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('AlarmName', { required: true, ...nameRule }) ?? '';
      const state = input.string('StateValue', { required: true, enum: alarmStates }) as AlarmState;
      const reason = input.string('StateReason', { required: true, max: 1023 }) ?? '';
      const reasonData = input.string('StateReasonData', { max: 4000 });
      input.finish();
      if (reasonData !== undefined) {
        try {
          JSON.parse(reasonData);
        } catch {
          throw invalidFormat('StateReasonData must be valid JSON.');
        }
      }
      const alarm = engine.find(name);
      if (!alarm) throw resourceNotFound(`Alarm ${name} does not exist.`);
      engine.setState(alarm, state, reason, reasonData, context.now());
      return {};
    },

    EnableAlarmActions: (body) => setActions(body, true),
    DisableAlarmActions: (body) => setActions(body, false),

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

  function setActions(body: JsonObject, enabled: boolean): JsonObject {
    const input = JsonReader.of(body);
    const names = input.stringList('AlarmNames', { required: true, max: 100 }) ?? [];
    input.finish();
    for (const name of names) {
      const alarm = engine.find(name);
      if (alarm) alarm.actionsEnabled = enabled;
    }
    return {};
  }

  const wrapped: Record<string, JsonRpcHandler> = {};
  for (const [name, handler] of Object.entries(operations)) {
    wrapped[name] = (body, context) => {
      try {
        return handler(body, context);
      } catch (error) {
        throw asCloudWatchError(error);
      }
    };
  }
  return { protocol: 'awsJson', name: 'monitoring', targetPrefix: 'GraniteServiceVersion20100801', jsonVersion: '1.0', queryCompatible: true, operations: wrapped };
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

function readAlarm(input: JsonReader, context: RequestContext): AlarmRecord {
  const name = input.string('AlarmName', { required: true, ...nameRule }) ?? '';
  const description = input.string('AlarmDescription', { max: 1024 });
  const actionsEnabled = input.boolean('ActionsEnabled') ?? true;
  const okActions = input.stringList('OKActions', { max: 5 }) ?? [];
  const alarmActions = input.stringList('AlarmActions', { max: 5 }) ?? [];
  const insufficientDataActions = input.stringList('InsufficientDataActions', { max: 5 }) ?? [];
  const metricName = input.string('MetricName', nameRule);
  const namespace = input.string('Namespace', { ...nameRule, pattern: /^[^:].*$/ });
  const statistic = input.string('Statistic', { enum: statisticNames });
  const extended = input.string('ExtendedStatistic');
  const dimensions = (input.objectList('Dimensions', { max: 30 }) ?? []).map((d) => ({
    name: d.string('Name', { required: true, ...nameRule }) ?? '',
    value: d.string('Value', { required: true, min: 1, max: 1024 }) ?? '',
  }));
  const period = input.integer('Period', { min: 1 });
  const unit = input.string('Unit');
  const evaluationPeriods = input.integer('EvaluationPeriods', { required: true, min: 1 }) ?? 1;
  const datapointsToAlarm = input.integer('DatapointsToAlarm', { min: 1 }) ?? evaluationPeriods;
  const threshold = input.number('Threshold');
  const comparisonOperator = input.string('ComparisonOperator', { required: true, enum: comparisonOperators }) as AlarmRecord['comparisonOperator'];
  const treatMissingData = input.string('TreatMissingData', { min: 1, max: 255 }) ?? 'missing';
  input.string('EvaluateLowSampleCountPercentile', { min: 1, max: 255 });
  input.string('ThresholdMetricId', { min: 1, max: 255 });
  const tags = (input.objectList('Tags') ?? []).map((tag) => ({ Key: tag.string('Key', { required: true, min: 1, max: 128 }) ?? '', Value: tag.string('Value', { required: true, max: 256 }) ?? '' }));
  input.finish();
  if (input.has('Metrics')) throw invalidParameterValue('Metric math alarms are not supported by the emulator.');
  if (extended !== undefined) throw invalidParameterValue('Percentile statistics are not supported by the emulator.');
  if (metricName === undefined || namespace === undefined) throw invalidParameterCombination('MetricName and Namespace must be specified.');
  if (statistic === undefined) throw invalidParameterCombination('Exactly one of Statistic or ExtendedStatistic must be specified.');
  if (period === undefined) throw invalidParameterCombination('Period must be specified.');
  if (threshold === undefined) throw invalidParameterCombination('Threshold must be specified.');
  if (period !== 10 && period !== 20 && period !== 30 && period % 60 !== 0) {
    throw invalidParameterValue('The parameter Period must be 10, 20, 30 or a multiple of 60.');
  }
  if (period * evaluationPeriods > 7 * 86400) {
    throw invalidParameterValue('The parameter EvaluationPeriods multiplied by Period must not exceed 604800 seconds (7 days).');
  }
  if (datapointsToAlarm > evaluationPeriods) {
    throw invalidParameterValue(`DatapointsToAlarm (${datapointsToAlarm}) must be less than or equal to EvaluationPeriods (${evaluationPeriods}).`);
  }
  if (!(treatMissingDataValues as readonly string[]).includes(treatMissingData)) {
    throw invalidParameterValue(`The value ${treatMissingData} for parameter TreatMissingData is not supported. Valid values: ${treatMissingDataValues.join(', ')}.`);
  }
  for (const arn of [...okActions, ...alarmActions, ...insufficientDataActions]) {
    if (!/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(arn)) throw invalidParameterValue(`Invalid arn syntax: ${arn}`);
  }
  const now = context.now();
  return {
    name,
    arn: `arn:aws:cloudwatch:${context.region}:${context.accountId}:alarm:${name}`,
    description,
    actionsEnabled,
    okActions,
    alarmActions,
    insufficientDataActions,
    namespace,
    metricName,
    dimensions,
    statistic: statistic as StatisticName,
    period,
    unit,
    evaluationPeriods,
    datapointsToAlarm,
    threshold,
    comparisonOperator,
    treatMissingData: treatMissingData as AlarmRecord['treatMissingData'],
    configurationUpdatedAt: now,
    state: 'INSUFFICIENT_DATA',
    stateReason: 'Unchecked: Initial alarm creation',
    stateUpdatedAt: now,
    stateTransitionedAt: now,
    tags,
  };
}

/** MetricAlarm as the SDK deserializes it (timestamps in epoch seconds). */
export function alarmView(alarm: AlarmRecord): JsonObject {
  return {
    AlarmName: alarm.name,
    AlarmArn: alarm.arn,
    ...(alarm.description !== undefined ? { AlarmDescription: alarm.description } : {}),
    AlarmConfigurationUpdatedTimestamp: seconds(alarm.configurationUpdatedAt),
    ActionsEnabled: alarm.actionsEnabled,
    OKActions: alarm.okActions,
    AlarmActions: alarm.alarmActions,
    InsufficientDataActions: alarm.insufficientDataActions,
    StateValue: alarm.state,
    StateReason: alarm.stateReason,
    ...(alarm.stateReasonData !== undefined ? { StateReasonData: alarm.stateReasonData } : {}),
    StateUpdatedTimestamp: seconds(alarm.stateUpdatedAt),
    MetricName: alarm.metricName,
    Namespace: alarm.namespace,
    Statistic: alarm.statistic,
    Dimensions: alarm.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    Period: alarm.period,
    ...(alarm.unit !== undefined ? { Unit: alarm.unit } : {}),
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData,
    StateTransitionedTimestamp: seconds(alarm.stateTransitionedAt),
  };
}

function isStatistic(value: string | undefined): value is StatisticName {
  return value !== undefined && (statisticNames as readonly string[]).includes(value);
}

function validPeriod(period: number): boolean {
  return [1, 5, 10, 20, 30].includes(period) || period % 60 === 0;
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

function decodeToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through
  }
  throw invalidNextToken('The service couldn\u2019t process the NextToken.');
}

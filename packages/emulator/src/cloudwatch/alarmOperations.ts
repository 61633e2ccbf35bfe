import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler, type RequestContext } from '../services/service';
import { type AlarmEngine } from './alarmEngine';
import { alarmStates, comparisonOperators, treatMissingDataValues, type AlarmMetricQuery, type AlarmRecord, type AlarmState } from './alarmRecords';
import { invalidFormat, invalidParameterCombination, invalidParameterValue, resourceNotFound } from './cloudWatchErrors';
import { statisticNames, type StatisticName } from './metricStore';
import { standardUnits } from './metricStatistics';
import { decodeToken, encodeToken } from './pageTokens';

const seconds = (ms: number) => ms / 1000;
const nameRule = { min: 1, max: 255 };

/** PutMetricAlarm, DescribeAlarms, DeleteAlarms, SetAlarmState, EnableAlarmActions and DisableAlarmActions. */
// Over 80 lines only as a table of short operation handlers (each under 50) closed over the same deps.
export function alarmOperations(engine: AlarmEngine): Record<string, JsonRpcHandler> {
  return {
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
      const types = input.stringList('AlarmTypes', { each: { enum: ['CompositeAlarm', 'MetricAlarm'] } });
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
      // The model's documentation: "If you specify any incorrect alarm names, the alarms you specify
      // with correct names are still deleted." The unknown ones are still reported (ResourceNotFound).
      const missing = names.filter((name) => !engine.find(name));
      engine.delete(names);
      if (missing.length > 0) throw resourceNotFound(`${missing.length} alarm(s) not found: [${missing.join(', ')}]`);
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
  const unit = input.string('Unit', { enum: standardUnits });
  const evaluationPeriods = input.integer('EvaluationPeriods', { required: true, min: 1 }) ?? 1;
  const datapointsToAlarm = input.integer('DatapointsToAlarm', { min: 1 }) ?? evaluationPeriods;
  const threshold = input.number('Threshold');
  const comparisonOperator = input.string('ComparisonOperator', { required: true }) as AlarmRecord['comparisonOperator'];
  const treatMissingData = input.string('TreatMissingData', { min: 1, max: 255 }) ?? 'missing';
  input.string('EvaluateLowSampleCountPercentile', { min: 1, max: 255 });
  input.string('ThresholdMetricId', { min: 1, max: 255 });
  const tags = (input.objectList('Tags') ?? []).map((tag) => ({ Key: tag.string('Key', { required: true, min: 1, max: 128 }) ?? '', Value: tag.string('Value', { required: true, max: 256 }) ?? '' }));
  const metricQueries = input.has('Metrics') ? readMetricQueries(input) : undefined;
  input.finish();
  // The model's enum is checked before the operation runs; the anomaly detection operators it also allows need a band the emulator has not.
  if (!comparisonOperators.includes(comparisonOperator)) throw invalidParameterValue(`The comparison operator ${comparisonOperator} compares with an anomaly detection band (ThresholdMetricId), which the emulator does not emulate.`);
  if (extended !== undefined) throw invalidParameterValue('Percentile statistics are not supported by the emulator.');
  if (metricQueries) {
    const single = ['MetricName', 'Namespace', 'Statistic', 'Dimensions', 'Period', 'Unit'].filter((member) => input.has(member));
    if (single.length > 0) throw invalidParameterCombination(`Metrics cannot be specified together with ${single.join(', ')}.`);
  } else {
    if (metricName === undefined || namespace === undefined) throw invalidParameterCombination('MetricName and Namespace must be specified.');
    if (statistic === undefined) throw invalidParameterCombination('Exactly one of Statistic or ExtendedStatistic must be specified.');
    if (period === undefined) throw invalidParameterCombination('Period must be specified.');
  }
  const alarmPeriod = metricQueries ? metricQueries.period : period!;
  if (threshold === undefined) throw invalidParameterCombination('Threshold must be specified.');
  if (alarmPeriod !== 10 && alarmPeriod !== 20 && alarmPeriod !== 30 && alarmPeriod % 60 !== 0) {
    throw invalidParameterValue('The parameter Period must be 10, 20, 30 or a multiple of 60.');
  }
  if (alarmPeriod * evaluationPeriods > 7 * 86400) {
    throw invalidParameterValue('The parameter EvaluationPeriods multiplied by Period must not exceed 604800 seconds (7 days).');
  }
  // PutMetricAlarm's Period documentation: under one hour, the total evaluation period can't exceed one day.
  if (alarmPeriod < 3600 && alarmPeriod * evaluationPeriods > 86400) {
    throw invalidParameterValue('For a Period under 3600 seconds, EvaluationPeriods multiplied by Period must not exceed 86400 seconds (1 day).');
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
    namespace: namespace ?? '',
    metricName: metricName ?? '',
    dimensions,
    statistic: (statistic ?? 'Average') as StatisticName,
    period: alarmPeriod,
    unit,
    ...(metricQueries ? { metrics: metricQueries.queries } : {}),
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

/**
 * PutMetricAlarm's `Metrics`: a metric-math alarm's queries (metrics over a period, and expressions over
 * them, evaluated by metricMath.ts), exactly one of which returns the alarm's value. The alarm's period
 * is the returning query's: its metric's period, or an expression's `Period`, or its metrics' period.
 */
function readMetricQueries(input: JsonReader): { queries: AlarmMetricQuery[]; period: number } {
  const queries = (input.objectList('Metrics') ?? []).map((query): AlarmMetricQuery & { ownPeriod?: number } => {
    const id = query.string('Id', { required: true }) ?? '';
    const label = query.string('Label');
    const expression = query.string('Expression');
    const returnData = query.boolean('ReturnData') ?? true;
    const ownPeriod = query.integer('Period');
    query.string('AccountId');
    const stat = query.object('MetricStat');
    if ((stat === undefined) === (expression === undefined)) throw invalidParameterCombination(`Exactly one of MetricStat and Expression must be given for the metric ${id}.`);
    const metric = stat?.object('Metric', { required: true });
    const metricStat = stat && metric
      ? {
          metric: {
            namespace: metric.string('Namespace', { required: true }) ?? '',
            metricName: metric.string('MetricName', { required: true }) ?? '',
            dimensions: (metric.objectList('Dimensions') ?? []).map((d) => ({ name: d.string('Name', { required: true }) ?? '', value: d.string('Value', { required: true }) ?? '' })),
          },
          period: stat.integer('Period', { required: true }) ?? 60,
          stat: stat.string('Stat', { required: true }) ?? '',
          ...(stat.has('Unit') ? { unit: stat.string('Unit') } : {}),
        }
      : undefined;
    if (metricStat && !(statisticNames as readonly string[]).includes(metricStat.stat)) {
      throw invalidParameterValue(`The statistic ${metricStat.stat} of the metric ${id} is not one the emulator evaluates (${statisticNames.join(', ')}).`);
    }
    return { id, ...(label !== undefined ? { label } : {}), ...(expression !== undefined ? { expression } : {}), returnData, ...(metricStat ? { metricStat } : {}), ownPeriod };
  });
  const returning = queries.filter((query) => query.returnData);
  if (returning.length !== 1) throw invalidParameterValue(`Exactly one element of the Metrics list must return data (ReturnData true); found ${returning.length}.`);
  const [result] = returning;
  const period = result.metricStat?.period ?? result.ownPeriod ?? queries.find((query) => query.metricStat)?.metricStat?.period;
  if (period === undefined) throw invalidParameterValue('The metric-math alarm has no period: give its expression a Period, or use a metric.');
  return { queries: queries.map(({ ownPeriod: _own, ...query }) => query), period };
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
    ...(alarm.metrics
      ? { Dimensions: [], Metrics: alarm.metrics.map(metricQueryView) }
      : {
          MetricName: alarm.metricName,
          Namespace: alarm.namespace,
          Statistic: alarm.statistic,
          Dimensions: alarm.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
          Period: alarm.period,
          ...(alarm.unit !== undefined ? { Unit: alarm.unit } : {}),
        }),
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData,
    StateTransitionedTimestamp: seconds(alarm.stateTransitionedAt),
  };
}

/** A metric-math alarm's query as DescribeAlarms returns it (MetricDataQuery). */
function metricQueryView(query: AlarmMetricQuery): JsonObject {
  return {
    Id: query.id,
    ...(query.metricStat
      ? {
          MetricStat: {
            Metric: {
              Namespace: query.metricStat.metric.namespace,
              MetricName: query.metricStat.metric.metricName,
              Dimensions: query.metricStat.metric.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
            },
            Period: query.metricStat.period,
            Stat: query.metricStat.stat,
            ...(query.metricStat.unit !== undefined ? { Unit: query.metricStat.unit } : {}),
          },
        }
      : {}),
    ...(query.expression !== undefined ? { Expression: query.expression } : {}),
    ...(query.label !== undefined ? { Label: query.label } : {}),
    ReturnData: query.returnData,
  };
}

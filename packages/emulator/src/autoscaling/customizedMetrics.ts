import { type JsonObject, type JsonReader } from '../protocols/jsonReader';
import { awsValidation } from './resourceIds';
import { xmlStringOfLength, xmlStringRule } from './namePatterns';

/** One metric of a target-tracking policy's `CustomizedMetricSpecification` (`Metrics` form). */
export interface CustomizedMetricQuery {
  id: string;
  label?: string;
  expression?: string;
  returnData: boolean;
  /** ReturnData as given (Describe echoes what was sent). */
  returnDataGiven?: boolean;
  metricStat?: { namespace: string; metricName: string; dimensions: { name: string; value: string }[]; stat: string; unit?: string };
}

/**
 * `CustomizedMetricSpecification` as the engine evaluates it: the simple form (one metric and a
 * statistic) is a one-query `Metrics` form with `ReturnData`.
 */
export interface CustomizedMetric {
  queries: CustomizedMetricQuery[];
  /** The query whose values the policy tracks (the one with `ReturnData`). */
  resultId: string;
  /** The simple form, when given so: the target-tracking alarms are then plain metric alarms. */
  simple?: { namespace: string; metricName: string; dimensions: { name: string; value: string }[]; statistic: string; unit?: string };
  /** The specification as Describe returns it. */
  document: JsonObject;
}

const statistics = ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'];
/** The documentation's rule for query IDs (the model's pattern allows any XML characters). */
const idRule = /^[a-z][a-zA-Z0-9_]*$/;

/**
 * Reads a `CustomizedMetricSpecification` with the model's constraints (the `Metrics` form's strings:
 * lengths and XML characters; the simple form's `Statistic` enum), then the rules its documentation
 * states: the simple form or `Metrics`, not both; each query `Expression` or `MetricStat`, not both;
 * IDs unique, of letters, digits and underscores, starting with a lowercase letter; exactly one
 * query returning data. The wording of those refusals is the emulator's own (AWS does not publish it).
 */
// Over 40 lines only as one reader of the two forms.
export function readCustomizedMetric(spec: JsonReader): CustomizedMetric {
  const metricName = spec.string('MetricName');
  const namespace = spec.string('Namespace');
  const dimensions = (spec.objectList('Dimensions') ?? []).map((d) => ({ name: d.string('Name', { required: true }) ?? '', value: d.string('Value', { required: true }) ?? '' }));
  const statistic = spec.string('Statistic', { enum: statistics });
  const unit = spec.string('Unit');
  const metrics = spec.objectList('Metrics');
  const queries = (metrics ?? []).map((query): CustomizedMetricQuery => {
    const id = query.string('Id', { required: true, ...xmlStringOfLength(1, 255) }) ?? '';
    const label = query.string('Label', xmlStringRule);
    const expression = query.string('Expression', xmlStringOfLength(1, 2048));
    const returnData = query.boolean('ReturnData');
    const stat = query.object('MetricStat');
    const metric = stat?.object('Metric', { required: true });
    const metricStat = stat
      ? {
          namespace: metric?.string('Namespace', xmlStringOfLength(1, 255)) ?? '',
          metricName: metric?.string('MetricName', xmlStringOfLength(1, 255)) ?? '',
          dimensions: (metric?.objectList('Dimensions') ?? []).map((d) => ({
            name: d.string('Name', { required: true, ...xmlStringOfLength(1, 255) }) ?? '',
            value: d.string('Value', { required: true, ...xmlStringOfLength(1, 1024) }) ?? '',
          })),
          stat: stat.string('Stat', { required: true, ...xmlStringRule }) ?? '',
          unit: stat.string('Unit', xmlStringOfLength(1, 1023)),
        }
      : undefined;
    return { id, label, expression, returnData: returnData ?? true, returnDataGiven: returnData, metricStat };
  });
  spec.finish();
  const simpleGiven = metricName !== undefined || namespace !== undefined || statistic !== undefined || dimensions.length > 0 || unit !== undefined;
  if (metrics && simpleGiven) throw awsValidation('CustomizedMetricSpecification takes either Metrics or MetricName, Namespace, Dimensions, Statistic and Unit, not both.');
  if (!metrics) {
    if (metricName === undefined || namespace === undefined || statistic === undefined) {
      throw awsValidation('CustomizedMetricSpecification needs MetricName, Namespace and Statistic (or Metrics).');
    }
    const simple = { namespace, metricName, dimensions, statistic, unit };
    const document: JsonObject = {
      MetricName: metricName,
      Namespace: namespace,
      ...(dimensions.length > 0 ? { Dimensions: dimensions.map((d) => ({ Name: d.name, Value: d.value })) } : {}),
      Statistic: statistic,
      ...(unit !== undefined ? { Unit: unit } : {}),
    };
    return { queries: [{ id: 'm1', returnData: true, metricStat: { namespace, metricName, dimensions, stat: statistic, unit } }], resultId: 'm1', simple, document };
  }
  checkQueries(queries);
  const result = queries.find((query) => query.returnData);
  return { queries, resultId: result?.id ?? '', document: { Metrics: queries.map(queryDocument) } };
}

function checkQueries(queries: CustomizedMetricQuery[]): void {
  if (queries.length === 0) throw awsValidation('CustomizedMetricSpecification.Metrics must hold at least one metric.');
  const ids = new Set<string>();
  for (const query of queries) {
    if (!idRule.test(query.id)) throw awsValidation(`Invalid Id ${query.id}: the first character must be a lowercase letter, the others letters, numbers or underscores.`);
    if (ids.has(query.id)) throw awsValidation(`Duplicate Id ${query.id} in CustomizedMetricSpecification.Metrics.`);
    ids.add(query.id);
    if ((query.expression === undefined) === (query.metricStat === undefined)) throw awsValidation(`Metric ${query.id} must have either an Expression or a MetricStat, not both.`);
  }
  // ReturnData defaults to true: with math, every query but the final expression sets it to false.
  if (queries.filter((query) => query.returnData).length !== 1) throw awsValidation('Exactly one metric in CustomizedMetricSpecification.Metrics must have ReturnData set to true.');
}

function queryDocument(query: CustomizedMetricQuery): JsonObject {
  return {
    Id: query.id,
    ...(query.expression !== undefined ? { Expression: query.expression } : {}),
    ...(query.label !== undefined ? { Label: query.label } : {}),
    ...(query.metricStat
      ? {
          MetricStat: {
            Metric: {
              ...(query.metricStat.dimensions.length > 0 ? { Dimensions: query.metricStat.dimensions.map((d) => ({ Name: d.name, Value: d.value })) } : {}),
              ...(query.metricStat.metricName ? { MetricName: query.metricStat.metricName } : {}),
              ...(query.metricStat.namespace ? { Namespace: query.metricStat.namespace } : {}),
            },
            Stat: query.metricStat.stat,
            ...(query.metricStat.unit !== undefined ? { Unit: query.metricStat.unit } : {}),
          },
        }
      : {}),
    ...(query.returnDataGiven !== undefined ? { ReturnData: query.returnDataGiven } : {}),
  };
}

/**
 * Idleness from CloudWatch: the `Invocations` metric (namespace AWS/SageMaker, statistic Sum) of every
 * endpoint variant (dimensions EndpointName, VariantName) and every inference component (dimension
 * InferenceComponentName) over the idle window, asked in `GetMetricData` calls of at most 500 queries
 * (the most one call may hold without a Metrics Insights query), one period covering the window.
 */

/** The most metric queries one GetMetricData call may hold (the CloudWatch API reference). */
export const maxQueriesPerCall = 500;

/**
 * CloudWatch keeps 1-hour datapoints for 455 days (15 months), the longest window a Sum over whole
 * hours can cover; the idle window may not be longer.
 */
export const maxIdleDays = 455;

const dayMs = 86_400_000;

export interface InvocationWindow {
  start: Date;
  end: Date;
  /** One period over the whole window, in seconds. */
  periodSeconds: number;
}

/**
 * The idle window ending now: `idleDays` days, its ends on whole minutes (CloudWatch rounds a start
 * less than 15 days ago down to the minute anyway) and the end rounded up, so the last minute counts.
 * The period is the window itself: `idleDays` × 86,400 s is a multiple of 3,600, which CloudWatch
 * accepts for a start however far back (a multiple of 60 up to 15 days, of 300 up to 63, of 3,600
 * beyond), so each query answers one or two datapoints (CloudWatch may cut the window at a period
 * boundary); their sum is the window's count.
 */
export function invocationWindow(now: number, idleDays: number): InvocationWindow {
  checkIdleDays(idleDays);
  const end = Math.ceil(now / 60_000) * 60_000;
  return { start: new Date(end - idleDays * dayMs), end: new Date(end), periodSeconds: idleDays * 86_400 };
}

export function checkIdleDays(idleDays: number): void {
  if (!Number.isInteger(idleDays) || idleDays < 1 || idleDays > maxIdleDays) {
    throw new RangeError(`idleDays must be a whole number of days from 1 to ${maxIdleDays} (CloudWatch keeps hourly datapoints for 455 days); it is ${idleDays}.`);
  }
}

/** What one endpoint's invocations are read from. */
export interface InvocationSources {
  endpointName: string;
  variantNames: readonly string[];
  componentNames: readonly string[];
}

export interface InvocationQuery {
  /** The query's Id: a lower-case letter then letters, digits and underscores (the model's pattern). */
  id: string;
  endpointName: string;
  source: 'variant' | 'component';
  dimensions: { Name: string; Value: string }[];
}

/** One query per variant and per component, each endpoint's together, with ids `q0`, `q1`… */
export function invocationQueries(endpoints: readonly InvocationSources[]): InvocationQuery[] {
  const queries: InvocationQuery[] = [];
  for (const endpoint of endpoints) {
    for (const variant of endpoint.variantNames) {
      queries.push({
        id: `q${queries.length}`,
        endpointName: endpoint.endpointName,
        source: 'variant',
        dimensions: [
          { Name: 'EndpointName', Value: endpoint.endpointName },
          { Name: 'VariantName', Value: variant },
        ],
      });
    }
    for (const component of endpoint.componentNames) {
      queries.push({ id: `q${queries.length}`, endpointName: endpoint.endpointName, source: 'component', dimensions: [{ Name: 'InferenceComponentName', Value: component }] });
    }
  }
  return queries;
}

/** `items` in consecutive batches of at most `size`. */
export function inBatches<T>(items: readonly T[], size = maxQueriesPerCall): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
  const batches: T[][] = [];
  for (let index = 0; index < items.length; index += size) batches.push(items.slice(index, index + size));
  return batches;
}

/** The GetMetricData queries of one batch, as the API takes them. */
export function metricDataQueries(batch: readonly InvocationQuery[], window: InvocationWindow) {
  return batch.map((query) => ({
    Id: query.id,
    MetricStat: {
      Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: query.dimensions },
      Period: window.periodSeconds,
      Stat: 'Sum',
    },
    ReturnData: true,
  }));
}

/** One query's answer, merged over the call's pages. */
export interface QueryAnswer {
  values: number[];
  /** CloudWatch's StatusCode of the last page: Complete, PartialData, InternalError or Forbidden. */
  statusCode?: string;
}

/**
 * Each endpoint's invocations over the window, from its queries' answers: undefined when one of its
 * queries has no answer or an answer CloudWatch did not complete (Forbidden, InternalError, still
 * PartialData), so a metric that could not be read never reads as "no invocations". A query without
 * datapoints counts 0 (CloudWatch has nothing for a metric nobody invoked).
 *
 * A request to an inference component may be counted under both the endpoint's variant and the
 * component; adding the two could count it twice, so the larger of the two sums is taken: 0 only
 * when neither saw a request.
 */
export function invocationTotals(queries: readonly InvocationQuery[], answers: ReadonlyMap<string, QueryAnswer>): Map<string, number | undefined> {
  const sums = new Map<string, { variant: number; component: number; unknown: boolean }>();
  for (const query of queries) {
    let sum = sums.get(query.endpointName);
    if (!sum) sums.set(query.endpointName, (sum = { variant: 0, component: 0, unknown: false }));
    const answer = answers.get(query.id);
    if (!answer || answer.statusCode !== 'Complete') {
      sum.unknown = true;
      continue;
    }
    sum[query.source] += answer.values.reduce((total, value) => total + value, 0);
  }
  const totals = new Map<string, number | undefined>();
  for (const [endpoint, sum] of sums) totals.set(endpoint, sum.unknown ? undefined : Math.max(sum.variant, sum.component));
  return totals;
}

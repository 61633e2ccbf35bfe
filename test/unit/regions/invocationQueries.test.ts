import * as assert from 'node:assert/strict';
import { inBatches, invocationQueries, invocationTotals, invocationWindow, maxQueriesPerCall, metricDataQueries, type QueryAnswer } from '../../../src/regions/scan/invocationQueries';

describe('the idle window\'s invocation queries (CloudWatch GetMetricData)', () => {
  it('makes one query per variant and per component, ids as the model\'s pattern wants', () => {
    const queries = invocationQueries([
      { endpointName: 'a', variantNames: ['AllTraffic'], componentNames: ['a-ic1', 'a-ic2'] },
      { endpointName: 'b', variantNames: ['AllTraffic', 'Canary'], componentNames: [] },
    ]);
    assert.deepEqual(
      queries.map((query) => [query.id, query.endpointName, query.source, query.dimensions.map((dimension) => `${dimension.Name}=${dimension.Value}`).join(',')]),
      [
        ['q0', 'a', 'variant', 'EndpointName=a,VariantName=AllTraffic'],
        ['q1', 'a', 'component', 'InferenceComponentName=a-ic1'],
        ['q2', 'a', 'component', 'InferenceComponentName=a-ic2'],
        ['q3', 'b', 'variant', 'EndpointName=b,VariantName=AllTraffic'],
        ['q4', 'b', 'variant', 'EndpointName=b,VariantName=Canary'],
      ],
    );
    for (const query of queries) assert.match(query.id, /^[a-z][a-zA-Z0-9_]*$/);
  });

  it('batches at most 500 queries a call', () => {
    const items = Array.from({ length: 1201 }, (_, index) => index);
    const batches = inBatches(items);
    assert.deepEqual(batches.map((batch) => batch.length), [500, 500, 201]);
    assert.equal(maxQueriesPerCall, 500);
    assert.deepEqual(batches.flat(), items);
    assert.deepEqual(inBatches([]), []);
  });

  it('asks the Sum of AWS/SageMaker Invocations over one period covering the window, ends on whole minutes', () => {
    const now = Date.parse('2026-11-29T12:00:30Z');
    const window = invocationWindow(now, 7);
    assert.equal(window.end.toISOString(), '2026-11-29T12:01:00.000Z', 'the last minute counts');
    assert.equal(window.start.toISOString(), '2026-11-22T12:01:00.000Z');
    assert.equal(window.periodSeconds, 604_800);
    assert.equal(window.periodSeconds % 3600, 0, 'a multiple of an hour: valid however old the start');
    const [query] = metricDataQueries(invocationQueries([{ endpointName: 'a', variantNames: [], componentNames: ['ic'] }]), window);
    assert.deepEqual(query, {
      Id: 'q0',
      MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }] }, Period: 604_800, Stat: 'Sum' },
      ReturnData: true,
    });
    assert.throws(() => invocationWindow(now, 0), /idleDays must be a whole number of days from 1 to 455/);
    assert.throws(() => invocationWindow(now, 456), /455/);
    assert.throws(() => invocationWindow(now, 1.5), /whole number/);
  });

  it('sums each endpoint\'s datapoints, takes the larger of its variant and component counts, and is unknown when a query was not answered completely', () => {
    const queries = invocationQueries([
      { endpointName: 'busy', variantNames: ['AllTraffic'], componentNames: ['busy-ic'] },
      { endpointName: 'quiet', variantNames: ['AllTraffic'], componentNames: ['quiet-ic'] },
      { endpointName: 'forbidden', variantNames: ['AllTraffic'], componentNames: [] },
      { endpointName: 'missing', variantNames: ['AllTraffic'], componentNames: [] },
    ]);
    const answers = new Map<string, QueryAnswer>([
      ['q0', { values: [3, 4], statusCode: 'Complete' }],
      ['q1', { values: [7], statusCode: 'Complete' }],
      ['q2', { values: [], statusCode: 'Complete' }],
      ['q3', { values: [], statusCode: 'Complete' }],
      ['q4', { values: [5], statusCode: 'Forbidden' }],
    ]);
    const totals = invocationTotals(queries, answers);
    assert.equal(totals.get('busy'), 7, 'the same requests under the variant and the component are not counted twice');
    assert.equal(totals.get('quiet'), 0, 'no datapoint is no invocation');
    assert.equal(totals.get('forbidden'), undefined);
    assert.equal(totals.get('missing'), undefined);
  });
});

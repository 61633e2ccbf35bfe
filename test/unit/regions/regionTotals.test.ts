import * as assert from 'node:assert/strict';
import { addTotals, regionTotals } from '../../../src/regions/scan/regionTotals';
import { type ScannedEndpoint } from '../../../src/regions/scan/regionScanModel';

const scanned = (overrides: Partial<ScannedEndpoint>): ScannedEndpoint => ({
  name: 'ep',
  region: 'us-west-2',
  status: 'InService',
  instanceTypes: ['ml.g5.xlarge'],
  runningInstances: 1,
  hourlyUsd: 1.408,
  scalesToZero: true,
  notScaleToZeroReasons: [],
  idle: false,
  components: [],
  ...overrides,
});

describe('a region\'s totals', () => {
  it('adds instances and known costs, counts the unpriced, the not-scale-to-zero and the idle endpoints', () => {
    const totals = regionTotals([
      scanned({ runningInstances: 2, hourlyUsd: 2.816, scalesToZero: false, notScaleToZeroReasons: ['x'], idle: true }),
      scanned({ runningInstances: 1, hourlyUsd: undefined }),
      scanned({ runningInstances: 0, hourlyUsd: 0 }),
    ]);
    assert.deepEqual(totals, { endpoints: 3, runningInstances: 3, hourlyUsd: 2.816, unpricedEndpoints: 1, notScaleToZero: 1, idle: 1 });
    assert.deepEqual(regionTotals([]), { endpoints: 0, runningInstances: 0, hourlyUsd: 0, unpricedEndpoints: 0, notScaleToZero: 0, idle: 0 });
  });

  it('sums several regions without float dust', () => {
    const sum = addTotals([regionTotals([scanned({ hourlyUsd: 0.1 })]), regionTotals([scanned({ hourlyUsd: 0.2, idle: true })])]);
    assert.deepEqual(sum, { endpoints: 2, runningInstances: 2, hourlyUsd: 0.3, unpricedEndpoints: 0, notScaleToZero: 0, idle: 1 });
  });
});

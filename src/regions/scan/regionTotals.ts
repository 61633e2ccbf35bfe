/** A region's (or a whole scan's) totals: what the All Regions view shows on a region's row. */
import { type RegionTotals, type ScannedEndpoint } from './regionScanModel';

export function regionTotals(endpoints: readonly ScannedEndpoint[]): RegionTotals {
  const totals: RegionTotals = { endpoints: 0, runningInstances: 0, hourlyUsd: 0, unpricedEndpoints: 0, notScaleToZero: 0, idle: 0 };
  for (const endpoint of endpoints) {
    totals.endpoints++;
    totals.runningInstances += endpoint.runningInstances;
    if (endpoint.hourlyUsd === undefined) totals.unpricedEndpoints++;
    else totals.hourlyUsd += endpoint.hourlyUsd;
    if (!endpoint.scalesToZero) totals.notScaleToZero++;
    if (endpoint.idle) totals.idle++;
  }
  totals.hourlyUsd = Math.round(totals.hourlyUsd * 1000) / 1000;
  return totals;
}

/** The sum of several regions' totals (a target's, or the whole scan's). */
export function addTotals(all: readonly RegionTotals[]): RegionTotals {
  const sum: RegionTotals = { endpoints: 0, runningInstances: 0, hourlyUsd: 0, unpricedEndpoints: 0, notScaleToZero: 0, idle: 0 };
  for (const totals of all) {
    sum.endpoints += totals.endpoints;
    sum.runningInstances += totals.runningInstances;
    sum.hourlyUsd += totals.hourlyUsd;
    sum.unpricedEndpoints += totals.unpricedEndpoints;
    sum.notScaleToZero += totals.notScaleToZero;
    sum.idle += totals.idle;
  }
  sum.hourlyUsd = Math.round(sum.hourlyUsd * 1000) / 1000;
  return sum;
}

import * as assert from 'node:assert/strict';
import {
  applyScanEvent,
  describeEndpoint,
  describeRegion,
  finishScanState,
  type RegionRow,
  regionRows,
  scanProgress,
  scanSummary,
  startScanState,
} from '../../../src/regions/ui/regionRows';
import { type RegionResult, type ScannedEndpoint, type ScanReport, type ScanTarget } from '../../../src/regions/scan/regionScanModel';

const day = 86_400_000;
const now = Date.UTC(2026, 11, 7, 14, 2);
const emulator: ScanTarget = { id: 'localEmulator', label: 'Local emulator', kind: 'localEmulator' };
const dev: ScanTarget = { id: 'profile:dev', label: 'dev', kind: 'aws', profile: 'dev' };
const prod: ScanTarget = { id: 'profile:prod', label: 'prod', kind: 'aws', profile: 'prod' };

function endpoint(name: string, region: string, settings: Partial<ScannedEndpoint>): ScannedEndpoint {
  return {
    name,
    region,
    status: 'InService',
    instanceTypes: ['ml.g5.xlarge'],
    runningInstances: 1,
    hourlyUsd: 1.408,
    scalesToZero: true,
    notScaleToZeroReasons: [],
    invocations: 240,
    idle: false,
    createdAt: now - 30 * day,
    components: [],
    ...settings,
  };
}

/** A region's result with totals summed from its endpoints, as the scanner reports them. */
function region(targetId: string, code: string, endpoints: ScannedEndpoint[]): RegionResult {
  return {
    targetId,
    region: code,
    state: 'done',
    endpoints,
    totals: {
      endpoints: endpoints.length,
      runningInstances: endpoints.reduce((sum, item) => sum + item.runningInstances, 0),
      hourlyUsd: endpoints.reduce((sum, item) => sum + (item.hourlyUsd ?? 0), 0),
      unpricedEndpoints: endpoints.filter((item) => item.hourlyUsd === undefined).length,
      notScaleToZero: endpoints.filter((item) => !item.scalesToZero).length,
      idle: endpoints.filter((item) => item.idle).length,
    },
    calls: 3,
    durationMs: 40,
  };
}

const forgotten = endpoint('forgotten-llm', 'eu-west-1', {
  instanceTypes: ['ml.g5.2xlarge'],
  hourlyUsd: 1.515,
  scalesToZero: false,
  notScaleToZeroReasons: ['Managed instance scaling keeps at least 1 instance (MinInstanceCount 1).', 'forgotten-llm-ic has no scalable target: nothing scales its copies to 0.'],
  invocations: 0,
  idle: true,
  createdAt: now - 12 * day,
  components: [{ name: 'forgotten-llm-ic', status: 'InService', currentCopies: 1, desiredCopies: 1 }],
});
const supportBot = endpoint('support-bot', 'us-west-2', {
  scalesToZero: false,
  notScaleToZeroReasons: ['support-bot-ic keeps at least 1 copy (scalable target MinCapacity 1).'],
  components: [{ name: 'support-bot-ic', status: 'InService', currentCopies: 1, minCopies: 1 }],
});
const nightly = endpoint('nightly-embeddings', 'us-west-2', {
  runningInstances: 0,
  hourlyUsd: 0,
  invocations: 0,
  idle: false,
  components: [{ name: 'nightly-embeddings-ic', status: 'InService', currentCopies: 0, minCopies: 0 }],
});
const emptyRegions = ['ap-northeast-1', 'ca-central-1', 'eu-central-1', 'sa-east-1'];

function demoReport(target: ScanTarget = emulator): ScanReport {
  const failed: RegionResult = {
    ...region(target.id, 'ap-south-1', []),
    state: 'failed',
    error: 'ap-south-1: listing the endpoints failed (the service was unavailable). Rescan the region later.',
  };
  return {
    startedAt: now - 5_000,
    finishedAt: now,
    idleDays: 7,
    cancelled: false,
    targets: [
      {
        target,
        regionList: { regions: ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-south-1', ...emptyRegions], source: 'listRegions' },
        regions: [
          region(target.id, 'us-east-1', [endpoint('demo-llama3-8b', 'us-east-1', { hourlyUsd: 1.515, instanceTypes: ['ml.g5.2xlarge'] })]),
          region(target.id, 'eu-west-1', [forgotten]),
          region(target.id, 'us-west-2', [supportBot, nightly]),
          failed,
          ...emptyRegions.map((code) => region(target.id, code, [])),
        ],
      },
    ],
  };
}

function finished(report: ScanReport, targets: ScanTarget[] = [emulator]): ReturnType<typeof finishScanState> {
  return finishScanState(startScanState(targets, report.idleDays), report, now);
}

const labels = (rows: RegionRow[]) => rows.map((row) => row.label);

describe('All Regions rows from a scan report', () => {
  it('lists one target\'s regions directly, by cost then name, then failed ones, then those without endpoints in one collapsed row', () => {
    const rows = regionRows(finished(demoReport()));
    // eu-west-1 and us-east-1 cost the same ($1.52/h): the name decides.
    assert.deepEqual(labels(rows), ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1', '4 regions without endpoints']);
    const without = rows[4];
    assert.equal(without.collapsed, 'collapsed');
    assert.deepEqual(labels(without.children), ['ap-northeast-1', 'ca-central-1', 'eu-central-1', 'sa-east-1']);
    assert.ok(without.children.every((row) => row.contextValue === 'scanRegion' && row.region !== undefined), 'each region without endpoints can still be switched to');
  });

  it('says per region: endpoints, instances, cost now, and what is always on or idle, in words', () => {
    const rows = regionRows(finished(demoReport()));
    const west2 = rows.find((row) => row.label === 'us-west-2')!;
    assert.equal(west2.description, '2 endpoints · 1 instance · $1.41/h · 1 always on');
    const euWest1 = rows.find((row) => row.label === 'eu-west-1')!;
    assert.equal(euWest1.description, '1 endpoint · 1 instance · $1.52/h · 1 always on · 1 idle 7+ days');
    assert.match(euWest1.tooltip ?? '', /Europe \(Ireland\)/);
    assert.equal(euWest1.contextValue, 'scanRegion');
    assert.equal(euWest1.icon.color, 'list.warningForeground');
  });

  it('shows a failed region with an error icon and the scanner\'s words, offering a rescan', () => {
    const failed = regionRows(finished(demoReport())).find((row) => row.label === 'ap-south-1')!;
    assert.equal(failed.contextValue, 'scanRegionFailed');
    assert.equal(failed.icon.name, 'error');
    assert.equal(failed.description, 'ap-south-1: listing the endpoints failed (the service was unavailable). Rescan the region later.');
  });

  it('describes endpoint rows: instances, cost, always on or scales to zero, idle, the reasons in the tooltip, components below', () => {
    const euWest1 = regionRows(finished(demoReport())).find((row) => row.label === 'eu-west-1')!;
    const row = euWest1.children[0];
    assert.equal(row.label, 'forgotten-llm');
    assert.equal(row.description, '1 × ml.g5.2xlarge · $1.52/h · always on · idle 7+ days');
    assert.equal(row.contextValue, 'scanEndpoint');
    assert.deepEqual([row.targetId, row.region, row.endpointName], ['localEmulator', 'eu-west-1', 'forgotten-llm']);
    assert.match(row.tooltip ?? '', /MinInstanceCount 1/);
    assert.match(row.tooltip ?? '', /forgotten-llm-ic has no scalable target/);
    assert.match(row.tooltip ?? '', /no invocation in the last 7 days \(created 12 days ago\)/);
    assert.deepEqual(row.children.map((child) => `${child.label}: ${child.description}`), ['forgotten-llm-ic: 1 copy · no scalable target']);
    assert.equal(describeEndpoint(nightly, 7), '0 × ml.g5.xlarge · $0.00/h · scales to zero');
    assert.equal(describeEndpoint({ ...nightly, status: 'OutOfService' }, 7), 'Out Of Service · 0 × ml.g5.xlarge · $0.00/h · scales to zero');
    const west2 = regionRows(finished(demoReport())).find((row) => row.label === 'us-west-2')!;
    assert.deepEqual(labels(west2.children), ['support-bot', 'nightly-embeddings'], 'the costly endpoint first');
    assert.equal(west2.children[1].children[0].description, '0 copies · can sleep (min 0)');
  });

  it('adds the target level only when several profiles were scanned, each profile\'s results apart', () => {
    const devReport = demoReport(dev);
    const prodReport = demoReport(prod);
    prodReport.targets[0].regions = [region(prod.id, 'us-east-1', [endpoint('prod-api', 'us-east-1', { hourlyUsd: 5.672 })])];
    prodReport.targets[0].regionList = { regions: ['us-east-1'], source: 'fallback', note: 'ListRegions was refused (account:ListRegions): the built-in list of regions was scanned.' };
    const report: ScanReport = { ...devReport, targets: [...devReport.targets, ...prodReport.targets] };
    const rows = regionRows(finished(report, [dev, prod]));
    assert.deepEqual(labels(rows), ['dev', 'prod']);
    assert.deepEqual(rows.map((row) => row.description), ['4 endpoints · $4.44/h', '1 endpoint · $5.67/h']);
    assert.ok(rows[0].children.every((row) => row.targetId === dev.id));
    // The fallback list's note is a row of its own, above the regions.
    assert.deepEqual(labels(rows[1].children), ['ListRegions was refused (account:ListRegions): the built-in list of regions was scanned.', 'us-east-1']);
    assert.equal(rows[1].children[0].contextValue, 'scanNote');
  });

  it('shows a target that could not be scanned with its error', () => {
    const state = applyScanEvent(startScanState([dev, prod], 7), { type: 'targetFailed', targetId: prod.id, error: 'The SSO session of profile prod has expired: run aws sso login --profile prod.' });
    const rows = regionRows(state);
    assert.equal(rows[1].icon.name, 'error');
    assert.equal(rows[1].description, 'could not be scanned');
    assert.equal(rows[1].children[0].label, 'The SSO session of profile prod has expired: run aws sso login --profile prod.');
  });

  it('fills region by region as the scanner reports, with the regions still scanning in one row', () => {
    const report = demoReport();
    let state = startScanState([emulator], 7);
    assert.deepEqual(labels(regionRows(state)), ['Listing the enabled regions…']);
    state = applyScanEvent(state, { type: 'regionsListed', targetId: emulator.id, regionList: report.targets[0].regionList });
    assert.deepEqual(labels(regionRows(state)), ['Scanning 8 more regions…']);
    state = applyScanEvent(state, { type: 'regionDone', result: report.targets[0].regions[1] });
    assert.deepEqual(labels(regionRows(state)), ['eu-west-1', 'Scanning 7 more regions…']);
    assert.deepEqual(scanProgress(state), { done: 1, total: 8 });
    assert.equal(scanSummary(state, () => '14:02'), '1 region · $1.52/h now · scanning, 1 of 8 done');
    // A rescan of the region replaces its row rather than adding one.
    state = applyScanEvent(state, { type: 'regionDone', result: region(emulator.id, 'eu-west-1', []) });
    assert.deepEqual(labels(regionRows(state)), ['1 region without endpoints', 'Scanning 7 more regions…']);
  });

  it('sums the view\'s summary over the regions scanned, with failures and the time', () => {
    const state = finished(demoReport());
    assert.equal(scanSummary(state, (epochMs) => (epochMs === now ? '14:02' : 'another time')), '7 regions · $4.44/h now · 1 failed · scanned 14:02');
    // The scanner reports the regions the cancel stopped as `cancelled`, with nothing read.
    const stopped = demoReport().targets[0].regions.slice(1).map((result): RegionResult => ({ ...region(emulator.id, result.region, []), state: 'cancelled' }));
    const cancelled = finishScanState(startScanState([emulator], 7), { ...demoReport(), cancelled: true, targets: [{ ...demoReport().targets[0], regions: [demoReport().targets[0].regions[0], ...stopped] }] }, now);
    assert.deepEqual(labels(regionRows(cancelled)), ['us-east-1', '7 regions not scanned (the scan was cancelled)']);
    assert.equal(scanSummary(cancelled, () => '14:02'), '1 region · $1.52/h now · cancelled 14:02');
  });

  it('says an unknown price instead of counting it as free', () => {
    const unpriced = region(emulator.id, 'us-east-1', [endpoint('odd', 'us-east-1', { hourlyUsd: undefined, instanceTypes: ['ml.x99.huge'] })]);
    assert.equal(describeRegion(unpriced, 7), '1 endpoint · 1 instance · $0.00/h + 1 unpriced');
    assert.equal(describeEndpoint(unpriced.endpoints[0], 7), '1 × ml.x99.huge · price unknown · scales to zero');
  });
});

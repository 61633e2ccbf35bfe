/**
 * The All Regions view's rows, as plain data, from what a scan found so far: per target (only when
 * several profiles were scanned), per region (cost first), the regions without endpoints in one
 * collapsed row, failed regions with the scanner's words, endpoints with what keeps them billing, and
 * their components. vscode-free (unit-tested in plain Node); `regionsTreeProvider.ts` turns each row
 * into a TreeItem and `contextValue` drives the menus in package.json.
 */
import { regionName } from '../../aws/profiles';
import { plural } from '../../l10n/plural';
import { formatHourlyUsd } from '../../money/dollars';
import {
  type RegionList,
  type RegionResult,
  type ScanEvent,
  type ScannedComponent,
  type ScannedEndpoint,
  type ScanReport,
  type ScanTarget,
} from '../scan/regionScanModel';

/** One target's part of the scan so far: its regions as they finish. */
export interface TargetProgress {
  target: ScanTarget;
  /** Undefined until its regions are listed. */
  regionList?: RegionList;
  regions: RegionResult[];
  error?: string;
}

/** What the view shows: the scan under way, or the last one. */
export interface ScanState {
  targets: TargetProgress[];
  idleDays: number;
  running: boolean;
  cancelled: boolean;
  /** Wall-clock time (epoch ms) the scan finished, for "scanned 14:02". */
  finishedAt?: number;
  /** The scanned account's clock when it finished (the emulator's is virtual): endpoints' ages. */
  accountFinishedAt?: number;
  /** Where the costs come from (the scanner's pricing note), for the region rows' tooltips. */
  pricingNote?: string;
}

export type RowContext =
  | 'scanTarget'
  | 'scanRegion'
  | 'scanRegionFailed'
  | 'scanRegionsWithoutEndpoints'
  | 'scanRegionsPending'
  | 'scanEndpoint'
  | 'scanComponent'
  | 'scanNote';

/** One row of the view. The commands get it as their argument (VS Code passes the row's element). */
export interface RegionRow {
  id: string;
  contextValue: RowContext;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  /** A codicon name and an optional theme color id. */
  icon: { name: string; color?: string };
  collapsed: 'none' | 'collapsed' | 'expanded';
  children: RegionRow[];
  targetId?: string;
  region?: string;
  endpointName?: string;
}

/** The state of a scan that is starting: every target with nothing listed yet. */
export function startScanState(targets: readonly ScanTarget[], idleDays: number): ScanState {
  return { targets: targets.map((target) => ({ target, regions: [] })), idleDays, running: true, cancelled: false };
}

/** `state` with one more scanner event: a target's regions listed, a region done, a target failed. */
export function applyScanEvent(state: ScanState, event: ScanEvent): ScanState {
  const targetId = event.type === 'regionDone' ? event.result.targetId : event.targetId;
  return {
    ...state,
    targets: state.targets.map((entry) => {
      if (entry.target.id !== targetId) return entry;
      if (event.type === 'regionsListed') return { ...entry, regionList: event.regionList };
      if (event.type === 'targetFailed') return { ...entry, error: event.error };
      return { ...entry, regions: [...entry.regions.filter((region) => region.region !== event.result.region), event.result] };
    }),
  };
}

/**
 * `state` after the scan ended: the report's results (a rescan of some regions keeps the others), and
 * `finishedAt` on the wall clock.
 */
export function finishScanState(state: ScanState, report: ScanReport, finishedAt: number): ScanState {
  let next: ScanState = { ...state, running: false, cancelled: report.cancelled, finishedAt, accountFinishedAt: report.finishedAt, pricingNote: report.pricing?.note ?? state.pricingNote };
  for (const result of report.targets) {
    if (result.error) next = applyScanEvent(next, { type: 'targetFailed', targetId: result.target.id, error: result.error });
    if (!next.targets.some((entry) => entry.target.id === result.target.id)) next = { ...next, targets: [...next.targets, { target: result.target, regions: [] }] };
    const listed = next.targets.find((entry) => entry.target.id === result.target.id)?.regionList;
    if (!listed) next = applyScanEvent(next, { type: 'regionsListed', targetId: result.target.id, regionList: result.regionList });
    for (const region of result.regions) next = applyScanEvent(next, { type: 'regionDone', result: region });
  }
  return next;
}

/** Regions finished and regions to scan, over every target, for "5 of 17 done". */
export function scanProgress(state: ScanState): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const entry of state.targets) {
    done += entry.regions.length;
    total += Math.max(entry.regions.length, entry.regionList?.regions.length ?? 0);
  }
  return { done, total };
}

const count = {
  endpoints: (n: number) => plural(n, { one: '{count} endpoint', other: '{count} endpoints' }),
  instances: (n: number) => plural(n, { one: '{count} instance', other: '{count} instances' }),
  regions: (n: number) => plural(n, { one: '{count} region', other: '{count} regions' }),
  copies: (n: number) => plural(n, { one: '{count} copy', other: '{count} copies' }),
};

function hourly(usd: number, unpriced: number): string {
  return unpriced > 0 ? `${formatHourlyUsd(usd)} + ${plural(unpriced, { one: '{count} unpriced', other: '{count} unpriced' })}` : formatHourlyUsd(usd);
}

/** "1 always on", "1 idle 7+ days": the words a region row carries besides its counts. */
export function regionBadges(result: RegionResult, idleDays: number): string[] {
  const badges: string[] = [];
  if (result.totals.notScaleToZero > 0) badges.push(`${result.totals.notScaleToZero} always on`);
  if (result.totals.idle > 0) badges.push(`${result.totals.idle} idle ${idleDays}+ days`);
  if ((result.warnings ?? []).length > 0) badges.push('incomplete (see tooltip)');
  return badges;
}

/** "2 endpoints · 1 instance · $1.52/h · 1 always on · 1 idle 7+ days". */
export function describeRegion(result: RegionResult, idleDays: number): string {
  const { totals } = result;
  return [count.endpoints(totals.endpoints), count.instances(totals.runningInstances), hourly(totals.hourlyUsd, totals.unpricedEndpoints), ...regionBadges(result, idleDays)].join(' · ');
}

/** "always on", "idle 7+ days", "scales to zero": what an endpoint row says about its bill. */
export function endpointVerdicts(endpoint: ScannedEndpoint, idleDays: number): string[] {
  const verdicts = [endpoint.scalesToZero ? 'scales to zero' : 'always on'];
  if (endpoint.idle) verdicts.push(`idle ${idleDays}+ days`);
  return verdicts;
}

/** "1 × ml.g5.2xlarge · $1.52/h · always on · idle 7+ days". */
export function describeEndpoint(endpoint: ScannedEndpoint, idleDays: number): string {
  const types = endpoint.instanceTypes.length > 0 ? endpoint.instanceTypes.join('/') : 'no instance type';
  const cost = endpoint.hourlyUsd !== undefined ? formatHourlyUsd(endpoint.hourlyUsd) : 'price unknown';
  // An endpoint being created, updated or deleted (or failed) says so first.
  const status = endpoint.status === 'InService' ? [] : [endpoint.status.replace(/([a-z])([A-Z])/g, '$1 $2')];
  return [...status, `${endpoint.runningInstances} × ${types}`, cost, ...endpointVerdicts(endpoint, idleDays)].join(' · ');
}

function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / 86_400_000);
}

function endpointTooltip(endpoint: ScannedEndpoint, idleDays: number, now: number | undefined): string {
  const lines = [`**${endpoint.name}** (${endpoint.region}, ${endpoint.status})`, ''];
  lines.push(`${plural(endpoint.runningInstances, { one: '{count} instance running', other: '{count} instances running' })} (${endpoint.instanceTypes.join(', ') || 'no instance type'}), ${endpoint.hourlyUsd !== undefined ? `${formatHourlyUsd(endpoint.hourlyUsd)} now` : 'price unknown (set sagemakerScaleToZero.pricing.hourlyUsd)'}.`, '');
  if (endpoint.scalesToZero) lines.push('Scales to zero: its instances are released when it is idle.');
  else {
    lines.push('Always on: it does not scale to zero because');
    lines.push(...endpoint.notScaleToZeroReasons.map((reason) => `- ${reason}`));
  }
  lines.push('');
  const age = endpoint.createdAt !== undefined && now !== undefined ? ` (created ${plural(daysBetween(endpoint.createdAt, now), { one: '{count} day', other: '{count} days' })} ago)` : '';
  if (endpoint.invocations === undefined) lines.push(`Its invocations could not be read from CloudWatch${age}.`);
  else if (endpoint.idle) lines.push(`Idle: no invocation in the last ${plural(idleDays, { one: '{count} day', other: '{count} days' })}${age}.`);
  else lines.push(`${plural(endpoint.invocations, { one: '{count} invocation', other: '{count} invocations' })} in the last ${plural(idleDays, { one: '{count} day', other: '{count} days' })}${age}.`);
  return lines.join('\n');
}

function describeComponent(component: ScannedComponent): string {
  const copies = component.currentCopies ?? component.desiredCopies;
  const parts = [copies !== undefined ? count.copies(copies) : component.status];
  if (component.minCopies === undefined) parts.push('no scalable target');
  else parts.push(component.minCopies === 0 ? 'can sleep (min 0)' : `min ${component.minCopies}`);
  return parts.join(' · ');
}

function componentRow(endpointRow: RegionRow, component: ScannedComponent): RegionRow {
  return {
    id: `${endpointRow.id}/ic:${component.name}`,
    contextValue: 'scanComponent',
    label: component.name,
    description: describeComponent(component),
    tooltip: `**${component.name}** (${component.status})\n\n${describeComponent(component)}`,
    icon: { name: 'symbol-method' },
    collapsed: 'none',
    children: [],
    targetId: endpointRow.targetId,
    region: endpointRow.region,
    endpointName: endpointRow.endpointName,
  };
}

function endpointRow(targetId: string, endpoint: ScannedEndpoint, idleDays: number, now: number | undefined): RegionRow {
  const row: RegionRow = {
    id: `${targetId}/${endpoint.region}/endpoint:${endpoint.name}`,
    contextValue: 'scanEndpoint',
    label: endpoint.name,
    description: describeEndpoint(endpoint, idleDays),
    tooltip: endpointTooltip(endpoint, idleDays, now),
    icon: endpoint.scalesToZero ? { name: 'server-environment' } : { name: 'server-environment', color: 'list.warningForeground' },
    collapsed: endpoint.components.length > 0 ? 'collapsed' : 'none',
    children: [],
    targetId,
    region: endpoint.region,
    endpointName: endpoint.name,
  };
  row.children = endpoint.components.map((component) => componentRow(row, component));
  return row;
}

/** Cost first (the most expensive region on top), then the region code. */
function byCostThenName(a: RegionResult, b: RegionResult): number {
  return b.totals.hourlyUsd - a.totals.hourlyUsd || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0);
}

function regionTooltip(result: RegionResult, idleDays: number, pricingNote: string | undefined): string {
  const name = regionName(result.region);
  const lines = [`**${result.region}**${name ? ` · ${name}` : ''}`, '', describeRegion(result, idleDays)];
  for (const warning of result.warnings ?? []) lines.push('', `$(warning) ${warning}`);
  if (pricingNote) lines.push('', pricingNote);
  return lines.join('\n');
}

function regionRow(targetId: string, result: RegionResult, idleDays: number, now: number | undefined, pricingNote?: string): RegionRow {
  const id = `${targetId}/${result.region}`;
  if (result.state === 'failed') {
    const name = regionName(result.region);
    return {
      id,
      contextValue: 'scanRegionFailed',
      label: result.region,
      description: result.error ?? 'Not scanned.',
      tooltip: `**${result.region}**${name ? ` · ${name}` : ''}\n\n${result.error ?? 'Not scanned.'}`,
      icon: { name: 'error', color: 'errorForeground' },
      collapsed: 'none',
      children: [],
      targetId,
      region: result.region,
    };
  }
  const endpoints = [...result.endpoints].sort((a, b) => (b.hourlyUsd ?? 0) - (a.hourlyUsd ?? 0) || (a.name < b.name ? -1 : 1));
  return {
    id,
    contextValue: 'scanRegion',
    label: result.region,
    description: describeRegion(result, idleDays),
    tooltip: regionTooltip(result, idleDays, pricingNote),
    icon: result.totals.notScaleToZero > 0 || result.totals.idle > 0 ? { name: 'globe', color: 'list.warningForeground' } : { name: 'globe' },
    // Collapsed: the row's description says what the region holds; a big scan stays one line a region.
    collapsed: endpoints.length > 0 ? 'collapsed' : 'none',
    children: endpoints.map((endpoint) => endpointRow(targetId, endpoint, idleDays, now)),
    targetId,
    region: result.region,
  };
}

/** A target's rows: its note, its regions by cost, the failed ones, those without endpoints (collapsed), those still scanning. */
function targetChildren(entry: TargetProgress, state: ScanState): RegionRow[] {
  const targetId = entry.target.id;
  const rows: RegionRow[] = [];
  if (entry.error) rows.push(noteRow(`${targetId}/error`, entry.error, 'error', 'errorForeground'));
  if (entry.regionList?.note) rows.push(noteRow(`${targetId}/regions-note`, entry.regionList.note, 'info'));
  const now = state.accountFinishedAt;
  const scanned = entry.regions.filter((result) => result.state === 'done');
  const withEndpoints = scanned.filter((result) => result.endpoints.length > 0).sort(byCostThenName);
  const without = scanned.filter((result) => result.endpoints.length === 0).sort(byCostThenName);
  rows.push(...withEndpoints.map((result) => regionRow(targetId, result, state.idleDays, now, state.pricingNote)));
  rows.push(...entry.regions.filter((result) => result.state === 'failed').sort(byCostThenName).map((result) => regionRow(targetId, result, state.idleDays, now)));
  if (without.length > 0) {
    rows.push({
      id: `${targetId}/without-endpoints`,
      contextValue: 'scanRegionsWithoutEndpoints',
      label: plural(without.length, { one: '{count} region without endpoints', other: '{count} regions without endpoints' }),
      description: without.map((result) => result.region).join(', '),
      icon: { name: 'circle-slash' },
      collapsed: 'collapsed',
      children: without.map((result) => regionRow(targetId, result, state.idleDays, now)),
      targetId,
    });
  }
  // A region the cancel stopped before it was read comes back `cancelled`: it is not scanned.
  const done = new Set(entry.regions.filter((result) => result.state !== 'cancelled').map((result) => result.region));
  const rest = (entry.regionList?.regions ?? []).filter((region) => !done.has(region));
  if (rest.length > 0) {
    const label = state.running
      ? plural(rest.length, { one: 'Scanning {count} more region…', other: 'Scanning {count} more regions…' })
      : plural(rest.length, { one: '{count} region not scanned (the scan was cancelled)', other: '{count} regions not scanned (the scan was cancelled)' });
    rows.push({
      id: `${targetId}/pending`,
      contextValue: 'scanRegionsPending',
      label,
      description: rest.join(', '),
      icon: { name: state.running ? 'loading~spin' : 'circle-slash' },
      collapsed: 'none',
      children: [],
      targetId,
    });
  } else if (!entry.regionList && !entry.error && state.running) {
    rows.push(noteRow(`${targetId}/listing`, 'Listing the enabled regions…', 'loading~spin'));
  }
  return rows;
}

function noteRow(id: string, text: string, icon: string, color?: string): RegionRow {
  return { id, contextValue: 'scanNote', label: text, tooltip: text, icon: color ? { name: icon, color } : { name: icon }, collapsed: 'none', children: [] };
}

/** The view's rows: the targets' own rows directly when one target was scanned, under a row per target otherwise. */
export function regionRows(state: ScanState): RegionRow[] {
  if (state.targets.length === 1) return targetChildren(state.targets[0], state);
  return state.targets.map((entry) => {
    const totals = entry.regions.reduce((sum, result) => ({ usd: sum.usd + result.totals.hourlyUsd, endpoints: sum.endpoints + result.totals.endpoints }), { usd: 0, endpoints: 0 });
    return {
      id: entry.target.id,
      contextValue: 'scanTarget',
      label: entry.target.label,
      description: entry.error ? 'could not be scanned' : [count.endpoints(totals.endpoints), formatHourlyUsd(totals.usd)].join(' · '),
      tooltip: entry.error ?? `${entry.target.label}: ${count.regions(entry.regions.length)} scanned`,
      icon: entry.error ? { name: 'error', color: 'errorForeground' } : { name: entry.target.kind === 'localEmulator' ? 'vm' : 'account' },
      collapsed: 'expanded',
      children: targetChildren(entry, state),
      targetId: entry.target.id,
    };
  });
}

/** "17 regions · $3.04/h now · scanned 14:02" (the view's description), with failures and a cancel said. */
export function scanSummary(state: ScanState, formatTime: (epochMs: number) => string): string {
  const results = state.targets.flatMap((entry) => entry.regions);
  const scanned = results.filter((result) => result.state === 'done');
  const failed = results.filter((result) => result.state === 'failed').length;
  const usd = scanned.reduce((sum, result) => sum + result.totals.hourlyUsd, 0);
  const parts = [count.regions(scanned.length), `${formatHourlyUsd(usd)} now`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (state.running) {
    const { done, total } = scanProgress(state);
    parts.push(`scanning, ${done} of ${total} done`);
  } else if (state.finishedAt !== undefined) parts.push(`${state.cancelled ? 'cancelled' : 'scanned'} ${formatTime(state.finishedAt)}`);
  return parts.join(' · ');
}

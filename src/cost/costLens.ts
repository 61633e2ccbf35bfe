import { hourlyPrice, type PriceOverrides, priceDate, priceRegion } from './pricing';
import { type EndpointSnapshot, type ScalingActivitySnapshot } from '../resources/resourceSnapshots';
import { copyCountChanges } from '../resources/scalingActivityCopyCount';
import { formatHourlyUsd, formatUsd, roundToCents } from '../money/dollars';
import { plural } from '../l10n/plural';

/** What an endpoint costs right now: its running instances at the on-demand price. */
export interface CurrentBurn {
  instanceType?: string;
  runningInstances: number;
  /** Undefined when the instance type has no known price. */
  hourlyUsd?: number;
  description: string;
}

export function currentBurn(endpoint: EndpointSnapshot, overrides: PriceOverrides = {}): CurrentBurn {
  let runningInstances = 0;
  let total = 0;
  let unknown: string | undefined;
  // Running instances per type: a variant with fallback types (InstancePools) says how many of each run.
  const running = new Map<string, number>();
  for (const variant of endpoint.variants) {
    const count = variant.currentInstanceCount ?? 0;
    runningInstances += count;
    if (count === 0 || !variant.instanceType) continue;
    const pools = variant.instancePools?.filter((pool) => (pool.currentInstanceCount ?? 0) > 0) ?? [];
    const perType: [string, number][] = pools.length > 0 ? pools.map((pool) => [pool.instanceType, pool.currentInstanceCount ?? 0]) : [[variant.instanceType, count]];
    for (const [instanceType, instances] of perType) {
      running.set(instanceType, (running.get(instanceType) ?? 0) + instances);
      const price = hourlyPrice(instanceType, overrides);
      if (price === undefined) unknown = instanceType;
      else total += price * instances;
    }
  }
  const instanceType = running.keys().next().value ?? endpoint.variants[0]?.instanceType;
  if (runningInstances === 0) {
    return { instanceType, runningInstances, hourlyUsd: 0, description: `${formatHourlyUsd(0)}: no instance is running` };
  }
  if (unknown) {
    return {
      instanceType,
      runningInstances,
      description: `${runningInstances} × ${unknown}: no price known (set sagemakerScaleToZero.pricing.hourlyUsd)`,
    };
  }
  const hourlyUsd = roundToCents(total);
  const counted = running.size > 1 ? [...running].map(([type, count]) => `${count} × ${type}`).join(' + ') : `${runningInstances} × ${instanceType}`;
  return {
    instanceType,
    runningInstances,
    hourlyUsd,
    description: `≈ ${formatHourlyUsd(hourlyUsd)} for ${counted} (on-demand, ${priceRegion} prices of ${priceDate})`,
  };
}

export interface SavingsInput {
  /** Each inference component's scaling activities over (at least) the window, in any order. */
  activitiesByComponent: ScalingActivitySnapshot[][];
  /** Each inference component's desired copy count now, to close the window. */
  desiredNowByComponent: number[];
  from: Date;
  to: Date;
  /** When the endpoint was created: nothing was saved before it existed, so the window starts there at the earliest. */
  createdAt?: Date;
  instanceType?: string;
  /** Instances the always-on alternative keeps (at least 1). */
  alwaysOnInstances: number;
  /** Managed instance scaling releases an instance this long after its last copy left. */
  releaseDelayMinutes?: number;
  overrides?: PriceOverrides;
}

export interface Savings {
  /** Hours in the window during which every copy was at 0 and the instances were released. */
  coldHours: number;
  savedInstanceHours: number;
  savedUsd?: number;
  /** No successful activity names a copy count: nothing shows the endpoint was ever at 0 copies, so no saving is claimed. */
  noEvidence?: boolean;
  /** Successful activities whose text named no copy count: the time after each, until a known count, is not claimed. */
  unreadActivities: number;
  description: string;
}

/** A moment of a component's copy-count timeline; `copies` undefined: an activity changed it and did not say to what. */
interface CopyPoint {
  at: number;
  copies: number | undefined;
}

/**
 * The desired copy count over time, from successful scaling activities. An activity whose text names
 * no count leaves the count unknown until the next one that does; unknown counts as not at zero, so
 * the estimate never claims time it cannot show.
 */
function copyTimeline(activities: ScalingActivitySnapshot[], desiredNow: number, from: number): CopyPoint[] {
  const changes = copyCountChanges(activities).map((change) => ({ at: change.at.getTime(), copies: change.copies }));
  const before = changes.filter((change) => change.at <= from);
  const inside = changes.filter((change) => change.at > from);
  // The count at the window's start: the last change before it, or, with none, the opposite of the
  // first change inside it (it changed to that), or the count now when nothing changed at all.
  const first = inside[0]?.copies;
  const start = before.length > 0 ? before[before.length - 1].copies : inside.length > 0 ? (first === undefined ? undefined : first === 0 ? 1 : 0) : desiredNow;
  return [{ at: from, copies: start }, ...inside];
}

/**
 * What scale to zero saved over a window, estimated from Application Auto Scaling's activities: the
 * endpoint's instances are released once every inference component has been at 0 copies for the
 * release delay, and stay released until one wakes. Copy counts set outside auto scaling (by a
 * schedule or by hand) leave no activity, so the estimate leaves them out; the description says so.
 */
export function estimateSavings(input: SavingsInput): Savings {
  const to = input.to.getTime();
  const created = input.createdAt?.getTime();
  const from = Math.min(to, Math.max(input.from.getTime(), created !== undefined && Number.isFinite(created) ? created : -Infinity));
  const days = Math.round((to - input.from.getTime()) / 86_400_000);
  const since = from > input.from.getTime() ? `since the endpoint was created ${formatHours((to - from) / 3_600_000)} ago` : `over the last ${days} days`;
  const changes = input.activitiesByComponent.map((activities) => copyCountChanges(activities));
  const unreadActivities = changes.reduce((total, list) => total + list.filter((change) => change.copies === undefined).length, 0);
  const unread =
    unreadActivities === 0
      ? ''
      : `; ${plural(unreadActivities, {
          one: '{count} scaling activity did not say which copy count it set, so the time after it is not counted',
          other: '{count} scaling activities did not say which copy count they set, so the time after them is not counted',
        })}`;
  const evidence = changes.some((list) => list.some((change) => change.copies !== undefined));
  if (!evidence) {
    return {
      coldHours: 0,
      savedInstanceHours: 0,
      noEvidence: true,
      unreadActivities,
      description: `No saving to show ${since}: no auto-scaling activity says its copies ever went to 0 (copy counts set by schedules or by hand are not counted${unread})`,
    };
  }
  const delay = (input.releaseDelayMinutes ?? 10) * 60_000;
  const timelines = input.activitiesByComponent.map((activities, index) => copyTimeline(activities, input.desiredNowByComponent[index] ?? 0, from));
  const instants = [...new Set([from, to, ...timelines.flatMap((timeline) => timeline.map((point) => point.at))])].filter((at) => at >= from && at <= to).sort((a, b) => a - b);
  const copiesAt = (timeline: CopyPoint[], at: number) => {
    let copies = timeline[0].copies;
    for (const point of timeline) if (point.at <= at) copies = point.copies;
    return copies;
  };
  let coldMs = 0;
  let zeroSince: number | undefined;
  for (let index = 0; index < instants.length; index++) {
    const at = instants[index];
    const allZero = timelines.length > 0 && timelines.every((timeline) => copiesAt(timeline, at) === 0);
    if (allZero && zeroSince === undefined) zeroSince = at;
    const next = instants[index + 1] ?? to;
    if (allZero && zeroSince !== undefined) {
      const releasedFrom = Math.max(at, zeroSince + delay);
      if (next > releasedFrom) coldMs += next - releasedFrom;
    }
    if (!allZero) zeroSince = undefined;
  }
  const coldHours = coldMs / 3_600_000;
  const savedInstanceHours = coldHours * Math.max(1, input.alwaysOnInstances);
  const price = input.instanceType ? hourlyPrice(input.instanceType, input.overrides) : undefined;
  const savedUsd = price === undefined ? undefined : roundToCents(savedInstanceHours * price);
  const money = savedUsd === undefined ? 'no price known for the instance type' : `≈ ${formatUsd(savedUsd)}`;
  return {
    coldHours,
    savedInstanceHours,
    savedUsd,
    unreadActivities,
    description: `Saved ${savedInstanceHours.toFixed(1)} instance-hours (${money}) ${since} against always-on, from auto-scaling activities (copy counts set by schedules or by hand are not counted${unread})`,
  };
}

/** "1.6 hours", "3 days": how long ago, in the unit that reads best. */
function formatHours(hours: number): string {
  if (hours < 48) return `${hours.toFixed(1)} hours`;
  return `${Math.round(hours / 24)} days`;
}

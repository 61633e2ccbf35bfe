import { hourlyPrice, type PriceOverrides } from './pricing';
import { formatUsd, roundToCents } from '../money/dollars';

/** Instances that still bill until managed instance scaling releases them (src/lifecycle/instanceRelease.ts says which and when). */
export interface ReleaseTailInput {
  instances: number;
  instanceType?: string;
  /** About when they are released; undefined: not until copies scale in (no end to count to). */
  by?: Date;
}

export interface ReleaseTail {
  /** Undefined when the type has no known price or the tail has no known end. */
  usd?: number;
  hourlyUsd?: number;
  description: string;
}

/** What the instances not yet released cost from now until they are: instances × hourly price × the time left. */
export function releaseTailCost(tail: ReleaseTailInput, now: Date, overrides: PriceOverrides = {}): ReleaseTail {
  const price = tail.instanceType ? hourlyPrice(tail.instanceType, overrides) : undefined;
  if (price === undefined) return { description: `no price known for ${tail.instanceType ?? 'the instance type'}` };
  const hourlyUsd = roundToCents(price * tail.instances);
  if (!tail.by) return { hourlyUsd, description: `${formatUsd(hourlyUsd)} every hour until their copies scale in` };
  const hours = Math.max(0, tail.by.getTime() - now.getTime()) / 3_600_000;
  const usd = roundToCents(price * tail.instances * hours);
  return { usd, hourlyUsd, description: `≈ ${formatUsd(usd)} more until they are released (${formatUsd(hourlyUsd)}/h)` };
}

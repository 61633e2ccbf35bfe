import { type EndpointSnapshot } from '../resources/resourceSnapshots';
import { hourlyPrice, type PriceOverrides } from './pricing';

// The rule lives with the snapshots, so that readiness (which may not import cost) applies the same one.
export { holdsInstances } from '../resources/resourceSnapshots';

/** What would still bill after an inference component is set to 0 copies, and what fixes it. */
export interface SleepBilling {
  /** True when instances stay up (and bill) although the component has no copy. */
  keepsBilling: boolean;
  /** Each reason, in plain words naming the setting and its value. */
  reasons: string[];
  /** Instances that stay, and what they cost an hour (undefined: no price known). */
  instancesKept: number;
  instanceType?: string;
  hourlyUsd?: number;
  /** The fixes that apply: the Enable Scale to Zero wizard, and/or a new endpoint config. */
  fixes: ('enableScaleToZero' | 'endpointConfig')[];
}

export interface SleepBillingInput {
  endpoint: EndpointSnapshot | undefined;
  /** The component's scalable target MinCapacity, when it has a scalable target. */
  targetMinCapacity?: number;
  /** Other inference components on the same endpoint that still have copies. */
  othersWithCopies: string[];
}

/**
 * Setting a component to 0 copies stops the bill only when nothing else holds its instances: the
 * scalable target's MinCapacity (auto scaling sets the copies back), the endpoint's managed instance
 * scaling (off, or a MinInstanceCount above 0), and other components that still have copies.
 */
export function sleepBilling(input: SleepBillingInput, overrides: PriceOverrides = {}): SleepBilling {
  const reasons: string[] = [];
  const fixes: SleepBilling['fixes'] = [];
  let instancesKept = 0;
  if (input.targetMinCapacity !== undefined && input.targetMinCapacity > 0) {
    reasons.push(`its scalable target's MinCapacity is ${input.targetMinCapacity}: auto scaling sets the copies back to ${input.targetMinCapacity}`);
    fixes.push('enableScaleToZero');
  }
  const variant = input.endpoint?.variants[0];
  const scaling = variant?.managedScaling;
  const running = variant?.currentInstanceCount ?? 0;
  if (variant && (!scaling || !scaling.enabled)) {
    reasons.push(`managed instance scaling is off on endpoint ${input.endpoint?.name}: its ${running} instance(s) stay`);
    instancesKept = running;
    fixes.push('endpointConfig');
  } else if (scaling?.min !== undefined && scaling.min > 0) {
    reasons.push(`endpoint ${input.endpoint?.name} keeps at least ${scaling.min} instance(s) (managed instance scaling MinInstanceCount is ${scaling.min})`);
    instancesKept = Math.min(running, scaling.min) || scaling.min;
    fixes.push('endpointConfig');
  }
  if (input.othersWithCopies.length > 0) {
    reasons.push(`${input.othersWithCopies.join(', ')} still ${input.othersWithCopies.length === 1 ? 'has' : 'have'} copies on the same instances`);
    instancesKept = Math.max(instancesKept, running);
  }
  if (input.targetMinCapacity !== undefined && input.targetMinCapacity > 0) instancesKept = Math.max(instancesKept, running);
  const instanceType = variant?.instanceType;
  const price = instanceType ? hourlyPrice(instanceType, overrides) : undefined;
  const hourlyUsd = price === undefined ? undefined : Math.round(price * instancesKept * 100) / 100;
  return { keepsBilling: reasons.length > 0 && instancesKept > 0, reasons, instancesKept, instanceType, hourlyUsd, fixes };
}

/** The confirmation's words for a sleep that keeps billing: what bills, what it costs, how to fix it. */
export function describeSleepBilling(billing: SleepBilling): string {
  const cost =
    billing.hourlyUsd === undefined
      ? `${billing.instancesKept} × ${billing.instanceType ?? 'instance'} keep billing (no price known for the type).`
      : `${billing.instancesKept} × ${billing.instanceType} keep billing: ≈ $${billing.hourlyUsd.toFixed(2)}/h (on-demand).`;
  const fixes = [
    ...(billing.fixes.includes('enableScaleToZero') ? ['run Enable Scale to Zero (scalable target MinCapacity 0, the wake alarm)'] : []),
    ...(billing.fixes.includes('endpointConfig') ? ['give the endpoint a new endpoint config with managed instance scaling on and MinInstanceCount 0'] : []),
  ];
  return [
    `Setting 0 copies will not stop the bill: ${billing.reasons.join('; ')}.`,
    cost,
    ...(fixes.length > 0 ? [`To really scale to zero: ${fixes.join(', and ')}.`] : []),
  ].join(' ');
}

/** What a sleep schedule leaves billing in a week: the hourly cost that stays × the hours it says "asleep". */
export function weeklySleepCost(billing: SleepBilling, asleepHoursPerWeek: number): number | undefined {
  if (!billing.keepsBilling || billing.hourlyUsd === undefined) return undefined;
  return Math.round(billing.hourlyUsd * asleepHoursPerWeek * 100) / 100;
}

/**
 * The plan page's warning for a sleep schedule that sleeps nothing: why the instances stay, what they
 * cost in the hours the schedule says "asleep" each week, and how to really scale to zero.
 */
export function describeScheduledSleepBilling(billing: SleepBilling, asleepHoursPerWeek: number | undefined): string {
  const weekly = asleepHoursPerWeek === undefined ? undefined : weeklySleepCost(billing, asleepHoursPerWeek);
  const hours = asleepHoursPerWeek === undefined ? 'while it says asleep' : `for the ${asleepHoursPerWeek} h a week it says asleep`;
  const cost =
    weekly === undefined
      ? `${billing.instancesKept} × ${billing.instanceType ?? 'instance'} keep billing ${hours}${billing.hourlyUsd === undefined ? ' (no price known for the type)' : ''}.`
      : `${billing.instancesKept} × ${billing.instanceType} keep billing ${hours}: ≈ $${weekly.toFixed(2)} a week (≈ $${billing.hourlyUsd!.toFixed(2)}/h on-demand).`;
  const fixes = [
    ...(billing.fixes.includes('enableScaleToZero') ? ['run Enable Scale to Zero (scalable target MinCapacity 0, the wake alarm)'] : []),
    ...(billing.fixes.includes('endpointConfig') ? ['give the endpoint a new endpoint config with managed instance scaling on and MinInstanceCount 0'] : []),
  ];
  return [
    `Warning: this sleep schedule will not stop the bill: ${billing.reasons.join('; ')}.`,
    cost,
    ...(fixes.length > 0 ? [`To really scale to zero: ${fixes.join(', and ')}.`] : []),
  ].join(' ');
}

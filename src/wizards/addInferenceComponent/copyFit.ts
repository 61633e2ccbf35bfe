import { type VariantSnapshot } from '../../resources/resourceSnapshots';
import { hourlyPrice, type PriceOverrides } from '../../cost/pricing';
import { formatHourlyUsd } from '../../money/dollars';
import { plural } from '../../l10n/plural';
import { type ComputeRequirements, instanceSpec } from '../createEndpoint/instanceCapacity';

/*
 * Whether a new inference component's copies fit beside the components already on an endpoint. Each
 * copy reserves its ComputeResourceRequirements (CPU cores, memory, accelerators) on one instance
 * (AWS: "the compute resources to allocate to run a model … that you assign to an inference
 * component"); with managed instance scaling SageMaker starts another instance, up to
 * MaxInstanceCount, when copies do not fit on the running ones. Where AWS packs the copies already
 * there is not reported, so they are packed first fit, the way the wizard's own copies are counted.
 */

/** A component already on the endpoint: what one copy needs and how many copies it holds (or is getting). */
export interface PlacedComponent {
  name: string;
  compute: ComputeRequirements;
  copies: number;
}

export interface FitInput {
  variant: Pick<VariantSnapshot, 'instanceType' | 'instancePools' | 'currentInstanceCount' | 'managedScaling'>;
  others: readonly PlacedComponent[];
  compute: ComputeRequirements;
  copies: number;
  priceOverrides?: PriceOverrides;
}

export type CopyFit =
  /** Every new copy finds room on the instances running now. */
  | { kind: 'fits'; copies: number; running: number; onRunning: number }
  /** Some copies need new instances, which MaxInstanceCount allows. */
  | { kind: 'newInstances'; copies: number; running: number; onRunning: number; newInstances: number; instanceType: string; hourlyUsd?: number; maxInstances: number }
  /** The copies need more instances than MaxInstanceCount allows (or managed instance scaling is off). */
  | { kind: 'overMax'; copies: number; running: number; onRunning: number; instancesNeeded: number; maxInstances: number; instanceType: string; mostCopies: number }
  /** Not even one copy fits on an empty instance of any of the endpoint's types. */
  | { kind: 'neverFits'; copies: number; instanceTypes: string[]; short: string };

type Room = { cpuCores: number; memoryMb: number; accelerators: number };

const roomOf = (instanceType: string): Room => {
  const spec = instanceSpec(instanceType);
  return { cpuCores: spec.vCpus, memoryMb: spec.memoryMiB, accelerators: spec.accelerators };
};

const epsilon = 1e-9;
const fitsIn = (room: Room, need: ComputeRequirements) =>
  need.cpuCores <= room.cpuCores + epsilon && need.memoryMb <= room.memoryMb + epsilon && need.accelerators <= room.accelerators + epsilon;
const take = (room: Room, need: ComputeRequirements): Room => ({
  cpuCores: room.cpuCores - need.cpuCores,
  memoryMb: room.memoryMb - need.memoryMb,
  accelerators: room.accelerators - need.accelerators,
});

/** The endpoint's instance types by priority: its pools, or its one type. */
export function variantInstanceTypes(variant: FitInput['variant']): string[] {
  const pools = [...(variant.instancePools ?? [])].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0)).map((pool) => pool.instanceType);
  return pools.length > 0 ? pools : variant.instanceType ? [variant.instanceType] : [];
}

/** The running instances' types: per pool when the endpoint reports them, else the first type. */
function runningTypes(variant: FitInput['variant'], types: string[]): string[] {
  const pools = variant.instancePools ?? [];
  if (pools.some((pool) => pool.currentInstanceCount !== undefined)) {
    return types.flatMap((type) => Array.from({ length: pools.find((pool) => pool.instanceType === type)?.currentInstanceCount ?? 0 }, () => type));
  }
  return types.length > 0 ? Array.from({ length: variant.currentInstanceCount ?? 0 }, () => types[0]) : [];
}

/** Places `copies` of `need` first fit on `rooms` (changed in place); returns how many found room. */
function place(rooms: Room[], need: ComputeRequirements, copies: number): number {
  let placed = 0;
  for (let index = 0; index < rooms.length && placed < copies; index++) {
    while (placed < copies && fitsIn(rooms[index], need)) {
      rooms[index] = take(rooms[index], need);
      placed++;
    }
  }
  return placed;
}

/** Copies of `need` an empty instance of this type holds. */
export function copiesOnEmpty(instanceType: string, need: ComputeRequirements): number {
  return place([roomOf(instanceType)], need, 1024);
}

/** What a copy needs that the biggest of `types` lacks: "2 GPUs (ml.g5.2xlarge has 1)". */
function shortfall(types: string[], need: ComputeRequirements): string {
  const type = types[0];
  const room = roomOf(type);
  const parts: string[] = [];
  if (need.accelerators > room.accelerators) parts.push(`${need.accelerators} accelerators per copy (${type} has ${room.accelerators})`);
  if (need.memoryMb > room.memoryMb) parts.push(`${need.memoryMb} MiB per copy (${type} has ${room.memoryMb})`);
  if (need.cpuCores > room.cpuCores) parts.push(`${need.cpuCores} CPU cores per copy (${type} has ${room.cpuCores})`);
  return parts.join(', ');
}

/** Whether the new copies fit on the running instances, need new ones (and whether MaxInstanceCount allows them), or never fit. */
export function checkCopyFit(input: FitInput): CopyFit {
  const types = variantInstanceTypes(input.variant);
  const { compute, copies } = input;
  const fitting = types.filter((type) => copiesOnEmpty(type, compute) > 0);
  if (fitting.length === 0) return { kind: 'neverFits', copies, instanceTypes: types, short: types.length > 0 ? shortfall(types, compute) : 'no instance type' };
  const running = runningTypes(input.variant, types);
  const rooms = running.map(roomOf);
  for (const other of input.others) place(rooms, other.compute, other.copies);
  const onRunning = place(rooms, compute, copies);
  if (onRunning >= copies) return { kind: 'fits', copies, running: running.length, onRunning };
  // A new instance is provisioned as the first type by priority (a fallback only when it has no capacity).
  const instanceType = fitting[0];
  const perInstance = copiesOnEmpty(instanceType, compute);
  const newInstances = Math.ceil((copies - onRunning) / perInstance);
  const scaling = input.variant.managedScaling;
  const maxInstances = scaling?.enabled ? scaling.max ?? running.length : running.length;
  if (running.length + newInstances > maxInstances) {
    return {
      kind: 'overMax',
      copies,
      running: running.length,
      onRunning,
      instancesNeeded: running.length + newInstances,
      maxInstances,
      instanceType,
      mostCopies: onRunning + Math.max(0, maxInstances - running.length) * perInstance,
    };
  }
  const price = hourlyPrice(instanceType, input.priceOverrides);
  return {
    kind: 'newInstances',
    copies,
    running: running.length,
    onRunning,
    newInstances,
    instanceType,
    maxInstances,
    ...(price !== undefined ? { hourlyUsd: Math.round(price * newInstances * 100) / 100 } : {}),
  };
}

/** The most copies of `compute` the endpoint could hold beside the others (running instances' room and, with managed scaling, the instances it may add). */
export function mostCopies(input: Omit<FitInput, 'copies'>): number {
  const fit = checkCopyFit({ ...input, copies: 100_000 });
  if (fit.kind === 'neverFits') return 0;
  return fit.kind === 'overMax' ? fit.mostCopies : fit.copies;
}

const copiesWord = (count: number) => plural(count, { one: '{count} copy', other: '{count} copies' });
const instancesWord = (count: number) => plural(count, { one: '{count} instance', other: '{count} instances' });

/** The fit in one sentence, for the copy count page and the plan. */
export function describeCopyFit(fit: CopyFit): string {
  switch (fit.kind) {
    case 'fits':
      return `${copiesWord(fit.copies)} ${fit.copies === 1 ? 'fits' : 'fit'} on the ${instancesWord(fit.running)} running now, beside the components already there.`;
    case 'newInstances': {
      const rest = fit.copies - fit.onRunning;
      const need = rest === 1 ? 'the copy needs' : `the ${rest} copies need`;
      const where =
        fit.onRunning > 0
          ? `${copiesWord(fit.onRunning)} ${fit.onRunning === 1 ? 'fits' : 'fit'} on the ${instancesWord(fit.running)} running now; ${rest === 1 ? 'the other needs' : `the other ${rest} need`}`
          : fit.running > 0
            ? `No room on the ${instancesWord(fit.running)} running now: ${need}`
            : `No instance runs now: ${need}`;
      const cost = fit.hourlyUsd !== undefined ? `, ≈ ${formatHourlyUsd(fit.hourlyUsd)} more while ${fit.newInstances === 1 ? 'it runs' : 'they run'}` : '';
      return `${where} ${fit.newInstances} new ${fit.instanceType} (managed instance scaling starts ${fit.newInstances === 1 ? 'it' : 'them'}, up to ${fit.maxInstances})${cost}.`;
    }
    case 'overMax':
      return `${copiesWord(fit.copies)} need ${instancesWord(fit.instancesNeeded)} of ${fit.instanceType}, over MaxInstanceCount ${fit.maxInstances}: at most ${copiesWord(fit.mostCopies)} can be placed.`;
    case 'neverFits':
      return `A copy never fits on ${fit.instanceTypes.join(' or ') || 'this endpoint'}: it needs ${fit.short}.`;
  }
}

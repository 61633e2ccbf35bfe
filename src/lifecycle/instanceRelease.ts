import { instanceTypes } from '@s2z/instance-types';
import { type EndpointSnapshot, type InferenceComponentSnapshot, type ScaleInPolicySnapshot, type VariantSnapshot } from '../resources/resourceSnapshots';
import { plural } from '../l10n/plural';

/**
 * Instances of an endpoint that still run (and bill) though managed instance scaling will release
 * them, and about when: after the release delay once an instance has no copy (every strategy), or,
 * with ScaleInPolicy CONSOLIDATION, CooldownInMinutes after the last endpoint operation, MaximumStepSize
 * instances per step. Meanings from the API reference (ProductionVariantManagedInstanceScalingScaleInPolicy);
 * the 10-minute release delay is not published by AWS (docs/emulator.md, "Behaviour not confirmed").
 */
export interface PendingRelease {
  variantName: string;
  instanceType?: string;
  /** Instances expected to go. */
  instances: number;
  /** About when the last of them goes; undefined: not until copies scale in (IDLE_RELEASE never moves copies). */
  by?: Date;
  /** Why, in words, after "because". */
  because: string;
}

export interface InstanceReleaseInput {
  endpoint: EndpointSnapshot;
  /** The inference components on the endpoint. */
  components: readonly InferenceComponentSnapshot[];
  now: Date;
  /** How long after its last copy leaves an instance is released (default 10 minutes, AWS's blog). */
  releaseDelayMinutes?: number;
}

export const defaultReleaseDelayMinutes = 10;
const defaultStepSize = 1;
const defaultCooldownMinutes = 20;

const instanceWord = (count: number) => plural(count, { one: '{count} instance', other: '{count} instances' });

/** The latest of the dates given (undefined when none is known). */
function latest(dates: readonly (Date | undefined)[]): Date | undefined {
  const times = dates.flatMap((date) => (date && Number.isFinite(date.getTime()) ? [date.getTime()] : []));
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}

/** How many instances of the variant's type the copies need, packed first fit, biggest first; undefined when a need is unknown. */
export function instancesNeeded(variant: VariantSnapshot, components: readonly InferenceComponentSnapshot[]): number | undefined {
  const spec = variant.instanceType ? instanceTypes.get(variant.instanceType) : undefined;
  if (!spec) return undefined;
  const copies: { cpus: number; memoryMiB: number; accelerators: number }[] = [];
  for (const ic of components) {
    const count = Math.max(ic.currentCopyCount ?? 0, ic.desiredCopyCount ?? 0);
    if (count === 0) continue;
    if (!ic.compute) return undefined;
    const need = { cpus: ic.compute.cpuCores ?? 0, memoryMiB: ic.compute.memoryMb ?? 0, accelerators: ic.compute.accelerators ?? 0 };
    for (let index = 0; index < count; index++) copies.push(need);
  }
  copies.sort((a, b) => b.accelerators - a.accelerators || b.memoryMiB - a.memoryMiB || b.cpus - a.cpus);
  const free: { cpus: number; memoryMiB: number; accelerators: number }[] = [];
  for (const need of copies) {
    let room = free.find((left) => left.cpus >= need.cpus && left.memoryMiB >= need.memoryMiB && left.accelerators >= need.accelerators);
    if (!room) {
      room = { cpus: spec.vCpus, memoryMiB: spec.memoryMiB, accelerators: spec.accelerators };
      free.push(room);
    }
    room.cpus -= need.cpus;
    room.memoryMiB -= need.memoryMiB;
    room.accelerators -= need.accelerators;
  }
  return free.length;
}

/** The variant's instances that managed instance scaling will still release, if any. */
export function pendingInstanceRelease(input: InstanceReleaseInput): PendingRelease | undefined {
  const { endpoint, now } = input;
  if (endpoint.status !== 'InService') return undefined;
  const variant = endpoint.variants[0];
  const managed = variant?.managedScaling;
  if (!variant || !managed?.enabled) return undefined;
  const running = variant.currentInstanceCount ?? 0;
  const floor = managed.min ?? 0;
  if (running <= floor) return undefined;
  const components = input.components.filter((ic) => (ic.variantName ?? variant.name) === variant.name);
  const delayMs = (input.releaseDelayMinutes ?? defaultReleaseDelayMinutes) * 60_000;
  // The last change of a component (a copy count set) or of the endpoint: when the last copy left, or the last operation.
  const lastChange = latest([endpoint.lastModifiedTime, ...components.map((ic) => ic.lastModifiedTime)]) ?? now;
  const notBefore = (time: number) => new Date(Math.max(time, now.getTime()));
  const base = { variantName: variant.name, instanceType: variant.instanceType };

  const copies = components.reduce((total, ic) => total + Math.max(ic.currentCopyCount ?? 0, ic.desiredCopyCount ?? 0), 0);
  if (copies === 0) {
    return {
      ...base,
      instances: running - floor,
      by: notBefore(lastChange.getTime() + delayMs),
      because: `managed instance scaling releases an instance about ${delayMs / 60_000} minutes after its last copy leaves, and no copy is left`,
    };
  }
  const needed = instancesNeeded(variant, components);
  if (needed === undefined) return undefined;
  const surplus = running - Math.max(needed, floor, 1);
  if (surplus <= 0) return undefined;
  const policy: ScaleInPolicySnapshot | undefined = managed.scaleIn;
  if (policy?.strategy === 'CONSOLIDATION') {
    const step = policy.maximumStepSize ?? defaultStepSize;
    const cooldownMs = (policy.cooldownInMinutes ?? defaultCooldownMinutes) * 60_000;
    const steps = Math.ceil(surplus / step);
    return {
      ...base,
      instances: surplus,
      by: new Date(notBefore(lastChange.getTime() + cooldownMs).getTime() + (steps - 1) * cooldownMs),
      because: `CONSOLIDATION moves the copies onto ${instanceWord(Math.max(needed, floor, 1))} ${cooldownMs / 60_000} minutes after the last endpoint operation, releasing up to ${instanceWord(step)} per step`,
    };
  }
  return {
    ...base,
    instances: surplus,
    by: undefined,
    because: `the copies need ${instanceWord(needed)}, but ${policy?.strategy === 'IDLE_RELEASE' ? 'IDLE_RELEASE' : 'managed instance scaling without a ScaleInPolicy'} releases only an instance with no copy left and never moves copies (CONSOLIDATION would)`,
  };
}

/** "1 instance released by about 14:35, because …", or "2 instances kept until their copies scale in, because …". */
export function describePendingRelease(release: PendingRelease, formatTime: (date: Date) => string): string {
  const what = instanceWord(release.instances);
  return release.by
    ? `${what} released by about ${formatTime(release.by)}, because ${release.because}.`
    : `${what} kept until their copies scale in, because ${release.because}.`;
}

/** The endpoint's scale-in policy in a few words, for its details: "CONSOLIDATION, up to 1 instance per step, 20 minutes after the last operation". */
export function describeScaleIn(policy: ScaleInPolicySnapshot | undefined): string {
  if (!policy) return 'no ScaleInPolicy: an instance is released once it has no copy';
  if (policy.strategy !== 'CONSOLIDATION') return `${policy.strategy}: an instance is released once it has no copy`;
  const step = policy.maximumStepSize ?? defaultStepSize;
  const cooldown = policy.cooldownInMinutes ?? defaultCooldownMinutes;
  return `CONSOLIDATION: copies move onto fewer instances ${cooldown} minutes after the last operation, up to ${instanceWord(step)} released per step`;
}

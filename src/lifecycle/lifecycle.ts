import {
  type AlarmSnapshot,
  type EndpointSnapshot,
  type InferenceComponentSnapshot,
  type ScalingActivitySnapshot,
} from '../resources/resourceSnapshots';
import { copyCountNamedBy, describeActivity, isUnfinished, wakesFromZero } from '../resources/scalingActivityCopyCount';
import { plural } from '../l10n/plural';

/** Where an inference component is in the scale-to-zero cycle, derived from its resources. */
export type LifecycleState =
  | 'warm'
  | 'scalingOut'
  | 'scalingIn'
  | 'draining'
  | 'cold'
  | 'waking'
  | 'failed'
  | 'creating'
  | 'updating'
  | 'deleting';

/** The phases of a wake-up from zero, in the order they happen. */
export const wakingPhases = [
  'requestRejected',
  'alarmInAlarm',
  'scalingActivity',
  'instanceProvisioning',
  'copyStarting',
] as const;
export type WakingPhase = (typeof wakingPhases)[number];

export const wakingPhaseLabels: Record<WakingPhase, string> = {
  requestRejected: 'request rejected',
  alarmInAlarm: 'wake alarm in ALARM',
  scalingActivity: 'scaling activity',
  instanceProvisioning: 'instance provisioning',
  copyStarting: 'copy starting',
};

export const lifecycleLabels: Record<LifecycleState, string> = {
  warm: 'Warm',
  scalingOut: 'Scaling out',
  scalingIn: 'Scaling in',
  draining: 'Draining',
  cold: 'Cold',
  waking: 'Waking',
  failed: 'Failed',
  creating: 'Creating',
  updating: 'Updating',
  deleting: 'Deleting',
};

export interface Lifecycle {
  state: LifecycleState;
  phase?: WakingPhase;
  /** Short, for a tree row: "Waking · instance provisioning". */
  label: string;
  /** One sentence for a tooltip. */
  detail: string;
  /** True while something is changing: the explorer polls such resources faster. */
  inTransition: boolean;
}

export interface LifecycleInput {
  ic: InferenceComponentSnapshot;
  endpoint?: EndpointSnapshot;
  /** The NoCapacityInvocationFailures alarm that wakes this IC, if any. */
  wakeAlarm?: AlarmSnapshot;
  /** This IC's scaling activities, newest first. */
  activities?: ScalingActivitySnapshot[];
  /** When a request to this IC was last refused for lack of capacity (known to the playground). */
  lastRejectedAt?: Date;
  now: Date;
}

/** A request refused this recently, with nothing else moving yet, counts as the first phase of a wake. */
const rejectionWindowMs = 5 * 60_000;

function make(state: LifecycleState, detail: string, phase?: WakingPhase): Lifecycle {
  const label = phase ? `${lifecycleLabels[state]} · ${wakingPhaseLabels[phase]}` : lifecycleLabels[state];
  const inTransition = !['warm', 'cold', 'failed'].includes(state);
  return { state, phase, label, detail, inTransition };
}

function variantOf(input: LifecycleInput) {
  const variants = input.endpoint?.variants ?? [];
  return variants.find((variant) => variant.name === input.ic.variantName) ?? variants[0];
}

const copies = (n: number) => plural(n, { one: '{count} copy', other: '{count} copies' });

/**
 * An unfinished scaling activity that is raising the copy count of this component (at 0 copies, none
 * wanted). The count its text names decides; without one, it counts when it started after a request
 * was recently refused for lack of capacity or when its cause names the wake alarm, and otherwise the
 * state falls back to what the alarm, a refused request and the instance counts say.
 */
function wakingActivity(input: LifecycleInput): ScalingActivitySnapshot | undefined {
  const rejectedAt = input.lastRejectedAt;
  const recent = rejectedAt !== undefined && input.now.getTime() - rejectedAt.getTime() < rejectionWindowMs;
  const evidence = { zeroSince: recent ? rejectedAt : undefined, wakeAlarmName: input.wakeAlarm?.name };
  return input.activities?.find((activity) => isUnfinished(activity) && wakesFromZero(activity, evidence));
}

/**
 * The newest scaling activity, when it failed while asking for the copy count still wanted (a wake that
 * found no capacity or a full quota): the component is not waking any more, whatever the counts say.
 */
function failedScaleOut(input: LifecycleInput, desired: number): ScalingActivitySnapshot | undefined {
  const newest = input.activities?.[0];
  if (!newest || newest.status !== 'Failed') return undefined;
  const asked = copyCountNamedBy(newest);
  return asked === undefined || asked === desired ? newest : undefined;
}

export function deriveLifecycle(input: LifecycleInput): Lifecycle {
  const { ic } = input;
  if (ic.status === 'Deleting') return make('deleting', 'The inference component is being deleted.');
  if (ic.status === 'Failed') {
    return make('failed', ic.failureReason ? `Failed: ${ic.failureReason}` : 'Failed, and SageMaker gave no reason.');
  }
  const current = ic.currentCopyCount ?? 0;
  const desired = ic.desiredCopyCount ?? current;
  const variant = variantOf(input);
  const instances = variant?.currentInstanceCount ?? 0;
  const desiredInstances = variant?.desiredInstanceCount ?? instances;

  if (ic.status === 'Creating') {
    return make('creating', `Being created with ${copies(desired)}; it bills from the first instance.`);
  }
  if (desired > current) {
    const failed = failedScaleOut(input, desired);
    if (failed) {
      return make('failed', `The wake to ${copies(desired)} failed: ${failed.statusMessage ?? 'Application Auto Scaling gave no reason.'}`);
    }
    if (current === 0) {
      const provisioning = instances === 0 || desiredInstances > instances;
      return provisioning
        ? make('waking', `Waking to ${copies(desired)}: an instance is being provisioned.`, 'instanceProvisioning')
        : make('waking', `Waking to ${copies(desired)}: the model copy is starting on a running instance.`, 'copyStarting');
    }
    return make('scalingOut', `Scaling out from ${copies(current)} to ${copies(desired)}.`);
  }
  if (desired < current) {
    return make('scalingIn', `Scaling in from ${copies(current)} to ${copies(desired)}.`);
  }
  if (current > 0) {
    return ic.status === 'Updating'
      ? make('updating', ic.lastDeployment ? `Rolling update to a new model, batch by batch; ${copies(current)} serving.` : `Being updated; ${copies(current)} serving.`)
      : make('warm', `${copies(current)} in service.`);
  }

  // No copy, none wanted: asleep, unless a wake-up has begun and not yet raised the desired count.
  const activity = wakingActivity(input);
  if (activity) return make('waking', describeActivity(activity), 'scalingActivity');
  if (input.wakeAlarm?.state === 'ALARM') {
    return make('waking', `The wake alarm ${input.wakeAlarm.name} is in ALARM; its step policy adds a copy.`, 'alarmInAlarm');
  }
  const rejectedAt = input.lastRejectedAt?.getTime();
  if (rejectedAt !== undefined && input.now.getTime() - rejectedAt < rejectionWindowMs) {
    return make('waking', 'A request was refused for lack of capacity; the wake alarm should fire within about a minute.', 'requestRejected');
  }
  if (instances > 0) {
    return make('draining', plural(instances, { one: 'No copies, but {count} instance still runs until managed instance scaling releases it.', other: 'No copies, but {count} instances still run until managed instance scaling releases them.' }));
  }
  return make('cold', 'No copies and no instances: nothing bills. The next request wakes it (if a wake alarm is set up).');
}

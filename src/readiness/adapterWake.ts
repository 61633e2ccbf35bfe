import { type InferenceComponentScaling, type InferenceComponentSnapshot } from '../resources/resourceSnapshots';
import { findIdleTimeout } from '../resources/idleTimeout';

/*
 * An adapter (Specification.BaseInferenceComponentName) runs on its base's copies: when the base
 * scales to 0, a request to the adapter is refused for lack of capacity. AWS does not document under
 * which name SageMaker then publishes NoCapacityInvocationFailures. The extension assumes the
 * adapter's own name (what public reports describe: "each adapter needs its own wake path"), so each
 * adapter gets an alarm on its own metric aimed at the base's step policy; the base's own wake alarm
 * covers the other answer, as it fires if the refusal is counted under the base's name.
 */

export const adapterAssumption =
  "AWS does not document under which name a refused request to an adapter is counted; the extension assumes the adapter's own (NoCapacityInvocationFailures with InferenceComponentName = the adapter), and the base's own wake alarm covers the other case.";

export const adapterWakeTitle = 'A request to the adapter wakes its base';

export interface AdapterWakeInput {
  adapter: InferenceComponentSnapshot;
  /** The adapter's own alarms (those on its InferenceComponentName). */
  scaling: InferenceComponentScaling;
  /** The base's scaling resources, when the base is known. */
  base?: { ic: InferenceComponentSnapshot; scaling: InferenceComponentScaling };
}

/** The wake path of an adapter: an alarm on its own NoCapacityInvocationFailures that triggers a step policy of its base adding a copy. */
export function adapterWakeAlarm(adapterName: string, adapterScaling: InferenceComponentScaling, baseScaling: InferenceComponentScaling) {
  const stepArns = new Set(
    baseScaling.policies.filter((policy) => policy.type === 'StepScaling' && (policy.stepAdjustments ?? []).some((step) => step.adjustment > 0)).map((policy) => policy.arn),
  );
  return adapterScaling.alarms.find(
    (alarm) =>
      alarm.metricName === 'NoCapacityInvocationFailures' &&
      alarm.dimensions['InferenceComponentName'] === adapterName &&
      alarm.actionsEnabled &&
      alarm.alarmActions.some((action) => stepArns.has(action)),
  );
}

/** Whether the base is set up to sleep: a scalable target with minimum 0 (then it can have 0 copies). */
export function baseSleeps(baseScaling: InferenceComponentScaling): boolean {
  return baseScaling.target?.minCapacity === 0;
}

/** What the adapter's one readiness check says (readiness.ts makes it a check): whether a request to it while its base sleeps wakes the base. */
export interface AdapterWakeFinding {
  status: 'pass' | 'warn' | 'fail';
  reason: string;
  fix?: string;
}

export function adapterWakeFinding({ adapter, scaling, base }: AdapterWakeInput): AdapterWakeFinding {
  const baseName = adapter.baseComponentName ?? '?';
  if (!base) return { status: 'warn', reason: `Its base ${baseName} was not read: whether a request to ${adapter.name} wakes it is not known.` };
  if (!baseSleeps(base.scaling)) return { status: 'pass', reason: `${baseName} does not scale to 0 copies, so ${adapter.name} is always served.` };
  const alarm = adapterWakeAlarm(adapter.name, scaling, base.scaling);
  const idle = findIdleTimeout(baseName, base.scaling);
  const countsAdapter = (idle?.alarm.metrics ?? []).some((query) => query.metricName === 'Invocations' && query.dimensions?.['InferenceComponentName'] === adapter.name);
  if (alarm && idle?.policy && !countsAdapter) {
    return {
      status: 'warn',
      reason: `${alarm.name} wakes ${baseName} on a request to ${adapter.name}, but the idle alarm ${idle.alarm.name} of ${baseName} does not count requests to ${adapter.name}: with only ${adapter.name}'s traffic, ${baseName} sleeps after ${idle.minutes} minutes anyway, and can be put back to sleep right after a wake. ${adapterAssumption}`,
      fix: `Run "Enable Scale to Zero" on ${baseName} and rewrite its setup: the idle alarm then counts the requests of its adapters.`,
    };
  }
  if (alarm) return { status: 'pass', reason: `${alarm.name} wakes ${baseName} on a request to ${adapter.name}. ${adapterAssumption}` };
  return {
    status: 'fail',
    reason: `A request to ${adapter.name} while ${baseName} sleeps fails and nothing wakes ${baseName}: no alarm on ${adapter.name}'s NoCapacityInvocationFailures triggers a step policy of ${baseName}. ${adapterAssumption}`,
    fix: `Run "Enable Scale to Zero" on ${baseName}: it adds a wake alarm for each of its adapters.`,
  };
}

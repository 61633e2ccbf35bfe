import { copyCountDimension, inferenceComponentResourceId, type InferenceComponentScaling, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { findIdleTimeout } from '../../resources/idleTimeout';
import { type Plan, type PlanStep } from '../plans/plan';
import { idleTimeoutNote } from './idleTimeoutPlan';
import { scaleToZeroSteps } from './scaleToZeroPlan';
import { type ScaleInMetric } from './scaleSettings';
import { assessSetup } from './setupAssessment';

/*
 * "Set Idle Timeout…" on a component's row: set, change or turn off "sleep after N idle minutes" on
 * a component that already has a scalable target and a target-tracking policy. Set or change writes
 * the idle alarm (and the set-to-zero policy when missing) and turns target tracking's scale-in off;
 * off deletes the idle alarm and policy and gives target tracking its scale-in back.
 */

export type IdleTimeoutChange = 'set' | 'change' | 'off';

export interface SetIdleTimeoutInput {
  ic: InferenceComponentSnapshot;
  scaling: InferenceComponentScaling;
  /** The new idle minutes; undefined turns the idle timeout off. */
  minutes: number | undefined;
  /** The hourly price of the component's instance type, for the cost per sleep. */
  hourlyUsd?: number;
  /** The component's adapters: the idle alarm counts their requests too. */
  adapters?: readonly string[];
}

const knownMetrics: readonly string[] = [
  'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
  'SageMakerInferenceComponentInvocationsPerCopy',
] satisfies readonly ScaleInMetric[];

/** Why the idle timeout cannot be set from the row on this component (then the enable wizard can), or undefined. */
export function idleTimeoutBlocker(icName: string, scaling: InferenceComponentScaling): string | undefined {
  const tracking = scaling.policies.find((policy) => policy.type === 'TargetTrackingScaling');
  if (!scaling.target || !tracking) {
    return `${icName} has no ${scaling.target ? 'target-tracking policy' : 'scalable target'} yet: run "Enable Scale to Zero", which asks the idle minutes with the rest of the setup.`;
  }
  if (!knownMetrics.includes(tracking.metric ?? '')) {
    return `The target-tracking policy ${tracking.name} of ${icName} tracks ${tracking.metric ?? 'a custom metric'}, which this command would have to rewrite: run "Enable Scale to Zero" to choose its metric and the idle minutes together.`;
  }
  return undefined;
}

/** What the plan does: set a first idle timeout, change the existing one, or turn it off. */
export function idleTimeoutChange(icName: string, scaling: InferenceComponentScaling, minutes: number | undefined): IdleTimeoutChange {
  if (minutes === undefined) return 'off';
  return findIdleTimeout(icName, scaling) ? 'change' : 'set';
}

/** The plan of "Set Idle Timeout…": throws when idleTimeoutBlocker names a reason. */
export function buildSetIdleTimeoutPlan(input: SetIdleTimeoutInput): Plan {
  const { ic, scaling, minutes } = input;
  const blocker = idleTimeoutBlocker(ic.name, scaling);
  if (blocker) throw new Error(blocker);
  const assessment = assessSetup(ic, scaling);
  const idle = findIdleTimeout(ic.name, scaling);
  const tracking = scaling.policies.find((policy) => policy.type === 'TargetTrackingScaling')!;
  const change = idleTimeoutChange(ic.name, scaling, minutes);
  const settings = { ...assessment.settings, idleMinutes: minutes };
  if (minutes === undefined) {
    const steps: PlanStep[] = [
      // Scale-in back first, so that copies can still go to 0 once the idle alarm is gone.
      ...(tracking.disableScaleIn ? scaleToZeroSteps({ inferenceComponentName: ic.name, settings, parts: { targetTracking: 'update' }, names: assessment.names }) : []),
      ...(idle ? [deleteAlarmStep(idle.alarm.name)] : []),
      ...(idle?.policy ? [deletePolicyStep(ic.name, idle.policy.name)] : []),
    ];
    return {
      title: `Turn off the idle timeout of ${ic.name}`,
      steps,
      notes: ['Target tracking scales copies in again, to 0 after about 15 low minutes (its own alarm), instead of the idle timeout.'],
    };
  }
  const steps = scaleToZeroSteps({
    inferenceComponentName: ic.name,
    settings,
    // Target tracking only loses its scale-in; its metric, target and cooldowns are written as they are.
    parts: tracking.disableScaleIn ? {} : { targetTracking: 'update' },
    names: assessment.names,
    idleParts: { ...(idle?.policy ? {} : { idlePolicy: 'create' as const }), idleAlarm: idle ? 'update' : 'create' },
    ...(idle?.policy ? { existingIdlePolicyArn: idle.policy.arn } : {}),
    idleNames: assessment.idle.names,
    ...(input.adapters?.length ? { adapters: input.adapters } : {}),
  });
  const verb = change === 'set' ? 'Set' : 'Change';
  return {
    title: `${verb} the idle timeout of ${ic.name} to ${minutes} minute${minutes === 1 ? '' : 's'}`,
    steps,
    notes: [idleTimeoutNote(minutes, input.hourlyUsd)],
  };
}

function deleteAlarmStep(name: string): PlanStep {
  return {
    id: 'deleteIdleAlarm',
    service: 'cloudwatch',
    operation: 'DeleteAlarms',
    input: { AlarmNames: [name] },
    description: `Delete the idle alarm ${name}`,
    modifiesExisting: true,
  };
}

function deletePolicyStep(icName: string, policyName: string): PlanStep {
  return {
    id: 'deleteIdleScaleInPolicy',
    service: 'application-auto-scaling',
    operation: 'DeleteScalingPolicy',
    input: { PolicyName: policyName, ServiceNamespace: 'sagemaker', ResourceId: inferenceComponentResourceId(icName), ScalableDimension: copyCountDimension },
    description: `Delete the step policy ${policyName} that set 0 copies`,
    modifiesExisting: true,
  };
}

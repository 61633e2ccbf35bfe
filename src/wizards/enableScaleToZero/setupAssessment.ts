import { checkComponent, findWakeAlarm, type ReadinessCheck } from '../../readiness/readiness';
import { type InferenceComponentScaling, type InferenceComponentSnapshot, type ScalingPolicySnapshot } from '../../resources/resourceSnapshots';
import { defaultPartNames, type PartAction, type ScalePart } from './scaleToZeroPlan';
import { defaultScaleSettings, type ScaleInMetric, type ScaleSettings } from './scaleSettings';
import { findIdleTimeout } from '../../resources/idleTimeout';
import { defaultIdleNames } from './idleTimeoutPlan';

/** One part the readiness check fails, and how the wizard repairs it. */
export interface Repair {
  part: ScalePart;
  action: PartAction;
  label: string;
  /** The failing checks' reasons. */
  reasons: string[];
}

/** What an inference component's existing scaling setup is, and what it lacks. */
export interface SetupAssessment {
  /** No scalable target, policy or wake alarm yet: everything is created. */
  fresh: boolean;
  checks: ReadinessCheck[];
  repairs: Repair[];
  /** Names to reuse, so a repair writes over the wrong resource instead of adding a second one. */
  names: { targetTracking: string; stepPolicy: string; alarm: string };
  existingStepPolicyArn?: string;
  /** The idle timeout's parts that exist (rewritten in place when the plan sets an idle timeout), and their names. */
  idle: { names: { idlePolicy: string; idleAlarm: string }; policyExists: boolean; alarmExists: boolean; policyArn?: string };
  /** Defaults for the settings pages, from the existing setup. */
  settings: ScaleSettings;
}

const partOfCheck: Record<string, ScalePart | undefined> = {
  scalableTarget: 'target',
  scaleInPolicy: 'targetTracking',
  stepPolicy: 'stepPolicy',
  wakeAlarm: 'wakeAlarm',
  wakeAlarmEnabled: 'wakeAlarm',
  wakeOnSingleRequest: 'wakeAlarm',
};

const partLabels: Record<ScalePart, Record<PartAction, string>> = {
  target: { create: 'Register the scalable target with MinCapacity 0', update: 'Set the scalable target\'s MinCapacity to 0' },
  targetTracking: { create: 'Add a target-tracking policy that scales copies in to 0', update: 'Rewrite the target-tracking policy so it scales in' },
  stepPolicy: { create: 'Add the step policy that adds a copy from zero', update: 'Rewrite the step policy' },
  wakeAlarm: {
    create: 'Add the NoCapacity alarm that wakes on a single request',
    update: 'Replace the wake alarm\'s settings with the single-request ones (its other actions stay)',
  },
  idleAlarm: {
    create: 'Add the idle alarm that counts served and refused requests',
    update: 'Replace the idle alarm with one that also counts refused requests, so it cannot undo a wake',
  },
};

function isStepOut(policy: ScalingPolicySnapshot): boolean {
  return policy.type === 'StepScaling' && (policy.stepAdjustments ?? []).some((step) => step.adjustment > 0);
}

export function assessSetup(ic: InferenceComponentSnapshot, scaling: InferenceComponentScaling): SetupAssessment {
  const readiness = checkComponent({ ic, scaling });
  const wakeAlarm = findWakeAlarm(ic.name, scaling);
  const stepPolicy = scaling.policies.find(isStepOut);
  const tracking = scaling.policies.find((policy) => policy.type === 'TargetTrackingScaling');
  const defaults = defaultPartNames(ic.name);
  const idle = findIdleTimeout(ic.name, scaling);
  const idleDefaults = defaultIdleNames(ic.name);
  const names = {
    targetTracking: tracking?.name ?? defaults.targetTracking,
    stepPolicy: stepPolicy?.name ?? defaults.stepPolicy,
    alarm: wakeAlarm?.name ?? defaults.alarm,
  };
  const exists: Record<ScalePart, boolean> = {
    target: !!scaling.target,
    targetTracking: !!tracking,
    stepPolicy: !!stepPolicy,
    wakeAlarm: !!wakeAlarm,
    idleAlarm: !!idle,
  };
  const failing = new Map<ScalePart, string[]>();
  for (const check of readiness.checks) {
    const part = partOfCheck[check.id];
    if (!part || check.status !== 'fail') continue;
    failing.set(part, [...(failing.get(part) ?? []), check.reason]);
  }
  const repairs: Repair[] = [...failing].map(([part, reasons]) => {
    const action: PartAction = exists[part] ? 'update' : 'create';
    return { part, action, label: partLabels[part][action], reasons };
  });
  // An idle alarm on Invocations alone can set 0 copies right after a wake: rewrite it in place.
  if (idle && idle.policy && !idle.countsRefusedRequests) {
    const reason = readiness.checks.find((check) => check.id === 'idleTimeout' && check.status !== 'pass')?.reason;
    repairs.push({ part: 'idleAlarm', action: 'update', label: partLabels.idleAlarm.update, reasons: reason ? [reason] : [] });
  }
  const order: ScalePart[] = ['target', 'targetTracking', 'stepPolicy', 'wakeAlarm', 'idleAlarm'];
  repairs.sort((a, b) => order.indexOf(a.part) - order.indexOf(b.part));
  const metric = tracking?.metric as ScaleInMetric | undefined;
  return {
    fresh: !exists.target && !exists.targetTracking && !exists.stepPolicy && !exists.wakeAlarm,
    checks: readiness.checks,
    repairs,
    names,
    existingStepPolicyArn: stepPolicy?.arn,
    idle: {
      names: { idlePolicy: idle?.policy?.name ?? idleDefaults.idlePolicy, idleAlarm: idle?.alarm.name ?? idleDefaults.idleAlarm },
      policyExists: !!idle?.policy,
      alarmExists: !!idle,
      ...(idle?.policy ? { policyArn: idle.policy.arn } : {}),
    },
    settings: {
      maxCapacity: scaling.target?.maxCapacity ?? defaultScaleSettings.maxCapacity,
      metric:
        metric === 'SageMakerInferenceComponentInvocationsPerCopy' || metric === 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution'
          ? metric
          : defaultScaleSettings.metric,
      targetValue: tracking?.targetValue ?? defaultScaleSettings.targetValue,
      scaleInCooldown: tracking?.scaleInCooldown ?? defaultScaleSettings.scaleInCooldown,
      scaleOutCooldown: tracking?.scaleOutCooldown ?? defaultScaleSettings.scaleOutCooldown,
      ...(idle ? { idleMinutes: idle.minutes } : {}),
    },
  };
}

/** Every part, as a rewrite of what exists and a creation of what does not (for "reconfigure anyway"). */
export function allPartsAsRepairs(assessment: SetupAssessment, scaling: InferenceComponentScaling): Repair[] {
  const exists: Record<ScalePart, boolean> = {
    target: !!scaling.target,
    targetTracking: scaling.policies.some((policy) => policy.type === 'TargetTrackingScaling'),
    stepPolicy: !!assessment.existingStepPolicyArn,
    wakeAlarm: assessment.checks.some((check) => check.id === 'wakeOnSingleRequest'),
    idleAlarm: assessment.idle.alarmExists,
  };
  return (['target', 'targetTracking', 'stepPolicy', 'wakeAlarm'] as const).map((part) => {
    const action: PartAction = exists[part] ? 'update' : 'create';
    return { part, action, label: partLabels[part][action], reasons: [] };
  });
}

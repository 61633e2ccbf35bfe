import { copyCountDimension, inferenceComponentResourceId } from '../../resources/resourceSnapshots';
import { type PlanStep, type PlanValue } from '../plans/plan';
import { outputRef } from '../framework/planRefs';
import { type ScaleSettings } from './scaleSettings';
import { idleTimeoutSteps, type IdlePart, type IdlePartAction } from './idleTimeoutPlan';

/**
 * The four parts of a scale-to-zero setup: each is created, rewritten in place, or left alone; and
 * `idleAlarm`, an existing idle timeout's alarm rewritten in place (a repair only: an alarm on
 * Invocations alone can undo a wake).
 */
export type ScalePart = 'target' | 'targetTracking' | 'stepPolicy' | 'wakeAlarm' | 'idleAlarm';
export const allScaleParts: readonly ScalePart[] = ['target', 'targetTracking', 'stepPolicy', 'wakeAlarm'];

export type PartAction = 'create' | 'update';

export interface ScaleToZeroPlanInput {
  inferenceComponentName: string;
  settings: ScaleSettings;
  parts: Partial<Record<ScalePart, PartAction>>;
  /** The step policy the alarm triggers when the plan does not write one. */
  existingStepPolicyArn?: string;
  names?: { targetTracking?: string; stepPolicy?: string; alarm?: string };
  /** The wake alarm's Period: 10 when the endpoint publishes invocation metrics every 10 s, else 30 (the AWS blog's). */
  wakeAlarmPeriod?: 10 | 30;
  /** The idle timeout's parts (when `settings.idleMinutes` is set): created, or rewritten in place. */
  idleParts?: Partial<Record<IdlePart, IdlePartAction>>;
  existingIdlePolicyArn?: string;
  idleNames?: { idlePolicy?: string; idleAlarm?: string };
  /** The component's adapters, whose requests the idle alarm counts too. */
  adapters?: readonly string[];
}

export const stepIds = {
  target: 'registerScalableTarget',
  targetTracking: 'putTargetTrackingPolicy',
  stepPolicy: 'putStepScalingPolicy',
  wakeAlarm: 'putWakeAlarm',
} as const;

export function defaultPartNames(icName: string): { targetTracking: string; stepPolicy: string; alarm: string } {
  return {
    targetTracking: `${icName}-target-tracking`,
    stepPolicy: `${icName}-step-scale-out-from-zero`,
    alarm: `${icName}-no-capacity-wake`,
  };
}

/**
 * Application Auto Scaling and CloudWatch calls of the blog's setup: the scalable target (min 0), the
 * target-tracking policy that scales in to 0, the step policy that adds a copy from 0, and the
 * NoCapacityInvocationFailures alarm that fires on one refused request and triggers the step policy.
 */
export function scaleToZeroSteps(input: ScaleToZeroPlanInput): PlanStep[] {
  const ic = input.inferenceComponentName;
  const part: PartContext = {
    ic,
    names: { ...defaultPartNames(ic), ...input.names },
    target: { ServiceNamespace: 'sagemaker', ResourceId: inferenceComponentResourceId(ic), ScalableDimension: copyCountDimension },
    settings: input.settings,
  };
  const { parts } = input;
  const steps: PlanStep[] = [];
  if (parts.target) steps.push(scalableTargetStep(part, parts.target));
  if (parts.targetTracking) steps.push(targetTrackingStep(part, parts.targetTracking));
  if (parts.stepPolicy) steps.push(stepPolicyStep(part, parts.stepPolicy));
  if (parts.wakeAlarm) {
    const action: PlanValue | undefined = parts.stepPolicy ? outputRef('stepPolicyArn') : input.existingStepPolicyArn;
    if (action === undefined) throw new Error(`The wake alarm of ${ic} needs a step policy to trigger.`);
    steps.push(wakeAlarmStep(part, parts.wakeAlarm, action, input.wakeAlarmPeriod ?? 30));
  }
  if (input.settings.idleMinutes !== undefined && input.idleParts) {
    steps.push(
      ...idleTimeoutSteps({
        inferenceComponentName: ic,
        minutes: input.settings.idleMinutes,
        parts: input.idleParts,
        existingPolicyArn: input.existingIdlePolicyArn,
        names: input.idleNames,
        ...(input.adapters?.length ? { adapters: input.adapters } : {}),
      }),
    );
  }
  return steps;
}

/** What every part's step is built from: the inference component, the parts' names, its scalable target's keys, the settings. */
interface PartContext {
  ic: string;
  names: { targetTracking: string; stepPolicy: string; alarm: string };
  target: { ServiceNamespace: string; ResourceId: string; ScalableDimension: string };
  settings: ScaleSettings;
}

const modifiesFlag = (action: PartAction) => (action === 'update' ? { modifiesExisting: true } : {});

function scalableTargetStep({ ic, target, settings }: PartContext, action: PartAction): PlanStep {
  return {
    id: stepIds.target,
    service: 'application-auto-scaling',
    operation: 'RegisterScalableTarget',
    input: { ...target, MinCapacity: 0, MaxCapacity: settings.maxCapacity },
    description:
      action === 'update'
        ? `Set the scalable target of ${ic} to MinCapacity 0, MaxCapacity ${settings.maxCapacity}`
        : `Register ${ic}'s copy count with Application Auto Scaling (0–${settings.maxCapacity} copies)`,
    ...(action === 'create' ? { creates: { kind: 'scalableTarget', resourceId: target.ResourceId, scalableDimension: copyCountDimension } } : {}),
    ...modifiesFlag(action),
  };
}

/** The policy that scales copies in to 0 when idle. */
function targetTrackingStep({ names, target, settings }: PartContext, action: PartAction): PlanStep {
  return {
    id: stepIds.targetTracking,
    service: 'application-auto-scaling',
    operation: 'PutScalingPolicy',
    input: {
      PolicyName: names.targetTracking,
      ...target,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: settings.metric },
        TargetValue: settings.targetValue,
        ScaleInCooldown: settings.scaleInCooldown,
        ScaleOutCooldown: settings.scaleOutCooldown,
        // With an idle timeout, only the idle alarm's step policy sends the copies to 0.
        ...(settings.idleMinutes !== undefined ? { DisableScaleIn: true } : {}),
      },
    },
    description:
      settings.idleMinutes !== undefined
        ? `Target tracking ${names.targetTracking}: ${settings.targetValue} on ${settings.metric}, scales out only (DisableScaleIn: the idle timeout scales in)`
        : `Target tracking ${names.targetTracking}: ${settings.targetValue} on ${settings.metric}, scales in to 0 when idle`,
    ...(action === 'create'
      ? { creates: { kind: 'scalingPolicy', policyName: names.targetTracking, resourceId: target.ResourceId, scalableDimension: copyCountDimension } }
      : {}),
    ...modifiesFlag(action),
  };
}

/** The policy that adds the first copy from 0 (target tracking never does). */
function stepPolicyStep({ names, target }: PartContext, action: PartAction): PlanStep {
  return {
    id: stepIds.stepPolicy,
    service: 'application-auto-scaling',
    operation: 'PutScalingPolicy',
    input: {
      PolicyName: names.stepPolicy,
      ...target,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        MetricAggregationType: 'Maximum',
        Cooldown: 60,
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    },
    description: `Step policy ${names.stepPolicy}: add 1 copy when the wake alarm fires (target tracking never scales out from 0)`,
    outputs: { stepPolicyArn: 'PolicyARN' },
    ...(action === 'create'
      ? { creates: { kind: 'scalingPolicy', policyName: names.stepPolicy, resourceId: target.ResourceId, scalableDimension: copyCountDimension } }
      : {}),
    ...modifiesFlag(action),
  };
}

/** The NoCapacityInvocationFailures alarm that fires on one refused request and triggers `stepPolicyArn`. */
function wakeAlarmStep({ ic, names }: PartContext, action: PartAction, stepPolicyArn: PlanValue, period: 10 | 30): PlanStep {
  return {
    id: stepIds.wakeAlarm,
    service: 'cloudwatch',
    operation: 'PutMetricAlarm',
    input: {
      AlarmName: names.alarm,
      AlarmDescription: `Wakes ${ic} from zero copies on a single refused request (NoCapacityInvocationFailures).`,
      ActionsEnabled: true,
      AlarmActions: [stepPolicyArn],
      Namespace: 'AWS/SageMaker',
      MetricName: 'NoCapacityInvocationFailures',
      Dimensions: [{ Name: 'InferenceComponentName', Value: ic }],
      Statistic: 'Maximum',
      Period: period,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'missing',
    },
    description:
      action === 'update'
        ? `Replace alarm ${names.alarm}'s settings with the single-request ones (Maximum over ${period} s, >= 1, 1 of 1) aimed at the step policy; its other actions stay`
        : `Alarm ${names.alarm}: one refused request (Maximum over ${period} s, >= 1, 1 of 1) triggers the step policy`,
    ...(action === 'create' ? { creates: { kind: 'alarm', name: names.alarm } } : {}),
    ...modifiesFlag(action),
  };
}

export const scaleToZeroNotes = [
  'Idle copies scale in to 0 after about 15 minutes; instances are released about 10 minutes later.',
  'A request at zero copies fails at once (HTTP 400, no capacity) and wakes the endpoint in about 5–6 minutes: clients must retry.',
];

/** The notes of a setup, with the idle timeout's minutes instead of target tracking's ≈15 when one is set. */
export function scaleToZeroNotesFor(idleMinutes: number | undefined): string[] {
  if (idleMinutes === undefined) return scaleToZeroNotes;
  return [`Idle copies go to 0 after ${idleMinutes} idle minute${idleMinutes === 1 ? '' : 's'} (the idle timeout); instances are released about 10 minutes later.`, scaleToZeroNotes[1]];
}

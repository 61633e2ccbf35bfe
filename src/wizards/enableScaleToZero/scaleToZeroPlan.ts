import { copyCountDimension, inferenceComponentResourceId } from '../../resources/resourceSnapshots';
import { type PlanStep, type PlanValue } from '../plans/plan';
import { outputRef } from '../framework/planRefs';
import { type ScaleSettings } from './scaleSettings';

/** The four parts of a scale-to-zero setup: each is created, rewritten in place, or left alone. */
export type ScalePart = 'target' | 'targetTracking' | 'stepPolicy' | 'wakeAlarm';
export const allScaleParts: readonly ScalePart[] = ['target', 'targetTracking', 'stepPolicy', 'wakeAlarm'];

export type PartAction = 'create' | 'update';

export interface ScaleToZeroPlanInput {
  inferenceComponentName: string;
  settings: ScaleSettings;
  parts: Partial<Record<ScalePart, PartAction>>;
  /** The step policy the alarm triggers when the plan does not write one. */
  existingStepPolicyArn?: string;
  names?: { targetTracking?: string; stepPolicy?: string; alarm?: string };
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
  const names = { ...defaultPartNames(ic), ...input.names };
  const target = {
    ServiceNamespace: 'sagemaker',
    ResourceId: inferenceComponentResourceId(ic),
    ScalableDimension: copyCountDimension,
  };
  const steps: PlanStep[] = [];
  const flag = (action: PartAction) => (action === 'update' ? { modifiesExisting: true } : {});
  const { parts, settings } = input;

  if (parts.target) {
    steps.push({
      id: stepIds.target,
      service: 'application-auto-scaling',
      operation: 'RegisterScalableTarget',
      input: { ...target, MinCapacity: 0, MaxCapacity: settings.maxCapacity },
      description:
        parts.target === 'update'
          ? `Set the scalable target of ${ic} to MinCapacity 0, MaxCapacity ${settings.maxCapacity}`
          : `Register ${ic}'s copy count with Application Auto Scaling (0–${settings.maxCapacity} copies)`,
      ...(parts.target === 'create' ? { creates: { kind: 'scalableTarget', resourceId: target.ResourceId, scalableDimension: copyCountDimension } } : {}),
      ...flag(parts.target),
    });
  }
  if (parts.targetTracking) {
    steps.push({
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
        },
      },
      description: `Target tracking ${names.targetTracking}: ${settings.targetValue} on ${settings.metric}, scales in to 0 when idle`,
      ...(parts.targetTracking === 'create'
        ? { creates: { kind: 'scalingPolicy', policyName: names.targetTracking, resourceId: target.ResourceId, scalableDimension: copyCountDimension } }
        : {}),
      ...flag(parts.targetTracking),
    });
  }
  if (parts.stepPolicy) {
    steps.push({
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
      ...(parts.stepPolicy === 'create'
        ? { creates: { kind: 'scalingPolicy', policyName: names.stepPolicy, resourceId: target.ResourceId, scalableDimension: copyCountDimension } }
        : {}),
      ...flag(parts.stepPolicy),
    });
  }
  if (parts.wakeAlarm) {
    const action: PlanValue | undefined = parts.stepPolicy ? outputRef('stepPolicyArn') : input.existingStepPolicyArn;
    if (action === undefined) throw new Error(`The wake alarm of ${ic} needs a step policy to trigger.`);
    steps.push({
      id: stepIds.wakeAlarm,
      service: 'cloudwatch',
      operation: 'PutMetricAlarm',
      input: {
        AlarmName: names.alarm,
        AlarmDescription: `Wakes ${ic} from zero copies on a single refused request (NoCapacityInvocationFailures).`,
        ActionsEnabled: true,
        AlarmActions: [action],
        Namespace: 'AWS/SageMaker',
        MetricName: 'NoCapacityInvocationFailures',
        Dimensions: [{ Name: 'InferenceComponentName', Value: ic }],
        Statistic: 'Maximum',
        Period: 30,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'missing',
      },
      description:
        parts.wakeAlarm === 'update'
          ? `Replace alarm ${names.alarm} with the single-request settings (Maximum over 30 s, >= 1, 1 of 1) aimed at the step policy`
          : `Alarm ${names.alarm}: one refused request (Maximum over 30 s, >= 1, 1 of 1) triggers the step policy`,
      ...(parts.wakeAlarm === 'create' ? { creates: { kind: 'alarm', name: names.alarm } } : {}),
      ...flag(parts.wakeAlarm),
    });
  }
  return steps;
}

export const scaleToZeroNotes = [
  'Idle copies scale in to 0 after about 15 minutes; instances are released about 10 minutes later.',
  'A request at zero copies fails at once (HTTP 400, no capacity) and wakes the endpoint in about 5–6 minutes: clients must retry.',
];

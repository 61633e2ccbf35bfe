import { copyCountDimension, inferenceComponentResourceId } from '../../resources/resourceSnapshots';
import { idleExpression, idleMetric, idlePeriodSeconds, idlePeriodsPerMinute, maxIdleMinutes, minIdleMinutes, refusedMetric } from '../../resources/idleTimeout';
import { formatUsd } from '../../money/dollars';
import { type PlanStep, type PlanValue } from '../plans/plan';
import { outputRef } from '../framework/planRefs';
import { validateInteger } from '../validation/numbers';

/*
 * The idle-timeout parts of a scale-to-zero setup: the step policy that sets the copy count to exactly
 * 0 and the alarm "fewer than 1 request, served or refused, in each of the last N minutes" that
 * triggers it (resources/idleTimeout.ts says why refused requests count). The
 * target-tracking policy beside them gets `DisableScaleIn` (scaleToZeroPlan.ts) so only this timeout
 * sends the copies to sleep.
 */

export type IdlePart = 'idlePolicy' | 'idleAlarm';
export type IdlePartAction = 'create' | 'update';

export const idleStepIds = { idlePolicy: 'putIdleScaleInPolicy', idleAlarm: 'putIdleAlarm' } as const;

/** Minutes SageMaker takes to release an instance once its last copy is gone (the cost lens's default). */
export const instanceReleaseDelayMinutes = 10;

export function defaultIdleNames(icName: string): { idlePolicy: string; idleAlarm: string } {
  return { idlePolicy: `${icName}-idle-scale-in-to-zero`, idleAlarm: `${icName}-idle-timeout` };
}

/** The wizard's answer, checked with the model's limits: empty means AWS's target tracking (about 15 minutes). */
export function validateIdleMinutes(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  return validateInteger(value, 'The idle timeout in minutes', minIdleMinutes, maxIdleMinutes);
}

/** "" → no idle timeout; otherwise the minutes (valid per validateIdleMinutes). */
export function parseIdleMinutes(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

/**
 * What one sleep costs after the last request: the copies wait N idle minutes, then the instance
 * bills about 10 more minutes until SageMaker releases it. Without a price, only the minutes.
 */
export function idleTailCost(minutes: number, hourlyUsd: number | undefined): { minutes: number; usd?: number; description: string } {
  const total = minutes + instanceReleaseDelayMinutes;
  if (hourlyUsd === undefined) {
    return { minutes: total, description: `each sleep bills about ${total} minutes after the last request (${minutes} idle + ${instanceReleaseDelayMinutes} to release the instance)` };
  }
  const usd = (hourlyUsd * total) / 60;
  return {
    minutes: total,
    usd,
    description: `each sleep costs about ${formatUsd(usd)} after the last request (${minutes} idle + ${instanceReleaseDelayMinutes} min to release the instance, at ${formatUsd(hourlyUsd)}/h)`,
  };
}

export interface IdleTimeoutPlanInput {
  inferenceComponentName: string;
  minutes: number;
  parts: Partial<Record<IdlePart, IdlePartAction>>;
  /** The set-to-zero policy the alarm triggers when the plan does not write one. */
  existingPolicyArn?: string;
  names?: { idlePolicy?: string; idleAlarm?: string };
  /** The component's adapters: their requests run on its copies, so they count as its activity too. */
  adapters?: readonly string[];
}

/** The step policy (ExactCapacity 0) and the idle alarm aimed at it, as plan steps. */
export function idleTimeoutSteps(input: IdleTimeoutPlanInput): PlanStep[] {
  const ic = input.inferenceComponentName;
  const names = { ...defaultIdleNames(ic), ...input.names };
  const target = { ServiceNamespace: 'sagemaker', ResourceId: inferenceComponentResourceId(ic), ScalableDimension: copyCountDimension };
  const steps: PlanStep[] = [];
  const { parts } = input;
  if (parts.idlePolicy) {
    steps.push({
      id: idleStepIds.idlePolicy,
      service: 'application-auto-scaling',
      operation: 'PutScalingPolicy',
      input: {
        PolicyName: names.idlePolicy,
        ...target,
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ExactCapacity',
          MetricAggregationType: 'Maximum',
          Cooldown: 60,
          StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 0 }],
        },
      },
      description: `Step policy ${names.idlePolicy}: set the copy count to 0 when the idle alarm fires`,
      outputs: { idlePolicyArn: 'PolicyARN' },
      ...(parts.idlePolicy === 'create'
        ? { creates: { kind: 'scalingPolicy', policyName: names.idlePolicy, resourceId: target.ResourceId, scalableDimension: copyCountDimension } }
        : { modifiesExisting: true }),
    });
  }
  if (parts.idleAlarm) {
    const action: PlanValue | undefined = parts.idlePolicy ? outputRef('idlePolicyArn') : input.existingPolicyArn;
    if (action === undefined) throw new Error(`The idle alarm of ${ic} needs a step policy that sets 0 copies.`);
    steps.push({
      id: idleStepIds.idleAlarm,
      service: 'cloudwatch',
      operation: 'PutMetricAlarm',
      input: {
        AlarmName: names.idleAlarm,
        AlarmDescription: `Puts ${ic} to sleep (0 copies) after ${input.minutes} minutes without a request.`,
        ActionsEnabled: true,
        AlarmActions: [action],
        Metrics: idleAlarmMetrics(ic, input.adapters),
        EvaluationPeriods: input.minutes * idlePeriodsPerMinute,
        DatapointsToAlarm: input.minutes * idlePeriodsPerMinute,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      },
      description: `Alarm ${names.idleAlarm}: no request, served or refused, for ${input.minutes} minutes (${idleMetric} + ${refusedMetric}${countedAdapters(input.adapters).length ? ` of ${ic} and its adapters ${countedAdapters(input.adapters).join(', ')}` : ''} < 1 in each 30-second period) triggers the step policy`,
      ...(parts.idleAlarm === 'create' ? { creates: { kind: 'alarm', name: names.idleAlarm } } : { modifiesExisting: true }),
    });
  }
  return steps;
}

/**
 * The idle alarm's queries: the component's Invocations (m1) and NoCapacityInvocationFailures (m2),
 * summed per 30-second period, and `FILL(m1,0) + FILL(m2,0)` as the value the alarm compares.
 */
export function idleAlarmMetrics(icName: string, adapters: readonly string[] = []): PlanValue[] {
  const stat = (id: string, metricName: string, component: string) => ({
    Id: id,
    MetricStat: {
      Metric: { Namespace: 'AWS/SageMaker', MetricName: metricName, Dimensions: [{ Name: 'InferenceComponentName', Value: component }] },
      Period: idlePeriodSeconds,
      Stat: 'Sum',
    },
    ReturnData: false,
  });
  // An adapter's requests run on this component's copies: AWS does not document whether they are
  // counted under the component's name, so the adapters' own Invocations and refusals count too.
  const counted = countedAdapters(adapters);
  const adapterQueries = counted.flatMap((adapter, index) => [stat(`a${index + 1}`, idleMetric, adapter), stat(`r${index + 1}`, refusedMetric, adapter)]);
  const expression = [idleExpression, ...counted.flatMap((_, index) => [`FILL(a${index + 1},0)`, `FILL(r${index + 1},0)`])].join(' + ');
  return [
    stat('m1', idleMetric, icName),
    stat('m2', refusedMetric, icName),
    ...adapterQueries,
    { Id: 'requests', Expression: expression, Label: counted.length ? 'Requests to the component and its adapters, served or refused' : 'Requests, served or refused', ReturnData: true },
  ];
}

/**
 * The adapters an idle alarm can count: CloudWatch takes at most 10 metrics in an alarm's metric math
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-limits.html, a hard limit),
 * two for the component and two for each adapter.
 */
export const maxIdleAdapters = 4;

export function countedAdapters(adapters: readonly string[] = []): string[] {
  return [...adapters].sort().slice(0, maxIdleAdapters);
}

/** The plan's note on the idle timeout, with its cost per sleep. */
export function idleTimeoutNote(minutes: number, hourlyUsd: number | undefined): string {
  return `Sleeps after ${minutes} idle minutes: the target-tracking policy no longer scales in (DisableScaleIn), the idle alarm sets 0 copies; ${idleTailCost(minutes, hourlyUsd).description}. A component that has had no request for ${minutes} minutes when the alarm is created sleeps at its first evaluation.`;
}

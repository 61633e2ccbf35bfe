import { type ResourceRef } from '../../resources/resourceSnapshots';
import { type PlanService, type PlanStep } from './plan';

/**
 * What a run wrote over: a resource that existed before a Put/Register/Update call, and the call that
 * puts it back as it was. Plain JSON (timestamps as ISO strings), so a run's record can be saved.
 */
export interface OverwrittenResource {
  resource: ResourceRef;
  restore: { service: PlanService; operation: string; input: Record<string, unknown> };
  /** Set in a saved record when the previous values held a secret and were not written to disk: it cannot be put back after a restart. */
  valuesNotSaved?: boolean;
}

/** The tag every resource a plan run creates carries (where the service takes tags): its value is the run's id. */
export const planRunTagKey = 's2z:plan-run';

/** Create calls that take `Tags` as a list of {Key, Value}: the runner tags what it creates with the run id. */
export const taggedCreateOperations: ReadonlySet<string> = new Set([
  'CreateModel',
  'CreateEndpointConfig',
  'CreateEndpoint',
  'CreateInferenceComponent',
  'PutMetricAlarm',
  'CreateRole',
]);

/** `input` with the run's tag added to its `Tags` (a tag of the same key the plan set is replaced). */
export function withRunTag(input: Record<string, unknown>, runId: string): Record<string, unknown> {
  const tags = Array.isArray(input.Tags) ? (input.Tags as { Key?: unknown }[]).filter((tag) => tag?.Key !== planRunTagKey) : [];
  return { ...input, Tags: [...tags, { Key: planRunTagKey, Value: runId }] };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The resource a Put/Register/Update call writes, read from its request: what the runner describes
 * first, so that what was there before is put back by a rollback. Undefined for other operations.
 */
export function writtenResource(step: Pick<PlanStep, 'operation'>, input: Record<string, unknown>): ResourceRef | undefined {
  const resourceId = text(input.ResourceId);
  const scalableDimension = text(input.ScalableDimension);
  switch (step.operation) {
    case 'PutMetricAlarm': {
      const name = text(input.AlarmName);
      return name ? { kind: 'alarm', name } : undefined;
    }
    case 'PutScalingPolicy': {
      const policyName = text(input.PolicyName);
      return policyName && resourceId && scalableDimension ? { kind: 'scalingPolicy', policyName, resourceId, scalableDimension } : undefined;
    }
    case 'RegisterScalableTarget':
      return resourceId && scalableDimension ? { kind: 'scalableTarget', resourceId, scalableDimension } : undefined;
    case 'PutScheduledAction': {
      const name = text(input.ScheduledActionName);
      return name && resourceId && scalableDimension ? { kind: 'scheduledAction', name, resourceId, scalableDimension } : undefined;
    }
    case 'UpdateSchedule': {
      const name = text(input.Name);
      return name ? { kind: 'schedule', name, group: text(input.GroupName) ?? 'default' } : undefined;
    }
    default:
      return undefined;
  }
}

/** Keeps the members present (not undefined), as plain JSON: Dates become ISO strings. */
function pick(from: Record<string, unknown>, members: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const member of members) if (from[member] !== undefined && from[member] !== null) picked[member] = from[member];
  return JSON.parse(JSON.stringify(picked)) as Record<string, unknown>;
}

const alarmMembers = [
  'AlarmName',
  'AlarmDescription',
  'ActionsEnabled',
  'OKActions',
  'AlarmActions',
  'InsufficientDataActions',
  'MetricName',
  'Namespace',
  'Statistic',
  'ExtendedStatistic',
  'Dimensions',
  'Period',
  'Unit',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'ComparisonOperator',
  'TreatMissingData',
  'EvaluateLowSampleCountPercentile',
  'Metrics',
  'ThresholdMetricId',
] as const;

/** DescribeAlarms's answer members that describe a single metric: a PutMetricAlarm with `Metrics` must not carry them. */
const singleMetricMembers = ['MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic', 'Dimensions', 'Period', 'Unit'] as const;

/**
 * A described alarm as PutMetricAlarm takes it back. DescribeAlarms answers a metric-math alarm (the
 * idle timeout's) with `Metrics` and an empty `Dimensions` list; PutMetricAlarm refuses `Metrics`
 * beside any single-metric member ("If you specify the Metrics parameter, you cannot specify
 * MetricName, Dimensions, Period, Namespace, Statistic, or ExtendedStatistic"), so those go, and an
 * empty `Dimensions` list goes from any alarm.
 */
function alarmRestoreInput(input: Record<string, unknown>): Record<string, unknown> {
  const metricMath = Array.isArray(input.Metrics) && input.Metrics.length > 0;
  const restored = { ...input };
  if (metricMath) for (const member of singleMetricMembers) delete restored[member];
  else delete restored.Metrics;
  if (Array.isArray(restored.Dimensions) && restored.Dimensions.length === 0) delete restored.Dimensions;
  return restored;
}

const policyMembers = [
  'PolicyName',
  'ServiceNamespace',
  'ResourceId',
  'ScalableDimension',
  'PolicyType',
  'StepScalingPolicyConfiguration',
  'TargetTrackingScalingPolicyConfiguration',
  'PredictiveScalingPolicyConfiguration',
] as const;

const targetMembers = ['ServiceNamespace', 'ResourceId', 'ScalableDimension', 'MinCapacity', 'MaxCapacity', 'SuspendedState'] as const;

const scheduledActionMembers = [
  'ServiceNamespace',
  'ScheduledActionName',
  'ResourceId',
  'ScalableDimension',
  'Schedule',
  'Timezone',
  'StartTime',
  'EndTime',
  'ScalableTargetAction',
] as const;

const scheduleMembers = [
  'Name',
  'GroupName',
  'ScheduleExpression',
  'ScheduleExpressionTimezone',
  'StartDate',
  'EndDate',
  'Description',
  'State',
  'KmsKeyArn',
  'Target',
  'FlexibleTimeWindow',
  'ActionAfterCompletion',
] as const;

/**
 * The call that writes `previous` (a Describe/Get answer) back: the same Put/Register/Update with the
 * resource's settings as they were. Tags are not part of it: an update keeps the resource's tags.
 */
export function restoreCall(resource: ResourceRef, previous: Record<string, unknown>): OverwrittenResource['restore'] {
  switch (resource.kind) {
    case 'alarm':
      return { service: 'cloudwatch', operation: 'PutMetricAlarm', input: alarmRestoreInput(pick(previous, alarmMembers)) };
    case 'scalingPolicy':
      return { service: 'application-auto-scaling', operation: 'PutScalingPolicy', input: pick(previous, policyMembers) };
    case 'scalableTarget':
      return { service: 'application-auto-scaling', operation: 'RegisterScalableTarget', input: pick(previous, targetMembers) };
    case 'scheduledAction':
      return { service: 'application-auto-scaling', operation: 'PutScheduledAction', input: pick(previous, scheduledActionMembers) };
    case 'schedule':
      return { service: 'scheduler', operation: 'UpdateSchedule', input: pick({ ...previous, GroupName: previous.GroupName ?? resource.group }, scheduleMembers) };
    default:
      throw new Error(`A ${resource.kind} is never written over by a plan, so it has no restore call.`);
  }
}

/** The resource part of an Application Auto Scaling policy ARN (`resource/sagemaker/inference-component/x`), if it is one. */
function scalingPolicyResource(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:autoscaling:[^:]*:[^:]*:scalingPolicy:[^:]*:(resource\/.+):policyName\/.+$/.exec(arn)?.[1];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** CloudWatch allows at most five actions per state. */
export const maxAlarmActions = 5;

/**
 * The actions an alarm gets when the plan writes over an existing one: its own actions that are not
 * the plan's business stay (SNS topics, other scaling policies, OK and insufficient-data actions), and
 * the plan's are added. Only a scaling policy action on the same scalable resource as one of the
 * plan's actions is replaced (it is the wake policy the plan is repairing).
 */
export function mergeAlarmActions(existing: Record<string, unknown>, input: Record<string, unknown>): Record<string, unknown> {
  const ours = strings(input.AlarmActions);
  const ourResources = new Set(ours.map(scalingPolicyResource).filter((resource): resource is string => resource !== undefined));
  const replaced = (arn: string) => {
    const resource = scalingPolicyResource(arn);
    return resource !== undefined && ourResources.has(resource);
  };
  const union = (kept: string[], added: string[]) => [...new Set([...kept, ...added])];
  const merged = {
    ...input,
    AlarmActions: union(strings(existing.AlarmActions).filter((arn) => !replaced(arn)), ours),
    OKActions: union(strings(existing.OKActions), strings(input.OKActions)),
    InsufficientDataActions: union(strings(existing.InsufficientDataActions), strings(input.InsufficientDataActions)),
  };
  for (const member of ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const) {
    if (merged[member].length > maxAlarmActions) {
      throw new Error(
        `Alarm ${String(input.AlarmName)} would need ${merged[member].length} ${member} (its own plus the plan's), more than CloudWatch's ${maxAlarmActions}; remove one of its actions, then run the plan again.`,
      );
    }
  }
  return merged;
}

/**
 * Whether a resource's Describe/Get answer shows every setting `expected` (a create request) asks for:
 * how a resource without tags (a schedule) is recognised as the one this run's lost call created.
 */
export function hasSettings(expected: unknown, actual: unknown): boolean {
  if (actual instanceof Date) {
    const time = typeof expected === 'string' || typeof expected === 'number' ? new Date(typeof expected === 'number' ? expected * 1000 : expected).getTime() : NaN;
    return time === actual.getTime();
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((item, index) => hasSettings(item, actual[index]));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected as Record<string, unknown>).every(
      ([key, value]) => value === undefined || key === 'ClientToken' || hasSettings(value, (actual as Record<string, unknown>)[key]),
    );
  }
  return expected === actual;
}

/**
 * Maps AWS SDK responses into the domain's snapshots. Type-only imports: the SDK itself stays lazy.
 * Every field is optional in the SDK's types, and the mappers never throw on a missing one.
 */
import type { ScalableTarget, ScalingActivity, ScalingPolicy, ScheduledAction } from '@aws-sdk/client-application-auto-scaling';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type {
  DescribeEndpointConfigCommandOutput,
  DescribeEndpointCommandOutput,
  DescribeInferenceComponentCommandOutput,
  InferenceComponentCapacitySize,
  InferenceComponentDeploymentConfig,
  ProductionVariantManagedInstanceScaling,
  InstancePool,
  InstancePoolSummary,
  MetricsConfig,
  ProductionVariantCapacityReservationConfig,
  ProductionVariantCapacityReservationSummary,
} from '@aws-sdk/client-sagemaker';
import type { GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import {
  type AlarmQuerySnapshot,
  type AlarmSnapshot,
  type CapacityReservationSnapshot,
  type CapacitySizeSnapshot,
  type RollingDeploymentSnapshot,
  type EndpointSnapshot,
  type MetricsConfigSnapshot,
  type ComponentStartSettings,
  type InferenceComponentSnapshot,
  type ManagedInstanceScaling,
  type InstancePoolSnapshot,
  type ScalableTargetSnapshot,
  type ScalingActivitySnapshot,
  type ScalingPolicySnapshot,
  type ScheduleAction,
  type ScheduledActionSnapshot,
  type ScheduleSnapshot,
} from '../resources/resourceSnapshots';
import { nextFireTimes } from '../resources/scheduleTimes';

export function toEndpointSnapshot(
  output: DescribeEndpointCommandOutput,
  config?: DescribeEndpointConfigCommandOutput,
): EndpointSnapshot {
  const configVariants = config?.ProductionVariants ?? [];
  const variants = (output.ProductionVariants ?? []).map((variant) => {
    const configured = configVariants.find((candidate) => candidate.VariantName === variant.VariantName);
    const managed = variant.ManagedInstanceScaling ?? configured?.ManagedInstanceScaling;
    const instancePools = toInstancePools(configured?.InstancePools, variant.InstancePools);
    return {
      name: variant.VariantName ?? 'AllTraffic',
      instanceType: variant.CurrentServerlessConfig ? 'serverless' : (configured?.InstanceType ?? instancePools?.[0]?.instanceType),
      ...(instancePools ? { instancePools } : {}),
      currentInstanceCount: variant.CurrentInstanceCount,
      desiredInstanceCount: variant.DesiredInstanceCount,
      managedScaling: managed ? toManagedScaling(managed) : undefined,
      routingStrategy: variant.RoutingConfig?.RoutingStrategy ?? configured?.RoutingConfig?.RoutingStrategy,
      ...endpointSettingsOf(configured?.InferenceAmiVersion, variant.CapacityReservationConfig ?? configured?.CapacityReservationConfig),
      statuses: (variant.VariantStatus ?? []).map((status) => ({
        status: String(status.Status ?? ''),
        message: status.StatusMessage,
        startTime: status.StartTime,
      })),
    };
  });
  // While an endpoint is being created, SageMaker shows the variants under PendingDeploymentSummary.
  if (variants.length === 0) {
    for (const pending of output.PendingDeploymentSummary?.ProductionVariants ?? []) {
      const configured = configVariants.find((candidate) => candidate.VariantName === pending.VariantName);
      const managed = pending.ManagedInstanceScaling ?? configured?.ManagedInstanceScaling;
      const instancePools = toInstancePools(configured?.InstancePools, pending.InstancePools);
      variants.push({
        name: pending.VariantName ?? 'AllTraffic',
        instanceType: pending.InstanceType ?? configured?.InstanceType ?? instancePools?.[0]?.instanceType,
        ...(instancePools ? { instancePools } : {}),
        currentInstanceCount: pending.CurrentInstanceCount,
        desiredInstanceCount: pending.DesiredInstanceCount,
        managedScaling: managed ? toManagedScaling(managed) : undefined,
        routingStrategy: pending.RoutingConfig?.RoutingStrategy,
        ...endpointSettingsOf(configured?.InferenceAmiVersion, configured?.CapacityReservationConfig),
        statuses: (pending.VariantStatus ?? []).map((status) => ({ status: String(status.Status ?? ''), message: status.StatusMessage, startTime: status.StartTime })),
      });
    }
  }
  return {
    name: output.EndpointName ?? '',
    arn: output.EndpointArn ?? '',
    status: output.EndpointStatus ?? 'Unknown',
    failureReason: output.FailureReason,
    configName: output.EndpointConfigName,
    creationTime: output.CreationTime,
    lastModifiedTime: output.LastModifiedTime,
    variants,
    inferenceComponentBased: config ? configVariants.length > 0 && configVariants.every((variant) => !variant.ModelName) : undefined,
    ...metricsConfigOf(output.MetricsConfig ?? config?.MetricsConfig),
  };
}

/** The variant's AMI and ML capacity reservation, present only when set. */
function endpointSettingsOf(
  ami: string | undefined,
  reservation: ProductionVariantCapacityReservationSummary | ProductionVariantCapacityReservationConfig | undefined,
): { inferenceAmiVersion?: string; capacityReservation?: CapacityReservationSnapshot } {
  const summary = reservation as ProductionVariantCapacityReservationSummary | undefined;
  return {
    ...(ami ? { inferenceAmiVersion: ami } : {}),
    ...(reservation && (reservation.MlReservationArn || reservation.CapacityReservationPreference)
      ? {
          capacityReservation: {
            mlReservationArn: reservation.MlReservationArn,
            preference: reservation.CapacityReservationPreference,
            totalInstanceCount: summary?.TotalInstanceCount,
            availableInstanceCount: summary?.AvailableInstanceCount,
            usedByCurrentEndpoint: summary?.UsedByCurrentEndpoint,
          },
        }
      : {}),
  };
}

function metricsConfigOf(metrics: MetricsConfig | undefined): { metricsConfig?: MetricsConfigSnapshot } {
  if (!metrics) return {};
  return { metricsConfig: { enhancedMetrics: metrics.EnableEnhancedMetrics === true, publishFrequencySeconds: metrics.MetricPublishFrequencyInSeconds } };
}

function toManagedScaling(managed: ProductionVariantManagedInstanceScaling): ManagedInstanceScaling {
  const policy = managed.ScaleInPolicy;
  return {
    enabled: managed.Status === 'ENABLED',
    min: managed.MinInstanceCount,
    max: managed.MaxInstanceCount,
    ...(policy?.Strategy ? { scaleIn: { strategy: policy.Strategy, maximumStepSize: policy.MaximumStepSize, cooldownInMinutes: policy.CooldownInMinutes } } : {}),
  };
}

/**
 * A variant's instance pools by priority: the configured ones (type, priority) with the running
 * instances the endpoint reports per type; the reported ones alone when the config is unknown.
 */
function toInstancePools(
  configured: readonly InstancePool[] | undefined,
  reported: readonly InstancePoolSummary[] | undefined,
): InstancePoolSnapshot[] | undefined {
  const count = (instanceType: string | undefined) => reported?.find((pool) => pool.InstanceType === instanceType)?.CurrentInstanceCount;
  if (configured && configured.length > 0) {
    return [...configured]
      .sort((a, b) => (a.Priority ?? 5) - (b.Priority ?? 5))
      .map((pool) => ({ instanceType: pool.InstanceType ?? '', priority: pool.Priority, currentInstanceCount: count(pool.InstanceType) }));
  }
  if (reported && reported.length > 0) {
    return reported.map((pool) => ({ instanceType: pool.InstanceType ?? '', currentInstanceCount: pool.CurrentInstanceCount }));
  }
  return undefined;
}

export function toInferenceComponentSnapshot(output: DescribeInferenceComponentCommandOutput): InferenceComponentSnapshot {
  const compute = output.Specification?.ComputeResourceRequirements;
  return {
    name: output.InferenceComponentName ?? '',
    arn: output.InferenceComponentArn ?? '',
    endpointName: output.EndpointName ?? '',
    variantName: output.VariantName,
    status: output.InferenceComponentStatus ?? 'Unknown',
    failureReason: output.FailureReason,
    creationTime: output.CreationTime,
    lastModifiedTime: output.LastModifiedTime,
    currentCopyCount: output.RuntimeConfig?.CurrentCopyCount,
    desiredCopyCount: output.RuntimeConfig?.DesiredCopyCount,
    modelName: output.Specification?.ModelName,
    compute: compute
      ? { memoryMb: compute.MinMemoryRequiredInMb, accelerators: compute.NumberOfAcceleratorDevicesRequired, cpuCores: compute.NumberOfCpuCoresRequired }
      : undefined,
    ...(output.RuntimeConfig?.PlacementStatus
      ? { placement: output.RuntimeConfig.PlacementStatus.map((entry) => ({ instanceType: entry.InstanceType ?? '', copies: entry.CurrentCopyCount ?? 0 })) }
      : {}),
    ...(output.Specification ? { startSettings: toStartSettings(output.Specification) } : {}),
    ...(output.Specification?.BaseInferenceComponentName ? { baseComponentName: output.Specification.BaseInferenceComponentName } : {}),
    ...(output.Specification?.Container?.ArtifactUrl ? { artifactUrl: output.Specification.Container.ArtifactUrl } : {}),
    ...(output.Specification?.Container
      ? { container: { image: output.Specification.Container.DeployedImage?.SpecifiedImage, artifactUrl: output.Specification.Container.ArtifactUrl } }
      : {}),
    ...(output.LastDeploymentConfig ? { lastDeployment: toRollingDeployment(output.LastDeploymentConfig) } : {}),
  };
}

function toCapacitySize(size: InferenceComponentCapacitySize | undefined): CapacitySizeSnapshot | undefined {
  return size?.Type && size.Value !== undefined ? { type: size.Type, value: size.Value } : undefined;
}

/** LastDeploymentConfig as the product reads it. */
export function toRollingDeployment(config: InferenceComponentDeploymentConfig): RollingDeploymentSnapshot {
  const policy = config.RollingUpdatePolicy;
  const batch = toCapacitySize(policy?.MaximumBatchSize);
  const rollbackBatch = toCapacitySize(policy?.RollbackMaximumBatchSize);
  return {
    ...(batch ? { batch } : {}),
    ...(policy?.WaitIntervalInSeconds !== undefined ? { waitSeconds: policy.WaitIntervalInSeconds } : {}),
    ...(policy?.MaximumExecutionTimeoutInSeconds !== undefined ? { timeoutSeconds: policy.MaximumExecutionTimeoutInSeconds } : {}),
    ...(rollbackBatch ? { rollbackBatch } : {}),
    alarms: (config.AutoRollbackConfiguration?.Alarms ?? []).map((alarm) => alarm.AlarmName ?? '').filter((name) => name.length > 0),
  };
}

/** StartupParameters, DataCacheConfig (absent: caching off) and SchedulingConfig, as Describe answers them. */
function toStartSettings(spec: NonNullable<DescribeInferenceComponentCommandOutput['Specification']>): ComponentStartSettings {
  const balance = spec.SchedulingConfig?.AvailabilityZoneBalance;
  return {
    downloadTimeoutSeconds: spec.StartupParameters?.ModelDataDownloadTimeoutInSeconds,
    healthCheckTimeoutSeconds: spec.StartupParameters?.ContainerStartupHealthCheckTimeoutInSeconds,
    caching: spec.DataCacheConfig?.EnableCaching === true,
    ...(spec.SchedulingConfig?.PlacementStrategy ? { placementStrategy: spec.SchedulingConfig.PlacementStrategy } : {}),
    ...(balance?.EnforcementMode ? { zoneBalance: { enforcementMode: balance.EnforcementMode, maxImbalance: balance.MaxImbalance } } : {}),
  };
}

export function toScalableTarget(target: ScalableTarget): ScalableTargetSnapshot {
  return {
    resourceId: target.ResourceId ?? '',
    minCapacity: target.MinCapacity ?? 0,
    maxCapacity: target.MaxCapacity ?? 0,
    roleArn: target.RoleARN,
    suspended: Boolean(
      target.SuspendedState?.DynamicScalingInSuspended ||
        target.SuspendedState?.DynamicScalingOutSuspended ||
        target.SuspendedState?.ScheduledScalingSuspended,
    ),
  };
}

export function toScalingPolicy(policy: ScalingPolicy): ScalingPolicySnapshot {
  const tracking = policy.TargetTrackingScalingPolicyConfiguration;
  const step = policy.StepScalingPolicyConfiguration;
  return {
    name: policy.PolicyName ?? '',
    arn: policy.PolicyARN ?? '',
    type: policy.PolicyType ?? 'Unknown',
    metric: tracking?.PredefinedMetricSpecification?.PredefinedMetricType ?? tracking?.CustomizedMetricSpecification?.MetricName,
    targetValue: tracking?.TargetValue,
    scaleInCooldown: tracking?.ScaleInCooldown,
    scaleOutCooldown: tracking?.ScaleOutCooldown,
    disableScaleIn: tracking?.DisableScaleIn,
    adjustmentType: step?.AdjustmentType,
    metricAggregationType: step?.MetricAggregationType,
    cooldown: step?.Cooldown,
    stepAdjustments: step?.StepAdjustments?.map((adjustment) => ({
      lowerBound: adjustment.MetricIntervalLowerBound,
      upperBound: adjustment.MetricIntervalUpperBound,
      adjustment: adjustment.ScalingAdjustment ?? 0,
    })),
    alarmNames: (policy.Alarms ?? []).map((alarm) => alarm.AlarmName ?? '').filter(Boolean),
  };
}

export function toAlarm(alarm: MetricAlarm): AlarmSnapshot {
  const metrics = alarm.Metrics?.map(toAlarmQuery);
  return {
    name: alarm.AlarmName ?? '',
    arn: alarm.AlarmArn,
    namespace: alarm.Namespace,
    metricName: alarm.MetricName,
    dimensions: metrics && !alarm.Dimensions?.length ? sharedDimensions(metrics) : dimensionRecord(alarm.Dimensions),
    ...(metrics ? { metrics } : {}),
    statistic: alarm.Statistic ?? alarm.ExtendedStatistic,
    period: alarm.Period ?? (metrics ? queryPeriod(metrics) : undefined),
    evaluationPeriods: alarm.EvaluationPeriods,
    datapointsToAlarm: alarm.DatapointsToAlarm,
    threshold: alarm.Threshold,
    comparisonOperator: alarm.ComparisonOperator,
    treatMissingData: alarm.TreatMissingData,
    actionsEnabled: alarm.ActionsEnabled ?? true,
    alarmActions: alarm.AlarmActions ?? [],
    state: alarm.StateValue ?? 'INSUFFICIENT_DATA',
    stateReason: alarm.StateReason,
    stateUpdated: alarm.StateUpdatedTimestamp,
  };
}

function dimensionRecord(dimensions: readonly { Name?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((dimensions ?? []).map((dimension) => [dimension.Name ?? '', dimension.Value ?? '']));
}

function toAlarmQuery(query: NonNullable<MetricAlarm['Metrics']>[number]): AlarmQuerySnapshot {
  const metric = query.MetricStat?.Metric;
  return {
    id: query.Id ?? '',
    returnData: query.ReturnData ?? true,
    ...(query.Expression !== undefined ? { expression: query.Expression } : {}),
    ...(metric ? { namespace: metric.Namespace, metricName: metric.MetricName, dimensions: dimensionRecord(metric.Dimensions) } : {}),
    ...(query.MetricStat ? { stat: query.MetricStat.Stat, period: query.MetricStat.Period } : {}),
    ...(query.Period !== undefined && !query.MetricStat ? { period: query.Period } : {}),
  };
}

/** The dimensions (name and value) every metric of a metric-math alarm has: what the alarm is about. */
function sharedDimensions(metrics: readonly AlarmQuerySnapshot[]): Record<string, string> {
  const stats = metrics.filter((query) => query.dimensions);
  if (stats.length === 0) return {};
  return Object.fromEntries(Object.entries(stats[0].dimensions ?? {}).filter(([name, value]) => stats.every((query) => query.dimensions?.[name] === value)));
}

/** A metric-math alarm's period: its returning query's own, else its metrics'. */
function queryPeriod(metrics: readonly AlarmQuerySnapshot[]): number | undefined {
  return metrics.find((query) => query.returnData)?.period ?? metrics.find((query) => query.period !== undefined)?.period;
}

export function toScalingActivity(activity: ScalingActivity): ScalingActivitySnapshot {
  return {
    id: activity.ActivityId ?? '',
    description: activity.Description ?? '',
    cause: activity.Cause ?? '',
    status: activity.StatusCode ?? 'Unknown',
    statusMessage: activity.StatusMessage,
    startTime: activity.StartTime ?? new Date(0),
    endTime: activity.EndTime,
  };
}

export function toScheduledAction(action: ScheduledAction): ScheduledActionSnapshot {
  return {
    name: action.ScheduledActionName ?? '',
    schedule: action.Schedule ?? '',
    timezone: action.Timezone,
    minCapacity: action.ScalableTargetAction?.MinCapacity,
    maxCapacity: action.ScalableTargetAction?.MaxCapacity,
  };
}

const universalTarget = /^arn:aws[a-z-]*:scheduler:::aws-sdk:sagemaker:(\w+)$/;

/** What a schedule's universal target does, read from its ARN and its JSON Input. */
export function scheduleAction(targetArn: string, input: string | undefined): ScheduleAction {
  const operation = universalTarget.exec(targetArn)?.[1];
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = input ? JSON.parse(input) : {};
    if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    // Not JSON: the schedule is shown as "other".
  }
  const name = typeof parsed['InferenceComponentName'] === 'string' ? parsed['InferenceComponentName'] : undefined;
  if (operation === 'updateInferenceComponentRuntimeConfig' && name) {
    const desired = parsed['DesiredRuntimeConfig'] as { CopyCount?: unknown } | undefined;
    if (typeof desired?.CopyCount === 'number') return { kind: 'setCopyCount', inferenceComponentName: name, copyCount: desired.CopyCount };
  }
  if (operation === 'deleteInferenceComponent' && name) return { kind: 'deleteInferenceComponent', inferenceComponentName: name };
  if (operation === 'createInferenceComponent' && name) return { kind: 'createInferenceComponent', inferenceComponentName: name };
  return { kind: 'other', targetArn };
}

export function toSchedule(output: GetScheduleCommandOutput, now: Date): ScheduleSnapshot {
  const fire = output.State === 'DISABLED' || !output.ScheduleExpression
    ? undefined
    : nextFireTimes(output.ScheduleExpression, {
        timezone: output.ScheduleExpressionTimezone,
        after: now,
        count: 1,
        anchor: output.StartDate ?? output.CreationDate,
        startDate: output.StartDate,
        endDate: output.EndDate,
      });
  return {
    // A valid expression can still fire past what a Date holds (rate(99999999999 days)): no next fire then.
    nextFire: fire?.ok && fire.times.length > 0 && Number.isFinite(fire.times[0].getTime()) ? fire.times[0] : undefined,
    name: output.Name ?? '',
    group: output.GroupName ?? 'default',
    expression: output.ScheduleExpression ?? '',
    timezone: output.ScheduleExpressionTimezone,
    enabled: output.State !== 'DISABLED',
    action: scheduleAction(output.Target?.Arn ?? '', output.Target?.Input),
  };
}

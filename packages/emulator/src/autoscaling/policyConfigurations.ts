import { type JsonObject, type JsonReader } from '../protocols/jsonReader';
import { readCustomizedMetric } from './customizedMetrics';
import { type StepConfig, type TargetTrackingConfig } from './records';

/** StepScalingPolicyConfiguration: the record the scaling engine runs and the document Describe returns. */
export function readStepScaling(config: JsonReader): StepConfig {
  const adjustmentType = config.string('AdjustmentType', { enum: ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] }) ?? 'ChangeInCapacity';
  const steps = (config.objectList('StepAdjustments') ?? []).map((step) => ({
    lower: step.number('MetricIntervalLowerBound'),
    upper: step.number('MetricIntervalUpperBound'),
    adjustment: step.integer('ScalingAdjustment', { required: true }) ?? 0,
  }));
  const minAdjustmentMagnitude = config.integer('MinAdjustmentMagnitude');
  const cooldown = config.integer('Cooldown', { min: 0 }) ?? 300;
  const metricAggregationType = config.string('MetricAggregationType', { enum: ['Average', 'Minimum', 'Maximum'] }) ?? 'Average';
  const document: JsonObject = {
    AdjustmentType: adjustmentType,
    StepAdjustments: steps.map((s) => ({
      ...(s.lower !== undefined ? { MetricIntervalLowerBound: s.lower } : {}),
      ...(s.upper !== undefined ? { MetricIntervalUpperBound: s.upper } : {}),
      ScalingAdjustment: s.adjustment,
    })),
    ...(minAdjustmentMagnitude !== undefined ? { MinAdjustmentMagnitude: minAdjustmentMagnitude } : {}),
    Cooldown: cooldown,
    MetricAggregationType: metricAggregationType,
  };
  return { adjustmentType: adjustmentType as StepConfig['adjustmentType'], steps, minAdjustmentMagnitude, cooldown, metricAggregationType, document };
}

/** TargetTrackingScalingPolicyConfiguration: the record the scaling engine runs and the document Describe returns. */
export function readTargetTracking(config: JsonReader): TargetTrackingConfig {
  const targetValue = config.number('TargetValue', { required: true }) ?? 0;
  const predefined = config.object('PredefinedMetricSpecification');
  const metricType = predefined?.string('PredefinedMetricType', { required: true }) ?? '';
  const resourceLabel = predefined?.string('ResourceLabel', { min: 1, max: 1023 });
  const customizedInput = config.object('CustomizedMetricSpecification');
  const customized = customizedInput ? readCustomizedMetric(customizedInput) : undefined;
  const scaleOutCooldown = config.integer('ScaleOutCooldown', { min: 0 }) ?? 300;
  const scaleInCooldown = config.integer('ScaleInCooldown', { min: 0 }) ?? 300;
  const disableScaleIn = config.boolean('DisableScaleIn') ?? false;
  const document: JsonObject = {
    TargetValue: targetValue,
    ...(predefined ? { PredefinedMetricSpecification: { PredefinedMetricType: metricType, ...(resourceLabel ? { ResourceLabel: resourceLabel } : {}) } } : {}),
    ...(customized ? { CustomizedMetricSpecification: customized.document } : {}),
    ScaleOutCooldown: scaleOutCooldown,
    ScaleInCooldown: scaleInCooldown,
    DisableScaleIn: disableScaleIn,
  };
  return { targetValue, metricType, customized, scaleOutCooldown, scaleInCooldown, disableScaleIn, document };
}

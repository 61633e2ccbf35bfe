import { randomUUID } from 'node:crypto';
import { type AlarmEngine } from '../cloudwatch/alarmEngine';
import { type AlarmMetricQuery, type AlarmRecord } from '../cloudwatch/alarmRecords';
import { type StatisticName } from '../cloudwatch/metricStore';
import { type RequestContext } from '../services/service';
import { type ScalingPolicyRecord, type TargetTrackingConfig } from './records';

/** The two alarms Application Auto Scaling creates for a target-tracking policy, with their real names and shapes. */
export function createTargetTrackingAlarms(alarms: AlarmEngine, policy: ScalingPolicyRecord, tt: TargetTrackingConfig, context: RequestContext): { AlarmName: string; AlarmARN: string }[] {
  const ic = policy.resourceId.slice('inference-component/'.length);
  const highRes = tt.metricType === 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution';
  const metricName = highRes ? 'ConcurrentRequestsPerCopy' : 'InvocationsPerCopy';
  const statistic = highRes ? 'Maximum' : 'Sum';
  const now = context.now();
  const custom = tt.customized;
  const make = (kind: 'High' | 'Low'): AlarmRecord => {
    const name = `TargetTracking-${policy.resourceId}-Alarm${kind}-${randomUUID()}`;
    const high = kind === 'High';
    const period = highRes && !custom ? 10 : 60;
    // A customized metric: 3 one-minute datapoints to scale out, 15 to scale in (AWS's documented
    // target-tracking alarms for standard-resolution metrics).
    const evaluationPeriods = custom ? (high ? 3 : 15) : high ? (highRes ? 6 : 1) : highRes ? 90 : 15;
    return {
      name,
      arn: `arn:aws:cloudwatch:${context.region}:${context.accountId}:alarm:${name}`,
      description: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policy.arn}.`,
      actionsEnabled: true,
      okActions: [],
      alarmActions: [policy.arn],
      insufficientDataActions: [],
      namespace: custom ? (custom.simple?.namespace ?? '') : 'AWS/SageMaker',
      metricName: custom ? (custom.simple?.metricName ?? '') : metricName,
      dimensions: custom ? (custom.simple?.dimensions ?? []) : [{ name: 'InferenceComponentName', value: ic }],
      statistic: custom ? ((custom.simple?.statistic ?? 'Average') as StatisticName) : statistic,
      ...(custom?.simple?.unit !== undefined ? { unit: custom.simple.unit } : {}),
      ...(custom && !custom.simple ? { metrics: custom.queries.map((query) => alarmQuery(query, period)) } : {}),
      period,
      evaluationPeriods,
      datapointsToAlarm: evaluationPeriods,
      threshold: high ? tt.targetValue : tt.targetValue * 0.9,
      comparisonOperator: high ? 'GreaterThanThreshold' : 'LessThanThreshold',
      treatMissingData: 'missing',
      configurationUpdatedAt: now,
      state: 'INSUFFICIENT_DATA',
      stateReason: 'Unchecked: Initial alarm creation',
      stateUpdatedAt: now,
      stateTransitionedAt: now,
      tags: [],
    };
  };
  const created = tt.disableScaleIn ? [make('High')] : [make('High'), make('Low')];
  for (const alarm of created) alarms.put(alarm);
  return created.map((alarm) => ({ AlarmName: alarm.name, AlarmARN: alarm.arn }));
}

/** A customized `Metrics` query as the metric-math alarm holds it (each metric over the alarm's period). */
function alarmQuery(query: NonNullable<TargetTrackingConfig['customized']>['queries'][number], period: number): AlarmMetricQuery {
  const stat = query.metricStat;
  return {
    id: query.id,
    ...(query.label !== undefined ? { label: query.label } : {}),
    ...(query.expression !== undefined ? { expression: query.expression } : {}),
    returnData: query.returnData,
    ...(stat ? { metricStat: { metric: { namespace: stat.namespace, metricName: stat.metricName, dimensions: stat.dimensions }, period, stat: stat.stat, ...(stat.unit !== undefined ? { unit: stat.unit } : {}) } } : {}),
  };
}

import { randomUUID } from 'node:crypto';
import { type AlarmEngine } from '../cloudwatch/alarmEngine';
import { type AlarmRecord } from '../cloudwatch/alarmRecords';
import { type RequestContext } from '../services/service';
import { type ScalingPolicyRecord, type TargetTrackingConfig } from './records';

/** The two alarms Application Auto Scaling creates for a target-tracking policy, with their real names and shapes. */
export function createTargetTrackingAlarms(alarms: AlarmEngine, policy: ScalingPolicyRecord, tt: TargetTrackingConfig, context: RequestContext): { AlarmName: string; AlarmARN: string }[] {
  const ic = policy.resourceId.slice('inference-component/'.length);
  const highRes = tt.metricType === 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution';
  const metricName = highRes ? 'ConcurrentRequestsPerCopy' : 'InvocationsPerCopy';
  const statistic = highRes ? 'Maximum' : 'Sum';
  const now = context.now();
  const make = (kind: 'High' | 'Low'): AlarmRecord => {
    const name = `TargetTracking-${policy.resourceId}-Alarm${kind}-${randomUUID()}`;
    const high = kind === 'High';
    const period = highRes ? 10 : 60;
    const evaluationPeriods = high ? (highRes ? 6 : 1) : highRes ? 90 : 15;
    return {
      name,
      arn: `arn:aws:cloudwatch:${context.region}:${context.accountId}:alarm:${name}`,
      description: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policy.arn}.`,
      actionsEnabled: true,
      okActions: [],
      alarmActions: [policy.arn],
      insufficientDataActions: [],
      namespace: 'AWS/SageMaker',
      metricName,
      dimensions: [{ name: 'InferenceComponentName', value: ic }],
      statistic,
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

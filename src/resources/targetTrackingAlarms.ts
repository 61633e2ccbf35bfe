import { type ScalingPolicySnapshot } from './resourceSnapshots';

/**
 * Whether an alarm is one a target-tracking policy created (and deregistering the scalable target
 * removes): listed in a TargetTrackingScaling policy's `Alarms` (DescribeScalingPolicies, a structured
 * field), or named `TargetTracking-…` as Application Auto Scaling names them (the emulator does too;
 * the prefix alone is not confirmed for inference components, hence the structured check first).
 */
export function isTargetTrackingAlarm(alarmName: string, policies: readonly Pick<ScalingPolicySnapshot, 'type' | 'alarmNames'>[]): boolean {
  if (policies.some((policy) => policy.type === 'TargetTrackingScaling' && policy.alarmNames.includes(alarmName))) return true;
  return alarmName.startsWith('TargetTracking-');
}

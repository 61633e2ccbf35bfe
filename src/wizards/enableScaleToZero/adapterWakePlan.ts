import { type InferenceComponentScaling } from '../../resources/resourceSnapshots';
import { adapterWakeAlarm } from '../../readiness/adapterWake';
import { type PlanStep, type PlanValue } from '../plans/plan';

/*
 * An adapter's wake path (Add Adapter… writes it for a new adapter, Enable Scale to Zero for the
 * adapters of its component): an alarm on the adapter's NoCapacityInvocationFailures aimed at the
 * base's step policy, so that a request to the sleeping adapter wakes its base.
 */

/** The adapter's wake alarm name: `<adapter>-no-capacity-wake`, like a component's (scaleToZeroPlan's defaultPartNames). */
export function adapterWakeAlarmName(adapterName: string): string {
  return `${adapterName}-no-capacity-wake`;
}

/** The step policy of the base that adds a copy from zero (the one its own wake alarm triggers), if any. */
export function baseStepPolicyArn(baseScaling: InferenceComponentScaling): string | undefined {
  return baseScaling.policies.find((policy) => policy.type === 'StepScaling' && (policy.stepAdjustments ?? []).some((step) => step.adjustment > 0))?.arn;
}

/**
 * The adapter's wake alarm: the single-request settings of the base's (Maximum over 30 s, >= 1, 1 of 1)
 * on the adapter's own NoCapacityInvocationFailures, aimed at the base's step policy.
 */
export function adapterWakeAlarmStep(adapterName: string, baseName: string, stepPolicyArn: PlanValue, action: 'create' | 'update' = 'create'): PlanStep {
  const name = adapterWakeAlarmName(adapterName);
  return {
    id: `putAdapterWakeAlarm-${adapterName}`,
    service: 'cloudwatch',
    operation: 'PutMetricAlarm',
    input: {
      AlarmName: name,
      AlarmDescription: `Wakes ${baseName} from zero copies on a single refused request to its adapter ${adapterName} (NoCapacityInvocationFailures).`,
      ActionsEnabled: true,
      AlarmActions: [stepPolicyArn],
      Namespace: 'AWS/SageMaker',
      MetricName: 'NoCapacityInvocationFailures',
      Dimensions: [{ Name: 'InferenceComponentName', Value: adapterName }],
      Statistic: 'Maximum',
      Period: 30,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'missing',
    },
    description: `Alarm ${name}: one refused request to adapter ${adapterName} triggers ${baseName}'s step policy (wakes ${baseName})`,
    ...(action === 'create' ? { creates: { kind: 'alarm', name } } : { modifiesExisting: true }),
  };
}

/** The adapters of a base that have no wake path yet (for "Enable Scale to Zero" on the base). */
export function adaptersWithoutWakePath(adapters: readonly { name: string; scaling: InferenceComponentScaling }[], baseScaling: InferenceComponentScaling): string[] {
  return adapters.filter((adapter) => !adapterWakeAlarm(adapter.name, adapter.scaling, baseScaling)).map((adapter) => adapter.name);
}


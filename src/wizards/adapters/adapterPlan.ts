import { type InferenceComponentScaling, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { adapterAssumption, adapterWakeAlarm, baseSleeps } from '../../readiness/adapterWake';
import { type Plan, type PlanStep, type PlanValue } from '../plans/plan';

/*
 * "Add Adapter…" on a base inference component: CreateInferenceComponent with
 * Specification.BaseInferenceComponentName and Container.ArtifactUrl (no compute, no copies: the
 * adapter runs on the base's copies), and, when the base scales to zero, the adapter's wake path: an
 * alarm on the adapter's NoCapacityInvocationFailures that triggers the base's step policy, so that a
 * request to the sleeping adapter wakes the base (readiness/adapterWake.ts says what this assumes).
 */

export interface AddAdapterInput {
  base: InferenceComponentSnapshot;
  baseScaling: InferenceComponentScaling;
  adapterName: string;
  artifactUrl: string;
}

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

export function createAdapterStep(base: InferenceComponentSnapshot, adapterName: string, artifactUrl: string): PlanStep {
  return {
    id: 'createAdapter',
    service: 'sagemaker',
    operation: 'CreateInferenceComponent',
    input: {
      InferenceComponentName: adapterName,
      EndpointName: base.endpointName,
      Specification: { BaseInferenceComponentName: base.name, Container: { ArtifactUrl: artifactUrl } },
    },
    description: `Create adapter ${adapterName} on ${base.name} (artifacts ${artifactUrl}; it runs on ${base.name}'s copies)`,
    creates: { kind: 'inferenceComponent', name: adapterName },
    waitFor: 'inferenceComponentInService',
  };
}

/** The plan of "Add Adapter…". */
export function buildAddAdapterPlan(input: AddAdapterInput): Plan {
  const { base, baseScaling, adapterName, artifactUrl } = input;
  if (base.baseComponentName !== undefined) throw new Error(`${base.name} is itself an adapter of ${base.baseComponentName}: add the adapter to ${base.baseComponentName} instead.`);
  const steps: PlanStep[] = [createAdapterStep(base, adapterName, artifactUrl)];
  const notes: string[] = [`${adapterName} has no copies of its own: it answers on ${base.name}'s copies and costs nothing more.`];
  if (baseSleeps(baseScaling)) {
    const stepArn = baseStepPolicyArn(baseScaling);
    if (stepArn) {
      steps.push(adapterWakeAlarmStep(adapterName, base.name, stepArn));
      notes.push(`While ${base.name} sleeps, a request to ${adapterName} is refused and wakes ${base.name} (about 5–6 minutes): clients must retry. ${adapterAssumption}`);
    } else {
      notes.push(
        `${base.name} scales to 0 copies but has no step policy that adds a copy: a request to ${adapterName} while ${base.name} sleeps would wake nothing. Run "Enable Scale to Zero" on ${base.name}: it also sets up ${adapterName}'s wake alarm.`,
      );
    }
  } else {
    notes.push(`${base.name} does not scale to 0 copies, so ${adapterName} needs no wake alarm.`);
  }
  return { title: `Add adapter ${adapterName} to ${base.name}`, steps, notes };
}

/** The adapters of a base that have no wake path yet (for "Enable Scale to Zero" on the base). */
export function adaptersWithoutWakePath(adapters: readonly { name: string; scaling: InferenceComponentScaling }[], baseScaling: InferenceComponentScaling): string[] {
  return adapters.filter((adapter) => !adapterWakeAlarm(adapter.name, adapter.scaling, baseScaling)).map((adapter) => adapter.name);
}

/** The artifact URL of an adapter: required, with the model's `Url` rules (s3:// or https://, at most 1024 characters). */
export function validateAdapterArtifactUrl(value: string): string | undefined {
  if (value.length === 0) return "Enter the location of the adapter's artifacts (s3://bucket/path/ or https://…).";
  if (value.length > 1024) return `The artifact URL is ${value.length} characters long: SageMaker allows at most 1024.`;
  if (!/^(https|s3):\/\/([^/]+)\/?(.*)$/.test(value)) return 'The artifact URL must start with s3:// or https:// and name a bucket or host.';
  return undefined;
}

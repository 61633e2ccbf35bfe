import { type InferenceComponentScaling, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { adapterAssumption, baseSleeps } from '../../readiness/adapterWake';
import { type Plan, type PlanStep } from '../plans/plan';
import { adapterWakeAlarmStep, baseStepPolicyArn } from '../enableScaleToZero/adapterWakePlan';
import { findIdleTimeout } from '../../resources/idleTimeout';
import { countedAdapters, idleTimeoutSteps, maxIdleAdapters } from '../enableScaleToZero/idleTimeoutPlan';

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
  /** The base's adapters already there (their requests count in the base's idle alarm too). */
  otherAdapters?: readonly string[];
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
  // With an idle timeout, requests to the adapter must keep the base awake: its idle alarm counts them too.
  const idle = findIdleTimeout(base.name, baseScaling);
  if (idle?.policy) {
    const adapters = [...(input.otherAdapters ?? []), adapterName];
    steps.push(
      ...idleTimeoutSteps({
        inferenceComponentName: base.name,
        minutes: idle.minutes,
        parts: { idleAlarm: 'update' },
        existingPolicyArn: idle.policy.arn,
        names: { idleAlarm: idle.alarm.name },
        adapters,
      }),
    );
    const left = adapters.filter((name) => !countedAdapters(adapters).includes(name));
    notes.push(
      left.length
        ? `The idle alarm of ${base.name} counts the requests of ${maxIdleAdapters} adapters at most (CloudWatch's 10 metrics per alarm): requests to ${left.join(', ')} do not keep ${base.name} awake.`
        : `The idle alarm ${idle.alarm.name} of ${base.name} is rewritten to count requests to ${adapterName} too, so that they keep ${base.name} awake.`,
    );
  }
  return { title: `Add adapter ${adapterName} to ${base.name}`, steps, notes };
}

/** The artifact URL of an adapter: required, with the model's `Url` rules (s3:// or https://, at most 1024 characters). */
export function validateAdapterArtifactUrl(value: string): string | undefined {
  if (value.length === 0) return "Enter the location of the adapter's artifacts (s3://bucket/path/ or https://…).";
  if (value.length > 1024) return `The artifact URL is ${value.length} characters long: SageMaker allows at most 1024.`;
  if (!/^(https|s3):\/\/([^/]+)\/?(.*)$/.test(value)) return 'The artifact URL must start with s3:// or https:// and name a bucket or host.';
  return undefined;
}

import { type JsonObject } from '../protocols/jsonReader';
import { type InferenceComponentRecord } from './records';
import { type SageMakerStore } from './store';

/*
 * The failures the control API's `componentFaults` makes an inference component's next copies meet
 * (docs/emulator.md, "Fault scenarios"), and AWS's wording for each where it is public. Sources and
 * what is not confirmed: docs/emulator.md.
 */

export const componentFaultKinds = ['insufficientCapacity', 'healthCheckTimeout', 'imagePullDenied', 'outOfMemory', 'quotaExceeded'] as const;
export type ComponentFault = (typeof componentFaultKinds)[number];

/**
 * The health check timeout of a component without StartupParameters.ContainerStartupHealthCheckTimeoutInSeconds:
 * the API reference gives the range (60 to 3600) but no default, so the emulator waits the most it allows (not confirmed).
 */
export const defaultHealthCheckTimeoutSeconds = 3600;
/** A crash-looping container restarts this often (the contract's "~30 s"). */
export const crashLoopRestartSeconds = 30;

/**
 * AWS's FailureReason when the execution role cannot pull the image (quoted from a failed endpoint in
 * aws/sagemaker-python-sdk#2002; for an inference component, not confirmed).
 */
export const imagePullDeniedFailure = (roleArn: string, image: string) => `The role '${roleArn}' does not have BatchGetImage permission for the image: '${image}'.`;

/**
 * AWS's ResourceLimitExceeded sentence for an instance quota (the "for endpoint usage" quota as public
 * reports quote it; its closing sentences as SageMaker's newer quota messages write them).
 */
export const quotaExceededMessage = (instanceType: string, limit: number, utilization: number) =>
  `The account-level service limit '${instanceType} for endpoint usage' is ${limit} Instances, with current utilization of ${utilization} Instances and a request delta of 1 Instances. Please use AWS Service Quotas to request an increase for this quota. If AWS Service Quotas is not available, contact AWS support to request an increase for this quota.`;

/** What a crash-looping container of `outOfMemory` writes before it dies (PyTorch's message; the exact figures are ours). */
export const outOfMemoryLines = [
  'ERROR torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 22.06 GiB of which 1.12 GiB is free.',
  'ERROR Worker process exited with code 137',
];

const member = (document: JsonObject | undefined, name: string): JsonObject | undefined => {
  const value = document?.[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
};
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The image, model and execution role a component's container runs with (its own Container, or its model's). */
export function containerOf(ic: InferenceComponentRecord, store: SageMakerStore): { image: string; model: string; roleArn: string } {
  const spec = ic.specification;
  const container = member(spec, 'Container');
  const modelName = text(spec.ModelName);
  const model = modelName ? store.model(modelName) : undefined;
  const containers = model?.document.Containers;
  const modelContainer = member(model?.document, 'PrimaryContainer') ?? (Array.isArray(containers) ? (containers[0] as JsonObject) : undefined);
  return {
    image: text(container?.Image) ?? text(modelContainer?.Image) ?? 'unknown',
    model: modelName ?? text(container?.ArtifactUrl) ?? text(modelContainer?.ModelDataUrl) ?? 'unknown',
    roleArn: model?.executionRoleArn ?? 'unknown',
  };
}

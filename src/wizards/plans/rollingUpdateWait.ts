import type { DescribeInferenceComponentCommandOutput } from '@aws-sdk/client-sagemaker';
import { type AwsClients, loadSdk } from '../../aws/clients';
import { describeRollingDeployment } from '../../resources/rollingDeployment';
import { toRollingDeployment } from '../../aws/snapshots';
import { pollUntil, type PollOptions } from './resourceProbe';

type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** What an UpdateInferenceComponent asked for: the model, or the container image, the component should end up running. */
export interface RequestedSpecification {
  modelName?: string;
  image?: string;
}

/** How a rolling update ended: the new specification took, or SageMaker rolled it back (with its reason). */
export interface RollingUpdateOutcome {
  took: boolean;
  /** What the component runs now: "model m2", "image …". */
  running: string;
  failureReason?: string;
  /** LastDeploymentConfig in plain words. */
  deployment?: string;
  copies: number;
}

/** The model or image an UpdateInferenceComponent request asks for, read from its input. */
export function requestedSpecification(input: Record<string, unknown>): RequestedSpecification {
  const spec = (input.Specification ?? {}) as { ModelName?: unknown; Container?: { Image?: unknown } };
  return {
    ...(typeof spec.ModelName === 'string' ? { modelName: spec.ModelName } : {}),
    ...(typeof spec.Container?.Image === 'string' ? { image: spec.Container.Image } : {}),
  };
}

/**
 * Polls DescribeInferenceComponent until a rolling update leaves Updating, reporting the copies serving,
 * then says whether the new specification took: the described model (or image) is the one asked for.
 * A rolled-back update ends InService with the old specification (and, on the emulator, a FailureReason).
 */
export async function waitForRollingUpdate(clients: AwsClients, name: string, requested: RequestedSpecification, options: PollOptions, sdk?: Sdk): Promise<RollingUpdateOutcome> {
  const loaded = sdk ?? (await loadSdk());
  let last: DescribeInferenceComponentCommandOutput | undefined;
  await pollUntil(
    `Inference component ${name}`,
    async () => {
      const output: DescribeInferenceComponentCommandOutput = await clients.sageMaker.send(new loaded.DescribeInferenceComponentCommand({ InferenceComponentName: name }));
      last = output;
      const status = output.InferenceComponentStatus ?? 'Unknown';
      if (status === 'Failed' || status === 'Deleting') return { state: 'failed', status, reason: output.FailureReason };
      if (status !== 'Updating' && status !== 'Creating') return { state: 'done', status };
      const current = output.RuntimeConfig?.CurrentCopyCount ?? 0;
      const desired = output.RuntimeConfig?.DesiredCopyCount ?? current;
      return { state: 'pending', status: `rolling the copies, ${current} of ${desired} serving` };
    },
    options,
  );
  const output = last;
  const spec = output?.Specification;
  const modelName = spec?.ModelName;
  const image = spec?.Container?.DeployedImage?.SpecifiedImage;
  const took = requested.modelName !== undefined ? modelName === requested.modelName : requested.image !== undefined ? image === requested.image : true;
  return {
    took,
    running: modelName ? `model ${modelName}` : image ? `image ${image}` : 'its specification',
    ...(output?.FailureReason ? { failureReason: output.FailureReason } : {}),
    ...(output?.LastDeploymentConfig ? { deployment: describeRollingDeployment(toRollingDeployment(output.LastDeploymentConfig)) } : {}),
    copies: output?.RuntimeConfig?.CurrentCopyCount ?? 0,
  };
}

/** The outcome in a sentence: what took (or was rolled back, why), and the rolling update's settings. */
export function describeRollingUpdateOutcome(name: string, outcome: RollingUpdateOutcome): string {
  const copies = `${outcome.copies} ${outcome.copies === 1 ? 'copy' : 'copies'}`;
  const how = outcome.deployment ? ` (rolling update: ${outcome.deployment})` : '';
  if (outcome.took) return `${name} now runs ${outcome.running} on ${copies}${how}.`;
  const why = outcome.failureReason ? ` ${outcome.failureReason}` : ' SageMaker gave no reason: look at the alarms it watched and at the new copies\' logs.';
  return `The update of ${name} was rolled back: it still runs ${outcome.running} on ${copies}.${why}`;
}

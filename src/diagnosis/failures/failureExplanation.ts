import { instanceTypes } from '@s2z/instance-types';
import { sageMakerQuotasConsoleUrl } from '../../aws/consoleUrls';
import { type InferenceComponentSnapshot, type VariantSnapshot } from '../../resources/resourceSnapshots';
import { type ClassifiedBy, classifyFailure, type FailureKind } from './failureKinds';
import { type FailureInputs, type FailureSignal, findFailureSignal } from './failureSignal';
import { downloadPolicy } from './downloadPolicy';

export { type FailureKind } from './failureKinds';

/** A failure in plain words: what the tree's `Why:` row, its tooltip, the explanation and the playground show. */
export interface FailureExplanation {
  kind: FailureKind;
  /** Short, after "Why: " on the tree row: "no ml.g5.2xlarge capacity". */
  title: string;
  /** What happened, in a sentence or two. */
  summary: string;
  /** What to do, most useful first. */
  nextSteps: string[];
  /** An IAM policy statement to add to the execution role (download denied), as JSON. */
  policy?: string;
  /** AWS's own message, unchanged. */
  raw: string;
  /** Which field carried it, in words ("the component's FailureReason"). */
  rawSource: string;
  classifiedBy: ClassifiedBy;
  at?: Date;
  /** The container lines that decided or support it (newest last). */
  evidence: string[];
}

export interface ExplainOptions extends FailureInputs {
  /** The component's latest container log lines, oldest first (evidence; refines the kind). */
  logLines?: readonly string[];
  /** The component's model's execution role and image (download denied: whose permissions, which repository). */
  executionRoleArn?: string;
  image?: string;
  modelDataUrl?: string;
  region?: string;
}

const sourceWords: Record<FailureSignal['source'], string> = {
  componentFailureReason: "the inference component's FailureReason (DescribeInferenceComponent)",
  endpointFailureReason: "the endpoint's FailureReason (DescribeEndpoint)",
  scalingActivity: "the scaling activity's StatusMessage (Application Auto Scaling DescribeScalingActivities)",
  deadline: "the playground's held request",
};

/** Explains the failure the inputs show, or undefined when nothing failed. */
export function explainFailure(options: ExplainOptions): FailureExplanation | undefined {
  const signal = findFailureSignal(options);
  if (!signal) return undefined;
  const logLines = options.logLines ?? [];
  const { kind, by } = classifyFailure(signal, logLines);
  const variant = variantOf(options);
  const base = {
    kind,
    raw: signal.message || '(no message: the wake had not finished)',
    rawSource: sourceWords[signal.source],
    classifiedBy: by,
    at: signal.at,
    evidence: logLines.filter((line) => /ERROR|WARN|exited|Killed|still loading|denied/i.test(line)).slice(-6),
  };
  switch (kind) {
    case 'insufficientCapacity':
      return { ...base, ...insufficientCapacity(options.component, variant) };
    case 'quotaExceeded':
      return { ...base, ...quotaExceeded(signal.message, variant, options.region) };
    case 'healthCheckTimeout':
      return { ...base, ...healthCheckTimeout(options.component) };
    case 'outOfMemory':
      return { ...base, ...outOfMemory(options.component, variant) };
    case 'downloadDenied':
      return { ...base, ...downloadDenied(signal.message, options) };
    case 'stillWaking':
      return { ...base, ...stillWaking(options) };
    default:
      return {
        ...base,
        title: shorten(signal.message) || `${signal.status ?? 'failed'}`,
        summary: `AWS reported a failure this extension does not recognise: ${signal.message || 'no message'}`,
        nextSteps: ["Read AWS's message below and the container's logs (Show Logs).", 'Check the scaling activities and the endpoint’s events in the SageMaker console.'],
      };
  }
}

type Explained = Pick<FailureExplanation, 'title' | 'summary' | 'nextSteps' | 'policy'>;

function variantOf(options: ExplainOptions): VariantSnapshot | undefined {
  const variants = options.endpoint?.variants ?? [];
  return variants.find((variant) => variant.name === options.component?.variantName) ?? variants[0];
}

function typesOf(variant: VariantSnapshot | undefined): string[] {
  return variant?.instancePools?.map((pool) => pool.instanceType) ?? (variant?.instanceType ? [variant.instanceType] : []);
}

/** Other GPU types that hold a copy (its accelerators and memory), not already in the variant: a fallback to add. */
export function fallbackCandidates(component: InferenceComponentSnapshot | undefined, variant: VariantSnapshot | undefined, count = 3): string[] {
  const current = typesOf(variant);
  // Without the variant's types there is nothing to compare a candidate with.
  if (current.length === 0) return [];
  const first = instanceTypes.get(current[0]);
  const accelerators = Math.max(component?.compute?.accelerators ?? 0, first?.accelerators ? 1 : 0);
  const memory = component?.compute?.memoryMb ?? 0;
  const family = (type: string) => type.split('.')[1];
  // An image built for NVIDIA GPUs does not run on Neuron devices (ml.inf2), nor the other way round.
  const neuron = (type: string) => /^ml\.(inf|trn)\d/.test(type);
  return [...instanceTypes.entries()]
    .filter(([type]) => !current.includes(type) && !current.some((used) => family(used) === family(type)) && neuron(type) === neuron(current[0]))
    .filter(([, spec]) => spec.accelerators >= accelerators && spec.memoryMiB >= memory && (accelerators > 0 ? spec.accelerators > 0 : true))
    .sort((a, b) => a[1].memoryMiB - b[1].memoryMiB || a[1].accelerators - b[1].accelerators)
    .slice(0, count)
    .map(([type]) => type);
}

function insufficientCapacity(component: InferenceComponentSnapshot | undefined, variant: VariantSnapshot | undefined): Explained {
  const types = typesOf(variant);
  const named = types.length > 0 ? types.join(', ') : 'the instance type';
  const steps: string[] = [];
  if (types.length <= 1) {
    const candidates = fallbackCandidates(component, variant);
    steps.push(
      `Add a fallback instance type: a new endpoint config whose variant lists InstancePools (${named} at Priority 1${candidates.length > 0 ? `, then e.g. ${candidates.join(' or ')}` : ''}), so a wake takes the next type when the first has none.`,
    );
  } else {
    steps.push(`Every type of the variant (${named}) was out of capacity: add another family to its InstancePools.`);
  }
  steps.push('Try again later, or run the endpoint in another region or Availability Zone where the type has capacity.');
  steps.push(
    variant?.capacityReservation?.mlReservationArn
      ? `The variant uses the capacity reservation ${variant.capacityReservation.mlReservationArn}: check it has instances left (${variant.capacityReservation.availableInstanceCount ?? '?'} available).`
      : 'Reserve capacity for wakes: an ML capacity reservation (training plan) named in the variant’s CapacityReservationConfig.',
  );
  return {
    title: `no ${types[0] ?? 'instance'} capacity`,
    summary: `AWS had no free ${named} instance to start when the component needed one (InsufficientInstanceCapacity), so no copy could start and requests keep being refused.`,
    nextSteps: steps,
  };
}

function quotaExceeded(message: string, variant: VariantSnapshot | undefined, region: string | undefined): Explained {
  const quota = /service limit '([^']+)' is (\d+) Instances?, with current utilization of (\d+) Instances?/i.exec(message);
  const name = quota?.[1] ?? `${typesOf(variant)[0] ?? '<instance type>'} for endpoint usage`;
  const link = region ? sageMakerQuotasConsoleUrl(region) : 'the Service Quotas console (SageMaker)';
  return {
    title: `quota reached: ${name}${quota ? ` (${quota[2]})` : ''}`,
    summary: `The account's quota "${name}" ${quota ? `is ${quota[2]} instances and ${quota[3]} are in use` : 'is used up'}, so SageMaker refused another instance (ResourceLimitExceeded).`,
    nextSteps: [
      `Request an increase of "${name}" in Service Quotas: ${link}`,
      'Or free instances: scale down or delete another endpoint of this type in the region.',
      'Or use another instance type whose quota has room (a fallback type in the variant’s InstancePools).',
    ],
  };
}

function healthCheckTimeout(component: InferenceComponentSnapshot | undefined): Explained {
  const settings = component?.startSettings;
  const timeout = settings?.healthCheckTimeoutSeconds;
  const download = settings?.downloadTimeoutSeconds;
  return {
    title: timeout !== undefined ? `health check not passed within ${timeout} s` : 'health check not passed',
    summary: `The container started but did not answer SageMaker's /ping health check within ContainerStartupHealthCheckTimeoutInSeconds (${timeout !== undefined ? `${timeout} s` : 'not set: SageMaker’s default'}); usually a model too large to load in that time.`,
    nextSteps: [
      `Raise ContainerStartupHealthCheckTimeoutInSeconds (now ${timeout !== undefined ? `${timeout} s` : 'not set'}; at most 3600 s) with Update Model…${download !== undefined ? `; ModelDataDownloadTimeoutInSeconds is ${download} s` : ''}.`,
      'Load less: a smaller or quantized model, or one already in the image; turn on data caching (DataCacheConfig.EnableCaching) so the next copy skips the download.',
      'Read the container’s logs (Show Logs) for the last line it wrote before the timeout.',
    ],
  };
}

function outOfMemory(component: InferenceComponentSnapshot | undefined, variant: VariantSnapshot | undefined): Explained {
  const compute = component?.compute;
  const type = typesOf(variant)[0];
  const larger = fallbackCandidates(component, variant).filter((candidate) => (instanceTypes.get(candidate)?.memoryMiB ?? 0) > (instanceTypes.get(type ?? '')?.memoryMiB ?? 0));
  return {
    title: 'out of memory',
    summary: `The container ran out of memory loading the model (it crashed and restarted until the health check gave up). Each copy asks for ${compute?.accelerators ?? '?'} accelerator(s) and ${compute?.memoryMb ?? '?'} MiB on ${type ?? 'its instance type'}.`,
    nextSteps: [
      `Give each copy more: NumberOfAcceleratorDevicesRequired (now ${compute?.accelerators ?? 'not set'}) with tensor parallelism across them, and MinMemoryRequiredInMb (now ${compute?.memoryMb ?? 'not set'} MiB).`,
      `Or a larger instance type${larger.length > 0 ? ` (e.g. ${larger.join(', ')})` : ''}, or a smaller or quantized model.`,
      'Lower the server’s memory use: a shorter maximum sequence length or batch size (e.g. vLLM’s --max-model-len, --gpu-memory-utilization).',
    ],
  };
}

function downloadDenied(message: string, options: ExplainOptions): Explained {
  // "The execution role arn:… does not have permission to pull the image <uri>: …", or "The role '<arn>' does not have BatchGetImage permission for the image: '<uri>'."
  const role = /role '?(arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+)/.exec(message)?.[1] ?? options.executionRoleArn;
  const image = /image:? '?(\d{12}\.dkr\.ecr[\w.-]*\.amazonaws\.com(?:\.cn)?\/[^\s:@']+(?:[:@][^\s']+?)?)(?=[':.]?\s|[':.]*$)/.exec(message)?.[1] ?? options.image ?? options.component?.container?.image;
  const s3 = /(s3:\/\/[^\s'"]+?)[.,;:]?(?=\s|$)/.exec(message)?.[1] ?? options.modelDataUrl ?? options.component?.container?.artifactUrl;
  const isImage = /image|ecr/i.test(message) || (!s3 && image !== undefined);
  const policy = downloadPolicy(isImage ? { image } : { s3Url: s3 });
  const what = isImage ? `the image ${image ?? '(unknown)'}` : `the model data ${s3 ?? '(unknown)'}`;
  return {
    title: isImage ? 'image pull denied' : 'model download denied',
    summary: `SageMaker could not ${isImage ? 'pull' : 'download'} ${what}: the execution role ${role ?? 'of the model'} lacks the permission.`,
    nextSteps: [
      `Add the statement below to the execution role${role ? ` ${role.split('/').pop()}` : ''} (IAM console → Roles → Add permissions → Create inline policy).`,
      isImage
        ? 'If the repository is in another account, its repository policy must also allow the role.'
        : 'If the bucket is encrypted with a KMS key, the role also needs kms:Decrypt on that key.',
      'Then create the copies again (Set Copy Count, or Update Model… for a Failed component).',
    ],
    policy: policy ? JSON.stringify(policy, null, 2) : undefined,
  };
}

function stillWaking(options: ExplainOptions): Explained {
  const seconds = options.deadline?.seconds;
  return {
    title: `still waking after ${seconds ?? '?'} s`,
    summary: `Nothing failed: the wake was still under way when the request's deadline (${seconds ?? '?'} s) passed. A wake from zero takes minutes (a new instance, then the copy).`,
    nextSteps: [
      'Wait and send again, or give the request a longer deadline.',
      'Wake now before sending (skips the alarm’s minute), or keep one copy in service during working hours (a schedule).',
      'Explain Cold Start… on the component shows where the minutes go.',
    ],
  };
}

function shorten(message: string): string {
  const first = message.split(/(?<=\.)\s/)[0] ?? '';
  return first.length > 60 ? `${first.slice(0, 57)}…` : first;
}

import { type AwsClients, loadSdk } from '../../aws/clients';
import { isNotFound } from '../../aws/awsErrorCodes';
import { type CreatedResource } from './plan';
import { hasSettings, planRunTagKey } from './overwrites';

type Sdk = Awaited<ReturnType<typeof loadSdk>>;

export type Probe =
  | { exists: false }
  | {
      exists: true;
      /** The resource's status where it has one (endpoints, inference components, schedules). */
      status?: string;
      /**
       * The Describe answer merged with the members the create call would have returned (ModelArn,
       * PolicyARN, ScheduleArn…), so a skipped step's outputs resolve by their usual paths.
       */
      response: Record<string, unknown>;
    };

/** How each resource is named in messages: "endpoint demo", "scaling policy x on inference-component/ic". */
export function describeResource(resource: CreatedResource): string {
  switch (resource.kind) {
    case 'model':
      return `model ${resource.name}`;
    case 'endpointConfig':
      return `endpoint config ${resource.name}`;
    case 'endpoint':
      return `endpoint ${resource.name}`;
    case 'inferenceComponent':
      return `inference component ${resource.name}`;
    case 'scalableTarget':
      return `scalable target ${resource.resourceId}`;
    case 'scalingPolicy':
      return `scaling policy ${resource.policyName} on ${resource.resourceId}`;
    case 'alarm':
      return `alarm ${resource.name}`;
    case 'schedule':
      return `schedule ${resource.name} (group ${resource.group})`;
    case 'scheduledAction':
      return `scheduled action ${resource.name} on ${resource.resourceId}`;
    case 'role':
      return `role ${resource.name}`;
    case 'rolePolicy':
      return `inline policy ${resource.policyName} of role ${resource.roleName}`;
  }
}

function strip(output: object): Record<string, unknown> {
  const { $metadata: _metadata, ...rest } = output as Record<string, unknown>;
  return rest;
}

async function describeOrMissing<T extends object>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Does a resource a step would create already exist? Uses the matching Describe/List call; a resource
 * being deleted counts as existing (its name is still taken) with status `Deleting`.
 */
export async function probeResource(clients: AwsClients, resource: CreatedResource, sdk?: Sdk): Promise<Probe> {
  const loaded = sdk ?? (await loadSdk());
  switch (resource.kind) {
    case 'model': {
      const output = await describeOrMissing(() => clients.sageMaker.send(new loaded.DescribeModelCommand({ ModelName: resource.name })));
      return output ? { exists: true, response: strip(output) } : { exists: false };
    }
    case 'endpointConfig': {
      const output = await describeOrMissing(() =>
        clients.sageMaker.send(new loaded.DescribeEndpointConfigCommand({ EndpointConfigName: resource.name })),
      );
      return output ? { exists: true, response: strip(output) } : { exists: false };
    }
    case 'endpoint': {
      const output = await describeOrMissing(() => clients.sageMaker.send(new loaded.DescribeEndpointCommand({ EndpointName: resource.name })));
      return output ? { exists: true, status: output.EndpointStatus, response: strip(output) } : { exists: false };
    }
    case 'inferenceComponent': {
      const output = await describeOrMissing(() =>
        clients.sageMaker.send(new loaded.DescribeInferenceComponentCommand({ InferenceComponentName: resource.name })),
      );
      return output ? { exists: true, status: output.InferenceComponentStatus, response: strip(output) } : { exists: false };
    }
    case 'scalableTarget': {
      const output = await clients.autoScaling.send(
        new loaded.DescribeScalableTargetsCommand({
          ServiceNamespace: 'sagemaker',
          ResourceIds: [resource.resourceId],
          ScalableDimension: resource.scalableDimension as never,
        }),
      );
      const target = output.ScalableTargets?.find((candidate) => candidate.ResourceId === resource.resourceId);
      return target ? { exists: true, response: { ...target } } : { exists: false };
    }
    case 'scalingPolicy': {
      const output = await clients.autoScaling.send(
        new loaded.DescribeScalingPoliciesCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: resource.resourceId,
          ScalableDimension: resource.scalableDimension as never,
          PolicyNames: [resource.policyName],
        }),
      );
      const policy = output.ScalingPolicies?.find((candidate) => candidate.PolicyName === resource.policyName);
      return policy ? { exists: true, response: { ...policy } } : { exists: false };
    }
    case 'alarm': {
      const output = await clients.cloudWatch.send(new loaded.DescribeAlarmsCommand({ AlarmNames: [resource.name] }));
      const alarm = output.MetricAlarms?.find((candidate) => candidate.AlarmName === resource.name);
      return alarm ? { exists: true, status: alarm.StateValue, response: { ...alarm } } : { exists: false };
    }
    case 'schedule': {
      const output = await describeOrMissing(() =>
        clients.scheduler.send(new loaded.GetScheduleCommand({ Name: resource.name, GroupName: resource.group })),
      );
      return output ? { exists: true, status: output.State, response: { ...strip(output), ScheduleArn: output.Arn } } : { exists: false };
    }
    case 'scheduledAction': {
      const output = await clients.autoScaling.send(
        new loaded.DescribeScheduledActionsCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: resource.resourceId,
          ScalableDimension: resource.scalableDimension as never,
          ScheduledActionNames: [resource.name],
        }),
      );
      const action = output.ScheduledActions?.find((candidate) => candidate.ScheduledActionName === resource.name);
      return action ? { exists: true, response: { ...action } } : { exists: false };
    }
    case 'role': {
      const output = await describeOrMissing(() => clients.iam.send(new loaded.GetRoleCommand({ RoleName: resource.name })));
      return output ? { exists: true, response: strip(output) } : { exists: false };
    }
    case 'rolePolicy': {
      const output = await describeOrMissing(() =>
        clients.iam.send(new loaded.GetRolePolicyCommand({ RoleName: resource.roleName, PolicyName: resource.policyName })),
      );
      return output ? { exists: true, response: strip(output) } : { exists: false };
    }
  }
}

const sageMakerArnMember: Partial<Record<CreatedResource['kind'], string>> = {
  model: 'ModelArn',
  endpointConfig: 'EndpointConfigArn',
  endpoint: 'EndpointArn',
  inferenceComponent: 'InferenceComponentArn',
};

/**
 * Whose is a resource that has the name a create call of this run asked for? `ours` when it carries
 * the run's `s2z:plan-run` tag (SageMaker, IAM roles) or, for a schedule (no tags), when it has every setting the
 * call asked for; `notOurs` otherwise; `absent` when there is none. Other kinds (written by Put calls
 * the runner probes first) count as ours once they exist.
 */
export async function ownerOf(
  clients: AwsClients,
  resource: CreatedResource,
  check: { runId: string; input: Record<string, unknown> },
  sdk?: Sdk,
): Promise<{ owner: 'ours' | 'notOurs' | 'absent'; probe: Probe }> {
  const loaded = sdk ?? (await loadSdk());
  const probe = await probeResource(clients, resource, loaded);
  if (!probe.exists) return { owner: 'absent', probe };
  const arnMember = sageMakerArnMember[resource.kind];
  if (arnMember) {
    const arn = probe.response[arnMember];
    if (typeof arn !== 'string') return { owner: 'notOurs', probe };
    const tags: { Key?: string; Value?: string }[] = [];
    let nextToken: string | undefined;
    do {
      const page = await clients.sageMaker.send(new loaded.ListTagsCommand({ ResourceArn: arn, NextToken: nextToken }));
      tags.push(...(page.Tags ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    const ours = tags.some((tag) => tag.Key === planRunTagKey && tag.Value === check.runId);
    return { owner: ours ? 'ours' : 'notOurs', probe };
  }
  if (resource.kind === 'role') {
    const tags = (probe.response.Role as { Tags?: { Key?: string; Value?: string }[] } | undefined)?.Tags ?? [];
    return { owner: tags.some((tag) => tag.Key === planRunTagKey && tag.Value === check.runId) ? 'ours' : 'notOurs', probe };
  }
  if (resource.kind === 'schedule') {
    const { Name: _name, GroupName: _group, ...settings } = check.input;
    return { owner: hasSettings(settings, probe.response) ? 'ours' : 'notOurs', probe };
  }
  return { owner: 'ours', probe };
}

export interface PollOptions {
  wait: (ms: number) => Promise<void>;
  /** Time between polls (the waits requested add up to the elapsed time, so a virtual clock works). */
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  onPoll?: (status: string, elapsedMs: number) => void;
}

/** Thrown when a waited-for resource ends in a failed state; the message carries its FailureReason. */
export class ResourceFailedError extends Error {
  constructor(
    message: string,
    readonly status: string,
    readonly failureReason?: string,
  ) {
    super(message);
    this.name = 'ResourceFailedError';
  }
}

export class WaitTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitTimeoutError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

/**
 * Polls `read` until it reports `done`, throwing on `failed`, on cancellation and on timeout. The
 * elapsed time is the sum of the waits, so a test can drive a frozen clock from `wait`.
 */
export async function pollUntil(
  what: string,
  read: () => Promise<{ state: 'done' | 'pending' | 'failed'; status: string; reason?: string }>,
  options: PollOptions,
): Promise<void> {
  let elapsed = 0;
  for (;;) {
    if (options.signal?.aborted) throw new CancelledError();
    const result = await read();
    options.onPoll?.(result.status, elapsed);
    if (result.state === 'done') return;
    if (result.state === 'failed') {
      throw new ResourceFailedError(
        `${what} is ${result.status}${result.reason ? `: ${result.reason}` : '.'}`,
        result.status,
        result.reason,
      );
    }
    if (elapsed >= options.timeoutMs) {
      throw new WaitTimeoutError(`${what} is still ${result.status} after ${Math.round(elapsed / 60_000)} min; stopped waiting.`);
    }
    await options.wait(options.intervalMs);
    elapsed += options.intervalMs;
  }
}

/** Waits until an endpoint is InService; fails with its FailureReason if it goes Failed. */
export async function waitForEndpointInService(clients: AwsClients, name: string, options: PollOptions, sdk?: Sdk): Promise<void> {
  const loaded = sdk ?? (await loadSdk());
  await pollUntil(
    `Endpoint ${name}`,
    async () => {
      const output = await clients.sageMaker.send(new loaded.DescribeEndpointCommand({ EndpointName: name }));
      const status = output.EndpointStatus ?? 'Unknown';
      if (status === 'InService') return { state: 'done', status };
      if (status === 'Failed' || status === 'UpdateRollbackFailed' || status === 'Deleting' || status === 'OutOfService') {
        return { state: 'failed', status, reason: output.FailureReason };
      }
      return { state: 'pending', status };
    },
    options,
  );
}

/** Waits until an inference component is InService (there is no SDK waiter for ICs). */
export async function waitForInferenceComponentInService(clients: AwsClients, name: string, options: PollOptions, sdk?: Sdk): Promise<void> {
  const loaded = sdk ?? (await loadSdk());
  await pollUntil(
    `Inference component ${name}`,
    async () => {
      const output = await clients.sageMaker.send(new loaded.DescribeInferenceComponentCommand({ InferenceComponentName: name }));
      const status = output.InferenceComponentStatus ?? 'Unknown';
      if (status === 'InService') return { state: 'done', status };
      if (status === 'Failed' || status === 'Deleting') return { state: 'failed', status, reason: output.FailureReason };
      return { state: 'pending', status };
    },
    options,
  );
}

/** Waits until a resource's Describe call answers "not found". */
export async function waitUntilGone(clients: AwsClients, resource: CreatedResource, options: PollOptions, sdk?: Sdk): Promise<void> {
  const loaded = sdk ?? (await loadSdk());
  await pollUntil(
    describeResource(resource).replace(/^./, (first) => first.toUpperCase()),
    async () => {
      const probe = await probeResource(clients, resource, loaded);
      if (!probe.exists) return { state: 'done', status: 'gone' };
      return { state: 'pending', status: probe.status ?? 'present' };
    },
    options,
  );
}

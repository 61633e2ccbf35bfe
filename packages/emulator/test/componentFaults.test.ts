import * as assert from 'node:assert/strict';
import { DescribeScalingActivitiesCommand, PutScheduledActionCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DescribeInferenceComponentCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { controlRequest, credentials, errorOf, roleArn } from './harness';
import { deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';
import { defaultTimings } from '../src/timings';
import { copyStart } from '../src/sagemaker/copyStart';
import { type InferenceComponentRecord } from '../src/sagemaker/records';

const group = '/aws/sagemaker/InferenceComponents/ic';
const healthCheckWording = 'The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.';
const capacityWording = 'Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error';
const quotaWording =
  "The account-level service limit 'ml.g5.2xlarge for endpoint usage' is 0 Instances, with current utilization of 0 Instances and a request delta of 1 Instances. Please use AWS Service Quotas to request an increase for this quota. If AWS Service Quotas is not available, contact AWS support to request an increase for this quota.";
/** From the wake (its scaling activity's start) to the new copy's container starting: an instance provisions, then the data downloads. */
const toContainer = defaultTimings.instanceProvisioningSeconds + defaultTimings.modelDownloadSeconds;

describe('emulator: fault scenarios on an inference component\'s next copies (componentFaults)', () => {
  let h: ScalingHarness;
  let logs: CloudWatchLogsClient;
  beforeEach(async () => {
    h = await startScalingHarness();
    logs = new CloudWatchLogsClient({ endpoint: h.emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    // The component in service, then asleep: 0 copies and no instance.
    await deployScaleToZero(h);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(3600);
  });
  afterEach(async () => {
    logs.destroy();
    await stopScalingHarness(h);
  });

  const setFault = (fault: string) => controlRequest(h.emulator.url, 'POST', 'faults', { componentFaults: { ic: fault } });
  const describeIc = () => h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
  /** A scheduled action wakes the component (within the next minute); returns when the wake's scaling activity started. */
  async function wake(): Promise<number> {
    await h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), MinCapacity: 0, MaxCapacity: 2 }));
    const at = h.emulator.now() + 60_000;
    await h.aas.send(new PutScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: 'wake', Schedule: `at(${new Date(at).toISOString().slice(0, 19)})`, ScalableTargetAction: { MinCapacity: 1 } }));
    h.emulator.advance(60);
    const started = (await wakeActivity())?.StartTime?.getTime();
    assert.ok(started, 'the wake started');
    return started;
  }
  /** Runs the clock to `seconds` after `from` (epoch ms). */
  const advanceTo = (from: number, seconds: number) => h.emulator.advance(Math.max(0, (from + seconds * 1000 - h.emulator.now()) / 1000));
  const wakeActivity = async () =>
    ((await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/ic' }))).ScalingActivities ?? []).find(
      (activity) => activity.Description === 'Setting desired copy count to 1.',
    );
  const streams = async () => ((await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams ?? []).map((stream) => stream.logStreamName!);
  /** The lines of the streams created after the first copy's (the wake's). */
  async function wakeLines(): Promise<FilteredLogEvent[]> {
    const [first, ...rest] = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime' }))).logStreams ?? [];
    assert.ok(first);
    if (rest.length === 0) return [];
    const events: FilteredLogEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNames: rest.map((stream) => stream.logStreamName!), nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  it('insufficientCapacity: the wake\'s activity fails with AWS\'s InsufficientInstanceCapacity wording, the component stays InService with 0 copies, no line; clearing the fault lets the copy start', async () => {
    await setFault('insufficientCapacity');
    await wake();
    h.emulator.advance(600);
    const activity = await wakeActivity();
    assert.equal(activity?.StatusCode, 'Failed');
    assert.equal(activity?.StatusMessage, `Failed to set desired copy count to 1. Reason: ${capacityWording}`);
    const ic = await describeIc();
    assert.equal(ic.InferenceComponentStatus, 'InService');
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 0);
    assert.equal((await streams()).length, 1, 'no container ran: no new stream');
    await controlRequest(h.emulator.url, 'DELETE', 'faults');
    h.emulator.advance(600);
    assert.equal((await describeIc()).RuntimeConfig?.CurrentCopyCount, 1);
    assert.equal((await streams()).length, 2);
  });

  it('quotaExceeded: the activity fails with AWS\'s ResourceLimitExceeded sentence, no line, and CreateEndpoint needing the type is refused with it', async () => {
    await setFault('quotaExceeded');
    await wake();
    h.emulator.advance(600);
    const activity = await wakeActivity();
    assert.equal(activity?.StatusCode, 'Failed');
    assert.equal(activity?.StatusMessage, `Failed to set desired copy count to 1. Reason: ${quotaWording}`);
    assert.equal((await describeIc()).InferenceComponentStatus, 'InService');
    assert.equal((await describeIc()).RuntimeConfig?.CurrentCopyCount, 0);
    assert.equal((await streams()).length, 1);
    await h.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'other-cfg', ExecutionRoleArn: roleArn, ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] }));
    const refused = await errorOf(() => h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'other', EndpointConfigName: 'other-cfg' })));
    assert.equal(refused.name, 'ResourceLimitExceeded');
    assert.equal(refused.message, quotaWording);
  });

  it('healthCheckTimeout: the container loads and warns every minute until the default timeout (3600 s), then the component fails with the health check wording', async () => {
    await setFault('healthCheckTimeout');
    const wakeAt = await wake();
    advanceTo(wakeAt, toContainer + 3600 + 60);
    const ic = await describeIc();
    assert.equal(ic.InferenceComponentStatus, 'Failed');
    assert.equal(ic.FailureReason, healthCheckWording);
    const lines = await wakeLines();
    assert.equal(lines[0].message, 'INFO Starting inference server: image image:latest, model ic-model');
    assert.equal(lines[1].message, 'INFO Loading model weights from /opt/ml/model');
    const warnings = lines.filter((line) => line.message!.startsWith('WARNING Model still loading'));
    assert.equal(warnings.length, 59);
    assert.equal(warnings[0].message, 'WARNING Model still loading (60 s elapsed)');
    assert.equal(warnings[58].message, 'WARNING Model still loading (3540 s elapsed)');
    assert.equal(warnings[0].timestamp! - lines[0].timestamp!, 60_000);
    assert.ok(!lines.some((line) => line.message!.includes('/ping')), 'never answers its health check');
    assert.equal(lines[0].timestamp! - wakeAt, toContainer * 1000);
    const activity = await wakeActivity();
    assert.equal(activity?.StatusCode, 'Failed');
    assert.equal(activity?.StatusMessage, `Failed to set desired copy count to 1. Reason: ${healthCheckWording}`);
  });

  it('imagePullDenied: no stream at all; after the download phase the component fails naming the execution role and the image', async () => {
    await setFault('imagePullDenied');
    const wakeAt = await wake();
    advanceTo(wakeAt, toContainer - 1);
    assert.equal((await describeIc()).InferenceComponentStatus, 'Updating', 'still downloading');
    advanceTo(wakeAt, toContainer + 1);
    const ic = await describeIc();
    assert.equal(ic.InferenceComponentStatus, 'Failed');
    assert.equal(ic.FailureReason, `The role '${roleArn}' does not have BatchGetImage permission for the image: 'image:latest'.`);
    assert.equal(ic.LastModifiedTime!.getTime(), wakeAt + toContainer * 1000, 'it fails when the download phase ends');
    assert.equal((await streams()).length, 1, 'no stream for a container that never ran');
  });

  it('outOfMemory: a crash loop (out of memory, exit 137, a new container every 30 s in the same stream) until the health check timeout, then the health check wording', async () => {
    await setFault('outOfMemory');
    const wakeAt = await wake();
    advanceTo(wakeAt, toContainer + 3600 + 60);
    const ic = await describeIc();
    assert.equal(ic.InferenceComponentStatus, 'Failed');
    assert.equal(ic.FailureReason, healthCheckWording);
    const lines = await wakeLines();
    assert.equal(new Set(lines.map((line) => line.logStreamName)).size, 1, 'one stream: the copy\'s');
    const starts = lines.filter((line) => line.message!.startsWith('INFO Starting inference server'));
    assert.equal(starts.length, 120);
    assert.equal(starts[1].timestamp! - starts[0].timestamp!, 30_000);
    assert.deepEqual(
      lines.slice(0, 4).map((line) => line.message),
      [
        'INFO Starting inference server: image image:latest, model ic-model',
        'INFO Loading model weights from /opt/ml/model',
        'ERROR torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 22.06 GiB of which 1.12 GiB is free.',
        'ERROR Worker process exited with code 137',
      ],
    );
  });

  it('imagePullDenied with the data cached on the instance still waits for the pull (never a failure at the very start)', () => {
    const ic = { name: 'c', variantName: 'AllTraffic', specification: { DataCacheConfig: { EnableCaching: true } } } as unknown as InferenceComponentRecord;
    const instance = { id: 'i-1', state: 'running' as const, readyAt: 0, cachedComponents: ['c'] };
    assert.equal(copyStart(ic, instance, defaultTimings).download, 0, 'cached: no download otherwise');
    const denied = copyStart(ic, instance, defaultTimings, { kind: 'imagePullDenied', imagePullFailure: 'denied' });
    assert.equal(denied.seconds, defaultTimings.modelDownloadSeconds);
    assert.equal(denied.failure, 'denied');
    assert.equal(copyStart(ic, instance, { ...defaultTimings, modelDownloadSeconds: 0 }, { kind: 'imagePullDenied', imagePullFailure: 'denied' }).seconds, 1);
  });

  it('applies to copies that start after it is set, names only its component, and refuses an unknown scenario', async () => {
    const refused = await setFault('slowDisk');
    assert.equal(refused.status, 400);
    assert.match(String(refused.json.error), /componentFaults\.ic must be one of: insufficientCapacity, healthCheckTimeout, imagePullDenied, outOfMemory, quotaExceeded/);
    await controlRequest(h.emulator.url, 'POST', 'faults', { componentFaults: { 'another-ic': 'imagePullDenied' } });
    await wake();
    h.emulator.advance(toContainer + 200);
    assert.equal((await describeIc()).InferenceComponentStatus, 'InService');
    assert.equal((await describeIc()).RuntimeConfig?.CurrentCopyCount, 1);
    assert.deepEqual((await controlRequest(h.emulator.url, 'GET', 'faults')).json.faults, { latencyMs: 0, throttleRate: 0, errorRate: 0, componentFaults: { 'another-ic': 'imagePullDenied' } });
  });
});

import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  type CreateInferenceComponentCommandInput,
  CreateModelCommand,
  DescribeInferenceComponentCommand,
  type InferenceComponentSpecification,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { controlRequest, errorOf, roleArn } from './harness';
import { startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';
import { defaultTimings } from '../src/timings';

/** The default timings: a copy downloads for 70 s, then its container starts for 66.8 s. */
const download = defaultTimings.modelDownloadSeconds;
const containerStart = defaultTimings.copyStartSeconds - defaultTimings.modelDownloadSeconds;
const healthCheckWording = 'The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.';

interface StateSummary {
  endpoints: { variants: { instances: { id: string; cachedComponents?: string[] }[] }[] }[];
  inferenceComponents: { name: string; copies: { instanceId: string; state: string }[] }[];
}

describe('emulator: an inference component\'s start settings (StartupParameters, DataCacheConfig, SchedulingConfig)', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
    await h.sagemaker.send(new CreateModelCommand({ ModelName: 'm', PrimaryContainer: { Image: 'image:latest' }, ExecutionRoleArn: roleArn }));
  });
  afterEach(() => stopScalingHarness(h));

  async function createEndpoint(instanceType: 'ml.g5.2xlarge' | 'ml.g5.12xlarge' = 'ml.g5.2xlarge', initialInstances = 1): Promise<void> {
    await h.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'cfg',
        ExecutionRoleArn: roleArn,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstanceType: instanceType,
            InitialInstanceCount: initialInstances,
            ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 },
          },
        ],
      }),
    );
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }));
    h.emulator.advance(180);
  }

  const createComponent = (spec: Partial<InferenceComponentSpecification>, copies = 1, name = 'ic') =>
    h.sagemaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: name,
        EndpointName: 'ep',
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'm', ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: 1 }, ...spec },
        RuntimeConfig: { CopyCount: copies },
      } satisfies CreateInferenceComponentCommandInput),
    );
  const describe = (name = 'ic') => h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }));
  const state = async () => (await controlRequest(h.emulator.url, 'GET', 'state')).json as unknown as StateSummary;

  it('stores the settings and Describe echoes them in the model\'s output shape', async () => {
    await createEndpoint();
    const settings = {
      StartupParameters: { ModelDataDownloadTimeoutInSeconds: 600, ContainerStartupHealthCheckTimeoutInSeconds: 900 },
      DataCacheConfig: { EnableCaching: true },
      SchedulingConfig: { PlacementStrategy: 'BINPACK' as const, AvailabilityZoneBalance: { EnforcementMode: 'PERMISSIVE' as const, MaxImbalance: 1 } },
    };
    await createComponent(settings);
    const spec = (await describe()).Specification;
    assert.deepEqual(spec?.StartupParameters, settings.StartupParameters);
    assert.deepEqual(spec?.DataCacheConfig, { EnableCaching: true });
    assert.deepEqual(spec?.SchedulingConfig, settings.SchedulingConfig);
  });

  it('refuses values outside the model\'s rules: an unknown strategy, an imbalance above 100, a timeout below 60', async () => {
    await createEndpoint();
    const strategy = await errorOf(() => createComponent({ SchedulingConfig: { PlacementStrategy: 'PACK' as 'SPREAD' } }));
    assert.equal(strategy.name, 'ValidationException', strategy.message);
    assert.match(strategy.message, /PlacementStrategy|placementStrategy/);
    const imbalance = await errorOf(() =>
      createComponent({ SchedulingConfig: { PlacementStrategy: 'SPREAD', AvailabilityZoneBalance: { EnforcementMode: 'PERMISSIVE', MaxImbalance: 101 } } }),
    );
    assert.equal(imbalance.name, 'ValidationException');
    assert.match(imbalance.message, /maxImbalance|MaxImbalance/);
    const timeout = await errorOf(() => createComponent({ StartupParameters: { ContainerStartupHealthCheckTimeoutInSeconds: 59 } }));
    assert.equal(timeout.name, 'ValidationException');
  });

  it('starts a copy in copyStartSeconds when its timeouts leave room', async () => {
    await createEndpoint();
    await createComponent({ StartupParameters: { ModelDataDownloadTimeoutInSeconds: 3600, ContainerStartupHealthCheckTimeoutInSeconds: 3600 } });
    h.emulator.advance(defaultTimings.copyStartSeconds - 1);
    assert.equal((await describe()).InferenceComponentStatus, 'Creating');
    h.emulator.advance(1);
    assert.equal((await describe()).InferenceComponentStatus, 'InService');
  });

  it('fails a copy whose container takes longer than ContainerStartupHealthCheckTimeoutInSeconds, with the health-check wording', async () => {
    await createEndpoint();
    await createComponent({ StartupParameters: { ContainerStartupHealthCheckTimeoutInSeconds: 60 } });
    h.emulator.advance(download + 59);
    assert.equal((await describe()).InferenceComponentStatus, 'Creating');
    h.emulator.advance(1);
    const ic = await describe();
    assert.equal(ic.InferenceComponentStatus, 'Failed');
    assert.equal(ic.FailureReason, healthCheckWording);
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 0);
  });

  it('fails a copy whose download takes longer than ModelDataDownloadTimeoutInSeconds', async () => {
    await createEndpoint();
    await createComponent({ StartupParameters: { ModelDataDownloadTimeoutInSeconds: 60 } });
    h.emulator.advance(60);
    const ic = await describe();
    assert.equal(ic.InferenceComponentStatus, 'Failed');
    assert.match(ic.FailureReason ?? '', /ModelDataDownloadTimeoutInSeconds \(60 seconds\)/);
  });

  /** Scales the component to 0 and, 60 s later (the instance not yet released), back to 1: seconds until the copy serves. */
  async function secondsToServeAgain(): Promise<number> {
    h.emulator.advance(defaultTimings.copyStartSeconds);
    assert.equal((await describe()).RuntimeConfig?.CurrentCopyCount, 1);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(60);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 1 } }));
    for (let seconds = 1; seconds <= 600; seconds++) {
      h.emulator.advance(1);
      if ((await describe()).RuntimeConfig?.CurrentCopyCount === 1) return seconds;
    }
    return Infinity;
  }

  it('with EnableCaching, a copy on an instance that had the component skips the download (about 67 s instead of 137 s)', async () => {
    await createEndpoint();
    await createComponent({ DataCacheConfig: { EnableCaching: true } });
    const seconds = await secondsToServeAgain();
    assert.equal(seconds, Math.ceil(containerStart));
    const instance = (await state()).endpoints[0].variants[0].instances[0];
    assert.deepEqual(instance.cachedComponents, ['ic']);
  });

  it('without caching, the same copy downloads again (copyStartSeconds)', async () => {
    await createEndpoint();
    await createComponent({ DataCacheConfig: { EnableCaching: false } });
    assert.equal(await secondsToServeAgain(), Math.ceil(defaultTimings.copyStartSeconds));
  });

  async function instancesUsed(strategy: 'SPREAD' | 'BINPACK' | undefined): Promise<number> {
    await createEndpoint('ml.g5.12xlarge', 2);
    await createComponent(strategy ? { SchedulingConfig: { PlacementStrategy: strategy } } : {}, 2);
    const ic = (await state()).inferenceComponents.find((candidate) => candidate.name === 'ic');
    return new Set(ic?.copies.map((copy) => copy.instanceId)).size;
  }

  it('SPREAD places two copies on two running instances', async () => {
    assert.equal(await instancesUsed('SPREAD'), 2);
  });

  it('BINPACK places two copies on one instance (4 GPUs hold both)', async () => {
    assert.equal(await instancesUsed('BINPACK'), 1);
  });
});

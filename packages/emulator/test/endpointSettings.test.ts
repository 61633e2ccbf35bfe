import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  type ProductionVariant,
  type MetricsConfig,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { DescribeAlarmsCommand, GetMetricStatisticsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { controlRequest, errorOf, roleArn } from './harness';
import { addNoCapacityAlarm, addScalingPolicies, startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';

const reservation = 'arn:aws:sagemaker:us-east-1:123456789012:training-plan/g5-for-wakes';
const insufficientCapacity = 'Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error';

describe('emulator: the endpoint\'s AMI, capacity reservation and MetricsConfig (issue 17, item 4)', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
    await h.sagemaker.send(new CreateModelCommand({ ModelName: 'm', PrimaryContainer: { Image: 'image:latest' }, ExecutionRoleArn: roleArn }));
  });
  afterEach(() => stopScalingHarness(h));

  async function createEndpoint(variant: Partial<ProductionVariant> = {}, metrics?: MetricsConfig, name = 'ep'): Promise<void> {
    await h.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: `${name}-cfg`,
        ExecutionRoleArn: roleArn,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            InstanceType: 'ml.g5.2xlarge',
            InitialInstanceCount: 1,
            ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 },
            ...variant,
          },
        ],
        ...(metrics ? { MetricsConfig: metrics } : {}),
      }),
    );
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-cfg` }));
    h.emulator.advance(180);
  }

  async function createComponent(ic = 'ic', endpoint = 'ep'): Promise<void> {
    await h.sagemaker.send(
      new CreateInferenceComponentCommand({
        InferenceComponentName: ic,
        EndpointName: endpoint,
        VariantName: 'AllTraffic',
        Specification: { ModelName: 'm', ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: 1 } },
        RuntimeConfig: { CopyCount: 1 },
      }),
    );
    h.emulator.advance(180);
  }

  it('echoes InferenceAmiVersion, CapacityReservationConfig and MetricsConfig in DescribeEndpointConfig, and the reservation with the instances it serves and MetricsConfig in DescribeEndpoint', async () => {
    const capacity = { CapacityReservationPreference: 'capacity-reservations-only' as const, MlReservationArn: reservation };
    await createEndpoint({ InferenceAmiVersion: 'al2-ami-sagemaker-inference-gpu-3-1', CapacityReservationConfig: capacity }, { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 10 });
    await createComponent();
    const config = await h.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'ep-cfg' }));
    assert.equal(config.ProductionVariants?.[0].InferenceAmiVersion, 'al2-ami-sagemaker-inference-gpu-3-1');
    assert.deepEqual(config.ProductionVariants?.[0].CapacityReservationConfig, capacity);
    assert.deepEqual(config.MetricsConfig, { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 10 });
    const endpoint = await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
    assert.deepEqual(endpoint.MetricsConfig, { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 10 });
    assert.deepEqual(endpoint.ProductionVariants?.[0].CapacityReservationConfig, { ...capacity, UsedByCurrentEndpoint: 1 });
  });

  it('refuses a publishing frequency the API reference does not list and an AMI the model does not know, and leaves MetricsConfig out when none was given', async () => {
    const frequency = await errorOf(() => createEndpoint({}, { MetricPublishFrequencyInSeconds: 15 as never }));
    assert.equal(frequency.name, 'ValidationException');
    assert.match(frequency.message, /MetricPublishFrequencyInSeconds 15 is not valid: use one of 10, 30, 60, 120, 180, 240, 300/);
    const ami = await errorOf(() => createEndpoint({ InferenceAmiVersion: 'al2-ami-sagemaker-inference-gpu-9' as never }));
    assert.equal(ami.name, 'ValidationException');
    await createEndpoint();
    assert.equal((await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }))).MetricsConfig, undefined);
  });

  it('starts a reserved type when on-demand capacity of it is short (the insufficientCapacity fault), and fails the same type without a reservation', async () => {
    await controlRequest(h.emulator.url, 'POST', 'faults', { insufficientCapacity: ['ml.g5.2xlarge'] });
    await createEndpoint({}, undefined, 'plain');
    const plain = await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'plain' }));
    assert.equal(plain.EndpointStatus, 'Failed');
    assert.equal(plain.FailureReason, insufficientCapacity);
    await createEndpoint({ CapacityReservationConfig: { CapacityReservationPreference: 'capacity-reservations-only', MlReservationArn: reservation } }, undefined, 'reserved');
    const reserved = await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'reserved' }));
    assert.equal(reserved.EndpointStatus, 'InService');
    assert.equal(reserved.ProductionVariants?.[0].CurrentInstanceCount, 1);
  });

  /** The seconds from one refused request until the wake alarm is in ALARM, on an endpoint with these metrics and an alarm of this period. */
  async function wakeNotice(metrics: MetricsConfig | undefined, period: 10 | 30): Promise<number> {
    await createEndpoint({}, metrics);
    await createComponent();
    const { stepArn } = await addScalingPolicies(h);
    await addNoCapacityAlarm(h, stepArn, 'blog');
    if (period !== 30) {
      await h.cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'ic-step-scaling-policy-alarm',
          AlarmActions: [stepArn],
          MetricName: 'NoCapacityInvocationFailures',
          Namespace: 'AWS/SageMaker',
          Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }],
          Statistic: 'Maximum',
          Period: period,
          EvaluationPeriods: 1,
          DatapointsToAlarm: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'missing',
        }),
      );
    }
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(61); // the copy stops, then to just past a minute: the request lands early in a 60-second interval
    const refusedAt = h.emulator.now();
    await errorOf(() => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: '{"inputs":"hi"}' })));
    for (let waited = 0; waited <= 300; waited += 1) {
      const state = (await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['ic-step-scaling-policy-alarm'] }))).MetricAlarms?.[0]?.StateValue;
      if (state === 'ALARM') return (h.emulator.now() - refusedAt) / 1000;
      h.emulator.advance(1);
    }
    throw new Error('the wake alarm never fired');
  }

  it('publishes invocation metrics at the configured frequency: 10-second enhanced metrics with a 10-second alarm fire within 20 s of a refused request', async () => {
    const fast = await wakeNotice({ EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 10 }, 10);
    assert.ok(fast > 0 && fast <= 20, `10-second metrics: the alarm fired ${fast} s after the refused request`);
  });

  it('keeps invocation metrics at 60 s without enhanced metrics (the frequency applies to utilization only), so a 30-second alarm fires 60 to 90 s after a refused request', async () => {
    const slow = await wakeNotice({ EnableEnhancedMetrics: false, MetricPublishFrequencyInSeconds: 10 }, 30);
    assert.ok(slow > 60 && slow <= 90, `60-second invocation metrics with a 30-second alarm: fired ${slow} s after the refused request`);
  });

  it('holds a datapoint until the end of its publishing interval', async () => {
    await createEndpoint({}, { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 60 });
    await createComponent();
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(61);
    const refusedAt = h.emulator.now();
    await errorOf(() => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: '{"inputs":"hi"}' })));
    const datapoints = async () =>
      (
        await h.cw.send(
          new GetMetricStatisticsCommand({
            Namespace: 'AWS/SageMaker',
            MetricName: 'NoCapacityInvocationFailures',
            Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }],
            StartTime: new Date(refusedAt - 120_000),
            EndTime: new Date(refusedAt + 120_000),
            Period: 60,
            Statistics: ['Sum'],
          }),
        )
      ).Datapoints ?? [];
    h.emulator.advance(30);
    assert.equal((await datapoints()).length, 0, 'not yet published half-way through its minute');
    h.emulator.advance(40);
    assert.equal((await datapoints()).reduce((sum, point) => sum + (point.Sum ?? 0), 0), 1, 'published once its minute ended');
  });
});

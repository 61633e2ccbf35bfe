import {
  ApplicationAutoScalingClient,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  CreateModelCommand,
} from '@aws-sdk/client-sagemaker';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { type EmulatorOptions } from '../src/server';
import { credentials, roleArn, startHarness, stopHarness, type Harness } from './harness';

export interface ScalingHarness extends Harness {
  aas: ApplicationAutoScalingClient;
  cw: CloudWatchClient;
  scheduler: SchedulerClient;
}

export const icDimension = 'sagemaker:inference-component:DesiredCopyCount';
export const targetKey = (ic: string) => ({ ServiceNamespace: 'sagemaker' as const, ResourceId: `inference-component/${ic}`, ScalableDimension: icDimension as 'sagemaker:inference-component:DesiredCopyCount' });

/** A frozen-clock emulator (1 Jan 2025, a Wednesday, 00:00 UTC unless given) with every SDK client. */
export async function startScalingHarness(options: EmulatorOptions = {}): Promise<ScalingHarness> {
  const base = await startHarness({ startTime: Date.UTC(2025, 0, 1), ...options });
  const config = { endpoint: base.emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 };
  return { ...base, aas: new ApplicationAutoScalingClient(config), cw: new CloudWatchClient(config), scheduler: new SchedulerClient(config) };
}

export async function stopScalingHarness(h: ScalingHarness | undefined): Promise<void> {
  if (!h) return;
  h.aas.destroy();
  h.cw.destroy();
  h.scheduler.destroy();
  await stopHarness(h);
}

/** The blog's endpoint (min 0 instances) with one IC of one copy, in service. */
export async function deployScaleToZero(h: ScalingHarness, ic = 'ic', endpoint = 'ep'): Promise<void> {
  await h.sagemaker.send(new CreateModelCommand({ ModelName: `${ic}-model`, PrimaryContainer: { Image: 'image:latest' }, ExecutionRoleArn: roleArn }));
  await h.sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: `${endpoint}-cfg`,
      ExecutionRoleArn: roleArn,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          InstanceType: 'ml.g5.2xlarge',
          InitialInstanceCount: 1,
          ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 },
          RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
        },
      ],
    }),
  );
  await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: endpoint, EndpointConfigName: `${endpoint}-cfg` }));
  h.emulator.advance(180);
  await h.sagemaker.send(
    new CreateInferenceComponentCommand({
      InferenceComponentName: ic,
      EndpointName: endpoint,
      VariantName: 'AllTraffic',
      Specification: { ModelName: `${ic}-model`, ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: 1 } },
      RuntimeConfig: { CopyCount: 1 },
    }),
  );
  h.emulator.advance(137);
}

/** The blog's auto scaling: target min 0 / max 2, target tracking (5 concurrent requests per copy) and the step policy. */
export async function addScalingPolicies(h: ScalingHarness, ic = 'ic'): Promise<{ stepArn: string; trackingAlarms: string[] }> {
  await h.aas.send(new RegisterScalableTargetCommand({ ...targetKey(ic), MinCapacity: 0, MaxCapacity: 2 }));
  const tracking = await h.aas.send(
    new PutScalingPolicyCommand({
      ...targetKey(ic),
      PolicyName: 'inference-component-target-tracking-scaling-policy',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' },
        TargetValue: 5,
        ScaleInCooldown: 300,
        ScaleOutCooldown: 300,
      },
    }),
  );
  const step = await h.aas.send(
    new PutScalingPolicyCommand({
      ...targetKey(ic),
      PolicyName: 'inference-component-step-scaling-policy',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Maximum', Cooldown: 60, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
    }),
  );
  return { stepArn: step.PolicyARN ?? '', trackingAlarms: (tracking.Alarms ?? []).map((alarm) => alarm.AlarmName ?? '') };
}

/** The blog's alarm (Maximum/30/>=1) or the AWS docs' one (Sum/60/>1) on NoCapacityInvocationFailures. */
export async function addNoCapacityAlarm(h: ScalingHarness, stepArn: string, kind: 'blog' | 'docs', ic = 'ic', name = 'ic-step-scaling-policy-alarm'): Promise<void> {
  await h.cw.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      AlarmActions: [stepArn],
      MetricName: 'NoCapacityInvocationFailures',
      Namespace: 'AWS/SageMaker',
      Dimensions: [{ Name: 'InferenceComponentName', Value: ic }],
      ...(kind === 'blog'
        ? { Statistic: 'Maximum', Period: 30, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }
        : { Statistic: 'Sum', Period: 60, ComparisonOperator: 'GreaterThanThreshold' }),
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 1,
      TreatMissingData: 'missing',
    }),
  );
}

// The peer comparison's support half: every call the scale-to-zero product makes, sent for real through
// the AWS SDK v3 clients to a server, in the order the product makes them (a role, a model, an endpoint
// config with managed instance scaling, an endpoint, an inference component, auto scaling with the wake
// alarm, schedules, teardown), plus the behaviours scale to zero rests on (a component at 0 copies
// refuses requests with the no-capacity error; the step policy on the NoCapacityInvocationFailures alarm
// wakes it). Each answer is kept as the server gave it and classified by bench/lib/probeVerdict.cjs.
//
// Time: a server with a clock (the emulator, frozen) is advanced where AWS would take time (an endpoint
// comes into service in ~3 minutes, a copy in ~2); a server without one is not waited for.
import { createRequire } from 'node:module';
import { DescribeScalableTargetsCommand, DescribeScalingActivitiesCommand, DescribeScheduledActionsCommand, DeleteScheduledActionCommand, PutScalingPolicyCommand, PutScheduledActionCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand, GetMetricDataCommand, GetMetricStatisticsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateRoleCommand, ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  CreateModelCommand,
  DeleteInferenceComponentCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeInferenceComponentCommand,
  ListEndpointsCommand,
  ListInferenceComponentsCommand,
  UpdateInferenceComponentCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, InvokeEndpointWithResponseStreamCommand } from '@aws-sdk/client-sagemaker-runtime';
import { CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand } from '@aws-sdk/client-scheduler';

const require = createRequire(import.meta.url);
const { verdictOf } = require('./probeVerdict.cjs');

const names = {
  role: 'peer-probe-role',
  model: 'peer-probe-model',
  gpuConfig: 'peer-probe-config',
  cpuConfig: 'peer-probe-config-m5',
  endpoint: 'peer-probe-endpoint',
  component: 'peer-probe-ic',
  alarm: 'peer-probe-ic-no-capacity',
  scheduledAction: 'peer-probe-night',
  schedule: 'peer-probe-wake',
};
const accountRole = 'arn:aws:iam::123456789012:role/peer-probe-role';
const target = { ServiceNamespace: 'sagemaker', ResourceId: `inference-component/${names.component}`, ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount' };
const trustPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: ['sagemaker.amazonaws.com', 'scheduler.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
});
const invokeBody = JSON.stringify({ inputs: 'Hello', parameters: { max_new_tokens: 8 } });
/** The runtime's refusal while a component has no copy (AWS's blog on scale to zero, and its documentation). */
const noCapacity = { code: 'ValidationError', message: /^Inference Component has no capacity to process this request\./ };
const managedScaling = { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 };
const variant = (InstanceType) => ({ VariantName: 'AllTraffic', InstanceType, InitialInstanceCount: 1, ManagedInstanceScaling: managedScaling, RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' } });
const icMetric = (MetricName) => ({ Namespace: 'AWS/SageMaker', MetricName, Dimensions: [{ Name: 'InferenceComponentName', Value: names.component }] });

/** Whether DescribeEndpointConfig shows the managed instance scaling that was sent, or what it shows instead. */
async function managedScalingKept(ctx, configName) {
  const config = await ctx.clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
  const kept = config.ProductionVariants?.[0]?.ManagedInstanceScaling;
  if (kept?.Status === 'ENABLED' && kept.MinInstanceCount === 0 && kept.MaxInstanceCount === 2) return undefined;
  return `DescribeEndpointConfig answers ManagedInstanceScaling ${JSON.stringify(kept ?? null)}: the setting was dropped`;
}

async function describeComponent(ctx) {
  return ctx.clients.sageMaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: names.component }));
}

async function metricSum(output) {
  return (output.MetricDataResults ?? []).flatMap((result) => result.Values ?? []).reduce((total, value) => total + value, 0);
}

/**
 * The probes, in order. `row`: the table's line; `advance`: simulated seconds to let pass after it (on a
 * server with a clock); `expectsError`: AWS refuses this request with that error; `check`: what the
 * answer must hold, returning what is wrong, or undefined.
 */
export const probes = [
  {
    service: 'IAM', row: 'CreateRole (trusts SageMaker and Scheduler)',
    run: (ctx) => ctx.clients.iam.send(new CreateRoleCommand({ RoleName: names.role, AssumeRolePolicyDocument: trustPolicy })),
    check: (output, ctx) => {
      ctx.roleArn = output.Role?.Arn;
      return output.Role?.RoleName === names.role ? undefined : `no Role.RoleName ${names.role} in the answer`;
    },
  },
  {
    service: 'IAM', row: 'PutRolePolicy',
    run: (ctx) =>
      ctx.clients.iam.send(
        new PutRolePolicyCommand({
          RoleName: names.role,
          PolicyName: 'scale-to-zero-schedules',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sagemaker:UpdateInferenceComponentRuntimeConfig', Resource: '*' }] }),
        }),
      ),
  },
  {
    service: 'IAM', row: 'ListRoles',
    run: (ctx) => ctx.clients.iam.send(new ListRolesCommand({})),
    check: (output) => ((output.Roles ?? []).some((role) => role.RoleName === names.role) ? undefined : `the role ${names.role} is not listed`),
  },
  {
    service: 'SageMaker', row: 'CreateModel',
    run: (ctx) => ctx.clients.sageMaker.send(new CreateModelCommand({ ModelName: names.model, PrimaryContainer: { Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.4.0-gpu-py311-cu124-ubuntu22.04' }, ExecutionRoleArn: accountRole })),
    check: (output) => (output.ModelArn ? undefined : 'no ModelArn in the answer'),
  },
  {
    service: 'SageMaker', row: 'CreateEndpointConfig with ManagedInstanceScaling (ml.g5.2xlarge, as the product creates it for inference components)',
    run: (ctx) => ctx.clients.sageMaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: names.gpuConfig, ExecutionRoleArn: accountRole, ProductionVariants: [variant('ml.g5.2xlarge')] })),
    check: async (_output, ctx) => {
      ctx.endpointConfig = names.gpuConfig;
      return managedScalingKept(ctx, names.gpuConfig);
    },
  },
  {
    service: 'SageMaker', row: 'CreateEndpointConfig with ManagedInstanceScaling (ml.m5.xlarge: an older instance type; no ModelName in the variant, as for inference components)',
    run: (ctx) => ctx.clients.sageMaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: names.cpuConfig, ExecutionRoleArn: accountRole, ProductionVariants: [variant('ml.m5.xlarge')] })),
    check: async (_output, ctx) => {
      ctx.endpointConfig ??= names.cpuConfig;
      return managedScalingKept(ctx, names.cpuConfig);
    },
  },
  {
    service: 'SageMaker', row: 'CreateEndpoint',
    run: (ctx) => ctx.clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: names.endpoint, EndpointConfigName: ctx.endpointConfig ?? names.gpuConfig })),
    check: (output) => (output.EndpointArn ? undefined : 'no EndpointArn in the answer'),
    advance: 200,
  },
  {
    service: 'SageMaker', row: 'DescribeEndpoint',
    run: (ctx) => ctx.clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: names.endpoint })),
    check: (output) => (output.EndpointName === names.endpoint && output.EndpointStatus === 'InService' ? undefined : `EndpointStatus ${output.EndpointStatus} after the endpoint's creation time`),
  },
  {
    service: 'SageMaker', row: 'ListEndpoints',
    run: (ctx) => ctx.clients.sageMaker.send(new ListEndpointsCommand({ MaxResults: 50 })),
    check: (output) => ((output.Endpoints ?? []).some((endpoint) => endpoint.EndpointName === names.endpoint) ? undefined : `the endpoint ${names.endpoint} is not listed`),
  },
  {
    service: 'SageMaker', row: 'CreateInferenceComponent (1 copy)',
    run: (ctx) =>
      ctx.clients.sageMaker.send(
        new CreateInferenceComponentCommand({
          InferenceComponentName: names.component,
          EndpointName: names.endpoint,
          VariantName: 'AllTraffic',
          Specification: { ModelName: names.model, ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: 1 } },
          RuntimeConfig: { CopyCount: 1 },
        }),
      ),
    check: (output) => (output.InferenceComponentArn ? undefined : 'no InferenceComponentArn in the answer'),
    advance: 200,
  },
  {
    service: 'SageMaker', row: 'DescribeInferenceComponent',
    run: describeComponent,
    check: (output) =>
      output.InferenceComponentStatus === 'InService' && output.RuntimeConfig?.CurrentCopyCount === 1 ? undefined : `status ${output.InferenceComponentStatus}, ${output.RuntimeConfig?.CurrentCopyCount} copies after the copy's start time`,
  },
  {
    service: 'SageMaker', row: 'ListInferenceComponents',
    run: (ctx) => ctx.clients.sageMaker.send(new ListInferenceComponentsCommand({ EndpointNameEquals: names.endpoint })),
    check: (output) => ((output.InferenceComponents ?? []).some((component) => component.InferenceComponentName === names.component) ? undefined : `the component ${names.component} is not listed`),
  },
  {
    service: 'SageMaker', row: 'UpdateInferenceComponent',
    run: (ctx) =>
      ctx.clients.sageMaker.send(
        new UpdateInferenceComponentCommand({
          InferenceComponentName: names.component,
          Specification: { ModelName: names.model, ComputeResourceRequirements: { MinMemoryRequiredInMb: 2048, NumberOfAcceleratorDevicesRequired: 1 } },
          RuntimeConfig: { CopyCount: 1 },
        }),
      ),
    check: (output) => (output.InferenceComponentArn ? undefined : 'no InferenceComponentArn in the answer'),
    advance: 300,
  },
  {
    service: 'SageMaker runtime', row: 'InvokeEndpoint with InferenceComponentName',
    run: (ctx) => ctx.clients.runtime.send(new InvokeEndpointCommand({ EndpointName: names.endpoint, InferenceComponentName: names.component, ContentType: 'application/json', Body: invokeBody })),
    check: (output) => (output.Body?.length > 0 ? undefined : 'an empty body'),
  },
  {
    service: 'SageMaker runtime', row: 'InvokeEndpointWithResponseStream with InferenceComponentName',
    run: async (ctx) => {
      const output = await ctx.clients.runtime.send(new InvokeEndpointWithResponseStreamCommand({ EndpointName: names.endpoint, InferenceComponentName: names.component, ContentType: 'application/json', Body: invokeBody }));
      const parts = [];
      for await (const event of output.Body) if (event.PayloadPart?.Bytes) parts.push(Buffer.from(event.PayloadPart.Bytes).toString('utf8'));
      return { $metadata: output.$metadata, PayloadParts: parts.length, Text: parts.join('') };
    },
    check: (output) => (output.PayloadParts > 0 ? undefined : 'no PayloadPart in the stream'),
  },
  {
    service: 'SageMaker runtime', row: 'behaviour: InvokeEndpoint on an endpoint that does not exist is refused', behaviour: true,
    run: (ctx) => ctx.clients.runtime.send(new InvokeEndpointCommand({ EndpointName: 'peer-probe-no-such-endpoint', ContentType: 'application/json', Body: invokeBody })),
    expectsError: { code: 'ValidationError', message: /not found/ },
  },
  {
    service: 'Application Auto Scaling', row: 'RegisterScalableTarget (inference component copies, min 0)',
    run: (ctx) => ctx.clients.autoScaling.send(new RegisterScalableTargetCommand({ ...target, MinCapacity: 0, MaxCapacity: 2 })),
  },
  {
    service: 'Application Auto Scaling', row: 'DescribeScalableTargets',
    run: (ctx) => ctx.clients.autoScaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [target.ResourceId] })),
    check: (output) => (output.ScalableTargets?.[0]?.MinCapacity === 0 ? undefined : `no target with MinCapacity 0 (${(output.ScalableTargets ?? []).length} targets)`),
  },
  {
    service: 'Application Auto Scaling', row: 'PutScalingPolicy: target tracking, predefined metric',
    run: (ctx) =>
      ctx.clients.autoScaling.send(
        new PutScalingPolicyCommand({
          ...target,
          PolicyName: 'peer-probe-target-tracking',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' }, TargetValue: 5, ScaleInCooldown: 300, ScaleOutCooldown: 300 },
        }),
      ),
    check: (output) => (output.PolicyARN && (output.Alarms ?? []).length > 0 ? undefined : `PolicyARN ${output.PolicyARN ?? 'missing'}, ${(output.Alarms ?? []).length} alarms created (AWS creates the policy's alarms)`),
  },
  {
    service: 'Application Auto Scaling', row: 'PutScalingPolicy: target tracking, customized metric',
    run: (ctx) =>
      ctx.clients.autoScaling.send(
        new PutScalingPolicyCommand({
          ...target,
          PolicyName: 'peer-probe-target-tracking-customized',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { CustomizedMetricSpecification: { ...icMetric('ConcurrentRequestsPerCopy'), Statistic: 'Maximum' }, TargetValue: 5 },
        }),
      ),
    check: (output) => (output.PolicyARN && (output.Alarms ?? []).length > 0 ? undefined : `PolicyARN ${output.PolicyARN ?? 'missing'}, ${(output.Alarms ?? []).length} alarms created (AWS creates the policy's alarms)`),
  },
  {
    service: 'Application Auto Scaling', row: 'PutScalingPolicy: step scaling',
    run: (ctx) =>
      ctx.clients.autoScaling.send(
        new PutScalingPolicyCommand({
          ...target,
          PolicyName: 'peer-probe-step-scaling',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Maximum', Cooldown: 60, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
        }),
      ),
    check: (output, ctx) => {
      ctx.stepArn = output.PolicyARN;
      return output.PolicyARN ? undefined : 'no PolicyARN in the answer';
    },
  },
  {
    service: 'Application Auto Scaling', row: 'behaviour: PutScalingPolicy on a target never registered is refused', behaviour: true,
    run: (ctx) =>
      ctx.clients.autoScaling.send(
        new PutScalingPolicyCommand({
          ...target,
          ResourceId: 'inference-component/peer-probe-never-registered',
          PolicyName: 'peer-probe-step-scaling',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
        }),
      ),
    // The model's documentation of ObjectNotFoundException: thrown "if the scalable target with the
    // specified service namespace, resource ID, and scalable dimension does not exist".
    expectsError: { code: 'ObjectNotFoundException' },
  },
  {
    service: 'CloudWatch', row: 'PutMetricAlarm on NoCapacityInvocationFailures, acting on the step policy',
    run: (ctx) =>
      ctx.clients.cloudWatch.send(
        new PutMetricAlarmCommand({
          AlarmName: names.alarm,
          AlarmActions: [ctx.stepArn ?? `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:00000000-0000-0000-0000-000000000000:resource/sagemaker/${target.ResourceId}:policyName/peer-probe-step-scaling`],
          ...icMetric('NoCapacityInvocationFailures'),
          Statistic: 'Maximum',
          Period: 30,
          EvaluationPeriods: 1,
          DatapointsToAlarm: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'missing',
        }),
      ),
  },
  {
    service: 'CloudWatch', row: 'DescribeAlarms',
    run: (ctx) => ctx.clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [names.alarm] })),
    check: (output, ctx) => {
      const alarm = output.MetricAlarms?.[0];
      if (!alarm) return `the alarm ${names.alarm} is not described`;
      return ctx.stepArn && !(alarm.AlarmActions ?? []).includes(ctx.stepArn) ? `AlarmActions ${JSON.stringify(alarm.AlarmActions)} lack the step policy` : undefined;
    },
  },
  {
    service: 'SageMaker', row: 'UpdateInferenceComponentRuntimeConfig (to 0 copies)',
    run: (ctx) => ctx.clients.sageMaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: names.component, DesiredRuntimeConfig: { CopyCount: 0 } })),
    check: async (output, ctx) => {
      if (!output.InferenceComponentArn) return 'no InferenceComponentArn in the answer';
      const copies = (await describeComponent(ctx)).RuntimeConfig?.DesiredCopyCount;
      return copies === 0 ? undefined : `DescribeInferenceComponent answers DesiredCopyCount ${copies}`;
    },
    advance: 300,
  },
  {
    service: 'SageMaker runtime', row: 'behaviour: a component at 0 copies refuses InvokeEndpoint with the no-capacity error', behaviour: true,
    run: (ctx) => ctx.clients.runtime.send(new InvokeEndpointCommand({ EndpointName: names.endpoint, InferenceComponentName: names.component, ContentType: 'application/json', Body: invokeBody })),
    expectsError: noCapacity,
    advance: 120,
  },
  {
    service: 'Application Auto Scaling', row: 'behaviour: the step policy on the NoCapacityInvocationFailures alarm wakes the component (2 minutes after the refusal)', behaviour: true,
    run: describeComponent,
    check: (output) => ((output.RuntimeConfig?.DesiredCopyCount ?? 0) >= 1 ? undefined : `DesiredCopyCount still ${output.RuntimeConfig?.DesiredCopyCount}: the alarm did not set off the policy`),
    // The woken copy comes into service (instance still there: ~2.3 minutes) before the rest goes on.
    advance: 400,
  },
  {
    service: 'Application Auto Scaling', row: 'DescribeScalingActivities',
    run: (ctx) => ctx.clients.autoScaling.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', ResourceId: target.ResourceId })),
    check: (output) => ((output.ScalingActivities ?? []).length > 0 ? undefined : 'no scaling activity for the component after the wake'),
  },
  {
    service: 'CloudWatch', row: 'GetMetricData (the component’s Invocations)',
    run: (ctx) =>
      ctx.clients.cloudWatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: [{ Id: 'invocations', MetricStat: { Metric: icMetric('Invocations'), Period: 60, Stat: 'Sum' } }],
          StartTime: new Date(ctx.now() - 3 * 3600_000),
          EndTime: new Date(ctx.now() + 60_000),
        }),
      ),
    check: async (output) => ((await metricSum(output)) >= 1 ? undefined : 'no Invocations datapoint for the component it served: SageMaker’s metrics are not published'),
  },
  {
    service: 'CloudWatch', row: 'GetMetricStatistics (the component’s Invocations)',
    run: (ctx) => ctx.clients.cloudWatch.send(new GetMetricStatisticsCommand({ ...icMetric('Invocations'), StartTime: new Date(ctx.now() - 3 * 3600_000), EndTime: new Date(ctx.now() + 60_000), Period: 60, Statistics: ['Sum'] })),
    check: (output) => ((output.Datapoints ?? []).reduce((total, point) => total + (point.Sum ?? 0), 0) >= 1 ? undefined : 'no Invocations datapoint for the component it served: SageMaker’s metrics are not published'),
  },
  {
    service: 'Application Auto Scaling', row: 'PutScheduledAction',
    run: (ctx) => ctx.clients.autoScaling.send(new PutScheduledActionCommand({ ...target, ScheduledActionName: names.scheduledAction, Schedule: 'cron(0 22 * * ? *)', Timezone: 'Europe/Berlin', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } })),
    check: async (_output, ctx) => {
      const listed = await ctx.clients.autoScaling.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker', ResourceId: target.ResourceId }));
      return (listed.ScheduledActions ?? []).some((action) => action.ScheduledActionName === names.scheduledAction) ? undefined : 'DescribeScheduledActions does not list it';
    },
  },
  {
    service: 'Application Auto Scaling', row: 'DeleteScheduledAction',
    run: (ctx) => ctx.clients.autoScaling.send(new DeleteScheduledActionCommand({ ...target, ScheduledActionName: names.scheduledAction })),
    check: async (_output, ctx) => {
      const listed = await ctx.clients.autoScaling.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker', ResourceId: target.ResourceId }));
      return (listed.ScheduledActions ?? []).some((action) => action.ScheduledActionName === names.scheduledAction) ? 'DescribeScheduledActions still lists it' : undefined;
    },
  },
  {
    service: 'Scheduler', row: 'CreateSchedule (SageMaker universal target)',
    run: (ctx) =>
      ctx.clients.scheduler.send(
        new CreateScheduleCommand({
          Name: names.schedule,
          ScheduleExpression: 'cron(0 8 ? * MON-FRI *)',
          ScheduleExpressionTimezone: 'Europe/Berlin',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: {
            Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig',
            RoleArn: ctx.roleArn ?? accountRole,
            Input: JSON.stringify({ InferenceComponentName: names.component, DesiredRuntimeConfig: { CopyCount: 1 } }),
          },
        }),
      ),
    check: (output) => (output.ScheduleArn ? undefined : 'no ScheduleArn in the answer'),
  },
  {
    service: 'Scheduler', row: 'GetSchedule',
    run: (ctx) => ctx.clients.scheduler.send(new GetScheduleCommand({ Name: names.schedule })),
    check: (output) => (output.Name === names.schedule && output.ScheduleExpression === 'cron(0 8 ? * MON-FRI *)' ? undefined : `answers ${output.Name} ${output.ScheduleExpression}`),
  },
  {
    service: 'Scheduler', row: 'DeleteSchedule',
    run: (ctx) => ctx.clients.scheduler.send(new DeleteScheduleCommand({ Name: names.schedule })),
    check: async (_output, ctx) => {
      const after = await answerOf(() => ctx.clients.scheduler.send(new GetScheduleCommand({ Name: names.schedule })));
      return after.ok ? 'GetSchedule still finds it' : undefined;
    },
  },
  {
    service: 'SageMaker', row: 'DeleteInferenceComponent',
    run: (ctx) => ctx.clients.sageMaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: names.component })),
  },
];

/** A success's answer in one short line (binary bodies as text). */
function summarize(output) {
  const rest = { ...output };
  delete rest.$metadata;
  const plain = JSON.stringify(rest, (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value));
  return plain.length > 160 ? `${plain.slice(0, 159)}…` : plain;
}

/** Runs one call and reduces what came back to a ProbeAnswer (bench/lib/probeVerdict.cjs). */
export async function answerOf(call) {
  try {
    const output = await call();
    return { ok: true, status: output?.$metadata?.httpStatusCode, summary: summarize(output), output };
  } catch (error) {
    if (!(error instanceof Error)) return { ok: false, code: String(error), awsError: false };
    const message = error.message.split('\n')[0].slice(0, 300);
    // The SDK names an error after the code in the body; a body it could not read (an HTML page) leaves
    // a SyntaxError or a "Deserialization error" with no $fault.
    const awsError = typeof error.$fault === 'string' && error.name !== 'SyntaxError' && !/Deserialization error/.test(error.message);
    return { ok: false, status: error.$metadata?.httpStatusCode ?? error.$response?.statusCode, code: error.name, message, awsError };
  }
}

/** A server's log minus its request lines ("POST / HTTP/1.1" 200 -), the last few lines kept. */
function withoutAccessLog(lines) {
  return lines.filter((line) => !/"(GET|POST|PUT|PATCH|DELETE|HEAD) \S+ HTTP\/1\.[01]"/.test(line)).slice(-6);
}

/**
 * Runs every probe against one server, in order, keeping each answer (classified afterwards by
 * classifyProbes, once the requests are checked against the models).
 * @param server { clients, advance(seconds): Promise<void> | undefined, now(): number, capture?(): () => Promise<string[]>,
 *   recorded: the array the clients' recorder fills (bench/lib/peerClients.mjs) }
 */
export async function runProbes(server) {
  const ctx = { clients: server.clients, now: server.now };
  const results = [];
  for (const probe of probes) {
    // The server's own log and the requests sent while it answers the probe (not the check's follow-up calls).
    const stopCapture = server.capture?.();
    const firstRequest = server.recorded.length;
    const answer = await answerOf(() => probe.run(ctx));
    const requests = [firstRequest, server.recorded.length];
    if (stopCapture) answer.serverLog = withoutAccessLog(await stopCapture());
    let problem;
    if (answer.ok && probe.check) {
      try {
        problem = await probe.check(answer.output, ctx);
      } catch (error) {
        problem = `the check's follow-up call failed: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}`;
      }
    }
    delete answer.output;
    results.push({ service: probe.service, row: probe.row, behaviour: Boolean(probe.behaviour), expectsError: probe.expectsError, problem, answer, requests });
    if (probe.advance && server.advance) await server.advance(probe.advance);
  }
  return results;
}

/**
 * Gives each probe its verdict (bench/lib/probeVerdict.cjs). `violationsOf(index)`: how the recorded
 * request at that index breaks AWS's model (empty when it does not, or when it could not be checked).
 */
export function classifyProbes(results, violationsOf) {
  return results.map(({ expectsError, problem, requests, ...result }) => {
    const modelViolations = [];
    for (let index = requests[0]; index < requests[1]; index++) modelViolations.push(...violationsOf(index));
    return { ...result, ...verdictOf({ answer: result.answer, expectsError, problem, modelViolations }), requestsSent: requests[1] - requests[0] };
  });
}

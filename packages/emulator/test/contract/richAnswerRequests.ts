/**
 * Requests that make the emulator give rich answers, in order, on the demo scenario (three endpoints
 * with inference components, their scaling, alarms, schedules and roles): reads of the demo, then a
 * scale-to-zero endpoint of our own built, read, changed and torn down, and the refusals AWS gives on
 * the way (not found, no capacity). Each answer is checked against the model, whatever it is; `expect`
 * says whether it should succeed, so that a step that silently fails cannot shrink the coverage.
 */
export interface AnswerStep {
  service: string;
  operation: string;
  params: Record<string, unknown>;
  expect: 'ok' | 'error';
  /** Seconds of the emulator's clock to run before the request. */
  advance?: number;
}

const ok = (service: string, operation: string, params: Record<string, unknown> = {}, advance?: number): AnswerStep => ({ service, operation, params, expect: 'ok', advance });
const refused = (service: string, operation: string, params: Record<string, unknown>): AnswerStep => ({ service, operation, params, expect: 'error' });

const account = '123456789012';
const executionRole = `arn:aws:iam::${account}:role/EmulatorSageMakerExecutionRole`;
const schedulerRole = `arn:aws:iam::${account}:role/EmulatorSchedulerRole`;
const image = '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124';
const ic = 'contract-ic';
const target = { ServiceNamespace: 'sagemaker', ResourceId: `inference-component/${ic}`, ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount' };
const demoTarget = { ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/demo-llama3-8b', ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount' };
const icMetric = { Namespace: 'AWS/SageMaker', MetricName: 'NoCapacityInvocationFailures', Dimensions: [{ Name: 'InferenceComponentName', Value: 'demo-llama3-8b' }] };
const now = () => new Date();
const hourAgo = () => new Date(Date.now() - 3600_000);

export function richAnswerRequests(): AnswerStep[] {
  return [
    // The demo as it is.
    ok('sagemaker', 'ListEndpoints', { SortBy: 'Name' }),
    ok('sagemaker', 'DescribeEndpoint', { EndpointName: 'demo-scale-to-zero' }),
    ok('sagemaker', 'DescribeEndpoint', { EndpointName: 'demo-cold' }),
    ok('sagemaker', 'ListEndpointConfigs', {}),
    ok('sagemaker', 'DescribeEndpointConfig', { EndpointConfigName: 'demo-scale-to-zero-config' }),
    ok('sagemaker', 'ListModels', {}),
    ok('sagemaker', 'DescribeModel', { ModelName: 'demo-llama3-8b-model' }),
    ok('sagemaker', 'ListInferenceComponents', { EndpointNameEquals: 'demo-scale-to-zero' }),
    ok('sagemaker', 'DescribeInferenceComponent', { InferenceComponentName: 'demo-llama3-8b' }),
    ok('sagemaker', 'DescribeInferenceComponent', { InferenceComponentName: 'demo-embeddings' }),
    ok('sagemaker', 'ListTags', { ResourceArn: `arn:aws:sagemaker:us-east-1:${account}:model/demo-llama3-8b-model` }),
    refused('sagemaker', 'DescribeEndpoint', { EndpointName: 'no-such-endpoint' }),
    ok('sagemaker-runtime', 'InvokeEndpoint', { EndpointName: 'demo-scale-to-zero', InferenceComponentName: 'demo-llama3-8b', ContentType: 'application/json', Accept: 'application/json', Body: Buffer.from('{"inputs":"Hello","parameters":{"max_new_tokens":4}}') }),
    ok('sagemaker-runtime', 'InvokeEndpointWithResponseStream', { EndpointName: 'demo-scale-to-zero', InferenceComponentName: 'demo-llama3-8b', ContentType: 'application/json', Body: Buffer.from('{"inputs":"Hello","parameters":{"max_new_tokens":3},"stream":true}') }),
    refused('sagemaker-runtime', 'InvokeEndpoint', { EndpointName: 'demo-cold', InferenceComponentName: 'demo-embeddings', ContentType: 'application/json', Body: Buffer.from('{"inputs":"Hello"}') }),
    refused('sagemaker-runtime', 'InvokeEndpoint', { EndpointName: 'no-such-endpoint', Body: Buffer.from('{}') }),
    ok('application-autoscaling', 'DescribeScalableTargets', { ServiceNamespace: 'sagemaker' }),
    ok('application-autoscaling', 'DescribeScalingPolicies', { ServiceNamespace: 'sagemaker' }),
    ok('application-autoscaling', 'DescribeScheduledActions', { ServiceNamespace: 'sagemaker' }),
    ok('cloudwatch', 'DescribeAlarms', {}),
    ok('cloudwatch', 'ListMetrics', { Namespace: 'AWS/SageMaker' }, 600),
    ok('cloudwatch', 'DescribeAlarmHistory', { MaxRecords: 5 }),
    ok('cloudwatch', 'DescribeAlarmHistory', { AlarmName: 'demo-llama3-8b-idle-timeout', HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending', StartDate: hourAgo() }),
    ok('application-autoscaling', 'DescribeScalingActivities', { ServiceNamespace: 'sagemaker', IncludeNotScaledActivities: true }),
    ok('cloudwatch', 'GetMetricData', {
      StartTime: hourAgo(), EndTime: now(),
      MetricDataQueries: [{ Id: 'failures', MetricStat: { Metric: icMetric, Period: 60, Stat: 'Sum' } }, { Id: 'invocations', Label: 'Invocations', MetricStat: { Metric: { ...icMetric, MetricName: 'Invocations' }, Period: 300, Stat: 'Average' } }],
    }),
    ok('cloudwatch', 'GetMetricStatistics', { ...icMetric, StartTime: hourAgo(), EndTime: now(), Period: 60, Statistics: ['Sum', 'Maximum', 'SampleCount'] }),
    ok('scheduler', 'ListSchedules', {}),
    ok('scheduler', 'GetSchedule', { Name: 'demo-llama3-8b-weekend-scale-to-zero' }),
    ok('scheduler', 'ListScheduleGroups', {}),
    ok('scheduler', 'GetScheduleGroup', { Name: 'default' }),
    refused('scheduler', 'GetSchedule', { Name: 'no-such-schedule' }),
    ok('iam', 'ListRoles', {}),
    // The account's regions (issue 20): all of them, one page of the enabled ones, and a token from nowhere.
    ok('account', 'ListRegions', {}),
    ok('account', 'ListRegions', { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], MaxResults: 5 }),
    refused('account', 'ListRegions', { NextToken: 'not-a-token' }),
    ok('iam', 'GetRole', { RoleName: 'EmulatorSchedulerRole' }),
    ok('iam', 'ListRolePolicies', { RoleName: 'EmulatorSchedulerRole' }),
    refused('iam', 'GetRole', { RoleName: 'NoSuchRole' }),
    // The demo's container logs (the warm component's startup lines, and the requests above).
    ok('logs', 'DescribeLogGroups', { logGroupNamePrefix: '/aws/sagemaker/' }),
    ok('logs', 'DescribeLogStreams', { logGroupName: '/aws/sagemaker/InferenceComponents/demo-llama3-8b', orderBy: 'LastEventTime', descending: true }),
    ok('logs', 'FilterLogEvents', { logGroupIdentifier: '/aws/sagemaker/InferenceComponents/demo-llama3-8b', filterPattern: '"GET /ping"', limit: 5 }),
    ok('logs', 'GetLogEvents', { logGroupName: '/aws/sagemaker/InferenceComponents/demo-llama3-8b', logStreamName: 'AllTraffic/i-00000001/copy-00000003', startFromHead: true }),
    refused('logs', 'FilterLogEvents', { logGroupName: '/aws/sagemaker/InferenceComponents/no-such-component' }),

    // A scale-to-zero endpoint of our own.
    ok('iam', 'CreateRole', { RoleName: 'ContractRole', Path: '/contract/', Description: 'contract tests', MaxSessionDuration: 3600, Tags: [{ Key: 'team', Value: 'contract' }], AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }),
    ok('iam', 'PutRolePolicy', { RoleName: 'ContractRole', PolicyName: 'Copies', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sagemaker:UpdateInferenceComponentRuntimeConfig', Resource: '*' }] }) }),
    ok('iam', 'GetRolePolicy', { RoleName: 'ContractRole', PolicyName: 'Copies' }),
    ok('iam', 'GetRole', { RoleName: 'ContractRole' }),
    ok('sagemaker', 'CreateModel', { ModelName: 'contract-model', ExecutionRoleArn: executionRole, PrimaryContainer: { Image: image, Mode: 'SingleModel', Environment: { OPTION_MAX_MODEL_LEN: '4096' } }, Tags: [{ Key: 'team', Value: 'contract' }] }),
    ok('sagemaker', 'CreateEndpointConfig', {
      EndpointConfigName: 'contract-config', ExecutionRoleArn: executionRole,
      ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 }, RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' } }],
      Tags: [{ Key: 'team', Value: 'contract' }],
    }),
    ok('sagemaker', 'CreateEndpoint', { EndpointName: 'contract-endpoint', EndpointConfigName: 'contract-config' }),
    ok('sagemaker', 'DescribeEndpoint', { EndpointName: 'contract-endpoint' }),
    ok('sagemaker', 'CreateInferenceComponent', {
      InferenceComponentName: ic, EndpointName: 'contract-endpoint', VariantName: 'AllTraffic', RuntimeConfig: { CopyCount: 1 },
      Specification: { ModelName: 'contract-model', ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, MinMemoryRequiredInMb: 1024 }, StartupParameters: { ModelDataDownloadTimeoutInSeconds: 600, ContainerStartupHealthCheckTimeoutInSeconds: 600 } },
    }, 900),
    ok('sagemaker', 'DescribeInferenceComponent', { InferenceComponentName: ic }, 900),
    ok('sagemaker', 'DescribeEndpoint', { EndpointName: 'contract-endpoint' }),
    ok('sagemaker', 'AddTags', { ResourceArn: `arn:aws:sagemaker:us-east-1:${account}:inference-component/${ic}`, Tags: [{ Key: 'stage', Value: 'test' }] }),
    ok('sagemaker', 'ListTags', { ResourceArn: `arn:aws:sagemaker:us-east-1:${account}:inference-component/${ic}` }),
    ok('sagemaker', 'DeleteTags', { ResourceArn: `arn:aws:sagemaker:us-east-1:${account}:inference-component/${ic}`, TagKeys: ['stage'] }),
    ok('application-autoscaling', 'RegisterScalableTarget', { ...target, MinCapacity: 0, MaxCapacity: 2 }),
    ok('application-autoscaling', 'PutScalingPolicy', {
      ...target, PolicyName: 'contract-target-tracking', PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 4, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' }, ScaleInCooldown: 300, ScaleOutCooldown: 60 },
    }),
    ok('application-autoscaling', 'PutScalingPolicy', {
      ...target, PolicyName: 'contract-step-scaling', PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Maximum', Cooldown: 60, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
    }),
    ok('application-autoscaling', 'PutScheduledAction', { ...target, ScheduledActionName: 'contract-night', Schedule: 'cron(0 20 * * ? *)', Timezone: 'Europe/Paris', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } }),
    ok('application-autoscaling', 'DescribeScalableTargets', { ServiceNamespace: 'sagemaker', ResourceIds: [target.ResourceId] }),
    ok('application-autoscaling', 'DescribeScalingPolicies', { ServiceNamespace: 'sagemaker', ResourceId: target.ResourceId }),
    ok('application-autoscaling', 'DescribeScheduledActions', { ServiceNamespace: 'sagemaker', ResourceId: target.ResourceId }),
    ok('cloudwatch', 'PutMetricAlarm', {
      AlarmName: 'contract-no-capacity', AlarmDescription: 'wake the contract component', ActionsEnabled: true, Namespace: 'AWS/SageMaker', MetricName: 'NoCapacityInvocationFailures',
      Dimensions: [{ Name: 'InferenceComponentName', Value: ic }], Statistic: 'Maximum', Period: 10, EvaluationPeriods: 1, DatapointsToAlarm: 1, Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'missing', AlarmActions: [`arn:aws:autoscaling:us-east-1:${account}:scalingPolicy:contract`], Tags: [{ Key: 'team', Value: 'contract' }],
    }),
    ok('cloudwatch', 'SetAlarmState', { AlarmName: 'contract-no-capacity', StateValue: 'ALARM', StateReason: 'contract test' }),
    ok('cloudwatch', 'DisableAlarmActions', { AlarmNames: ['contract-no-capacity'] }),
    ok('cloudwatch', 'EnableAlarmActions', { AlarmNames: ['contract-no-capacity'] }),
    ok('cloudwatch', 'DescribeAlarms', { AlarmNames: ['contract-no-capacity'], AlarmTypes: ['MetricAlarm'] }),
    ok('scheduler', 'CreateSchedule', {
      Name: 'contract-sleep', ScheduleExpression: 'cron(0 20 * * ? *)', ScheduleExpressionTimezone: 'Europe/Paris', Description: 'contract', State: 'ENABLED', FlexibleTimeWindow: { Mode: 'OFF' }, ActionAfterCompletion: 'NONE',
      Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig', RoleArn: schedulerRole, Input: JSON.stringify({ InferenceComponentName: ic, DesiredRuntimeConfig: { CopyCount: 0 } }) },
    }),
    ok('scheduler', 'UpdateSchedule', {
      Name: 'contract-sleep', ScheduleExpression: 'cron(0 21 * * ? *)', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 5 },
      Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig', RoleArn: schedulerRole, Input: JSON.stringify({ InferenceComponentName: ic, DesiredRuntimeConfig: { CopyCount: 0 } }) },
    }),
    ok('scheduler', 'GetSchedule', { Name: 'contract-sleep' }),
    ok('sagemaker', 'UpdateInferenceComponentRuntimeConfig', { InferenceComponentName: ic, DesiredRuntimeConfig: { CopyCount: 2 } }),
    ok('sagemaker', 'DescribeInferenceComponent', { InferenceComponentName: ic }),
    ok('sagemaker', 'UpdateInferenceComponent', { InferenceComponentName: ic, RuntimeConfig: { CopyCount: 1 } }, 900),
    ok('sagemaker', 'CreateEndpointConfig', {
      EndpointConfigName: 'contract-config-2', ExecutionRoleArn: executionRole,
      ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 3 }, RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' } }],
    }, 900),
    ok('sagemaker', 'UpdateEndpoint', { EndpointName: 'contract-endpoint', EndpointConfigName: 'contract-config-2' }),
    ok('sagemaker', 'DescribeEndpoint', { EndpointName: 'contract-endpoint' }),
    ok('application-autoscaling', 'DescribeScalingActivities', { ...target, IncludeNotScaledActivities: true }, 900),

    // Teardown, in the order the extension tears down.
    ok('scheduler', 'DeleteSchedule', { Name: 'contract-sleep' }),
    refused('cloudwatch', 'DeleteAlarms', { AlarmNames: ['contract-no-capacity', 'no-such-alarm'] }),
    ok('application-autoscaling', 'DeleteScheduledAction', { ...target, ScheduledActionName: 'contract-night' }),
    ok('application-autoscaling', 'DeleteScalingPolicy', { ...target, PolicyName: 'contract-step-scaling' }),
    ok('application-autoscaling', 'DeregisterScalableTarget', target),
    refused('application-autoscaling', 'DeregisterScalableTarget', target),
    ok('sagemaker', 'DeleteInferenceComponent', { InferenceComponentName: ic }),
    ok('sagemaker', 'DeleteEndpoint', { EndpointName: 'contract-endpoint' }, 900),
    ok('sagemaker', 'DeleteEndpointConfig', { EndpointConfigName: 'contract-config' }, 900),
    ok('sagemaker', 'DeleteModel', { ModelName: 'contract-model' }),
    ok('iam', 'DeleteRolePolicy', { RoleName: 'ContractRole', PolicyName: 'Copies' }),
    ok('iam', 'DeleteRole', { RoleName: 'ContractRole' }),
    ok('cloudwatch', 'DeleteAlarms', { AlarmNames: [] }),
    ok('application-autoscaling', 'DescribeScalableTargets', { ServiceNamespace: 'sagemaker', ScalableDimension: demoTarget.ScalableDimension, ResourceIds: [demoTarget.ResourceId] }),
  ];
}

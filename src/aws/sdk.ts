/**
 * The AWS SDK v3 surface the extension uses, gathered in one module so that the build emits it as its
 * own bundle (dist/aws-sdk.js). Nothing imports this statically: `loadSdk()` in ./clients.ts loads it
 * on the first AWS call, which keeps activation free of the SDK's cost.
 */
export {
  SageMakerClient,
  ListEndpointsCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  ListInferenceComponentsCommand,
  DescribeInferenceComponentCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
  DeleteInferenceComponentCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  // Plans (src/wizards/plans): the calls a wizard's plan makes, and the probes a resumed run uses.
  CreateModelCommand,
  DescribeModelCommand,
  ListModelsCommand,
  ListEndpointConfigsCommand,
  CreateEndpointConfigCommand,
  CreateEndpointCommand,
  UpdateEndpointCommand,
  CreateInferenceComponentCommand,
  UpdateInferenceComponentCommand,
  // A create whose answer was lost: is the resource that took its name this run's (its s2z:plan-run tag)?
  ListTagsCommand,
  // Paginators: they follow NextToken for src/aws/pagination.ts `allPages`.
  paginateListEndpoints,
  paginateListInferenceComponents,
  paginateListModels,
  paginateListEndpointConfigs,
} from '@aws-sdk/client-sagemaker';
export {
  SageMakerRuntimeClient,
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
} from '@aws-sdk/client-sagemaker-runtime';
export {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScalingActivitiesCommand,
  DescribeScheduledActionsCommand,
  DeregisterScalableTargetCommand,
  RegisterScalableTargetCommand,
  PutScalingPolicyCommand,
  DeleteScalingPolicyCommand,
  PutScheduledActionCommand,
  DeleteScheduledActionCommand,
  paginateDescribeScalableTargets,
  paginateDescribeScalingActivities,
} from '@aws-sdk/client-application-auto-scaling';
export { CloudWatchClient, DescribeAlarmsCommand, DeleteAlarmsCommand, PutMetricAlarmCommand, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
// The playground's chart (src/playground/session).
export { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
// Explained failures and cold starts (issue 19): the wake alarm's state changes and actions.
export { DescribeAlarmHistoryCommand, paginateDescribeAlarmHistory } from '@aws-sdk/client-cloudwatch';
// Container logs (issue 19): SageMaker writes each container's stdout/stderr to CloudWatch Logs.
export {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
// All regions at a glance (issue 20): the regions the account has enabled (Account ListRegions).
export { AccountClient, ListRegionsCommand, paginateListRegions } from '@aws-sdk/client-account';
export {
  SchedulerClient,
  ListSchedulesCommand,
  GetScheduleCommand,
  DeleteScheduleCommand,
  CreateScheduleCommand,
  UpdateScheduleCommand,
  paginateListSchedules,
} from '@aws-sdk/client-scheduler';
export {
  IAMClient,
  GetRoleCommand,
  ListRolesCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  PutRolePolicyCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  DeleteRolePolicyCommand,
} from '@aws-sdk/client-iam';
export { fromNodeProviderChain } from '@aws-sdk/credential-providers';
// The shared config and credentials files, read with the SDK's own loader (src/aws/profiles.ts).
export { loadSharedConfigFiles } from '@smithy/core/config';
// The Smithy building blocks the local emulator checks signatures and frames event streams with. The
// SDK clients above already carry them, so the extension's emulator bundle takes them from here rather
// than shipping a second copy (esbuild.mjs, `smithyFromSdkBundle`).
export { SignatureV4 } from '@smithy/signature-v4';
export { EventStreamCodec } from '@smithy/core/event-streams';
export { Hash, fromUtf8, toUtf8 } from '@smithy/core/serde';

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
} from '@aws-sdk/client-sagemaker';
export { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
export {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScalingActivitiesCommand,
  DescribeScheduledActionsCommand,
  DeregisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
export { CloudWatchClient, DescribeAlarmsCommand, DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
export { SchedulerClient, ListSchedulesCommand, GetScheduleCommand, DeleteScheduleCommand } from '@aws-sdk/client-scheduler';
export { fromNodeProviderChain } from '@aws-sdk/credential-providers';

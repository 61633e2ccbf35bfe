import { type Plan } from '../plan';

/** The CloudFormation resource type each create operation becomes. */
export const cloudFormationResourceTypes: Readonly<Record<string, string>> = {
  CreateModel: 'AWS::SageMaker::Model',
  CreateEndpointConfig: 'AWS::SageMaker::EndpointConfig',
  CreateEndpoint: 'AWS::SageMaker::Endpoint',
  CreateInferenceComponent: 'AWS::SageMaker::InferenceComponent',
  RegisterScalableTarget: 'AWS::ApplicationAutoScaling::ScalableTarget',
  PutScalingPolicy: 'AWS::ApplicationAutoScaling::ScalingPolicy',
  PutMetricAlarm: 'AWS::CloudWatch::Alarm',
  CreateSchedule: 'AWS::Scheduler::Schedule',
  CreateRole: 'AWS::IAM::Role',
};

/**
 * Whether a CloudFormation template of the plan would create anything. A template needs at least one
 * resource, and CloudFormation cannot change a resource that no stack owns: a plan whose every step
 * changes an existing resource (a repair, scheduled actions on an existing scalable target) has no
 * template, only a boto3 script or AWS CLI commands.
 */
export function createsCloudFormationResources(plan: Plan): boolean {
  return plan.steps.some((step) => !step.modifiesExisting && step.operation in cloudFormationResourceTypes);
}

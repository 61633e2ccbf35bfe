import { type RoleRecord } from '../iam/iamRecords';
import { type ScenarioServices } from './scenarioServices';

const trust = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

/**
 * The demo's IAM roles: the SageMaker execution role its models use (trusts sagemaker.amazonaws.com)
 * and the role its schedules use (trusts scheduler.amazonaws.com, may set a component's copy count).
 */
export function applyDemoRoles(services: ScenarioServices, now: number): void {
  const created = Math.floor((now - 3600_000) / 1000) * 1000;
  const role = (name: string, id: string, service: string, description: string, policy: { name: string; document: object }): RoleRecord => ({
    name,
    path: '/',
    id,
    arn: `arn:aws:iam::${services.accountId}:role/${name}`,
    createDate: created,
    assumeRolePolicyDocument: trust(service),
    description,
    maxSessionDuration: 3600,
    tags: [],
    inlinePolicies: [{ name: policy.name, document: JSON.stringify(policy.document) }],
  });
  services.iam.state = {
    roles: [
      role('EmulatorSageMakerExecutionRole', 'AROAEMULATORSAGEMAKER', 'sagemaker.amazonaws.com', 'Execution role of the demo models', {
        name: 'ModelArtifactsAndImages',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:GetAuthorizationToken'], Resource: '*' }],
        },
      }),
      role('EmulatorSchedulerRole', 'AROAEMULATORSCHEDULER', 'scheduler.amazonaws.com', 'Lets EventBridge Scheduler put the demo components to sleep and wake them', {
        name: 'SetInferenceComponentCopies',
        document: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Action: 'sagemaker:UpdateInferenceComponentRuntimeConfig',
            Resource: `arn:aws:sagemaker:${services.region}:${services.accountId}:inference-component/*`,
          }],
        },
      }),
    ],
  };
}

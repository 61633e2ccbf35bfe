import { type PlanStep } from '../plans/plan';
import { type ScheduleMethod } from './schedulePlan';

export const schedulerPrincipal = 'scheduler.amazonaws.com';

/** The output the CreateRole step names, which the schedules' `Target.RoleArn` references. */
export const schedulerRoleArnOutput = 'schedulerRoleArn';

/** The trust policy of a role only EventBridge Scheduler may assume. */
export const schedulerTrustPolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: schedulerPrincipal }, Action: 'sts:AssumeRole' }],
};

/** What the schedules call on the component, by method: the actions the role must be allowed. */
export function schedulerActions(method: ScheduleMethod): string[] {
  return method === 'deleteRecreate'
    ? ['sagemaker:DeleteInferenceComponent', 'sagemaker:CreateInferenceComponent']
    : ['sagemaker:UpdateInferenceComponentRuntimeConfig'];
}

/**
 * The least inline policy the schedules need: their actions on the component's ARN (a recreate also
 * names the endpoint it creates the component on).
 */
export function schedulerRolePolicy(method: ScheduleMethod, componentArn: string, endpointArn?: string) {
  const resources = method === 'deleteRecreate' && endpointArn ? [componentArn, endpointArn] : [componentArn];
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: schedulerActions(method), Resource: resources.length === 1 ? resources[0] : resources }],
  };
}

export interface NewSchedulerRole {
  name: string;
  path: string;
  method: ScheduleMethod;
  inferenceComponentName: string;
  componentArn: string;
  endpointArn?: string;
}

export const schedulerRolePolicyName = 'SleepAndWakeInferenceComponent';

/** CreateRole (its ARN as the `schedulerRoleArn` output) then PutRolePolicy: the role the schedules use. */
export function schedulerRoleSteps(role: NewSchedulerRole): PlanStep[] {
  const policy = schedulerRolePolicy(role.method, role.componentArn, role.endpointArn);
  return [
    {
      id: 'createSchedulerRole',
      service: 'iam',
      operation: 'CreateRole',
      input: {
        RoleName: role.name,
        Path: role.path,
        AssumeRolePolicyDocument: JSON.stringify(schedulerTrustPolicy),
        Description: `Lets EventBridge Scheduler put ${role.inferenceComponentName} to sleep and wake it`.slice(0, 1000),
      },
      description: `IAM role ${role.path === '/' ? '' : role.path.slice(1)}${role.name}, trusting ${schedulerPrincipal}`,
      creates: { kind: 'role', name: role.name },
      outputs: { [schedulerRoleArnOutput]: 'Role.Arn' },
    },
    {
      id: 'putSchedulerRolePolicy',
      service: 'iam',
      operation: 'PutRolePolicy',
      input: { RoleName: role.name, PolicyName: schedulerRolePolicyName, PolicyDocument: JSON.stringify(policy) },
      description: `Inline policy ${schedulerRolePolicyName} of ${role.name}: ${schedulerActions(role.method).join(', ')} on ${role.inferenceComponentName} only`,
      creates: { kind: 'rolePolicy', roleName: role.name, policyName: schedulerRolePolicyName },
    },
  ];
}

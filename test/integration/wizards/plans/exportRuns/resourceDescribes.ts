import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  type ScalableDimension,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetRoleCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeInferenceComponentCommand, DescribeModelCommand } from '@aws-sdk/client-sagemaker';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { type AwsClients } from '../../../../../src/aws/clients';
import { type ResourceRef } from '../../../../../src/resources/resourceSnapshots';
import { planRunTagKey } from '../../../../../src/wizards/plans/overwrites';

/** What AWS says about one resource, read with its own describe (or get) call; `{ missing }` when it does not exist. */
export async function describeResource(clients: AwsClients, resource: ResourceRef): Promise<unknown> {
  const namespace = 'sagemaker' as ServiceNamespace;
  try {
    switch (resource.kind) {
      case 'model':
        return await clients.sageMaker.send(new DescribeModelCommand({ ModelName: resource.name }));
      case 'endpointConfig':
        return await clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: resource.name }));
      case 'endpoint':
        return await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: resource.name }));
      case 'inferenceComponent':
        return await clients.sageMaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: resource.name }));
      case 'scalableTarget':
        return (await clients.autoScaling.send(new DescribeScalableTargetsCommand({
          ServiceNamespace: namespace, ResourceIds: [resource.resourceId], ScalableDimension: resource.scalableDimension as ScalableDimension,
        }))).ScalableTargets;
      case 'scalingPolicy':
        return (await clients.autoScaling.send(new DescribeScalingPoliciesCommand({
          ServiceNamespace: namespace, ResourceId: resource.resourceId, ScalableDimension: resource.scalableDimension as ScalableDimension, PolicyNames: [resource.policyName],
        }))).ScalingPolicies;
      case 'scheduledAction':
        return (await clients.autoScaling.send(new DescribeScheduledActionsCommand({
          ServiceNamespace: namespace, ResourceId: resource.resourceId, ScalableDimension: resource.scalableDimension as ScalableDimension, ScheduledActionNames: [resource.name],
        }))).ScheduledActions;
      case 'alarm': {
        const answer = await clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [resource.name] }));
        return { MetricAlarms: answer.MetricAlarms, CompositeAlarms: answer.CompositeAlarms };
      }
      case 'schedule':
        return await clients.scheduler.send(new GetScheduleCommand({ Name: resource.name, GroupName: resource.group }));
      case 'role':
        return (await clients.iam.send(new GetRoleCommand({ RoleName: resource.name }))).Role;
      case 'rolePolicy':
        return await clients.iam.send(new GetRolePolicyCommand({ RoleName: resource.roleName, PolicyName: resource.policyName }));
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : String(error);
    if (/NotFound|NoSuchEntity|ValidationException/.test(name)) return { missing: name };
    throw error;
  }
}

/** A version 4 UUID, as the emulator (and AWS) put in policy and scheduled action ARNs and target tracking alarm names. */
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A describe with what legitimately differs between two runs of the same plan removed: the random
 * parts of ARNs and names (UUIDs, a scalable target's id, an IAM role's id), every time (the runs waited
 * on the virtual clock in different steps), request metadata, and the `s2z:plan-run` tag the extension's
 * runner adds to what it creates (the exported scripts are the plan's calls without the runner's
 * bookkeeping).
 */
export function withoutRunSpecifics(value: unknown, key = ''): unknown {
  if (value instanceof Date) return '<time>';
  if (typeof value === 'string') {
    if (key === 'RoleId') return '<role id>';
    return value.replace(uuid, '<uuid>').replace(/(scalable-target\/)[0-9a-z]+/g, '$1<id>');
  }
  if (Array.isArray(value)) {
    return value
      .filter((item) => !(key === 'Tags' && (item as { Key?: string } | null)?.Key === planRunTagKey))
      .map((item) => withoutRunSpecifics(item, key));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([member]) => member !== '$metadata')
        .map(([member, item]) => [member, withoutRunSpecifics(item, member)])
        // A role whose only tag was the runner's compares as a role without tags (Tags left out, as answered for one).
        .filter(([member, item]) => !(member === 'Tags' && Array.isArray(item) && item.length === 0 && Array.isArray((value as Record<string, unknown>).Tags) && ((value as Record<string, unknown[]>).Tags).length > 0)),
    );
  }
  return value;
}

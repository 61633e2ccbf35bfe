import { type ResourceRef } from '../resources/resourceSnapshots';
import { type AwsClients, loadSdk } from './clients';

type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** Sends the one API call that deletes a resource (no waiting, no retry): shared by teardowns and rollbacks. */
export async function deleteResource(clients: AwsClients, resource: ResourceRef, sdk?: Sdk): Promise<void> {
  sdk ??= await loadSdk();
  switch (resource.kind) {
    case 'schedule':
      await clients.scheduler.send(new sdk.DeleteScheduleCommand({ Name: resource.name, GroupName: resource.group }));
      return;
    case 'alarm':
      await clients.cloudWatch.send(new sdk.DeleteAlarmsCommand({ AlarmNames: [resource.name] }));
      return;
    case 'scalingPolicy':
      await clients.autoScaling.send(
        new sdk.DeleteScalingPolicyCommand({
          PolicyName: resource.policyName,
          ServiceNamespace: 'sagemaker',
          ResourceId: resource.resourceId,
          ScalableDimension: resource.scalableDimension as never,
        }),
      );
      return;
    case 'scheduledAction':
      await clients.autoScaling.send(
        new sdk.DeleteScheduledActionCommand({
          ScheduledActionName: resource.name,
          ServiceNamespace: 'sagemaker',
          ResourceId: resource.resourceId,
          ScalableDimension: resource.scalableDimension as never,
        }),
      );
      return;
    case 'scalableTarget':
      await clients.autoScaling.send(
        new sdk.DeregisterScalableTargetCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: resource.resourceId,
          ScalableDimension: resource.scalableDimension as never,
        }),
      );
      return;
    case 'inferenceComponent':
      await clients.sageMaker.send(new sdk.DeleteInferenceComponentCommand({ InferenceComponentName: resource.name }));
      return;
    case 'endpoint':
      await clients.sageMaker.send(new sdk.DeleteEndpointCommand({ EndpointName: resource.name }));
      return;
    case 'endpointConfig':
      await clients.sageMaker.send(new sdk.DeleteEndpointConfigCommand({ EndpointConfigName: resource.name }));
      return;
    case 'model':
      await clients.sageMaker.send(new sdk.DeleteModelCommand({ ModelName: resource.name }));
      return;
    case 'rolePolicy':
      await clients.iam.send(new sdk.DeleteRolePolicyCommand({ RoleName: resource.roleName, PolicyName: resource.policyName }));
      return;
    case 'role':
      await clients.iam.send(new sdk.DeleteRoleCommand({ RoleName: resource.name }));
      return;
  }
}

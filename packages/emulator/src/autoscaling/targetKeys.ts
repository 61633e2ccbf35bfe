import { ServiceError } from '../http/serviceError';
import { type JsonReader } from '../protocols/jsonReader';
import { type ScalableTargetRecord } from './records';
import { serviceNamespaces, targetNotFound } from './resourceIds';
import { type ScalingEngine } from './scalingEngine';
import { resourceIdRule } from './namePatterns';

/** Every scalable dimension Application Auto Scaling accepts (the emulator scales only SageMaker's). */
export const scalableDimensions = [
  'ecs:service:DesiredCount', 'ec2:spot-fleet-request:TargetCapacity', 'elasticmapreduce:instancegroup:InstanceCount', 'appstream:fleet:DesiredCapacity',
  'dynamodb:table:ReadCapacityUnits', 'dynamodb:table:WriteCapacityUnits', 'dynamodb:index:ReadCapacityUnits', 'dynamodb:index:WriteCapacityUnits',
  'rds:cluster:ReadReplicaCount', 'sagemaker:variant:DesiredInstanceCount', 'custom-resource:ResourceType:Property',
  'comprehend:document-classifier-endpoint:DesiredInferenceUnits', 'comprehend:entity-recognizer-endpoint:DesiredInferenceUnits',
  'lambda:function:ProvisionedConcurrency', 'cassandra:table:ReadCapacityUnits', 'cassandra:table:WriteCapacityUnits', 'kafka:broker-storage:VolumeSize',
  'elasticache:cache-cluster:Nodes', 'elasticache:replication-group:NodeGroups', 'elasticache:replication-group:Replicas', 'neptune:cluster:ReadReplicaCount',
  'sagemaker:variant:DesiredProvisionedConcurrency', 'sagemaker:inference-component:DesiredCopyCount', 'workspaces:workspacespool:DesiredUserSessions',
];

/** What names one scalable target (and the policies, actions and activities that belong to it). */
export interface TargetKey {
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
}

/** Reads and validates ServiceNamespace, ResourceId and ScalableDimension. */
export function readTargetKey(input: JsonReader, dimensionRequired = true): TargetKey {
  const serviceNamespace = input.string('ServiceNamespace', { required: true, enum: serviceNamespaces }) ?? '';
  const resourceId = input.string('ResourceId', { required: true, ...resourceIdRule }) ?? '';
  const scalableDimension = input.string('ScalableDimension', { required: dimensionRequired, enum: scalableDimensions }) ?? '';
  return { serviceNamespace, resourceId, scalableDimension };
}

/** The Describe* filter: a required namespace, an optional resource ID and dimension. */
export function readTargetFilter(input: JsonReader): (item: TargetKey) => boolean {
  const serviceNamespace = input.string('ServiceNamespace', { required: true, enum: serviceNamespaces }) ?? '';
  const resourceId = input.string('ResourceId', resourceIdRule);
  const scalableDimension = input.string('ScalableDimension', { enum: scalableDimensions });
  return (item) =>
    item.serviceNamespace === serviceNamespace && (!resourceId || item.resourceId === resourceId) && (!scalableDimension || item.scalableDimension === scalableDimension);
}

/** True when a policy or scheduled action belongs to the target the key names. */
export function sameTarget(item: TargetKey, key: TargetKey): boolean {
  return item.serviceNamespace === key.serviceNamespace && item.resourceId === key.resourceId && item.scalableDimension === key.scalableDimension;
}

/** The registered target, or Application Auto Scaling's ObjectNotFoundException. */
export function requireTarget(engine: ScalingEngine, key: TargetKey): ScalableTargetRecord {
  const target = engine.target(key.serviceNamespace, key.resourceId, key.scalableDimension);
  if (!target) throw targetNotFound(key.serviceNamespace, key.resourceId, key.scalableDimension);
  return target;
}

/** ObjectNotFoundException for a named policy or scheduled action of a target, in AWS's words. */
export function notFoundOnTarget(kind: 'scaling policy' | 'scheduled action', nameLabel: string, key: TargetKey, name: string): ServiceError {
  return new ServiceError(
    'ObjectNotFoundException',
    `No ${kind} found for service namespace: ${key.serviceNamespace}, resource ID: ${key.resourceId}, scalable dimension: ${key.scalableDimension}, ${nameLabel}: ${name}`,
    400,
  );
}

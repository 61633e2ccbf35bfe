import { ServiceError } from '../http/serviceError';

export const serviceNamespaces = ['ecs', 'elasticmapreduce', 'ec2', 'appstream', 'dynamodb', 'rds', 'sagemaker', 'custom-resource', 'comprehend', 'lambda', 'cassandra', 'kafka', 'elasticache', 'neptune', 'workspaces'];
export const icDimension = 'sagemaker:inference-component:DesiredCopyCount';
export const variantDimension = 'sagemaker:variant:DesiredInstanceCount';
export const provisionedConcurrencyDimension = 'sagemaker:variant:DesiredProvisionedConcurrency';

export const icMetricTypes = ['SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution', 'SageMakerInferenceComponentInvocationsPerCopy'];
export const variantMetricTypes = ['SageMakerVariantInvocationsPerInstance', 'SageMakerVariantConcurrentRequestsPerModelHighResolution', 'SageMakerVariantProvisionedConcurrencyUtilization'];

export type ResourceRef = { kind: 'inference-component'; name: string } | { kind: 'variant'; endpoint: string; variant: string };

export function awsValidation(message: string): ServiceError {
  return new ServiceError('ValidationException', message, 400);
}

/**
 * Checks that a SageMaker resource ID fits its scalable dimension (`inference-component/<name>` for
 * copies, `endpoint/<name>/variant/<variant>` for variants), with Application Auto Scaling's messages.
 */
export function parseResource(serviceNamespace: string, resourceId: string, dimension: string): ResourceRef {
  if (serviceNamespace !== 'sagemaker' || ![icDimension, variantDimension, provisionedConcurrencyDimension].includes(dimension)) {
    throw awsValidation('Unsupported service namespace, resource type or scalable dimension');
  }
  if (dimension === icDimension) {
    const match = /^inference-component\/([a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$/.exec(resourceId);
    if (!match) throw awsValidation(`Unsupported resource ID ${resourceId} for scalable dimension ${dimension}. Expected: inference-component/<inference component name>`);
    return { kind: 'inference-component', name: match[1] };
  }
  const match = /^endpoint\/([^/]+)\/variant\/([^/]+)$/.exec(resourceId);
  if (!match) throw awsValidation(`Unsupported resource ID ${resourceId} for scalable dimension ${dimension}. Expected: endpoint/<endpoint name>/variant/<variant name>`);
  return { kind: 'variant', endpoint: match[1], variant: match[2] };
}

export function targetNotFound(serviceNamespace: string, resourceId: string, dimension: string): ServiceError {
  return new ServiceError(
    'ObjectNotFoundException',
    `No scalable target registered for service namespace: ${serviceNamespace}, resource ID: ${resourceId}, scalable dimension: ${dimension}`,
    400,
  );
}

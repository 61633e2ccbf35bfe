import { ServiceError } from '../http/serviceError';

/** SageMaker runtime errors, with the service's own messages. */
export const noCapacityMessage =
  'Inference Component has no capacity to process this request. ApplicationAutoScaling may be in-progress (if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API.';

export const icHeaderRequiredMessage =
  'Inference Component Name header is required for endpoints to which you plan to deploy inference components. Please include Inference Component Name header or consider using SageMaker models.';

export function validationError(message: string): ServiceError {
  return new ServiceError('ValidationError', message, 400);
}

export function endpointNotFound(endpointName: string, accountId: string): ServiceError {
  return validationError(`Endpoint ${endpointName} of account ${accountId} not found.`);
}

export function componentNotFound(componentName: string, endpointName: string, accountId: string): ServiceError {
  return validationError(`Inference Component ${componentName} of account ${accountId} not found on endpoint ${endpointName}.`);
}

/** What the runtime answers when the container refuses the payload (HTTP 424 ModelError). */
export function modelError(region: string, accountId: string, logGroup: string, originalMessage: string): ServiceError {
  const body = JSON.stringify({ code: 400, type: 'BadRequest', message: originalMessage });
  const logStreamArn = `arn:aws:logs:${region}:${accountId}:log-group:${logGroup}`;
  const error = new ServiceError(
    'ModelError',
    `Received client error (400) from primary with message "${body}". See https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logEventViewer:group=${logGroup} in account ${accountId} for more information.`,
    424,
  );
  error.members = { OriginalStatusCode: 400, OriginalMessage: body, LogStreamArn: logStreamArn };
  return error;
}

import { ServiceError } from '../http/serviceError';

/** IAM's errors (awsQuery): the code and HTTP status of the service model (botocore's iam/2010-05-08). */
export const noSuchEntity = (message: string) => new ServiceError('NoSuchEntity', message, 404);
export const entityAlreadyExists = (message: string) => new ServiceError('EntityAlreadyExists', message, 409);
export const deleteConflict = (message: string) => new ServiceError('DeleteConflict', message, 409);
export const malformedPolicyDocument = (message: string) => new ServiceError('MalformedPolicyDocument', message, 400);
export const invalidInput = (message: string) => new ServiceError('InvalidInput', message, 400);
export const limitExceeded = (message: string) => new ServiceError('LimitExceeded', message, 409);

/** The shape-validation error of AWS's query services: "1 validation error detected: …" as `ValidationError`. */
export function validationErrors(violations: readonly string[]): ServiceError {
  const count = violations.length;
  return new ServiceError('ValidationError', `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`, 400);
}

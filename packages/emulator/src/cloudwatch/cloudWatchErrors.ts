import { MissingMembers, ServiceError } from '../http/serviceError';

/**
 * CloudWatch's errors: the modelled exception name in `__type` (what the SDK's `name` becomes) and
 * the awsQuery code in `x-amzn-query-error` (what `error.Code` becomes).
 */
function cloudWatchError(name: string, queryCode: string, message: string, status = 400): ServiceError {
  const error = new ServiceError(name, message, status);
  error.queryCode = queryCode;
  return error;
}

export const invalidParameterValue = (message: string) => cloudWatchError('InvalidParameterValueException', 'InvalidParameterValue', message);
export const invalidParameterCombination = (message: string) =>
  cloudWatchError('InvalidParameterCombinationException', 'InvalidParameterCombination', message);
export const missingParameter = (message: string) => cloudWatchError('MissingRequiredParameterException', 'MissingParameter', message);
export const resourceNotFound = (message: string) => cloudWatchError('ResourceNotFound', 'ResourceNotFound', message, 404);
export const invalidNextToken = (message: string) => cloudWatchError('InvalidNextToken', 'InvalidNextToken', message);
export const invalidFormat = (message: string) => cloudWatchError('InvalidFormatFault', 'InvalidFormat', message);

/** Shape validation ("1 validation error detected: ...") is CloudWatch's `ValidationError`. */
export function asCloudWatchError(error: unknown): unknown {
  if (error instanceof MissingMembers) return missingParameter(error.message);
  if (error instanceof ServiceError && error.code === 'ValidationException' && !error.queryCode) error.queryCode = 'ValidationError';
  return error;
}

/**
 * The AWS error codes (error names, `Code` fields, network codes) grouped by what they mean, and the
 * one `isNotFound` every caller uses. Errors are told apart by name and HTTP status; message text only
 * where AWS gives nothing else (see `notFoundMessage`).
 */

export const networkCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EPIPE',
  'EPROTO',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'TimeoutError',
  'NetworkingError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

export const throttlingCodes: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);

export const invalidCredentialCodes: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthFailure',
  'InvalidAccessKeyId',
]);

export const expiredCredentialCodes: ReadonlySet<string> = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);

export const accessDeniedCodes: ReadonlySet<string> = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'NotAuthorized', 'Forbidden']);

export const notFoundCodes: ReadonlySet<string> = new Set([
  'ResourceNotFoundException',
  'ResourceNotFound',
  'ObjectNotFoundException',
  'NotFoundException',
  'NoSuchEntity',
]);

export const validationCodes: ReadonlySet<string> = new Set([
  'ValidationException',
  'ValidationError',
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidParameterCombination',
  'InvalidParameterException',
  'MissingParameter',
  'SerializationException',
]);

/**
 * The last resort for "not found": SageMaker answers a Describe/Update/Delete of a missing endpoint,
 * config, model or inference component with a ValidationException ("Could not find endpoint …"), and
 * the runtime a missing endpoint with a ValidationError ("Endpoint … not found"): only the message
 * tells them from other validation errors.
 */
export const notFoundMessage = /Could not find|does not exist|not found/i;

const validationNames: ReadonlySet<string> = new Set(['ValidationException', 'ValidationError']);

/**
 * True for the services' "not found" answers (a resource already gone counts as deleted): a not-found
 * error name or code, an HTTP 404 from the service, or SageMaker's validation error for a missing
 * resource (`notFoundMessage`).
 */
export function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const record = error as { name?: unknown; Code?: unknown; code?: unknown; message?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const names = [record.name, record.Code, record.code].filter((value): value is string => typeof value === 'string');
  if (names.some((name) => notFoundCodes.has(name))) return true;
  if (record.$metadata?.httpStatusCode === 404 && record.$fault !== undefined) return true;
  const message = typeof record.message === 'string' ? record.message : '';
  return names.some((name) => validationNames.has(name)) && notFoundMessage.test(message);
}

/**
 * An error the emulator answers the way an AWS service does: an HTTP status, an error code the SDK
 * turns into the exception's `name`, and a message.
 */
export class ServiceError extends Error {
  /** Extra members of a modelled error (e.g. ModelError's OriginalStatusCode), serialized in the body. */
  members: Record<string, unknown> = {};
  /** The awsQuery error code a query-compatible service (CloudWatch) reports in `x-amzn-query-error`, when it differs from `code`. */
  queryCode?: string;

  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    /** Query-compatible services (CloudWatch) also report the fault type: Sender or Receiver. */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/** SageMaker's generic client error (not-found, conflicts, business rules). */
export function validationException(message: string): ServiceError {
  return new ServiceError('ValidationException', message, 400);
}

export function resourceLimitExceeded(message: string): ServiceError {
  return new ServiceError('ResourceLimitExceeded', message, 400);
}

/** The shape-validation error of AWS's JSON services: "1 validation error detected: ...". */
export function constraintViolations(violations: readonly string[]): ServiceError {
  const count = violations.length;
  const head = `${count} validation error${count === 1 ? '' : 's'} detected: `;
  return new ServiceError('ValidationException', head + violations.join('; '), 400);
}

/**
 * A member the operation needs that the model does not require (the model's required members are
 * refused before the operation runs, as constraint violations): a plain refusal naming the members,
 * which a query-compatible service (CloudWatch) reports as MissingParameter.
 */
export class MissingMembers extends ServiceError {
  constructor(readonly paths: readonly string[]) {
    super('ValidationException', `The parameter${paths.length === 1 ? '' : 's'} ${paths.join(', ')} ${paths.length === 1 ? 'is' : 'are'} required.`, 400);
  }
}

export function serializationException(message: string): ServiceError {
  return new ServiceError('SerializationException', message, 400);
}

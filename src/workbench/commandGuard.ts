import { describeAwsError } from '../aws/awsErrorMessages';
import { type Logger } from '../logging/logger';
import { showAwsError } from './awsErrorNotification';

/** What the guard needs to word a failure: the log, and the region of the connection in use. */
export interface CommandGuardContext {
  logger: Logger;
  region(): string | undefined;
}

/**
 * The one error guard every command body runs in: a failure becomes one plain message (logged, and
 * shown with its AWS Docs or fix command) that names the action and the resource, never a stack trace.
 * `resourceOf` names the resource from the command's arguments, when they name one.
 */
export function guardCommand<A extends unknown[], R>(
  context: CommandGuardContext,
  action: string,
  body: (...args: A) => Promise<R>,
  resourceOf: (...args: A) => string | undefined = () => undefined,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (error) {
      const described = describeAwsError(error, { action, resource: resourceOf(...args), region: context.region() });
      context.logger.error(described.message);
      void showAwsError(described);
      return undefined;
    }
  };
}

/**
 * What went wrong reading a log group, in plain words for the view's notice. Told apart by the
 * error's name and code first (src/aws/awsErrorCodes), the message only to find the account in an
 * access-denied answer. Every text passes through `redactSecrets` (an error never shows credentials).
 */
import { accessDeniedCodes, isNotFound, networkCodes, throttlingCodes } from '../../aws/awsErrorCodes';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { redactSecrets } from '../../logging/redact';
import { logGroupArn } from './logGroups';

export type LogsProblemKind = 'groupMissing' | 'accessDenied' | 'throttled' | 'network' | 'other';

export interface LogsProblem {
  kind: LogsProblemKind;
  /** One or two plain sentences. */
  message: string;
  /** For access denied: the IAM policy statement to add, as JSON. */
  policy?: string;
  /** The AWS error code, when there is one. */
  code?: string;
}

function names(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const record = error as Record<string, unknown>;
  const found: string[] = [];
  let cause: unknown = record;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
    const item = cause as Record<string, unknown>;
    for (const key of ['name', 'Code', 'code']) if (typeof item[key] === 'string') found.push(item[key] as string);
    cause = item.cause;
  }
  return found;
}

export function problemKind(error: unknown): LogsProblemKind {
  const found = names(error);
  if (found.some((name) => accessDeniedCodes.has(name))) return 'accessDenied';
  if (found.some((name) => throttlingCodes.has(name))) return 'throttled';
  if (found.some((name) => networkCodes.has(name))) return 'network';
  if (isNotFound(error)) return 'groupMissing';
  return 'other';
}

/** The IAM statement that lets a principal read one log group's events. */
export function readPolicyStatement(arn: string): string {
  return JSON.stringify(
    { Effect: 'Allow', Action: ['logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:DescribeLogStreams'], Resource: arn },
    undefined,
    2,
  );
}

/** The account an AccessDenied message names ("… on resource: arn:aws:logs:us-east-1:123456789012:log-group:…"). */
function accountInMessage(message: string): string | undefined {
  return /arn:aws[\w-]*:logs:[\w-]+:(\d{12}):log-group:/.exec(message)?.[1] ?? /arn:aws[\w-]*:(?:sts|iam)::(\d{12}):/.exec(message)?.[1];
}

/**
 * A notice for an error reading `logGroupName`. `resource` names what the view shows ("endpoint demo",
 * "inference component demo-llama"); `creating` says the endpoint (or component) is still being created,
 * when a missing group is the common case.
 */
export function describeLogsProblem(
  error: unknown,
  context: { logGroupName: string; region: string; accountId?: string; resource: string; creating?: boolean },
): LogsProblem {
  const kind = problemKind(error);
  const raw = typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : String(error);
  const code = names(error)[0];
  if (kind === 'groupMissing') {
    const base = `The log group ${context.logGroupName} does not exist yet: no container of ${context.resource} has started writing logs. SageMaker creates it when the first container starts.`;
    const extra = context.creating
      ? ' While the endpoint is Creating this is the common case: the instances are still being provisioned or the image and model are still downloading.'
      : ' The lines appear here once a copy starts.';
    return { kind, message: base + extra, code };
  }
  if (kind === 'accessDenied') {
    const arn = logGroupArn(context.logGroupName, { region: context.region, accountId: context.accountId ?? accountInMessage(raw) });
    return {
      kind,
      message: `Access denied: your credentials may not call logs:FilterLogEvents on ${arn}. Add this statement to your IAM policy, then reopen the logs.`,
      policy: readPolicyStatement(arn),
      code,
    };
  }
  if (kind === 'throttled') {
    return { kind, message: 'CloudWatch Logs is throttling these reads (too many requests): the view waits longer between reads and tries again.', code };
  }
  const described = describeAwsError(error, { action: 'Read the logs of', resource: context.resource, region: context.region });
  if (kind === 'network') return { kind, message: redactSecrets(`${described.message} The view tries again.`), code: described.code };
  return { kind, message: redactSecrets(described.message), code: described.code };
}

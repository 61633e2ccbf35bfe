/**
 * Turns an error from an AWS SDK client or from the credential chain into one plain sentence a user
 * can act on: what failed, on which resource, why, and what to run to fix it. Never a stack trace;
 * the AWS error code stays visible; every text passes through `redactSecrets`.
 */
import { redactSecrets } from '../logging/redact';

export type AwsErrorKind =
  | 'credentials'
  | 'ssoExpired'
  | 'notFound'
  | 'accessDenied'
  | 'throttled'
  | 'validation'
  | 'network'
  | 'service'
  | 'unknown';

export interface AwsErrorContext {
  /**
   * What was being done, as a verb (phrase) that reads before the resource: `Describe`, `Update`, or,
   * without a resource, `List endpoints`. Messages read "<action> <resource> failed: ...".
   */
  action: string;
  /** The resource it was done to, named for the user: `endpoint demo`, `alarm demo-scale-out`. */
  resource?: string;
  profile?: string;
  region?: string;
  /** The endpoint URL when it is not AWS's own (the local emulator). */
  endpoint?: string;
}

export interface AwsErrorDescription {
  message: string;
  /** The AWS error code (`AccessDeniedException`), the SDK error name or the network error code. */
  code?: string;
  kind: AwsErrorKind;
  /** A shell command that fixes the problem, when there is one (`aws sso login --profile dev`). */
  fixCommand?: string;
}

interface ErrorFacts {
  name?: string;
  code?: string;
  message: string;
  status?: number;
  fault?: string;
  /** `code`s of this error and of its causes (`ECONNREFUSED`), and their names (`TimeoutError`). */
  chain: string[];
  hostname?: string;
  address?: string;
}

const networkCodes = new Set([
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

const throttlingCodes = new Set([
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

const invalidCredentialCodes = new Set([
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

const expiredCredentialCodes = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);

const accessDeniedCodes = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'NotAuthorized', 'Forbidden']);

const notFoundCodes = new Set([
  'ResourceNotFoundException',
  'ResourceNotFound',
  'ObjectNotFoundException',
  'NotFoundException',
  'NoSuchEntity',
]);

const validationCodes = new Set([
  'ValidationException',
  'ValidationError',
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidParameterCombination',
  'InvalidParameterException',
  'MissingParameter',
  'SerializationException',
]);

/** Names that say nothing about the error, so they are not shown as its code. */
const genericNames = new Set(['Error', 'TypeError', 'RangeError', 'AggregateError', 'Unknown', 'UnknownError']);

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function collectFacts(error: unknown): ErrorFacts {
  const record = asRecord(error);
  if (!record) return { message: error === undefined || error === null ? '' : String(error), chain: [] };
  const metadata = asRecord(record.$metadata);
  const status = typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
  const name = stringField(record, 'name');
  // Query-protocol services (CloudWatch) and older shapes carry the code in `Code` or `code`.
  const code = stringField(record, 'Code') ?? stringField(record, 'code');
  const chain: string[] = [];
  let hostname: string | undefined;
  let address: string | undefined;
  const visit = (value: unknown, depth: number): void => {
    const item = asRecord(value);
    if (!item || depth > 4) return;
    for (const key of ['code', 'name', 'errno']) {
      const field = stringField(item, key);
      if (field) chain.push(field);
    }
    hostname ??= stringField(item, 'hostname');
    const ip = stringField(item, 'address');
    if (ip && address === undefined) address = typeof item.port === 'number' ? `${ip}:${item.port}` : ip;
    visit(item.cause, depth + 1);
    if (Array.isArray(item.errors)) for (const inner of item.errors.slice(0, 5)) visit(inner, depth + 1);
  };
  visit(record, 0);
  let message = stringField(record, 'message') ?? stringField(record, 'Message') ?? '';
  if (message === '' && record.cause) message = stringField(asRecord(record.cause), 'message') ?? '';
  return { name, code, message, status, fault: stringField(record, '$fault'), chain, hostname, address };
}

/** The first line of an error message, without the SDK's own advice, trimmed to a readable length. */
function cleanMessage(message: string): string {
  let text = message.split(/\r?\n\s*at\s/)[0]; // never a stack trace
  text = text.replace(/\s+/g, ' ').trim();
  if (text.length > 400) text = `${text.slice(0, 397)}...`;
  return text.replace(/[.\s]+$/, '');
}

/** `Describe endpoint` → `describe endpoint` inside a sentence; API names (`DescribeEndpoint`) stay as they are. */
function midSentence(action: string): string {
  return /^[A-Z][a-z]+(\s|$)/.test(action) ? action[0].toLowerCase() + action.slice(1) : action;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

function profileFlag(profile: string | undefined): string {
  return profile ? ` --profile ${shellQuote(profile)}` : '';
}

function isSsoProblem(facts: ErrorFacts): boolean {
  const text = facts.message;
  if (/aws sso login/i.test(text)) return true;
  if (/\bSSO\b.*\b(session|token)\b.*\b(expired|invalid|not found)\b/i.test(text)) return true;
  if (/^Token is expired\b/i.test(text)) return true;
  const name = facts.name ?? '';
  // The SSO portal's answer when the access token is stale, and the SSO OIDC answer when the refresh token is.
  if (name === 'UnauthorizedException' && /session token/i.test(text)) return true;
  if (name === 'InvalidGrantException') return true;
  return false;
}

function whereReached(context: AwsErrorContext, facts: ErrorFacts): string {
  if (context.endpoint) return `at ${context.endpoint}`;
  const host = facts.hostname ?? facts.address;
  if (host) return `at ${host}${context.region ? ` (region ${context.region})` : ''}`;
  return context.region ? `in region ${context.region}` : 'at its endpoint';
}

function describe(error: unknown, context: AwsErrorContext): AwsErrorDescription {
  const facts = collectFacts(error);
  const subject = context.resource ? `${context.action} ${context.resource}` : context.action;
  const who = context.profile ? `profile ${context.profile}` : 'the default credentials';
  const awsMessage = cleanMessage(facts.message);
  const codeName = facts.name && !genericNames.has(facts.name) ? facts.name : facts.code;
  const withCode = (text: string, code: string | undefined = codeName): string => (code ? `${text} (${code})` : text);
  const detail = awsMessage ? `: ${awsMessage}` : '';
  const all = new Set([facts.name, facts.code, ...facts.chain].filter((value): value is string => Boolean(value)));
  const has = (codes: ReadonlySet<string>): string | undefined => [...all].find((value) => codes.has(value));

  if (isSsoProblem(facts)) {
    const fixCommand = `aws sso login${profileFlag(context.profile)}`;
    return {
      kind: 'ssoExpired',
      code: codeName,
      fixCommand,
      message: withCode(
        `${subject} failed: the AWS SSO session of ${who} has expired or was never started; run "${fixCommand}" and try again`,
      ),
    };
  }

  if (facts.name === 'CredentialsProviderError' || facts.name === 'TokenProviderError' || /^Could not load credentials/i.test(facts.message)) {
    if (/Could not load credentials from any providers/i.test(facts.message)) {
      if (context.profile) {
        // The chosen profile gave nothing: say which one, not "choose a profile".
        const flag = profileFlag(context.profile);
        return {
          kind: 'credentials',
          code: codeName,
          fixCommand: `aws configure sso${flag}`,
          message: withCode(
            `${subject} failed: ${who} gave no AWS credentials (it is missing from the shared AWS config and credentials files, or has none); set it up with "aws configure sso${flag}" or "aws configure${flag}", or choose another profile in the settings`,
          ),
        };
      }
      return {
        kind: 'credentials',
        code: codeName,
        fixCommand: 'aws configure sso',
        message: withCode(
          `${subject} failed: no AWS credentials were found; set up a profile with "aws configure sso" (IAM Identity Center) or "aws configure" (access keys), then choose it in the settings`,
        ),
      };
    }
    const profileMissing = /Could not resolve credentials using profile|could not be found|was not found|is not configured with SSO/i.test(
      facts.message,
    );
    if (profileMissing) {
      const flag = profileFlag(context.profile);
      return {
        kind: 'credentials',
        code: codeName,
        fixCommand: `aws configure sso${flag}`,
        message: withCode(
          `${subject} failed: ${who} is missing or has no usable credentials in the shared AWS config and credentials files; set it up with "aws configure sso${flag}" or "aws configure${flag}"${detail ? ` (${awsMessage})` : ''}`,
        ),
      };
    }
    return {
      kind: 'credentials',
      code: codeName,
      message: withCode(`${subject} failed: the credentials of ${who} could not be loaded${detail}`),
    };
  }

  const expired = has(expiredCredentialCodes);
  if (expired) {
    return {
      kind: 'credentials',
      code: expired,
      message: withCode(
        `${subject} failed: the temporary credentials of ${who} have expired; get fresh ones (for an SSO profile run "aws sso login${profileFlag(context.profile)}") and try again`,
        expired,
      ),
    };
  }

  const invalid = has(invalidCredentialCodes);
  if (invalid) {
    const clock = /signature|Signature/.test(invalid) ? ' and that the computer clock is correct' : '';
    const fixCommand = `aws configure${profileFlag(context.profile)}`;
    return {
      kind: 'credentials',
      code: invalid,
      fixCommand,
      message: withCode(
        `${subject} failed: AWS did not accept the credentials of ${who}; check the access key and secret with "${fixCommand}"${clock}`,
        invalid,
      ),
    };
  }

  const denied = has(accessDeniedCodes) ?? (facts.status === 403 ? codeName : undefined);
  if (denied !== undefined || facts.status === 403) {
    return {
      kind: 'accessDenied',
      code: denied,
      message: withCode(
        `Access denied: ${who} may not ${midSentence(context.action)}${context.resource ? ` ${context.resource}` : ''}${context.region ? ` in ${context.region}` : ''}${detail}; check that the IAM policy of its role or user allows it`,
        denied,
      ),
    };
  }

  const notFoundByCode = has(notFoundCodes);
  const notFoundByMessage =
    (facts.name === 'ValidationException' || facts.code === 'ValidationException' || facts.status === 400 || facts.status === 404) &&
    /Could not find|does not exist|not found/i.test(facts.message);
  if (notFoundByCode || notFoundByMessage || (facts.status === 404 && facts.fault)) {
    const what = context.resource ?? 'the resource';
    return {
      kind: 'notFound',
      code: codeName,
      message: withCode(`${subject} failed: ${what} was not found${context.region ? ` in ${context.region}` : ''}${detail}`),
    };
  }

  const throttled = has(throttlingCodes) ?? (facts.status === 429 ? (codeName ?? 'HTTP 429') : undefined);
  if (throttled) {
    return {
      kind: 'throttled',
      code: throttled,
      message: withCode(`${subject} failed: AWS is throttling requests; wait a few seconds and try again`, throttled),
    };
  }

  const network = has(networkCodes);
  if (network && !facts.status) {
    return {
      kind: 'network',
      code: network,
      message: withCode(
        `${subject} failed: the service could not be reached ${whereReached(context, facts)}; check the network connection, proxy and region`,
        network,
      ),
    };
  }

  const validation = has(validationCodes);
  if (validation) {
    return { kind: 'validation', code: validation, message: withCode(`${subject} failed${detail}`, validation) };
  }

  if (facts.status !== undefined || facts.fault !== undefined) {
    const code = codeName ?? (facts.status ? `HTTP ${facts.status}` : undefined);
    return { kind: 'service', code, message: withCode(`${subject} failed${detail}`, code) };
  }

  return { kind: 'unknown', code: codeName, message: withCode(`${subject} failed${detail || ': unknown error'}`) };
}

/** One sentence for the user about an AWS error, with its kind, code and, when known, the command that fixes it. */
export function describeAwsError(error: unknown, context: AwsErrorContext): AwsErrorDescription {
  let description: AwsErrorDescription;
  try {
    description = describe(error, context);
  } catch {
    description = { kind: 'unknown', message: `${context.action}${context.resource ? ` ${context.resource}` : ''} failed` };
  }
  const result: AwsErrorDescription = { message: redactSecrets(description.message), kind: description.kind };
  if (description.code) result.code = redactSecrets(description.code);
  if (description.fixCommand) result.fixCommand = redactSecrets(description.fixCommand);
  return result;
}

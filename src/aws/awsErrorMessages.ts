/**
 * Turns an error from an AWS SDK client or from the credential chain into one plain sentence a user
 * can act on: what failed, on which resource, why, and what to run to fix it. Never a stack trace;
 * the AWS error code stays visible; every text passes through `redactSecrets`.
 */
import { redactSecrets } from '../logging/redact';
import {
  accessDeniedCodes,
  expiredCredentialCodes,
  invalidCredentialCodes,
  networkCodes,
  notFoundCodes,
  notFoundMessage,
  throttlingCodes,
  validationCodes,
} from './awsErrorCodes';

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

/** The SSO credential and token providers say "expired session" only in their message text. */
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

/** What every rule's sentence is made of, worked out once per error. */
interface Words {
  facts: ErrorFacts;
  context: AwsErrorContext;
  /** `Describe endpoint demo`: what failed. */
  subject: string;
  /** `profile dev` or `the default credentials`. */
  who: string;
  awsMessage: string;
  /** `: <AWS message>`, or nothing. */
  detail: string;
  codeName?: string;
  withCode(text: string, code?: string): string;
  /** The first of the error's codes (its name, `Code`, causes' codes) that is in `codes`. */
  has(codes: ReadonlySet<string>): string | undefined;
}

/**
 * One kind of error: `match` says whether it applies (and with which code), `describe` words it. The
 * rules are tried in order; the first that matches describes the error.
 */
interface ErrorRule {
  match(words: Words): { code?: string } | undefined;
  describe(words: Words, code: string | undefined): AwsErrorDescription;
}

const when = (condition: boolean, code?: string): { code?: string } | undefined => (condition ? { code } : undefined);
const byCode = (code: string | undefined): { code?: string } | undefined => (code === undefined ? undefined : { code });

/** The credential providers throw one error class for every problem: only the message says which. */
function isCredentialsProviderError({ facts }: Words): boolean {
  return facts.name === 'CredentialsProviderError' || facts.name === 'TokenProviderError' || /^Could not load credentials/i.test(facts.message);
}

const noCredentialsFound = /Could not load credentials from any providers/i;
const profileMissing = /Could not resolve credentials using profile|could not be found|was not found|is not configured with SSO/i;

/**
 * A profile's credential_process failed: `CredentialProcessError` (src/aws/credentialProcess.ts) knows
 * the profile and exit code; the SDK's own provider says only "Command failed: <command line>\n<stderr>",
 * of which nothing is repeated (either may hold a secret).
 */
const credentialProcessRule: ErrorRule = {
  match: (words) =>
    when(words.facts.name === 'CredentialProcessError' || (isCredentialsProviderError(words) && /^Command failed:/.test(words.facts.message)), words.codeName),
  describe: ({ facts, context, subject, withCode, codeName, awsMessage }) => {
    if (facts.name === 'CredentialProcessError') {
      return { kind: 'credentials', code: codeName, message: withCode(`${subject} failed: ${awsMessage.replace(/^The /, 'the ')}`) };
    }
    const profile = context.profile ? `profile ${context.profile}` : 'the profile in use';
    return { kind: 'credentials', code: codeName, message: withCode(`${subject} failed: the credential_process of ${profile} failed. Run it in a terminal to see why`) };
  },
};

const ssoExpiredRule: ErrorRule = {
  match: (words) => when(isSsoProblem(words.facts), words.codeName),
  describe: ({ context, subject, who, withCode, codeName }) => {
    const fixCommand = `aws sso login${profileFlag(context.profile)}`;
    return {
      kind: 'ssoExpired',
      code: codeName,
      fixCommand,
      message: withCode(`${subject} failed: the AWS SSO session of ${who} has expired or was never started; run "${fixCommand}" and try again`),
    };
  },
};

const noCredentialsRule: ErrorRule = {
  match: (words) => when(isCredentialsProviderError(words) && noCredentialsFound.test(words.facts.message), words.codeName),
  describe: ({ context, subject, who, withCode, codeName }) => {
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
  },
};

const profileMissingRule: ErrorRule = {
  match: (words) => when(isCredentialsProviderError(words) && profileMissing.test(words.facts.message), words.codeName),
  describe: ({ context, subject, who, withCode, codeName, detail, awsMessage }) => {
    const flag = profileFlag(context.profile);
    return {
      kind: 'credentials',
      code: codeName,
      fixCommand: `aws configure sso${flag}`,
      message: withCode(
        `${subject} failed: ${who} is missing or has no usable credentials in the shared AWS config and credentials files; set it up with "aws configure sso${flag}" or "aws configure${flag}"${detail ? ` (${awsMessage})` : ''}`,
      ),
    };
  },
};

const credentialsNotLoadedRule: ErrorRule = {
  match: (words) => when(isCredentialsProviderError(words), words.codeName),
  describe: ({ subject, who, withCode, codeName, detail }) => ({
    kind: 'credentials',
    code: codeName,
    message: withCode(`${subject} failed: the credentials of ${who} could not be loaded${detail}`),
  }),
};

const expiredCredentialsRule: ErrorRule = {
  match: (words) => byCode(words.has(expiredCredentialCodes)),
  describe: ({ context, subject, who, withCode }, code) => ({
    kind: 'credentials',
    code,
    message: withCode(
      `${subject} failed: the temporary credentials of ${who} have expired; get fresh ones (for an SSO profile run "aws sso login${profileFlag(context.profile)}") and try again`,
      code,
    ),
  }),
};

const invalidCredentialsRule: ErrorRule = {
  match: (words) => byCode(words.has(invalidCredentialCodes)),
  describe: ({ context, subject, who, withCode }, code) => {
    const clock = /signature|Signature/.test(code ?? '') ? ' and that the computer clock is correct' : '';
    const fixCommand = `aws configure${profileFlag(context.profile)}`;
    return {
      kind: 'credentials',
      code,
      fixCommand,
      message: withCode(`${subject} failed: AWS did not accept the credentials of ${who}; check the access key and secret with "${fixCommand}"${clock}`, code),
    };
  },
};

const accessDeniedRule: ErrorRule = {
  // By code, or by the HTTP status alone (403) when the service gave no known code.
  match: (words) => byCode(words.has(accessDeniedCodes)) ?? when(words.facts.status === 403, words.codeName),
  describe: ({ context, who, withCode, detail }, code) => {
    const resource = context.resource ? ` ${context.resource}` : '';
    const region = context.region ? ` in ${context.region}` : '';
    return {
      kind: 'accessDenied',
      code,
      message: withCode(
        `Access denied: ${who} may not ${midSentence(context.action)}${resource}${region}${detail}; check that the IAM policy of its role or user allows it`,
        code,
      ),
    };
  },
};

const notFoundRule: ErrorRule = {
  match: (words) => {
    const { facts } = words;
    if (words.has(notFoundCodes) || (facts.status === 404 && facts.fault)) return { code: words.codeName };
    // Last resort, see `notFoundMessage`: SageMaker's validation errors for a missing resource.
    const validationShaped = facts.name === 'ValidationException' || facts.code === 'ValidationException' || facts.status === 400 || facts.status === 404;
    return when(validationShaped && notFoundMessage.test(facts.message), words.codeName);
  },
  describe: ({ context, subject, withCode, codeName, detail }) => ({
    kind: 'notFound',
    code: codeName,
    message: withCode(`${subject} failed: ${context.resource ?? 'the resource'} was not found${context.region ? ` in ${context.region}` : ''}${detail}`),
  }),
};

const throttledRule: ErrorRule = {
  match: (words) => byCode(words.has(throttlingCodes) ?? (words.facts.status === 429 ? (words.codeName ?? 'HTTP 429') : undefined)),
  describe: ({ subject, withCode }, code) => ({
    kind: 'throttled',
    code,
    message: withCode(`${subject} failed: AWS is throttling requests; wait a few seconds and try again`, code),
  }),
};

const networkRule: ErrorRule = {
  // A network code with an HTTP status is the service's own answer (RequestTimeout), not the network.
  match: (words) => (words.facts.status ? undefined : byCode(words.has(networkCodes))),
  describe: ({ context, facts, subject, withCode }, code) => ({
    kind: 'network',
    code,
    message: withCode(
      `${subject} failed: the service could not be reached ${whereReached(context, facts)}; check the network connection, proxy and region`,
      code,
    ),
  }),
};

const validationRule: ErrorRule = {
  match: (words) => byCode(words.has(validationCodes)),
  describe: ({ subject, withCode, detail }, code) => ({ kind: 'validation', code, message: withCode(`${subject} failed${detail}`, code) }),
};

const serviceRule: ErrorRule = {
  match: ({ facts, codeName }) => when(facts.status !== undefined || facts.fault !== undefined, codeName ?? (facts.status ? `HTTP ${facts.status}` : undefined)),
  describe: ({ subject, withCode, detail }, code) => ({ kind: 'service', code, message: withCode(`${subject} failed${detail}`, code) }),
};

const unknownRule: ErrorRule = {
  match: (words) => ({ code: words.codeName }),
  describe: ({ subject, withCode, codeName, detail }) => ({ kind: 'unknown', code: codeName, message: withCode(`${subject} failed${detail || ': unknown error'}`) }),
};

/** In order: the first rule that matches describes the error. */
const rules: readonly ErrorRule[] = [
  credentialProcessRule,
  ssoExpiredRule,
  noCredentialsRule,
  profileMissingRule,
  credentialsNotLoadedRule,
  expiredCredentialsRule,
  invalidCredentialsRule,
  accessDeniedRule,
  notFoundRule,
  throttledRule,
  networkRule,
  validationRule,
  serviceRule,
  unknownRule,
];

function wordsFor(error: unknown, context: AwsErrorContext): Words {
  const facts = collectFacts(error);
  const codeName = facts.name && !genericNames.has(facts.name) ? facts.name : facts.code;
  const awsMessage = cleanMessage(facts.message);
  const all = new Set([facts.name, facts.code, ...facts.chain].filter((value): value is string => Boolean(value)));
  return {
    facts,
    context,
    subject: context.resource ? `${context.action} ${context.resource}` : context.action,
    who: context.profile ? `profile ${context.profile}` : 'the default credentials',
    awsMessage,
    detail: awsMessage ? `: ${awsMessage}` : '',
    codeName,
    withCode: (text, code = codeName) => (code ? `${text} (${code})` : text),
    has: (codes) => [...all].find((value) => codes.has(value)),
  };
}

function describe(error: unknown, context: AwsErrorContext): AwsErrorDescription {
  const words = wordsFor(error, context);
  for (const rule of rules) {
    const matched = rule.match(words);
    if (matched) return rule.describe(words, matched.code);
  }
  return unknownRule.describe(words, words.codeName);
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

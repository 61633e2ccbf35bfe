/**
 * Credentials of a profile with `credential_process`, read the way the SDK's `fromProcess` reads them
 * (the command through the shell, its standard output as version-1 JSON), but with failures the user
 * can act on: the SDK's error is Node's "Command failed: <command line>\n<standard error>", which carries
 * whatever the command line or the process's error output held (passwords, tokens) into messages and
 * the log, and drops the exit code. A `CredentialProcessError` says which profile's process failed and
 * how (exit code or signal), never what it printed or how it was called.
 */
import { exec } from 'node:child_process';

export type CredentialProcessProblem = 'failed' | 'invalidOutput' | 'expired';

export class CredentialProcessError extends Error {
  override readonly name = 'CredentialProcessError';

  constructor(
    readonly profile: string,
    readonly problem: CredentialProcessProblem,
    readonly exitCode?: number,
    readonly signal?: string,
  ) {
    super(credentialProcessMessage(profile, problem, exitCode, signal));
  }
}

/** "The credential_process of profile dev failed (exit code 3). Run it in a terminal to see why." */
export function credentialProcessMessage(profile: string, problem: CredentialProcessProblem, exitCode?: number, signal?: string): string {
  const subject = `The credential_process of profile ${profile}`;
  if (problem === 'invalidOutput') return `${subject} did not print version-1 credentials JSON. Run it in a terminal to see what it prints.`;
  if (problem === 'expired') return `${subject} returned credentials that have already expired. Run it in a terminal to see why.`;
  const how = exitCode !== undefined ? ` (exit code ${exitCode})` : signal ? ` (stopped by ${signal})` : '';
  return `${subject} failed${how}. Run it in a terminal to see why.`;
}

export interface ProcessCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  accountId?: string;
}

/** Runs a command line through the shell; resolves with its standard output. */
export type RunCommand = (command: string) => Promise<string>;

interface ExecFailure {
  code?: unknown;
  signal?: unknown;
}

const runInShell: RunCommand = (command) =>
  new Promise((resolve, reject) => {
    exec(command, { maxBuffer: 1024 * 1024, windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

/** Refreshed this long before they expire, as the SDK does. */
const refreshBeforeExpiryMs = 5 * 60 * 1000;

/**
 * A credentials provider for the profile's `credential_process`: runs it once and shares the answer
 * (every client of a connection uses the same provider) until five minutes before it expires. A
 * failure is not kept: the next call runs the process again.
 */
export function credentialProcessProvider(
  profile: string,
  command: string,
  options: { accountId?: string; run?: RunCommand; now?: () => number } = {},
): () => Promise<ProcessCredentials> {
  const run = options.run ?? runInShell;
  const now = options.now ?? Date.now;
  let pending: Promise<ProcessCredentials> | undefined;
  const load = async (): Promise<ProcessCredentials> => {
    let stdout: string;
    try {
      stdout = await run(command);
    } catch (error) {
      const failure = (typeof error === 'object' && error !== null ? error : {}) as ExecFailure;
      const exitCode = typeof failure.code === 'number' ? failure.code : undefined;
      const signal = typeof failure.signal === 'string' ? failure.signal : undefined;
      throw new CredentialProcessError(profile, 'failed', exitCode, signal);
    }
    return parseProcessOutput(profile, stdout, options.accountId, now());
  };
  return () => {
    const current = pending;
    if (current) {
      return current.then(
        (credentials) => (credentials.expiration && credentials.expiration.getTime() - refreshBeforeExpiryMs <= now() ? (pending = load()) : credentials),
        () => (pending = load()),
      );
    }
    pending = load();
    return pending;
  };
}

/** The process's standard output as credentials; never quotes it in an error (it holds the secret). */
export function parseProcessOutput(profile: string, stdout: string, accountId: string | undefined, now: number): ProcessCredentials {
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(stdout.trim());
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    data = parsed as Record<string, unknown>;
  } catch {
    throw new CredentialProcessError(profile, 'invalidOutput');
  }
  const text = (key: string): string | undefined => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : undefined);
  const accessKeyId = text('AccessKeyId');
  const secretAccessKey = text('SecretAccessKey');
  if (data.Version !== 1 || !accessKeyId || !secretAccessKey) throw new CredentialProcessError(profile, 'invalidOutput');
  const credentials: ProcessCredentials = { accessKeyId, secretAccessKey };
  const sessionToken = text('SessionToken');
  if (sessionToken) credentials.sessionToken = sessionToken;
  const expiration = text('Expiration');
  if (expiration) {
    const at = new Date(expiration);
    if (Number.isNaN(at.getTime())) throw new CredentialProcessError(profile, 'invalidOutput');
    if (at.getTime() < now) throw new CredentialProcessError(profile, 'expired');
    credentials.expiration = at;
  }
  const account = text('AccountId') ?? accountId;
  if (account) credentials.accountId = account;
  return credentials;
}

/**
 * Reads the profiles of the shared AWS config and credentials files for the profile and region pickers,
 * with the SDK's own loader (`loadSharedConfigFiles` of @smithy/core's shared-ini-file-loader): the
 * profiles listed are exactly the ones the SDK can resolve. Only names and non-secret settings are
 * returned: of the static keys (access key id, secret, session token) nothing but the fact that they
 * exist survives, and the loaded values are dropped before anything else reads them.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSdk } from './loadSdk';

export type ProfileKind = 'sso' | 'assumeRole' | 'credentialProcess' | 'staticKeys' | 'webIdentity' | 'unknown';

export interface AwsProfile {
  name: string;
  /** From the config file (or, as the SDK does, the credentials file when the config file has none). */
  region?: string;
  /** How the SDK resolves this profile's credentials, in the SDK's own order of precedence. */
  kind: ProfileKind;
  /** The `[sso-session name]` the profile uses, for SSO profiles configured that way. */
  ssoSession?: string;
  ssoStartUrl?: string;
  ssoRegion?: string;
  ssoAccountId?: string;
  ssoRoleName?: string;
  /** For assume-role profiles: the profile whose credentials assume the role, or the credential source. */
  sourceProfile?: string;
  credentialSource?: string;
  roleArn?: string;
  /** Whether an access key id and a secret are set for the profile. The values themselves are never read out. */
  hasStaticKeys: boolean;
  /** The files (absolute paths) that define the profile. */
  source: string[];
}

type Env = Record<string, string | undefined>;

/** Settings whose values are secrets: only their presence is recorded. */
const secretKeys = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']);
/** What a secret's value is replaced with as soon as it is read. */
const present = '<set>';
/** The loader's separator in `sso-session.name` sections and `s3.region` nested settings. */
const separator = '.';
const ssoSessionPrefix = `sso-session${separator}`;
/** How the loader names the sections of a prefixed header (`[profile x]`, `[sso-session x]`, `[services x]`). */
const prefixedSection = /^(profile|sso-session|services)\./;

type Settings = Map<string, string>;
type LoadedSections = Record<string, Record<string, string | undefined> | undefined>;

/**
 * A loaded file's sections without their secrets: key names lower-cased (`AWS_ACCESS_KEY_ID` too),
 * secret values replaced by a marker, nested settings (`s3 =` blocks) dropped.
 */
function withoutSecrets(sections: LoadedSections): Map<string, Settings> {
  const result = new Map<string, Settings>();
  for (const [name, loaded] of Object.entries(sections)) {
    const settings: Settings = new Map();
    for (const [rawKey, value] of Object.entries(loaded ?? {})) {
      const key = rawKey.toLowerCase();
      if (key.includes(separator) || value === undefined) continue;
      settings.set(key, secretKeys.has(key) ? present : value);
    }
    result.set(name, settings);
  }
  return result;
}

/** The home directory as the SDK finds it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS. */
function homeDirectory(env: Env): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}`;
  return homedir();
}

function resolvePath(path: string, env: Env): string {
  return path.startsWith('~/') ? join(homeDirectory(env), path.slice(2)) : path;
}

// The loader's own defaults read process.env; these honour the `env` the caller (a test) passes.
export function configFilePath(env: Env = process.env): string {
  return resolvePath(env.AWS_CONFIG_FILE || join(homeDirectory(env), '.aws', 'config'), env);
}

export function credentialsFilePath(env: Env = process.env): string {
  return resolvePath(env.AWS_SHARED_CREDENTIALS_FILE || join(homeDirectory(env), '.aws', 'credentials'), env);
}

interface Collected {
  config?: Settings;
  credentials?: Settings;
}

/** Both files through the SDK's loader (freshly: the user may just have run `aws configure`). */
async function loadFiles(env: Env): Promise<{ config: Map<string, Settings>; credentials: Map<string, Settings> }> {
  const { loadSharedConfigFiles } = await loadSdk();
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: configFilePath(env),
    filepath: credentialsFilePath(env),
    ignoreCache: true,
  });
  return { config: withoutSecrets(configFile), credentials: withoutSecrets(credentialsFile) };
}

/**
 * The profiles of the shared config and credentials files, `default` first, then by name. Missing or
 * unreadable files, and files the SDK's loader refuses, give no profiles. Never throws.
 */
export async function listProfiles(env: Env = process.env): Promise<AwsProfile[]> {
  let files: Awaited<ReturnType<typeof loadFiles>>;
  try {
    files = await loadFiles(env);
  } catch {
    return [];
  }
  const profiles = new Map<string, Collected>();
  const ssoSessions = new Map<string, Settings>();
  const entry = (name: string): Collected => {
    let collected = profiles.get(name);
    if (!collected) {
      collected = {};
      profiles.set(name, collected);
    }
    return collected;
  };
  // The loader keeps `default` and `[profile name]` as `name`, `[sso-session name]` as `sso-session.name`
  // and `[services name]` as `services.name`.
  for (const [section, settings] of files.config) {
    if (section.startsWith(ssoSessionPrefix)) ssoSessions.set(section.slice(ssoSessionPrefix.length), settings);
    else if (!section.startsWith(`services${separator}`)) entry(section).config = settings;
  }
  for (const [section, settings] of files.credentials) {
    // The credentials file names profiles `[name]`; prefixed headers (`[profile name]`) name none.
    if (/^[\w\-@+.%:/]+$/.test(section) && !prefixedSection.test(section)) entry(section).credentials = settings;
  }
  const paths = { config: configFilePath(env), credentials: credentialsFilePath(env) };
  const result = [...profiles]
    .filter(([name]) => name !== '__proto__')
    .map(([name, collected]) => describeProfile(name, collected, ssoSessions, paths));
  const rank = (name: string): string => (name === 'default' ? '' : name);
  return result.sort((a, b) => (rank(a.name) < rank(b.name) ? -1 : rank(a.name) > rank(b.name) ? 1 : 0));
}

function describeProfile(
  name: string,
  { config, credentials }: Collected,
  ssoSessions: ReadonlyMap<string, Settings>,
  paths: { config: string; credentials: string },
): AwsProfile {
  // Credentials-file values take precedence, as in the SDK's merge of the two files.
  const merged: Settings = new Map([...(config ?? []), ...(credentials ?? [])]);
  const get = (key: string): string | undefined => merged.get(key) || undefined;
  const profile: AwsProfile = {
    name,
    kind: 'unknown',
    hasStaticKeys: get('aws_access_key_id') !== undefined && get('aws_secret_access_key') !== undefined,
    source: [...(config ? [paths.config] : []), ...(credentials ? [paths.credentials] : [])],
  };
  const region = config?.get('region') || credentials?.get('region');
  if (region) profile.region = region;

  const roleArn = get('role_arn');
  const sourceProfile = get('source_profile');
  const credentialSource = get('credential_source');
  const ssoSession = get('sso_session');
  const isSso = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].some((key) => get(key));
  // The SDK's order (credential-provider-ini resolveProfileData).
  if (roleArn && (sourceProfile || credentialSource)) profile.kind = 'assumeRole';
  else if (profile.hasStaticKeys) profile.kind = 'staticKeys';
  else if (roleArn && get('web_identity_token_file')) profile.kind = 'webIdentity';
  else if (get('credential_process')) profile.kind = 'credentialProcess';
  else if (isSso) profile.kind = 'sso';

  if (roleArn) profile.roleArn = roleArn;
  if (sourceProfile) profile.sourceProfile = sourceProfile;
  if (credentialSource) profile.credentialSource = credentialSource;
  if (isSso) {
    const session = ssoSession ? ssoSessions.get(ssoSession) : undefined;
    if (ssoSession) profile.ssoSession = ssoSession;
    const startUrl = session?.get('sso_start_url') || get('sso_start_url');
    const ssoRegion = session?.get('sso_region') || get('sso_region');
    if (startUrl) profile.ssoStartUrl = startUrl;
    if (ssoRegion) profile.ssoRegion = ssoRegion;
    const accountId = get('sso_account_id');
    const roleName = get('sso_role_name');
    if (accountId) profile.ssoAccountId = accountId;
    if (roleName) profile.ssoRoleName = roleName;
  }
  return profile;
}

/** An `[sso-session name]` section of the config file: what a profile's `sso_session` names. */
export interface SsoSession {
  name: string;
  startUrl?: string;
  region?: string;
}

/**
 * The `[sso-session name]` sections of the shared config file, by name (the connection picker lists
 * those no profile uses, with what to run to make one). Missing or unreadable files give none. Never throws.
 */
export async function listSsoSessions(env: Env = process.env): Promise<SsoSession[]> {
  let files: Awaited<ReturnType<typeof loadFiles>>;
  try {
    files = await loadFiles(env);
  } catch {
    return [];
  }
  const sessions: SsoSession[] = [];
  for (const [section, settings] of files.config) {
    if (!section.startsWith(ssoSessionPrefix)) continue;
    const session: SsoSession = { name: section.slice(ssoSessionPrefix.length) };
    const startUrl = settings.get('sso_start_url');
    const region = settings.get('sso_region');
    if (startUrl) session.startUrl = startUrl;
    if (region) session.region = region;
    sessions.push(session);
  }
  return sessions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The `credential_process` of a profile whose credentials the SDK would take from it (none when static
 * keys, a role or SSO come first in the SDK's order), with the profile's `aws_account_id`. Undefined
 * when the profile has none, or the files cannot be read.
 */
export async function credentialProcessOf(name: string, env: Env = process.env): Promise<{ command: string; accountId?: string } | undefined> {
  let files: Awaited<ReturnType<typeof loadFiles>>;
  try {
    files = await loadFiles(env);
  } catch {
    return undefined;
  }
  const config = files.config.get(name);
  const credentials = !prefixedSection.test(name) ? files.credentials.get(name) : undefined;
  if (!config && !credentials) return undefined;
  const profile = describeProfile(name, { config, credentials }, new Map(), { config: configFilePath(env), credentials: credentialsFilePath(env) });
  const merged: Settings = new Map([...(config ?? []), ...(credentials ?? [])]);
  const command = merged.get('credential_process');
  if (profile.kind !== 'credentialProcess' || !command) return undefined;
  const accountId = merged.get('aws_account_id');
  return accountId ? { command, accountId } : { command };
}

/** Whether credentials are set in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). */
export function environmentCredentialsPresent(env: Env = process.env): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID) && Boolean(env.AWS_SECRET_ACCESS_KEY);
}

/**
 * The region to use when none is configured in the extension: AWS_REGION, then AWS_DEFAULT_REGION,
 * then the region of the profile (without a name, AWS_PROFILE's or `default`'s).
 */
export function defaultRegion(profileName: string | undefined, profiles: readonly AwsProfile[], env: Env = process.env): string | undefined {
  const fromEnv = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  if (fromEnv) return fromEnv;
  const name = profileName || env.AWS_PROFILE || 'default';
  return profiles.find((profile) => profile.name === name)?.region;
}

export interface KnownRegion {
  code: string;
  name: string;
}

/** Commercial regions where SageMaker AI hosting is available, for the region picker. */
export const knownRegions: readonly KnownRegion[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)' },
  { code: 'us-east-2', name: 'US East (Ohio)' },
  { code: 'us-west-1', name: 'US West (N. California)' },
  { code: 'us-west-2', name: 'US West (Oregon)' },
  { code: 'af-south-1', name: 'Africa (Cape Town)' },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
  { code: 'ca-central-1', name: 'Canada (Central)' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { code: 'eu-central-2', name: 'Europe (Zurich)' },
  { code: 'eu-west-1', name: 'Europe (Ireland)' },
  { code: 'eu-west-2', name: 'Europe (London)' },
  { code: 'eu-west-3', name: 'Europe (Paris)' },
  { code: 'eu-south-1', name: 'Europe (Milan)' },
  { code: 'eu-south-2', name: 'Europe (Spain)' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)' },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)' },
  { code: 'me-south-1', name: 'Middle East (Bahrain)' },
  { code: 'me-central-1', name: 'Middle East (UAE)' },
  { code: 'sa-east-1', name: 'South America (São Paulo)' },
];

/**
 * The regions of `knownRegions` an account must opt in to before it can use them (AWS's "Regions
 * that require opt-in"; the others are enabled for every account). A request to an opt-in region the
 * account has not enabled is refused as if its credentials were invalid.
 */
export const optInRegions: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
]);

/**
 * Whether `code` has the shape of an AWS region code (`us-east-1`, `eu-central-2`, `us-gov-west-1`,
 * `cn-north-1`): the same rule as the `aws.region` setting. Regions newer than `knownRegions` pass.
 */
export function isValidRegion(code: string): boolean {
  return /^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/.test(code);
}

/** The display name of a known region, or undefined. */
export function regionName(code: string): string | undefined {
  return knownRegions.find((region) => region.code === code)?.name;
}

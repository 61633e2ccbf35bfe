/**
 * Reads the profiles of the shared AWS config and credentials files without the SDK, for the profile
 * and region pickers. Only names and non-secret settings are kept: of the static keys, the access key
 * id, the secret and the session token, nothing but the fact that they exist survives parsing.
 *
 * The parsing follows the SDK's own (`@smithy/core` shared-ini-file-loader): `[default]` and
 * `[profile name]` sections in the config file, `[name]` sections in the credentials file,
 * `[sso-session name]` sections, `#`/`;` comments, nested blocks such as `s3 =` skipped.
 */
import * as nodeFs from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

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

/** The slice of `node:fs` the reader uses, so that tests can inject files. */
export interface ProfileFileSystem {
  readFileSync(path: string, encoding: 'utf8'): string;
}

type Env = Record<string, string | undefined>;

/** Settings whose values are secrets: only their presence is recorded. */
const secretKeys = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']);
/** What a secret's value is replaced with as soon as it is read. */
const present = '<set>';

type Settings = Map<string, string>;

/** Section name → settings. Nested blocks (`s3 =` followed by indented lines) are dropped. */
function parseIni(text: string): Map<string, Settings> {
  const sections = new Map<string, Settings>();
  let current: Settings | undefined;
  let inNestedBlock = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.split(/(^|\s)[;#]/)[0].trim();
    if (line === '') continue;
    if (line.startsWith('[')) {
      inNestedBlock = false;
      if (!line.endsWith(']')) {
        current = undefined; // malformed header: ignore the section that follows
        continue;
      }
      const name = line.slice(1, -1).trim().replace(/\s+/g, ' ');
      if (name === '') {
        current = undefined;
        continue;
      }
      current = sections.get(name);
      if (!current) {
        current = new Map();
        sections.set(name, current);
      }
      continue;
    }
    if (!current) continue;
    const equals = line.indexOf('=');
    if (equals <= 0) continue; // not a setting: skipped
    const key = line.slice(0, equals).trim().toLowerCase();
    const value = line.slice(equals + 1).trim();
    const indented = rawLine.trimStart() !== rawLine;
    if (value === '') {
      inNestedBlock = true; // `s3 =`: the indented lines that follow belong to it
      continue;
    }
    if (inNestedBlock && indented) continue;
    inNestedBlock = false;
    current.set(key, secretKeys.has(key) ? present : value);
  }
  return sections;
}

const sectionPrefix = /^(profile|sso-session|services)\s+["']?([\w\-@+.%:/]+)["']?$/;

function readFile(path: string, fs: ProfileFileSystem): string | undefined {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined; // missing or unreadable: treated as empty
  }
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

/**
 * The profiles of the shared config and credentials files, `default` first, then by name. Missing or
 * unreadable files give no profiles; malformed lines are skipped. Never throws.
 */
export function listProfiles(env: Env = process.env, fs: ProfileFileSystem = nodeFs): AwsProfile[] {
  const configPath = configFilePath(env);
  const credentialsPath = credentialsFilePath(env);
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

  const configText = readFile(configPath, fs);
  if (configText !== undefined) {
    // `[profile default]` wins over `[default]`, as in the SDK: apply `[default]` first.
    const sections = [...parseIni(configText)].sort(([a], [b]) => Number(b === 'default') - Number(a === 'default'));
    for (const [section, settings] of sections) {
      if (section === 'default') {
        entry('default').config = settings;
        continue;
      }
      const match = sectionPrefix.exec(section);
      if (!match) continue; // the config file only knows [default] and prefixed sections
      const [, prefix, name] = match;
      if (prefix === 'profile') entry(name).config = settings;
      else if (prefix === 'sso-session') ssoSessions.set(name, settings);
    }
  }

  const credentialsText = readFile(credentialsPath, fs);
  if (credentialsText !== undefined) {
    for (const [section, settings] of parseIni(credentialsText)) {
      if (!/^[\w\-@+.%:/]+$/.test(section)) continue;
      entry(section).credentials = settings;
    }
  }

  const result: AwsProfile[] = [];
  for (const [name, { config, credentials }] of profiles) {
    if (name === '__proto__') continue;
    // Credentials-file values take precedence, as in the SDK's merge of the two files.
    const merged: Settings = new Map([...(config ?? []), ...(credentials ?? [])]);
    const get = (key: string): string | undefined => merged.get(key) || undefined;
    const profile: AwsProfile = {
      name,
      kind: 'unknown',
      hasStaticKeys: get('aws_access_key_id') !== undefined && get('aws_secret_access_key') !== undefined,
      source: [...(config ? [configPath] : []), ...(credentials ? [credentialsPath] : [])],
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
    result.push(profile);
  }
  const rank = (name: string): string => (name === 'default' ? '' : name);
  return result.sort((a, b) => (rank(a.name) < rank(b.name) ? -1 : rank(a.name) > rank(b.name) ? 1 : 0));
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

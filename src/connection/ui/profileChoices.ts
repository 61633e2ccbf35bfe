/**
 * The connection picker's items: every AWS profile of the shared config and credentials files, grouped
 * under separators by how it gets its credentials (one group per SSO session, then legacy SSO
 * profiles, roles, access keys, credential process...), and the SSO sessions no profile uses yet.
 * vscode-free (unit-tested in plain Node): only names and non-secret settings are shown, never a key.
 */
import { type AwsProfile, type SsoSession } from '../../aws/profiles';
import { type Choice } from '../../prompts/userInput';

/** What a pick in the profile picker stands for. */
export type ProfileChoice =
  | { kind: 'profile'; profile: string }
  | { kind: 'environment' }
  /** An `[sso-session]` no profile uses: picking it says what to run to make a profile for it. */
  | { kind: 'ssoSessionWithoutProfile'; session: string; startUrl?: string };

export interface ProfileChoiceOptions {
  /** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set: environment credentials are offered first. */
  environmentCredentials: boolean;
  /** Preselected (`picked`) in a multi-pick: a profile name, or `{ environment: true }`. */
  current?: { profile?: string; environment?: boolean };
  /** List the SSO sessions no profile uses (the connection picker); a scan's multi-pick leaves them out. */
  includeUnusedSessions: boolean;
}

const environmentGroup = 'Environment credentials';
const legacySsoGroup = 'SSO profiles without a session (legacy sso_start_url)';
const otherGroups: Partial<Record<AwsProfile['kind'], string>> = {
  assumeRole: 'Assume a role',
  staticKeys: 'Access keys',
  credentialProcess: 'Credential process',
  webIdentity: 'Web identity token',
  unknown: 'Other profiles (no credentials found in the files)',
};
/** The groups after the SSO sessions, in this order. */
const groupOrder: AwsProfile['kind'][] = ['assumeRole', 'staticKeys', 'credentialProcess', 'webIdentity', 'unknown'];

/** The separator of an SSO session's group: its name as the config file writes it, and its start URL. */
export function ssoSessionGroup(name: string, startUrl: string | undefined): string {
  return `[sso-session ${name}]${startUrl ? ` ${startUrl}` : ''}`;
}

/** What the row says about a profile, without any secret: account and role, role and source, region. */
function describeProfile(profile: AwsProfile): string {
  const parts: string[] = [];
  if (profile.kind === 'sso') {
    if (profile.ssoAccountId) parts.push(`account ${profile.ssoAccountId}`);
    if (profile.ssoRoleName) parts.push(profile.ssoRoleName);
  } else if (profile.kind === 'assumeRole') {
    const role = profile.roleArn?.split('/').pop();
    if (role) parts.push(`role ${role}`);
    if (profile.sourceProfile) parts.push(`from ${profile.sourceProfile}`);
    else if (profile.credentialSource) parts.push(`from ${profile.credentialSource}`);
  }
  if (profile.region) parts.push(profile.region);
  return parts.join(' · ');
}

/** The command that makes a profile for an SSO session (the CLI asks the session's name: answer it). */
export function configureSsoCommand(session: string): string {
  return `aws configure sso --profile ${session}`;
}

/** The picker's items, grouped (each item's `group` is its separator), the current one preselected. */
export function profileChoices(profiles: readonly AwsProfile[], sessions: readonly SsoSession[], options: ProfileChoiceOptions): Choice<ProfileChoice>[] {
  const choices: Choice<ProfileChoice>[] = [];
  if (options.environmentCredentials) {
    choices.push({
      label: 'Environment credentials',
      description: 'AWS_ACCESS_KEY_ID from the environment',
      value: { kind: 'environment' },
      group: environmentGroup,
      picked: options.current?.environment === true,
    });
  }
  const profileChoice = (profile: AwsProfile, group: string): Choice<ProfileChoice> => ({
    label: profile.name,
    description: describeProfile(profile),
    value: { kind: 'profile', profile: profile.name },
    group,
    picked: options.current?.profile === profile.name,
  });
  // One group per SSO session: the sessions of the config file and those a profile names but the file lacks.
  const sessionNames = new Set([...sessions.map((session) => session.name), ...profiles.flatMap((profile) => (profile.kind === 'sso' && profile.ssoSession ? [profile.ssoSession] : []))]);
  for (const name of [...sessionNames].sort()) {
    const session = sessions.find((candidate) => candidate.name === name);
    const members = profiles.filter((profile) => profile.kind === 'sso' && profile.ssoSession === name);
    const group = session ? ssoSessionGroup(name, session.startUrl) : `[sso-session ${name}] (not in the config file)`;
    if (members.length === 0) {
      if (options.includeUnusedSessions && session) {
        choices.push({
          label: `$(info) No profile uses the SSO session ${name} yet`,
          description: `Run ${configureSsoCommand(name)}`,
          value: session.startUrl ? { kind: 'ssoSessionWithoutProfile', session: name, startUrl: session.startUrl } : { kind: 'ssoSessionWithoutProfile', session: name },
          group,
        });
      }
      continue;
    }
    choices.push(...members.map((profile) => profileChoice(profile, group)));
  }
  choices.push(...profiles.filter((profile) => profile.kind === 'sso' && !profile.ssoSession).map((profile) => profileChoice(profile, legacySsoGroup)));
  for (const kind of groupOrder) {
    choices.push(...profiles.filter((profile) => profile.kind === kind).map((profile) => profileChoice(profile, otherGroups[kind] ?? kind)));
  }
  return choices;
}

/** What to tell the user who picked an SSO session no profile uses. */
export function unusedSessionAdvice(choice: Extract<ProfileChoice, { kind: 'ssoSessionWithoutProfile' }>): string {
  return `No profile uses the SSO session ${choice.session}${choice.startUrl ? ` (${choice.startUrl})` : ''} yet. Run \`${configureSsoCommand(choice.session)}\` in a terminal and answer ${choice.session} when it asks for the SSO session name, then connect again.`;
}

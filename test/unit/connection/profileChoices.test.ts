import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listProfiles, listSsoSessions } from '../../../src/aws/profiles';
import { configureSsoCommand, profileChoices, unusedSessionAdvice } from '../../../src/connection/ui/profileChoices';

const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETzzzz';
const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';

const config = `
[default]
region = eu-west-1

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = PowerUser
region = us-east-1

[profile data]
sso_session = corp
sso_account_id = 210987654321
sso_role_name = ReadOnly

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1

[sso-session lab]
sso_start_url = https://lab.awsapps.com/start
sso_region = us-west-2

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-west-2
sso_account_id = 333333333333
sso_role_name = Admin

[profile deployer]
role_arn = arn:aws:iam::123456789012:role/Deployer
source_profile = keys
region = us-west-2

[profile tool]
credential_process = /usr/local/bin/get-creds --secret-flag hunter2
`;

const credentials = `
[default]
aws_access_key_id = ${accessKeyId}
aws_secret_access_key = ${secretAccessKey}

[keys]
aws_access_key_id = ${accessKeyId}
aws_secret_access_key = ${secretAccessKey}
`;

describe('the connection picker\'s profiles, grouped', () => {
  let dir: string;
  let env: Record<string, string>;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 's2z-profile-choices-'));
    writeFileSync(join(dir, 'config'), config);
    writeFileSync(join(dir, 'credentials'), credentials);
    env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir };
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  async function choices(options: Parameters<typeof profileChoices>[2]) {
    return profileChoices(await listProfiles(env), await listSsoSessions(env), options);
  }

  it('reads the SSO sessions of the config file, with their start URLs', async () => {
    assert.deepEqual(await listSsoSessions(env), [
      { name: 'corp', startUrl: 'https://corp.awsapps.com/start', region: 'eu-central-1' },
      { name: 'lab', startUrl: 'https://lab.awsapps.com/start', region: 'us-west-2' },
    ]);
  });

  it('groups every profile under its SSO session, then legacy SSO, roles, keys and credential process', async () => {
    const items = await choices({ environmentCredentials: true, includeUnusedSessions: true });
    assert.deepEqual(
      items.map((item) => `${item.group} > ${item.label}${item.description ? ` (${item.description})` : ''}`),
      [
        'Environment credentials > Environment credentials (AWS_ACCESS_KEY_ID from the environment)',
        '[sso-session corp] https://corp.awsapps.com/start > data (account 210987654321 · ReadOnly)',
        '[sso-session corp] https://corp.awsapps.com/start > dev (account 123456789012 · PowerUser · us-east-1)',
        `[sso-session lab] https://lab.awsapps.com/start > $(info) No profile uses the SSO session lab yet (Run aws configure sso --profile lab)`,
        'SSO profiles without a session (legacy sso_start_url) > legacy-sso (account 333333333333 · Admin)',
        'Assume a role > deployer (role Deployer · from keys · us-west-2)',
        'Access keys > default (eu-west-1)',
        'Access keys > keys',
        'Credential process > tool',
      ],
    );
    assert.deepEqual(items.find((item) => item.value.kind === 'ssoSessionWithoutProfile')?.value, { kind: 'ssoSessionWithoutProfile', session: 'lab', startUrl: 'https://lab.awsapps.com/start' });
  });

  it('never shows a secret: no key, no credential process command line', async () => {
    const text = JSON.stringify(await choices({ environmentCredentials: true, includeUnusedSessions: true }));
    for (const secret of [secretAccessKey, accessKeyId, 'hunter2', 'get-creds']) assert.ok(!text.includes(secret), `${secret} shown`);
  });

  it('for a scan: preselects the connected profile and leaves out the sessions without a profile', async () => {
    const items = await choices({ environmentCredentials: false, includeUnusedSessions: false, current: { profile: 'dev' } });
    assert.deepEqual(items.filter((item) => item.picked).map((item) => item.label), ['dev']);
    assert.ok(!items.some((item) => item.value.kind !== 'profile'), 'only profiles to scan with');
    assert.equal(items.length, 7);
    const environment = await choices({ environmentCredentials: true, includeUnusedSessions: false, current: { environment: true } });
    assert.deepEqual(environment.filter((item) => item.picked).map((item) => item.label), ['Environment credentials']);
  });

  it('says what to run for an SSO session no profile uses', () => {
    assert.equal(configureSsoCommand('lab'), 'aws configure sso --profile lab');
    assert.equal(
      unusedSessionAdvice({ kind: 'ssoSessionWithoutProfile', session: 'lab', startUrl: 'https://lab.awsapps.com/start' }),
      'No profile uses the SSO session lab (https://lab.awsapps.com/start) yet. Run `aws configure sso --profile lab` in a terminal and answer lab when it asks for the SSO session name, then connect again.',
    );
  });
});

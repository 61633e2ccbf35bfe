import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AwsProfile,
  defaultRegion,
  environmentCredentialsPresent,
  isValidRegion,
  knownRegions,
  listProfiles,
  regionName,
} from '../../../src/aws/profiles';

const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETzzzz';
const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
const sessionToken = 'IQoJb3JpZ2luX2VjSESSIONTOKENvalue0123456789';

const config = `
# A comment line
; another comment
[default]
region = eu-west-1
output = json

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = PowerUser
region = us-east-1   # inline comment

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1
sso_registration_scopes = sso:account:access

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-west-2
sso_account_id = 210987654321
sso_role_name = ReadOnly

[profile deployer]
role_arn = arn:aws:iam::123456789012:role/Deployer
source_profile = keys
region = us-west-2
s3 =
  max_concurrent_requests = 20
  region = ignored-nested-value
output = text

[profile on-ec2]
role_arn = arn:aws:iam::123456789012:role/Ec2
credential_source = Ec2InstanceMetadata

[profile proc]
credential_process = /usr/local/bin/get-creds --profile x

[profile ci]
role_arn = arn:aws:iam::123456789012:role/Ci
web_identity_token_file = /var/run/token

[profile keys]
region = ap-southeast-2

[profile region-only]
region = eu-west-3

[profile empty]

[not-a-profile-in-config]
region = us-east-2

this line is garbage
= value without key
[profile broken
region = sa-east-1
[]
[profile  spaced ]
region = eu-south-1
`;

const credentials = `
[default]
aws_access_key_id = ${accessKeyId}
aws_secret_access_key = ${secretAccessKey}

[keys]
aws_access_key_id=${accessKeyId}
aws_secret_access_key=${secretAccessKey}
aws_session_token=${sessionToken}

[only-in-credentials]
AWS_ACCESS_KEY_ID = ${accessKeyId}
AWS_SECRET_ACCESS_KEY = ${secretAccessKey}
region = ca-central-1
`;

describe('profiles', () => {
  let dir: string;
  let env: Record<string, string | undefined>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'profiles-test-'));
    writeFileSync(join(dir, 'config'), config);
    writeFileSync(join(dir, 'credentials'), credentials);
    env = {
      HOME: join(dir, 'home-without-aws'),
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    };
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function byName(profiles: AwsProfile[], name: string): AwsProfile {
    const profile = profiles.find((candidate) => candidate.name === name);
    assert.ok(profile, `profile ${name} is listed`);
    return profile;
  }

  describe('listProfiles', () => {
    it('lists every profile of both files once, default first, then by name', async () => {
      const names = (await listProfiles(env)).map((profile) => profile.name);
      assert.deepEqual(names, ['default', 'ci', 'deployer', 'dev', 'keys', 'legacy-sso', 'on-ec2', 'only-in-credentials', 'proc', 'region-only']);
    });

    it('describes SSO profiles, taking the start URL and SSO region from the sso-session section', async () => {
      const profiles = await listProfiles(env);
      const dev = byName(profiles, 'dev');
      assert.equal(dev.kind, 'sso');
      assert.equal(dev.ssoSession, 'corp');
      assert.equal(dev.ssoStartUrl, 'https://corp.awsapps.com/start');
      assert.equal(dev.ssoRegion, 'eu-central-1');
      assert.equal(dev.ssoAccountId, '123456789012');
      assert.equal(dev.ssoRoleName, 'PowerUser');
      assert.equal(dev.region, 'us-east-1', 'the inline comment is stripped');
      assert.deepEqual(dev.source, [env.AWS_CONFIG_FILE]);

      const legacy = byName(profiles, 'legacy-sso');
      assert.equal(legacy.kind, 'sso');
      assert.equal(legacy.ssoSession, undefined);
      assert.equal(legacy.ssoStartUrl, 'https://legacy.awsapps.com/start');
      assert.equal(legacy.ssoRegion, 'us-west-2');
    });

    it('recognizes assume-role, web identity, credential process and static key profiles', async () => {
      const profiles = await listProfiles(env);
      const deployer = byName(profiles, 'deployer');
      assert.equal(deployer.kind, 'assumeRole');
      assert.equal(deployer.roleArn, 'arn:aws:iam::123456789012:role/Deployer');
      assert.equal(deployer.sourceProfile, 'keys');
      assert.equal(deployer.region, 'us-west-2', 'the nested s3 block does not override the region');

      const onEc2 = byName(profiles, 'on-ec2');
      assert.equal(onEc2.kind, 'assumeRole');
      assert.equal(onEc2.credentialSource, 'Ec2InstanceMetadata');

      assert.equal(byName(profiles, 'ci').kind, 'webIdentity');
      assert.equal(byName(profiles, 'proc').kind, 'credentialProcess');

      const keys = byName(profiles, 'keys');
      assert.equal(keys.kind, 'staticKeys');
      assert.equal(keys.hasStaticKeys, true);
      assert.equal(keys.region, 'ap-southeast-2');
      assert.deepEqual(keys.source, [env.AWS_CONFIG_FILE, env.AWS_SHARED_CREDENTIALS_FILE]);

      const fromCredentialsOnly = byName(profiles, 'only-in-credentials');
      assert.equal(fromCredentialsOnly.kind, 'staticKeys', 'upper-case key names are recognized');
      assert.equal(fromCredentialsOnly.region, 'ca-central-1');

      const def = byName(profiles, 'default');
      assert.equal(def.kind, 'staticKeys');
      assert.equal(def.region, 'eu-west-1');

      const regionOnly = byName(profiles, 'region-only');
      assert.equal(regionOnly.kind, 'unknown');
      assert.equal(regionOnly.hasStaticKeys, false);
      assert.equal(regionOnly.region, 'eu-west-3');
    });

    it('skips malformed lines and sections the config file does not define', async () => {
      const names = (await listProfiles(env)).map((profile) => profile.name);
      assert.ok(!names.includes('not-a-profile-in-config'), 'config sections need the profile prefix');
      assert.ok(!names.includes('broken'));
      assert.ok(!names.includes('profile broken'));
      assert.ok(!names.includes('corp'), 'sso-session sections are not profiles');
      assert.ok(!names.includes('empty'), 'a profile without settings does not exist for the SDK, so it is not offered');
      assert.ok(!names.includes('spaced') && !names.includes('profile  spaced '), 'a section header the SDK does not recognize lists no profile');
    });

    it('never returns a secret value, only the fact that keys exist', async () => {
      const profiles = await listProfiles(env);
      const text = JSON.stringify(profiles);
      assert.ok(profiles.some((profile) => profile.hasStaticKeys), 'the fixture has static keys');
      for (const secret of [secretAccessKey, accessKeyId, sessionToken, 'SECRET', 'SESSIONTOKEN', 'AKIA']) {
        assert.ok(!text.includes(secret), `the result contains ${secret}`);
      }
      for (const profile of profiles) {
        for (const key of Object.keys(profile)) assert.ok(!/secret|session_token|access_key/i.test(key), `field ${key}`);
      }
    });

    it('returns an empty list when the files are missing', async () => {
      const missing = { HOME: join(dir, 'nobody'), AWS_CONFIG_FILE: join(dir, 'nope-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'nope-creds') };
      assert.deepEqual(await listProfiles(missing), []);
    });

    it('reads ~/.aws/config and ~/.aws/credentials under HOME when no file variables are set', async () => {
      const home = join(dir, 'home');
      mkdirSync(join(home, '.aws'), { recursive: true });
      writeFileSync(join(home, '.aws', 'config'), '[profile from-home]\nregion = eu-north-1\n');
      writeFileSync(join(home, '.aws', 'credentials'), '[cred-home]\naws_access_key_id = x\naws_secret_access_key = y\n');
      const profiles = await listProfiles({ HOME: home });
      assert.deepEqual(
        profiles.map((profile) => [profile.name, profile.kind, profile.region]),
        [
          ['cred-home', 'staticKeys', undefined],
          ['from-home', 'unknown', 'eu-north-1'],
        ],
      );
    });

    it('does not throw on binary or hostile content', async () => {
      const hostile = '\u0000\u0001[[[]]]\n[profile constructor]\nregion=x\n[profile ok]\n=\n==\nregion=eu-west-2\n';
      writeFileSync(join(dir, 'config'), hostile);
      writeFileSync(join(dir, 'credentials'), hostile);
      const profiles = await listProfiles(env);
      assert.deepEqual(
        profiles.map((profile) => profile.name),
        ['constructor', 'ok'],
      );
      assert.equal(byName(profiles, 'ok').region, 'eu-west-2');
      assert.equal(({} as Record<string, unknown>).region, undefined, 'no prototype pollution');
    });

    it('lists nothing from a file with a __proto__ profile, which the SDK refuses too, and is not polluted by it', async () => {
      const hostile = '[profile __proto__]\nregion=x\n[profile ok]\nregion=eu-west-2\n';
      writeFileSync(join(dir, 'config'), hostile);
      writeFileSync(join(dir, 'credentials'), hostile.replace('profile __proto__', '__proto__'));
      assert.deepEqual(await listProfiles(env), []);
      assert.equal(({} as Record<string, unknown>).region, undefined, 'no prototype pollution');
    });

    it('handles Windows line endings', async () => {
      writeFileSync(join(dir, 'config'), '[profile crlf]\r\nregion = us-east-2\r\nsso_session = s\r\n[sso-session s]\r\nsso_start_url = https://s.awsapps.com/start\r\n');
      const crlf = byName(await listProfiles(env), 'crlf');
      assert.equal(crlf.region, 'us-east-2');
      assert.equal(crlf.ssoStartUrl, 'https://s.awsapps.com/start');
    });
  });

  describe('environmentCredentialsPresent', () => {
    it('needs both the access key id and the secret', () => {
      assert.equal(environmentCredentialsPresent({}), false);
      assert.equal(environmentCredentialsPresent({ AWS_ACCESS_KEY_ID: 'a' }), false);
      assert.equal(environmentCredentialsPresent({ AWS_SECRET_ACCESS_KEY: 'b' }), false);
      assert.equal(environmentCredentialsPresent({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: '' }), false);
      assert.equal(environmentCredentialsPresent({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }), true);
    });
  });

  describe('defaultRegion', () => {
    it('prefers AWS_REGION, then AWS_DEFAULT_REGION, then the profile region', async () => {
      const profiles = await listProfiles(env);
      assert.equal(defaultRegion('dev', profiles, { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'eu-west-3' }), 'ap-south-1');
      assert.equal(defaultRegion('dev', profiles, { AWS_DEFAULT_REGION: 'eu-west-3' }), 'eu-west-3');
      assert.equal(defaultRegion('dev', profiles, {}), 'us-east-1');
      assert.equal(defaultRegion(undefined, profiles, {}), 'eu-west-1', 'no name means the default profile');
      assert.equal(defaultRegion(undefined, profiles, { AWS_PROFILE: 'keys' }), 'ap-southeast-2');
      assert.equal(defaultRegion('proc', profiles, {}), undefined);
      assert.equal(defaultRegion('missing', profiles, {}), undefined);
    });
  });

  describe('regions', () => {
    it('validates region codes', () => {
      for (const code of ['us-east-1', 'eu-central-2', 'ap-southeast-4', 'us-gov-west-1', 'cn-north-1', 'il-central-1']) {
        assert.equal(isValidRegion(code), true, code);
      }
      for (const code of ['', 'us-east', 'US-EAST-1', 'us-east-1 ', 'useast1', 'us-east-1a', 'https://us-east-1', 'us-east-12']) {
        assert.equal(isValidRegion(code), false, code);
      }
    });

    it('lists known commercial SageMaker regions with display names, each valid and unique', () => {
      assert.ok(knownRegions.length >= 20);
      assert.equal(regionName('us-east-1'), 'US East (N. Virginia)');
      assert.equal(regionName('eu-west-1'), 'Europe (Ireland)');
      assert.equal(regionName('nowhere-1'), undefined);
      const codes = knownRegions.map((region) => region.code);
      assert.equal(new Set(codes).size, codes.length);
      for (const region of knownRegions) {
        assert.ok(isValidRegion(region.code), region.code);
        assert.ok(!region.code.startsWith('cn-') && !region.code.startsWith('us-gov-'), `${region.code} is commercial`);
        assert.ok(region.name.length > 3);
      }
    });
  });
});

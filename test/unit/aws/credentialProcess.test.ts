import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAwsError } from '../../../src/aws/awsErrorMessages';
import { createClients } from '../../../src/aws/clients';
import { CredentialProcessError, credentialProcessProvider } from '../../../src/aws/credentialProcess';
import { Logger } from '../../../src/logging/logger';

const password = 'hunter2-PASSWORD-ON-THE-COMMAND-LINE';
const stderrSecret = 'STDERR-TOKEN-Zq9wJalrXUtnFEMI';

describe('credential_process failures', () => {
  let dir: string;
  const saved = { ...process.env };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 's2z-credproc-'));
    const failing = join(dir, 'get-creds.sh');
    writeFileSync(failing, `echo "error: token ${stderrSecret} was rejected" >&2\nexit 3\n`);
    const working = join(dir, 'good-creds.sh');
    writeFileSync(working, `echo '{"Version": 1, "AccessKeyId": "ASIAEXAMPLEEXAMPLE01", "SecretAccessKey": "s3cr3t", "SessionToken": "t0k3n"}'\n`);
    writeFileSync(
      join(dir, 'config'),
      `[profile broken]\ncredential_process = sh ${failing} --password ${password}\nregion = us-east-1\n\n[profile working]\ncredential_process = sh ${working}\naws_account_id = 123456789012\n`,
    );
    writeFileSync(join(dir, 'credentials'), '');
    Object.assign(process.env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  after(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('the user sees which profile\'s credential_process failed and its exit code; neither message nor log holds its command line or output', async () => {
    const clients = await createClients({ kind: 'aws', profile: 'broken', region: 'us-east-1' });
    let failure: unknown;
    try {
      await clients.sageMaker.config.credentials();
    } catch (error) {
      failure = error;
    } finally {
      clients.destroy();
    }
    assert.ok(failure, 'the credentials of a failing credential_process resolved');
    const described = describeAwsError(failure, { action: 'List endpoints', profile: 'broken', region: 'us-east-1' });
    assert.equal(
      described.message,
      'List endpoints failed: the credential_process of profile broken failed (exit code 3). Run it in a terminal to see why (CredentialProcessError)',
    );
    assert.equal(described.kind, 'credentials');
    const lines: string[] = [];
    const sink = (message: string) => lines.push(message);
    const logger = new Logger({ trace: sink, debug: sink, info: sink, warn: sink, error: sink });
    logger.error(described.message);
    logger.error('Connect failed', failure);
    for (const text of [...lines, JSON.stringify(described)]) {
      assert.ok(!text.includes(password), text);
      assert.ok(!text.includes(stderrSecret), text);
      assert.ok(!text.includes('get-creds'), text);
    }
  });

  it('a working credential_process still gives its credentials', async () => {
    const clients = await createClients({ kind: 'aws', profile: 'working', region: 'us-east-1' });
    try {
      const credentials = await clients.sageMaker.config.credentials();
      assert.equal(credentials.accessKeyId, 'ASIAEXAMPLEEXAMPLE01');
      assert.equal(credentials.secretAccessKey, 's3cr3t');
      assert.equal(credentials.sessionToken, 't0k3n');
    } finally {
      clients.destroy();
    }
  });

  it('the SDK\'s own "Command failed: <command line>" error is worded without the command line or its output', () => {
    const error = Object.assign(new Error(`Command failed: /opt/bin/get-creds --password ${password}\n${stderrSecret}\n`), { name: 'CredentialsProviderError', tryNextLink: false });
    const described = describeAwsError(error, { action: 'List endpoints', profile: 'dev', region: 'us-east-1' });
    assert.equal(described.message, 'List endpoints failed: the credential_process of profile dev failed. Run it in a terminal to see why (CredentialsProviderError)');
  });

  it('runs the process once for every client of a connection, again only when the credentials are about to expire or it failed', async () => {
    let runs = 0;
    let now = Date.parse('2026-12-06T20:00:00Z');
    let fail = false;
    const run = async () => {
      runs++;
      if (fail) throw Object.assign(new Error('Command failed: x'), { code: 7 });
      return JSON.stringify({ Version: 1, AccessKeyId: 'AKIAEXAMPLEEXAMPLE01', SecretAccessKey: 'x', Expiration: new Date(now + 3600_000).toISOString() });
    };
    const provider = credentialProcessProvider('p', 'get-creds', { run, now: () => now });
    await Promise.all([provider(), provider(), provider()]);
    assert.equal(runs, 1);
    now = Date.parse('2026-12-06T20:56:00Z');
    await provider();
    assert.equal(runs, 2);
    now = Date.parse('2026-12-06T21:52:00Z');
    fail = true;
    await assert.rejects(provider(), (error: unknown) => error instanceof CredentialProcessError && error.exitCode === 7);
    fail = false;
    await provider();
    assert.equal(runs, 4);
  });

  it('output that is not version-1 credentials JSON is reported without quoting it', async () => {
    for (const stdout of [`not json ${stderrSecret}`, JSON.stringify({ Version: 2, AccessKeyId: 'a', SecretAccessKey: stderrSecret })]) {
      const provider = credentialProcessProvider('p', 'get-creds', { run: async () => stdout });
      await assert.rejects(provider(), (error: unknown) => error instanceof CredentialProcessError && error.problem === 'invalidOutput' && !error.message.includes(stderrSecret));
    }
  });
});

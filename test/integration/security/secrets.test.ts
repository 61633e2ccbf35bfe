// Credentials never leak: a recognisable fake key pair and session token are put in the environment
// and in a temporary ~/.aws/credentials, then every output is searched for them: log lines, error
// wording, exported plans, the profile listing and the emulator's state file.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAwsError } from '../../../src/aws/awsErrorMessages';
import { listProfiles } from '../../../src/aws/profiles';
import { Logger } from '../../../src/logging/logger';
import { startEmulator } from '@s2z/emulator';
import { toAwsCliScript } from '../../../src/wizards/plans/exporters/awsCli';
import { toBoto3Script } from '../../../src/wizards/plans/exporters/boto3';
import { toCloudFormation, toYaml } from '../../../src/wizards/plans/exporters/cloudFormation';
import { blogPlan, names } from '../wizards/plans/blogPlan';

const accessKeyId = 'AKIAZZSECRETCANARY01';
const secretAccessKey = 'CanarySecretKey/For+Tests0000000000000000';
const sessionToken = 'IQoJCanarySessionToken//////////wEaCXVzLWVhc3QtMSJHMEUCIQD' + 'x'.repeat(120);
const secrets = [accessKeyId, secretAccessKey, sessionToken, sessionToken.slice(0, 24)];

function assertNoSecret(where: string, text: string): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), `${where} contains a credential: …${text.slice(Math.max(0, text.indexOf(secret) - 60), text.indexOf(secret) + 20)}…`);
}

describe('security: credentials never reach an output', () => {
  let dir: string;
  const saved = { ...process.env };
  const lines: string[] = [];
  const sink = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  const logger = new Logger({ trace: sink('trace'), debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 's2z-secrets-'));
    writeFileSync(join(dir, 'credentials'), `[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\naws_session_token = ${sessionToken}\n\n[canary]\naws_access_key_id=${accessKeyId}\naws_secret_access_key=${secretAccessKey}\n`);
    writeFileSync(join(dir, 'config'), '[default]\nregion = us-east-1\n[profile canary]\nregion = eu-west-1\n');
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_SESSION_TOKEN: sessionToken,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONFIG_FILE: join(dir, 'config'),
    });
  });

  after(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('the Logger redacts them from every shape they take in messages and errors', () => {
    const dumps = [
      `aws_secret_access_key = ${secretAccessKey}`,
      `AWS_SECRET_ACCESS_KEY=${secretAccessKey} AWS_SESSION_TOKEN=${sessionToken}`,
      JSON.stringify({ accessKeyId, secretAccessKey, sessionToken }),
      JSON.stringify({ Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken } }),
      `Authorization: AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=${'a1'.repeat(32)}`,
      `x-amz-security-token: ${sessionToken}`,
      `https://bucket.s3.amazonaws.com/k?X-Amz-Credential=${accessKeyId}%2F20250101&X-Amz-Security-Token=${encodeURIComponent(sessionToken)}&X-Amz-Signature=${'b2'.repeat(32)}`,
      `Using key ${accessKeyId}`,
    ];
    for (const dump of dumps) {
      for (const level of ['trace', 'debug', 'info', 'warn'] as const) logger[level](dump);
      logger.error('Call failed', new Error(dump));
      logger.error('Call failed', { message: dump, credentials: { secretAccessKey, sessionToken } });
    }
    for (const line of lines) assertNoSecret('a log line', line);
  });

  it('describeAwsError words failures without them, whatever the error carries', () => {
    const errors: unknown[] = [
      Object.assign(new Error(`The security token ${sessionToken} is expired`), { name: 'ExpiredTokenException', $metadata: { httpStatusCode: 400 } }),
      Object.assign(new Error(`Credential=${accessKeyId}/20250101/us-east-1/sagemaker/aws4_request is invalid; aws_secret_access_key=${secretAccessKey}`), { name: 'InvalidSignatureException' }),
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError', tryNextLink: false, credentials: { secretAccessKey } }),
      { message: `x-amz-security-token: ${sessionToken}`, name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } },
      `SessionToken=${sessionToken}`,
    ];
    for (const error of errors) {
      for (const profile of [undefined, 'canary']) {
        const description = describeAwsError(error, { action: 'List endpoints', profile, region: 'us-east-1' });
        assertNoSecret('an error message', JSON.stringify(description));
      }
    }
  });

  it('the profile listing never reads the values out', async () => {
    const profiles = await listProfiles();
    assert.deepEqual(profiles.map((profile) => profile.name), ['default', 'canary']);
    assert.ok(profiles.every((profile) => profile.hasStaticKeys));
    assertNoSecret('the profile listing', JSON.stringify(profiles));
  });

  it('exported plans (boto3, AWS CLI, CloudFormation) hold no credential', () => {
    const plan = blogPlan(names('secret'), { schedule: true });
    const cfn = toCloudFormation(plan);
    for (const [what, text] of [
      ['boto3', toBoto3Script(plan)],
      ['AWS CLI', toAwsCliScript(plan)],
      ['CloudFormation', JSON.stringify(cfn) + toYaml(cfn.template as never)],
    ] as const) {
      assertNoSecret(`the ${what} export`, text);
      assert.doesNotMatch(text, /aws_secret_access_key|AWS_SECRET_ACCESS_KEY|aws_session_token/i, `the ${what} export names credentials`);
    }
  });

  it('the emulator\'s state file and log hold none of the signing credentials', async () => {
    const stateFile = join(dir, 'state.json');
    const emulatorLog: string[] = [];
    const emulator = await startEmulator({ timeScale: 0, scenario: 'demo', stateFile, credentials: { accessKeyId, secretAccessKey }, log: (level, message) => emulatorLog.push(`${level} ${message}`) });
    const { SageMakerClient, CreateModelCommand, ListEndpointsCommand } = await import('@aws-sdk/client-sagemaker');
    const client = new SageMakerClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 });
    const wrong = new SageMakerClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: `${secretAccessKey}x`, sessionToken }, maxAttempts: 1 });
    try {
      await client.send(new CreateModelCommand({ ModelName: 'canary', ExecutionRoleArn: 'arn:aws:iam::123456789012:role/R', PrimaryContainer: { Image: 'x.dkr.ecr.us-east-1.amazonaws.com/y:1' }, Tags: [{ Key: 'owner', Value: 'me' }] }));
      const refused = await wrong.send(new ListEndpointsCommand({})).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.equal((refused as Error).name, 'InvalidSignatureException');
      assertNoSecret('the emulator\'s error', JSON.stringify(describeAwsError(refused, { action: 'List endpoints' })));
    } finally {
      client.destroy();
      wrong.destroy();
      await emulator.close();
    }
    const content = readFileSync(stateFile, 'utf8');
    assert.match(content, /canary/, 'the state file was written');
    assertNoSecret('the emulator state file', content);
    assertNoSecret('the emulator log', emulatorLog.join('\n'));
  });
});

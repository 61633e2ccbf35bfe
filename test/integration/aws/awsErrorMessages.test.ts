import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { fromIni, fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import { describeAwsError } from '../../../src/aws/awsErrorMessages';
import { rejectionOf } from '../../support/rejection';

/** An error shaped the way the SDK's deserializers shape service exceptions. */
function sdkError(name: string, message: string, httpStatusCode: number, fault: 'client' | 'server' = 'client'): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 },
  });
}

const context = { action: 'Describe', resource: 'endpoint demo', profile: 'dev', region: 'us-east-1' };

describe('describeAwsError', () => {
  describe('with errors shaped like the SDK', () => {
    it('turns an expired SSO session into the aws sso login advice', () => {
      const error = Object.assign(
        new Error(
          'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
        ),
        { name: 'CredentialsProviderError', tryNextLink: false },
      );
      const result = describeAwsError(error, context);
      assert.equal(result.kind, 'ssoExpired');
      assert.equal(result.fixCommand, 'aws sso login --profile dev');
      assert.match(result.message, /^Describe endpoint demo failed: /);
      assert.match(result.message, /"aws sso login --profile dev"/);
      assert.match(result.message, /profile dev/);
    });

    it('recognizes the token provider\'s "Token is expired" message', () => {
      const error = Object.assign(new Error("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile."), {
        name: 'TokenProviderError',
      });
      const result = describeAwsError(error, { ...context, profile: 'my team' });
      assert.equal(result.kind, 'ssoExpired');
      assert.equal(result.fixCommand, "aws sso login --profile 'my team'", 'a profile name with a space is quoted');
    });

    it('recognizes the SSO portal rejecting a stale token', () => {
      const error = sdkError('UnauthorizedException', 'Session token not found or invalid', 401);
      assert.equal(describeAwsError(error, context).kind, 'ssoExpired');
    });

    it('explains how to configure a profile when no credentials were found', () => {
      const error = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
      const result = describeAwsError(error, { action: 'List endpoints', region: 'us-east-1' });
      assert.equal(result.kind, 'credentials');
      assert.match(result.message, /aws configure sso/);
      assert.match(result.message, /"aws configure"/);
      assert.equal(result.code, 'CredentialsProviderError');
    });

    for (const code of ['ExpiredTokenException', 'ExpiredToken']) {
      it(`reports ${code} as expired credentials, keeping the code`, () => {
        const result = describeAwsError(sdkError(code, 'The security token included in the request is expired', 400), context);
        assert.equal(result.kind, 'credentials');
        assert.equal(result.code, code);
        assert.match(result.message, /expired/);
        assert.ok(result.message.includes(`(${code})`), result.message);
      });
    }

    for (const code of ['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException']) {
      it(`reports ${code} as credentials AWS does not accept`, () => {
        const result = describeAwsError(sdkError(code, 'The security token included in the request is invalid.', 400), context);
        assert.equal(result.kind, 'credentials');
        assert.equal(result.code, code);
        assert.equal(result.fixCommand, 'aws configure --profile dev');
        assert.ok(result.message.includes(`(${code})`), result.message);
      });
    }

    it('names the action and the resource when access is denied, and points at the IAM policy', () => {
      const error = sdkError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: sagemaker:DescribeEndpoint on resource: arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo because no identity-based policy allows the sagemaker:DescribeEndpoint action',
        400,
      );
      const result = describeAwsError(error, context);
      assert.equal(result.kind, 'accessDenied');
      assert.equal(result.code, 'AccessDeniedException');
      assert.match(result.message, /^Access denied: profile dev may not describe endpoint demo in us-east-1/);
      assert.match(result.message, /IAM policy/);
      assert.match(result.message, /sagemaker:DescribeEndpoint/);
      assert.match(result.message, /\(AccessDeniedException\)$/);
    });

    it('reports a missing endpoint or inference component as not found', () => {
      const endpoint = describeAwsError(
        sdkError('ValidationException', 'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo".', 400),
        context,
      );
      assert.equal(endpoint.kind, 'notFound');
      assert.equal(endpoint.code, 'ValidationException');
      assert.match(endpoint.message, /endpoint demo was not found in us-east-1/);
      assert.match(endpoint.message, /\(ValidationException\)$/);

      const component = describeAwsError(sdkError('ValidationException', 'Could not find inference component "chat".', 400), {
        action: 'Describe',
        resource: 'inference component chat',
        region: 'eu-west-1',
      });
      assert.equal(component.kind, 'notFound');
      assert.match(component.message, /inference component chat was not found in eu-west-1/);
    });

    it('keeps other validation errors as validation', () => {
      const result = describeAwsError(sdkError('ValidationException', 'MinCapacity must be less than or equal to MaxCapacity', 400), {
        action: 'Register the scalable target of',
        resource: 'inference component chat',
      });
      assert.equal(result.kind, 'validation');
      assert.equal(
        result.message,
        'Register the scalable target of inference component chat failed: MinCapacity must be less than or equal to MaxCapacity (ValidationException)',
      );
    });

    for (const [name, status] of [
      ['ThrottlingException', 400],
      ['TooManyRequestsException', 429],
      ['Unknown', 429],
    ] as const) {
      it(`reports ${name} with HTTP ${status} as throttling`, () => {
        const result = describeAwsError(sdkError(name, 'Rate exceeded', status), context);
        assert.equal(result.kind, 'throttled');
        assert.match(result.message, /throttling/);
        assert.ok(result.code, 'a code is given');
        assert.ok(result.message.includes(`(${result.code})`), result.message);
      });
    }

    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT']) {
      it(`reports ${code} as a service that could not be reached`, () => {
        const error = Object.assign(new Error(`connect ${code} 1.2.3.4:443`), { code, $metadata: { attempts: 3, totalRetryDelay: 300 } });
        const result = describeAwsError(error, context);
        assert.equal(result.kind, 'network');
        assert.equal(result.code, code);
        assert.match(result.message, /could not be reached in region us-east-1/);
      });
    }

    for (const name of ['TimeoutError', 'NetworkingError']) {
      it(`reports ${name} as a network error, naming the endpoint when there is one`, () => {
        const error = Object.assign(new Error('socket hang up'), { name });
        const result = describeAwsError(error, { action: 'List endpoints', endpoint: 'http://127.0.0.1:4599', region: 'us-east-1' });
        assert.equal(result.kind, 'network');
        assert.equal(result.code, name);
        assert.match(result.message, /could not be reached at http:\/\/127\.0\.0\.1:4599/);
      });
    }

    it('finds a network code in the error cause', () => {
      const error = new Error('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.sagemaker.xx-nowhere-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'api.sagemaker.xx-nowhere-1.amazonaws.com' }) });
      const result = describeAwsError(error, { action: 'List endpoints', region: 'xx-nowhere-1' });
      assert.equal(result.kind, 'network');
      assert.match(result.message, /api\.sagemaker\.xx-nowhere-1\.amazonaws\.com/);
    });

    it('formats other service errors as "<action> <resource> failed: <message> (<code>)"', () => {
      const result = describeAwsError(sdkError('ResourceLimitExceeded', 'The account-level service limit for ml.g5.xlarge is 0 instances.', 400), context);
      assert.equal(result.kind, 'service');
      assert.equal(
        result.message,
        'Describe endpoint demo failed: The account-level service limit for ml.g5.xlarge is 0 instances (ResourceLimitExceeded)',
      );
      const server = describeAwsError(sdkError('InternalFailure', 'An internal error occurred.', 500, 'server'), context);
      assert.equal(server.kind, 'service');
      assert.equal(server.code, 'InternalFailure');
    });

    it('handles non-errors and plain errors without a stack trace', () => {
      const plain = new Error('something odd');
      const result = describeAwsError(plain, { action: 'Refresh' });
      assert.equal(result.kind, 'unknown');
      assert.equal(result.message, 'Refresh failed: something odd');
      assert.ok(!result.message.includes(' at '), 'no stack');
      assert.equal(describeAwsError('boom', { action: 'Refresh' }).message, 'Refresh failed: boom');
      assert.equal(describeAwsError(undefined, { action: 'Refresh' }).message, 'Refresh failed: unknown error');
      assert.equal(describeAwsError(null, { action: 'Refresh' }).kind, 'unknown');
      const withStackInMessage = new Error('first line\n    at Object.<anonymous> (/x.js:1:1)\n    at Module._compile');
      assert.equal(describeAwsError(withStackInMessage, { action: 'Refresh' }).message, 'Refresh failed: first line');
    });

    it('redacts secrets that appear in an error message', () => {
      const error = sdkError(
        'InternalFailure',
        'bad request aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY with AKIAIOSFODNN7EXAMPLE and Authorization: Bearer abcdefghijklmnop123',
        500,
        'server',
      );
      const result = describeAwsError(error, context);
      assert.ok(!result.message.includes('wJalrXUtnFEMI'), result.message);
      assert.ok(!result.message.includes('AKIAIOSFODNN7EXAMPLE'), result.message);
      assert.ok(!result.message.includes('abcdefghijklmnop123'), result.message);
      assert.match(result.message, /\[redacted\]/);
    });
  });

  describe('with errors from the real SDK', () => {
    let dir: string;
    let server: Server | undefined;
    const saved: Record<string, string | undefined> = {};
    const variables = [
      'HOME',
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_PROFILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_EC2_METADATA_DISABLED',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_ROLE_ARN',
    ];

    const ssoConfig = `[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = PowerUser
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = PowerUser
`;

    function writeToken(cacheKey: string, token: Record<string, string>): void {
      const file = join(dir, '.aws', 'sso', 'cache', `${createHash('sha1').update(cacheKey).digest('hex')}.json`);
      writeFileSync(file, JSON.stringify(token));
    }

    beforeEach(() => {
      for (const name of variables) saved[name] = process.env[name];
      for (const name of variables) delete process.env[name];
      dir = mkdtempSync(join(tmpdir(), 'aws-errors-test-'));
      mkdirSync(join(dir, '.aws', 'sso', 'cache'), { recursive: true });
      writeFileSync(join(dir, 'config'), ssoConfig);
      process.env.HOME = dir; // the SDK looks for ~/.aws/sso/cache under HOME
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials-missing');
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
    });

    afterEach(async () => {
      for (const name of variables) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      rmSync(dir, { recursive: true, force: true });
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    it('fromIni with an SSO profile whose token cache is missing gives the aws sso login advice', async () => {
      const error = await rejectionOf(fromIni({ profile: 'dev', ignoreCache: true })());
      assert.equal((error as Error).name, 'CredentialsProviderError', 'the real SDK error');
      const result = describeAwsError(error, { action: 'List endpoints', profile: 'dev', region: 'us-east-1' });
      assert.equal(result.kind, 'ssoExpired');
      assert.equal(result.fixCommand, 'aws sso login --profile dev');
      assert.match(result.message, /run "aws sso login --profile dev"/);
    });

    it('fromSSO with a legacy SSO profile whose token has expired gives the aws sso login advice', async () => {
      writeToken('https://legacy.awsapps.com/start', {
        accessToken: 'expired-access-token-value',
        expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
        region: 'us-east-1',
        startUrl: 'https://legacy.awsapps.com/start',
      });
      const error = await rejectionOf(fromSSO({ profile: 'legacy', ignoreCache: true })());
      assert.match((error as Error).message, /expired/, 'the SDK says the session expired');
      const result = describeAwsError(error, { action: 'List endpoints', profile: 'legacy', region: 'us-east-1' });
      assert.equal(result.kind, 'ssoExpired');
      assert.equal(result.fixCommand, 'aws sso login --profile legacy');
      assert.ok(!result.message.includes('expired-access-token-value'));
    });

    it('fromIni with an expired sso-session token that cannot be refreshed ("Token is expired") gives the advice', async () => {
      writeToken('corp', {
        accessToken: 'expired-access-token-value',
        expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
        region: 'us-east-1',
        startUrl: 'https://corp.awsapps.com/start',
        clientId: 'client-id',
        clientSecret: 'client-secret',
        refreshToken: 'refresh-token',
      });
      // The refresh goes to a closed local port, so it fails fast without leaving the machine.
      const error = await rejectionOf(
        fromIni({ profile: 'dev', ignoreCache: true, clientConfig: { endpoint: 'http://127.0.0.1:1', maxAttempts: 1 } })(),
      );
      assert.match((error as Error).message, /^Token is expired/);
      const result = describeAwsError(error, { action: 'List endpoints', profile: 'dev' });
      assert.equal(result.kind, 'ssoExpired');
      assert.equal(result.fixCommand, 'aws sso login --profile dev');
    });

    it('the provider chain without any credentials explains how to configure a profile', async () => {
      writeFileSync(join(dir, 'config'), '');
      const error = await rejectionOf(fromNodeProviderChain({ ignoreCache: true })());
      assert.match((error as Error).message, /Could not load credentials from any providers/);
      const result = describeAwsError(error, { action: 'List endpoints', region: 'us-east-1' });
      assert.equal(result.kind, 'credentials');
      assert.match(result.message, /aws configure sso/);
    });

    it('fromIni with an unknown profile says the profile is missing', async () => {
      const error = await rejectionOf(fromIni({ profile: 'nope', ignoreCache: true })());
      const result = describeAwsError(error, { action: 'List endpoints', profile: 'nope' });
      assert.equal(result.kind, 'credentials');
      assert.match(result.message, /profile nope is missing/);
      assert.equal(result.fixCommand, 'aws configure sso --profile nope');
    });

    async function answering(status: number, body: unknown): Promise<SageMakerClient> {
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' });
          res.end(JSON.stringify(body));
        });
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return new SageMakerClient({
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
        maxAttempts: 1,
      });
    }

    it('a real ValidationException "Could not find endpoint" is reported as not found', async () => {
      const client = await answering(400, {
        __type: 'com.amazon.coral.validate#ValidationException',
        message: 'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo".',
      });
      const error = await rejectionOf(client.send(new DescribeEndpointCommand({ EndpointName: 'demo' })));
      client.destroy();
      const result = describeAwsError(error, { action: 'Describe', resource: 'endpoint demo', region: 'us-east-1' });
      assert.equal(result.kind, 'notFound');
      assert.equal(result.code, 'ValidationException');
      assert.match(result.message, /endpoint demo was not found in us-east-1/);
    });

    it('a real AccessDeniedException names the action and resource', async () => {
      const client = await answering(400, {
        __type: 'AccessDeniedException',
        message: 'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sagemaker:DescribeEndpoint',
      });
      const error = await rejectionOf(client.send(new DescribeEndpointCommand({ EndpointName: 'demo' })));
      client.destroy();
      const result = describeAwsError(error, { action: 'Describe', resource: 'endpoint demo', profile: 'dev' });
      assert.equal(result.kind, 'accessDenied');
      assert.match(result.message, /profile dev may not describe endpoint demo/);
      assert.match(result.message, /\(AccessDeniedException\)/);
    });

    it('a real connection refusal is reported as a network error at the endpoint', async () => {
      const client = new SageMakerClient({
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:1',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
        maxAttempts: 1,
      });
      const error = await rejectionOf(client.send(new DescribeEndpointCommand({ EndpointName: 'demo' })));
      client.destroy();
      const result = describeAwsError(error, { action: 'Describe', resource: 'endpoint demo', endpoint: 'http://127.0.0.1:1' });
      assert.equal(result.kind, 'network');
      assert.equal(result.code, 'ECONNREFUSED');
      assert.match(result.message, /could not be reached at http:\/\/127\.0\.0\.1:1/);
    });
  });
});

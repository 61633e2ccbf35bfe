import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/logging/redact';

describe('redactSecrets', () => {
  it('hides access key ids, keeping the kind of key visible', () => {
    assert.equal(redactSecrets('key AKIAIOSFODNN7EXAMPLE used'), 'key AKIA**************** used');
    assert.equal(redactSecrets('ASIAY34FZKBOKMUTVV7A'), 'ASIA****************');
  });

  it('hides secrets and session tokens in credentials-file, JSON and header form', () => {
    const text = [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '{"secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","sessionToken":"IQoJb3JpZ2luX2VjEJr"}',
      'x-amz-security-token: IQoJb3JpZ2luX2VjEJr',
    ].join('\n');
    const redacted = redactSecrets(text);
    assert.ok(!redacted.includes('wJalrXUtnFEMI'), redacted);
    assert.ok(!redacted.includes('IQoJb3JpZ2luX2VjEJr'), redacted);
    assert.match(redacted, /aws_secret_access_key = \[redacted\]/);
  });

  it('hides the signature and credential of a SigV4 Authorization header', () => {
    const header =
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/us-east-1/sagemaker/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
    const redacted = redactSecrets(header);
    assert.ok(!redacted.includes('fe5f80f77d5fa3be'), redacted);
    assert.ok(!redacted.includes('IOSFODNN7EXAMPLE'), redacted);
    assert.match(redacted, /SignedHeaders=host;x-amz-date/);
  });

  it('hides bearer and SSO access tokens', () => {
    assert.equal(redactSecrets('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc'), 'Authorization: Bearer [redacted]');
    assert.equal(redactSecrets('{"accessToken": "aoaAAAAAGZ0"}'), '{"accessToken": "[redacted]"}');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Endpoint demo-scale-to-zero is InService with 1/1 instances.';
    assert.equal(redactSecrets(text), text);
  });
});

describe('redactSecrets: the forms issue 14 found missing', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzEXAMPLE';
  const secretWithSpace = 'Tk9UIEEgUkVBTCBTRUNSRVQ with space';

  it('hides the refresh token and client secret of the SSO token and client caches', () => {
    const cache = JSON.stringify({ accessToken: secret, expiresAt: '2026-12-06T20:00:00Z', refreshToken: `${secret}R`, clientId: 'client-id-1', clientSecret: `${secret}C`, region: 'us-east-1' });
    const redacted = redactSecrets(cache);
    assert.ok(!redacted.includes(secret), redacted);
    assert.match(redacted, /"clientId":"client-id-1"/);
    assert.match(redacted, /"expiresAt":"2026-12-06T20:00:00Z"/);
  });

  it('hides SecretAccessKey and SessionToken in an STS XML answer', () => {
    const xml = `<Credentials><AccessKeyId>ASIAY34FZKBOKMUTVV7A</AccessKeyId><SecretAccessKey>${secret}</SecretAccessKey><SessionToken>${secret}T</SessionToken><Expiration>2026-12-06T20:00:00Z</Expiration></Credentials>`;
    const redacted = redactSecrets(xml);
    assert.ok(!redacted.includes(secret), redacted);
    assert.ok(!redacted.includes('Y34FZKBOKMUTVV7A'), redacted);
    assert.match(redacted, /<Expiration>2026-12-06T20:00:00Z<\/Expiration>/);
  });

  it('hides AWS_SECURITY_TOKEN and secret_access_key without the aws_ prefix', () => {
    for (const line of [`AWS_SECURITY_TOKEN=${secret}`, `secret_access_key: ${secret}`, `SECRET_ACCESS_KEY = ${secret}`]) {
      const redacted = redactSecrets(`before\n${line}\nafter`);
      assert.ok(!redacted.includes(secret), redacted);
      assert.match(redacted, /^before\n.*\[redacted\]\nafter$/);
    }
  });

  it('hides a secret that contains a space, quoted or not', () => {
    for (const text of [
      `{"secretAccessKey": "${secretWithSpace}", "region": "us-east-1"}`,
      `aws_session_token = ${secretWithSpace}\nregion = us-east-1`,
      `sessionToken: '${secretWithSpace}'`,
    ]) {
      const redacted = redactSecrets(text);
      assert.ok(!redacted.includes('with space'), redacted);
      assert.ok(!redacted.includes('Tk9UIEEgUkVBTCBTRUNSRVQ'), redacted);
      assert.match(redacted, /us-east-1|'\[redacted\]'/);
    }
  });

  it('keeps neither the command line nor the error output of a failed credential_process', () => {
    const message = "Could not load credentials: Command failed: /usr/local/bin/get-creds --password hunter2\nerror: token SECRETVALUE123 rejected\n";
    const redacted = redactSecrets(message);
    assert.ok(!redacted.includes('hunter2'), redacted);
    assert.ok(!redacted.includes('SECRETVALUE123'), redacted);
    assert.ok(!redacted.includes('get-creds'), redacted);
    assert.match(redacted, /^Could not load credentials: Command failed:/);
  });
});

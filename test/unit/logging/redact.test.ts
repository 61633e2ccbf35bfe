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

// The page's copyAsCode message as the host's parser accepts it, and the client request the host builds
// from it and the active connection.
import * as assert from 'node:assert/strict';
import { codeRequestFor, partitionOf } from '../../../../src/playground/copyAsCode/codeRequest';
import { maxBodyBytes, parsePlaygroundToHost } from '../../../../src/playground/protocol';

const valid = {
  type: 'copyAsCode',
  language: 'python',
  mode: 'stream',
  body: '{"inputs": "Hello"}',
  contentType: 'application/json',
  accept: 'application/json',
  deadlineSeconds: 900,
  wakeNow: true,
} as const;

describe('Copy as Code: the page\'s message', () => {
  it('is accepted for each language, and copied field by field', () => {
    for (const language of ['python', 'typescript'] as const) assert.deepEqual(parsePlaygroundToHost({ ...valid, language }), { ...valid, language });
    assert.deepEqual(parsePlaygroundToHost({ ...valid, language: 'awsCli', mode: 'invoke' }), { ...valid, language: 'awsCli', mode: 'invoke' });
  });

  it('is dropped when malformed, out of range or unknown', () => {
    const dropped: [string, unknown][] = [
      ['an unknown language', { ...valid, language: 'ruby' }],
      ['the AWS CLI streaming (it has no streaming command)', { ...valid, language: 'awsCli', mode: 'stream' }],
      ['an unknown mode', { ...valid, mode: 'batch' }],
      ['an extra field', { ...valid, endpointName: 'other-endpoint' }],
      ['a missing field', { ...valid, wakeNow: undefined }],
      ['a deadline below the minimum', { ...valid, deadlineSeconds: 9 }],
      ['a deadline above the maximum', { ...valid, deadlineSeconds: 3601 }],
      ['a fractional deadline', { ...valid, deadlineSeconds: 60.5 }],
      ['a body over the limit', { ...valid, body: 'é'.repeat(maxBodyBytes / 2 + 1) }],
      ['a content type with a line break', { ...valid, contentType: 'application/json\nX-Injected: 1' }],
      ['a wake flag that is not a boolean', { ...valid, wakeNow: 'yes' }],
      ['an array', [valid]],
    ];
    for (const [what, message] of dropped) assert.equal(parsePlaygroundToHost(message), undefined, what);
  });

  it('becomes a client request on the active connection: region, named profile, account and partition from the ARN, an adapter\'s base to wake', () => {
    const message = parsePlaygroundToHost(valid);
    assert.ok(message?.type === 'copyAsCode');
    const request = codeRequestFor(message, {
      connection: { kind: 'aws', profile: 'prod', region: 'eu-west-1' },
      endpointName: 'ep',
      inferenceComponentName: 'adapter-sql',
      baseComponentName: 'base-llm',
      componentArn: 'arn:aws:sagemaker:eu-west-1:210987654321:inference-component/adapter-sql',
    });
    assert.deepEqual(request, {
      endpointName: 'ep',
      inferenceComponentName: 'adapter-sql',
      wakeComponentName: 'base-llm',
      region: 'eu-west-1',
      profile: 'prod',
      accountId: '210987654321',
      partition: 'aws',
      mode: 'stream',
      body: valid.body,
      contentType: 'application/json',
      accept: 'application/json',
      deadlineSeconds: 900,
      wake: true,
    });
  });

  it('on the emulator or default credentials names no profile and never the emulator\'s URL', () => {
    const message = parsePlaygroundToHost(valid);
    assert.ok(message?.type === 'copyAsCode');
    const request = codeRequestFor(message, { connection: { kind: 'localEmulator', endpoint: 'http://127.0.0.1:4599', region: 'us-east-1' }, endpointName: 'ep', inferenceComponentName: 'ic' });
    assert.equal(request.profile, undefined);
    assert.equal(request.accountId, undefined);
    assert.equal(request.wakeComponentName, 'ic');
    assert.ok(!JSON.stringify(request).includes('4599'));
    assert.equal(codeRequestFor(message, { connection: { kind: 'aws', region: 'us-west-2' }, endpointName: 'ep', inferenceComponentName: 'ic' }).profile, undefined);
  });

  it('knows the partition of China and GovCloud regions', () => {
    assert.equal(partitionOf('cn-northwest-1'), 'aws-cn');
    assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov');
    assert.equal(partitionOf('ap-southeast-4'), 'aws');
  });
});

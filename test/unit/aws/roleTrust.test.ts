import * as assert from 'node:assert/strict';
import { readRoleTrust, trustedServices } from '../../../src/aws/roleTrust';

describe('role trust', () => {
  it('reads the service principals of the Allow statements, URL-encoded as IAM returns them', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: ['scheduler.amazonaws.com', 'lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' },
      ],
    };
    assert.deepEqual(trustedServices(encodeURIComponent(JSON.stringify(policy))), ['scheduler.amazonaws.com', 'lambda.amazonaws.com']);
    assert.deepEqual(trustedServices(JSON.stringify({ Statement: { Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' } } })), [
      'scheduler.amazonaws.com',
    ]);
  });

  it('reads nothing from a malformed document', () => {
    assert.deepEqual(trustedServices('%E0%A4%A'), []);
    assert.deepEqual(trustedServices('{"Statement": 5}'), []);
    assert.deepEqual(trustedServices('not json'), []);
  });

  it('does not check trust on the local emulator, which has no IAM', async () => {
    const trust = await readRoleTrust({ kind: 'localEmulator', endpoint: 'http://127.0.0.1:1', region: 'us-east-1' }, 'arn:aws:iam::123456789012:role/SchedulerRole');
    assert.equal(trust, undefined);
  });
});

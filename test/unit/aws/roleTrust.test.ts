import * as assert from 'node:assert/strict';
import { trustedServices } from '../../../src/aws/roleTrust';
import { policyAllows, trustsService } from '../../../src/aws/policyDocuments';

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
    assert.deepEqual(trustedServices(JSON.stringify({ Statement: { Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: ['sts:TagSession', 'sts:AssumeRole'] } })), [
      'scheduler.amazonaws.com',
    ]);
  });

  it('counts only statements whose Action lets the principal assume the role (sts:AssumeRole, or a wildcard covering it)', () => {
    const statement = (Action: unknown) => JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action }] });
    assert.equal(trustsService(statement('sts:AssumeRole'), 'scheduler.amazonaws.com'), true);
    assert.equal(trustsService(statement('STS:assumerole'), 'scheduler.amazonaws.com'), true, 'actions are case-insensitive');
    assert.equal(trustsService(statement('sts:*'), 'scheduler.amazonaws.com'), true);
    assert.equal(trustsService(statement(['sts:Assume*']), 'scheduler.amazonaws.com'), true);
    assert.equal(trustsService(statement('sts:AssumeRoleWithWebIdentity'), 'scheduler.amazonaws.com'), false);
    assert.equal(trustsService(statement(undefined), 'scheduler.amazonaws.com'), false, 'no Action: nothing is allowed');
    assert.equal(trustsService(statement('sts:AssumeRole'), 'events.amazonaws.com'), false);
  });

  it('reads nothing from a malformed document, and never throws', () => {
    for (const document of ['%E0%A4%A', '{"Statement": 5}', 'not json', '', 'null', '[]', '{"Statement": [null, 3, "x", []]}', '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}',
      '{"Statement": [{"Effect": "Allow", "Principal": {"Service": 7}, "Action": "sts:AssumeRole"}]}', '{"Statement": [{"Effect": "Allow", "Principal": null, "Action": "sts:AssumeRole"}]}']) {
      assert.deepEqual(trustedServices(document), [], document);
      assert.equal(trustsService(document, 'scheduler.amazonaws.com'), false, document);
      assert.equal(policyAllows(document, 'sagemaker:UpdateInferenceComponentRuntimeConfig', 'arn:aws:sagemaker:us-east-1:1:inference-component/ic'), false, document);
    }
  });
});

describe('permission policies', () => {
  const ic = 'arn:aws:sagemaker:us-east-1:123456789012:inference-component/demo-ic';
  const action = 'sagemaker:UpdateInferenceComponentRuntimeConfig';
  const policy = (...Statement: object[]) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement }));

  it('allows an action on a resource when an Allow statement names both, wildcards included', () => {
    assert.equal(policyAllows(policy({ Effect: 'Allow', Action: action, Resource: ic }), action, ic), true);
    assert.equal(policyAllows(policy({ Effect: 'Allow', Action: ['sagemaker:Describe*', 'sagemaker:UpdateInference*'], Resource: 'arn:aws:sagemaker:*:*:inference-component/*' }), action, ic), true);
    assert.equal(policyAllows(policy({ Effect: 'Allow', Action: '*', Resource: '*' }), action, ic), true);
  });

  it('does not claim more than the policy says: other actions or resources, a Deny, or a condition', () => {
    assert.equal(policyAllows(policy({ Effect: 'Allow', Action: 'sagemaker:UpdateInferenceComponent', Resource: ic }), action, ic), false);
    assert.equal(policyAllows(policy({ Effect: 'Allow', Action: action, Resource: `${ic}-other` }), action, ic), false);
    assert.equal(policyAllows(policy({ Effect: 'Allow', Action: action, Resource: '*' }, { Effect: 'Deny', Action: 'sagemaker:*', Resource: '*' }), action, ic), false);
    assert.equal(policyAllows(policy({ Effect: 'Allow', Action: action, Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/x': 'y' } } }), action, ic), false);
    assert.equal(policyAllows(policy({ Effect: 'Allow', Action: action }), action, ic), false, 'no Resource');
  });
});

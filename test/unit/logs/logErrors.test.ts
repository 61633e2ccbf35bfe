import * as assert from 'node:assert/strict';
import { describeLogsProblem, problemKind } from '../../../src/logs/reading/logErrors';

const group = '/aws/sagemaker/Endpoints/demo';
const awsError = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra });

describe('logs: what went wrong reading a log group, in plain words', () => {
  it('a missing group: no container has started; while Creating that is the common case', () => {
    const error = awsError('ResourceNotFoundException', 'The specified log group does not exist.');
    assert.equal(problemKind(error), 'groupMissing');
    const creating = describeLogsProblem(error, { logGroupName: group, region: 'us-east-1', resource: 'endpoint demo', creating: true });
    assert.match(creating.message, /^The log group \/aws\/sagemaker\/Endpoints\/demo does not exist yet: no container of endpoint demo has started writing logs\./);
    assert.match(creating.message, /While the endpoint is Creating this is the common case/);
    assert.doesNotMatch(describeLogsProblem(error, { logGroupName: group, region: 'us-east-1', resource: 'endpoint demo' }).message, /Creating/);
  });

  it('access denied: names logs:FilterLogEvents, the group\'s ARN (the account from the message) and the statement to add', () => {
    const error = awsError(
      'AccessDeniedException',
      'User: arn:aws:sts::123456789012:assumed-role/dev/me is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/Endpoints/demo:log-stream: because no identity-based policy allows the logs:FilterLogEvents action',
    );
    const problem = describeLogsProblem(error, { logGroupName: group, region: 'eu-west-1', resource: 'endpoint demo' });
    assert.equal(problem.kind, 'accessDenied');
    assert.match(problem.message, /logs:FilterLogEvents on arn:aws:logs:eu-west-1:123456789012:log-group:\/aws\/sagemaker\/Endpoints\/demo:\*/);
    assert.deepEqual(JSON.parse(problem.policy!), {
      Effect: 'Allow',
      Action: ['logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:DescribeLogStreams'],
      Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/Endpoints/demo:*',
    });
  });

  it('throttling and network errors say the view tries again; nothing shows a credential', () => {
    assert.equal(describeLogsProblem(awsError('ThrottlingException', 'Rate exceeded'), { logGroupName: group, region: 'us-east-1', resource: 'endpoint demo' }).kind, 'throttled');
    const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    const problem = describeLogsProblem(network, { logGroupName: group, region: 'us-east-1', resource: 'endpoint demo' });
    assert.equal(problem.kind, 'network');
    assert.match(problem.message, /tries again/);
    const leaky = awsError('InternalFailure', 'failed with aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    assert.doesNotMatch(describeLogsProblem(leaky, { logGroupName: group, region: 'us-east-1', resource: 'endpoint demo' }).message, /wJalrXUtnFEMI/);
  });
});

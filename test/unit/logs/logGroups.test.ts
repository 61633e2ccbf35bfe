import * as assert from 'node:assert/strict';
import { accountIdOfArn, logGroupArn, logGroupsOf } from '../../../src/logs/reading/logGroups';
import { logGroupConsoleUrl } from '../../../src/aws/consoleUrls';

describe('logs: which log groups a resource\'s logs live in', () => {
  it('reads an endpoint\'s own group (AWS\'s documented name) and each of its components\' groups, each once', () => {
    const groups = logGroupsOf({ kind: 'endpoint', name: 'demo' }, { componentNames: ['demo-llama', 'demo-embeddings', 'demo-llama'] });
    assert.deepEqual(
      groups.map((group) => group.logGroupName),
      ['/aws/sagemaker/Endpoints/demo', '/aws/sagemaker/InferenceComponents/demo-embeddings', '/aws/sagemaker/InferenceComponents/demo-llama'],
    );
    assert.deepEqual(groups.map((group) => group.ownerName), ['demo', 'demo-embeddings', 'demo-llama']);
  });

  it('reads a component\'s group, and its base\'s for an adapter (the adapter runs in the base\'s container)', () => {
    assert.deepEqual(logGroupsOf({ kind: 'inferenceComponent', name: 'demo-llama', endpointName: 'demo' }).map((group) => group.logGroupName), ['/aws/sagemaker/InferenceComponents/demo-llama']);
    assert.deepEqual(
      logGroupsOf({ kind: 'inferenceComponent', name: 'llama-sql', endpointName: 'demo' }, { baseComponentName: 'demo-llama' }).map((group) => group.logGroupName),
      ['/aws/sagemaker/InferenceComponents/llama-sql', '/aws/sagemaker/InferenceComponents/demo-llama'],
    );
  });

  it('names a group\'s ARN in the region\'s partition, for the IAM statement', () => {
    assert.equal(logGroupArn('/aws/sagemaker/Endpoints/demo', { region: 'eu-west-1', accountId: '123456789012' }), 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/Endpoints/demo:*');
    assert.equal(logGroupArn('/g', { region: 'cn-north-1' }), 'arn:aws-cn:logs:cn-north-1:*:log-group:/g:*');
    assert.equal(logGroupArn('/g', { region: 'us-gov-west-1', accountId: '111122223333' }), 'arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/g:*');
    assert.equal(accountIdOfArn('arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo'), '123456789012');
    assert.equal(accountIdOfArn('not an arn'), undefined);
  });

  it('links to the group in the CloudWatch console (the console encodes the name twice, % as $)', () => {
    assert.equal(
      logGroupConsoleUrl('us-east-1', '/aws/sagemaker/Endpoints/demo'),
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo',
    );
  });
});

import * as assert from 'node:assert/strict';
import { explainFailure } from '../../../src/diagnosis/failures/failureExplanation';
import { classifyFailure, errorCodesIn } from '../../../src/diagnosis/failures/failureKinds';
import { findFailureSignal } from '../../../src/diagnosis/failures/failureSignal';
import { downloadPolicy, ecrRepositoryArn } from '../../../src/diagnosis/failures/downloadPolicy';
import { explanationDocument } from '../../../src/diagnosis/failures/explanationDocument';
import { type ScalingActivitySnapshot } from '../../../src/resources/resourceSnapshots';
import { endpoint, ic, pooledEndpoint } from '../../support/accountFixtures';

const at = new Date('2026-11-29T12:00:00Z');
function activity(status: string, statusMessage: string, minutesAgo = 0): ScalingActivitySnapshot {
  return {
    id: `a-${minutesAgo}-${status}`,
    description: 'Setting desired copy count to 1.',
    cause: 'monitor alarm ic-wake in state ALARM triggered policy ic-step',
    status,
    statusMessage,
    startTime: new Date(at.getTime() - minutesAgo * 60_000 - 30_000),
    endTime: new Date(at.getTime() - minutesAgo * 60_000),
  };
}

// AWS's wordings, as the contract (§3) and AWS's public answers quote them.
const capacityMessage = 'Failed to set desired copy count to 1. Reason: Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error';
const quotaMessage =
  "Failed to set desired copy count to 1. Reason: The account-level service limit 'ml.g5.2xlarge for endpoint usage' is 2 Instances, with current utilization of 2 Instances and a request delta of 1 Instances. Please use AWS Service Quotas to request an increase for this quota. If AWS Service Quotas is not available, contact AWS support to request an increase for this quota.";
const healthMessage = 'The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.';
const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/llm-server:1.4';
const pullMessage = `The execution role arn:aws:iam::123456789012:role/SageMakerExecution does not have permission to pull the image ${image}: ecr:BatchGetImage, ecr:GetDownloadUrlForLayer and ecr:GetAuthorizationToken are required.`;
const oomLines = [
  'INFO Starting inference server: image x, model m',
  'INFO Loading model weights from /opt/ml/model',
  'ERROR torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 22.06 GiB of which 1.12 GiB is free.',
  'ERROR Worker process exited with code 137',
];

describe('diagnosis: failures explained (issue 19, item 2)', () => {
  it('reads the embedded error code before any wording', () => {
    assert.deepEqual(errorCodesIn('Reason: ... Error Code: ResourceLimitExceeded. health check'), ['ResourceLimitExceeded']);
    // The wording says "health check" but the code says quota: the code wins.
    const signal = { source: 'scalingActivity' as const, message: 'Error Code: ResourceLimitExceeded: the health check never ran' };
    assert.deepEqual(classifyFailure(signal), { kind: 'quotaExceeded', by: 'errorCode', codes: ['ResourceLimitExceeded'] });
    assert.equal(classifyFailure({ source: 'scalingActivity', message: capacityMessage }).by, 'errorCode');
  });

  it('falls back to the wording when no code is embedded', () => {
    const classified = classifyFailure({ source: 'componentFailureReason', message: healthMessage });
    assert.deepEqual(classified, { kind: 'healthCheckTimeout', by: 'message', codes: [] });
    assert.equal(classifyFailure({ source: 'scalingActivity', message: 'Unable to provision requested ML compute capacity.' }).kind, 'insufficientCapacity');
  });

  it('refines a failed health check by the container’s logs: a crash loop out of memory is out of memory', () => {
    assert.deepEqual(classifyFailure({ source: 'componentFailureReason', message: healthMessage }, oomLines), { kind: 'outOfMemory', by: 'logs', codes: [] });
    // Logs do not overrule a code: a quota failure stays one even beside an old OOM line.
    assert.equal(classifyFailure({ source: 'scalingActivity', message: quotaMessage }, oomLines).kind, 'quotaExceeded');
  });

  it('explains a wake without capacity with a fallback type, another region and a reservation', () => {
    const explanation = explainFailure({ component: ic({ currentCopyCount: 0, compute: { accelerators: 1, memoryMb: 16_384 } }), endpoint: endpoint(), activities: [activity('Failed', capacityMessage)] })!;
    assert.equal(explanation.kind, 'insufficientCapacity');
    assert.equal(explanation.title, 'no ml.g5.2xlarge capacity');
    assert.match(explanation.nextSteps[0], /InstancePools \(ml\.g5\.2xlarge at Priority 1, then e\.g\. ml\.g6\.xlarge/);
    // Not a Neuron type for a CUDA image, nor a CPU type for a GPU copy.
    assert.doesNotMatch(explanation.nextSteps[0], /ml\.inf2|ml\.m5|ml\.c5/);
    assert.match(explanation.nextSteps.join(' '), /another region/);
    assert.match(explanation.nextSteps.join(' '), /capacity reservation/);
    assert.equal(explanation.raw, capacityMessage);
    assert.match(explanation.rawSource, /StatusMessage/);
  });

  it('says every pool was out of capacity when the variant already has fallback types', () => {
    const explanation = explainFailure({ component: ic({ currentCopyCount: 0 }), endpoint: pooledEndpoint(), activities: [activity('Failed', capacityMessage)] })!;
    assert.match(explanation.nextSteps[0], /Every type of the variant \(ml\.g5\.2xlarge, ml\.g6\.2xlarge\)/);
  });

  it('ignores a failed activity that a later successful one superseded', () => {
    const activities = [activity('Successful', 'Successfully set desired copy count to 1.', 0), activity('Failed', capacityMessage, 5)];
    assert.equal(findFailureSignal({ component: ic(), activities }), undefined);
    assert.equal(explainFailure({ component: ic(), activities }), undefined);
  });

  it('names the quota, its figures and the Service Quotas page', () => {
    const explanation = explainFailure({ component: ic({ currentCopyCount: 0 }), endpoint: endpoint(), activities: [activity('Failed', quotaMessage)], region: 'eu-west-1' })!;
    assert.equal(explanation.kind, 'quotaExceeded');
    assert.equal(explanation.title, 'quota reached: ml.g5.2xlarge for endpoint usage (2)');
    assert.match(explanation.nextSteps[0], /https:\/\/eu-west-1\.console\.aws\.amazon\.com\/servicequotas\/home\/services\/sagemaker\/quotas/);
  });

  it('gives the component’s current startup timeout for a failed health check', () => {
    const component = ic({ status: 'Failed', failureReason: healthMessage, startSettings: { healthCheckTimeoutSeconds: 600, downloadTimeoutSeconds: 300, caching: false } });
    const explanation = explainFailure({ component, endpoint: endpoint() })!;
    assert.equal(explanation.kind, 'healthCheckTimeout');
    assert.equal(explanation.title, 'health check not passed within 600 s');
    assert.match(explanation.nextSteps[0], /ContainerStartupHealthCheckTimeoutInSeconds \(now 600 s; at most 3600 s\).*ModelDataDownloadTimeoutInSeconds is 300 s/);
    assert.match(explanation.rawSource, /FailureReason/);
  });

  it('explains out of memory with the compute requirements and keeps the log lines as evidence', () => {
    const component = ic({ status: 'Failed', failureReason: healthMessage, compute: { accelerators: 1, memoryMb: 8192 } });
    const explanation = explainFailure({ component, endpoint: endpoint(), logLines: oomLines })!;
    assert.equal(explanation.kind, 'outOfMemory');
    assert.equal(explanation.classifiedBy, 'logs');
    assert.match(explanation.nextSteps[0], /NumberOfAcceleratorDevicesRequired \(now 1\).*MinMemoryRequiredInMb \(now 8192 MiB\)/);
    assert.ok(explanation.evidence.some((line) => line.includes('CUDA out of memory')));
  });

  it('writes the policy to add for a denied image pull, naming the ECR repository and the role', () => {
    const component = ic({ status: 'Failed', failureReason: pullMessage });
    const explanation = explainFailure({ component, endpoint: endpoint() })!;
    assert.equal(explanation.kind, 'downloadDenied');
    assert.equal(explanation.title, 'image pull denied');
    assert.match(explanation.summary, /role arn:aws:iam::123456789012:role\/SageMakerExecution/);
    const policy = JSON.parse(explanation.policy!);
    assert.deepEqual(policy.Statement[0].Resource, 'arn:aws:ecr:us-east-1:123456789012:repository/llm-server');
    assert.deepEqual(policy.Statement[0].Action, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability']);
    assert.deepEqual(policy.Statement[1], { Sid: 'ReadEcrToken', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' });
  });

  it('writes an S3 policy when the model data could not be downloaded (AccessDenied)', () => {
    const component = ic({ status: 'Failed', failureReason: 'Failed to download model data from s3://models-bucket/llama/model.tar.gz. Error Code: AccessDenied' });
    const explanation = explainFailure({ component })!;
    assert.equal(explanation.title, 'model download denied');
    assert.equal(explanation.classifiedBy, 'errorCode');
    const policy = JSON.parse(explanation.policy!);
    assert.equal(policy.Statement[0].Resource, 'arn:aws:s3:::models-bucket/llama/model.tar.gz*');
    assert.equal(policy.Statement[1].Resource, 'arn:aws:s3:::models-bucket');
  });

  it('maps ECR image URIs to repository ARNs in each partition, and nothing for other registries', () => {
    assert.equal(ecrRepositoryArn('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/server@sha256:ab'), 'arn:aws-cn:ecr:cn-north-1:123456789012:repository/team/server');
    assert.equal(ecrRepositoryArn('ghcr.io/org/image:1'), undefined);
    assert.equal(downloadPolicy({ image: 'ghcr.io/org/image:1' }), undefined);
  });

  it('keeps an unknown failure plain, with AWS’s message', () => {
    const component = ic({ status: 'Failed', failureReason: 'Something new went wrong in the service.' });
    const explanation = explainFailure({ component })!;
    assert.equal(explanation.kind, 'unknown');
    assert.equal(explanation.title, 'Something new went wrong in the service.');
    assert.equal(explanation.raw, 'Something new went wrong in the service.');
  });

  it('explains a failed endpoint from its FailureReason', () => {
    const explanation = explainFailure({ endpoint: endpoint({ status: 'Failed', failureReason: `Error Code: ResourceLimitExceeded. ${quotaMessage}` }) })!;
    assert.equal(explanation.kind, 'quotaExceeded');
    assert.match(explanation.rawSource, /endpoint's FailureReason/);
  });

  it('says a held request’s deadline passed while the wake was under way, or why the wake failed', () => {
    const still = explainFailure({ component: ic({ currentCopyCount: 0 }), activities: [{ ...activity('InProgress', ''), endTime: undefined }], deadline: { seconds: 120 } })!;
    assert.equal(still.kind, 'stillWaking');
    assert.equal(still.title, 'still waking after 120 s');
    const failed = explainFailure({ component: ic({ currentCopyCount: 0 }), activities: [activity('Failed', capacityMessage)], deadline: { seconds: 120 } })!;
    assert.equal(failed.kind, 'insufficientCapacity');
  });

  it('puts AWS’s message under a "Raw message" heading in the explanation document, with the policy', () => {
    const explanation = explainFailure({ component: ic({ status: 'Failed', failureReason: pullMessage }) })!;
    const document = explanationDocument({ kind: 'inferenceComponent', name: 'ic' }, explanation);
    assert.match(document, /^# Why inference component ic failed: image pull denied/);
    assert.match(document, /## Next steps\n\n1\. /);
    assert.match(document, /## Policy to add to the execution role\n\n```json\n\{/);
    assert.match(document, /## Raw message\n\nFrom the inference component's FailureReason \(DescribeInferenceComponent\):\n\n```text\nThe execution role arn:aws:iam::123456789012:role\/SageMakerExecution does not have permission/);
  });
});

describe('diagnosis: which failure is explained', () => {
  it('does not explain an old failed wake while a newer one is under way, or while a copy serves', () => {
    const failed = activity('Failed', capacityMessage, 10);
    const running = { ...activity('InProgress', '', 0), endTime: undefined };
    assert.equal(findFailureSignal({ component: ic({ currentCopyCount: 0 }), activities: [running, failed] }), undefined);
    assert.equal(findFailureSignal({ component: ic({ currentCopyCount: 1 }), activities: [failed] }), undefined);
    assert.equal(findFailureSignal({ component: ic({ currentCopyCount: 0 }), activities: [failed] })?.source, 'scalingActivity');
  });
});

describe('diagnosis: the emulator’s and AWS’s image pull wordings', () => {
  it('reads the role and the image from "The role \'…\' does not have BatchGetImage permission for the image: \'…\'."', () => {
    const message = `The role 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole' does not have BatchGetImage permission for the image: '${image}'.`;
    const explanation = explainFailure({ component: ic({ status: 'Failed', failureReason: message }) })!;
    assert.equal(explanation.kind, 'downloadDenied');
    assert.equal(explanation.title, 'image pull denied');
    assert.match(explanation.summary, /the execution role arn:aws:iam::123456789012:role\/EmulatorSageMakerExecutionRole lacks/);
    assert.equal(JSON.parse(explanation.policy!).Statement[0].Resource, 'arn:aws:ecr:us-east-1:123456789012:repository/llm-server');
  });
});

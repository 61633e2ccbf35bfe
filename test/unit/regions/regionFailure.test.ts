import * as assert from 'node:assert/strict';
import { regionFailureMessage } from '../../../src/regions/scan/regionFailure';

const awsError = (name: string, message: string, status: number) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
const listEndpoints = { words: 'list the endpoints', iamAction: 'sagemaker:ListEndpoints' };

describe('a failed region, in plain words', () => {
  it('says an opt-in region refusing the credentials is probably not enabled, and how to enable it', () => {
    const message = regionFailureMessage('af-south-1', listEndpoints, awsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403), 'dev');
    assert.equal(
      message,
      'af-south-1 refused the credentials (UnrecognizedClientException): it is an opt-in region, and AWS answers so when the account has not enabled it. If you use af-south-1, enable it for the account (AWS console: Account, AWS Regions) and scan again; otherwise there is nothing to scan there.',
    );
  });

  it('names the region, the action refused with its IAM action, and what to allow', () => {
    const message = regionFailureMessage('eu-west-1', listEndpoints, awsError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sagemaker:ListEndpoints', 400), 'dev');
    assert.match(message, /^Scanning eu-west-1 stopped: Access denied: profile dev may not list the endpoints \(sagemaker:ListEndpoints\) in eu-west-1: User: .* is not authorized/);
    assert.match(message, /Allow sagemaker:ListEndpoints in eu-west-1 to scan it\.$/);
  });

  it('asks to scan again for throttling past the retries and for a service failing', () => {
    assert.match(regionFailureMessage('us-west-2', listEndpoints, awsError('ThrottlingException', 'Rate exceeded', 400)), /AWS is throttling requests.*scan us-west-2 again in a minute\.$/);
    assert.match(regionFailureMessage('us-west-2', listEndpoints, awsError('ServiceUnavailable', 'Service unavailable', 503)), /^Scanning us-west-2 stopped: List the endpoints \(sagemaker:ListEndpoints\) failed: Service unavailable \(ServiceUnavailable\)\. Scan us-west-2 again later\.$/);
  });

  it('treats invalid credentials in a region enabled for every account as a credentials problem, not an opt-in one', () => {
    const message = regionFailureMessage('us-east-2', listEndpoints, awsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403), 'dev');
    assert.match(message, /^Scanning us-east-2 stopped: List the endpoints \(sagemaker:ListEndpoints\) failed: AWS did not accept the credentials of profile dev/);
  });
});

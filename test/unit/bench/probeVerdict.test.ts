import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';

interface ProbeAnswer {
  ok: boolean;
  status?: number;
  code?: string;
  message?: string;
  awsError?: boolean;
  serverLog?: string[];
  summary?: string;
}
interface Verdict {
  verdict: 'works' | 'not implemented' | 'wrong' | 'invalid probe';
  why: string;
}
interface ProbeVerdictModule {
  verdictOf(probe: { answer: ProbeAnswer; expectsError?: { code: string; message?: RegExp }; problem?: string; modelViolations?: string[] }): Verdict;
}

// The peer comparison's classifier (bench/lib/probeVerdict.cjs, part of `npm run bench`): the answers
// below are the shapes moto_server and the emulator really give (see the bench's support table).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verdictOf } = require(resolve(__dirname, '..', '..', '..', '..', 'bench', 'lib', 'probeVerdict.cjs')) as ProbeVerdictModule;

const noCapacity = { code: 'ValidationError', message: /^Inference Component has no capacity to process this request\./ };
const noCapacityMessage =
  'Inference Component has no capacity to process this request. ApplicationAutoScaling may be in-progress (if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API.';

describe('bench: classifying a peer server’s answer to a probe', () => {
  it('reads moto_server’s 500 with a NotImplementedError in its own log as not implemented', () => {
    const answer = {
      ok: false,
      status: 500,
      code: 'SyntaxError',
      message: 'Unexpected token \'<\', "<!doctype "... is not valid JSON',
      awsError: false,
      serverLog: [
        '    raise NotImplementedError(f"The {action} action has not been implemented")',
        'NotImplementedError: The create_inference_component action has not been implemented',
      ],
    };
    const result = verdictOf({ answer });
    assert.equal(result.verdict, 'not implemented');
    assert.equal(result.why, 'server log: NotImplementedError: The create_inference_component action has not been implemented');
  });

  it('reads a 500 without such a log line as a wrong answer, not as a missing operation, and quotes the log', () => {
    const answer = { ok: false, status: 500, code: 'SyntaxError', message: 'Unexpected token', awsError: false, serverLog: ['    if production_variant["ModelName"] not in self._models:', "KeyError: 'ModelName'"] };
    assert.deepEqual(verdictOf({ answer }), { verdict: 'wrong', why: "refused a request AWS accepts: 500, no AWS error in the body (server log: KeyError: 'ModelName')" });
  });

  it('reads an UnknownOperationException (the emulator’s answer to an operation it lacks) as not implemented', () => {
    const answer = { ok: false, status: 400, code: 'UnknownOperationException', message: 'The operation SageMaker.CreateFoo is not supported.', awsError: true };
    assert.equal(verdictOf({ answer }).verdict, 'not implemented');
  });

  it('reads a 404 with no AWS error in the body (no such route) as not implemented, and an AWS 404 as an answer', () => {
    assert.equal(verdictOf({ answer: { ok: false, status: 404, code: 'SyntaxError', awsError: false } }).verdict, 'not implemented');
    // Scheduler (restJson1) answers a missing schedule with 404 ResourceNotFoundException: an answer.
    const missing = { ok: false, status: 404, code: 'ResourceNotFoundException', message: 'Schedule s does not exist.', awsError: true };
    assert.equal(verdictOf({ answer: missing, expectsError: { code: 'ResourceNotFoundException' } }).verdict, 'works');
    assert.equal(verdictOf({ answer: missing }).verdict, 'wrong');
  });

  it('calls a refused valid request wrong and names the refusal', () => {
    const answer = {
      ok: false,
      status: 400,
      code: 'ValidationException',
      message: "Value 'ml.g5.2xlarge' at 'instanceType' failed to satisfy constraint: Member must satisfy enum value set",
      awsError: true,
    };
    const result = verdictOf({ answer });
    assert.equal(result.verdict, 'wrong');
    assert.match(result.why, /^refused a request AWS accepts: 400 ValidationException: Value 'ml\.g5\.2xlarge'/);
  });

  it('calls a success whose check found a gap wrong, with the check’s words, and a clean success works', () => {
    const answer = { ok: true, status: 200, summary: 'EndpointConfigArn …' };
    assert.deepEqual(verdictOf({ answer, problem: 'DescribeEndpointConfig has no ManagedInstanceScaling' }), { verdict: 'wrong', why: 'DescribeEndpointConfig has no ManagedInstanceScaling' });
    assert.deepEqual(verdictOf({ answer }), { verdict: 'works', why: '200: EndpointConfigArn …' });
  });

  it('for a request AWS refuses: works only with AWS’s code and message', () => {
    const refused = { ok: false, status: 400, code: 'ValidationError', message: noCapacityMessage, awsError: true };
    assert.equal(verdictOf({ answer: refused, expectsError: noCapacity }).verdict, 'works');
    const served = { ok: true, status: 200, summary: 'Body "body"' };
    const result = verdictOf({ answer: served, expectsError: noCapacity });
    assert.equal(result.verdict, 'wrong');
    assert.match(result.why, /^answered 200: Body "body" where AWS refuses with ValidationError$/);
    assert.equal(verdictOf({ answer: { ...refused, code: 'ModelError' }, expectsError: noCapacity }).verdict, 'wrong');
    assert.equal(verdictOf({ answer: { ...refused, message: 'Endpoint e of account 123456789012 not found.' }, expectsError: noCapacity }).verdict, 'wrong');
  });

  it('judges no server on a request that breaks AWS’s model: the probe is invalid, whatever the answer', () => {
    const refused = { ok: false, status: 400, code: 'ValidationException', message: 'bad name', awsError: true };
    const violations = ["CreateEndpointConfig.EndpointConfigName: 'a b' does not match the pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"];
    assert.deepEqual(verdictOf({ answer: refused, modelViolations: violations }), { verdict: 'invalid probe', why: `the request breaks AWS's model: ${violations[0]}` });
    assert.equal(verdictOf({ answer: { ok: true, status: 200 }, modelViolations: violations }).verdict, 'invalid probe');
    assert.equal(verdictOf({ answer: refused, modelViolations: [] }).verdict, 'wrong');
  });

  it('puts "not implemented" before an expected refusal: a missing operation is not a refusal', () => {
    const answer = { ok: false, status: 404, code: 'SyntaxError', awsError: false };
    assert.equal(verdictOf({ answer, expectsError: noCapacity }).verdict, 'not implemented');
  });
});

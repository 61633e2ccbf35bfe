import * as assert from 'node:assert/strict';
import { loadServiceModel, validateOutput, validateShape } from '@s2z/service-models';
import { startHarness, stopHarness, type Harness } from '../harness';
import { ContractCounts } from './contractCounts';
import { errorProblems } from './errorContract';
import { implementedOperations, operationKey } from './implementedOperations';
import { richAnswerRequests, type AnswerStep } from './richAnswerRequests';
import { sendSigned } from './signedHttp';
import { decodeAnswer, encodeRequest, modelProtocols, sdkProtocol, signingName, type WireProtocol } from './wireProtocols';

/** Everything wrong with one answer, by the model: its shape (success) or its code, status and wire form (error). */
async function checkAnswer(h: Harness, step: AnswerStep, protocol: WireProtocol, counts: ContractCounts): Promise<{ ok: boolean; problems: string[] }> {
  const model = loadServiceModel(step.service);
  const answer = await sendSigned(h.emulator.url, signingName(model), encodeRequest(model, protocol, step.operation, step.params));
  const decoded = decodeAnswer(model, protocol, step.operation, answer);
  const label = `${step.service} ${step.operation} over ${protocol}`;
  if (decoded.kind === 'error') {
    counts.add('error answers validated');
    const problems = errorProblems(model, protocol, step.operation, decoded).map((problem) => `${label}: ${problem}`);
    if (step.expect === 'ok') problems.push(`${label}: expected an answer, got ${decoded.code} (HTTP ${decoded.status}): ${decoded.message}`);
    return { ok: false, problems };
  }
  counts.add('answers validated');
  const problems = decoded.wireProblems.map((problem) => `${label}: ${problem}`);
  for (const output of decoded.outputs) {
    counts.add('answer values validated');
    for (const violation of validateOutput(step.service, step.operation, output, { timestamps: decoded.timestamps, blobs: 'any' })) problems.push(`${label}: ${violation.message}`);
  }
  if (decoded.outputs.length === 0) problems.push(`${label}: an event stream with no event`);
  if (step.expect === 'error') problems.push(`${label}: expected a refusal, got an answer`);
  return { ok: true, problems };
}

describe('contract: every answer of every implemented operation matches the output shape of AWS\'s model', function () {
  this.timeout(60_000);
  let h: Harness;
  const counts = new ContractCounts();
  beforeEach(async () => {
    h = await startHarness({ scenario: 'demo' });
  });
  afterEach(() => stopHarness(h));
  after(() => console.log(`      ${counts.line('answers')}`));

  it('answers each step of the demo flow over the protocol the AWS SDK v3 uses, as the model says (members, types, enums, timestamps, errors)', async () => {
    const problems: string[] = [];
    const answered = new Set<string>();
    for (const step of richAnswerRequests()) {
      if (step.advance) h.emulator.advance(step.advance);
      const result = await checkAnswer(h, step, sdkProtocol(loadServiceModel(step.service)), counts);
      problems.push(...result.problems);
      if (result.ok) answered.add(operationKey(step));
    }
    const operations = implementedOperations(h.emulator.world.services);
    const unanswered = operations.filter((operation) => !answered.has(operationKey(operation))).map(operationKey);
    counts.add('operations answered', operations.length - unanswered.length);
    assert.deepEqual(problems, []);
    assert.deepEqual(unanswered, [], 'implemented operations with no successful answer in richAnswerRequests.ts: add a step for each');
  });

  it('answers CloudWatch over every protocol of its model (awsJson 1.0, awsQuery, RPC v2 CBOR) with the same shapes', async () => {
    const problems: string[] = [];
    const model = loadServiceModel('cloudwatch');
    const protocols = modelProtocols(model);
    assert.deepEqual([...protocols].sort(), ['awsJson', 'awsQuery', 'rpcV2Cbor']);
    for (const protocol of protocols) {
      await stopHarness(h);
      h = await startHarness({ scenario: 'demo' });
      const answered = new Set<string>();
      for (const step of richAnswerRequests().filter((candidate) => candidate.service === 'cloudwatch')) {
        if (step.advance) h.emulator.advance(step.advance);
        const result = await checkAnswer(h, step, protocol, counts);
        problems.push(...result.problems);
        if (result.ok) answered.add(step.operation);
      }
      assert.deepEqual(problems, []);
      const missing = implementedOperations(h.emulator.world.services).filter((operation) => operation.service === 'cloudwatch' && !answered.has(operation.operation));
      assert.deepEqual(missing.map(operationKey), [], `CloudWatch operations with no answer over ${protocol}`);
    }
    assert.deepEqual(problems, []);
  });

  it('the checks catch an answer that breaks the model (so a passing run means something)', () => {
    const model = loadServiceModel('sagemaker');
    const broken = { EndpointName: 'e', EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/e', EndpointConfigName: 'c', EndpointStatus: 'Sleeping', CreationTime: '2025-01-01T00:00:00Z', LastModifiedTime: 1, Extra: 1 };
    const rules = validateShape(model, 'DescribeEndpointOutput', broken, { direction: 'output', timestamps: 'epoch-seconds' }).map((violation) => `${violation.path} ${violation.rule}`);
    assert.deepEqual(rules.sort(), ['CreationTime type', 'EndpointStatus enum', 'Extra unknown']);
    const decoded = decodeAnswer(model, 'awsJson', 'DescribeEndpoint', { status: 404, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: Buffer.from('{"__type":"ResourceNotFound","message":"x"}') });
    assert.equal(decoded.kind, 'error');
    if (decoded.kind === 'error') assert.match(errorProblems(model, 'awsJson', 'DescribeEndpoint', decoded).join('\n'), /ResourceNotFound is neither among DescribeEndpoint's modelled errors/);
  });
});

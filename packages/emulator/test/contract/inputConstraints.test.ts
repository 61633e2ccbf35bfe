import * as assert from 'node:assert/strict';
import { loadServiceModel, validateInput, validateOutput, type ServiceModel } from '@s2z/service-models';
import { startHarness, stopHarness, type Harness } from '../harness';
import { constraintCases, type ConstraintCase } from './constraintCases';
import { constraintTable } from '../../src/http/constraintRefusal';
import { awsMemberPath, constraintRefusalCodes, expectedRefusal, refusalItems } from './constraintRefusals';
import { ContractCounts } from './contractCounts';
import { errorProblems } from './errorContract';
import { implementedOperations, operationKey, type ImplementedOperation } from './implementedOperations';
import { sendSigned } from './signedHttp';
import { decodeAnswer, encodeRequest, sdkProtocol, signingName } from './wireProtocols';

const refusalHead = /^(\d+) validation errors? detected: /;

/** What is wrong with the emulator's answer to one constraint case (empty: AWS would answer so). */
async function checkCase(h: Harness, model: ServiceModel, target: ImplementedOperation, item: ConstraintCase, counts: ContractCounts): Promise<string[]> {
  const { service, operation } = target;
  const input = model.operations[operation].input!.shape;
  const label = `${service} ${operation} ${item.path} ${item.kind} (${item.what})`;
  const oracle = validateInput(service, operation, item.params);
  if (item.expect === 'violation' && !oracle.some((violation) => violation.rule === item.kind && awsMemberPath(model, input, violation.path) === item.awsPath)) {
    return [`${label}: the case does not break the constraint by the model (test generator): ${JSON.stringify(oracle)}`];
  }
  if (item.expect === 'boundary' && oracle.length > 0) return [`${label}: the boundary case is not valid by the model (test generator): ${oracle.map((violation) => violation.message).join('; ')}`];
  const protocol = sdkProtocol(model);
  const answer = decodeAnswer(model, protocol, operation, await sendSigned(h.emulator.url, signingName(model), encodeRequest(model, protocol, operation, item.params)));
  counts.add(`${item.kind} ${item.expect === 'violation' ? 'refusals' : 'boundaries'}`);
  const problems: string[] = [];
  if (answer.kind === 'output') {
    counts.add('answers validated');
    for (const output of answer.outputs) for (const violation of validateOutput(service, operation, output, { timestamps: answer.timestamps, blobs: 'any' })) problems.push(`${label}: answer: ${violation.message}`);
    if (item.expect === 'violation') problems.push(`${label}: accepted, where AWS refuses it with ${expectedRefusal(model, input, oracle).fragments[0] ?? ''}`);
    return problems;
  }
  counts.add('answers validated');
  problems.push(...errorProblems(model, protocol, operation, answer).map((problem) => `${label}: ${problem}`));
  const refusal = refusalHead.exec(answer.message);
  // Every error a constraint refusal lists must be a constraint the model states and the request breaks.
  if (refusal) {
    const known = expectedRefusal(model, input, oracle).items;
    for (const listed of refusalItems(answer.message)) {
      if (!known.some((candidate) => candidate.awsPath === listed.awsPath)) problems.push(`${label}: refused for '${listed.awsPath}' (${listed.words}), which the model does not constrain so or the request does not break: ${answer.message.slice(0, 300)}`);
    }
  }
  if (item.expect === 'boundary') {
    if (refusal && answer.message.includes(`at '${item.awsPath}'`)) problems.push(`${label}: refused for a value the model allows: ${answer.message}`);
    if (answer.code === 'SerializationException') problems.push(`${label}: a valid request the emulator could not read: ${answer.message}`);
    return problems;
  }
  const codes = constraintRefusalCodes[service];
  if (answer.status !== 400 || !codes.code.includes(answer.code) || (codes.queryCode !== undefined && answer.queryCode !== codes.queryCode)) {
    problems.push(`${label}: refused with ${answer.code}${answer.queryCode ? ` (${answer.queryCode})` : ''} HTTP ${answer.status}, where AWS answers ${codes.code.join(' or ')}${codes.queryCode ? ` (${codes.queryCode})` : ''} HTTP 400: ${answer.message}`);
    return problems;
  }
  const expected = expectedRefusal(model, input, oracle);
  if (!refusal) problems.push(`${label}: the message is not AWS's "N validation errors detected: …": ${answer.message}`);
  else if (Number(refusal[1]) !== expected.count) problems.push(`${label}: counts ${refusal[1]} errors where the model breaks ${expected.count} (${oracle.map((violation) => `${violation.path} ${violation.rule}`).join(', ')}): ${answer.message}`);
  const missing = expected.fragments.filter((fragment) => !answer.message.includes(fragment));
  if (missing.length > 0) problems.push(`${label}: the message lacks ${missing.map((fragment) => JSON.stringify(fragment)).join(', ')}: ${answer.message}`);
  return problems;
}

describe('contract: input validation follows AWS\'s models, constraint by constraint, driven from the models', function () {
  this.timeout(120_000);
  let h: Harness;
  const counts = new ContractCounts();
  before(async () => {
    h = await startHarness({ scenario: 'demo' });
  });
  after(async () => {
    await stopHarness(h);
    console.log(`      ${counts.line('constraints')}`);
  });

  it('checks the constraints of every operation the emulator implements (scripts/input-constraints.mjs covers them all)', () => {
    const missing: string[] = [];
    for (const service of h.emulator.world.services) {
      const operations = service.protocol === 'restJson' ? service.routes.map((route) => route.operation) : Object.keys(service.operations);
      for (const operation of operations) if (!Object.hasOwn(constraintTable(service.name)?.operations ?? {}, operation)) missing.push(`${service.name}.${operation}`);
    }
    assert.deepEqual(missing, [], 'operations whose input constraints the emulator does not check: add them to scripts/input-constraints.mjs and run it');
  });

  it('refuses a request breaking each constraint of each implemented operation\'s input as AWS does, and accepts the boundary values', async () => {
    const problems: string[] = [];
    const unsentByKind = new ContractCounts();
    for (const target of implementedOperations(h.emulator.world.services)) {
      const model = loadServiceModel(target.service);
      assert.ok(model.operations[target.operation], `${operationKey(target)} is implemented by the emulator but is not in botocore's model`);
      const { cases, unsent } = constraintCases(model, target.operation);
      counts.add('operations covered');
      for (const item of unsent) unsentByKind.add(`${item.kind} not sendable`);
      for (const item of cases) problems.push(...(await checkCase(h, model, target, item, counts)));
    }
    console.log(`      ${unsentByKind.line('constraints the wire cannot carry')}`);
    assert.ok(counts.get('required refusals') > 0 && counts.get('pattern refusals') > 0 && counts.get('enum refusals') > 0 && counts.get('max refusals') > 0 && counts.get('min refusals') > 0);
    assert.equal(problems.length, 0, `${problems.length} disagreements with the models:\n${problems.slice(0, 80).join('\n')}`);
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliberateViolationsFile } from '../../support/deliberateViolations';

const root = join(__dirname, '..', '..', '..', '..');

/** A recorded request as the emulator's recording mode writes it. */
function request(test: string | null, operation: string, input: unknown, service = 'sagemaker', protocol = 'awsJson1_1') {
  return { service, operation, protocol, input, time: '2026-12-07T00:00:00.000Z', test };
}

describe('the check of the recorded requests against AWS\'s models (scripts/validate-recorded-requests.mjs)', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 's2z-recorded-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  /** A suite's recording directory holding these requests (and these declarations), in one process's file. */
  const suite = (name: string, requests: unknown[], declarations: unknown[] = []) => {
    const directory = join(scratch, name);
    mkdirSync(directory);
    writeFileSync(join(directory, 'requests-123.jsonl'), requests.map((line) => `${JSON.stringify(line)}\n`).join(''));
    if (declarations.length) writeFileSync(join(directory, deliberateViolationsFile), declarations.map((line) => `${JSON.stringify(line)}\n`).join(''));
    return `${name}=${directory}`;
  };
  const check = (...args: string[]) => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'validate-recorded-requests.mjs'), ...args], { cwd: root, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  };
  const valid = [
    request('Explorer lists the endpoints', 'ListEndpoints', { MaxResults: 100, SortBy: 'Name' }),
    request('Explorer lists the endpoints', 'InvokeEndpoint', { EndpointName: 'e', InferenceComponentName: 'ic', Body: Buffer.from('{}').toString('base64') }, 'sagemaker-runtime', 'restJson1'),
    request('Wizard 3 creates the role', 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: '{}', Tags: [{ Key: 'k', Value: 'v' }] }, 'iam', 'awsQuery'),
  ];

  it('passes requests the models accept, and prints how many requests and operations it checked per suite', () => {
    const run = check(suite('integration', valid), '--may-be-empty', suite('unit', []));
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /ok {3}integration: 3 requests, 3 operations of 3 services/);
    assert.match(run.output, /ok {3}unit: 0 requests, 0 operations of 0 services \(none sent: this suite refuses every socket\)/);
  });

  it('fails on a request the model forbids, naming the suite, the test, the operation, the member and the rule', () => {
    const broken = request('Wizard 1 "before each" hook for "creates the endpoint"', 'UpdateInferenceComponentRuntimeConfig', {
      InferenceComponentName: 'ic',
      DesiredRuntimeConfig: { CopyCount: -1 },
    });
    const run = check(suite('extension-host', [...valid, broken, broken]));
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /FAIL extension-host: 5 requests, 4 operations of 3 services; 2 refused by the models/);
    assert.match(run.output, /extension-host › Wizard 1 "before each" hook for "creates the endpoint"\n/);
    assert.match(run.output, /sagemaker UpdateInferenceComponentRuntimeConfig: DesiredRuntimeConfig\.CopyCount breaks "min": .*-1 is below .* minimum 0 \(2 times\)/);
  });

  it('names each rule: unknown members, missing required ones, patterns, enums, types, lengths; and a body that could not be read', () => {
    const test = 'Plans run the blog plan';
    const run = check(
      suite('integration', [
        request(test, 'DescribeEndpoint', { EndpointName: 'e', Verbose: true }),
        request(test, 'DescribeEndpoint', {}),
        request(test, 'DescribeEndpoint', { EndpointName: 'not a name!' }),
        request(test, 'ListEndpoints', { SortOrder: 'Sideways', MaxResults: '10' }),
        request(test, 'PutScheduledAction', { ServiceNamespace: 'sagemaker', ScheduledActionName: '', ResourceId: 'r', ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount' }, 'application-autoscaling'),
        { service: 'sagemaker', operation: 'ListEndpoints', protocol: 'awsJson1_1', undecodable: 'Unable to parse the request body as JSON.', time: '2026-12-07T00:00:00.000Z', test },
        { ...request(test, 'ListRoles', { MaxItems: 5 }, 'iam', 'awsQuery'), unreadFields: ['Colour'] },
      ]),
    );
    assert.equal(run.status, 1, run.output);
    for (const expected of [
      /DescribeEndpoint: Verbose breaks "unknown"/,
      /DescribeEndpoint: EndpointName breaks "required"/,
      /DescribeEndpoint: EndpointName breaks "pattern"/,
      /ListEndpoints: SortOrder breaks "enum"/,
      /ListEndpoints: MaxResults breaks "type"/,
      /PutScheduledAction: ScheduledActionName breaks "min"/,
      /ListEndpoints: \(the input\) breaks "decode": the request could not be read as ListEndpoints's input: Unable to parse/,
      /iam ListRoles: Colour breaks "unknown": the form field Colour is no member of ListRoles's input/,
    ]) {
      assert.match(run.output, expected);
    }
  });

  it('expects a violation a test declared it sends on purpose, and fails when the declared request never came', () => {
    const test = 'isNotFound does not take other errors for "not found"';
    const declaration = { test, service: 'sagemaker', operation: 'UpdateInferenceComponentRuntimeConfig', path: 'DesiredRuntimeConfig.CopyCount', rule: 'min', reason: 'to get a ValidationException' };
    const sent = request(test, 'UpdateInferenceComponentRuntimeConfig', { InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: -1 } });
    let run = check(suite('declared', [...valid, sent], [declaration]));
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /ok {3}declared: 4 requests, .*; 1 forbidden on purpose, as 1 test declared/);
    // The same request from another test is not covered by the declaration.
    run = check(suite('other-test', [...valid, { ...sent, test: 'another test' }], [declaration]));
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /other-test › another test\n/);
    assert.match(run.output, /declared but not sent: isNotFound does not take other errors/);
  });

  it('fails for a suite that recorded nothing, unless it may be empty', () => {
    const run = check(suite('end-to-end', []));
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /FAIL end-to-end: no request recorded in .* \(did the suite run with S2Z_EMULATOR_RECORD set\?\)/);
  });
});

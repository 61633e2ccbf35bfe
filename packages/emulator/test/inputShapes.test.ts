// Request bodies are checked against the operations' input shapes before anything is stored (issue 14,
// item 8): a CoreDumpConfig nested 100,000 levels deep used to be stored as given, and every later
// DescribeEndpointConfig answered 500. Hand-made requests (the SDKs drop unknown members themselves),
// signed now with a well-formed signature, to an emulator without credentials.
import * as assert from 'node:assert/strict';
import { DescribeEndpointConfigCommand, ListEndpointConfigsCommand } from '@aws-sdk/client-sagemaker';
import { maxJsonDepth } from '../src/protocols/shapeValidation';
import { startHarness, stopHarness, zeroSignedHeaders, type Harness } from './harness';

describe('emulator: request bodies checked against the input shapes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ scenario: 'empty', credentials: undefined });
  });
  afterEach(() => stopHarness(h));

  async function call(operation: string, body: string): Promise<{ status: number; json: { __type?: string; message?: string } }> {
    const response = await fetch(h.emulator.url, {
      method: 'POST',
      headers: { ...zeroSignedHeaders(), 'x-amz-target': `SageMaker.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
      body,
    });
    return { status: response.status, json: (await response.json()) as { __type?: string; message?: string } };
  }

  const config = (name: string, variant: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      EndpointConfigName: name,
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
      ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ...variant }],
      ...extra,
    });

  it('refuses a CoreDumpConfig nested 100,000 levels deep (200 KB) with a 400 SerializationException, and DescribeEndpointConfig keeps answering', async () => {
    const deep = '{"DestinationS3Uri":"s3://b/k","KmsKeyId":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const body = config('deep').replace('"InitialInstanceCount":1', `"InitialInstanceCount":1,"CoreDumpConfig":${deep}`);
    assert.ok(body.length > 200_000);
    const answer = await call('CreateEndpointConfig', body);
    assert.equal(answer.status, 400, JSON.stringify(answer.json).slice(0, 300));
    assert.equal(answer.json.__type, 'SerializationException');
    assert.match(answer.json.message ?? '', new RegExp(`deeper than ${maxJsonDepth} levels`));
    // Nothing stored; the account still answers.
    assert.deepEqual((await h.sagemaker.send(new ListEndpointConfigsCommand({}))).EndpointConfigs, []);
    assert.equal((await call('CreateEndpointConfig', config('fine', { CoreDumpConfig: { DestinationS3Uri: 's3://b/k' } }))).status, 200);
    const described = await h.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'fine' }));
    assert.deepEqual(described.ProductionVariants?.[0].CoreDumpConfig, { DestinationS3Uri: 's3://b/k' });
  });

  it('refuses members the operation does not have, at the top and nested, naming them, and stores nothing', async () => {
    const nested = await call('CreateEndpointConfig', config('nested', { CoreDumpConfig: { DestinationS3Uri: 's3://b/k', Evil: { a: { b: 1 } } } }));
    assert.equal(nested.status, 400);
    assert.equal(nested.json.__type, 'SerializationException');
    assert.match(nested.json.message ?? '', /Unknown member 'Evil' at 'productionVariants\.1\.member\.coreDumpConfig\.evil'/);
    const top = await call('CreateEndpointConfig', config('top', {}, { Payload: 'x'.repeat(1000) }));
    assert.equal(top.status, 400);
    assert.match(top.json.message ?? '', /Unknown member 'Payload'/);
    const model = await call('CreateModel', JSON.stringify({ ModelName: 'm', ExecutionRoleArn: 'arn:aws:iam::123456789012:role/R', PrimaryContainer: { Image: 'x.dkr.ecr.us-east-1.amazonaws.com/y:1', Junk: [] } }));
    assert.equal(model.status, 400);
    assert.match(model.json.message ?? '', /Unknown member 'Junk' at 'primaryContainer\.junk'/);
    assert.deepEqual(h.emulator.state().endpointConfigs ?? [], []);
    assert.deepEqual(h.emulator.state().models ?? [], []);
  });

  it('refuses a stored member of the wrong JSON type (a CoreDumpConfig that is a string, a list where a structure goes)', async () => {
    const text = await call('CreateEndpointConfig', config('text', { CoreDumpConfig: 'not a structure' }));
    assert.equal(text.status, 400);
    assert.deepEqual(text.json, { __type: 'SerializationException', message: 'STRING_VALUE can not be converted to a structure' });
    const list = await call('CreateEndpointConfig', config('list', { ServerlessConfig: [1, 2] }));
    assert.equal(list.status, 400);
    assert.equal(list.json.__type, 'SerializationException');
    const deepButLegal = await call('CreateEndpointConfig', config('deep-ok', {}, { DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 10, DestinationS3Uri: 's3://b/k', CaptureOptions: [{ CaptureMode: 'Input' }], CaptureContentTypeHeader: { JsonContentTypes: ['application/json'] } } }));
    assert.equal(deepButLegal.status, 200, JSON.stringify(deepButLegal.json));
  });

  it('refuses unknown members on the restJson Scheduler and deep control API bodies too', async () => {
    const headers = { ...zeroSignedHeaders('scheduler'), 'content-type': 'application/json' };
    const schedule = await fetch(`${h.emulator.url}/schedules/evil`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ScheduleExpression: 'rate(5 minutes)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:listEndpoints', RoleArn: 'arn:aws:iam::123456789012:role/R', Input: '{}', Extra: 1 } }),
    });
    assert.equal(schedule.status, 400);
    assert.equal(schedule.headers.get('x-amzn-errortype'), 'SerializationException');
    assert.match(((await schedule.json()) as { message: string }).message, /Unknown member 'Extra' at 'target\.extra'/);
    const control = await fetch(`${h.emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"operations":' + '['.repeat(maxJsonDepth + 1) + ']'.repeat(maxJsonDepth + 1) + '}' });
    assert.equal(control.status, 400);
    assert.match(((await control.json()) as { error: string }).error, /deeper than/);
  });
});

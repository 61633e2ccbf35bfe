// The names the generated clients use, checked against AWS's own models (botocore's, on this machine):
// every operation they call exists, every request member they send is one of its input's members (the
// required ones all sent), the answer's members they read exist, and the values they send for the
// playground's request pass every constraint. The recording mode checks the requests they actually
// send when the integration runs them under npm test.
import * as assert from 'node:assert/strict';
import { loadServiceModel, validateInput, type ServiceModel } from '@s2z/service-models';
import { generateCode } from '../../../../src/playground/copyAsCode/copyAsCode';
import { codeRequest } from './codeRequestFixture';

const runtime = loadServiceModel('sagemaker-runtime');
const sagemaker = loadServiceModel('sagemaker');

function inputMembers(model: ServiceModel, operation: string): { members: string[]; required: string[] } {
  const shape = model.shapes[model.operations[operation].input!.shape] as { members: Record<string, unknown>; required?: string[] };
  return { members: Object.keys(shape.members), required: shape.required ?? [] };
}

function outputMembers(model: ServiceModel, operation: string): string[] {
  return Object.keys((model.shapes[model.operations[operation].output!.shape] as { members: Record<string, unknown> }).members);
}

function shapeMembers(model: ServiceModel, shape: string): string[] {
  return Object.keys((model.shapes[shape] as { members: Record<string, unknown> }).members);
}

/** botocore's method name of an operation: InvokeEndpointWithResponseStream → invoke_endpoint_with_response_stream. */
const snake = (operation: string) => operation.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const kebab = (member: string) => snake(member).replace(/_/g, '-');

/** The member names of the request the client builds (its request() function). */
function requestKeys(text: string, quote: string): string[] {
  const block = /function request\(\)[\s\S]*?\n {4}\}|def request\(\):[\s\S]*?\n {4}\}/.exec(text);
  assert.ok(block, 'a request() function');
  return [...block[0].matchAll(new RegExp(`^\\s+${quote}?([A-Za-z]+)${quote}?:`, 'gm'))].map((match) => match[1]);
}

describe('Copy as Code: the generated clients against AWS\'s models', () => {
  const request = codeRequest();

  for (const operation of ['InvokeEndpoint', 'InvokeEndpointWithResponseStream']) {
    it(`sends ${operation} with the model's member names, every required one, values within its constraints`, () => {
      const { members, required } = inputMembers(runtime, operation);
      const python = requestKeys(generateCode('python', request).text, '"');
      const typescript = requestKeys(generateCode('typescript', request).text, '');
      assert.deepEqual(python, ['EndpointName', 'InferenceComponentName', 'ContentType', 'Accept', 'Body']);
      assert.deepEqual(typescript, python);
      for (const name of python) assert.ok(members.includes(name), `${name} is a member of ${operation}'s input`);
      for (const name of required) assert.ok(python.includes(name), `${operation}'s required ${name} is sent`);
      const violations = validateInput('sagemaker-runtime', operation, {
        EndpointName: request.endpointName,
        InferenceComponentName: request.inferenceComponentName,
        ContentType: request.contentType,
        Accept: request.accept,
        Body: request.body,
      });
      assert.deepEqual(violations, []);
    });
  }

  it('calls the operations by the names the SDKs give them, and reads members their answers have', () => {
    const python = generateCode('python', { ...request, mode: 'stream' }).text;
    const typescript = generateCode('typescript', request).text;
    for (const operation of ['InvokeEndpoint', 'InvokeEndpointWithResponseStream']) {
      assert.ok(runtime.operations[operation]);
      assert.match(python, new RegExp(`runtime\\.${snake(operation)}\\(\\*\\*request\\(\\)\\)`));
      assert.match(typescript, new RegExp(`new ${operation}Command\\(request\\(\\)\\)`));
    }
    assert.ok(outputMembers(runtime, 'InvokeEndpoint').includes('Body'));
    assert.ok(outputMembers(runtime, 'InvokeEndpointWithResponseStream').includes('Body'));
    // The stream's events: PayloadPart with its Bytes (errors come as ModelStreamError / InternalStreamFailure).
    assert.deepEqual(shapeMembers(runtime, 'ResponseStream'), ['PayloadPart', 'ModelStreamError', 'InternalStreamFailure']);
    assert.ok(shapeMembers(runtime, 'PayloadPart').includes('Bytes'));
    assert.match(python, /event\.get\("PayloadPart"\)[\s\S]*part\.get\("Bytes", b""\)/);
    assert.match(typescript, /event\.PayloadPart\.Bytes/);
  });

  it('wakes with UpdateInferenceComponentRuntimeConfig as the model names it: DesiredRuntimeConfig.CopyCount 1', () => {
    const { members, required } = inputMembers(sagemaker, 'UpdateInferenceComponentRuntimeConfig');
    assert.deepEqual([...required].sort(), ['DesiredRuntimeConfig', 'InferenceComponentName']);
    assert.ok(members.includes('InferenceComponentName') && members.includes('DesiredRuntimeConfig'));
    const configShape = (sagemaker.shapes.UpdateInferenceComponentRuntimeConfigInput as { members: Record<string, { shape: string }> }).members.DesiredRuntimeConfig.shape;
    assert.ok(shapeMembers(sagemaker, configShape).includes('CopyCount'));
    const python = generateCode('python', request).text;
    const typescript = generateCode('typescript', request).text;
    const cli = generateCode('awsCli', request).text;
    assert.match(python, /sagemaker\.update_inference_component_runtime_config\(\n\s+InferenceComponentName=WAKE_COMPONENT_NAME,\n\s+DesiredRuntimeConfig=\{"CopyCount": 1\},/);
    assert.match(typescript, /new UpdateInferenceComponentRuntimeConfigCommand\(\{ InferenceComponentName: WAKE_COMPONENT_NAME, DesiredRuntimeConfig: \{ CopyCount: 1 \} \}\)/);
    assert.match(cli, /aws sagemaker update-inference-component-runtime-config --inference-component-name \S+ --desired-runtime-config CopyCount=1/);
    assert.deepEqual(validateInput('sagemaker', 'UpdateInferenceComponentRuntimeConfig', { InferenceComponentName: request.wakeComponentName, DesiredRuntimeConfig: { CopyCount: 1 } }), []);
  });

  it('the AWS CLI command\'s options are the kebab-case names of InvokeEndpoint\'s members', () => {
    const cli = generateCode('awsCli', request).text;
    const options = [...cli.matchAll(/^ {2}--([a-z-]+) /gm)].map((match) => match[1]).filter((option) => !['region', 'profile'].includes(option));
    const { members } = inputMembers(runtime, 'InvokeEndpoint');
    assert.deepEqual(options, ['endpoint-name', 'inference-component-name', 'content-type', 'accept', 'body']);
    for (const option of options) assert.ok(members.map(kebab).includes(option), `--${option} is a member of InvokeEndpoint's input`);
  });
});

import * as assert from 'node:assert/strict';
import { compileJavaPattern, emulatedServices, loadServiceModel, validateInput, validateOutput } from '@s2z/service-models';

describe('AWS service models from botocore (the contract tests\' oracle)', () => {
  it('loads the model of every service the emulator serves, from botocore on this machine', () => {
    for (const service of emulatedServices) {
      const model = loadServiceModel(service);
      assert.ok(Object.keys(model.operations).length > 0, service);
      assert.match(model.apiVersion, /^\d{4}-\d{2}-\d{2}$/);
    }
    assert.equal(loadServiceModel('sagemaker').operations.CreateInferenceComponent.input?.shape, 'CreateInferenceComponentInput');
  });

  it('translates every pattern of those models into a JavaScript regular expression', () => {
    const failures: string[] = [];
    let count = 0;
    for (const service of emulatedServices) {
      for (const [name, shape] of Object.entries(loadServiceModel(service).shapes)) {
        if (shape.pattern === undefined) continue;
        count++;
        try {
          compileJavaPattern(shape.pattern);
        } catch (error) {
          failures.push(`${service} ${name} ${shape.pattern}: ${(error as Error).message}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(count > 200, `only ${count} patterns`);
  });

  it('reads Java\'s classes and anchors as Java does', () => {
    const print = compileJavaPattern('\\A\\S[\\p{Print}]*\\z');
    assert.equal(print.test('a policy name'), true);
    assert.equal(print.test(' leading space'), false);
    assert.equal(print.test('café'), false, 'Java\'s \\p{Print} is ASCII only');
    const letters = compileJavaPattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*');
    assert.equal(letters.test('café 1'), true);
    assert.equal(compileJavaPattern('([\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*)${1,256}').test('tag value'), true);
    const name = compileJavaPattern('^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$');
    assert.equal(name.test('my-endpoint'), true);
    assert.equal(name.test('my_endpoint'), false);
  });

  it('accepts a request as the extension sends it and names each rule a bad one breaks', () => {
    const good = {
      EndpointConfigName: 'demo-config',
      ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 }, RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' } }],
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
    };
    assert.deepEqual(validateInput('sagemaker', 'CreateEndpointConfig', good), []);
    const bad = {
      EndpointConfigName: 'demo_config',
      ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.nothing', InitialInstanceCount: 0, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: -1, Maximum: 2 } }],
      Tags: Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' })),
    };
    const rules = validateInput('sagemaker', 'CreateEndpointConfig', bad).map(({ path, rule }) => `${rule} ${path}`).sort();
    assert.deepEqual(rules, [
      'enum ProductionVariants[0].InstanceType',
      'max Tags',
      'min ProductionVariants[0].InitialInstanceCount',
      'min ProductionVariants[0].ManagedInstanceScaling.MinInstanceCount',
      'pattern EndpointConfigName',
      'unknown ProductionVariants[0].ManagedInstanceScaling.Maximum',
    ]);
    assert.deepEqual(validateInput('sagemaker', 'DescribeEndpoint', {}).map(({ rule, path }) => `${rule} ${path}`), ['required EndpointName']);
    assert.deepEqual(validateInput('sagemaker', 'NoSuchOperation', {}).map(({ rule }) => rule), ['operation']);
  });

  it('checks an answer: required members, members the model lacks, enums and timestamp formats', () => {
    const answer = { EndpointName: 'e', EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/e', EndpointStatus: 'InService', CreationTime: 1733000000, LastModifiedTime: 1733000000 };
    assert.deepEqual(validateOutput('sagemaker', 'DescribeEndpoint', answer, { timestamps: 'epoch-seconds' }), []);
    const { EndpointArn: _arn, ...withoutArn } = answer;
    const wrong = { ...withoutArn, EndpointStatus: 'Sleeping', CreationTime: '2024-12-01T00:00:00Z', Extra: 1 };
    const rules = validateOutput('sagemaker', 'DescribeEndpoint', wrong, { timestamps: 'epoch-seconds' }).map(({ rule, path }) => `${rule} ${path}`).sort();
    assert.deepEqual(rules, ['enum EndpointStatus', 'required EndpointArn', 'type CreationTime', 'unknown Extra']);
  });
});

import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';

interface ModelCheck {
  botocore?: string;
  checked?: number;
  operations?: number;
  violations?: { index: number; operation: string; violations: string[] }[];
  skipped?: string;
}
interface Request {
  service: string;
  operation: string;
  params: unknown;
}
interface ModelCheckModule {
  checkAgainstModels(requests: Request[]): ModelCheck;
}

// The peer comparison's judge (bench/lib/modelCheck.cjs running @s2z/service-models on botocore's
// models): a bench probe may call a refusal wrong only when the model accepts the request.
// Needs python3 with botocore (installed on this machine for the contract tests): without them it fails.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkAgainstModels } = require(resolve(__dirname, '..', '..', '..', '..', 'bench', 'lib', 'modelCheck.cjs')) as ModelCheckModule;

const target = { ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/ic', ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount' };
const variant = { VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 } };
const endpointConfig = (params: Record<string, unknown>): Request => ({ service: 'sagemaker', operation: 'CreateEndpointConfig', params: { EndpointConfigName: 'c', ProductionVariants: [variant], ...params } });

/** Each request with the violations the model must report for it (botocore is loaded once for all). */
const cases: { what: string; request: Request; expected: (string | RegExp)[] }[] = [
  // The product's requests: valid, ml.g5.2xlarge and the inference-component dimension among them.
  { what: 'the product’s endpoint config', request: endpointConfig({ ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r' }), expected: [] },
  { what: 'the product’s scalable target', request: { service: 'application-autoscaling', operation: 'RegisterScalableTarget', params: { ...target, MinCapacity: 0, MaxCapacity: 2 } }, expected: [] },
  { what: 'an invoke', request: { service: 'sagemaker-runtime', operation: 'InvokeEndpoint', params: { EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: '{"inputs":"hi"}' } }, expected: [] },
  {
    what: 'metric statistics',
    request: { service: 'cloudwatch', operation: 'GetMetricStatistics', params: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', StartTime: '2026-01-01T00:00:00.000Z', EndTime: '2026-01-01T01:00:00.000Z', Period: 60, Statistics: ['Sum'] } },
    expected: [],
  },
  // Each constraint kind, by the member and the rule (@s2z/service-models' message follows "Operation: ").
  { what: 'required', request: { service: 'sagemaker', operation: 'CreateEndpointConfig', params: { ProductionVariants: [variant] } }, expected: [/^CreateEndpointConfig: EndpointConfigName: required/] },
  { what: 'unknown member', request: endpointConfig({ ProductionVariants: [{ ...variant, Colour: 'red' }] }), expected: [/^CreateEndpointConfig: ProductionVariants\[0\]\.Colour: ProductionVariant has no member Colour$/] },
  { what: 'type', request: endpointConfig({ ProductionVariants: [{ ...variant, InitialInstanceCount: '1' }] }), expected: [/^CreateEndpointConfig: ProductionVariants\[0\]\.InitialInstanceCount: "1" where the model has a number/] },
  { what: 'enum', request: endpointConfig({ ProductionVariants: [{ ...variant, InstanceType: 'ml.g99.huge' }] }), expected: [/^CreateEndpointConfig: ProductionVariants\[0\]\.InstanceType: "ml\.g99\.huge" is not one of ProductionVariantInstanceType's values/] },
  { what: 'pattern', request: endpointConfig({ EndpointConfigName: 'a b' }), expected: [/^CreateEndpointConfig: EndpointConfigName: "a b" does not match EndpointConfigName's pattern/] },
  { what: 'list length', request: endpointConfig({ ProductionVariants: [] }), expected: [/^CreateEndpointConfig: ProductionVariants: 0 items, fewer than the minimum 1$/] },
  { what: 'range, below', request: endpointConfig({ ProductionVariants: [{ ...variant, InitialInstanceCount: 0 }] }), expected: [/^CreateEndpointConfig: ProductionVariants\[0\]\.InitialInstanceCount: 0 is below \w+'s minimum 1$/] },
  { what: 'range, above', request: endpointConfig({ ProductionVariants: [{ ...variant, VolumeSizeInGB: 513 }] }), expected: [/^CreateEndpointConfig: ProductionVariants\[0\]\.VolumeSizeInGB: 513 is above \w+'s maximum 512$/] },
  { what: 'range, at the bounds', request: endpointConfig({ ProductionVariants: [{ ...variant, VolumeSizeInGB: 512, VariantInstanceProvisionTimeoutInSeconds: 300 }] }), expected: [] },
  {
    what: 'string length (and the pattern, which caps it too)',
    request: { service: 'sagemaker', operation: 'DescribeEndpoint', params: { EndpointName: 'e'.repeat(64) } },
    expected: [/^DescribeEndpoint: EndpointName: 64 characters, more than the maximum 63$/, /^DescribeEndpoint: EndpointName: "e+…" does not match EndpointName's pattern/],
  },
  // Java patterns. PutScalingPolicy's PolicyName is \p{Print}+ (ASCII printable in Java); DeleteScalingPolicy's
  // is the XML character range, whose surrogate pair \uD800\uDC00-\uDBFF\uDFFF means every supplementary character.
  { what: '\\p{Print}, ASCII', request: { service: 'application-autoscaling', operation: 'PutScalingPolicy', params: { ...target, PolicyName: 'step-scaling policy' } }, expected: [] },
  { what: '\\p{Print}, not ASCII', request: { service: 'application-autoscaling', operation: 'PutScalingPolicy', params: { ...target, PolicyName: 'politique-é' } }, expected: [/^PutScalingPolicy: PolicyName: "politique-é" does not match \w+'s pattern \\p\{Print\}\+$/] },
  { what: 'XML characters, supplementary', request: { service: 'application-autoscaling', operation: 'DeleteScalingPolicy', params: { ...target, PolicyName: 'politique-é 🚀' } }, expected: [] },
  { what: 'XML characters, a control character', request: { service: 'application-autoscaling', operation: 'DeleteScalingPolicy', params: { ...target, PolicyName: 'bell\u0007' } }, expected: [/^DeleteScalingPolicy: PolicyName: "bell\\u0007" does not match /] },
];

describe('bench: requests checked against botocore’s service models', function () {
  this.timeout(30_000);
  let result: ModelCheck;
  before(() => {
    result = checkAgainstModels(cases.map((entry) => entry.request));
    assert.equal(result.skipped, undefined, `the model check did not run: ${result.skipped}`);
  });

  it('says what it checked: botocore’s version, the requests and operations', () => {
    assert.match(result.botocore ?? '', /^1\.\d+\.\d+$/);
    assert.equal(result.checked, cases.length);
    assert.equal(result.operations, new Set(cases.map((entry) => `${entry.request.service} ${entry.request.operation}`)).size);
  });

  for (const [index, entry] of cases.entries()) {
    it(`${entry.expected.length === 0 ? 'accepts' : 'refuses'}: ${entry.what}`, () => {
      const found = result.violations?.find((violation) => violation.index === index)?.violations ?? [];
      assert.equal(found.length, entry.expected.length, `found: ${JSON.stringify(found)}`);
      entry.expected.forEach((expected, position) => (typeof expected === 'string' ? assert.equal(found[position], expected) : assert.match(found[position], expected)));
    });
  }
});

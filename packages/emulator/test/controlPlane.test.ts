import * as assert from 'node:assert/strict';
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteInferenceComponentCommand,
  DeleteModelCommand,
  DeleteTagsCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeInferenceComponentCommand,
  DescribeModelCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListInferenceComponentsCommand,
  ListModelsCommand,
  ListTagsCommand,
  UpdateEndpointCommand,
  UpdateInferenceComponentCommand,
  type ProductionVariant,
} from '@aws-sdk/client-sagemaker';
import { errorOf, roleArn, startHarness, stopHarness, type Harness } from './harness';

const arn = (type: string, name: string) => `arn:aws:sagemaker:us-east-1:123456789012:${type}/${name.toLowerCase()}`;
const icVariant: ProductionVariant = {
  VariantName: 'AllTraffic',
  InstanceType: 'ml.g5.2xlarge',
  InitialInstanceCount: 1,
  ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 },
  RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
};
const spec = { ModelName: 'llm', ComputeResourceRequirements: { MinMemoryRequiredInMb: 8192, NumberOfAcceleratorDevicesRequired: 1 } };

describe('emulator: SageMaker control plane through the SDK', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => stopHarness(h));

  async function expectError(action: () => Promise<unknown>, name: string, message: string): Promise<void> {
    const error = await errorOf(action);
    assert.equal(error.name, name);
    assert.equal(error.message, message);
    assert.equal(error.$metadata?.httpStatusCode, 400);
  }

  async function model(name = 'llm') {
    await h.sagemaker.send(new CreateModelCommand({ ModelName: name, PrimaryContainer: { Image: 'img' }, ExecutionRoleArn: roleArn }));
  }
  async function icEndpoint(name = 'ep') {
    await h.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: `${name}-cfg`, ExecutionRoleArn: roleArn, ProductionVariants: [icVariant] }));
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-cfg` }));
    h.emulator.advance(180);
  }

  it('creates, describes, lists and deletes models', async () => {
    const created = await h.sagemaker.send(new CreateModelCommand({ ModelName: 'My-Model', PrimaryContainer: { Image: 'img', Environment: { A: '1' } }, ExecutionRoleArn: roleArn }));
    assert.equal(created.ModelArn, arn('model', 'My-Model'));
    const described = await h.sagemaker.send(new DescribeModelCommand({ ModelName: 'My-Model' }));
    assert.equal(described.ModelName, 'My-Model');
    assert.deepEqual(described.PrimaryContainer?.Environment, { A: '1' });
    assert.ok(described.CreationTime instanceof Date);
    await expectError(() => model('my-model'), 'ValidationException', `Cannot create already existing model "${arn('model', 'my-model')}".`);
    assert.equal((await h.sagemaker.send(new ListModelsCommand({}))).Models?.length, 1);
    await h.sagemaker.send(new DeleteModelCommand({ ModelName: 'My-Model' }));
    await expectError(() => h.sagemaker.send(new DescribeModelCommand({ ModelName: 'My-Model' })), 'ValidationException', `Could not find model "${arn('model', 'My-Model')}".`);
  });

  it('validates names with the service constraint messages', async () => {
    await expectError(
      () => h.sagemaker.send(new CreateModelCommand({ ModelName: 'bad_name', PrimaryContainer: { Image: 'i' } })),
      'ValidationException',
      "1 validation error detected: Value 'bad_name' at 'modelName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?",
    );
    await expectError(
      () => h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'a'.repeat(64), EndpointConfigName: undefined as unknown as string })),
      'ValidationException',
      // Each broken constraint is one error: 64 characters break the length and the pattern's {0,62}.
      `3 validation errors detected: Value null at 'endpointConfigName' failed to satisfy constraint: Member must not be null; Value '${'a'.repeat(64)}' at 'endpointName' failed to satisfy constraint: Member must have length less than or equal to 63; Value '${'a'.repeat(64)}' at 'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`,
    );
  });

  it('validates endpoint configs as the service does', async () => {
    await model();
    const create = (input: Partial<ConstructorParameters<typeof CreateEndpointConfigCommand>[0]>) =>
      h.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'cfg', ProductionVariants: [icVariant], ...input }));
    await expectError(() => create({}), 'ValidationException', 'ExecutionRoleArn is required when a production variant does not specify a ModelName (inference component endpoints).');
    await expectError(
      () => create({ ProductionVariants: [{ ...icVariant, ModelName: 'llm' }] }),
      'ValidationException',
      'ManagedInstanceScaling is only supported for inference component endpoints.',
    );
    await expectError(
      () => create({ ExecutionRoleArn: roleArn, ProductionVariants: [{ ...icVariant, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 3, MaxInstanceCount: 2 } }] }),
      'ValidationException',
      'MinInstanceCount must be less than or equal to MaxInstanceCount.',
    );
    await expectError(
      () => create({ ExecutionRoleArn: roleArn, ProductionVariants: [{ ...icVariant, InstanceType: 'ml.x9.huge' as never }] }),
      'ValidationException',
      (await errorOf(() => create({ ExecutionRoleArn: roleArn, ProductionVariants: [{ ...icVariant, InstanceType: 'ml.x9.huge' as never }] }))).message,
    );
    const enumError = await errorOf(() => create({ ExecutionRoleArn: roleArn, ProductionVariants: [{ ...icVariant, InstanceType: 'ml.x9.huge' as never }] }));
    // The model's whole enum (botocore's ProductionVariantInstanceType), as AWS quotes it.
    assert.match(enumError.message, /^1 validation error detected: Value 'ml.x9.huge' at 'productionVariants.1.member.instanceType' failed to satisfy constraint: Member must satisfy enum value set: \[ml.t2.medium, .*ml.g5.xlarge, /);
    // A type the model allows but the emulator has no hardware for: a plain refusal, not a constraint of the model.
    const unemulated = await errorOf(() => create({ ExecutionRoleArn: roleArn, ProductionVariants: [{ ...icVariant, InstanceType: 'ml.t2.medium' }] }));
    assert.match(unemulated.message, /^The emulator does not emulate the instance type ml.t2.medium\. It emulates ml.g5.xlarge, /);
    await expectError(
      () => create({ ProductionVariants: [{ VariantName: 'v', ModelName: 'missing', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }),
      'ValidationException',
      `Could not find model "${arn('model', 'missing')}".`,
    );
    const created = await create({ ExecutionRoleArn: roleArn });
    assert.equal(created.EndpointConfigArn, arn('endpoint-config', 'cfg'));
    await expectError(() => create({ ExecutionRoleArn: roleArn }), 'ValidationException', `Cannot create already existing endpoint configuration "${arn('endpoint-config', 'cfg')}".`);
    const described = await h.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'cfg' }));
    assert.deepEqual(described.ProductionVariants?.[0].ManagedInstanceScaling, { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 });
    assert.equal(described.ExecutionRoleArn, roleArn);
    assert.equal((await h.sagemaker.send(new ListEndpointConfigsCommand({}))).EndpointConfigs?.[0].EndpointConfigName, 'cfg');
    await h.sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: 'cfg' }));
    await expectError(
      () => h.sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: 'cfg' })),
      'ValidationException',
      `Could not find endpoint configuration "${arn('endpoint-config', 'cfg')}".`,
    );
  });

  it('creates, updates and deletes endpoints; not found is a 400 ValidationException', async () => {
    await expectError(() => h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'nope' })), 'ValidationException', `Could not find endpoint "${arn('endpoint', 'nope')}".`);
    await expectError(
      () => h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'nope' })),
      'ValidationException',
      `Could not find endpoint configuration "${arn('endpoint-config', 'nope')}".`,
    );
    await h.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'ep-cfg', ExecutionRoleArn: roleArn, ProductionVariants: [icVariant] }));
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'ep-cfg' }));
    await expectError(
      () => h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'ep-cfg' })),
      'ValidationException',
      `Cannot create already existing endpoint "${arn('endpoint', 'ep')}".`,
    );
    await h.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'cfg2', ExecutionRoleArn: roleArn, ProductionVariants: [{ ...icVariant, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 1, MaxInstanceCount: 3 } }] }));
    await expectError(() => h.sagemaker.send(new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg2' })), 'ValidationException', `Cannot update in-progress endpoint "${arn('endpoint', 'ep')}".`);
    h.emulator.advance(180);
    await h.sagemaker.send(new UpdateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg2' }));
    assert.equal((await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }))).EndpointStatus, 'Updating');
    h.emulator.advance(180);
    const updated = await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
    assert.equal(updated.EndpointStatus, 'InService');
    assert.equal(updated.EndpointConfigName, 'cfg2');
    assert.equal(updated.ProductionVariants?.[0].ManagedInstanceScaling?.MaxInstanceCount, 3);
    await h.sagemaker.send(new DeleteEndpointCommand({ EndpointName: 'ep' }));
    assert.equal((await h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' }))).EndpointStatus, 'Deleting');
    h.emulator.advance(60);
    await expectError(() => h.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'ep' })), 'ValidationException', `Could not find endpoint "${arn('endpoint', 'ep')}".`);
  });

  it('validates inference components: copy count, endpoint kind, hardware, duplicates, busy deletes', async () => {
    await model();
    await icEndpoint();
    const create = (input: Partial<ConstructorParameters<typeof CreateInferenceComponentCommand>[0]> = {}) =>
      h.sagemaker.send(new CreateInferenceComponentCommand({ InferenceComponentName: 'ic', EndpointName: 'ep', Specification: spec, RuntimeConfig: { CopyCount: 1 }, ...input }));
    await expectError(
      () => create({ RuntimeConfig: { CopyCount: -1 } }),
      'ValidationException',
      "1 validation error detected: Value '-1' at 'runtimeConfig.copyCount' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    await expectError(
      () => create({ Specification: { ModelName: 'llm', ComputeResourceRequirements: { MinMemoryRequiredInMb: 65536, NumberOfAcceleratorDevicesRequired: 1 } } }),
      'ValidationException',
      'There is not enough hardware resources on the instances for this endpoint to create a copy of the inference component.',
    );
    await expectError(() => create({ RuntimeConfig: { CopyCount: 3 } }), 'ValidationException', 'There is not enough hardware resources on the instances for this endpoint to create a copy of the inference component.');
    await expectError(() => create({ EndpointName: 'missing' }), 'ValidationException', `Could not find endpoint "${arn('endpoint', 'missing')}".`);
    await h.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'classic', ProductionVariants: [{ VariantName: 'v', ModelName: 'llm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }));
    await h.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'classic', EndpointConfigName: 'classic' }));
    await expectError(
      () => create({ EndpointName: 'classic' }),
      'ValidationException',
      'Inference Components are not supported in this Endpoint. Please make sure this endpoint can deploy inference components.',
    );
    await create();
    await expectError(() => create(), 'ValidationException', `Cannot create already existing inference component "${arn('inference-component', 'ic')}".`);
    await expectError(
      () => h.sagemaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: 'ic' })),
      'ValidationException',
      `Cannot delete inference component "${arn('inference-component', 'ic')}" while it is in Creating status.`,
    );
    await expectError(() => h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'zz' })), 'ValidationException', 'Could not find inference component "zz".');
    h.emulator.advance(137);
    const described = await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
    assert.equal(described.InferenceComponentStatus, 'InService');
    assert.equal(described.EndpointArn, arn('endpoint', 'ep'));
    assert.equal(described.Specification?.ComputeResourceRequirements?.MinMemoryRequiredInMb, 8192);

    // UpdateInferenceComponent with a new specification replaces the copies.
    await h.sagemaker.send(new UpdateInferenceComponentCommand({ InferenceComponentName: 'ic', Specification: { ...spec, ComputeResourceRequirements: { MinMemoryRequiredInMb: 4096, NumberOfAcceleratorDevicesRequired: 1 } } }));
    assert.equal((await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }))).InferenceComponentStatus, 'Updating');
    h.emulator.advance(1.748 * 60 + 2.28 * 60);
    const after = await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
    assert.equal(after.InferenceComponentStatus, 'InService');
    assert.equal(after.Specification?.ComputeResourceRequirements?.MinMemoryRequiredInMb, 4096);

    // ICs outlive DeleteEndpoint.
    await h.sagemaker.send(new DeleteEndpointCommand({ EndpointName: 'ep' }));
    h.emulator.advance(60);
    const orphan = await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
    assert.equal(orphan.RuntimeConfig?.CurrentCopyCount, 0);
    await h.sagemaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: 'ic' }));
    assert.equal((await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }))).InferenceComponentStatus, 'Deleting');
    h.emulator.advance(30);
    assert.equal((await h.sagemaker.send(new ListInferenceComponentsCommand({}))).InferenceComponents?.length, 0);
  });

  it('describes an inference component\'s container as the service does: DeployedImage with the specified image, ArtifactUrl and Environment', async () => {
    await model();
    await icEndpoint();
    const container = { Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2', ArtifactUrl: 's3://bucket/model.tar.gz', Environment: { HF_MODEL_ID: 'org/model' } };
    await h.sagemaker.send(
      new CreateInferenceComponentCommand({ InferenceComponentName: 'ic', EndpointName: 'ep', Specification: { ...spec, Container: container }, RuntimeConfig: { CopyCount: 1 } }),
    );
    const described = await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }));
    assert.equal(described.Specification?.Container?.DeployedImage?.SpecifiedImage, container.Image);
    assert.equal(described.Specification?.Container?.DeployedImage?.ResolvedImage, container.Image);
    assert.ok(described.Specification?.Container?.DeployedImage?.ResolutionTime instanceof Date);
    assert.equal(described.Specification?.Container?.ArtifactUrl, container.ArtifactUrl);
    assert.deepEqual(described.Specification?.Container?.Environment, container.Environment);
    assert.equal(described.Specification?.ModelName, 'llm');
  });

  it('paginates, filters and sorts lists', async () => {
    await model();
    for (const name of ['ep-a', 'ep-b', 'other']) {
      await icEndpoint(name);
      h.emulator.advance(1);
    }
    const first = await h.sagemaker.send(new ListEndpointsCommand({ MaxResults: 2, SortBy: 'Name', SortOrder: 'Ascending' }));
    assert.deepEqual(first.Endpoints?.map((e) => e.EndpointName), ['ep-a', 'ep-b']);
    assert.ok(first.NextToken);
    const second = await h.sagemaker.send(new ListEndpointsCommand({ MaxResults: 2, SortBy: 'Name', SortOrder: 'Ascending', NextToken: first.NextToken }));
    assert.deepEqual(second.Endpoints?.map((e) => e.EndpointName), ['other']);
    assert.equal(second.NextToken, undefined);
    const newest = await h.sagemaker.send(new ListEndpointsCommand({}));
    assert.deepEqual(newest.Endpoints?.map((e) => e.EndpointName), ['other', 'ep-b', 'ep-a']);
    assert.deepEqual((await h.sagemaker.send(new ListEndpointsCommand({ NameContains: 'EP-' }))).Endpoints?.map((e) => e.EndpointName), ['ep-b', 'ep-a']);
    await h.sagemaker.send(new DeleteEndpointCommand({ EndpointName: 'other' }));
    assert.deepEqual((await h.sagemaker.send(new ListEndpointsCommand({ StatusEquals: 'Deleting' }))).Endpoints?.map((e) => e.EndpointName), ['other']);
    await expectError(
      () => h.sagemaker.send(new ListEndpointsCommand({ MaxResults: 101 })),
      'ValidationException',
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    await expectError(() => h.sagemaker.send(new ListEndpointsCommand({ NextToken: 'garbage' })), 'ValidationException', 'Invalid pagination token.');

    for (const [ic, ep] of [['ic-1', 'ep-a'], ['ic-2', 'ep-b'], ['ic-3', 'ep-a']]) {
      await h.sagemaker.send(new CreateInferenceComponentCommand({ InferenceComponentName: ic, EndpointName: ep, Specification: spec, RuntimeConfig: { CopyCount: 1 } }));
    }
    const onA = await h.sagemaker.send(new ListInferenceComponentsCommand({ EndpointNameEquals: 'ep-a', SortBy: 'Name', SortOrder: 'Ascending' }));
    assert.deepEqual(onA.InferenceComponents?.map((ic) => ic.InferenceComponentName), ['ic-1', 'ic-3']);
    assert.equal(onA.InferenceComponents?.[0].InferenceComponentStatus, 'Creating');
    h.emulator.advance(1.748 * 60 + 2.28 * 60);
    const inService = await h.sagemaker.send(new ListInferenceComponentsCommand({ StatusEquals: 'InService', VariantNameEquals: 'AllTraffic', NameContains: '2' }));
    assert.deepEqual(inService.InferenceComponents?.map((ic) => ic.InferenceComponentName), ['ic-2']);
    const createdAfter = await h.sagemaker.send(new ListModelsCommand({ CreationTimeAfter: new Date(h.emulator.now() + 1000) }));
    assert.deepEqual(createdAfter.Models, []);
  });

  it('adds, lists and deletes tags', async () => {
    await model();
    const resource = arn('model', 'llm');
    const added = await h.sagemaker.send(new AddTagsCommand({ ResourceArn: resource, Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'cost', Value: 'a' }] }));
    assert.equal(added.Tags?.length, 2);
    await h.sagemaker.send(new AddTagsCommand({ ResourceArn: resource, Tags: [{ Key: 'cost', Value: 'b' }] }));
    await h.sagemaker.send(new DeleteTagsCommand({ ResourceArn: resource, TagKeys: ['team'] }));
    assert.deepEqual((await h.sagemaker.send(new ListTagsCommand({ ResourceArn: resource }))).Tags, [{ Key: 'cost', Value: 'b' }]);
    await expectError(
      () => h.sagemaker.send(new ListTagsCommand({ ResourceArn: arn('endpoint', 'ghost') })),
      'ValidationException',
      `Could not find resource "${arn('endpoint', 'ghost')}".`,
    );
  });
});

import * as assert from 'node:assert/strict';
import { DescribeScalingActivitiesCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  CreateInferenceComponentCommand,
  DeleteInferenceComponentCommand,
  DescribeInferenceComponentCommand,
  ListInferenceComponentsCommand,
  UpdateInferenceComponentRuntimeConfigCommand,
  type CreateInferenceComponentCommandInput,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { errorOf } from './harness';
import { addNoCapacityAlarm, addScalingPolicies, deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

/*
 * Adapter inference components (docs/emulator.md, "Adapters"): created on a base component of the
 * same endpoint with their artifacts and no compute, served by the base's copies, refused with the
 * no-capacity error (counted under the adapter's name) while the base has 0 copies.
 */
describe('emulator: adapter inference components', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
    await deployScaleToZero(h, 'base');
  });
  afterEach(() => stopScalingHarness(h));

  const adapterInput = (overrides: Partial<CreateInferenceComponentCommandInput['Specification']> = {}, name = 'tone'): CreateInferenceComponentCommandInput => ({
    InferenceComponentName: name,
    EndpointName: 'ep',
    Specification: { BaseInferenceComponentName: 'base', Container: { ArtifactUrl: 's3://adapters/tone/' }, ...overrides },
  });
  const createAdapter = (overrides: Partial<CreateInferenceComponentCommandInput['Specification']> = {}, name = 'tone') =>
    h.sagemaker.send(new CreateInferenceComponentCommand(adapterInput(overrides, name)));
  const describe = (name: string) => h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }));
  const invoke = (name: string) =>
    h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: name, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'hello', parameters: { max_new_tokens: 3 } }) }));

  it('creates an adapter without RuntimeConfig: Creating while the base loads it, then InService, with no copies of its own', async () => {
    const arn = (await createAdapter()).InferenceComponentArn;
    assert.match(arn ?? '', /:inference-component\/tone$/);
    const creating = await describe('tone');
    assert.equal(creating.InferenceComponentStatus, 'Creating');
    assert.equal(creating.Specification?.BaseInferenceComponentName, 'base');
    assert.equal(creating.Specification?.Container?.ArtifactUrl, 's3://adapters/tone/');
    assert.equal(creating.Specification?.ComputeResourceRequirements, undefined);
    assert.equal(creating.RuntimeConfig, undefined);
    assert.equal(creating.VariantName, 'AllTraffic');
    h.emulator.advance(20);
    assert.equal((await describe('tone')).InferenceComponentStatus, 'InService');
    const listed = (await h.sagemaker.send(new ListInferenceComponentsCommand({ EndpointNameEquals: 'ep' }))).InferenceComponents ?? [];
    assert.deepEqual(listed.map((ic) => ic.InferenceComponentName).sort(), ['base', 'tone']);
  });

  it('refuses an adapter whose base is missing, on another endpoint, an adapter itself, or that gives compute, an image or no artifacts', async () => {
    await deployScaleToZero(h, 'other', 'ep2');
    const refusals = [
      [adapterInput({ BaseInferenceComponentName: 'missing' }), /Could not find base inference component/],
      [{ ...adapterInput(), EndpointName: 'ep2' }, /is on endpoint "ep", not on endpoint "ep2"/],
      [adapterInput({ ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024 } }), /omit ComputeResourceRequirements/],
      [adapterInput({ Container: { Image: 'image:latest', ArtifactUrl: 's3://a/b' } }), /omit Container.Image/],
      [adapterInput({ Container: {} }), /must specify Container.ArtifactUrl/],
    ] as const;
    for (const [input, message] of refusals) {
      const error = await errorOf(() => h.sagemaker.send(new CreateInferenceComponentCommand(input)));
      assert.equal(error.name, 'ValidationException', String(message));
      assert.match(error.message, message);
    }
    await createAdapter();
    const nested = await errorOf(() => createAdapter({ BaseInferenceComponentName: 'tone' }, 'nested'));
    assert.match(nested.message, /is an adapter and cannot be the base of another adapter/);
  });

  it('serves an adapter on its base copy and says which adapter answered', async () => {
    await createAdapter();
    h.emulator.advance(20);
    const answer = await invoke('tone');
    const text = Buffer.from(answer.Body ?? new Uint8Array()).toString('utf8');
    assert.match(text, /\[adapter tone\]/);
    const baseText = Buffer.from((await invoke('base')).Body ?? new Uint8Array()).toString('utf8');
    assert.doesNotMatch(baseText, /\[adapter/);
  });

  it('refuses an adapter request while the base has 0 copies, counts it under the adapter, and its own alarm wakes the base', async () => {
    const { stepArn } = await addScalingPolicies(h, 'base');
    await addNoCapacityAlarm(h, stepArn, 'blog', 'tone', 'tone-no-capacity-wake');
    await createAdapter();
    h.emulator.advance(20);
    await h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'base', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(60);
    assert.equal((await describe('base')).RuntimeConfig?.CurrentCopyCount, 0);
    assert.equal((await describe('tone')).InferenceComponentStatus, 'InService');
    const refused = await errorOf(() => invoke('tone'));
    assert.equal(refused.name, 'ValidationError');
    assert.match(refused.message, /no capacity to process this request/);
    const counts = (await (await fetch(`${h.emulator.url}/__emulator/state`)).json()) as { metrics?: Record<string, { noCapacityFailures: number }> };
    assert.equal(counts.metrics?.tone?.noCapacityFailures, 1);
    assert.equal(counts.metrics?.base?.noCapacityFailures ?? 0, 0);
    for (let elapsed = 0; elapsed < 120; elapsed += 10) h.emulator.advance(10);
    const activities = (await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/base' }))).ScalingActivities ?? [];
    assert.equal(activities[0]?.Cause, 'monitor alarm tone-no-capacity-wake in state ALARM triggered policy inference-component-step-scaling-policy');
    assert.equal((await describe('base')).RuntimeConfig?.DesiredCopyCount, 1);
    for (let elapsed = 0; elapsed < 400; elapsed += 10) h.emulator.advance(10);
    assert.match(Buffer.from((await invoke('tone')).Body ?? new Uint8Array()).toString('utf8'), /\[adapter tone\]/);
  });

  it('refuses copies and a scalable target for an adapter, and deleting a base that still carries one', async () => {
    await createAdapter();
    h.emulator.advance(20);
    const copies = await errorOf(() => h.sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'tone', DesiredRuntimeConfig: { CopyCount: 1 } })));
    assert.match(copies.message, /is an adapter: it runs on the copies of its base/);
    const target = await errorOf(() => h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('tone'), MinCapacity: 0, MaxCapacity: 1 })));
    assert.match(target.message, /is an adapter of base: register the base inference component instead/);
    const base = await errorOf(() => h.sagemaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: 'base' })));
    assert.match(base.message, /adapter inference components use it as their base: tone\. Delete them first\./);
    await h.sagemaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: 'tone' }));
    await h.sagemaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: 'base' }));
    h.emulator.advance(30);
    assert.deepEqual((await h.sagemaker.send(new ListInferenceComponentsCommand({}))).InferenceComponents, []);
  });
});

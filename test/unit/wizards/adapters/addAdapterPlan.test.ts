import * as assert from 'node:assert/strict';
import { buildAddAdapterPlan, validateAdapterArtifactUrl } from '../../../../src/wizards/adapters/adapterPlan';
import { adaptersWithoutWakePath } from '../../../../src/wizards/enableScaleToZero/adapterWakePlan';
import { ic, readyScaling, stepPolicy, wakeAlarm } from '../../../support/accountFixtures';
import { idleScaling } from '../../../support/idleTimeoutFixtures';

const bare = { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] };

describe('the plan of "Add Adapter…"', () => {
  it('creates the adapter on its base with its artifacts only, and its wake alarm on its own metric aimed at the base\'s step policy', () => {
    const plan = buildAddAdapterPlan({ base: ic(), baseScaling: readyScaling(), adapterName: 'tone', artifactUrl: 's3://adapters/tone/' });
    assert.equal(plan.title, 'Add adapter tone to ic');
    assert.deepEqual(plan.steps.map((step) => step.operation), ['CreateInferenceComponent', 'PutMetricAlarm']);
    const [create, alarm] = plan.steps;
    assert.deepEqual(create.input, { InferenceComponentName: 'tone', EndpointName: 'ep', Specification: { BaseInferenceComponentName: 'ic', Container: { ArtifactUrl: 's3://adapters/tone/' } } });
    assert.equal(create.waitFor, 'inferenceComponentInService');
    assert.deepEqual(create.creates, { kind: 'inferenceComponent', name: 'tone' });
    assert.equal(alarm.input.AlarmName, 'tone-no-capacity-wake');
    assert.deepEqual(alarm.input.Dimensions, [{ Name: 'InferenceComponentName', Value: 'tone' }]);
    assert.deepEqual(alarm.input.AlarmActions, [stepPolicy.arn]);
    assert.deepEqual([alarm.input.Statistic, alarm.input.Period, alarm.input.Threshold, alarm.input.ComparisonOperator, alarm.input.DatapointsToAlarm], ['Maximum', 30, 1, 'GreaterThanOrEqualToThreshold', 1]);
    assert.deepEqual(alarm.creates, { kind: 'alarm', name: 'tone-no-capacity-wake' });
    assert.match(plan.notes?.[1] ?? '', /AWS does not document under which name/);
  });

  it('adds no alarm when the base does not scale to zero, and says so', () => {
    const plan = buildAddAdapterPlan({ base: ic(), baseScaling: bare, adapterName: 'tone', artifactUrl: 'https://example.com/tone.tar.gz' });
    assert.deepEqual(plan.steps.map((step) => step.operation), ['CreateInferenceComponent']);
    assert.equal(plan.notes?.[1], 'ic does not scale to 0 copies, so tone needs no wake alarm.');
  });

  it('says what to run when the base sleeps but has no step policy to trigger', () => {
    const plan = buildAddAdapterPlan({ base: ic(), baseScaling: readyScaling({ policies: [] }), adapterName: 'tone', artifactUrl: 's3://a/b' });
    assert.equal(plan.steps.length, 1);
    assert.match(plan.notes?.[1] ?? '', /no step policy that adds a copy: .* Run "Enable Scale to Zero" on ic/);
  });

  it('rewrites the base\'s idle alarm to count the adapter\'s requests, at most 4 adapters (CloudWatch\'s 10 metrics per alarm), and says which are left out', () => {
    const plan = buildAddAdapterPlan({ base: ic(), baseScaling: idleScaling(), adapterName: 'tone', artifactUrl: 's3://a/b', otherAdapters: ['sql'] });
    const idle = plan.steps.find((step) => step.id === 'putIdleAlarm')!;
    assert.equal(idle.input.AlarmName, 'ic-idle-timeout');
    assert.equal(idle.modifiesExisting, true);
    assert.equal((idle.input.Metrics as { Expression?: string }[]).find((query) => query.Expression)?.Expression, 'FILL(m1,0) + FILL(m2,0) + FILL(a1,0) + FILL(r1,0) + FILL(a2,0) + FILL(r2,0)');
    assert.match(plan.notes?.at(-1) ?? '', /is rewritten to count requests to tone too/);
    const many = buildAddAdapterPlan({ base: ic(), baseScaling: idleScaling(), adapterName: 'e', artifactUrl: 's3://a/b', otherAdapters: ['a', 'b', 'c', 'd'] });
    const metrics = many.steps.find((step) => step.id === 'putIdleAlarm')!.input.Metrics as { MetricStat?: unknown }[];
    assert.equal(metrics.filter((query) => query.MetricStat).length, 10);
    assert.equal(many.notes?.at(-1), 'The idle alarm of ic counts the requests of 4 adapters at most (CloudWatch\'s 10 metrics per alarm): requests to e do not keep ic awake.');
  });

  it('refuses an adapter as a base', () => {
    assert.throws(
      () => buildAddAdapterPlan({ base: ic({ name: 'tone', baseComponentName: 'ic' }), baseScaling: bare, adapterName: 'x', artifactUrl: 's3://a/b' }),
      /tone is itself an adapter of ic: add the adapter to ic instead\./,
    );
  });

  it('knows which adapters have no wake path yet', () => {
    const aimed = { ...bare, alarms: [wakeAlarm({ name: 'a-wake', dimensions: { InferenceComponentName: 'a' } })] };
    const elsewhere = { ...bare, alarms: [wakeAlarm({ name: 'b-wake', dimensions: { InferenceComponentName: 'ic' } })] };
    assert.deepEqual(adaptersWithoutWakePath([{ name: 'a', scaling: aimed }, { name: 'b', scaling: elsewhere }, { name: 'c', scaling: bare }], readyScaling()), ['b', 'c']);
  });
});

describe('the artifact URL of an adapter (the model\'s Url: s3:// or https://, at most 1024 characters)', () => {
  it('takes S3 and https locations', () => {
    assert.equal(validateAdapterArtifactUrl('s3://bucket/adapters/tone/'), undefined);
    assert.equal(validateAdapterArtifactUrl('https://example.com/tone.tar.gz'), undefined);
  });

  it('refuses an empty, a too long or another scheme\'s URL, in words', () => {
    assert.match(validateAdapterArtifactUrl('') ?? '', /^Enter the location of the adapter's artifacts/);
    assert.equal(validateAdapterArtifactUrl(`s3://b/${'x'.repeat(1020)}`), 'The artifact URL is 1027 characters long: SageMaker allows at most 1024.');
    assert.match(validateAdapterArtifactUrl('http://example.com/tone') ?? '', /must start with s3:\/\/ or https:\/\//);
    assert.match(validateAdapterArtifactUrl('s3://') ?? '', /must start with s3:\/\/ or https:\/\//);
  });
});

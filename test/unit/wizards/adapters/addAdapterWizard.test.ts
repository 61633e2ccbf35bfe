import * as assert from 'node:assert/strict';
import { addAdapterWizard } from '../../../../src/wizards/adapters/addAdapterWizard';
import { enableScaleToZeroWizard } from '../../../../src/wizards/enableScaleToZero/enableScaleToZeroWizard';
import { setIdleTimeoutWizard } from '../../../../src/wizards/enableScaleToZero/setIdleTimeoutWizard';
import { DemoAccount } from '../../../support/demoAccount';
import { pick, review, ScriptedUserInput, type } from '../../../support/scriptedUserInput';

const now = new Date('2026-12-07T10:00:00Z');

describe('"Add Adapter…" (scripted on the demo account)', () => {
  it('from the palette: picks the base, refuses a taken name and a bad URL in words, offers a free name, and plans the adapter with its wake alarm', async () => {
    const account = new DemoAccount(now);
    const ui = new ScriptedUserInput([pick('demo-llama3-8b'), type('DEMO-mistral-7b', 'tone-', 'tone'), type('ftp://bucket/tone', 's3://bucket/tone/'), review('run')]);
    const result = await addAdapterWizard(account.environment(ui));
    ui.assertUsed();
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    // demo-llama3-8b sleeps after 15 idle minutes: its idle alarm is rewritten in place to count the adapter's requests too.
    assert.deepEqual(result.plan.steps.map((step) => step.id), ['createAdapter', 'putAdapterWakeAlarm-tone', 'putIdleAlarm']);
    const idle = result.plan.steps[2];
    assert.equal(idle.modifiesExisting, true);
    const metrics = idle.input.Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions: { Value: string }[] } } }[];
    assert.deepEqual(
      metrics.filter((query) => query.MetricStat).map((query) => `${query.Id}:${query.MetricStat!.Metric.MetricName}:${query.MetricStat!.Metric.Dimensions[0].Value}`),
      ['m1:Invocations:demo-llama3-8b', 'm2:NoCapacityInvocationFailures:demo-llama3-8b', 'a1:Invocations:tone', 'r1:NoCapacityInvocationFailures:tone'],
    );
    assert.equal(metrics.find((query) => query.Expression)?.Expression, 'FILL(m1,0) + FILL(m2,0) + FILL(a1,0) + FILL(r1,0)');
    const name = ui.pages.find((page) => page.kind === 'input' && /Name of the adapter/.test(page.text))!;
    assert.equal(name.value, 'demo-llama3-8b-adapter');
    assert.deepEqual(name.errors, [
      'An inference component named DEMO-mistral-7b already exists in this account and region.',
      'The adapter name may contain only letters, digits and hyphens, and must start and end with a letter or digit.',
    ]);
    const url = ui.pages.find((page) => page.kind === 'input' && /artifacts/.test(page.text))!;
    assert.match(url.errors[0], /must start with s3:\/\/ or https:\/\//);
  });

  it('refuses to add an adapter to an adapter, naming its base', async () => {
    const account = new DemoAccount(now);
    account.apply([{ id: 'a', service: 'sagemaker', operation: 'CreateInferenceComponent', description: 'adapter', input: { InferenceComponentName: 'tone', EndpointName: 'demo-scale-to-zero', Specification: { BaseInferenceComponentName: 'demo-llama3-8b', Container: { ArtifactUrl: 's3://b/t' } } } }]);
    await assert.rejects(addAdapterWizard(account.environment(new ScriptedUserInput()), 'tone'), /tone is an adapter of demo-llama3-8b/);
    await assert.rejects(enableScaleToZeroWizard(account.environment(new ScriptedUserInput()), 'tone'), /tone is an adapter of demo-llama3-8b: it has no copies of its own to scale\. Run "Enable Scale to Zero" on demo-llama3-8b/);
  });

  it('Set Idle Timeout… on a base keeps counting its adapters\' requests in the rewritten idle alarm', async () => {
    const account = new DemoAccount(now);
    account.apply([{ id: 'a', service: 'sagemaker', operation: 'CreateInferenceComponent', description: 'adapter', input: { InferenceComponentName: 'tone', EndpointName: 'demo-scale-to-zero', Specification: { BaseInferenceComponentName: 'demo-llama3-8b', Container: { ArtifactUrl: 's3://b/t' } } } }]);
    const ui = new ScriptedUserInput([type('5'), review('run')]);
    const result = await setIdleTimeoutWizard(account.environment(ui), 'demo-llama3-8b');
    ui.assertUsed();
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    const idle = result.plan.steps.find((step) => step.id === 'putIdleAlarm')!;
    assert.equal((idle.input.Metrics as { Expression?: string }[]).find((query) => query.Expression)?.Expression, 'FILL(m1,0) + FILL(m2,0) + FILL(a1,0) + FILL(r1,0)');
    assert.match(idle.description, /of demo-llama3-8b and its adapters tone/);
  });
});

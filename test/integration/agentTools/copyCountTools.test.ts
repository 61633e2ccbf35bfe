import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { sleepComponentTool } from '../../../src/agentTools/acting/sleepComponent';
import { wakeComponentTool } from '../../../src/agentTools/acting/wakeComponent';
import { type AgentTool } from '../../../src/agentTools/agentTool';
import { AgentToolError, type AgentToolRunner } from '../../../src/agentTools/toolRunner';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients, loadSdk } from '../../../src/aws/clients';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { copyCountPlan } from '../../../src/wizards/copyCount/copyCountPlan';
import { type WizardRunReport } from '../../../src/wizards/plans/wizardRunReport';
import { ScriptedUserInput } from '../../support/scriptedUserInput';
import { emulatorToolAccount, toolRunnerOn } from './support/emulatorToolAccount';
import { setFaults } from '../reliability/support';

const wake = wakeComponentTool.name;
const sleep = sleepComponentTool.name;

/** Markdown as the user reads it: backslash escapes removed. */
const plain = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/*
 * The wake and sleep tools on the emulator's demo account with the real SDK: proposals read from the
 * Endpoints view's inventory, confirmations in Set Copy Count's words, and the plan run through a real
 * PlanSession (its failure question answered by a scripted user), checked against DescribeInferenceComponent.
 */
describe('agent tools wakeComponent and sleepComponent on the emulator (propose, confirm, run through the plan session)', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let inventory: Inventory;
  let runner: AgentToolRunner;
  let ui: ScriptedUserInput;
  let reports: WizardRunReport[];
  let progressTitles: string[];

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const now = () => new Date(emulator.now());
    const reader = await AccountReader.create(clients, { now });
    inventory = new Inventory(reader, now);
    ui = new ScriptedUserInput();
    reports = [];
    progressTitles = [];
    const account = emulatorToolAccount({
      emulator,
      clients,
      inventory,
      ui,
      onProgress: (title) => progressTitles.push(title),
      onReport: (report) => reports.push(report),
    });
    runner = toolRunnerOn(account, [wakeComponentTool as AgentTool, sleepComponentTool as AgentTool]);
  });

  afterEach(async () => {
    ui.assertUsed();
    clients.destroy();
    await emulator.close();
  });

  async function copies(name: string): Promise<{ desired?: number; current?: number }> {
    const sdk = await loadSdk();
    const described = await clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: name }));
    return { desired: described.RuntimeConfig?.DesiredCopyCount, current: described.RuntimeConfig?.CurrentCopyCount };
  }

  it('proposes the one-call plan to wake demo-embeddings with Set Copy Count\'s words and the cost of the instance it starts, then runs it through the plan session', async () => {
    const prepared = await runner.prepare(wake, { inferenceComponentName: 'demo-embeddings' });
    assert.equal(prepared.invocationMessage, 'Waking demo-embeddings…');
    assert.ok(prepared.confirmation);
    assert.equal(prepared.confirmation.title, 'Set demo-embeddings to 1 copy?');
    const message = plain(prepared.confirmation.message);
    assert.match(message, /^Instances are started as needed and bill while 1 copy runs; a wake from zero takes several minutes\./);
    assert.match(message, /\*\*Cost:\*\* No instance runs on endpoint demo-cold: the wake starts 1 × ml\.g5\.xlarge ≈ \$1\.41\/h while running/);
    assert.match(message, /\*\*The call\*\* \(local emulator \(us-east-1\)\): `UpdateInferenceComponentRuntimeConfig` with InferenceComponentName `demo-embeddings`, DesiredRuntimeConfig\.CopyCount `1`\.$/);
    assert.deepEqual(await copies('demo-embeddings'), { desired: 0, current: 0 }, 'preparing changes nothing');

    const answer = await runner.invoke(wake, { inferenceComponentName: 'demo-embeddings' });
    assert.match(answer, /^Done: Set demo-embeddings to 1 copy \(1 call\)\.\n- Set the copy count of demo-embeddings to 1\nThe wake takes several minutes .*sagemakerScaleToZero_listEndpoints until demo-embeddings is Warm\.$/);
    assert.deepEqual(progressTitles, ['Set demo-embeddings to 1 copy'], 'the plan session ran it, in its progress notification');
    assert.deepEqual(reports[0].plan, copyCountPlan('demo-embeddings', 1));
    assert.equal((await copies('demo-embeddings')).desired, 1);
  });

  it('answers without a confirmation when the component already has copies, names an adapter\'s base, and fails plainly on a name that is not there', async () => {
    const warm = await runner.prepare(wake, { inferenceComponentName: 'demo-llama3-8b' });
    assert.equal(warm.confirmation, undefined);
    assert.equal(plain(await runner.invoke(wake, { inferenceComponentName: 'demo-llama3-8b' })), 'Nothing to wake: demo-llama3-8b already has 1 copy (Warm) in local emulator (us-east-1). Nothing was changed.');

    const sdk = await loadSdk();
    await clients.sageMaker.send(
      new sdk.CreateInferenceComponentCommand({
        InferenceComponentName: 'llama-sql',
        EndpointName: 'demo-scale-to-zero',
        VariantName: 'AllTraffic',
        Specification: { BaseInferenceComponentName: 'demo-llama3-8b', Container: { ArtifactUrl: 's3://adapters-bucket/llama-sql/' } },
      }),
    );
    for (const tool of [wake, sleep]) {
      assert.equal((await runner.prepare(tool, { inferenceComponentName: 'llama-sql' })).confirmation, undefined);
      const answer = plain(await runner.invoke(tool, { inferenceComponentName: 'llama-sql' }));
      assert.match(answer, /^Nothing was changed: llama-sql is an adapter of demo-llama3-8b \(local emulator \(us-east-1\)\)\. It has no copies of its own/);
      assert.match(answer, new RegExp(`\\(${tool} with inferenceComponentName "demo-llama3-8b"\\)`));
    }

    await assert.rejects(runner.prepare(wake, { inferenceComponentName: 'no-such-ic' }), (error: unknown) => {
      assert.ok(error instanceof AgentToolError);
      assert.equal(error.message, 'There is no inference component named no-such-ic in local emulator (us-east-1): sagemakerScaleToZero_listEndpoints lists the ones there are (names are case-sensitive).');
      return true;
    });
    assert.deepEqual(reports, [], 'no plan ran');
  });

  it('refuses to put demo-mistral-7b to sleep, as its instance would keep billing, with Set Copy Count\'s reasons and the fixes; allowBillingInstances confirms with the warning', async () => {
    const refused = await runner.prepare(sleep, { inferenceComponentName: 'demo-mistral-7b' });
    assert.equal(refused.confirmation, undefined);
    const answer = plain(await runner.invoke(sleep, { inferenceComponentName: 'demo-mistral-7b' }));
    assert.match(answer, /^Not done: demo-mistral-7b keeps 1 copy \(Warm\) in local emulator \(us-east-1\), because its instances would keep billing\./);
    assert.match(answer, /Setting 0 copies will not stop the bill: its scalable target's MinCapacity is 1: auto scaling sets the copies back to 1; endpoint demo-always-on keeps at least 1 instance/);
    assert.match(answer, /1 × ml\.g5\.2xlarge keep billing: ≈ \$1\.52\/h \(on-demand\)/);
    assert.match(answer, /\n- sagemakerScaleToZero_enableScaleToZero with inferenceComponentName "demo-mistral-7b": sets its scalable target's MinCapacity to 0/);
    assert.match(answer, /\n- A new endpoint config for the endpoint with managed instance scaling on and MinInstanceCount 0/);
    assert.match(answer, /\n- Or call sagemakerScaleToZero_sleepComponent again with allowBillingInstances true/);
    assert.equal((await copies('demo-mistral-7b')).desired, 1);

    const anyway = await runner.prepare(sleep, { inferenceComponentName: 'demo-mistral-7b', allowBillingInstances: true });
    assert.equal(anyway.confirmation?.title, 'Set demo-mistral-7b to 0 copies? Its instances will keep billing.');
    assert.match(plain(anyway.confirmation?.message ?? ''), /^Setting 0 copies will not stop the bill: .* To really scale to zero: run Enable Scale to Zero/);
    // Declined: VS Code never calls invoke, and nothing changed.
    assert.equal((await copies('demo-mistral-7b')).desired, 1);
    assert.deepEqual(reports, []);
  });

  it('puts demo-llama3-8b to sleep after the Put to Sleep wording, then answers that it already has 0 copies; waking it while its idle timeout is in ALARM warns of it', async () => {
    const prepared = await runner.prepare(sleep, { inferenceComponentName: 'demo-llama3-8b' });
    assert.equal(prepared.confirmation?.title, 'Set demo-llama3-8b to 0 copies?');
    assert.match(plain(prepared.confirmation?.message ?? ''), /^Requests fail with a no-capacity error until it wakes, and the instances stop billing once managed instance scaling releases them\.\n\n\*\*The call\*\*/);
    const answer = await runner.invoke(sleep, { inferenceComponentName: 'demo-llama3-8b' });
    assert.match(answer, /^Done: Set demo-llama3-8b to 0 copies \(1 call\)\.\n- Set the copy count of demo-llama3-8b to 0\nRequests to demo-llama3-8b are refused/);
    assert.equal((await copies('demo-llama3-8b')).desired, 0);

    const again = await runner.invoke(sleep, { inferenceComponentName: 'demo-llama3-8b' });
    assert.match(plain(again), /^Nothing to do: demo-llama3-8b already has 0 copies(, 1 running now)? \((Scaling in|Draining|Cold)[^)]*\) in local emulator/);

    // Without a request for longer than its idle timeout (15 minutes), the idle alarm is in ALARM: a wake would be undone.
    emulator.advance(20 * 60);
    const woken = await runner.prepare(wake, { inferenceComponentName: 'demo-llama3-8b' });
    assert.equal(woken.confirmation?.title, 'Set demo-llama3-8b to 1 copy?');
    assert.match(plain(woken.confirmation?.message ?? ''), /\n\nIts idle timeout \(15 minutes\) is in ALARM: .* sets 0 copies again within about a minute\./);
    assert.match(plain(woken.confirmation?.message ?? ''), /\*\*Cost:\*\* No instance runs on endpoint demo-scale-to-zero: the wake starts 1 × ml\.g5\.2xlarge ≈ \$1\.52\/h .*\(or, when ml\.g5\.2xlarge has no capacity, 1 × ml\.g6\.2xlarge/);
  });

  it('runs nothing that was not confirmed: an invoke without its confirmation, or after the account changed, changes nothing', async () => {
    const unconfirmed = await runner.invoke(wake, { inferenceComponentName: 'demo-embeddings' });
    assert.match(unconfirmed, /^Nothing was changed: "Set demo-embeddings to 1 copy" is not the plan the user confirmed \(no confirmation was shown for it\)/);
    assert.deepEqual(await copies('demo-embeddings'), { desired: 0, current: 0 });

    // Confirmed as a sleep of demo-llama3-8b; meanwhile someone else set it to 0: the tool now answers instead of running.
    await runner.prepare(sleep, { inferenceComponentName: 'demo-llama3-8b' });
    const sdk = await loadSdk();
    await clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: 0 } }));
    assert.match(plain(await runner.invoke(sleep, { inferenceComponentName: 'demo-llama3-8b' })), /^Nothing to do: demo-llama3-8b already has 0 copies/);
    assert.deepEqual(reports, []);
  });

  it('a call that fails (the emulator denies it) is rolled back when the user says so: nothing was written over, the count is as it was', async () => {
    await runner.prepare(wake, { inferenceComponentName: 'demo-embeddings' });
    await setFaults(emulator.url, { accessDenied: ['UpdateInferenceComponentRuntimeConfig'] });
    ui.answerPick('rollback');
    const answer = await runner.invoke(wake, { inferenceComponentName: 'demo-embeddings' });
    await setFaults(emulator.url, null);
    assert.match(ui.asked[0], /^pick: Set demo-embeddings to 1 copy stopped: /);
    assert.match(answer, /^Set demo-embeddings to 1 copy stopped: Step 1 of 1 failed \(sagemaker UpdateInferenceComponentRuntimeConfig, "Set the copy count of demo-embeddings to 1"\): .*not authorized.*\. What it had changed was rolled back: the account is as it was\.$/);
    const [report] = reports;
    assert.equal(report.runs[0].status, 'failed');
    assert.deepEqual(report.runs[0].overwritten, [], 'no overwrite recorded for a copy count');
    assert.deepEqual(report.rollback?.restored, []);
    assert.equal(report.rollback?.status, 'succeeded');
    assert.deepEqual(await copies('demo-embeddings'), { desired: 0, current: 0 });
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createEndpointCommand } from '../../src/wizards/ui/createEndpointCommand';
import { enableScaleToZeroCommand } from '../../src/wizards/ui/enableScaleToZeroCommand';
import { scheduleSleepWakeCommand } from '../../src/wizards/ui/scheduleSleepWakeCommand';
import { pick, pickMany, review, ScriptedUserInput, type } from '../support/scriptedUserInput';
import { createEndpointScript } from '../support/wizardScripts';
import { loadSdk } from '../../src/aws/clients';
import { emulatorControl } from './support/emulatorControl';
import { wizardCommandContext } from './support/wizardCommandContext';
import { assertReadyButForSingleType } from '../support/singleTypeWarning';

describe('Wizards through their commands, against the local emulator', function () {
  this.timeout(120_000);
  let wizards: Awaited<ReturnType<typeof wizardCommandContext>>;

  const { control, resources } = emulatorControl(() => wizards.emulatorUrl);

  /** The user answering the pages of Create Scale-to-Zero Endpoint; what to do when the plan stops is appended. */
  const createScript = (endpoint: string) => new ScriptedUserInput(createEndpointScript(endpoint));

  before(async () => {
    // A fast clock: the plans wait for endpoints (about 3 minutes) and copies (about 4) in real time.
    wizards = await wizardCommandContext({ timeScale: 600 });
  });

  afterEach(async () => {
    await control('faults', 'DELETE');
  });

  after(async () => {
    await wizards.close();
  });

  it('Enable Scale to Zero repairs demo-mistral-7b, after which its own readiness checks pass', async () => {
    const inventory = wizards.connections.current!.inventory;
    await inventory.refresh({ full: true });
    assert.equal(inventory.readiness('demo-always-on')!.components[0].verdict, 'notReady');
    const script = new ScriptedUserInput([pickMany(/MinCapacity to 0/, /step policy/, /NoCapacity alarm/), type('3'), review('run')]);
    const report = await enableScaleToZeroCommand(wizards.context(script))({
      kind: 'inferenceComponent',
      name: 'demo-mistral-7b',
    });
    assert.equal(report?.runs.at(-1)?.status, 'succeeded', report?.runs.at(-1)?.message);
    assert.equal(script.remaining, 0, 'every scripted answer was used');
    assert.equal(script.pages[0].step.title, 'Enable Scale to Zero');
    await inventory.refresh({ full: true });
    const readiness = inventory.readiness('demo-always-on')!;
    assert.equal(readiness.components[0].verdict, 'ready', JSON.stringify(readiness.components[0].checks));
    // The endpoint itself still keeps one instance: that is its config, which no wizard changes in place.
    assert.equal(readiness.checks.find((check) => check.id === 'managedScaling')?.status, 'fail');
  });

  it('Create Scale-to-Zero Endpoint runs its plan, and the new endpoint is ready to scale to zero', async () => {
    const report = await createEndpointCommand(wizards.context(createScript('wizard-endpoint')))();
    assert.equal(report?.runs.at(-1)?.status, 'succeeded', report?.runs.at(-1)?.message);
    const inventory = wizards.connections.current!.inventory;
    await inventory.refresh({ full: true });
    assert.ok(inventory.endpoint('wizard-endpoint'), 'the endpoint is listed');
    assertReadyButForSingleType(inventory.readiness('wizard-endpoint')); // issue 17: one GPU type warns
  });

  it('rolls back what a failed wizard created, leaving the account exactly as it was', async () => {
    const before = await resources();
    await control('faults', 'POST', { errorRate: 1, operations: ['PutMetricAlarm'] });
    const choices = createScript('doomed-endpoint').answerPick('rollback');
    const report = await createEndpointCommand(wizards.context(choices))();
    assert.equal(report?.runs[0]?.status, 'failed');
    assert.match(choices.asked[0], /stopped/);
    assert.equal(report?.rollback?.status, 'succeeded', JSON.stringify(report?.rollback?.notDeleted));
    assert.ok((report?.rollback?.deleted.length ?? 0) >= 4, 'it had created the model, config, endpoint, IC and more');
    assert.deepEqual(await resources(), before);
  });

  it('resumes a plan left half-built when the wizard runs again', async () => {
    await control('faults', 'POST', { errorRate: 1, operations: ['PutScalingPolicy'] });
    const failed = await createEndpointCommand(wizards.context(createScript('resumed-endpoint').answerPick('leave')))();
    assert.equal(failed?.runs[0]?.status, 'failed');
    assert.ok((failed?.runs[0]?.created.length ?? 0) >= 4, 'the model, config, endpoint and IC were created');

    await control('faults', 'DELETE');
    const choices = new ScriptedUserInput().answerPick('resume');
    const resumed = await createEndpointCommand(wizards.context(choices))();
    assert.match(choices.asked[0], /stopped half-way/);
    assert.deepEqual(choices.pages, [], 'resuming asks no wizard page');
    assert.equal(resumed?.action, 'resume');
    assert.equal(resumed?.runs[0]?.status, 'succeeded', resumed?.runs[0]?.message);
    assert.ok((resumed?.runs[0]?.skipped.length ?? 0) >= 4, 'what existed was skipped');
    const inventory = wizards.connections.current!.inventory;
    await inventory.refresh({ full: true });
    assertReadyButForSingleType(inventory.readiness('resumed-endpoint')); // issue 17: one GPU type warns
  });

  it('exports the schedule wizard\'s plan as a CloudFormation template in an editor', async () => {
    const report = await scheduleSleepWakeCommand(
      wizards.context(
        new ScriptedUserInput([
        pick('Set the copy count'),
        type('Europe/Paris'),
        pick('Weekdays 07:00–19:00'),
        type('1'),
        type('llama-sleep'),
        type('llama-wake'),
        pick('Enter a role ARN…'),
        type('arn:aws:iam::123456789012:role/SchedulerRole'),
        review('exportCloudFormation'),
        ]),
      ),
    )({ kind: 'inferenceComponent', name: 'demo-llama3-8b' });
    assert.equal(report?.action, 'exportCloudFormation');
    assert.match(report?.exported ?? '', /AWS::Scheduler::Schedule/);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'yaml');
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /AWS::Scheduler::Schedule/);
  });

  it('exports a delete/recreate schedule of a component with HF_TOKEN with a placeholder in the editor, not the token (issue 14, item 6)', async () => {
    const token = 'hf_SeCrEtCaNaRy0123456789abcdefXYZ';
    const active = wizards.connections.current!;
    const sdk = await loadSdk();
    await active.clients.sageMaker.send(
      new sdk.CreateInferenceComponentCommand({
        InferenceComponentName: 'gated-llm',
        EndpointName: 'demo-scale-to-zero',
        Specification: {
          ModelName: 'demo-llama3-8b-model',
          Container: { Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2', Environment: { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', HF_TOKEN: token } },
          ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 },
        },
        RuntimeConfig: { CopyCount: 1 },
      }),
    );
    const script = new ScriptedUserInput([
      pick('Delete and recreate the inference component'),
      pick(/^Copy HF_TOKEN into the schedule/),
      type('UTC'),
      pick(/^Weekends off/),
      type('1'),
      type('gated-sleep'),
      type('gated-wake'),
      pick('Enter a role ARN…'),
      type('arn:aws:iam::123456789012:role/SchedulerRole'),
      review('exportBoto3'),
      pick(/^Placeholders instead of the values/),
    ]);
    const report = await scheduleSleepWakeCommand(wizards.context(script))({ kind: 'inferenceComponent', name: 'gated-llm' });
    assert.equal(report?.action, 'exportBoto3');
    assert.ok(JSON.stringify(report?.plan).includes(token), 'the user chose to copy the token into the schedule');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'python');
    assert.match(text, /create_schedule/);
    assert.ok(!text.includes(token), 'the exported script holds the token');
    assert.match(text, /<redacted: HF_TOKEN>/);
  });
});

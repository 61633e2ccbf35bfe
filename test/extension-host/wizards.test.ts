import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { pick, pickMany, review, ScriptedPrompter as WizardScript, type } from '../unit/wizards/support/scriptedPrompter';
import { createEndpointScript } from '../unit/wizards/support/scripts';
import { emulatorControl } from './support/emulatorControl';
import { ScriptedPrompter } from './support/scriptedPrompter';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';


describe('Wizards through their commands, against the local emulator', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let emulatorUrl: string;

  const { control, resources } = emulatorControl(() => emulatorUrl);

  const createScript = createEndpointScript;

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    // A fast clock: the plans wait for endpoints (about 3 minutes) and copies (about 4) in real time.
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 600 });
    emulatorUrl = api.connections.current!.emulator!.url;
  });

  afterEach(async () => {
    api.setWizardPrompter(undefined);
    api.setPrompter(undefined);
    await control('faults', 'DELETE');
  });

  after(async () => {
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('Enable Scale to Zero repairs demo-mistral-7b, after which its own readiness checks pass', async () => {
    const inventory = api.connections.current!.inventory;
    await inventory.refresh({ full: true });
    assert.equal(inventory.readiness('demo-always-on')!.components[0].verdict, 'notReady');
    const script = new WizardScript([pickMany(/MinCapacity to 0/, /step policy/, /NoCapacity alarm/), type('3'), review('run')]);
    api.setWizardPrompter(script);
    await vscode.commands.executeCommand('sagemakerScaleToZero.enableScaleToZero', {
      kind: 'inferenceComponent',
      id: 'ic:demo-mistral-7b',
      name: 'demo-mistral-7b',
      endpointName: 'demo-always-on',
    });
    const report = api.lastWizardRun();
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
    api.setWizardPrompter(new WizardScript(createScript('wizard-endpoint')));
    await vscode.commands.executeCommand('sagemakerScaleToZero.createEndpoint');
    const report = api.lastWizardRun();
    assert.equal(report?.runs.at(-1)?.status, 'succeeded', report?.runs.at(-1)?.message);
    const inventory = api.connections.current!.inventory;
    await inventory.refresh({ full: true });
    assert.ok(inventory.endpoint('wizard-endpoint'), 'the endpoint is listed');
    assert.equal(inventory.readiness('wizard-endpoint')?.verdict, 'ready');
  });

  it('rolls back what a failed wizard created, leaving the account exactly as it was', async () => {
    const before = await resources();
    await control('faults', 'POST', { errorRate: 1, operations: ['PutMetricAlarm'] });
    api.setWizardPrompter(new WizardScript(createScript('doomed-endpoint')));
    const choices = new ScriptedPrompter().answerPick('rollback');
    api.setPrompter(choices);
    await vscode.commands.executeCommand('sagemakerScaleToZero.createEndpoint');
    const report = api.lastWizardRun();
    assert.equal(report?.runs[0]?.status, 'failed');
    assert.match(choices.asked[0], /stopped/);
    assert.equal(report?.rollback?.status, 'succeeded', JSON.stringify(report?.rollback?.notDeleted));
    assert.ok((report?.rollback?.deleted.length ?? 0) >= 4, 'it had created the model, config, endpoint, IC and more');
    assert.deepEqual(await resources(), before);
  });

  it('resumes a plan left half-built when the wizard runs again', async () => {
    await control('faults', 'POST', { errorRate: 1, operations: ['PutScalingPolicy'] });
    api.setWizardPrompter(new WizardScript(createScript('resumed-endpoint')));
    api.setPrompter(new ScriptedPrompter().answerPick('leave'));
    await vscode.commands.executeCommand('sagemakerScaleToZero.createEndpoint');
    const failed = api.lastWizardRun();
    assert.equal(failed?.runs[0]?.status, 'failed');
    assert.ok((failed?.runs[0]?.created.length ?? 0) >= 4, 'the model, config, endpoint and IC were created');

    await control('faults', 'DELETE');
    const choices = new ScriptedPrompter().answerPick('resume');
    api.setPrompter(choices);
    api.setWizardPrompter(new WizardScript([])); // resuming asks no wizard page
    await vscode.commands.executeCommand('sagemakerScaleToZero.createEndpoint');
    assert.match(choices.asked[0], /stopped half-way/);
    const resumed = api.lastWizardRun();
    assert.equal(resumed?.action, 'resume');
    assert.equal(resumed?.runs[0]?.status, 'succeeded', resumed?.runs[0]?.message);
    assert.ok((resumed?.runs[0]?.skipped.length ?? 0) >= 4, 'what existed was skipped');
    const inventory = api.connections.current!.inventory;
    await inventory.refresh({ full: true });
    assert.equal(inventory.readiness('resumed-endpoint')?.verdict, 'ready');
  });

  it('exports the schedule wizard\'s plan as a CloudFormation template in an editor', async () => {
    api.setWizardPrompter(
      new WizardScript([
        pick('Set the copy count'),
        type('Europe/Paris'),
        pick('Weekdays 07:00–19:00'),
        type('1'),
        type('llama-sleep'),
        type('llama-wake'),
        type('arn:aws:iam::123456789012:role/SchedulerRole'),
        review('exportCloudFormation'),
      ]),
    );
    await vscode.commands.executeCommand('sagemakerScaleToZero.scheduleSleepWake', {
      kind: 'inferenceComponent',
      id: 'ic:demo-llama3-8b',
      name: 'demo-llama3-8b',
      endpointName: 'demo-scale-to-zero',
    });
    const report = api.lastWizardRun();
    assert.equal(report?.action, 'exportCloudFormation');
    assert.match(report?.exported ?? '', /AWS::Scheduler::Schedule/);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'yaml');
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /AWS::Scheduler::Schedule/);
  });
});

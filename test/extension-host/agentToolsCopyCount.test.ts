// The agent tools sagemakerScaleToZero_wakeComponent and sagemakerScaleToZero_sleepComponent in a real
// VS Code, through vscode.lm.invokeTool on the demo emulator: their confirmation (Set Copy Count's words,
// read through the extension's own runner, as VS Code confirms tool calls itself while tests run) and
// their effect, read back with DescribeInferenceComponent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadSdk } from '../../src/aws/clients';
import { type ExtensionApi } from '../../src/extension';
import { emulatorControl } from './support/emulatorControl';
import { extensionApi, invokeTool, prepareTool } from './support/agentTools';

const wake = 'sagemakerScaleToZero_wakeComponent';
const sleep = 'sagemakerScaleToZero_sleepComponent';

/** Markdown as the user reads it: backslash escapes removed. */
const plain = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('Agent tools wakeComponent and sleepComponent, through vscode.lm.invokeTool (issue 21)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let emulatorUrl: string;
  const { control } = emulatorControl(() => emulatorUrl);

  async function desiredCopies(name: string): Promise<number | undefined> {
    const sdk = await loadSdk();
    const described = await api.connections.current!.clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: name }));
    return described.RuntimeConfig?.DesiredCopyCount;
  }

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    emulatorUrl = api.connections.current!.emulator!.url;
    await control('reset', 'POST', { scenario: 'demo' });
    await api.connections.current!.inventory.refresh({ full: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('lists both tools while connected', () => {
    const names = vscode.lm.tools.map((tool) => tool.name);
    assert.ok(names.includes(wake) && names.includes(sleep), names.join(', '));
  });

  it('wakes demo-embeddings after a confirmation in Set Copy Count\'s words with the cost of the instance it starts', async () => {
    const prepared = await prepareTool(wake, { inferenceComponentName: 'demo-embeddings' });
    assert.equal(prepared.confirmation?.title, 'Set demo-embeddings to 1 copy?');
    const message = plain(prepared.confirmation?.message ?? '');
    assert.match(message, /^Instances are started as needed and bill while 1 copy runs; a wake from zero takes several minutes\./);
    assert.match(message, /\*\*Cost:\*\* No instance runs on endpoint demo-cold: the wake starts 1 × ml\.g5\.xlarge ≈ \$1\.41\/h/);
    assert.match(message, /`UpdateInferenceComponentRuntimeConfig` with InferenceComponentName `demo-embeddings`, DesiredRuntimeConfig\.CopyCount `1`/);
    assert.equal(await desiredCopies('demo-embeddings'), 0, 'the confirmation changes nothing');

    const answer = await invokeTool(wake, { inferenceComponentName: 'demo-embeddings' });
    assert.match(answer, /^Done: Set demo-embeddings to 1 copy \(1 call\)\.\n- Set the copy count of demo-embeddings to 1\nThe wake takes several minutes/);
    assert.equal(await desiredCopies('demo-embeddings'), 1);
    // Now it has a copy: the tool answers, asking nothing.
    assert.equal((await prepareTool(wake, { inferenceComponentName: 'demo-embeddings' })).confirmation, undefined);
    assert.match(plain(await invokeTool(wake, { inferenceComponentName: 'demo-embeddings' })), /^Nothing to wake: demo-embeddings already has 1 copy/);
  });

  it('puts demo-llama3-8b to sleep after the Put to Sleep wording', async () => {
    const prepared = await prepareTool(sleep, { inferenceComponentName: 'demo-llama3-8b' });
    assert.equal(prepared.confirmation?.title, 'Set demo-llama3-8b to 0 copies?');
    assert.match(plain(prepared.confirmation?.message ?? ''), /^Requests fail with a no-capacity error until it wakes, and the instances stop billing once managed instance scaling releases them\./);
    const answer = await invokeTool(sleep, { inferenceComponentName: 'demo-llama3-8b' });
    assert.match(answer, /^Done: Set demo-llama3-8b to 0 copies \(1 call\)\./);
    assert.equal(await desiredCopies('demo-llama3-8b'), 0);
  });

  it('a wake confirmed but never run (the user declined) changes nothing, and a run without a confirmation is refused', async () => {
    const prepared = await prepareTool(wake, { inferenceComponentName: 'demo-llama3-8b' });
    assert.equal(prepared.confirmation?.title, 'Set demo-llama3-8b to 1 copy?');
    // Declined: VS Code does not call the tool's invoke (the dialog itself is tested end to end, in test/e2e).
    assert.equal(await desiredCopies('demo-llama3-8b'), 0);
    // A run no confirmation was shown for (the runner called directly, without its prepare) is refused.
    assert.match(await api.agentTools.invoke(sleep, { inferenceComponentName: 'demo-embeddings' }), /^Nothing was changed: "Set demo-embeddings to 0 copies" is not the plan the user confirmed \(no confirmation was shown for it\)/);
    assert.equal(await desiredCopies('demo-embeddings'), 1);
  });

  it('refuses to put demo-mistral-7b to sleep without any confirmation, saying why its instance would keep billing and how to fix it', async () => {
    assert.equal((await prepareTool(sleep, { inferenceComponentName: 'demo-mistral-7b' })).confirmation, undefined);
    const answer = plain(await invokeTool(sleep, { inferenceComponentName: 'demo-mistral-7b' }));
    assert.match(answer, /^Not done: demo-mistral-7b keeps 1 copy \(Warm\) in local emulator/);
    assert.match(answer, /Setting 0 copies will not stop the bill: its scalable target's MinCapacity is 1/);
    assert.match(answer, /sagemakerScaleToZero_enableScaleToZero with inferenceComponentName "demo-mistral-7b"/);
    assert.equal(await desiredCopies('demo-mistral-7b'), 1);
  });
});

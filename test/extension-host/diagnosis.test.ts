// Failures explained and the explained cold start (issue 19) in a real VS Code: the tree's `Why:` row
// under a component whose wake failed, Explain Failure opening its explanation, Explain Cold Start…
// opening the report of a wake, and its export saving the Markdown where the (scripted) user chose.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { createClients, loadSdk } from '../../src/aws/clients';
import { type ConnectionManager } from '../../src/connection/ui/connectionManager';
import { ColdStartCommands } from '../../src/diagnosis/ui/diagnosisCommands';
import { type FailureExplanation } from '../../src/diagnosis/failures/failureExplanation';
import { type ExtensionApi } from '../../src/extension';
import { type ExplorerNode } from '../../src/explorer/ui/treeNodes';
import { type LogsHandle } from '../../src/logs/host/logsPanel';
import { type HostToLogs } from '../../src/logs/protocol';
import { Logger } from '../../src/logging/logger';
import { saveAs, ScriptedUserInput } from '../support/scriptedUserInput';
import { emulatorControl } from './support/emulatorControl';
import { waitFor } from './support/waitFor';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';

const component = 'demo-llama3-8b';

describe('Failures explained and cold starts explained, in the extension host (issue 19)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let emulatorUrl: string;
  const { control } = emulatorControl(() => emulatorUrl);
  const advance = (seconds: number) => control('clock', 'POST', { advanceSeconds: seconds });
  const inventory = () => api.connections.current!.inventory;

  async function invoke(): Promise<void> {
    const sdk = await loadSdk();
    await api.connections.current!.clients.runtime.send(
      new sdk.InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: component, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hi' }) }),
    );
  }

  async function componentNode(): Promise<ExplorerNode> {
    const endpoint = (await api.explorer.getChildren()).find((node) => node.kind === 'endpoint' && node.name === 'demo-scale-to-zero')!;
    return (await api.explorer.getChildren(endpoint)).find((node) => node.kind === 'inferenceComponent' && node.name === component)!;
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    emulatorUrl = api.connections.current!.emulator!.url;
    // The demo's component idles to zero (its idle timeout and the instance's release).
    await advance(30 * 60);
  });

  after(async () => {
    await control('faults', 'DELETE');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('shows a `Why:` row under a component whose wake found no capacity, and Explain Failure opens the explanation', async () => {
    await control('faults', 'POST', { insufficientCapacity: ['ml.g5.2xlarge', 'ml.g6.2xlarge'] });
    await assert.rejects(invoke(), /no capacity/);
    await advance(10 * 60);
    await inventory().refresh({ full: true });
    const node = await componentNode();
    assert.equal(api.explorer.getTreeItem(node).collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'a failed component opens on its Why row');
    const [first] = await api.explorer.getChildren(node);
    const item = api.explorer.getTreeItem(first);
    assert.equal(item.label, 'Why: no ml.g5.2xlarge capacity');
    assert.equal(item.contextValue, 'failureExplanation');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(item.command?.command, 'sagemakerScaleToZero.explainFailure');
    assert.match((item.tooltip as vscode.MarkdownString).value, /InsufficientInstanceCapacity/);

    const explanation = await vscode.commands.executeCommand<FailureExplanation>(item.command.command, ...(item.command.arguments ?? []));
    assert.equal(explanation.kind, 'insufficientCapacity');
    const path = `/why/inferenceComponent/${component}.md`;
    await waitFor(() => api.documents.isOpen(path), 'the explanation open in a Markdown preview');
    const text = api.documents.text(path)!;
    assert.match(text, /^# Why inference component demo-llama3-8b failed: no ml\.g5\.2xlarge capacity/);
    assert.match(text, /## Raw message[\s\S]*Unable to provision requested ML compute capacity due to InsufficientInstanceCapacity error/);

    // Show Logs on the failed component: above the earlier container's lines, a notice that the failed wake started none.
    const logs = await vscode.commands.executeCommand<LogsHandle>('sagemakerScaleToZero.showLogs', node);
    await logs.session.handle({ type: 'ready', state: { target: { kind: 'inferenceComponent', name: component, endpointName: 'demo-scale-to-zero' }, range: '3h', filter: '', follow: false } });
    const statuses = () => logs.posted.filter((message): message is Extract<HostToLogs, { type: 'status' }> => message.type === 'status');
    await waitFor(() => statuses().some((status) => status.notices.length > 0), 'the logs view\'s notices');
    const [failure] = statuses().at(-1)!.notices;
    assert.equal(failure.kind, 'failure');
    assert.match(failure.message, /^Inference component demo-llama3-8b failed at [\d: -]+: no ml\.g5\.2xlarge capacity\. No container started for it, so it wrote no line here/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Explain Cold Start… opens the report of the wake a refused request started, and Export saves it as Markdown', async () => {
    await control('faults', 'DELETE');
    // The failed wake left the component waiting for a copy (desired 1): back to 0 first, so the next refusal starts a wake of its own.
    const own = await createClients(api.connections.current!.connection);
    const sdk = await loadSdk();
    await own.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: component, DesiredRuntimeConfig: { CopyCount: 0 } }));
    own.destroy();
    await advance(5 * 60);
    const refusedAt = ((await control('clock', 'GET')) as { now: number }).now * 1000;
    await assert.rejects(invoke(), /no capacity/);
    for (let step = 0; step < 60; step++) {
      await advance(10);
      await inventory().refresh();
      if ((inventory().component(component)?.snapshot?.currentCopyCount ?? 0) > 0) break;
    }
    await invoke();
    // The scaling activity ends Successful at the emulator's next tick after the copy serves.
    await advance(30);
    await inventory().refresh({ full: true });
    assert.equal(inventory().failures.get('inferenceComponent', component), undefined, 'the Why row goes once a wake went through');

    const log: string[] = [];
    const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: (line) => log.push(line), warn: (line) => log.push(line), error: (line) => log.push(line) });
    const folder = mkdtempSync(join(tmpdir(), 's2z-cold-start-'));
    const ui = new ScriptedUserInput([saveAs(join(folder, 'report.md'))]);
    // The extension's clients come from its own SDK bundle; this module's code needs clients of its own SDK copy.
    const active = api.connections.current!;
    const clients = await createClients(active.connection);
    const connections = { current: { ...active, clients } } as unknown as ConnectionManager;
    const commands = new ColdStartCommands({ ui, connections, documents: api.documents, logger });
    const shown = await commands.explain()({ component, refusedAt });
    assert.ok(shown, log.join('\n'));
    assert.equal(shown.wake.outcome, 'succeeded');
    assert.equal(shown.wake.moments.refusedAt?.getTime(), refusedAt);
    assert.match(shown.markdown, /^# Cold start: demo-llama3-8b at /);
    await waitFor(
      () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((candidate) => candidate.label.startsWith('Preview Cold start: demo-llama3-8b at ')),
      'the report open in a Markdown preview titled "Cold start: demo-llama3-8b at …"',
    );
    const saved = await commands.exportReport()();
    assert.equal(saved, join(folder, 'report.md'));
    assert.equal(readFileSync(saved, 'utf8'), shown.markdown);
    clients.destroy();
    assert.deepEqual(ui.asked, [`save: Export the cold start report as Markdown (cold-start-demo-llama3-8b-${shown.wake.activity.startTime.toISOString().replace(/:/g, '-').replace(/\..*$/, '')}.md)`]);
  });

  it('registers the three commands under the names the end-to-end tests use', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['sagemakerScaleToZero.explainFailure', 'sagemakerScaleToZero.explainColdStart', 'sagemakerScaleToZero.exportColdStartReport']) assert.ok(commands.includes(id), id);
  });
});

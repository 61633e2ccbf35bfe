// The fault matrix of issue 9 through the real extension host: the extension's own tree, inventory,
// wizard commands and prompts against its own local emulator, with faults injected through the
// emulator's control API (throttling bursts, 5xx errors, latency spikes, a resource deleted by someone
// else, a wizard call failing, the emulator stopped and started again). After every case: nothing was
// rejected unhandled or thrown uncaught in the extension host, and no billed resource (endpoint,
// inference component) is in the emulator that the case did not create on purpose.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator } from '@s2z/emulator';
import { type ExtensionApi } from '../../src/extension';
import { type ExplorerNode } from '../../src/explorer/ui/treeNodes';
import { createEndpointCommand } from '../../src/wizards/ui/createEndpointCommand';
import { ScriptedUserInput } from '../support/scriptedUserInput';
import { createEndpointScript } from '../support/wizardScripts';
import { emulatorControl } from './support/emulatorControl';
import { wizardCommandContext } from './support/wizardCommandContext';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
const emulatorCredentials = { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' };

/** The demo scenario's rows with the clock frozen at its start (docs/emulator.md, explorer.test.ts). */
const demoRows = [
  'demo-always-on: Warm · 1 inst',
  '  demo-mistral-7b: Warm · 1 copy',
  'demo-cold: Cold · 0 inst',
  '  demo-embeddings: Cold · 0 copies',
  'demo-scale-to-zero: Warm · 1 inst',
  // Its idle timeout of 15 minutes, named on the row.
  '  demo-llama3-8b: Warm · 1 copy · idle 15m',
];
const demoBilled = {
  endpoints: ['demo-always-on', 'demo-cold', 'demo-scale-to-zero'],
  inferenceComponents: ['demo-embeddings', 'demo-llama3-8b', 'demo-mistral-7b'],
};


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describeValue = (value: unknown) => (value instanceof Error ? (value.stack ?? value.message) : String(value));

describe('Fault matrix through the extension host, against its own local emulator', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let emulatorUrl: string;
  /** What may be billed after the current case: the demo's, minus what a case deleted on purpose. */
  let expectedBilled = { endpoints: [...demoBilled.endpoints], inferenceComponents: [...demoBilled.inferenceComponents] };
  const rejections: unknown[] = [];
  const exceptions: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  const onException = (error: unknown) => exceptions.push(error);
  /** An emulator this file started itself (the restart case); closed in after(). */
  let restarted: { close(): Promise<void> } | undefined;

  const { control, resources } = emulatorControl(() => emulatorUrl);

  const setFaults = (faults: Record<string, unknown>) => control('faults', 'POST', faults);
  const clearFaults = () => control('faults', 'DELETE');


  const inventory = () => api.connections.current!.inventory;

  function label(node: ExplorerNode): { label: string; description: string; icon: string } {
    const item = api.explorer.getTreeItem(node);
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
    return { label: String(typeof item.label === 'object' ? item.label.label : item.label), description: String(item.description ?? ''), icon };
  }

  /** The tree as a user sees it: endpoint rows and, under each, its inference component rows. */
  async function treeRows(): Promise<string[]> {
    const lines: string[] = [];
    for (const node of await api.explorer.getChildren()) {
      const row = label(node);
      lines.push(row.description ? `${row.label}: ${row.description}` : `${row.label}`);
      if (node.kind !== 'endpoint') continue;
      for (const child of await api.explorer.getChildren(node)) {
        const childRow = label(child);
        lines.push(childRow.description ? `  ${childRow.label}: ${childRow.description}` : `  ${childRow.label}`);
      }
    }
    return lines;
  }

  /** The tree's message row, if it shows one in place of the endpoints. */
  async function messageRow(): Promise<{ id: string; text: string; icon: string } | undefined> {
    const roots = await api.explorer.getChildren();
    const message = roots.find((node) => node.kind === 'message');
    if (!message || message.kind !== 'message') return undefined;
    return { id: String(message.item.id), text: label(message).label, icon: label(message).icon };
  }

  /** The Refresh command's error row, once it shows (an automatic refresh that failed meanwhile may show its own row first). */
  async function loadErrorRow(): Promise<{ id: string; text: string; icon: string } | undefined> {
    const message = await messageRow();
    return message?.id === 'load-error' ? message : undefined;
  }

  async function waitFor<T>(find: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  /** A message a user can read: one or two sentences, no stack trace, no "[object Object]". */
  function assertPlain(message: string): void {
    assert.ok(message.length > 10 && message.length < 600, `message length ${message.length}: ${message}`);
    assert.doesNotMatch(message, /\n\s+at |\[object Object\]|undefined|TypeError|ReferenceError/, message);
  }

  /** No entry in the inventory carries a read error. */
  function assertNoEntryErrors(): void {
    const errors = [
      ...inventory().endpoints().filter((entry) => entry.error).map((entry) => `${entry.summary.name}: ${entry.error}`),
      ...inventory()
        .endpoints()
        .flatMap((entry) => inventory().componentsOf(entry.summary.name))
        .filter((entry) => entry.error)
        .map((entry) => `${entry.summary.name}: ${entry.error}`),
    ];
    assert.deepEqual(errors, [], 'no row keeps a read error');
  }

  before(async () => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    // A fresh emulator of this file's own; its clock stays frozen for the tree cases (rows are then
    // exactly comparable) and runs at 600× while a wizard's plan waits for its endpoint.
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    const active = api.connections.current;
    assert.ok(active?.emulator, 'the local emulator is connected');
    emulatorUrl = active.emulator.url;
    assert.deepEqual(await resources().then((state) => state.endpoints), demoBilled.endpoints, 'a fresh demo account');
    await inventory().refresh({ full: true });
    assert.deepEqual(await treeRows(), demoRows);
  });

  afterEach(async function () {
    await clearFaults();
    // Pending rejections surface after the microtask queue drains and a timer tick.
    await sleep(100);
    assert.deepEqual(rejections.map(describeValue), [], `no unhandled promise rejection in "${this.currentTest?.title}"`);
    assert.deepEqual(exceptions.map(describeValue), [], `no uncaught exception in "${this.currentTest?.title}"`);
    const state = await resources();
    assert.deepEqual(
      { endpoints: state.endpoints, inferenceComponents: state.inferenceComponents },
      expectedBilled,
      `no billed resource left that "${this.currentTest?.title}" did not create on purpose`,
    );
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
    await restarted?.close();
  });

  it('a throttling burst on the Describe calls: a refresh goes through (adaptive retry) or fails plainly, and the rows are right after it', async () => {
    await control('requests', 'DELETE');
    await setFaults({
      throttleRate: 0.5,
      operations: ['DescribeEndpoint', 'DescribeInferenceComponent', 'DescribeScalableTargets', 'DescribeScalingPolicies', 'DescribeAlarms', 'DescribeScalingActivities', 'DescribeScheduledActions'],
    });
    const burst = sleep(1_500).then(clearFaults);
    const started = Date.now();
    const outcome = await inventory()
      .refresh({ full: true })
      .then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
    await burst;
    if ('error' in outcome) {
      assertPlain(outcome.error instanceof Error ? outcome.error.message : String(outcome.error));
    } else {
      assert.ok(Date.now() - started < 20_000, `the refresh took ${Date.now() - started} ms through a 1.5 s burst`);
    }
    const counts = (await control('requests', 'GET')) as { totalThrottled: number };
    assert.ok(counts.totalThrottled >= 1, 'the burst throttled calls');

    await inventory().refresh({ full: true });
    assertNoEntryErrors();
    assert.deepEqual(await treeRows(), demoRows);
  });

  it('5xx errors on every call: the tree shows a plain message row, then recovers once they stop', async () => {
    await setFaults({ errorRate: 1 });
    const repaints: (ExplorerNode | undefined)[] = [];
    const subscription = api.explorer.onDidChangeTreeData((node) => repaints.push(node));
    try {
      await vscode.commands.executeCommand('sagemakerScaleToZero.refresh');
      const message = await waitFor(loadErrorRow, 'the error row');
      assert.equal(message.id, 'load-error');
      assert.equal(message.icon, 'warning');
      assertPlain(message.text);
      assert.match(message.text, /List endpoints/);
      assert.match(message.text, /InternalFailure|internal|server/i);
      assert.ok(repaints.includes(undefined), 'the view was told to show the error row');
      // An automatic refresh meanwhile fails too, but never crashes (the scheduler only logs it).
      await assert.rejects(inventory().refresh());

      await clearFaults();
      repaints.length = 0;
      // The automatic refresh (the scheduler calls the inventory, not the command) ends the outage too.
      await inventory().refresh();
      assert.equal(await messageRow(), undefined, 'an automatic refresh that works removes the error row');
      assert.ok(repaints.includes(undefined), 'and tells the view to repaint');
      repaints.length = 0;
      await setFaults({ errorRate: 1 });
      await vscode.commands.executeCommand('sagemakerScaleToZero.refresh');
      await waitFor(loadErrorRow, 'the error row again');
      await clearFaults();
      repaints.length = 0;
      await vscode.commands.executeCommand('sagemakerScaleToZero.refresh');
      const rows = await waitFor(async () => ((await messageRow()) ? undefined : treeRows()), 'the endpoint rows again');
      assert.deepEqual(rows, demoRows);
      assert.ok(repaints.includes(undefined), 'the Refresh command that works repaints the view');
      assertNoEntryErrors();
    } finally {
      subscription.dispose();
    }
  });

  it('5xx errors during automatic refreshes: a "Refresh failed … · retrying" row tops the last rows read, and goes once an automatic refresh works', async () => {
    const settings = vscode.workspace.getConfiguration('sagemakerScaleToZero');
    const interval = settings.inspect<number>('refreshIntervalSeconds')?.globalValue;
    // The view is open (the activation tests opened it), so the scheduler refreshes every 5 s.
    await vscode.commands.executeCommand('workbench.view.extension.sagemakerScaleToZero');
    await settings.update('refreshIntervalSeconds', 5, vscode.ConfigurationTarget.Global);
    try {
      await setFaults({ errorRate: 1 });
      const failed = await waitFor(async () => {
        const roots = await api.explorer.getChildren();
        return roots[0]?.kind === 'message' && roots[0].id === 'refresh-failed' ? roots : undefined;
      }, 'the refresh-failed row', 25_000);
      const row = label(failed[0]);
      assert.equal(row.icon, 'warning');
      assertPlain(row.label);
      assert.match(row.label, /^Refresh failed: .*(InternalFailure|internal|server).* · retrying$/i);
      // The rows of the last refresh that worked stay below it (marked stale, not emptied).
      assert.deepEqual(
        failed.slice(1).map((node) => label(node).label),
        demoBilled.endpoints,
      );
      assert.equal((await messageRow())?.id, 'refresh-failed', 'no error row in place of the endpoints');

      await clearFaults();
      // No command, no manual refresh: the scheduler's next refresh works and the marker goes.
      const rows = await waitFor(async () => ((await messageRow()) ? undefined : treeRows()), 'the marker gone', 25_000);
      assert.deepEqual(rows, demoRows);
      assertNoEntryErrors();
    } finally {
      await settings.update('refreshIntervalSeconds', interval, vscode.ConfigurationTarget.Global);
    }
  });

  it('a 2-second latency spike on a few operations: a refresh waits it out and the rows are right', async () => {
    await setFaults({ latencyMs: 2_000, operations: ['ListEndpoints', 'DescribeEndpoint', 'DescribeScalingPolicies'] });
    const started = Date.now();
    const result = await inventory().refresh({ full: true });
    const took = Date.now() - started;
    assert.ok(took >= 1_900, `the spike was applied (${took} ms)`);
    assert.ok(took < 20_000, `the refresh took ${took} ms`);
    assert.deepEqual(result.problems, []);
    assertNoEntryErrors();
    assert.deepEqual(await treeRows(), demoRows);
  });

  it('an inference component deleted by someone else while the tree shows it: the next refresh drops its row without an error', async () => {
    const cold = (await api.explorer.getChildren()).find((node) => node.kind === 'endpoint' && node.name === 'demo-cold');
    assert.ok(cold, 'the demo-cold row');
    const shown = await api.explorer.getChildren(cold);
    assert.deepEqual(
      shown.map((node) => label(node).label),
      ['demo-embeddings'],
    );
    // Someone else, from another client (the console, a script): the IC goes.
    const { SageMakerClient, DeleteInferenceComponentCommand } = await import('@aws-sdk/client-sagemaker');
    const other = new SageMakerClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: emulatorCredentials, maxAttempts: 1 });
    try {
      await other.send(new DeleteInferenceComponentCommand({ InferenceComponentName: 'demo-embeddings' }));
    } finally {
      other.destroy();
    }
    expectedBilled = { ...expectedBilled, inferenceComponents: expectedBilled.inferenceComponents.filter((name) => name !== 'demo-embeddings') };
    // While it is Deleting, a refresh must not fail either.
    const deleting = await inventory().refresh();
    assert.deepEqual(deleting.problems, []);
    await control('clock', 'POST', { advanceSeconds: 120 });

    const result = await inventory().refresh();
    assert.deepEqual(result.problems, []);
    assert.equal(inventory().component('demo-embeddings'), undefined, 'the inventory dropped it');
    assertNoEntryErrors();
    assert.equal(await messageRow(), undefined, 'no error row');
    const children = await api.explorer.getChildren(cold);
    assert.deepEqual(
      children.map((node) => label(node).label),
      ['No inference components.'],
    );
    // The row the tree still holds renders without throwing.
    assert.equal(label(shown[0]).label, 'demo-embeddings');
    assert.deepEqual(
      await treeRows(),
      // With its only component gone, demo-cold has no model whose state it could show: it says its status.
      demoRows.map((row) =>
        row === '  demo-embeddings: Cold · 0 copies' ? '  No inference components.' : row === 'demo-cold: Cold · 0 inst' ? 'demo-cold: In service · 0 inst' : row,
      ),
    );
  });

  it('a wizard whose plan keeps failing at one call: retry fails again at the same call, rollback restores exactly the previous resources', async () => {
    // The wizard command runs on a connection of its own (a second local emulator at 600×: the plan
    // waits for its endpoint), as the extension wires it, with the user's answers scripted.
    const wizards = await wizardCommandContext({ timeScale: 600 });
    try {
      const own = emulatorControl(() => wizards.emulatorUrl);
      const before = await own.resources();
      await own.control('faults', 'POST', { errorRate: 1, operations: ['PutScalingPolicy'] });
      const choices = new ScriptedUserInput(createEndpointScript('faulty-endpoint')).answerPick('retry').answerPick('rollback');
      const report = await createEndpointCommand(wizards.context(choices))();

      assert.ok(report, 'the wizard ran');
      assert.equal(report.action, 'run');
      assert.equal(report.runs.length, 2, 'the first run and the retry');
      for (const run of report.runs) {
        assert.equal(run.status, 'failed', run.message);
        assert.match(run.failedStep ?? '', /polic|scaling/i, `stopped at the failing call, not at ${run.failedStep}`);
      }
      assert.equal(report.runs[1].failedStep, report.runs[0].failedStep, 'the retry stopped at the same call');
      assert.ok(report.runs[0].created.length >= 4, `the model, config, endpoint and IC were created: ${report.runs[0].created.map((item) => item.kind).join(', ')}`);
      assert.equal(choices.asked.length, 2, choices.asked.join(' | '));
      for (const asked of choices.asked) {
        assert.match(asked, /stopped/);
        assertPlain(asked);
      }
      assert.ok(report.rollback, 'a rollback ran');
      assert.equal(report.rollback.status, 'succeeded', JSON.stringify(report.rollback.notDeleted));
      assert.ok(report.rollback.deleted.length >= 4, `it deleted what the runs created: ${JSON.stringify(report.rollback.deleted)}`);
      await own.control('faults', 'DELETE');
      assert.deepEqual(await own.resources(), before, 'exactly the previous resources');
      const inventory = wizards.connections.current!.inventory;
      await inventory.refresh({ full: true });
      assert.equal(inventory.endpoint('faulty-endpoint'), undefined, 'the tree does not show the rolled-back endpoint');
    } finally {
      await wizards.close();
    }
  });

  it('the emulator stopped during a refresh and started again: the tree shows a plain error row, then a later refresh recovers', async () => {
    const active = api.connections.current!;
    const port = Number(new URL(emulatorUrl).port);
    // A refresh in flight (slowed down), then the emulator goes away under it.
    await setFaults({ latencyMs: 500 });
    const inFlight = inventory()
      .refresh({ full: true })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    await sleep(200);
    await active.emulator!.close();
    const failed = await inFlight;
    assert.ok(failed, 'the refresh under way failed when the emulator stopped');
    assertPlain(failed instanceof Error ? failed.message : String(failed));

    await vscode.commands.executeCommand('sagemakerScaleToZero.refresh');
    const message = await waitFor(loadErrorRow, 'the error row');
    assert.equal(message.id, 'load-error');
    assertPlain(message.text);
    assert.match(message.text, /could not be reached|ECONNREFUSED|connect/i);

    // Started again on the same port (a fresh demo account: this emulator keeps no state file).
    restarted = await startEmulator({ port, timeScale: 0, scenario: 'demo' });
    expectedBilled = { endpoints: [...demoBilled.endpoints], inferenceComponents: [...demoBilled.inferenceComponents] };
    await vscode.commands.executeCommand('sagemakerScaleToZero.refresh');
    const rows = await waitFor(async () => ((await messageRow()) ? undefined : treeRows()), 'the endpoint rows again');
    assert.deepEqual(rows.filter((row) => !row.startsWith(' ')), demoRows.filter((row) => !row.startsWith(' ')));
    await inventory().refresh({ full: true });
    assertNoEntryErrors();
    assert.deepEqual(await treeRows(), demoRows);
  });
});

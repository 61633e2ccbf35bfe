import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { setCopyCountCommand } from '../../src/explorer/ui/copyCountCommand';
import { deleteEndpointCommand } from '../../src/explorer/ui/deleteCommands';
import { type NamedNode } from '../../src/explorer/ui/explorerCommandContext';
import { type ExplorerNode } from '../../src/explorer/ui/treeNodes';
import { CreateEndpointCommand, DescribeEndpointConfigCommand, DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';
import { ScriptedUserInput } from '../support/scriptedUserInput';
import { explorerCommandContext } from './support/explorerCommandContext';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';

describe('Explorer on the local emulator\'s demo account', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let emulatorUrl: string;
  /** The explorer commands' context on the extension's own connection and view, with a scripted user. */
  let explorer: ReturnType<typeof explorerCommandContext>;

  async function advance(seconds: number): Promise<void> {
    const response = await fetch(`${emulatorUrl}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: seconds }),
    });
    assert.equal(response.status, 200, await response.text());
  }

  /** Turns the actions of demo-llama3-8b's idle alarm on or off, through CloudWatch's own operations. */
  async function idleAlarmActions(enabled: boolean): Promise<void> {
    const { CloudWatchClient, DisableAlarmActionsCommand, EnableAlarmActionsCommand } = await import('@aws-sdk/client-cloudwatch');
    const cloudWatch = new CloudWatchClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' }, maxAttempts: 1 });
    try {
      const input = { AlarmNames: ['demo-llama3-8b-idle-timeout'] };
      await cloudWatch.send(enabled ? new EnableAlarmActionsCommand(input) : new DisableAlarmActionsCommand(input));
    } finally {
      cloudWatch.destroy();
    }
  }

  async function rows(node?: ExplorerNode): Promise<{ node: ExplorerNode; label: string; description: string }[]> {
    const children = await api.explorer.getChildren(node);
    return children.map((child) => {
      const item = api.explorer.getTreeItem(child);
      return { node: child, label: String(typeof item.label === 'object' ? item.label.label : item.label), description: String(item.description ?? '') };
    });
  }

  async function row(label: string, parent?: ExplorerNode) {
    const found = (await rows(parent)).find((candidate) => candidate.label === label);
    assert.ok(found, `no row ${label}`);
    return found;
  }

  /** A row the commands act on (what VS Code passes them when run from the row's menu). */
  function named(node: ExplorerNode): NamedNode {
    assert.ok(node.kind === 'endpoint' || node.kind === 'inferenceComponent', `not an endpoint or inference component row: ${node.kind}`);
    return node;
  }

  async function componentRow(endpoint: string, component: string) {
    await api.connections.current!.inventory.refresh();
    return row(component, (await row(endpoint)).node);
  }

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId)!;
    api = await extension.activate();
    explorer = explorerCommandContext(api);
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    const active = api.connections.current;
    assert.ok(active?.emulator, 'the local emulator is connected');
    emulatorUrl = active.emulator.url;
  });

  after(async () => {
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('lists the demo endpoints with their state and instances, the rest in the tooltip (issue 15, item 9)', async () => {
    const endpoints = await rows();
    assert.deepEqual(
      endpoints.map((endpoint) => [endpoint.label, endpoint.description]),
      [
        ['demo-always-on', 'Warm · 1 inst'],
        ['demo-cold', 'Cold · 0 inst'],
        ['demo-scale-to-zero', 'Warm · 1 inst'],
      ],
    );
  });

  it('shows each inference component\'s lifecycle state, then its copies', async () => {
    // demo-llama3-8b's row names its idle timeout (15 minutes) after the state and copies.
    assert.equal((await componentRow('demo-scale-to-zero', 'demo-llama3-8b')).description, 'Warm · 1 copy · idle 15m');
    assert.equal((await componentRow('demo-always-on', 'demo-mistral-7b')).description, 'Warm · 1 copy');
    assert.equal((await componentRow('demo-cold', 'demo-embeddings')).description, 'Cold · 0 copies');
  });

  it('shows the scalable target, policies, wake alarm and schedules under an inference component', async () => {
    const ic = await componentRow('demo-scale-to-zero', 'demo-llama3-8b');
    const details = await rows(ic.node);
    const labels = details.map((detail) => detail.label);
    assert.ok(labels.includes('Scalable target'), labels.join(', '));
    assert.match(details.find((detail) => detail.label === 'Scalable target')!.description, /^copies 0–2/);
    assert.ok(details.some((detail) => /target tracking/.test(detail.description)), 'a target-tracking policy row');
    assert.ok(details.some((detail) => /step scaling · \+1/.test(detail.description)), 'a step policy row');
    assert.ok(details.some((detail) => /NoCapacityInvocationFailures/.test(detail.description)), 'the wake alarm row');
    // In the schedule's own zone (the demo's are in Europe/Paris), as the schedule wizard previews it.
    assert.ok(
      details.some((detail) => /^copies → 0 · next Fri \d{4}-\d{2}-\d{2} 18:00 Europe\/Paris · cron\(0 18 \? \* 6 \*\)$/.test(detail.description)),
      `the weekend schedule row: ${details.map((detail) => detail.description).join(' | ')}`,
    );
  });

  it('gives the readiness verdict of each demo endpoint', async () => {
    const inventory = api.connections.current!.inventory;
    await inventory.refresh({ full: true });
    // Issue 17: the demo endpoint has a fallback type (ml.g6.2xlarge), so even the single-GPU-type warning is absent.
    const demo = inventory.readiness('demo-scale-to-zero')!;
    assert.equal(demo.verdict, 'ready', JSON.stringify(demo.checks.filter((check) => check.status !== 'pass')));
    assert.equal(demo.checks.find((check) => check.id === 'fallbackTypes')?.status, 'pass');
    // Issue 17: demo-llama3-8b's idle timeout of 15 minutes is complete (alarm, set-to-zero policy, DisableScaleIn).
    const idle = demo.components[0].checks.find((check) => check.id === 'idleTimeout');
    assert.equal(idle?.status, 'pass');
    assert.match(idle.reason, /^Sleeps after 15 idle minutes: demo-llama3-8b-idle-timeout triggers demo-llama3-8b-idle-scale-in-to-zero/);
    const alwaysOn = inventory.readiness('demo-always-on')!;
    assert.equal(alwaysOn.verdict, 'notReady');
    assert.match(alwaysOn.checks.find((check) => check.id === 'managedScaling')!.reason, /MinInstanceCount is 1/);
    const mistral = alwaysOn.components[0].checks;
    assert.equal(mistral.find((check) => check.id === 'scalableTarget')!.status, 'fail');
    assert.equal(mistral.find((check) => check.id === 'wakeAlarm')!.status, 'fail');
    const cold = inventory.readiness('demo-cold')!;
    assert.equal(cold.verdict, 'notReady');
    assert.match(cold.components[0].checks.find((check) => check.id === 'wakeOnSingleRequest')!.reason, /single request never wakes/);
    const report = (await vscode.commands.executeCommand('sagemakerScaleToZero.showReadiness', { kind: 'endpoint', id: 'endpoint:demo-cold', name: 'demo-cold' })) as { verdict: string };
    assert.equal(report.verdict, 'notReady');
    // The failing checks come first, the endpoint's naming the real cause: demo-embeddings' wake alarm.
    assert.match(
      api.documents.text('/readiness/demo-cold.md') ?? '',
      /# Will demo\\-cold scale to zero\?[^#]*## To fix \(2\)\n\n### ✗ Every inference component wakes on a request\n\n_Endpoint demo\\-cold_\n\n\*\*Found:\*\* demo\\-embeddings will not wake on a request/,
    );
    assert.match(
      api.documents.text('/readiness/demo-cold.md') ?? '',
      /## Cost\n\n- Now: \\\$0\\\.00\\\/h\\: no instance is running\n- No saving to show since the endpoint was created [\d\\.]+ (hours|days) ago\\: no auto\\-scaling activity/,
      'demo-cold (created about an hour ago, never scaled) claims no saving: issue 15, item 1',
    );
    await vscode.commands.executeCommand('sagemakerScaleToZero.showReadiness', { kind: 'endpoint', id: 'endpoint:demo-scale-to-zero', name: 'demo-scale-to-zero' });
    assert.match(api.documents.text('/readiness/demo-scale-to-zero.md') ?? '', /- Now: ≈ \\\$\d+\\\.\d{2}\\\/h for 1 × ml\\\.g5\\\.2xlarge/);
  });

  it('sets the copy count after a confirmation that states the cost, and follows the IC to Cold and back to Warm', async () => {
    // The demo's idle timeout sleeps 15 minutes after the last request (a minute before the start): it would
    // send the copy woken here at minute 12 back to 0 at minute 15, as on AWS. This cycle is the tree's, so
    // the idle alarm's actions are off meanwhile.
    await idleAlarmActions(false);
    const script = new ScriptedUserInput().answerInput('0').answerConfirm(true);
    const ic = await componentRow('demo-scale-to-zero', 'demo-llama3-8b');
    assert.equal(await setCopyCountCommand(explorer.context(script))(named(ic.node)), 0);
    assert.match(script.confirmations[0].detail ?? '', /instances stop billing once managed instance scaling releases them/);

    const afterSleep = (await componentRow('demo-scale-to-zero', 'demo-llama3-8b')).description;
    assert.match(afterSleep, /^(Scaling in · 1\/0 copies|Draining · 0 copies) · idle 15m$/);
    await advance(60);
    assert.equal((await componentRow('demo-scale-to-zero', 'demo-llama3-8b')).description, 'Draining · 0 copies · idle 15m');
    assert.match((await row('demo-scale-to-zero')).description, /^Draining · 1(\/\d)? inst$/);
    await advance(11 * 60);
    assert.equal((await componentRow('demo-scale-to-zero', 'demo-llama3-8b')).description, 'Cold · 0 copies · idle 15m');
    assert.equal((await row('demo-scale-to-zero')).description, 'Cold · 0 inst');

    assert.equal(await setCopyCountCommand(explorer.context(new ScriptedUserInput().answerConfirm(true)))(named(ic.node), 1), 1);
    assert.equal((await componentRow('demo-scale-to-zero', 'demo-llama3-8b')).description, 'Waking · 0/1 copy · instance provisioning · idle 15m');
    await advance(110);
    assert.equal((await componentRow('demo-scale-to-zero', 'demo-llama3-8b')).description, 'Waking · 0/1 copy · copy starting · idle 15m');
    await advance(140);
    assert.equal((await componentRow('demo-scale-to-zero', 'demo-llama3-8b')).description, 'Warm · 1 copy · idle 15m');
    await idleAlarmActions(true);
  });

  it('follows a whole idle → cold → waking → warm cycle driven by the emulator\'s clock', async () => {
    const reset = await fetch(`${emulatorUrl}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'demo' }),
    });
    assert.equal(reset.status, 200);
    const inventory = api.connections.current!.inventory;
    await inventory.refresh({ full: true });
    const seen: string[] = [];
    const observe = async () => {
      await inventory.refresh();
      const label = inventory.component('demo-llama3-8b')!.lifecycle!.label;
      if (seen.at(-1) !== label) seen.push(label);
    };
    await observe();
    // Idle: the idle timeout (15 minutes) scales the copies in to 0, then managed instance scaling releases
    // the instance (about 25 minutes in all, measured 25.1 to 25.5; the emulator's clock also runs between
    // the reset and the first step), so the loop stops at Cold, within 40 minutes.
    for (let minute = 0; minute < 40 && seen.at(-1) !== 'Cold'; minute++) {
      await advance(60);
      await observe();
    }
    assert.equal(seen.at(-1), 'Cold', seen.join(' → '));
    assert.match((await row('demo-scale-to-zero')).description, /^Cold · 0 inst/);

    // One request at zero: refused with the service's no-capacity error, which the playground reports.
    const { InvokeEndpointCommand, SageMakerRuntimeClient } = await import('@aws-sdk/client-sagemaker-runtime');
    const runtime = new SageMakerRuntimeClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' }, maxAttempts: 1 });
    try {
      await assert.rejects(
        runtime.send(new InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: 'demo-llama3-8b', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hello' }) })),
        /Inference Component has no capacity to process this request/,
      );
      inventory.recordRejection('demo-llama3-8b');
      await observe();
      for (let step = 0; step < 60 && seen.at(-1) !== 'Warm'; step++) {
        await advance(10);
        await observe();
      }
      await runtime.send(new InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: 'demo-llama3-8b', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hello' }) }));
    } finally {
      runtime.destroy();
    }
    // Scaling in may pass between two observations; every other state must be seen, in this order.
    const expected = ['Warm', 'Scaling in|Draining', 'Cold', 'Waking · request rejected', 'Waking · (wake alarm in ALARM|scaling activity|instance provisioning)', 'Waking · copy starting', 'Warm'];
    let position = 0;
    for (const label of seen) if (position < expected.length && new RegExp(`^(${expected[position]})$`).test(label)) position++;
    assert.equal(position, expected.length, `the tree went ${seen.join(' → ')}`);
  });

  it('does nothing when the confirmation is declined, which says plainly that this sleep would keep billing', async () => {
    const ic = await componentRow('demo-always-on', 'demo-mistral-7b');
    const script = new ScriptedUserInput().answerInput('0').answerConfirm(false);
    const declined = setCopyCountCommand(explorer.context(script));
    assert.equal(await declined(named(ic.node)), undefined);
    assert.equal((await componentRow('demo-always-on', 'demo-mistral-7b')).description, 'Warm · 1 copy');
    // demo-always-on keeps an instance (MinInstanceCount 1) and the target keeps a copy (MinCapacity 1):
    // the confirmation says what keeps billing and what it costs, instead of promising a saving.
    const { message, detail = '' } = script.confirmations[0];
    assert.match(message, /Set demo-mistral-7b to 0 copies\? Its instances will keep billing\./);
    assert.match(detail, /MinCapacity is 1: auto scaling sets the copies back to 1/);
    assert.match(detail, /endpoint demo-always-on keeps at least 1 instance \(managed instance scaling MinInstanceCount is 1\)/);
    assert.match(detail, /1 × ml\.g5\.2xlarge keep billing: ≈ \$\d+\.\d{2}\/h/);
    assert.match(detail, /To really scale to zero: run Enable Scale to Zero/);
    assert.doesNotMatch(detail, /stop billing/);
  });

  it('deletes an endpoint in the safe teardown order and leaves nothing of it behind', async () => {
    const deleteEndpoint = deleteEndpointCommand(explorer.context(new ScriptedUserInput().answerPick(true).answerConfirm(true)));
    let settled = false;
    const deletion = deleteEndpoint({ kind: 'endpoint', id: 'endpoint:demo-cold', name: 'demo-cold' }).finally(() => (settled = true));
    // The clock is frozen: move it on while the teardown waits for the inference component to go.
    for (let tick = 0; tick < 200 && !settled; tick++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await advance(30);
    }
    // The command returns its teardown report.
    const report = await deletion;
    assert.ok(report, 'a teardown ran');
    assert.equal(report.target, 'demo-cold');
    assert.equal(report.steps.length, report.outcome.completed.length, `every planned step ran: ${report.steps.join('; ')}`);
    assert.equal(report.outcome.error, undefined, String(report.outcome.error));
    const kinds = report.outcome.completed.map((step) => step.kind);
    const order = ['deleteSchedule', 'deleteAlarms', 'deregisterScalableTarget', 'deleteInferenceComponent', 'deleteEndpoint', 'deleteEndpointConfig'];
    const positions = order.map((kind) => kinds.indexOf(kind as never)).filter((index) => index >= 0);
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `steps out of order: ${kinds.join(', ')}`);
    for (const required of ['deleteAlarms', 'deregisterScalableTarget', 'deleteInferenceComponent', 'deleteEndpoint', 'deleteEndpointConfig', 'deleteModel']) {
      assert.ok(kinds.includes(required as never), `missing step ${required}: ${kinds.join(', ')}`);
    }
    await advance(10 * 60); // an endpoint takes a while in Deleting
    const state = (await (await fetch(`${emulatorUrl}/__emulator/state`)).json()) as Record<string, unknown>;
    const text = JSON.stringify(state);
    assert.ok(!text.includes('demo-embeddings'), `a resource of demo-embeddings is left in the emulator: ${text}`);
    assert.ok(!/"demo-cold"/.test(text), `the endpoint is still there: ${text}`);
    await api.connections.current!.inventory.refresh();
    assert.deepEqual((await rows()).map((endpoint) => endpoint.label), ['demo-always-on', 'demo-scale-to-zero']);
  });

  it('deleting an endpoint keeps the endpoint config another endpoint uses, and the confirmation says so', async () => {
    const { clients } = api.connections.current!;
    await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: 'demo-twin', EndpointConfigName: 'demo-always-on-config' }));
    await advance(15 * 60);
    await api.connections.current!.inventory.refresh({ full: true });
    const script = new ScriptedUserInput().answerPick(false).answerConfirm(true);
    const report = await deleteEndpointCommand(explorer.context(script))({ kind: 'endpoint', id: 'endpoint:demo-twin', name: 'demo-twin' });
    assert.ok(report, 'a teardown ran');
    assert.deepEqual(report.steps, ['Delete endpoint demo-twin']);
    assert.equal(report.outcome.error, undefined, String(report.outcome.error));
    assert.match(
      script.confirmations[0].detail ?? '',
      /Endpoint config demo-always-on-config is kept: endpoint demo-always-on also uses it, and deleting it would leave them unable to scale or update\./,
    );
    await advance(10 * 60);
    const config = await clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'demo-always-on-config' }));
    assert.equal(config.EndpointConfigName, 'demo-always-on-config');
    assert.equal((await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'demo-always-on' }))).EndpointStatus, 'InService');
  });
});

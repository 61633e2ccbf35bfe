// The setup tools (issue 21) in a real VS Code on the demo emulator: the confirmation the registration
// gives VS Code (read through the extension's runner: VS Code confirms tool calls by itself while
// extension tests run, so no dialog shows here; declining it is tested in test/e2e), preparing it
// changing nothing, the effect of vscode.lm.invokeTool read back from the account, and an answer with
// no confirmation when there is nothing to do.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createClients, loadSdk, type AwsClients } from '../../src/aws/clients';
import { type ExtensionApi } from '../../src/extension';
import { extensionApi, invokeTool, prepareTool } from './support/agentTools';
import { emulatorControl } from './support/emulatorControl';

const enable = 'sagemakerScaleToZero_enableScaleToZero';
const weekend = 'sagemakerScaleToZero_scheduleWeekendSleep';

/** The confirmation's Markdown as read: the escapes of names from the account removed. */
const plain = (markdown: string | undefined) => (markdown ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('Agent tools enableScaleToZero and scheduleWeekendSleep, in the extension host (issue 21)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let emulatorUrl: string;
  let clients: AwsClients;
  const { resources } = emulatorControl(() => emulatorUrl);
  const inventory = () => api.connections.current!.inventory;

  /** The failing readiness checks of the component, as the Endpoints view has them after a full refresh. */
  async function failingChecks(endpoint: string, component: string): Promise<string[]> {
    await inventory().refresh({ full: true });
    const readiness = inventory().readiness(endpoint);
    const checks = readiness?.components.find((entry) => entry.inferenceComponentName === component)?.checks ?? [];
    assert.ok(checks.length > 0, `the readiness of ${component} is read`);
    return checks.filter((check) => check.status === 'fail').map((check) => check.id);
  }

  async function schedulesNamed(prefix: string): Promise<{ name: string; expression?: string; timezone?: string; input?: string; role?: string }[]> {
    const sdk = await loadSdk();
    const listed = await clients.scheduler.send(new sdk.ListSchedulesCommand({ NamePrefix: prefix }));
    return Promise.all(
      (listed.Schedules ?? []).map(async (summary) => {
        const schedule = await clients.scheduler.send(new sdk.GetScheduleCommand({ Name: summary.Name, GroupName: summary.GroupName }));
        return {
          name: schedule.Name ?? '',
          expression: schedule.ScheduleExpression,
          timezone: schedule.ScheduleExpressionTimezone,
          input: schedule.Target?.Input,
          role: schedule.Target?.RoleArn,
        };
      }),
    ).then((all) => all.sort((a, b) => a.name.localeCompare(b.name)));
  }

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    emulatorUrl = api.connections.current!.emulator!.url;
    // The extension's clients come from its own SDK bundle: this module reads the account with its own.
    clients = await createClients(api.connections.current!.connection);
  });

  after(async () => {
    clients.destroy();
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('preparing the enable confirmation changes nothing', async () => {
    const before = await resources();
    const prepared = await prepareTool(enable, { inferenceComponentName: 'demo-embeddings' });
    assert.equal(prepared.confirmation?.title, 'Repair the scale-to-zero setup of demo-embeddings');
    assert.match(plain(prepared.confirmation.message), /It repairs 1 failing part of the readiness check:\n- Replace the wake alarm's settings/);
    assert.deepEqual(await resources(), before);
    assert.deepEqual(await failingChecks('demo-cold', 'demo-embeddings'), ['wakeOnSingleRequest']);
  });

  it('enable on demo-mistral-7b: the confirmation names the failing parts, the calls, the cost and the endpoint\'s failure; the run makes its checks pass', async () => {
    assert.deepEqual((await failingChecks('demo-always-on', 'demo-mistral-7b')).sort(), ['scalableTarget', 'stepPolicy', 'wakeAlarm']);
    const prepared = await prepareTool(enable, { inferenceComponentName: 'demo-mistral-7b' });
    assert.equal(prepared.invocationMessage, 'Planning scale to zero for demo-mistral-7b…');
    assert.equal(prepared.confirmation?.title, 'Repair the scale-to-zero setup of demo-mistral-7b');
    const detail = plain(prepared.confirmation.message);
    assert.match(detail, /in local emulator/);
    assert.match(detail, /It repairs 3 failing parts of the readiness check:/);
    assert.match(detail, /The scalable target's MinCapacity is 1: copies never go below 1\./);
    assert.match(detail, /The plan makes 3 calls, in this order:\n1\. Set the scalable target of demo-mistral-7b to MinCapacity 0, MaxCapacity 2\n2\. Step policy /);
    assert.match(detail, /3\. Alarm demo-mistral-7b-no-capacity-wake: one refused request/);
    assert.match(detail, /1 × ml\.g5\.2xlarge ≈ \$1\.52\/h while running/);
    assert.match(detail, /Endpoint demo-always-on: Managed instance scaling down to 0 instances: MinInstanceCount is 1/);
    const text = await invokeTool(enable, { inferenceComponentName: 'demo-mistral-7b' });
    assert.match(text, /^Done: Repair the scale-to-zero setup of demo-mistral-7b \(3 calls\)\./);
    assert.match(text, /Readiness of demo-mistral-7b now: every check of its scaling setup passes\. Endpoint demo-always-on still fails: MinInstanceCount is 1/);
    assert.deepEqual(await failingChecks('demo-always-on', 'demo-mistral-7b'), []);
  });

  it('answers with no confirmation, changing nothing, when every check passes', async () => {
    const before = await resources();
    const prepared = await prepareTool(enable, { inferenceComponentName: 'demo-llama3-8b' });
    assert.equal(prepared.confirmation, undefined);
    assert.match(await invokeTool(enable, { inferenceComponentName: 'demo-llama3-8b' }), /^Nothing to repair: demo-llama3-8b .*every check of its scaling setup passes\. Nothing was changed\./);
    assert.deepEqual(await resources(), before);
  });

  it('weekend schedule: preparing it creates nothing; the run creates the two schedules the confirmation described, listed by the Scheduler API', async () => {
    const input = { inferenceComponentName: 'demo-embeddings', timeZone: 'Europe/Paris', wakeCopies: 1 };
    const prepared = await prepareTool(weekend, input);
    assert.equal(prepared.confirmation?.title, 'Sleep and wake demo-embeddings on a schedule');
    assert.deepEqual(await schedulesNamed('demo-embeddings-weekend'), [], 'the confirmation changed nothing');
    const detail = plain(prepared.confirmation.message);
    assert.match(detail, /Sleep every Friday 19:00 \(cron\(0 19 \? \* FRI \*\)\): 0 copies\. Next: Fri \S+ 19:00, Fri \S+ 19:00, Fri \S+ 19:00\./);
    assert.match(detail, /Wake every Monday 07:00 \(cron\(0 7 \? \* MON \*\)\): 1 copy\. Next: Mon \S+ 07:00, Mon \S+ 07:00, Mon \S+ 07:00\./);
    assert.match(detail, /times in Europe\/Paris/);
    assert.match(detail, /Role: the existing IAM role EmulatorSchedulerRole/);
    assert.match(detail, /Schedule demo-embeddings-weekend-sleep \(cron\(0 19 \? \* FRI \*\), Europe\/Paris\): set demo-embeddings to 0 copies/);
    assert.match(detail, /Saving: asleep 60 h a week × \$1\.41\/h per ml\.g5\.xlarge instance/);
    assert.match(await invokeTool(weekend, input), /^Done: Sleep and wake demo-embeddings on a schedule \(2 calls\)\./);
    const role = 'arn:aws:iam::123456789012:role/EmulatorSchedulerRole';
    assert.deepEqual(await schedulesNamed('demo-embeddings-weekend'), [
      { name: 'demo-embeddings-weekend-sleep', expression: 'cron(0 19 ? * FRI *)', timezone: 'Europe/Paris', input: JSON.stringify({ InferenceComponentName: 'demo-embeddings', DesiredRuntimeConfig: { CopyCount: 0 } }), role },
      { name: 'demo-embeddings-weekend-wake', expression: 'cron(0 7 ? * MON *)', timezone: 'Europe/Paris', input: JSON.stringify({ InferenceComponentName: 'demo-embeddings', DesiredRuntimeConfig: { CopyCount: 1 } }), role },
    ]);
    // Asked again: the names are taken; no confirmation, nothing created.
    assert.equal((await prepareTool(weekend, input)).confirmation, undefined);
    assert.match(await invokeTool(weekend, input), /^Nothing was changed: demo-embeddings already has schedules named demo-embeddings-weekend-sleep and demo-embeddings-weekend-wake/);
  });
});

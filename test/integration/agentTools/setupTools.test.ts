import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { AccountReader } from '../../../src/aws/accountReader';
import { createClients, loadSdk, type AwsClients } from '../../../src/aws/clients';
import { readRoleTrust } from '../../../src/aws/roleTrust';
import { listSchedulerRoles, type SchedulerRoleListing } from '../../../src/aws/schedulerRoles';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { noQuestions } from '../../../src/agentTools/noQuestions';
import { type AgentToolRunner } from '../../../src/agentTools/toolRunner';
import { enableScaleToZeroTool } from '../../../src/agentTools/acting/enableScaleToZero';
import { scheduleWeekendSleepTool } from '../../../src/agentTools/acting/scheduleWeekendSleep';
import { loadComponentSetup } from '../../../src/wizards/enableScaleToZero/enableScaleToZeroWizard';
import { type WizardEnvironment } from '../../../src/wizards/environment';
import { type WizardRunReport } from '../../../src/wizards/plans/wizardRunReport';
import { ScriptedUserInput } from '../../support/scriptedUserInput';
import { emulatorToolAccount, toolRunnerOn } from './support/emulatorToolAccount';
import { renderMarkdown, visibleText } from '../../support/renderedMarkdown';
import { setFaults } from '../reliability/support';
import { inventoryOf } from '../wizards/plans/blogPlan';

const enable = enableScaleToZeroTool.name;
const weekend = scheduleWeekendSleepTool.name;
/** What the user reads of a confirmation's Markdown. */
const seen = (markdown: string | undefined) => visibleText(renderMarkdown(markdown ?? ''));

/**
 * The two setup tools on the emulator's demo account with the real SDK, as the extension runs them:
 * the runner's prepare (the confirmation) then invoke (the plan through a real PlanSession, a failure
 * answered by a scripted user), checked by reading the account back.
 */
describe('agent tools enableScaleToZero and scheduleWeekendSleep on the emulator', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let reader: AccountReader;
  let ui: ScriptedUserInput;
  let roles: ((permission: { action: string; resource: string }) => Promise<SchedulerRoleListing>) | undefined;
  let runner: AgentToolRunner;
  let environment: () => Promise<WizardEnvironment>;
  let lastReport: WizardRunReport | undefined;

  /** The demo's adapter of demo-llama3-8b (each test starts on a fresh demo account): a component no setup tool acts on. */
  async function addSqlAdapter(): Promise<void> {
    const sdk = await loadSdk();
    await clients.sageMaker.send(
      new sdk.CreateInferenceComponentCommand({
        InferenceComponentName: 'demo-llama3-8b-sql',
        EndpointName: 'demo-scale-to-zero',
        Specification: { BaseInferenceComponentName: 'demo-llama3-8b', Container: { ArtifactUrl: 's3://adapters-bucket/sql/' } },
      }),
    );
  }

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const now = () => new Date(emulator.now());
    reader = await AccountReader.create(clients, { now });
    const inventory = new Inventory(reader, now);
    ui = new ScriptedUserInput();
    roles = (permission) => listSchedulerRoles(clients, { permission });
    environment = async () => ({
      ui: noQuestions('test'),
      reader,
      region: 'us-east-1',
      now,
      defaultTimeZone: 'Europe/Paris',
      readRoleTrust: (arn) => readRoleTrust(clients, arn),
      ...(roles ? { listSchedulerRoles: (permission: { action: string; resource: string }) => roles!(permission) } : {}),
      priceOverrides: {},
    });
    const account = emulatorToolAccount({
      emulator,
      clients,
      inventory,
      ui,
      wizardEnvironment: () => environment(),
      onReport: (report) => (lastReport = report),
    });
    runner = toolRunnerOn(account, [enableScaleToZeroTool, scheduleWeekendSleepTool]);
  });

  afterEach(async () => {
    await setFaults(emulator.url, null);
    clients.destroy();
    await emulator.close();
  });

  /** The component's failing readiness checks, read from the account now. */
  async function failingChecks(name: string): Promise<string[]> {
    const loaded = await loadComponentSetup(await environment(), name);
    return loaded.assessment.checks.filter((check) => check.status === 'fail').map((check) => check.id);
  }

  async function schedule(name: string) {
    const sdk = await loadSdk();
    return clients.scheduler.send(new sdk.GetScheduleCommand({ Name: name, GroupName: 'default' }));
  }

  describe('enableScaleToZero', () => {
    it('repairs the not-ready demo-mistral-7b with only its failing parts, through the plan session; its checks then pass and the endpoint\'s failure is named', async () => {
      assert.deepEqual(await failingChecks('demo-mistral-7b'), ['scalableTarget', 'stepPolicy', 'wakeAlarm']);
      const prepared = await runner.prepare(enable, { inferenceComponentName: 'demo-mistral-7b' });
      assert.ok(prepared.confirmation, 'a plan is confirmed first');
      assert.equal(prepared.confirmation.title, 'Repair the scale-to-zero setup of demo-mistral-7b');
      const message = seen(prepared.confirmation.message);
      assert.match(message, /^Repair the scale-to-zero setup of demo-mistral-7b in local emulator \(us-east-1\)\.\nIt repairs 3 failing parts of the readiness check:\n/);
      assert.match(message, /\nSet the scalable target's MinCapacity to 0: The scalable target's MinCapacity is 1: copies never go below 1\.\n/);
      assert.match(message, /makes 3 calls, in this order:\nSet the scalable target of demo-mistral-7b to MinCapacity 0, MaxCapacity 2\nStep policy demo-mistral-7b-step-scale-out-from-zero: .*\nAlarm demo-mistral-7b-no-capacity-wake: /);
      assert.match(message, /Notes:\nIdle copies scale in to 0 after about 15 minutes/);
      assert.match(message, /each idle hour saves what an instance costs: 1 × ml\.g5\.2xlarge ≈ \$1\.52\/h/);
      assert.match(message, /Still failing after it, on the endpoint:\nEndpoint demo-always-on: .*MinInstanceCount is 1: .*This tool does not change it: Update the endpoint to a config whose MinInstanceCount is 0\./);
      assert.equal(await failingChecks('demo-mistral-7b').then((ids) => ids.length), 3, 'the confirmation changed nothing');

      const answer = await runner.invoke(enable, { inferenceComponentName: 'demo-mistral-7b' });
      assert.match(answer, /^Done: Repair the scale-to-zero setup of demo-mistral-7b \(3 calls\)\./);
      assert.match(answer, /Readiness of demo-mistral-7b now: every check of its scaling setup passes\. Endpoint demo-always-on still fails: MinInstanceCount is 1/);
      assert.deepEqual(await failingChecks('demo-mistral-7b'), []);
      assert.deepEqual(ui.asked, [], 'a run that succeeds asks nothing');
    });

    it('repairs demo-embeddings\' alarm in place (one call): every check then passes', async () => {
      await runner.prepare(enable, { inferenceComponentName: 'demo-embeddings' });
      const answer = await runner.invoke(enable, { inferenceComponentName: 'demo-embeddings' });
      assert.match(answer, /^Done: .* \(1 call\)\.\n- Replace alarm demo-embeddings-no-capacity's settings/);
      assert.deepEqual(await failingChecks('demo-embeddings'), []);
    });

    it('gives a fresh component the whole setup', async () => {
      const sdk = await loadSdk();
      const described = await clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: 'demo-llama3-8b' }));
      await clients.sageMaker.send(
        new sdk.CreateInferenceComponentCommand({
          InferenceComponentName: 'fresh-ic',
          EndpointName: 'demo-scale-to-zero',
          VariantName: described.VariantName,
          Specification: { ModelName: described.Specification?.ModelName, ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 } },
          RuntimeConfig: { CopyCount: 1 },
        }),
      );
      const prepared = await runner.prepare(enable, { inferenceComponentName: 'fresh-ic' });
      assert.equal(prepared.confirmation?.title, 'Enable scale to zero on fresh-ic');
      assert.match(seen(prepared.confirmation.message), /fresh-ic has no scale-to-zero setup yet: the plan creates all of it\.\nThe plan makes 4 calls/);
      await runner.invoke(enable, { inferenceComponentName: 'fresh-ic' });
      assert.deepEqual(await failingChecks('fresh-ic'), []);
    });

    it('answers without a confirmation when every check passes, for an adapter, and for a component that does not exist', async () => {
      const ready = await runner.prepare(enable, { inferenceComponentName: 'demo-llama3-8b' });
      assert.equal(ready.confirmation, undefined);
      assert.match(await runner.invoke(enable, { inferenceComponentName: 'demo-llama3-8b' }), /^Nothing to repair: demo-llama3-8b .* every check of its scaling setup passes\. Nothing was changed\./);

      await addSqlAdapter();
      assert.equal((await runner.prepare(enable, { inferenceComponentName: 'demo-llama3-8b-sql' })).confirmation, undefined);
      assert.match(await runner.invoke(enable, { inferenceComponentName: 'demo-llama3-8b-sql' }), /demo-llama3-8b-sql is an adapter of demo-llama3-8b: .*Run "Enable Scale to Zero" on demo-llama3-8b/);

      assert.match(await runner.invoke(enable, { inferenceComponentName: 'no-such-ic' }), /^There is no inference component named no-such-ic in local emulator \(us-east-1\): nothing was changed\./);
    });
  });

  describe('scheduleWeekendSleep', () => {
    it('creates the weekend schedules with the preset\'s expressions, the zone, the copy count and the listed role allowed the call', async () => {
      const input = { inferenceComponentName: 'demo-embeddings', timeZone: 'America/New_York', wakeCopies: 2 };
      const prepared = await runner.prepare(weekend, input);
      assert.equal(prepared.confirmation?.title, 'Sleep and wake demo-embeddings on a schedule');
      const message = seen(prepared.confirmation.message);
      assert.match(message, /times in America\/New_York\):\nSleep every Friday 19:00 \(cron\(0 19 \? \* FRI \*\)\): 0 copies\. Next: Fri \d{4}-\d\d-\d\d 19:00, Fri \S+ 19:00, Fri \S+ 19:00\.\n/);
      assert.match(message, /\nWake every Monday 07:00 \(cron\(0 7 \? \* MON \*\)\): 2 copies\. Next: Mon \S+ 07:00, Mon \S+ 07:00, Mon \S+ 07:00\.\n/);
      assert.match(message, /Warning: the wake schedule sets 2 copies, above the scalable target's MaxCapacity 1/);
      assert.match(message, /Role: the existing IAM role EmulatorSchedulerRole .*inline policy SetInferenceComponentCopies allows/);
      assert.match(message, /makes 2 calls/);
      assert.match(message, /Saving: asleep 60 h a week × \$1\.41\/h per ml\.g5\.xlarge instance ≈ \$84\.48 a week for each instance it runs on/);

      const answer = await runner.invoke(weekend, input);
      assert.match(answer, /^Done: Sleep and wake demo-embeddings on a schedule \(2 calls\)\./);
      const sleep = await schedule('demo-embeddings-weekend-sleep');
      const wake = await schedule('demo-embeddings-weekend-wake');
      assert.equal(sleep.ScheduleExpression, 'cron(0 19 ? * FRI *)');
      assert.equal(wake.ScheduleExpression, 'cron(0 7 ? * MON *)');
      assert.equal(sleep.ScheduleExpressionTimezone, 'America/New_York');
      assert.equal(wake.ScheduleExpressionTimezone, 'America/New_York');
      assert.equal(sleep.Target?.Arn, 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig');
      assert.deepEqual(JSON.parse(sleep.Target?.Input ?? ''), { InferenceComponentName: 'demo-embeddings', DesiredRuntimeConfig: { CopyCount: 0 } });
      assert.deepEqual(JSON.parse(wake.Target?.Input ?? ''), { InferenceComponentName: 'demo-embeddings', DesiredRuntimeConfig: { CopyCount: 2 } });
      assert.equal(sleep.Target?.RoleArn, 'arn:aws:iam::123456789012:role/EmulatorSchedulerRole');

      // Asked again: the names are taken, nothing is proposed.
      const again = await runner.prepare(weekend, input);
      assert.equal(again.confirmation, undefined);
      assert.match(await runner.invoke(weekend, input), /^Nothing was changed: demo-embeddings already has schedules named demo-embeddings-weekend-sleep and demo-embeddings-weekend-wake/);
    });

    it('creates its own scheduler role when no listed role is allowed the call, and warns that a sleep with managed scaling at min 1 saves nothing', async () => {
      roles = async () => ({ kind: 'listed', roles: [], truncated: false });
      const input = { inferenceComponentName: 'demo-mistral-7b' };
      const prepared = await runner.prepare(weekend, input);
      const message = seen(prepared.confirmation?.message);
      assert.match(message, /Role: a new IAM role demo-mistral-7b-scheduler-role, created by the plan: it trusts scheduler\.amazonaws\.com only/);
      assert.match(message, /times in Europe\/Paris/);
      assert.match(message, /makes 4 calls/);
      assert.match(message, /Warning: this sleep schedule will not stop the bill/);
      assert.match(message, /Saving: none while the instances keep billing/);
      await runner.invoke(weekend, input);
      const sleep = await schedule('demo-mistral-7b-weekend-sleep');
      assert.equal(sleep.Target?.RoleArn, 'arn:aws:iam::123456789012:role/demo-mistral-7b-scheduler-role');
      assert.equal(sleep.ScheduleExpressionTimezone, 'Europe/Paris');
    });

    it('a failing call, rolled back by the user, leaves nothing: the new role and its policy are deleted', async () => {
      roles = undefined;
      const before = inventoryOf(emulator);
      const sdk = await loadSdk();
      const roleNames = async () => ((await clients.iam.send(new sdk.ListRolesCommand({}))).Roles ?? []).map((role) => role.RoleName).sort();
      const rolesBefore = await roleNames();
      await setFaults(emulator.url, { errorRate: 1, operations: ['CreateSchedule'] });
      ui.answerPick('rollback');
      await runner.prepare(weekend, { inferenceComponentName: 'demo-embeddings' });
      const answer = await runner.invoke(weekend, { inferenceComponentName: 'demo-embeddings' });
      assert.match(answer, /^Sleep and wake demo-embeddings on a schedule stopped: .*What it had changed was rolled back: the account is as it was\./);
      assert.equal(ui.asked.length, 1);
      await setFaults(emulator.url, null);
      assert.deepEqual(inventoryOf(emulator), before);
      assert.deepEqual(await roleNames(), rolesBefore);
      assert.equal(lastReport!.runs[0].created.length, 2, 'the role and its policy were created before the failing call');
      await assert.rejects(clients.iam.send(new sdk.GetRoleCommand({ RoleName: 'demo-embeddings-scheduler-role' })), /NoSuchEntity|cannot be found|not found/i);
    });

    it('refuses a role that does not trust EventBridge Scheduler, an adapter and a missing component, changing nothing', async () => {
      const before = inventoryOf(emulator);
      const untrusted = { inferenceComponentName: 'demo-embeddings', roleArn: 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole' };
      assert.equal((await runner.prepare(weekend, untrusted)).confirmation, undefined);
      assert.match(await runner.invoke(weekend, untrusted), /This role does not trust scheduler\.amazonaws\.com \(it trusts sagemaker\.amazonaws\.com\): EventBridge Scheduler could not assume it\./);
      await addSqlAdapter();
      const adapterBefore = inventoryOf(emulator);
      assert.match(await runner.invoke(weekend, { inferenceComponentName: 'demo-llama3-8b-sql' }), /demo-llama3-8b-sql is an adapter of demo-llama3-8b/);
      assert.match(await runner.invoke(weekend, { inferenceComponentName: 'no-such-ic' }), /^There is no inference component named no-such-ic/);
      assert.deepEqual(inventoryOf(emulator), adapterBefore);
      assert.deepEqual(before.schedules, adapterBefore.schedules);
    });
  });
});

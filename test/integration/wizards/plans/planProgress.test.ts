import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { type AwsClients } from '../../../../src/aws/clients';
import { emulatorCredentials } from '../../../../src/aws/connection';
import { Logger } from '../../../../src/logging/logger';
import { defaultScaleSettings } from '../../../../src/wizards/enableScaleToZero/scaleSettings';
import { scaleToZeroSteps } from '../../../../src/wizards/enableScaleToZero/scaleToZeroPlan';
import { type Plan } from '../../../../src/wizards/plans/plan';
import { runPlan } from '../../../../src/wizards/plans/planRunner';
import { PlanSession, type PlanFeedback, type PlanTarget, type StartupAction } from '../../../../src/wizards/plans/planSession';
import { type WizardRunReport } from '../../../../src/wizards/plans/wizardRunReport';
import { planProgressFiles } from '../../../../src/wizards/ui/planProgressFiles';
import { ScriptedUserInput } from '../../../support/scriptedUserInput';
import { setFaults } from '../../reliability/support';
import { blogPlan, inventoryOf, names, noRetryClients } from './blogPlan';

const wizard = 'Create Scale-to-Zero Endpoint';

describe('unfinished plans outlive the window: saved as they run, offered after a restart, and cancellable', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let directory: string;
  const logged: string[] = [];
  const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) });

  /** What a window showed; `ask` answers the notifications with buttons in order; `cancelWhen` presses Cancel on the progress. */
  function openWindow(options: { ask?: StartupAction[]; cancelWhen?: RegExp } = {}) {
    const shown = { asked: [] as string[], reported: [] as string[], info: [] as string[], warn: [] as string[], error: [] as string[] };
    const answers = [...(options.ask ?? [])];
    const feedback: PlanFeedback = {
      progress: (_title, task, settings) => {
        const controller = new AbortController();
        return task((message) => {
          shown.reported.push(message);
          if (settings?.cancellable && options.cancelWhen?.test(message)) controller.abort();
        }, controller.signal);
      },
      ask: async <A extends string>(message: string, actions: readonly A[]) => {
        shown.asked.push(`${message} [${actions.join(' / ')}]`);
        const answer = answers.shift();
        if (answer === undefined) throw new Error(`No scripted answer to the notification: ${message}`);
        return answer as unknown as A;
      },
      info: (message) => shown.info.push(message),
      warn: (message) => shown.warn.push(message),
      error: (message) => shown.error.push(message),
    };
    const session = new PlanSession({ feedback, logger, onTransitionStarted: () => undefined, store: planProgressFiles(directory, logger) });
    return { session, shown };
  }

  const target = (key = 'emulator'): PlanTarget => ({
    clients,
    region: 'us-east-1',
    connectionKey: key,
    connectionLabel: `local emulator at ${emulator.url}`,
    wait: async (ms) => {
      emulator.advance(ms / 1000);
    },
    refresh: async () => undefined,
  });
  const newReport = (): WizardRunReport => ({ runs: [] });
  const recordFiles = () => readdirSync(directory).filter((name) => name.endsWith('.json'));
  const readRecords = () => recordFiles().map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as Record<string, unknown>);

  async function eventually(what: string, check: () => boolean): Promise<void> {
    for (let tries = 0; tries < 200; tries++) {
      if (check()) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail(`Never happened: ${what}`);
  }

  /**
   * A window that dies during the endpoint wait: its run stops calling AWS there and never returns
   * (the first wait never ends), as when VS Code reloads or crashes. Resolves once its record is on disk.
   */
  async function crashDuringEndpointWait(plan: Plan): Promise<void> {
    const dying = openWindow();
    let waiting = false;
    const frozen: PlanTarget = {
      ...target(),
      wait: () => {
        waiting = true;
        return new Promise<void>(() => undefined);
      },
    };
    void dying.session.execute(wizard, frozen, new ScriptedUserInput(), plan, newReport());
    await eventually('the run waits for the endpoint', () => waiting);
    await eventually('its record lists the endpoint', () => {
      const [record] = recordFiles().length === 1 ? readRecords() : [];
      return (record?.created as unknown[] | undefined)?.length === 3;
    });
    assert.match(dying.shown.reported.at(-1) ?? '', /Create endpoint .*: waiting \(Creating/);
  }

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    clients = noRetryClients(emulator);
    directory = join(mkdtempSync(join(tmpdir(), 's2z-plans-')), 'unfinished-plans');
    logged.length = 0;
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
    rmSync(join(directory, '..'), { recursive: true, force: true });
  });

  it('a run interrupted during the endpoint wait is on disk (without environment values or credentials); a new session on the same folder resumes it from the wizard', async () => {
    const plan = blogPlan(names('crashed'));
    await crashDuringEndpointWait(plan);
    const [saved] = readRecords();
    assert.deepEqual(saved.created, [
      { kind: 'model', name: 'crashed-model' },
      { kind: 'endpointConfig', name: 'crashed-config' },
      { kind: 'endpoint', name: 'crashed-endpoint' },
    ]);
    assert.equal(saved.state, 'running');
    const text = JSON.stringify(saved);
    assert.doesNotMatch(text, /meta-llama|Llama-3\.1/, 'environment variable values are not saved');
    assert.ok(!text.includes(emulatorCredentials().secretAccessKey) && !text.includes(emulatorCredentials().accessKeyId), 'no credentials');

    // The restarted window: a new session and store reading the same folder.
    const restarted = openWindow();
    const ui = new ScriptedUserInput().answerPick('resume');
    const report = newReport();
    assert.equal(await restarted.session.continueUnfinished(wizard, target(), ui, report), 'handled');
    assert.equal(ui.asked[0], `pick: ${wizard}: "${plan.title}" stopped half-way`);
    assert.equal(report.action, 'resume');
    assert.equal(report.runs[0].status, 'succeeded', report.runs[0].message);
    assert.deepEqual(report.runs[0].skipped, ['model', 'endpoint-config', 'endpoint'], 'what the first window created is skipped');
    assert.ok(inventoryOf(emulator).endpoints.includes('crashed-endpoint:InService'));
    assert.ok(inventoryOf(emulator).inferenceComponents.includes('crashed-ic:InService'));
    assert.deepEqual(recordFiles(), [], 'finished: the record is gone');
    assert.equal(await openWindow().session.continueUnfinished(wizard, target(), new ScriptedUserInput(), newReport()), 'new');
  });

  it('after a restart, a notification offers the interrupted plan; Later keeps it, another connection is told where it ran, Roll Back leaves the account as it was', async () => {
    const before = inventoryOf(emulator);
    const plan = blogPlan(names('notified'));
    await crashDuringEndpointWait(plan);

    const later = openWindow({ ask: ['Later'] });
    assert.deepEqual(await later.session.offerUnfinished(() => target(), new ScriptedUserInput()), []);
    assert.deepEqual(later.shown.asked, [
      `A plan did not finish: "${plan.title}" (${wizard}) created 3 resources on local emulator at ${emulator.url} before it stopped. ` +
        'Resume it, or roll back what it created? [Resume / Roll Back / Later]',
    ]);
    assert.equal(recordFiles().length, 1, 'Later keeps it');

    const elsewhere = openWindow({ ask: ['Roll Back'] });
    assert.deepEqual(await elsewhere.session.offerUnfinished(() => target('another account'), new ScriptedUserInput()), []);
    assert.deepEqual(elsewhere.shown.warn, [`"${plan.title}" ran on local emulator at ${emulator.url}. Connect to it, then run ${wizard} again to resume it or roll it back.`]);
    assert.equal(recordFiles().length, 1);

    const restarted = openWindow({ ask: ['Roll Back'] });
    const [report] = await restarted.session.offerUnfinished(() => target(), new ScriptedUserInput());
    assert.equal(report.action, 'rollback');
    assert.equal(report.rollback?.status, 'succeeded', JSON.stringify(report.rollback?.notDeleted));
    assert.deepEqual(report.rollback.deleted.map((resource) => resource.kind), ['endpoint', 'endpointConfig', 'model']);
    assert.deepEqual(inventoryOf(emulator), before);
    assert.deepEqual(recordFiles(), []);
  });

  it('after a restart, Roll Back also puts back what the plan wrote over: the saved record keeps the alarm it replaced and the run id', async () => {
    const n = names('overwrite');
    const setUp = await runPlan(clients, { title: 'setup', steps: blogPlan(n).steps.slice(0, 7) }, { wait: async (ms) => emulator.advance(ms / 1000) });
    assert.equal(setUp.status, 'succeeded', setUp.message);
    const alarmName = `${n.ic}-wake`;
    const snsTopic = 'arn:aws:sns:us-east-1:123456789012:on-call';
    await clients.cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: alarmName,
        AlarmActions: [String(setUp.outputs.stepPolicyArn), snsTopic],
        Namespace: 'AWS/SageMaker',
        MetricName: 'NoCapacityInvocationFailures',
        Dimensions: [{ Name: 'InferenceComponentName', Value: n.ic }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    const alarm = async () => {
      const found = (await clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms?.[0];
      return { operator: found?.ComparisonOperator, statistic: found?.Statistic, actions: found?.AlarmActions };
    };
    const before = await alarm();
    // The repair replaces the alarm, then a later call fails; the user leaves it, and the window closes.
    const repair = scaleToZeroSteps({
      inferenceComponentName: n.ic,
      settings: defaultScaleSettings,
      parts: { wakeAlarm: 'update' },
      existingStepPolicyArn: String(setUp.outputs.stepPolicyArn),
      names: { alarm: alarmName },
    });
    const plan: Plan = { title: 'Repair the wake alarm', steps: [...repair, blogPlan(names('after')).steps[0]] };
    const first = openWindow();
    await setFaults(emulator.url, { errorRate: 1, operations: ['CreateModel'] });
    await first.session.execute(wizard, target(), new ScriptedUserInput().answerPick('leave'), plan, newReport());
    await setFaults(emulator.url, null);
    assert.notDeepEqual(await alarm(), before, 'the run replaced the alarm');
    const [saved] = readRecords();
    assert.deepEqual((saved.overwritten as { resource: unknown }[]).map((entry) => entry.resource), [{ kind: 'alarm', name: alarmName }]);
    assert.match(String(saved.runId), /\S/, 'the run id is saved, so a resume tags with it');

    const restarted = openWindow({ ask: ['Roll Back'] });
    const [report] = await restarted.session.offerUnfinished(() => target(), new ScriptedUserInput());
    assert.match(restarted.shown.asked[0], /created 0 resources and changed 1 resource on/);
    assert.equal(report.rollback?.status, 'succeeded', JSON.stringify(report.rollback?.notDeleted));
    assert.deepEqual(report.rollback.restored, [{ kind: 'alarm', name: alarmName }]);
    assert.deepEqual(await alarm(), before, 'the alarm is back as it was before the plan');
    assert.deepEqual(recordFiles(), []);
  });

  it('a plan still running in another live window is not offered here', async () => {
    const store = planProgressFiles(directory, logger);
    const plan = blogPlan(names('other'));
    const record = (pid: number) =>
      ({
        id: 'other-window',
        wizard,
        connectionKey: 'emulator',
        plan,
        created: [{ kind: 'model', name: 'other-model' }],
        state: 'running',
        owner: { pid, session: 'theirs' },
        updatedAt: new Date().toISOString(),
      }) as never;
    await store.save(record(process.ppid));
    assert.equal(await openWindow().session.continueUnfinished(wizard, target(), new ScriptedUserInput(), newReport()), 'new');
    assert.deepEqual(await openWindow().session.offerUnfinished(() => target(), new ScriptedUserInput()), []);

    // The same record whose window is gone (no such process) is offered.
    await store.save(record(2 ** 22 + 12345));
    const ui = new ScriptedUserInput().answerPick('new').answerPick('keep');
    assert.equal(await openWindow().session.continueUnfinished(wizard, target(), ui, newReport()), 'new');
    assert.equal(ui.asked[0], `pick: ${wizard}: "${plan.title}" stopped half-way`);
  });

  it('a plan on a local emulator that stopped with its window is dropped after a restart, not offered; one of a live window stays', async () => {
    const store = planProgressFiles(directory, logger);
    const plan = blogPlan(names('ephemeral'));
    const record = (id: string, pid: number) =>
      ({
        id,
        wizard,
        connectionKey: '{"kind":"localEmulator","endpoint":"http://127.0.0.1:1","region":"us-east-1"}',
        connectionLabel: 'local emulator at http://127.0.0.1:1',
        plan,
        created: [{ kind: 'model', name: 'ephemeral-model' }],
        state: 'stopped',
        owner: { pid, session: 'old' },
        endsWithWindow: true,
      }) as never;
    await store.save(record('gone', 2 ** 22 + 12345));
    await store.save(record('alive', process.ppid));
    const restarted = openWindow();
    assert.deepEqual(await restarted.session.offerUnfinished(() => target(), new ScriptedUserInput()), [], 'neither is offered on this connection');
    assert.deepEqual(restarted.shown.asked, []);
    assert.deepEqual(recordFiles(), ['alive.json'], 'the dead emulator\'s record is dropped, the live window\'s kept');
    assert.ok(logged.some((line) => line.startsWith('Dropped the record of "Scale-to-zero endpoint ephemeral-endpoint": the local emulator at http://127.0.0.1:1 it ran on stopped')), logged.join('\n'));
  });

  it('Cancel on the progress stops the run during the endpoint wait and offers to keep it (resumable later) or roll it back', async () => {
    const before = inventoryOf(emulator);
    const plan = blogPlan(names('cancelled'));
    const first = openWindow({ cancelWhen: /waiting/ });
    const keep = new ScriptedUserInput().answerPick('keep');
    const kept = newReport();
    await first.session.execute(wizard, target(), keep, plan, kept);
    assert.equal(kept.runs[0].status, 'cancelled');
    assert.equal(kept.runs[0].failedStep, 'endpoint');
    assert.equal(keep.asked[0], `pick: ${plan.title} was cancelled`);
    assert.deepEqual(first.shown.warn, [`${plan.title} was cancelled with 3 resources created. Run ${wizard} again to resume it or roll it back.`]);
    assert.deepEqual(inventoryOf(emulator).inferenceComponents, [], 'no call after the cancel');
    const [record] = readRecords();
    assert.equal(record.state, 'stopped');

    // Offered again (here after a restart), and rolled back.
    const rollback = new ScriptedUserInput().answerPick('rollback');
    const rolledBack = newReport();
    assert.equal(await openWindow().session.continueUnfinished(wizard, target(), rollback, rolledBack), 'handled');
    assert.equal(rolledBack.rollback?.status, 'succeeded', JSON.stringify(rolledBack.rollback?.notDeleted));
    assert.deepEqual(inventoryOf(emulator), before);
    assert.deepEqual(recordFiles(), []);

    // Cancelled and rolled back at once.
    const second = openWindow({ cancelWhen: /waiting/ });
    const report = newReport();
    await second.session.execute(wizard, target(), new ScriptedUserInput().answerPick('rollback'), blogPlan(names('undone')), report);
    assert.equal(report.runs[0].status, 'cancelled');
    assert.deepEqual(report.rollback?.deleted.map((resource) => resource.kind), ['endpoint', 'endpointConfig', 'model']);
    assert.deepEqual(inventoryOf(emulator), before);
    assert.deepEqual(recordFiles(), []);
  });

  it('"Start a new one" never forgets the old plan silently: keep it, forget it after seeing what it leaves, or roll it back first', async () => {
    const before = inventoryOf(emulator);
    const window = openWindow();
    await setFaults(emulator.url, { errorRate: 1, operations: ['PutScalingPolicy'] });
    const plan = blogPlan(names('old'));
    await window.session.execute(wizard, target(), new ScriptedUserInput().answerPick('leave'), plan, newReport());
    await setFaults(emulator.url, null);

    const keep = new ScriptedUserInput().answerPick('new').answerPick('keep');
    assert.equal(await window.session.continueUnfinished(wizard, target(), keep, newReport()), 'new');
    assert.equal(keep.asked[1], `pick: Before starting a new one: what about "${plan.title}"?`);
    assert.equal(recordFiles().length, 1, 'kept');

    const changedMind = new ScriptedUserInput().answerPick('new').answerPick('forget').answerConfirm(false);
    assert.equal(await window.session.continueUnfinished(wizard, target(), changedMind, newReport()), 'handled', 'not confirmed: the wizard does not run');
    assert.equal(changedMind.confirmations[0].message, `Forget "${plan.title}"?`);
    for (const name of ['model old-model', 'endpoint config old-config', 'endpoint old-endpoint', 'inference component old-ic', 'scalable target inference-component/old-ic']) {
      assert.ok(changedMind.confirmations[0].detail?.includes(name), `the confirmation lists ${name}: ${changedMind.confirmations[0].detail}`);
    }
    assert.equal(recordFiles().length, 1, 'still kept');

    const rollbackFirst = new ScriptedUserInput().answerPick('new').answerPick('rollback');
    const report = newReport();
    assert.equal(await window.session.continueUnfinished(wizard, target(), rollbackFirst, report), 'new', 'rolled back, the new one starts');
    assert.equal(report.rollback?.status, 'succeeded');
    assert.deepEqual(inventoryOf(emulator), before);
    assert.deepEqual(recordFiles(), []);

    // Forgotten knowingly: its resources stay, the record goes, and the log says what was left.
    await setFaults(emulator.url, { errorRate: 1, operations: ['PutScalingPolicy'] });
    await window.session.execute(wizard, target(), new ScriptedUserInput().answerPick('leave'), blogPlan(names('dropped')), newReport());
    await setFaults(emulator.url, null);
    const forget = new ScriptedUserInput().answerPick('new').answerPick('forget').answerConfirm(true);
    assert.equal(await window.session.continueUnfinished(wizard, target(), forget, newReport()), 'new');
    assert.deepEqual(recordFiles(), []);
    assert.ok(inventoryOf(emulator).endpoints.includes('dropped-endpoint:InService'), 'its resources are left as they are');
    assert.ok(logged.some((line) => line.startsWith('Forgot the unfinished plan') && line.includes('endpoint dropped-endpoint')), logged.join('\n'));
  });

  it('a corrupt record is reported once in words and set aside; the wizard runs on', async () => {
    const window = openWindow();
    await planProgressFiles(directory, logger).save({ id: 'placeholder', wizard: 'x', connectionKey: 'k', plan: { title: 't', steps: [] }, created: [] } as never);
    writeFileSync(join(directory, 'broken.json'), '{"id":"broken","created":[{"kind":"endpoint","na');
    assert.equal(await window.session.continueUnfinished(wizard, target(), new ScriptedUserInput(), newReport()), 'new');
    assert.equal(window.shown.warn.length, 1);
    assert.match(window.shown.warn[0], /^A record of an unfinished plan could not be read \(broken\.json: it is not valid JSON\); it was set aside as .*broken\.json\.corrupt-/);
    assert.ok(readdirSync(directory).some((name) => name.startsWith('broken.json.corrupt-')));
    assert.equal(await window.session.continueUnfinished(wizard, target(), new ScriptedUserInput(), newReport()), 'new');
    assert.equal(window.shown.warn.length, 1, 'reported once');
  });
});

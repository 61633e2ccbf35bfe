import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { type AwsClients } from '../../../../src/aws/clients';
import { Logger } from '../../../../src/logging/logger';
import { type WizardRunReport } from '../../../../src/wizards/plans/wizardRunReport';
import { PlanSession, type PlanFeedback, type PlanTarget } from '../../../../src/wizards/plans/planSession';
import { cancel, ScriptedUserInput } from '../../../support/scriptedUserInput';
import { setFaults as setEmulatorFaults } from '../../reliability/support';
import { blogPlan, inventoryOf, names, noRetryClients } from './blogPlan';

const wizard = 'Create Scale-to-Zero Endpoint';

/** What the session showed: progress titles and messages, by kind. */
function recordingFeedback() {
  const shown = { progress: [] as string[], reported: [] as string[], info: [] as string[], warn: [] as string[], error: [] as string[] };
  const feedback: PlanFeedback = {
    progress: (title, task) => {
      shown.progress.push(title);
      return task((message) => shown.reported.push(message));
    },
    ask: async () => {
      throw new Error('not expected: no notification with buttons in these tests');
    },
    info: (message) => shown.info.push(message),
    warn: (message) => shown.warn.push(message),
    error: (message) => shown.error.push(message),
  };
  return { shown, feedback };
}

describe('the plan session: run, retry, roll back, leave and resume, against the emulator', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let shown: ReturnType<typeof recordingFeedback>['shown'];
  let session: PlanSession;
  let refreshes: number;
  let transitions: number;
  const logged: string[] = [];

  const target = (key = 'emulator'): PlanTarget => ({
    clients,
    region: 'us-east-1',
    connectionKey: key,
    wait: async (ms) => {
      emulator.advance(ms / 1000);
    },
    refresh: async () => {
      refreshes++;
    },
  });
  const newReport = (): WizardRunReport => ({ runs: [] });
  const setFaults = (on: RunningEmulator, faults: Record<string, unknown> | null) => setEmulatorFaults(on.url, faults);

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    // No SDK retries: an injected fault fails the call at once.
    clients = noRetryClients(emulator);
    const recording = recordingFeedback();
    shown = recording.shown;
    refreshes = 0;
    transitions = 0;
    logged.length = 0;
    const sink = { trace: () => undefined, debug: () => undefined, info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
    session = new PlanSession({ feedback: recording.feedback, logger: new Logger(sink), onTransitionStarted: () => transitions++ });
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('runs a plan to the end in a progress notification, re-reads the account and says it is done, asking nothing', async () => {
    const plan = blogPlan(names('fine'));
    const report = newReport();
    await session.execute(wizard, target(), new ScriptedUserInput(), plan, report);
    assert.equal(report.runs.length, 1);
    assert.equal(report.runs[0].status, 'succeeded', report.runs[0].message);
    assert.deepEqual(shown.progress, [plan.title]);
    // Each call's counter once: "1/8 Create model…", not "(1/8) 1/8 Create model…".
    assert.match(shown.reported[0], /^1\/\d+ Create model fine-model/);
    for (const message of shown.reported) assert.doesNotMatch(message, /\d+\/\d+.*\d+\/\d+/, message);
    assert.deepEqual(shown.info, [`${plan.title}: done (${plan.steps.length} call(s), 0 already in place).`]);
    assert.equal(refreshes, 1);
    assert.equal(transitions, 1);
    assert.ok(inventoryOf(emulator).endpoints.includes('fine-endpoint:InService'));
    // Nothing stopped half-way: the next run of the wizard starts afresh.
    assert.equal(await session.continueUnfinished(wizard, target(), new ScriptedUserInput(), newReport()), 'new');
  });

  it('a call that keeps failing: retry stops at the same call, then rollback restores exactly the previous resources', async () => {
    const before = inventoryOf(emulator);
    await setFaults(emulator, { errorRate: 1, operations: ['PutScalingPolicy'] });
    const ui = new ScriptedUserInput().answerPick('retry').answerPick('rollback');
    const report = newReport();
    await session.execute(wizard, target(), ui, blogPlan(names('faulty')), report);
    assert.equal(report.runs.length, 2, 'the first run and the retry');
    for (const run of report.runs) assert.equal(run.failedStep, 'target-tracking', run.message);
    assert.deepEqual(report.runs[1].skipped, ['model', 'endpoint-config', 'endpoint', 'inference-component', 'scalable-target'], 'the retry resumed');
    assert.equal(ui.asked.length, 2);
    for (const asked of ui.asked) assert.match(asked, /^pick: .* stopped: /);
    assert.equal(report.rollback?.status, 'succeeded', JSON.stringify(report.rollback?.notDeleted));
    assert.deepEqual(
      report.rollback.deleted.map((resource) => resource.kind),
      ['scalableTarget', 'inferenceComponent', 'endpoint', 'endpointConfig', 'model'],
    );
    assert.deepEqual(inventoryOf(emulator), before);
    assert.deepEqual(shown.info, ['Rolled back: deleted 5 resource(s) the wizard had created.']);
    assert.ok(logged.some((line) => /InternalFailure|internal|server/i.test(line)), logged.join('\n'));
  });

  it('left half-built, the next run of the same wizard on the same connection offers to resume it, and resuming skips what exists', async () => {
    await setFaults(emulator, { errorRate: 1, operations: ['PutScalingPolicy'] });
    const plan = blogPlan(names('resumed'));
    const failed = newReport();
    await session.execute(wizard, target(), new ScriptedUserInput().answerPick('leave'), plan, failed);
    assert.equal(failed.runs[0].status, 'failed');
    assert.equal(failed.runs[0].created.length, 5);
    assert.deepEqual(shown.warn, [`${plan.title} stopped with 5 resources created. Run ${wizard} again to resume it or roll it back.`]);
    await setFaults(emulator, null);

    // Another wizard, or the same one on another connection, is not offered it.
    assert.equal(await session.continueUnfinished('Enable Scale to Zero', target(), new ScriptedUserInput(), newReport()), 'new');
    assert.equal(await session.continueUnfinished(wizard, target('another account'), new ScriptedUserInput(), newReport()), 'new');

    const ui = new ScriptedUserInput().answerPick('resume');
    const resumed = newReport();
    assert.equal(await session.continueUnfinished(wizard, target(), ui, resumed), 'handled');
    assert.match(ui.asked[0], /stopped half-way/);
    assert.equal(resumed.action, 'resume');
    assert.equal(resumed.plan, plan);
    assert.equal(resumed.runs[0].status, 'succeeded', resumed.runs[0].message);
    assert.equal(resumed.runs[0].skipped.length, 5, 'what existed was skipped');
    assert.ok(inventoryOf(emulator).endpoints.includes('resumed-endpoint:InService'));
    assert.equal(await session.continueUnfinished(wizard, target(), new ScriptedUserInput(), newReport()), 'new', 'finished: not offered again');
  });

  it('left half-built, the next run can roll it back, start a new one, or be dismissed', async () => {
    const before = inventoryOf(emulator);
    await setFaults(emulator, { errorRate: 1, operations: ['PutScalingPolicy'] });
    await session.execute(wizard, target(), new ScriptedUserInput().answerPick('leave'), blogPlan(names('left')), newReport());
    await setFaults(emulator, null);

    assert.equal(await session.continueUnfinished(wizard, target(), new ScriptedUserInput([cancel()]), newReport()), 'handled', 'Escape: nothing runs');
    // Starting a new one asks what becomes of the old one: kept, it is offered again.
    assert.equal(await session.continueUnfinished(wizard, target(), new ScriptedUserInput().answerPick('new').answerPick('keep'), newReport()), 'new');
    assert.notDeepEqual(inventoryOf(emulator), before, 'neither touched the half-built resources');

    const rolledBack = newReport();
    assert.equal(await session.continueUnfinished(wizard, target(), new ScriptedUserInput().answerPick('rollback'), rolledBack), 'handled');
    assert.equal(rolledBack.action, 'rollback');
    assert.equal(rolledBack.rollback?.status, 'succeeded');
    assert.deepEqual(inventoryOf(emulator), before);
    assert.equal(await session.continueUnfinished(wizard, target(), new ScriptedUserInput(), newReport()), 'new', 'rolled back: not offered again');
  });

  it('a plan that failed before creating anything is not kept, and a rollback that cannot delete names what is left', async () => {
    await setFaults(emulator, { errorRate: 1, operations: ['CreateModel'] });
    await session.execute(wizard, target(), new ScriptedUserInput().answerPick('leave'), blogPlan(names('nothing')), newReport());
    assert.deepEqual(shown.warn, [], 'nothing to resume');
    assert.equal(await session.continueUnfinished(wizard, target(), new ScriptedUserInput(), newReport()), 'new');

    await setFaults(emulator, { errorRate: 1, operations: ['PutScalingPolicy'] });
    const plan = blogPlan(names('stuck'));
    const report = newReport();
    await session.execute(wizard, target(), new ScriptedUserInput().answerPick('leave'), plan, report);
    await setFaults(emulator, { errorRate: 1, operations: ['DeleteEndpointConfig'] });
    const rollback = await session.rollback(target(), plan, report.runs[0].created);
    assert.equal(rollback.status, 'failed');
    assert.equal(shown.error.length, 1);
    assert.match(shown.error[0], /^The rollback could not delete everything; still there: endpoint config stuck-config \(.*\); model stuck-model \(Not attempted/);
  });
});

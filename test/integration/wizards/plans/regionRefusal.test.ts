import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { Logger } from '../../../../src/logging/logger';
import { PlanSession, type PlanFeedback, type PlanTarget } from '../../../../src/wizards/plans/planSession';
import { type WizardRunReport } from '../../../../src/wizards/plans/wizardRunReport';
import { ScriptedUserInput } from '../../../support/scriptedUserInput';
import { blogPlan, inventoryOf, names, noRetryClients } from './blogPlan';

const wizard = 'Create Scale-to-Zero Endpoint';

/**
 * Issue 17 item 5: a region that refuses MinInstanceCount 0 (the emulator told to, through its control
 * API). The plan stops at the endpoint config with an explanation naming the setting, the region and
 * the ways out, and its rollback leaves the account as it was: nothing that bills.
 */
describe('a region that refuses MinInstanceCount 0: the plan says why and how out, and its rollback leaves nothing billed', () => {
  let emulator: RunningEmulator;
  const errors: string[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    errors.length = 0;
  });
  afterEach(() => emulator.close());

  async function refuse(on: boolean): Promise<void> {
    const response = await fetch(`${emulator.url}/__emulator/refusals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ minInstanceCountZero: on }) });
    assert.equal(response.status, 200, await response.text());
  }

  it('explains the refusal in a notification and the question, then rolls back to the account as it was', async () => {
    const clients = noRetryClients(emulator);
    const feedback: PlanFeedback = {
      progress: (_title, task) => task(() => undefined),
      ask: async () => {
        throw new Error('not expected');
      },
      info: () => undefined,
      warn: () => undefined,
      error: (message) => errors.push(message),
    };
    const silent = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const session = new PlanSession({ feedback, logger: new Logger(silent), onTransitionStarted: () => undefined });
    // The connection's region is the one named; the emulator stands in for eu-west-3, where users met the refusal.
    const target: PlanTarget = { clients, region: 'eu-west-3', connectionKey: 'emulator', wait: async (ms) => emulator.advance(ms / 1000), refresh: async () => undefined };
    const before = inventoryOf(emulator);
    await refuse(true);
    const ui = new ScriptedUserInput().answerPick('rollback');
    const placeholders: string[] = [];
    const pick = ui.pick.bind(ui);
    ui.pick = ((options: Parameters<ScriptedUserInput['pick']>[0]) => {
      placeholders.push(options.placeholder ?? '');
      return pick(options);
    }) as ScriptedUserInput['pick'];
    const report: WizardRunReport = { runs: [] };
    try {
      await session.execute(wizard, target, ui, blogPlan(names('refused')), report);
    } finally {
      clients.destroy();
    }
    assert.equal(report.runs[0].failedStep, 'endpoint-config');
    assert.equal(ui.asked.length, 1);
    assert.match(ui.asked[0], /stopped: SageMaker in eu-west-3 refused MinInstanceCount 0, so the endpoint cannot scale to zero there/);
    assert.match(placeholders[0], /^Created so far: 1 resource\. Way out: another region, or MinInstanceCount 1 \(about \$1105\.95 a month\)/);
    assert.equal(errors.length, 1, 'the whole explanation in one notification');
    const [explanation] = errors;
    assert.match(explanation, /^SageMaker in eu-west-3 refused MinInstanceCount 0 \(ManagedInstanceScaling of endpoint config refused-config\)/);
    assert.match(explanation, /another region \(users report that us-east-1 accepts it\)/);
    assert.match(explanation, /set MinInstanceCount to 1: one ml\.g5\.2xlarge then always runs, about \$1105\.95 a month \(\$1\.52\/h × 730 h/);
    assert.match(explanation, /AWS said: "Min instance count needs to be greater than 0 for enabled managed instance scaling"$/);
    assert.equal(report.rollback?.status, 'succeeded');
    assert.deepEqual(report.rollback.deleted.map((resource) => resource.kind), ['model']);
    assert.deepEqual(inventoryOf(emulator), before, 'nothing left, so nothing bills');
  });
});

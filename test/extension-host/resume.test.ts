import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PlanSession, type PlanFeedback, type StartupAction } from '../../src/wizards/plans/planSession';
import { createEndpointCommand } from '../../src/wizards/ui/createEndpointCommand';
import { planProgressFiles } from '../../src/wizards/ui/planProgressFiles';
import { abortSignalFor, vsCodePlanFeedback } from '../../src/wizards/ui/vsCodePlanFeedback';
import { offerUnfinishedPlans } from '../../src/wizards/ui/wizardCommand';
import { ScriptedUserInput } from '../support/scriptedUserInput';
import { createEndpointScript } from '../support/wizardScripts';
import { emulatorControl } from './support/emulatorControl';
import { wizardCommandContext } from './support/wizardCommandContext';
import { assertReadyButForSingleType } from '../support/singleTypeWarning';

describe('Unfinished plans across a restart, and Cancel, through the wizard commands', function () {
  this.timeout(120_000);
  let wizards: Awaited<ReturnType<typeof wizardCommandContext>>;
  let directory: string;
  const { resources } = emulatorControl(() => wizards.emulatorUrl);

  /** A window: a plan session on a store over the same folder (the global storage), as activate() makes one. */
  const windowSession = (feedback: PlanFeedback = vsCodePlanFeedback) =>
    new PlanSession({ feedback, logger: wizards.context(new ScriptedUserInput()).logger, onTransitionStarted: () => undefined, store: planProgressFiles(directory, wizards.context(new ScriptedUserInput()).logger) });
  const records = () =>
    readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as { created: { kind: string; name?: string }[]; state: string });

  async function eventually(what: string, check: () => boolean): Promise<void> {
    for (let tries = 0; tries < 500; tries++) {
      if (check()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`Never happened: ${what}`);
  }

  /**
   * Runs Create Scale-to-Zero Endpoint in a window that dies during the endpoint wait: its run makes
   * no call after the first wait and the command never returns, as when VS Code reloads or crashes.
   */
  async function crashDuringEndpointWait(endpoint: string): Promise<void> {
    let stopped: Promise<unknown> | undefined;
    const dying: PlanFeedback = {
      ...vsCodePlanFeedback,
      progress: (_title, task) =>
        new Promise(() => {
          const controller = new AbortController();
          stopped = task((message) => {
            if (/waiting/.test(message)) controller.abort();
          }, controller.signal);
        }),
    };
    void createEndpointCommand({ ...wizards.context(new ScriptedUserInput(createEndpointScript(endpoint))), plans: windowSession(dying) })();
    await eventually('the run reached the endpoint wait', () => stopped !== undefined);
    await stopped;
    await eventually('the record lists the endpoint', () => records()[0]?.created.some((resource) => resource.kind === 'endpoint') ?? false);
  }

  before(async () => {
    wizards = await wizardCommandContext({ timeScale: 600 });
  });

  beforeEach(() => {
    directory = join(mkdtempSync(join(tmpdir(), 's2z-resume-')), 'unfinished-plans');
  });

  afterEach(() => {
    rmSync(join(directory, '..'), { recursive: true, force: true });
  });

  after(async () => {
    await wizards.close();
  });

  it('a plan interrupted during the endpoint wait is resumed by the wizard in the restarted window', async () => {
    await crashDuringEndpointWait('restart-endpoint');
    const [saved] = records();
    assert.equal(saved.state, 'running');
    assert.deepEqual(
      saved.created.map((resource) => resource.kind),
      ['endpointConfig', 'endpoint'],
      'the demo\'s model is used, not created',
    );

    const choices = new ScriptedUserInput().answerPick('resume');
    const resumed = await createEndpointCommand({ ...wizards.context(choices), plans: windowSession() })();
    assert.match(choices.asked[0], /^pick: Create Scale-to-Zero Endpoint: "Create scale-to-zero endpoint restart-endpoint" stopped half-way$/);
    assert.deepEqual(choices.pages, [], 'resuming asks no wizard page');
    assert.equal(resumed?.action, 'resume');
    assert.equal(resumed?.runs[0]?.status, 'succeeded', resumed?.runs[0]?.message);
    assert.deepEqual(resumed?.runs[0]?.skipped, ['createEndpointConfig', 'createEndpoint'], 'what the first window created is skipped');
    const inventory = wizards.connections.current!.inventory;
    await inventory.refresh({ full: true });
    assertReadyButForSingleType(inventory.readiness('restart-endpoint')); // issue 17: one GPU type warns
    assert.deepEqual(records(), [], 'finished: nothing left to offer');
  });

  it('after a restart, the notification\'s Roll Back deletes what the interrupted plan created', async () => {
    const before = await resources();
    await crashDuringEndpointWait('abandoned-endpoint');
    const asked: string[] = [];
    const answering: PlanFeedback = {
      ...vsCodePlanFeedback,
      ask: async <A extends string>(message: string, actions: readonly A[]) => {
        asked.push(`${message} [${actions.join(' / ')}]`);
        return 'Roll Back' satisfies StartupAction as unknown as A;
      },
    };
    const [report] = await offerUnfinishedPlans({ ...wizards.context(new ScriptedUserInput()), plans: windowSession(answering) });
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^A plan did not finish: "Create scale-to-zero endpoint abandoned-endpoint" \(Create Scale-to-Zero Endpoint\) created 2 resources on local emulator at http:\/\/.* \[Resume \/ Roll Back \/ Later\]$/);
    assert.equal(report?.rollback?.status, 'succeeded', JSON.stringify(report?.rollback?.notDeleted));
    assert.deepEqual(await resources(), before);
    assert.deepEqual(records(), []);
  });

  it('Cancel on the progress notification stops the plan during the endpoint wait, and the user rolls it back', async () => {
    const before = await resources();
    // The notification's progress is cancellable and hands the run an abort signal.
    const signal = await vsCodePlanFeedback.progress('Cancellable', async (_report, given) => given, { cancellable: true });
    assert.ok(signal instanceof AbortSignal && !signal.aborted);
    // Its Cancel button is a cancellation token: pressing it aborts the run's signal.
    const progressShown: string[] = [];
    const cancelling: PlanFeedback = {
      ...vsCodePlanFeedback,
      progress: (title, task, options) => {
        progressShown.push(`${title}${options?.cancellable ? ' (cancellable)' : ''}`);
        const button = new vscode.CancellationTokenSource();
        const abort = abortSignalFor(button.token);
        return task((message) => {
          if (/waiting/.test(message)) button.cancel();
        }, abort.signal).finally(() => {
          abort.dispose();
          button.dispose();
        });
      },
    };
    const choices = new ScriptedUserInput(createEndpointScript('cancelled-endpoint')).answerPick('rollback');
    const report = await createEndpointCommand({ ...wizards.context(choices), plans: windowSession(cancelling) })();
    assert.equal(report?.runs[0]?.status, 'cancelled');
    assert.deepEqual(progressShown, ['Create scale-to-zero endpoint cancelled-endpoint (cancellable)', 'Rolling back Create scale-to-zero endpoint cancelled-endpoint']);
    assert.equal(choices.asked[0], 'pick: Create scale-to-zero endpoint cancelled-endpoint was cancelled');
    assert.equal(report?.rollback?.status, 'succeeded', JSON.stringify(report?.rollback?.notDeleted));
    assert.deepEqual(await resources(), before);
    assert.deepEqual(records(), []);
  });
});

import { describeAwsError } from '../../aws/awsErrorMessages';
import { type AwsClients } from '../../aws/clients';
import { type Logger } from '../../logging/logger';
import { type UserInput } from '../../prompts/userInput';
import { type WizardRunReport } from './wizardRunReport';
import { type CreatedResource, type Plan } from './plan';
import { type OverwrittenResource, resourceKey } from './overwrites';
import { runPlan } from './planRunner';
import { rollbackPlan, type RollbackResult } from './rollback';
import { describeResource } from './resourceProbe';

/** The account a plan runs on. */
export interface PlanTarget {
  clients: AwsClients;
  region: string;
  /** Names the connection: a plan left half-built is offered again only on the connection it ran on. */
  connectionKey: string;
  /** Time between readiness polls (the runner's defaults when absent). */
  pollIntervalMs?: number;
  /** Waits between polls (real time when absent); tests on the emulator's frozen clock advance it. */
  wait?(ms: number): Promise<void>;
  /** Re-reads the account after a run or a rollback changed it. */
  refresh(): Promise<void>;
}

/** How the session shows what it does: a progress notification around each run, and one message at the end. */
export interface PlanFeedback {
  progress<T>(title: string, task: (report: (message: string) => void) => Promise<T>): Promise<T>;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PlanSessionDependencies {
  feedback: PlanFeedback;
  logger: Logger;
  /** A run started transitions (endpoints Creating, copies Updating): the explorer refreshes sooner. */
  onTransitionStarted(): void;
}

interface UnfinishedPlan {
  plan: Plan;
  created: CreatedResource[];
  /** What its runs wrote over, with the calls that put it back. */
  overwritten: OverwrittenResource[];
  /** The id its runs tagged what they created with: a resumed run keeps it. */
  runId: string;
  connectionKey: string;
}

/** What earlier runs of a plan did: what they created, what they wrote over, and their run id. */
export interface EarlierRuns {
  created: CreatedResource[];
  overwritten?: OverwrittenResource[];
  runId?: string;
}

/** Adds `added` to `into`, keeping the first state recorded of a resource written over twice (the one before the wizard). */
function addOverwritten(into: OverwrittenResource[], added: readonly OverwrittenResource[]): void {
  for (const entry of added) {
    const key = resourceKey(entry.resource);
    if (!into.some((known) => resourceKey(known.resource) === key)) into.push(entry);
  }
}

/**
 * Runs the plans the wizards build, and what follows a failure: retry from the failed call, roll back
 * what the plan created, or leave it as it is, in which case the wizard's next run offers to resume it
 * (skipping what exists) or to roll it back. One session serves every wizard; plans left half-built are
 * kept by wizard title.
 */
export class PlanSession {
  private readonly unfinished = new Map<string, UnfinishedPlan>();

  constructor(private readonly deps: PlanSessionDependencies) {}

  /**
   * Before `wizard` asks anything: when its last plan on this connection was left half-built, asks
   * whether to resume it, roll it back or start a new one. Returns 'new' when the wizard should run.
   */
  async continueUnfinished(wizard: string, target: PlanTarget, ui: UserInput, report: WizardRunReport): Promise<'new' | 'handled'> {
    const left = this.unfinished.get(wizard);
    if (!left || left.connectionKey !== target.connectionKey) return 'new';
    const choice = await ui.pick({
      title: `${wizard}: "${left.plan.title}" stopped half-way`,
      placeholder: `${left.created.length} resource(s) were created before it stopped`,
      items: [
        { label: '$(debug-continue) Resume it', description: 'Skips what exists and runs the rest', value: 'resume' as const },
        { label: '$(discard) Roll it back', description: 'Deletes what it created, nothing that existed before', value: 'rollback' as const },
        { label: '$(add) Start a new one', description: 'Leaves the half-built resources as they are', value: 'new' as const },
      ],
    });
    if (choice === undefined) return 'handled';
    if (choice === 'new') return 'new';
    report.plan = left.plan;
    report.action = choice;
    if (choice === 'resume') {
      await this.execute(wizard, target, ui, left.plan, report, left);
    } else {
      this.unfinished.delete(wizard);
      report.rollback = await this.rollback(target, left.plan, left.created, left.overwritten);
    }
    return 'handled';
  }

  /** Runs `plan` (resuming it when `resumeFrom` says what earlier runs did); on a failure asks what to do. */
  async execute(wizard: string, target: PlanTarget, ui: UserInput, plan: Plan, report: WizardRunReport, resumeFrom?: EarlierRuns): Promise<void> {
    const { feedback, logger } = this.deps;
    const created: CreatedResource[] = [...(resumeFrom?.created ?? [])];
    const overwritten: OverwrittenResource[] = [...(resumeFrom?.overwritten ?? [])];
    let runId = resumeFrom?.runId;
    let resume = resumeFrom !== undefined;
    this.unfinished.delete(wizard);
    for (;;) {
      const result = await feedback.progress(plan.title, (report) =>
        runPlan(target.clients, plan, {
          resume,
          runId,
          pollIntervalMs: target.pollIntervalMs,
          wait: target.wait,
          onProgress: (event) => {
            logger.info(`${plan.title}: ${event.message}`);
            if (event.state === 'started' || event.state === 'waiting') report(`(${event.index + 1}/${event.total}) ${event.message}`);
          },
        }),
      );
      report.runs.push(result);
      created.push(...result.created);
      addOverwritten(overwritten, result.overwritten);
      runId = result.runId;
      await target.refresh().catch(() => undefined);
      this.deps.onTransitionStarted();
      if (result.status === 'succeeded') {
        feedback.info(`${plan.title}: done (${result.completed.length} call(s), ${result.skipped.length} already in place).`);
        return;
      }
      const choice = await this.askAfterFailure(target, ui, plan, result, created.length);
      if (choice === 'retry') {
        resume = true;
        continue;
      }
      if (choice === 'rollback') {
        report.rollback = await this.rollback(target, plan, created, overwritten);
        return;
      }
      if (created.length > 0 || overwritten.length > 0) {
        this.unfinished.set(wizard, { plan, created, overwritten, runId, connectionKey: target.connectionKey });
        const changed = overwritten.length > 0 ? ` and ${overwritten.length} changed` : '';
        feedback.warn(`${plan.title} stopped with ${created.length} resource(s) created${changed}. Run the wizard again to resume it.`);
      }
      return;
    }
  }

  /** Puts back what the plan wrote over, deletes what it created, nothing that existed before, and says what is left if it could not. */
  async rollback(target: PlanTarget, plan: Plan, created: CreatedResource[], overwritten: OverwrittenResource[] = []): Promise<RollbackResult> {
    const { feedback, logger } = this.deps;
    const result = await feedback.progress(`Rolling back ${plan.title}`, (report) =>
      rollbackPlan(target.clients, { created, overwritten }, {
        pollIntervalMs: target.pollIntervalMs,
        wait: target.wait,
        onProgress: (event) => {
          logger.info(`Rollback: ${event.message}`);
          report(event.message);
        },
      }),
    );
    await target.refresh().catch(() => undefined);
    if (result.status === 'succeeded') {
      const restored = result.restored.length > 0 ? ` and put back ${result.restored.length} it had changed (${result.restored.map(describeResource).join(', ')})` : '';
      feedback.info(`Rolled back: deleted ${result.deleted.length} resource(s) the wizard had created${restored}.`);
    } else {
      const left = result.notDeleted.map((item) => `${item.description} (${item.reason})`).join('; ');
      feedback.error(`The rollback could not delete everything; still there: ${left}. Delete them from the Endpoints view, or run the wizard again.`);
    }
    return result;
  }

  private askAfterFailure(
    target: PlanTarget,
    ui: UserInput,
    plan: Plan,
    result: { failedStep?: string; error?: unknown },
    createdCount: number,
  ): Promise<'retry' | 'rollback' | 'leave' | undefined> {
    const failedStep = plan.steps.find((step) => step.id === result.failedStep);
    const described = describeAwsError(result.error, { action: failedStep?.description ?? 'Run the plan', region: target.region });
    this.deps.logger.error(described.message);
    return ui.pick({
      title: `${plan.title} stopped: ${described.message}`,
      placeholder: createdCount ? `Created so far: ${createdCount} resource(s)` : 'Nothing was created',
      items: [
        { label: '$(debug-restart) Retry from the failed call', description: 'Keeps what was created and continues', value: 'retry' as const },
        { label: '$(discard) Roll back', description: 'Deletes what this wizard created, nothing that existed before', value: 'rollback' as const },
        { label: '$(close) Leave it as it is', description: 'Re-running the wizard resumes it', value: 'leave' as const },
      ],
    });
  }
}

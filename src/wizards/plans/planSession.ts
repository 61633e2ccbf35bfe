import { describeAwsError } from '../../aws/awsErrorMessages';
import { explainRegionRefusal } from './regionRefusals';
import { type AwsClients } from '../../aws/clients';
import { type Logger } from '../../logging/logger';
import { type UserInput } from '../../prompts/userInput';
import { type WizardRunReport } from './wizardRunReport';
import { type CreatedResource, type Plan, resourceKey } from './plan';
import {
  describeCreated,
  memoryPlanProgressStore,
  type PlanProgressRecord,
  type PlanProgressStore,
  stepsMissingValues,
  toStoredRecord,
} from './planProgress';
import { type OverwrittenResource } from './overwrites';
import { runPlan } from './planRunner';
import { rollbackPlan, type RollbackResult } from './rollback';
import { describeResource } from './resourceProbe';
import { touchedByCall } from './touchedByCall';
import { isNothingTouched, type TouchedResources, touchedByResource } from '../../resources/touchedResources';
import { plural } from '../../l10n/plural';
import { formatEventTime } from '../../timeDisplay/eventTime';

/** The account a plan runs on. */
export interface PlanTarget {
  clients: AwsClients;
  region: string;
  /** Names the connection: a plan left half-built is offered again only on the connection it ran on. Never holds credentials: it is saved to disk. */
  connectionKey: string;
  /** The connection in words, for messages after a restart: "AWS profile dev in us-east-1". */
  connectionLabel?: string;
  /**
   * The account ends with the window (the local emulator the extension starts): after a restart, a
   * record of a plan on it is dropped rather than offered, its resources having gone with it.
   */
  endsWithWindow?: boolean;
  /** Time between readiness polls (the runner's defaults when absent). */
  pollIntervalMs?: number;
  /** Waits between polls (real time when absent); tests on the emulator's frozen clock advance it. */
  wait?(ms: number): Promise<void>;
  /** Re-reads the account after a run or a rollback changed it. */
  refresh(): Promise<void>;
}

/** How the session shows what it does: a progress notification around each run, and one message at the end. */
export interface PlanFeedback {
  /**
   * A progress notification around `task`. When `cancellable`, its Cancel button aborts `signal`
   * (the runner stops before the next call, or in the middle of a wait).
   */
  progress<T>(
    title: string,
    task: (report: (message: string) => void, signal?: AbortSignal) => Promise<T>,
    options?: { cancellable?: boolean },
  ): Promise<T>;
  /** A notification with buttons, answered whenever the user likes: the action chosen, undefined when closed. */
  ask<A extends string>(message: string, actions: readonly A[]): Promise<A | undefined>;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PlanSessionDependencies {
  feedback: PlanFeedback;
  logger: Logger;
  /** A run started transitions (endpoints Creating, copies Updating): the explorer refreshes sooner. */
  onTransitionStarted(): void;
  /**
   * A call of a run or a rollback just changed these endpoints and components (raised after each, as
   * it happens, while the run goes on): the explorer re-reads them at once, coalescing a burst, so a
   * new endpoint shows as Creating while its plan still waits for it.
   */
  onResourcesChanged?(touched: TouchedResources): void;
  /**
   * Where unfinished plans are kept, so that a reload or a crash does not lose what they created: the
   * extension's global storage. In memory only when absent.
   */
  store?: PlanProgressStore;
}

/** The buttons of the notification about a plan that did not finish before the window closed. */
export const startupActions = ['Resume', 'Roll Back', 'Later'] as const;
export type StartupAction = (typeof startupActions)[number];

/** "1 resource", "3 resources". */
function resources(count: number): string {
  return plural(count, { one: '{count} resource', other: '{count} resources' });
}

/** Adds `added` to `into`, keeping the first state recorded of a resource written over twice (the one before the wizard). */
function addOverwritten(into: OverwrittenResource[], added: readonly OverwrittenResource[]): void {
  for (const entry of added) {
    const key = resourceKey(entry.resource);
    if (!into.some((known) => resourceKey(known.resource) === key)) into.push(entry);
  }
}

/** Whether a record holds anything a rollback would undo: resources created, or written over. */
function hasChanges(record: PlanProgressRecord): boolean {
  return record.created.length > 0 || (record.overwritten?.length ?? 0) > 0;
}

/**
 * Runs the plans the wizards build, and what follows a failure or a cancel: retry from the failed
 * call, roll back what the plan created, or keep it, in which case the wizard's next run (or, after a
 * restart, a notification) offers to resume it (skipping what exists) or to roll it back. One session
 * serves every wizard. Every run's record of what it created is written to the store as it grows,
 * so it survives the window.
 */
export class PlanSession {
  private readonly store: PlanProgressStore;
  /** Names this session as the owner of the runs it starts. */
  private readonly sessionId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  private recordCount = 0;
  /** Records of this window, with their plans' full values (the disk copy lacks environment variables). */
  private readonly known = new Map<string, PlanProgressRecord>();
  /** Records running in this window now: never offered. */
  private readonly running = new Set<string>();
  /** Records whose last save failed: kept from memory. */
  private readonly unsaved = new Set<string>();
  /** Problems with the store already reported (each once). */
  private readonly reported = new Set<string>();
  /** Saves and removals, one after the other, so that an older write never lands after a newer one. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PlanSessionDependencies) {
    this.store = deps.store ?? memoryPlanProgressStore();
  }

  /**
   * Before `wizard` asks anything: when a plan of it on this connection did not finish (left
   * half-built, cancelled, or interrupted by a reload or a crash), asks whether to resume it, roll it
   * back or start a new one. Returns 'new' when the wizard should run.
   */
  async continueUnfinished(wizard: string, target: PlanTarget, ui: UserInput, report: WizardRunReport): Promise<'new' | 'handled'> {
    const records = (await this.unfinished(target.connectionKey)).filter((record) => record.wizard === wizard && record.connectionKey === target.connectionKey);
    if (records.length === 0) return 'new';
    let left = records[0];
    if (records.length > 1) {
      const chosen = await ui.pick({
        title: `${wizard}: ${records.length} plans stopped half-way`,
        placeholder: 'Choose one to resume or roll back, or start a new one',
        items: [
          ...records.map((record) => ({
            label: record.plan.title,
            description: `${resources(record.created.length)} created${record.updatedAt ? `, last change ${formatEventTime(new Date(record.updatedAt), new Date())}` : ''}`,
            value: record.id,
          })),
          { label: '$(add) Start a new one', description: 'Keeps these; they are offered again next time', value: '' },
        ],
      });
      if (chosen === undefined) return 'handled';
      if (chosen === '') return 'new';
      left = records.find((record) => record.id === chosen)!;
    }
    const choice = await ui.pick({
      title: `${wizard}: "${left.plan.title}" stopped half-way`,
      placeholder: plural(left.created.length, { one: '{count} resource was created before it stopped', other: '{count} resources were created before it stopped' }),
      items: [
        { label: '$(debug-continue) Resume it', description: 'Skips what exists and runs the rest', value: 'resume' as const },
        { label: '$(discard) Roll it back', description: 'Deletes what it created, nothing that existed before', value: 'rollback' as const },
        { label: '$(add) Start a new one', description: 'Asks what to do with this one first', value: 'new' as const },
      ],
    });
    if (choice === undefined) return 'handled';
    if (choice === 'new') return this.beforeNew(target, ui, left, report);
    report.plan = left.plan;
    report.action = choice;
    if (choice === 'resume') await this.resume(target, ui, left, report);
    else report.rollback = await this.rollbackRecord(target, left);
    return 'handled';
  }

  /**
   * After a restart: one notification per plan that did not finish ("Resume / Roll Back / Later"),
   * acted on when the user answers, on the connection current then (`target()`). Resolves when every
   * notification has been answered or closed, with a report per plan acted on.
   */
  async offerUnfinished(target: () => PlanTarget | undefined, ui: UserInput): Promise<WizardRunReport[]> {
    const current = target()?.connectionKey;
    // Another window's emulator cannot be reached from here: only its window offers its plans.
    const records = (await this.unfinished(current)).filter((record) => !record.endsWithWindow || record.connectionKey === current);
    const reports = await Promise.all(records.map((record) => this.offerOne(record, target, ui)));
    return reports.filter((report): report is WizardRunReport => report !== undefined);
  }

  private async offerOne(record: PlanProgressRecord, target: () => PlanTarget | undefined, ui: UserInput): Promise<WizardRunReport | undefined> {
    const message =
      `A plan did not finish: "${record.plan.title}" (${record.wizard}) created ${resources(record.created.length)}` +
      `${record.overwritten?.length ? ` and changed ${resources(record.overwritten.length)}` : ''} on ${record.connectionLabel} ` +
      'before it stopped. Resume it, or roll back what it created?';
    const action = await this.deps.feedback.ask(message, startupActions);
    if (action === undefined || action === 'Later') return undefined;
    const current = target();
    if (!current || current.connectionKey !== record.connectionKey) {
      this.deps.feedback.warn(`"${record.plan.title}" ran on ${record.connectionLabel}. Connect to it, then run ${record.wizard} again to resume it or roll it back.`);
      return undefined;
    }
    // Answered later: it may have been resumed or rolled back from the wizard meanwhile, or from another window.
    const still = (await this.unfinished(current.connectionKey)).find((candidate) => candidate.id === record.id);
    if (!still) {
      this.deps.feedback.info(`"${record.plan.title}" is no longer waiting: it was resumed or rolled back meanwhile.`);
      return undefined;
    }
    const report: WizardRunReport = { runs: [], plan: still.plan, action: action === 'Resume' ? 'resume' : 'rollback' };
    if (action === 'Resume') await this.resume(current, ui, still, report);
    else report.rollback = await this.rollbackRecord(current, still);
    return report;
  }

  /** Runs a new `plan` (a stopped one resumes from its record); on a failure or a cancel asks what to do. */
  async execute(wizard: string, target: PlanTarget, ui: UserInput, plan: Plan, report: WizardRunReport): Promise<void> {
    const now = new Date().toISOString();
    const record: PlanProgressRecord = {
      id: `${this.sessionId}-${++this.recordCount}`,
      wizard,
      connectionKey: target.connectionKey,
      connectionLabel: target.connectionLabel ?? target.region,
      plan,
      created: [],
      overwritten: [],
      state: 'running',
      owner: { pid: this.store.pid, session: this.sessionId },
      startedAt: now,
      updatedAt: now,
      unsavedSteps: [],
      ...(target.endsWithWindow ? { endsWithWindow: true } : {}),
    };
    await this.run(target, ui, record, report, false);
  }

  /** Resumes a record (this window's, or one read back after a restart), unless values it needs were not saved. */
  private async resume(target: PlanTarget, ui: UserInput, record: PlanProgressRecord, report: WizardRunReport): Promise<void> {
    const missing = stepsMissingValues(record);
    if (missing.length > 0) {
      const steps = missing.map((step) => `"${step.description}"`).join(', ');
      this.deps.logger.warn(`${record.plan.title}: cannot resume after a restart; values not saved for ${steps}.`);
      this.deps.feedback.warn(
        `"${record.plan.title}" cannot be resumed after the restart: the values of ${steps} (environment variables, secrets) are never saved to disk. ` +
          `Roll it back and run ${record.wizard} again.`,
      );
      return;
    }
    await this.run(target, ui, { ...record, state: 'running', owner: { pid: this.store.pid, session: this.sessionId } }, report, true);
  }

  private async run(target: PlanTarget, ui: UserInput, record: PlanProgressRecord, report: WizardRunReport, resuming: boolean): Promise<void> {
    const { feedback, logger } = this.deps;
    const { plan } = record;
    let resume = resuming;
    this.running.add(record.id);
    try {
      if (hasChanges(record)) this.save(record);
      for (;;) {
        const before = [...record.created];
        const overwrittenBefore = [...(record.overwritten ?? [])];
        const merge = (run: { created: readonly CreatedResource[]; overwritten: readonly OverwrittenResource[]; runId: string }) => {
          record.created = [...before, ...run.created];
          record.overwritten = [...overwrittenBefore];
          addOverwritten(record.overwritten, run.overwritten);
          record.runId = run.runId;
        };
        const result = await feedback.progress(
          plan.title,
          (progress, signal) =>
            runPlan(target.clients, plan, {
              resume,
              signal,
              runId: record.runId,
              pollIntervalMs: target.pollIntervalMs,
              wait: target.wait,
              onRecordChanged: (run) => {
                merge(run);
                this.save(record);
              },
              onCallMade: ({ step, request }) => this.changed(touchedByCall(step, request)),
              onProgress: (event) => {
                logger.info(`${plan.title}: ${event.message}`);
                // The message already starts with the call's counter ("3/8 Create endpoint…"): not a second one.
                if (event.state === 'started' || event.state === 'waiting') progress(event.message);
              },
            }),
          { cancellable: true },
        );
        report.runs.push(result);
        merge(result);
        await target.refresh().catch(() => undefined);
        this.deps.onTransitionStarted();
        if (result.status === 'succeeded') {
          this.forget(record);
          const outcomes = result.outcomes?.length ? ` ${result.outcomes.join(' ')}` : '';
          feedback.info(`${plan.title}: done (${plural(result.completed.length, { one: '{count} call', other: '{count} calls' })}, ${result.skipped.length} already in place).${outcomes}`);
          return;
        }
        if (!hasChanges(record)) {
          this.forget(record);
          if (result.status === 'cancelled') {
            feedback.info(`${plan.title}: cancelled; nothing was created.`);
            return;
          }
        }
        const choice = result.status === 'cancelled' ? await this.askAfterCancel(ui, record) : await this.askAfterFailure(target, ui, plan, result, record.created.length);
        if (choice === 'retry') {
          resume = true;
          continue;
        }
        if (choice === 'rollback') {
          report.rollback = await this.rollbackRecord(target, record);
          return;
        }
        if (hasChanges(record)) {
          this.save({ ...record, state: 'stopped' });
          const changed = record.overwritten?.length ? ` and ${resources(record.overwritten.length)} changed` : '';
          feedback.warn(
            `${plan.title} ${result.status === 'cancelled' ? 'was cancelled' : 'stopped'} with ${resources(record.created.length)} created${changed}. ` +
              `Run ${record.wizard} again to resume it or roll it back.`,
          );
        }
        return;
      }
    } finally {
      this.running.delete(record.id);
      // What the user was told (kept, rolled back, done) is on disk when this returns.
      await this.writes;
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
          // Deleting (waiting until gone), deleted or put back: the tree shows it now.
          if (event.state === 'waiting' || event.state === 'done' || event.state === 'restored') this.changed(touchedByResource(event.resource));
        },
      }),
    );
    await target.refresh().catch(() => undefined);
    if (result.status === 'succeeded') {
      const restored = result.restored.length > 0 ? ` and put back ${result.restored.length} it had changed (${result.restored.map(describeResource).join(', ')})` : '';
      feedback.info(`Rolled back: deleted ${resources(result.deleted.length)} the wizard had created${restored}.`);
    } else {
      const left = result.notDeleted.map((item) => `${item.description} (${item.reason})`).join('; ');
      feedback.error(`The rollback could not delete everything; still there: ${left}. Delete them from the Endpoints view, or run the wizard again.`);
    }
    return result;
  }

  /** Rolls a record back; what could not be deleted stays recorded, to be offered again. */
  private async rollbackRecord(target: PlanTarget, record: PlanProgressRecord): Promise<RollbackResult> {
    this.running.add(record.id);
    try {
      const overwritten = record.overwritten ?? [];
      // Previous values that held a secret were never written to disk: after a restart they cannot be put back.
      const unrestorable = overwritten.filter((entry) => entry.valuesNotSaved);
      if (unrestorable.length > 0) {
        const names = unrestorable.map((entry) => describeResource(entry.resource)).join(', ');
        this.deps.logger.warn(`${record.plan.title}: not put back after the restart, previous values not saved: ${names}.`);
        this.deps.feedback.warn(
          `The rollback of "${record.plan.title}" cannot put back ${names}: its previous settings held secrets, which are never saved to disk. Check ${unrestorable.length === 1 ? 'it' : 'them'} by hand.`,
        );
      }
      const restorable = overwritten.filter((entry) => !entry.valuesNotSaved);
      const result = await this.rollback(target, record.plan, record.created, restorable);
      const left = record.created.filter((resource) => !result.deleted.includes(resource));
      const notRestored = restorable.filter((entry) => !result.restored.includes(entry.resource as CreatedResource));
      if (result.status === 'succeeded' || (left.length === 0 && notRestored.length === 0)) this.forget(record);
      else this.save({ ...record, created: left, overwritten: notRestored, state: 'stopped' });
      return result;
    } finally {
      this.running.delete(record.id);
      // What the user was told (kept, rolled back, done) is on disk when this returns.
      await this.writes;
    }
  }

  /**
   * "Start a new one" while a plan is unfinished: roll the old one back first, keep it for later, or
   * forget it knowingly (after seeing the resources that nothing would then delete).
   */
  private async beforeNew(target: PlanTarget, ui: UserInput, old: PlanProgressRecord, report: WizardRunReport): Promise<'new' | 'handled'> {
    const list = describeCreated(old.created);
    const choice = await ui.pick({
      title: `Before starting a new one: what about "${old.plan.title}"?`,
      placeholder: `It created ${resources(old.created.length)}: ${old.created.length ? list.replace(/\n/g, ' ') : 'none'}`,
      items: [
        { label: '$(discard) Roll it back first', description: 'Deletes what it created, then starts the new one', value: 'rollback' as const },
        { label: '$(history) Keep it', description: 'Offered again the next time this wizard runs', value: 'keep' as const },
        { label: '$(trash) Forget it', description: 'Leaves its resources in the account; nothing will roll them back', value: 'forget' as const },
      ],
    });
    if (choice === undefined) return 'handled';
    if (choice === 'keep') return 'new';
    if (choice === 'rollback') {
      report.rollback = await this.rollbackRecord(target, old);
      return report.rollback.status === 'succeeded' ? 'new' : 'handled';
    }
    const sure = await ui.confirm({
      message: `Forget "${old.plan.title}"?`,
      detail: `${plural(old.created.length, {
        one: 'This resource stays in the account, and no rollback will delete it; delete it from the Endpoints view if you do not need it:',
        other: 'These {count} resources stay in the account, and no rollback will delete them; delete them from the Endpoints view if you do not need them:',
      })}\n${list}`,
      confirmLabel: 'Forget It',
    });
    if (!sure) return 'handled';
    this.deps.logger.warn(`Forgot the unfinished plan "${old.plan.title}"; left in the account: ${old.created.length ? list.replace(/\n/g, ' ') : 'nothing'}.`);
    this.forget(old);
    await this.writes;
    return 'new';
  }

  private askAfterCancel(ui: UserInput, record: PlanProgressRecord): Promise<'rollback' | 'keep' | undefined> {
    return ui.pick({
      title: `${record.plan.title} was cancelled`,
      placeholder: `Created so far: ${resources(record.created.length)}`,
      items: [
        { label: '$(discard) Roll back', description: 'Deletes what it created, nothing that existed before', value: 'rollback' as const },
        { label: '$(history) Keep it', description: `Running ${record.wizard} again resumes it or rolls it back`, value: 'keep' as const },
      ],
    });
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
    const refusal = explainRegionRefusal(result.error, failedStep, target.region);
    this.deps.logger.error(refusal?.message ?? described.message);
    // A region's refusal needs more than a title can hold: the whole explanation in a notification beside the question.
    if (refusal) this.deps.feedback.error(refusal.message);
    return ui.pick({
      title: `${plan.title} stopped: ${refusal?.short ?? described.message}`,
      placeholder: `${createdCount ? `Created so far: ${resources(createdCount)}` : 'Nothing was created'}${refusal ? `. Way out: ${refusal.wayOut}` : ''}`,
      items: [
        { label: '$(debug-restart) Retry from the failed call', description: 'Keeps what was created and continues', value: 'retry' as const },
        { label: '$(discard) Roll back', description: 'Deletes what this wizard created, nothing that existed before', value: 'rollback' as const },
        { label: '$(close) Leave it as it is', description: 'Re-running the wizard resumes it', value: 'leave' as const },
      ],
    });
  }

  /**
   * The unfinished plans, newest first: the store's records (with this window's full values where it
   * has them) and this window's records the store could not save; not those running here or, still
   * running, in another live window. Records of a local emulator that stopped with its window (not
   * the current connection, owner gone) are dropped. What the store could not read is reported once.
   */
  private async unfinished(currentConnection: string | undefined): Promise<PlanProgressRecord[]> {
    await this.writes;
    const { records, problems } = await this.store.list();
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.deps.logger.warn(problem);
      this.deps.feedback.warn(problem);
    }
    const found = new Map<string, PlanProgressRecord>();
    for (const record of records) found.set(record.id, this.known.get(record.id) ?? record);
    for (const id of this.unsaved) {
      const record = this.known.get(id);
      if (record && !found.has(id)) found.set(id, record);
    }
    for (const record of found.values()) {
      const gone =
        record.endsWithWindow === true &&
        record.connectionKey !== currentConnection &&
        record.owner.session !== this.sessionId &&
        !this.store.runningElsewhere(record.owner);
      if (!gone) continue;
      found.delete(record.id);
      this.deps.logger.info(
        `Dropped the record of "${record.plan.title}": the ${record.connectionLabel} it ran on stopped with its window, and what it created went with it.`,
      );
      this.forget(record);
    }
    await this.writes;
    return [...found.values()]
      .filter((record) => !this.running.has(record.id))
      .filter((record) => !(record.state === 'running' && record.owner.session !== this.sessionId && this.store.runningElsewhere(record.owner)))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** Tells the explorer what a call just changed (nothing when the call changed no row). */
  private changed(touched: TouchedResources): void {
    if (!isNothingTouched(touched)) this.deps.onResourcesChanged?.(touched);
  }

  /** Queues a write of the record's current state; a failure is logged and shown once per record. */
  private save(record: PlanProgressRecord): void {
    const current: PlanProgressRecord = { ...record, created: [...record.created], overwritten: [...(record.overwritten ?? [])], updatedAt: new Date().toISOString() };
    this.known.set(record.id, current);
    const stored = { ...toStoredRecord(current), id: current.id };
    this.writes = this.writes.then(async () => {
      try {
        await this.store.save(stored);
        this.unsaved.delete(record.id);
      } catch (error) {
        const first = !this.unsaved.has(record.id);
        this.unsaved.add(record.id);
        const reason = error instanceof Error ? error.message : String(error);
        this.deps.logger.warn(`Could not save the progress of "${record.plan.title}": ${reason}`);
        if (first) {
          this.deps.feedback.warn(
            `Could not save the progress of "${record.plan.title}" to disk (${reason}). It carries on, but if this window closes before it finishes, ` +
              'check the account for what it created.',
          );
        }
      }
    });
  }

  /** Drops a record: finished, rolled back, or forgotten on purpose. */
  private forget(record: PlanProgressRecord): void {
    this.known.delete(record.id);
    this.unsaved.delete(record.id);
    this.writes = this.writes.then(async () => {
      try {
        await this.store.remove(record.id);
      } catch (error) {
        this.deps.logger.warn(`Could not remove the record of "${record.plan.title}": ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
}

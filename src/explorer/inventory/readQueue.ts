import { type AccountReader, type ScalingScope } from '../../aws/accountReader';
import { isNotFound } from '../../aws/awsErrorCodes';
import { describeError } from '../../logging/logger';
import { type DescribeOutcome, type InventoryEntries } from './inventoryEntries';

/** What a batch of reads changed, as the Inventory reports it to its listeners. */
export interface RowChanges {
  changedEndpoints: Set<string>;
  listChanged: boolean;
  problems: string[];
}

export interface ReadQueueOptions {
  /** Row reads (tasks) run at once for the tree (default 4); each task's calls are bounded by the reader too. */
  concurrency?: number;
  /** True in a big account, where a row in Deleting that is gone is dropped instead of showing an error. */
  lazy: () => boolean;
  /** Rows read for the tree, reported in batches (at most every 100 ms). */
  onRowsRead: (changes: RowChanges) => void;
}

type RowTask = { kind: 'endpoint'; name: string } | { kind: 'components'; endpointName: string };

const taskKey = (task: RowTask) => (task.kind === 'endpoint' ? `e:${task.name}` : `c:${task.endpointName}`);

/**
 * Performs the Inventory's describe calls into its entries: a refresh's describes all at once (the
 * AccountReader bounds calls in flight and per second), and the rows the tree asks for in a big account
 * through a queue of tasks, expanded endpoints first, at most `concurrency` at a time.
 */
export class ReadQueue {
  private readonly urgent: RowTask[] = [];
  private readonly background: RowTask[] = [];
  private readonly queued = new Set<string>();
  private activeTasks = 0;
  private idleWaiters: (() => void)[] = [];
  private pending: RowChanges | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly concurrency: number;

  constructor(
    private readonly reader: AccountReader,
    private readonly entries: InventoryEntries,
    private readonly options: ReadQueueOptions,
  ) {
    this.concurrency = options.concurrency ?? 4;
  }

  /** Describes these rows into the entries; the endpoints whose rows changed go into `changes`. */
  async describe(endpointNames: readonly string[], componentNames: readonly string[], changes: RowChanges): Promise<void> {
    let removed = false;
    await Promise.all([
      ...endpointNames.map(async (name) => {
        const outcome = await this.describeEndpoint(name);
        removed ||= 'gone' in outcome && outcome.gone;
        if (this.entries.record('endpoint', name, outcome)) changes.changedEndpoints.add(name);
      }),
      ...componentNames.map(async (name) => {
        const endpointName = this.entries.components.get(name)?.summary.endpointName;
        const outcome = await this.describeComponent(name);
        removed ||= 'gone' in outcome && outcome.gone;
        if (this.entries.record('component', name, outcome) && endpointName !== undefined) changes.changedEndpoints.add(endpointName);
      }),
    ]);
    if (removed) changes.listChanged = true;
  }

  /**
   * Reads the scaling setup of these components (those still held) into the entries. `known` (the
   * default) reads their alarms and schedules by name, `account` lists the account's (AccountReader).
   */
  async readScaling(componentNames: readonly string[], changes: RowChanges, scope: ScalingScope = 'known'): Promise<void> {
    const scaling = await this.reader.readScaling(componentNames.filter((name) => this.entries.components.has(name)), { scope });
    changes.problems.push(...scaling.problems);
    this.entries.applyScaling(scaling.byComponent, changes.changedEndpoints);
  }

  /** The tree shows this endpoint's row. */
  enqueueEndpoint(name: string): void {
    this.enqueue({ kind: 'endpoint', name }, false);
  }

  /** The tree shows this endpoint's components (it was expanded): read before any endpoint row. */
  enqueueComponentsOf(endpointName: string): void {
    this.enqueue({ kind: 'components', endpointName }, true);
  }

  /** Resolves when every queued row has been read (benchmarks and tests). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.activeTasks === 0 && this.urgent.length === 0 && this.background.length === 0;
  }

  private async describeEndpoint(name: string): Promise<DescribeOutcome<unknown>> {
    return this.outcomeOf(() => this.reader.describeEndpoint(name), () => this.entries.endpoints.get(name)?.summary.status);
  }

  private async describeComponent(name: string): Promise<DescribeOutcome<unknown>> {
    return this.outcomeOf(() => this.reader.describeInferenceComponent(name), () => this.entries.components.get(name)?.summary.status);
  }

  /**
   * A row in Deleting that is not found any more is gone (big accounts; a small one re-lists anyway).
   * `status` is read once the call failed: a refresh may have replaced the row meanwhile.
   */
  private async outcomeOf(read: () => Promise<unknown>, status: () => string | undefined): Promise<DescribeOutcome<unknown>> {
    try {
      return { snapshot: await read() };
    } catch (error) {
      return { error: describeError(error), gone: this.options.lazy() && status() === 'Deleting' && isNotFound(error) };
    }
  }

  private enqueue(task: RowTask, urgent: boolean): void {
    const key = taskKey(task);
    if (this.queued.has(key)) return;
    this.queued.add(key);
    (urgent ? this.urgent : this.background).push(task);
    this.pump();
  }

  private pump(): void {
    while (this.activeTasks < this.concurrency) {
      const task = this.urgent.shift() ?? this.background.shift();
      if (!task) break;
      this.activeTasks++;
      void this.runTask(task).finally(() => {
        this.queued.delete(taskKey(task));
        this.activeTasks--;
        this.pump();
        if (this.isIdle()) {
          this.flush();
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const waiter of waiters) waiter();
        }
      });
    }
  }

  private async runTask(task: RowTask): Promise<void> {
    const changes = this.pendingChanges();
    if (task.kind === 'endpoint') {
      await this.describe([task.name], [], changes);
      this.entries.updateLifecycles(new Set(), task.name);
    } else {
      const endpointName = task.endpointName;
      const components = this.entries.componentsOf(endpointName).filter((entry) => !entry.snapshot).map((entry) => entry.summary.name);
      const endpoint = this.entries.endpoints.get(endpointName);
      await this.describe(endpoint && !endpoint.snapshot ? [endpointName] : [], components, changes);
      await this.readScaling(components, changes);
      this.entries.updateLifecycles(new Set(), endpointName);
      changes.changedEndpoints.add(endpointName);
    }
    this.scheduleFlush();
  }

  private pendingChanges(): RowChanges {
    this.pending ??= { changedEndpoints: new Set(), listChanged: false, problems: [] };
    return this.pending;
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => this.flush(), 100);
  }

  private flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending && (pending.changedEndpoints.size > 0 || pending.listChanged || pending.problems.length > 0)) this.options.onRowsRead(pending);
  }
}

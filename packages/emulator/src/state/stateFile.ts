import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type AutoScalingState } from '../autoscaling/records';
import { type AlarmRecord } from '../cloudwatch/alarmRecords';
import { type MetricSeries } from '../cloudwatch/metricStore';
import { type SageMakerState } from '../sagemaker/records';
import { type SchedulerState } from '../scheduler/scheduleRecords';
import { type IamState, isIamState } from '../iam/iamRecords';
import { isLogsState, type LogsState } from '../logs/logStore';
import { type AlarmHistoryItem, isAlarmHistory } from '../cloudwatch/alarmHistory';

/** Application Auto Scaling, CloudWatch and Scheduler state (absent in files written before part 2). */
export interface SavedServices {
  alarms: AlarmRecord[];
  metrics: MetricSeries[];
  autoscaling: AutoScalingState;
  scheduler: SchedulerState;
  /** IAM roles (absent in files written before the emulator had IAM). */
  iam?: IamState;
  /** CloudWatch Logs' groups, streams and events (absent in files written before the emulator had logs). */
  logs?: LogsState;
  /** CloudWatch's alarm history (absent in files written before the emulator kept it). */
  alarmHistory?: AlarmHistoryItem[];
}

/**
 * What the state file holds: the resources and the simulated time they were saved at. The top level
 * is the home partition (the default account in its home region), as in files written before the
 * emulator served several regions; `partitions` holds the others (absent in those files).
 */
export interface SavedState {
  version: 1;
  /** Simulated time when saved, epoch ms; the clock resumes from here. */
  virtualNow: number;
  sagemaker: SageMakerState;
  services?: SavedServices;
  partitions?: SavedPartition[];
}

/** One partition (an account in a region) other than the home one. */
export interface SavedPartition {
  accountId: string;
  region: string;
  sagemaker: SageMakerState;
  services?: SavedServices;
}

/** Writes the state atomically: a temporary file next to the target, then a rename. */
export function writeStateFile(path: string, state: SavedState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state), 'utf8');
  renameSync(temporary, path);
}

/** How long after a change the state file is written (changes in between are written together). */
export const stateFileDebounceMs = 250;
let temporaryCounter = 0;

/** Metric series serialized between two turns of the event loop (they are most of a big state). */
const seriesPerChunk = 200;

/**
 * Writes the state file after changes without holding the event loop: `changed()` schedules one
 * write `stateFileDebounceMs` later (however many changes come in between; one write at a time).
 * The write serializes the resources at once (a consistent picture), then the metric series, which
 * are most of a big state, in chunks with the event loop free in between, hands the text to the file
 * system asynchronously and renames (atomic, as before). `flush()` writes synchronously now (on
 * stop); a background write finishing after it is dropped, so the file always holds the newest state.
 */
export class StateFileWriter {
  private timer: NodeJS.Timeout | undefined;
  /** Bumped by every write started: a background write renames only if it is still the newest. */
  private sequence = 0;
  private writing = false;
  private changedWhileWriting = false;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => SavedState,
    private readonly failed: (error: unknown) => void,
  ) {}

  changed(): void {
    if (this.writing) {
      this.changedWhileWriting = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeInBackground();
    }, stateFileDebounceMs);
  }

  flush(): void {
    this.cancel();
    this.sequence++;
    try {
      writeStateFile(this.path, this.snapshot());
    } catch (error) {
      this.failed(error);
    }
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async writeInBackground(): Promise<void> {
    const mine = ++this.sequence;
    const temporary = `${this.path}.${process.pid}.${++temporaryCounter}.tmp`;
    this.writing = true;
    try {
      const text = await serializeInChunks(this.snapshot(), () => mine !== this.sequence);
      if (text === undefined) return;
      await writeFile(temporary, text, 'utf8');
      if (mine === this.sequence) renameSync(temporary, this.path);
      else unlinkSync(temporary);
    } catch (error) {
      this.failed(error);
    } finally {
      this.writing = false;
      if (this.changedWhileWriting && mine === this.sequence) {
        this.changedWhileWriting = false;
        this.changed();
      }
    }
  }
}

/** The state as JSON, each partition's metric series last and in chunks; undefined when `superseded()` turns true meanwhile. */
async function serializeInChunks(state: SavedState, superseded: () => boolean): Promise<string | undefined> {
  let chunks = 0;
  // Between two chunks of metric series (most of a big state) the event loop is free.
  const pause = async () => {
    if (chunks++ === 0) return false;
    await new Promise((resolve) => setImmediate(resolve));
    return superseded();
  };
  const home = await partitionJson({ version: state.version, virtualNow: state.virtualNow, sagemaker: state.sagemaker }, state.services, pause);
  if (home === undefined) return undefined;
  if (!state.partitions) return home;
  const others: string[] = [];
  for (const partition of state.partitions) {
    const text = await partitionJson({ accountId: partition.accountId, region: partition.region, sagemaker: partition.sagemaker }, partition.services, pause);
    if (text === undefined) return undefined;
    others.push(text);
  }
  return `${home.slice(0, -1)},"partitions":[${others.join(',')}]}`;
}

/** `fields` and the services as one JSON object, the metric series last, serialized in chunks. */
async function partitionJson(fields: Record<string, unknown>, services: SavedServices | undefined, pause: () => Promise<boolean>): Promise<string | undefined> {
  // Keys in this order, so that the text ends with the empty metrics list the series go into.
  const head = JSON.stringify({
    ...fields,
    ...(services ? { services: { alarms: services.alarms, autoscaling: services.autoscaling, scheduler: services.scheduler, ...(services.iam ? { iam: services.iam } : {}), ...(services.logs ? { logs: services.logs } : {}), ...(services.alarmHistory ? { alarmHistory: services.alarmHistory } : {}), metrics: [] } } : {}),
  });
  if (!services) return head;
  const series = services.metrics;
  const parts: string[] = [];
  for (let index = 0; index < series.length; index += seriesPerChunk) {
    if (await pause()) return undefined;
    parts.push(series.slice(index, index + seriesPerChunk).map((item) => JSON.stringify(item)).join(','));
  }
  return `${head.slice(0, -'[]}}'.length)}[${parts.join(',')}]}}`;
}

/** Reads a state file; undefined when it does not exist. Throws on a file that is not a saved state. */
export function readStateFile(path: string): SavedState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const saved = parsed as Partial<SavedState>;
  if (
    saved?.version !== 1 ||
    typeof saved.virtualNow !== 'number' ||
    !Number.isFinite(saved.virtualNow) ||
    Math.abs(saved.virtualNow) > 8.64e15 ||
    !validPartition(saved) ||
    (saved.partitions !== undefined && !(Array.isArray(saved.partitions) && saved.partitions.every(validOtherPartition)))
  ) {
    throw new Error(`${path} is not an emulator state file`);
  }
  return saved as SavedState;
}

/** A partition's records: SageMaker's lists of named records, and the services when present. */
function validPartition(saved: { sagemaker?: unknown; services?: unknown }): boolean {
  const sagemaker = saved.sagemaker as Partial<SageMakerState> | undefined;
  return (
    typeof sagemaker === 'object' &&
    sagemaker !== null &&
    Array.isArray(sagemaker.models) &&
    Array.isArray(sagemaker.endpointConfigs) &&
    Array.isArray(sagemaker.endpoints) &&
    Array.isArray(sagemaker.inferenceComponents) &&
    typeof sagemaker.nextId === 'number' &&
    [sagemaker.models, sagemaker.endpointConfigs, sagemaker.endpoints, sagemaker.inferenceComponents].every(allRecords) &&
    (saved.services === undefined || validServices(saved.services as Partial<SavedServices>))
  );
}

function validOtherPartition(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const partition = value as Partial<SavedPartition>;
  return typeof partition.accountId === 'string' && /^\d{12}$/.test(partition.accountId) && typeof partition.region === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(partition.region) && validPartition(partition);
}

/** Every entry an object with a string name (what a truncated or hand-edited file breaks first). */
function allRecords(list: unknown[]): boolean {
  return list.every((record) => typeof record === 'object' && record !== null && typeof (record as { name?: unknown }).name === 'string');
}

/** Renames an unusable state file to `<path>.corrupt-<time>` so the next start begins afresh; the new name, or undefined. */
export function setAsideStateFile(path: string): string | undefined {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, aside);
    return aside;
  } catch {
    return undefined;
  }
}

function validServices(services: Partial<SavedServices>): boolean {
  return (
    Array.isArray(services.alarms) &&
    Array.isArray(services.metrics) &&
    Array.isArray(services.autoscaling?.targets) &&
    Array.isArray(services.autoscaling?.policies) &&
    Array.isArray(services.autoscaling?.scheduledActions) &&
    Array.isArray(services.autoscaling?.activities) &&
    Array.isArray(services.scheduler?.schedules) &&
    Array.isArray(services.scheduler?.invocations) &&
    (services.iam === undefined || isIamState(services.iam)) &&
    (services.logs === undefined || isLogsState(services.logs)) &&
    (services.alarmHistory === undefined || isAlarmHistory(services.alarmHistory))
  );
}

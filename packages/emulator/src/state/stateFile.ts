import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type AutoScalingState } from '../autoscaling/records';
import { type AlarmRecord } from '../cloudwatch/alarmRecords';
import { type MetricSeries } from '../cloudwatch/metricStore';
import { type SageMakerState } from '../sagemaker/records';
import { type SchedulerState } from '../scheduler/scheduleRecords';

/** Application Auto Scaling, CloudWatch and Scheduler state (absent in files written before part 2). */
export interface SavedServices {
  alarms: AlarmRecord[];
  metrics: MetricSeries[];
  autoscaling: AutoScalingState;
  scheduler: SchedulerState;
}

/** What the state file holds: the resources and the simulated time they were saved at. */
export interface SavedState {
  version: 1;
  /** Simulated time when saved, epoch ms; the clock resumes from here. */
  virtualNow: number;
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

/**
 * Writes the state file after changes without holding the event loop: `changed()` schedules one
 * write `stateFileDebounceMs` later (however many changes come in between), which serializes the
 * state and hands the bytes to the file system asynchronously, then renames (atomic, as before).
 * `flush()` writes synchronously now (on stop); a slower asynchronous write finishing after it is
 * dropped, so the file always holds the newest state.
 */
export class StateFileWriter {
  private timer: NodeJS.Timeout | undefined;
  /** Bumped by every write started: an asynchronous write renames only if it is still the newest. */
  private sequence = 0;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => SavedState,
    private readonly failed: (error: unknown) => void,
  ) {}

  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writeInBackground();
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

  private writeInBackground(): void {
    const mine = ++this.sequence;
    const temporary = `${this.path}.${process.pid}.${++temporaryCounter}.tmp`;
    let text: string;
    try {
      text = JSON.stringify(this.snapshot());
    } catch (error) {
      this.failed(error);
      return;
    }
    writeFile(temporary, text, 'utf8').then(
      () => {
        try {
          if (mine === this.sequence) renameSync(temporary, this.path);
          else unlinkSync(temporary);
        } catch (error) {
          this.failed(error);
        }
      },
      (error: unknown) => this.failed(error),
    );
  }
}

/** Reads a state file; undefined when it does not exist. Throws on a file that is not a saved state. */
export function readStateFile(path: string): SavedState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const saved = parsed as Partial<SavedState>;
  const sagemaker = saved?.sagemaker as Partial<SageMakerState> | undefined;
  if (
    saved?.version !== 1 ||
    typeof saved.virtualNow !== 'number' ||
    !Number.isFinite(saved.virtualNow) ||
    Math.abs(saved.virtualNow) > 8.64e15 ||
    !sagemaker ||
    !Array.isArray(sagemaker.models) ||
    !Array.isArray(sagemaker.endpointConfigs) ||
    !Array.isArray(sagemaker.endpoints) ||
    !Array.isArray(sagemaker.inferenceComponents) ||
    typeof sagemaker.nextId !== 'number' ||
    ![sagemaker.models, sagemaker.endpointConfigs, sagemaker.endpoints, sagemaker.inferenceComponents].every(allRecords) ||
    (saved.services !== undefined && !validServices(saved.services))
  ) {
    throw new Error(`${path} is not an emulator state file`);
  }
  return saved as SavedState;
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
    Array.isArray(services.scheduler?.invocations)
  );
}

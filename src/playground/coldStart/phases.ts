/**
 * The phases of a cold start, as the playground shows them: each is a moment read from the APIs the
 * explorer uses (the IC and endpoint descriptions, the wake alarm, the scaling activities), with its
 * timestamp on the account's clock (the local emulator's runs on a virtual clock).
 */
/** The phases in the order a cold start goes through them; the playground protocol carries these ids. */
export const coldStartPhases = [
  'requestRejected',
  'alarmInAlarm',
  'scalingActivity',
  'desiredCopies',
  'instanceProvisioning',
  'copyStarting',
  'inService',
  'firstResponse',
] as const;
export type ColdStartPhaseId = (typeof coldStartPhases)[number];

/** How the waking timeline names each phase (the page shows them; the host logs them). */
export const coldStartPhaseLabels: Record<ColdStartPhaseId, string> = {
  requestRejected: 'Request rejected',
  alarmInAlarm: 'Wake alarm in ALARM',
  scalingActivity: 'Scaling activity started',
  desiredCopies: 'Desired copies 1',
  instanceProvisioning: 'Instance provisioning',
  copyStarting: 'Copy starting',
  inService: 'In service',
  firstResponse: 'First successful response',
};

export type PhaseStatus = 'pending' | 'active' | 'done' | 'skipped';

export interface PhaseRecord {
  id: ColdStartPhaseId;
  status: PhaseStatus;
  /** When the phase began (epoch ms on the account's clock); for a moment, when it happened. */
  at?: number;
  detail?: string;
}

/** `gone`: the component (or its endpoint) was deleted while the request was held. */
export type ColdStartOutcome = 'succeeded' | 'deadline' | 'cancelled' | 'failed' | 'gone';

export interface ColdStartTimeline {
  component: string;
  /** When the request was first refused (or held, with Wake now). */
  startedAt: number;
  /** Account time of the latest update (the "now" elapsed times are shown against). */
  updatedAt: number;
  /** The account time after which the held request gives up. */
  deadlineAt: number;
  wakeNow: boolean;
  phases: PhaseRecord[];
  /** A warning worth reading (an alarm that will never fire on one request, no alarm at all...). */
  note?: string;
  outcome?: ColdStartOutcome;
  endedAt?: number;
}

/** Durations of one finished cold start, in milliseconds of account time. */
export interface ColdStartDurations {
  /** When it started (epoch ms). */
  at: number;
  wakeNow: boolean;
  /** Request rejected → wake alarm in ALARM (absent with Wake now). */
  alarmMs?: number;
  /** Instance provisioning → copy starting (absent when an instance was still running). */
  instanceMs?: number;
  /** Copy starting → in service. */
  copyMs?: number;
  /** Request rejected → first successful response. */
  totalMs: number;
}

export function phase(timeline: ColdStartTimeline, id: ColdStartPhaseId): PhaseRecord {
  return timeline.phases.find((record) => record.id === id)!;
}

export function newTimeline(component: string, startedAt: number, deadlineAt: number, wakeNow: boolean): ColdStartTimeline {
  return {
    component,
    startedAt,
    updatedAt: startedAt,
    deadlineAt,
    wakeNow,
    phases: coldStartPhases.map((id) => ({ id, status: 'pending' as PhaseStatus })),
  };
}

/** The durations a finished timeline implies. */
export function durationsOf(timeline: ColdStartTimeline): ColdStartDurations | undefined {
  const at = (id: ColdStartPhaseId) => {
    const record = phase(timeline, id);
    return record.status === 'done' ? record.at : undefined;
  };
  const between = (from: ColdStartPhaseId, to: ColdStartPhaseId) => {
    const start = at(from);
    const end = at(to);
    return start !== undefined && end !== undefined ? Math.max(0, end - start) : undefined;
  };
  const first = at('firstResponse');
  if (first === undefined) return undefined;
  const result: ColdStartDurations = { at: timeline.startedAt, wakeNow: timeline.wakeNow, totalMs: Math.max(0, first - timeline.startedAt) };
  const alarm = between('requestRejected', 'alarmInAlarm');
  const instance = between('instanceProvisioning', 'copyStarting');
  const copy = between('copyStarting', 'inService');
  if (alarm !== undefined) result.alarmMs = alarm;
  if (instance !== undefined) result.instanceMs = instance;
  if (copy !== undefined) result.copyMs = copy;
  return result;
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface DurationSummary {
  count: number;
  last?: ColdStartDurations;
  median: { alarmMs?: number; instanceMs?: number; copyMs?: number; totalMs?: number };
}

export function summarizeDurations(history: ColdStartDurations[]): DurationSummary {
  const pick = (key: 'alarmMs' | 'instanceMs' | 'copyMs' | 'totalMs') =>
    median(history.map((entry) => entry[key]).filter((value): value is number => typeof value === 'number'));
  return {
    count: history.length,
    last: history.at(-1),
    median: { alarmMs: pick('alarmMs'), instanceMs: pick('instanceMs'), copyMs: pick('copyMs'), totalMs: pick('totalMs') },
  };
}

/** "4:58" for minutes and seconds, "12.3 s" under a minute. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} min`;
}

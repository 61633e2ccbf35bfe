import { type AlarmHistoryEntry } from '../../aws/alarmHistory';
import { type ContainerLogEvent } from '../../aws/containerLogEvents';
import { type ScalingActivitySnapshot } from '../../resources/resourceSnapshots';
import { type ContainerMarker, markerOf } from '../containerLogMarkers';

/** The phases of an explained cold start, in order (the contract §5). */
export const explainedPhases = ['alarm', 'decision', 'instanceAndDownload', 'modelLoad', 'healthCheck', 'firstAnswer'] as const;
export type ExplainedPhaseId = (typeof explainedPhases)[number];

export const explainedPhaseLabels: Record<ExplainedPhaseId, string> = {
  alarm: 'Request refused → wake alarm in ALARM',
  decision: 'Scaling decision',
  instanceAndDownload: 'Instance provisioning, image pull and model download',
  modelLoad: 'Model load',
  healthCheck: 'Health check',
  firstAnswer: 'First answer',
};

/** One wake's moments, each from the API that records it. */
export interface WakeMoments {
  /** The first refused request: exact from the playground, else the start of the alarm's breaching datapoint (`refusedApproximate`). */
  refusedAt?: Date;
  refusedApproximate: boolean;
  /** The wake alarm's StateUpdate to ALARM (DescribeAlarmHistory). */
  alarmAt?: Date;
  /** The component's scaling activity StartTime. */
  decisionAt: Date;
  /** The new copy's container: its first line, server ready, `/ping` 200 (CloudWatch Logs). */
  firstLineAt?: Date;
  loadStartAt?: Date;
  loadedAt?: Date;
  serverReadyAt?: Date;
  healthAt?: Date;
  /** The first `POST /invocations` 200 the new copy wrote. */
  firstAnswerAt?: Date;
  /** The scaling activity's end when it succeeded (the copy count reached). */
  inServiceAt?: Date;
  /** The new copy's log stream (`<variant>/<instance>/<copy>`). */
  stream?: string;
}

export interface PhaseSpan {
  id: ExplainedPhaseId;
  startAt?: Date;
  endAt?: Date;
  /** Undefined when a moment is missing (a note says which). */
  ms?: number;
  note?: string;
}

export interface ExplainedWake {
  component: string;
  activity: ScalingActivitySnapshot;
  outcome: 'succeeded' | 'failed' | 'inProgress';
  moments: WakeMoments;
  phases: PhaseSpan[];
  /** First refused request (or alarm, or decision) → first answer. */
  totalMs?: number;
}

/** The wake alarm's StateUpdate to ALARM that started this wake: the latest at or before the scaling decision (within 15 minutes). */
export function alarmEntryFor(history: readonly AlarmHistoryEntry[], decisionAt: Date): AlarmHistoryEntry | undefined {
  const latest = decisionAt.getTime() + 1000;
  const earliest = decisionAt.getTime() - 15 * 60_000;
  return history
    .filter((entry) => entry.type === 'StateUpdate' && entry.data?.newState?.stateValue === 'ALARM')
    .filter((entry) => entry.timestamp.getTime() <= latest && entry.timestamp.getTime() >= earliest)
    .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime())[0];
}

/** The start of the earliest breaching datapoint the alarm evaluated (the period that counted the refusal, for a wake alarm on NoCapacityInvocationFailures). */
export function breachStart(entry: AlarmHistoryEntry | undefined): Date | undefined {
  const points = entry?.data?.newState?.stateReasonData?.evaluatedDatapoints ?? [];
  const threshold = entry?.data?.newState?.stateReasonData?.threshold ?? 0;
  const times = points
    // The history does not carry the comparison: a wake alarm goes to ALARM on refusals counted (a value above 0, at least the threshold).
    .filter((point) => point.timestamp !== undefined && (point.value === undefined || (point.value >= threshold && point.value > 0)))
    .map((point) => new Date(point.timestamp!).getTime())
    .filter(Number.isFinite);
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}

/** The first time each startup marker appears in the new copy's stream (the first stream written after the decision). */
export function containerMoments(events: readonly ContainerLogEvent[], decisionAt: Date): Pick<WakeMoments, 'firstLineAt' | 'loadStartAt' | 'loadedAt' | 'serverReadyAt' | 'healthAt' | 'firstAnswerAt' | 'stream'> {
  const after = events.filter((event) => event.timestamp.getTime() >= decisionAt.getTime() - 1000).sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const first = after[0];
  if (!first) return {};
  const stream = first.stream;
  const own = after.filter((event) => event.stream === stream);
  const firstOf = (marker: ContainerMarker, from: number) => own.find((event) => event.timestamp.getTime() >= from && markerOf(event.message) === marker)?.timestamp;
  const start = first.timestamp.getTime();
  const loadStartAt = firstOf('modelLoadStart', start);
  const loadedAt = firstOf('modelLoaded', loadStartAt?.getTime() ?? start);
  const serverReadyAt = firstOf('serverReady', loadedAt?.getTime() ?? start);
  const healthAt = firstOf('healthCheckPassed', serverReadyAt?.getTime() ?? start);
  const firstAnswerAt = firstOf('firstAnswer', healthAt?.getTime() ?? start);
  return { stream, firstLineAt: first.timestamp, loadStartAt, loadedAt, serverReadyAt, healthAt, firstAnswerAt };
}

function span(id: ExplainedPhaseId, startAt: Date | undefined, endAt: Date | undefined, missing: string): PhaseSpan {
  if (!startAt || !endAt) return { id, startAt, endAt, note: missing };
  return { id, startAt, endAt, ms: Math.max(0, endAt.getTime() - startAt.getTime()) };
}

/**
 * One wake's phases from what AWS recorded of it: the wake alarm's history, the scaling activity, the
 * new copy's container lines. `refusedAt` is the playground's exact time of the refused request.
 */
export function explainWake(input: {
  component: string;
  activity: ScalingActivitySnapshot;
  alarmHistory: readonly AlarmHistoryEntry[];
  logEvents: readonly ContainerLogEvent[];
  refusedAt?: Date;
}): ExplainedWake {
  const decisionAt = input.activity.startTime;
  const alarm = alarmEntryFor(input.alarmHistory, decisionAt);
  const breach = breachStart(alarm);
  const container = containerMoments(input.logEvents, decisionAt);
  const outcome = input.activity.status === 'Successful' ? 'succeeded' : input.activity.status === 'Failed' || input.activity.status === 'Unfulfilled' ? 'failed' : 'inProgress';
  const moments: WakeMoments = {
    refusedAt: input.refusedAt ?? breach,
    refusedApproximate: input.refusedAt === undefined,
    alarmAt: alarm?.timestamp,
    decisionAt,
    ...container,
    inServiceAt: outcome === 'succeeded' ? input.activity.endTime : undefined,
  };
  const phases: PhaseSpan[] = [
    alarm
      ? span('alarm', moments.refusedAt, moments.alarmAt, 'The alarm’s history names no breaching datapoint.')
      : { id: 'alarm', note: 'No wake alarm went to ALARM before this scaling activity (Wake now, a schedule or a manual change started it).' },
    span('decision', moments.alarmAt, decisionAt, 'No alarm change before it to measure from.'),
    span('instanceAndDownload', decisionAt, moments.firstLineAt, 'The new copy wrote no log line (no container ran, or its logs could not be read).'),
    span('modelLoad', moments.firstLineAt, moments.serverReadyAt, 'The container never said its server was ready.'),
    span('healthCheck', moments.serverReadyAt, moments.healthAt, 'No /ping 200 in the container’s logs.'),
    span('firstAnswer', moments.healthAt, moments.firstAnswerAt, 'No answered request (POST /invocations 200) yet.'),
  ];
  const startedAt = moments.refusedAt ?? moments.alarmAt ?? decisionAt;
  const totalMs = moments.firstAnswerAt ? Math.max(0, moments.firstAnswerAt.getTime() - startedAt.getTime()) : undefined;
  return { component: input.component, activity: input.activity, outcome, moments, phases, totalMs };
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Each phase's median over the wakes that measured it, and the total's. */
export function phaseMedians(wakes: readonly ExplainedWake[]): { phases: Partial<Record<ExplainedPhaseId, number>>; totalMs?: number; count: number } {
  const phases: Partial<Record<ExplainedPhaseId, number>> = {};
  for (const id of explainedPhases) {
    const value = median(wakes.flatMap((wake) => wake.phases.filter((phase) => phase.id === id && phase.ms !== undefined).map((phase) => phase.ms!)));
    if (value !== undefined) phases[id] = value;
  }
  return { phases, totalMs: median(wakes.flatMap((wake) => (wake.totalMs !== undefined ? [wake.totalMs] : []))), count: wakes.length };
}

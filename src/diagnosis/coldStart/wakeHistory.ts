import { readActivityHistory } from '../../aws/activityHistory';
import { type AlarmHistoryEntry, readAlarmHistory } from '../../aws/alarmHistory';
import { type AwsClients } from '../../aws/clients';
import { inferenceComponentLogGroup, readContainerLogEvents } from '../../aws/containerLogEvents';
import { type ScalingActivitySnapshot } from '../../resources/resourceSnapshots';
import { copyCountNamedBy, wakesFromZero } from '../../resources/scalingActivityCopyCount';
import { explainWake, type ExplainedWake } from './wakePhases';

/** The explained cold start looks this many days back by default. */
export const defaultWakeDays = 7;
/** Wakes read for the medians (the newest); each costs one FilterLogEvents. */
export const maxWakesRead = 20;
/** How long after a wake's decision its container lines are read (a wake that takes longer is cut there). */
const containerWindowMs = 30 * 60_000;

/** What reading a component's wakes cost, by operation. */
export type WakeReadCalls = Map<string, number>;

/**
 * A component's wakes from zero in the last `days`, newest first, each explained: its scaling
 * activities (DescribeScalingActivities, paged), its wake alarm's history (one DescribeAlarmHistory
 * for the whole range) and, per wake, the new copy's first lines (one FilterLogEvents on the
 * component's log group). `refusedAt` (the playground's refused request) makes the wake it started exact.
 */
export async function readWakes(
  clients: AwsClients,
  component: string,
  options: { now: Date; days?: number; wakeAlarmName?: string; refusedAt?: Date; calls?: WakeReadCalls; warn?: (message: string) => void },
): Promise<ExplainedWake[]> {
  const calls = options.calls ?? new Map<string, number>();
  const count = (operation: string) => calls.set(operation, (calls.get(operation) ?? 0) + 1);
  const from = new Date(options.now.getTime() - (options.days ?? defaultWakeDays) * 86_400_000);
  count('DescribeScalingActivities');
  const activities = (await readActivityHistory(clients, component, from)).filter((activity) => activity.startTime.getTime() >= from.getTime());
  const wakes = activities.filter((activity, index) => isWake(activity, activities.slice(index + 1), options.wakeAlarmName)).slice(0, maxWakesRead);
  if (wakes.length === 0) return [];
  let alarmHistory: AlarmHistoryEntry[] = [];
  if (options.wakeAlarmName) {
    count('DescribeAlarmHistory');
    try {
      alarmHistory = await readAlarmHistory(clients, options.wakeAlarmName, { from: new Date(from.getTime() - 15 * 60_000), to: options.now });
    } catch (error) {
      // Without the alarm's history (no cloudwatch:DescribeAlarmHistory permission) the report still has every later phase.
      options.warn?.(`The history of alarm ${options.wakeAlarmName} could not be read (${error instanceof Error ? error.message : String(error)}): the report has no alarm phase.`);
    }
  }
  const group = inferenceComponentLogGroup(component);
  return Promise.all(
    wakes.map(async (activity) => {
      const end = Math.min(options.now.getTime(), activity.startTime.getTime() + containerWindowMs);
      const logEvents = await readContainerLogEvents(clients, group, { from: new Date(activity.startTime.getTime() - 1000), to: new Date(end), limit: 100 }, () => count('FilterLogEvents'));
      const refusedAt = options.refusedAt && startedBy(activity, options.refusedAt) ? options.refusedAt : undefined;
      return explainWake({ component, activity, alarmHistory, logEvents, refusedAt });
    }),
  );
}

/**
 * A scaling activity that raised the copy count from zero: it sets a count above 0 (or its cause names
 * the wake alarm), and the last count set before it (by an older successful activity), if any, was 0.
 */
export function isWake(activity: ScalingActivitySnapshot, older: readonly ScalingActivitySnapshot[], wakeAlarmName: string | undefined): boolean {
  if (activity.status === 'Overridden' || !wakesFromZero(activity, { wakeAlarmName })) return false;
  const before = older.find((candidate) => candidate.status === 'Successful' && copyCountNamedBy(candidate) !== undefined);
  return before === undefined || copyCountNamedBy(before) === 0;
}

/** The wake a refused request started: its decision came within 15 minutes after the refusal. */
export function startedBy(activity: ScalingActivitySnapshot, refusedAt: Date): boolean {
  const delay = activity.startTime.getTime() - refusedAt.getTime();
  return delay >= -1000 && delay <= 15 * 60_000;
}

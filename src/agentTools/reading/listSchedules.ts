import { type ComponentEntry } from '../../explorer/inventory/inventory';
import { plural } from '../../l10n/plural';
import { type ScheduleAction, type ScheduledActionSnapshot, type ScheduleSnapshot } from '../../resources/resourceSnapshots';
import { nextFireTimes } from '../../resources/scheduleTimes';
import { formatScheduleTime } from '../../timeDisplay/scheduleTime';
import { type ReadTool, type ToolAccount } from '../agentTool';
import { optionalSageMakerName, parseInput, parseObject } from '../toolInput';
import { agentText, answerHeading, literal, moreLine, refreshedInventory, requireComponent } from './accountRows';

export interface ListSchedulesInput {
  inferenceComponentName?: string;
}

/** Fire times previewed per schedule. */
export const fireTimesShown = 3;
/** In a big account (read lazily), the endpoints whose components' schedules are read when no component is named. */
export const maxEndpointsReadLazily = 100;
/** Components listed at most when none is named. */
export const maxComponentsWithSchedules = 50;

/** What an EventBridge Scheduler schedule does, in words (the tree says "copies → 0"). */
export function describeScheduleAction(action: ScheduleAction): string {
  switch (action.kind) {
    case 'setCopyCount':
      return `sets the copy count of ${literal(action.inferenceComponentName)} to ${action.copyCount}${action.copyCount === 0 ? ' (sleeps)' : ' (wakes)'}`;
    case 'deleteInferenceComponent':
      return `deletes ${literal(action.inferenceComponentName)} (sleeps; a create schedule brings it back)`;
    case 'createInferenceComponent':
      return `creates ${literal(action.inferenceComponentName)} again (wakes)`;
    default:
      return `calls another target (${literal(action.targetArn)})`;
  }
}

/** What an Application Auto Scaling scheduled action sets: the scalable target's range. */
export function describeScheduledAction(action: ScheduledActionSnapshot): string {
  const parts = [...(action.minCapacity !== undefined ? [`MinCapacity ${action.minCapacity}`] : []), ...(action.maxCapacity !== undefined ? [`MaxCapacity ${action.maxCapacity}`] : [])];
  const effect = action.maxCapacity === 0 ? ' (sleeps)' : (action.minCapacity ?? 0) > 0 ? ' (wakes)' : '';
  return parts.length > 0 ? `sets the scalable target's ${parts.join(' and ')}${effect}` : 'changes nothing in the scalable target';
}

/** The next fire times in the schedule's own zone, as the tree shows them ("Fri 2026-12-11 18:00 Europe/Paris"), or why there are none. */
export function nextFires(expression: string, timezone: string | undefined, now: Date): string {
  const zone = timezone || 'UTC';
  let fires: ReturnType<typeof nextFireTimes>;
  try {
    fires = nextFireTimes(expression, { timezone: zone, after: now, count: fireTimesShown });
  } catch (error) {
    return agentText(`cannot preview ${expression}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!fires.ok) return agentText(fires.error);
  const times = fires.times.filter((time) => Number.isFinite(time.getTime()));
  return times.length === 0 ? 'never fires again' : times.map((time) => formatScheduleTime(time, zone)).join(', ');
}

function scheduleLines(schedule: ScheduleSnapshot, now: Date): string[] {
  const zone = schedule.timezone || 'UTC';
  const next = schedule.enabled ? `next: ${nextFires(schedule.expression, zone, now)}` : 'disabled: it does not fire';
  return [
    `  - Schedule ${literal(schedule.name)} (EventBridge Scheduler, group ${literal(schedule.group)}): ${describeScheduleAction(schedule.action)}`,
    `    - ${literal(schedule.expression)} in ${literal(zone)}, ${schedule.enabled ? 'enabled' : 'disabled'}; ${next}`,
  ];
}

function scheduledActionLines(action: ScheduledActionSnapshot, now: Date): string[] {
  const zone = action.timezone || 'UTC';
  return [
    `  - Scheduled action ${literal(action.name)} (Application Auto Scaling): ${describeScheduledAction(action)}`,
    `    - ${literal(action.schedule)} in ${literal(zone)}; next: ${nextFires(action.schedule, zone, now)}`,
  ];
}

/** A component's schedules and scheduled actions, each once. */
function componentSchedules(entry: ComponentEntry): { schedules: ScheduleSnapshot[]; actions: ScheduledActionSnapshot[] } {
  const seen = new Set<string>();
  const schedules = (entry.scaling?.schedules ?? []).filter((schedule) => {
    const key = `${schedule.group}/${schedule.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { schedules, actions: entry.scaling?.scheduledActions ?? [] };
}

/** A big account's endpoints not read: how many, and how to read one. */
function unreadLines(unread: number | undefined): string[] {
  if (!unread) return [];
  return ['', `${plural(unread, { one: '{count} more endpoint was', other: '{count} more endpoints were' })} not read (a big account is read on request): name an inference component with inferenceComponentName to read its schedules.`];
}

const noneHint = 'sagemakerScaleToZero_scheduleWeekendSleep adds a weekend sleep schedule to an inference component';

/** The answer: per component, its schedules (expression, zone, enabled, what it does, next fire times). */
export function formatSchedulesAnswer(components: readonly ComponentEntry[], options: { label: string; now: Date; named?: string; unread?: number }): string {
  const withSchedules = components
    .map((entry) => ({ entry, ...componentSchedules(entry) }))
    .filter((row) => row.schedules.length > 0 || row.actions.length > 0);
  const heading = answerHeading(options.named ? `Schedules of ${literal(options.named)}` : 'Sleep and wake schedules', options);
  if (withSchedules.length === 0) {
    const none = options.named
      ? `${literal(options.named)} has no schedule: nothing puts it to sleep or wakes it at set times.`
      : `No inference component has a schedule (${plural(components.length, { one: '{count} component', other: '{count} components' })} read).`;
    return [heading, '', none, `${noneHint}.`, ...unreadLines(options.unread)].join('\n');
  }
  const lines = [heading, ''];
  if (!options.named) lines.push(`${plural(withSchedules.length, { one: '{count} inference component has', other: '{count} inference components have' })} schedules.`, '');
  for (const row of withSchedules.slice(0, maxComponentsWithSchedules)) {
    lines.push(`- ${literal(row.entry.summary.name)} on ${literal(row.entry.summary.endpointName)}:`);
    for (const schedule of row.schedules) lines.push(...scheduleLines(schedule, options.now));
    for (const action of row.actions) lines.push(...scheduledActionLines(action, options.now));
  }
  lines.push(...moreLine(withSchedules.length - maxComponentsWithSchedules, 'name one with inferenceComponentName'));
  return [...lines, ...unreadLines(options.unread)].join('\n');
}

export const listSchedules: ReadTool<ListSchedulesInput> = {
  kind: 'read',
  name: 'sagemakerScaleToZero_listSchedules',
  parseInput: (raw) =>
    parseInput(() => {
      const record = parseObject(raw, ['inferenceComponentName']);
      return { inferenceComponentName: optionalSageMakerName(record, 'inferenceComponentName', 'inference component') };
    }),
  invocationMessage: (input) => (input.inferenceComponentName ? `Reading the schedules of ${input.inferenceComponentName}…` : 'Reading the schedules…'),
  async answer(input: ListSchedulesInput, account: ToolAccount): Promise<string> {
    // A big account's rows are described on request only: all of them for one component's endpoint, else the first endpoints (and it says so).
    const inventory = await refreshedInventory(account, (listed) => {
      if (!input.inferenceComponentName) return listed.endpoints().slice(0, maxEndpointsReadLazily).map((entry) => entry.summary.name);
      const endpoint = listed.component(input.inferenceComponentName)?.summary.endpointName;
      return endpoint ? [endpoint] : [];
    });
    if (input.inferenceComponentName) {
      return formatSchedulesAnswer([requireComponent(account, input.inferenceComponentName)], { label: account.label, now: account.now(), named: input.inferenceComponentName });
    }
    const endpoints = inventory.endpoints();
    const read = inventory.isLazy ? endpoints.slice(0, maxEndpointsReadLazily) : endpoints;
    const components = read.flatMap((entry) => inventory.componentsOf(entry.summary.name));
    return formatSchedulesAnswer(components, { label: account.label, now: account.now(), unread: endpoints.length - read.length });
  },
};

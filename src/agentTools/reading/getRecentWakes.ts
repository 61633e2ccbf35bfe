import { formatSpan } from '../../diagnosis/coldStart/coldStartReport';
import { readWakes } from '../../diagnosis/coldStart/wakeHistory';
import { explainedPhaseLabels, explainedPhases, type ExplainedWake, phaseMedians } from '../../diagnosis/coldStart/wakePhases';
import { plural } from '../../l10n/plural';
import { findWakeAlarm } from '../../readiness/readiness';
import { formatEventTime } from '../../timeDisplay/eventTime';
import { type ReadTool, type ToolAccount } from '../agentTool';
import { optionalInteger, parseInput, parseObject, requiredSageMakerName } from '../toolInput';
import { agentText, answerHeading, literal, refreshedInventory, requireComponent } from './accountRows';

export interface GetRecentWakesInput {
  inferenceComponentName: string;
  days: number;
}

export const defaultWakesDays = 7;

const outcomes: Record<ExplainedWake['outcome'], string> = { succeeded: 'succeeded', failed: 'failed', inProgress: 'in progress' };

/** One wake: when it started, how it ended, its total, then each phase's duration or why it is missing. */
function wakeLines(wake: ExplainedWake, timeZone: string): string[] {
  const total = wake.totalMs !== undefined ? `first answer after ${formatSpan(wake.totalMs)}` : 'no answer recorded';
  const from = wake.moments.refusedAt ? 'first refused request' : wake.moments.alarmAt ? 'wake alarm' : 'scaling decision';
  const lines = [`- **${formatEventTime(wake.activity.startTime, undefined, timeZone)}**: ${outcomes[wake.outcome]}, ${total}${wake.totalMs !== undefined ? ` (from the ${from})` : ''}`];
  if (wake.outcome === 'failed' && wake.activity.statusMessage) lines.push(`  - Why it failed: ${agentText(wake.activity.statusMessage)}`);
  for (const phase of wake.phases) {
    lines.push(`  - ${explainedPhaseLabels[phase.id]}: ${phase.ms !== undefined ? formatSpan(phase.ms) : `not measured (${phase.note ?? 'no record'})`}`);
  }
  return lines;
}

/** The answer: the wakes newest first, then each phase's median over them. */
export function formatWakesAnswer(
  wakes: readonly ExplainedWake[],
  options: { component: string; days: number; label: string; wakeAlarmName?: string; timeZone: string },
): string {
  const window = plural(options.days, { one: 'the last day', other: 'the last {count} days' });
  const heading = answerHeading(`Wakes of ${literal(options.component)} from zero copies in ${window}`, options);
  const alarm = options.wakeAlarmName
    ? `Its wake alarm is ${literal(options.wakeAlarmName)}.`
    : 'It has no wake alarm (NoCapacityInvocationFailures): a request to it at zero copies is refused and does not wake it (sagemakerScaleToZero_enableScaleToZero sets one up).';
  if (wakes.length === 0) {
    return [heading, '', `No wake in ${window}: its scaling activities show no change of the copy count from 0.`, alarm].join('\n');
  }
  const lines = [heading, '', `${plural(wakes.length, { one: '{count} wake', other: '{count} wakes' })}, newest first (times in ${literal(options.timeZone)}). ${alarm}`, ''];
  for (const wake of wakes) lines.push(...wakeLines(wake, options.timeZone));
  const medians = phaseMedians(wakes);
  lines.push('', `Medians over ${plural(medians.count, { one: '{count} wake', other: '{count} wakes' })}:`);
  for (const id of explainedPhases) lines.push(`- ${explainedPhaseLabels[id]}: ${formatSpan(medians.phases[id])}`);
  lines.push(`- Total: ${formatSpan(medians.totalMs)}`);
  return lines.join('\n');
}

export const getRecentWakes: ReadTool<GetRecentWakesInput> = {
  kind: 'read',
  name: 'sagemakerScaleToZero_getRecentWakes',
  parseInput: (raw) =>
    parseInput(() => {
      const record = parseObject(raw, ['inferenceComponentName', 'days']);
      return {
        inferenceComponentName: requiredSageMakerName(record, 'inferenceComponentName', 'inference component'),
        days: optionalInteger(record, 'days', 1, 14) ?? defaultWakesDays,
      };
    }),
  invocationMessage: (input) => `Reading the recent wakes of ${input.inferenceComponentName}…`,
  async answer(input: GetRecentWakesInput, account: ToolAccount): Promise<string> {
    await refreshedInventory(account, (listed) => {
      const endpoint = listed.component(input.inferenceComponentName)?.summary.endpointName;
      return endpoint ? [endpoint] : [];
    });
    const entry = requireComponent(account, input.inferenceComponentName);
    const wakeAlarm = entry.scaling ? findWakeAlarm(input.inferenceComponentName, entry.scaling) : undefined;
    const wakes = await readWakes(account.clients, input.inferenceComponentName, { now: account.now(), days: input.days, wakeAlarmName: wakeAlarm?.name });
    return formatWakesAnswer(wakes, { component: input.inferenceComponentName, days: input.days, label: account.label, wakeAlarmName: wakeAlarm?.name, timeZone: account.defaultTimeZone });
  },
};

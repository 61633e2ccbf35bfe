import { blogReferenceMs } from '../../resources/coldStartReference';
import { type AlarmSnapshot, type EndpointSnapshot, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { fallbackTypesCheck } from '../../readiness/fallbackTypes';
import { fastestAlarmPeriodSeconds, fastestPublishSeconds, invocationMetricSeconds } from '../../readiness/wakeDetection';
import { formatEventTime } from '../../timeDisplay/eventTime';
import { type ExplainedPhaseId, explainedPhaseLabels, type ExplainedWake, phaseMedians } from './wakePhases';

/** What the component is set up with: decides which ways to shorten a phase apply. */
export interface ComponentSetup {
  component?: InferenceComponentSnapshot;
  endpoint?: EndpointSnapshot;
  wakeAlarm?: AlarmSnapshot;
}

/** The announcement's figure for a phase, where it measured one (ms). */
export const referenceFor: Partial<Record<ExplainedPhaseId, number>> = { alarm: blogReferenceMs.alarmMs };

/** Ways to shorten each phase that apply to this component's settings (none when nothing applies). */
export function shortenings(setup: ComponentSetup): Record<ExplainedPhaseId, string[]> {
  const variant = setup.endpoint?.variants.find((candidate) => candidate.name === setup.component?.variantName) ?? setup.endpoint?.variants[0];
  const publish = invocationMetricSeconds(setup.endpoint?.metricsConfig);
  const period = setup.wakeAlarm?.period;
  const alarm = ['Wake now (the playground, or Set Copy Count to 1) skips the alarm: the copy starts as the request is sent.'];
  if (publish > fastestPublishSeconds || (period !== undefined && period > fastestAlarmPeriodSeconds)) {
    alarm.push(
      `High-resolution metrics: invocation metrics every ${fastestPublishSeconds} s (MetricsConfig, now ${publish} s) and a ${fastestAlarmPeriodSeconds}-second wake alarm${period !== undefined ? ` (now ${period} s)` : ''} notice a refused request in about ${fastestPublishSeconds + fastestAlarmPeriodSeconds} s.`,
    );
  }
  const instance: string[] = [];
  if (setup.component?.startSettings && !setup.component.startSettings.caching) {
    instance.push('Data caching (DataCacheConfig.EnableCaching): a copy on an instance that already holds the model skips the download.');
  }
  if (fallbackTypesCheck(variant)?.status === 'warn') {
    instance.push('A fallback instance type (InstancePools): a wake that finds no capacity for the first type takes the next instead of failing.');
  }
  instance.push('Keep an instance (MinInstanceCount 1 in managed instance scaling) during busy hours: no provisioning, only the copy starts.');
  return {
    alarm,
    decision: [],
    instanceAndDownload: instance,
    modelLoad: ['A smaller or quantized model (fewer weights to load), or weights in a faster format (safetensors).'],
    healthCheck: [],
    firstAnswer: [],
  };
}

/** "4:58 min" for minutes and seconds, "12.3 s" under a minute, "—" when not measured. */
export function formatSpan(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} min`;
}

/** The report's title: `Cold start: <component> at <time>` (the time of the scaling decision, with its date). */
export function coldStartTitle(wake: ExplainedWake): string {
  return `Cold start: ${wake.component} at ${formatEventTime(wake.activity.startTime)}`;
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * The explained cold start as Markdown: each phase of this wake beside the component's median over
 * the wakes found and the announcement's figure, with what would shorten it, then the moments each
 * phase was read from.
 */
export function coldStartReport(wake: ExplainedWake, others: readonly ExplainedWake[], setup: ComponentSetup, options: { days: number }): string {
  const medians = phaseMedians(others);
  const ways = shortenings(setup);
  const outcome = wake.outcome === 'succeeded' ? 'woke' : wake.outcome === 'failed' ? 'did not wake (the scaling activity failed)' : 'was still waking';
  const lines = [
    `# ${coldStartTitle(wake)}`,
    '',
    `The component ${outcome}. Total: **${formatSpan(wake.totalMs)}** from the ${wake.moments.refusedAt ? 'first refused request' : 'scaling decision'} to the first answer (median of ${medians.count} wake${medians.count === 1 ? '' : 's'} in the last ${options.days} days: ${formatSpan(medians.totalMs)}; the announcement: ${formatSpan(blogReferenceMs.totalMs)}).`,
    '',
    `| Phase | This wake | Median (${medians.count}) | Announcement | What would shorten it |`,
    '| --- | --- | --- | --- | --- |',
  ];
  for (const phase of wake.phases) {
    const reference = referenceFor[phase.id];
    lines.push(
      `| ${explainedPhaseLabels[phase.id]} | ${phase.ms !== undefined ? formatSpan(phase.ms) : '—'} | ${formatSpan(medians.phases[phase.id])} | ${formatSpan(reference)} | ${cell(ways[phase.id].join(' ') || '—')} |`,
    );
  }
  const fromDecision = wake.moments.healthAt ? wake.moments.healthAt.getTime() - wake.moments.decisionAt.getTime() : undefined;
  lines.push(
    `| Scaling decision → in service (instance and copy) | ${formatSpan(fromDecision)} | — | ${formatSpan(blogReferenceMs.instanceMs + blogReferenceMs.copyMs)} | |`,
    '',
  );
  const notes = wake.phases.filter((phase) => phase.note).map((phase) => `- ${explainedPhaseLabels[phase.id]}: ${phase.note}`);
  if (notes.length > 0) lines.push('## Not measured', '', ...notes, '');
  const time = (date: Date | undefined) => formatEventTime(date);
  const m = wake.moments;
  lines.push(
    '## Where each moment comes from',
    '',
    '| Moment | Time | Read from |',
    '| --- | --- | --- |',
    `| Request refused | ${time(m.refusedAt)} | ${m.refusedApproximate ? 'the wake alarm’s breaching datapoint (the start of the period that counted it)' : 'the playground’s held request'} |`,
    `| Wake alarm in ALARM | ${time(m.alarmAt)} | DescribeAlarmHistory (StateUpdate) |`,
    `| Scaling decision | ${time(m.decisionAt)} | the scaling activity’s StartTime: ${cell(wake.activity.description)} (${wake.activity.status}) |`,
    `| Container’s first line | ${time(m.firstLineAt)} | CloudWatch Logs${m.stream ? `, stream ${cell(m.stream)}` : ''} |`,
    `| Model load started / done | ${time(m.loadStartAt)} / ${time(m.loadedAt)} | the container’s lines |`,
    `| Server ready | ${time(m.serverReadyAt)} | the container’s lines |`,
    `| Health check passed (/ping 200) | ${time(m.healthAt)} | the container’s lines |`,
    `| In service | ${time(m.inServiceAt)} | the scaling activity’s EndTime |`,
    `| First answer | ${time(m.firstAnswerAt)} | the container’s lines (POST /invocations 200) |`,
    '',
    'AWS publishes no time at which a new instance can host a copy, so instance provisioning and the image pull and model download are shown as one phase (until the container’s first line).',
    '',
  );
  return lines.join('\n');
}

import * as vscode from 'vscode';
import { describeRollingDeployment } from '../../resources/rollingDeployment';
import { type LifecycleState } from '../../lifecycle/lifecycle';
import { type EndpointReadiness } from '../../readiness/readiness';
import { markdownText } from '../../readiness/readinessReport';
import {
  type AlarmSnapshot,
  type ScalableTargetSnapshot,
  type ScalingActivitySnapshot,
  type ScalingPolicySnapshot,
  type ScheduleSnapshot,
  type InferenceComponentSnapshot,
  type VariantSnapshot,
} from '../../resources/resourceSnapshots';
import { currentBurn } from '../../cost/costLens';
import { releaseTailCost } from '../../cost/releaseTail';
import { describePendingRelease, describeScaleIn, pendingInstanceRelease } from '../../lifecycle/instanceRelease';
import { type PriceOverrides } from '../../cost/pricing';
import { describeComponentRow, describeEndpointRow, describeInstanceKeepers, idleTimeoutLabel, sumCopies } from '../../lifecycle/rowDescriptions';
import { instanceKeepers } from '../../resources/instanceKeepers';
import { findIdleTimeout } from '../../resources/idleTimeout';
import { describeInstancePools, describePlacement } from '../../lifecycle/instancePlacement';
import { deriveEndpointState } from '../../lifecycle/endpointState';
import { endpointSettingRows } from '../../lifecycle/endpointSettingRows';
import { type ComponentEntry, type EndpointEntry } from '../inventory/inventory';
import { configSection, uriScheme } from '../../workbench/ids';
import { formatAboutTime, formatEventTime } from '../../timeDisplay/eventTime';
import { formatScheduleTime, formatUtcTime } from '../../timeDisplay/scheduleTime';
import { plural } from '../../l10n/plural';
import { startSettingsRows } from '../../lifecycle/startSettingsRows';
import { describeAdapterRow } from '../../lifecycle/adapterLifecycle';
import { type FailureExplanation } from '../../diagnosis/failures/failureExplanation';
import { commandIds } from '../../workbench/ids';

/** What each row of the Endpoints view stands for. `contextValue` drives the menus in package.json. */
export type ExplorerNode =
  | { kind: 'endpoint'; id: string; name: string }
  | { kind: 'inferenceComponent'; id: string; name: string; endpointName: string }
  | { kind: 'detail'; id: string; item: vscode.TreeItem }
  | { kind: 'message'; id: string; item: vscode.TreeItem };

const lifecycleIcons: Record<LifecycleState, [string, string | undefined]> = {
  warm: ['flame', 'charts.green'],
  scalingOut: ['arrow-up', 'charts.green'],
  scalingIn: ['arrow-down', 'charts.yellow'],
  draining: ['debug-pause', 'charts.yellow'],
  cold: ['circle-large-outline', 'charts.blue'],
  waking: ['sync~spin', 'charts.orange'],
  failed: ['error', 'errorForeground'],
  creating: ['loading~spin', undefined],
  updating: ['loading~spin', undefined],
  deleting: ['trash', 'charts.red'],
};

function icon(name: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(name, color ? new vscode.ThemeColor(color) : undefined);
}


/** A `sagemaker-s2z:` URI per endpoint, so the readiness decoration (a badge) can attach to its row. */
export function endpointUri(name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: uriScheme, authority: 'endpoint', path: `/${name}` });
}

/** The user's own prices (setting), over the built-in table. */
export function priceOverrides(): PriceOverrides {
  return vscode.workspace.getConfiguration(configSection).get<PriceOverrides>('pricing.hourlyUsd', {});
}

/**
 * An endpoint's row: its state and instances first (the side bar cuts the rest), the details in the tooltip. `components` are its components' rows.
 * `now` is the account's clock (the emulator's on the emulator): events of today show their time only.
 */
export function endpointItem(entry: EndpointEntry, components: readonly ComponentEntry[], readiness: EndpointReadiness | undefined, now = new Date()): vscode.TreeItem {
  const time = (date?: Date) => formatEventTime(date, now);
  const item = new vscode.TreeItem(entry.summary.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `endpoint:${entry.summary.name}`;
  item.contextValue = 'endpoint';
  item.resourceUri = endpointUri(entry.summary.name);
  const snapshot = entry.snapshot;
  const status = snapshot?.status ?? entry.summary.status;
  const lifecycles = components.map((component) => component.lifecycle);
  const state = deriveEndpointState({ status }, lifecycles);
  const componentSnapshots = components.flatMap((component) => (component.snapshot ? [component.snapshot] : []));
  item.description = snapshot ? describeEndpointRow(snapshot, lifecycles, componentSnapshots) : state.label;
  item.iconPath =
    status === 'Failed'
      ? icon('error', 'errorForeground')
      : status === 'InService'
        ? icon('server-environment', readiness?.verdict === 'notReady' ? 'list.warningForeground' : undefined)
        : icon('loading~spin');

  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**$(server-environment) ${entry.summary.name}**\n\n`);
  tooltip.appendMarkdown(`**${state.label}**: ${markdownText(state.detail)}\n\n`);
  tooltip.appendMarkdown(`| | |\n|---|---|\n| Status | ${status} |\n`);
  const variant = snapshot?.variants[0];
  if (variant) {
    const pools = describeInstancePools(variant);
    if (pools) tooltip.appendMarkdown(`| Instance types, by priority | ${pools} |\n`);
    else tooltip.appendMarkdown(`| Instance type | ${variant.instanceType ?? '—'} |\n`);
    tooltip.appendMarkdown(`| Instances (current/desired) | ${variant.currentInstanceCount ?? '—'}/${variant.desiredInstanceCount ?? '—'} |\n`);
    if (variant.managedScaling) {
      tooltip.appendMarkdown(
        `| Managed instance scaling | ${variant.managedScaling.enabled ? 'enabled' : 'disabled'}, ${variant.managedScaling.min ?? '?'}–${variant.managedScaling.max ?? '?'} |\n`,
      );
      if (variant.managedScaling.enabled) tooltip.appendMarkdown(`| Scale-in | ${markdownText(describeScaleIn(variant.managedScaling.scaleIn))} |\n`);
    }
    if (variant.routingStrategy) tooltip.appendMarkdown(`| Routing | ${variant.routingStrategy} |\n`);
  }
  if (componentSnapshots.length > 0) {
    tooltip.appendMarkdown(`| Copies of its ${plural(componentSnapshots.length, { one: '{count} component', other: '{count} components' })} | ${sumCopies(componentSnapshots)} |\n`);
    const keepers = describeInstanceKeepers(instanceKeepers(components.flatMap((component) => (component.snapshot ? [{ ic: component.snapshot, scaling: component.scaling }] : []))));
    if (keepers) tooltip.appendMarkdown(`| Keep its instances alive | ${markdownText(keepers)} |\n`);
  }
  if (snapshot) for (const row of endpointSettingRows(snapshot, variant)) tooltip.appendMarkdown(`| ${row.label} | ${markdownText(row.text)} |\n`);
  if (snapshot) tooltip.appendMarkdown(`| Cost now | ${markdownText(currentBurn(snapshot, priceOverrides()).description)} |\n`);
  const release = snapshot ? pendingInstanceRelease({ endpoint: snapshot, components: componentSnapshots, now }) : undefined;
  if (release) {
    tooltip.appendMarkdown(`| Not yet released | ${markdownText(describePendingRelease(release, (date) => formatAboutTime(date, now)))} |\n`);
    tooltip.appendMarkdown(`| Until released | ${markdownText(releaseTailCost(release, now, priceOverrides()).description)} |\n`);
  }
  tooltip.appendMarkdown(`| Created | ${time(entry.summary.creationTime)} |\n| Last modified | ${time(entry.summary.lastModifiedTime)} |\n`);
  if (snapshot?.failureReason) tooltip.appendMarkdown(`\n$(error) ${markdownText(snapshot.failureReason)}\n`);
  if (readiness) {
    // Failures first (what stops it scaling to zero or waking), then warnings, as the report orders them.
    const all = [...readiness.checks, ...readiness.components.flatMap((component) => component.checks)];
    const failed = [...all.filter((check) => check.status === 'fail'), ...all.filter((check) => check.status === 'warn')];
    const listed = failed.map((check) => `- ${markdownText(check.reason)}`).join('\n');
    tooltip.appendMarkdown(
      readiness.verdict === 'ready'
        ? '\n$(pass) Ready to scale to zero and wake again.\n'
        : readiness.verdict === 'warnings'
          ? `\n$(info) Scales to zero and wakes again, with warnings:\n\n${listed}\n`
          : `\n$(warning) Not ready to scale to zero:\n\n${listed}\n`,
    );
  }
  if (entry.error) tooltip.appendMarkdown(`\n$(warning) ${markdownText(entry.error)}\n`);
  item.tooltip = tooltip;
  return item;
}

/**
 * An inference component's row; an adapter's row (it names a base) says whether its base serves it,
 * and a base's row how many adapters it carries (`adapters`, nested under it).
 */
export function componentItem(entry: ComponentEntry, now = new Date(), variant?: VariantSnapshot, adapters: readonly ComponentEntry[] = []): vscode.TreeItem {
  const time = (date?: Date) => formatEventTime(date, now);
  const item = new vscode.TreeItem(entry.summary.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `ic:${entry.summary.name}`;
  const snapshot = entry.snapshot;
  const baseName = snapshot?.baseComponentName;
  item.contextValue = baseName !== undefined ? 'adapter' : 'inferenceComponent';
  const lifecycle = entry.lifecycle;
  const idle = entry.scaling ? findIdleTimeout(entry.summary.name, entry.scaling) : undefined;
  // Only a complete idle timeout (alarm and policy) is named on the row; readiness explains a partial one.
  const idleMinutes = idle?.policy ? idle.minutes : undefined;
  const carried = adapters.length > 0 ? ` · ${plural(adapters.length, { one: '{count} adapter', other: '{count} adapters' })}` : '';
  item.description =
    snapshot && lifecycle
      ? baseName !== undefined
        ? describeAdapterRow(snapshot, lifecycle)
        : `${describeComponentRow(snapshot, lifecycle, idleMinutes)}${carried}`
      : entry.summary.status;
  const [name, color] = lifecycle ? lifecycleIcons[lifecycle.state] : ['loading~spin', undefined];
  item.iconPath = icon(name, color);
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**$(${baseName !== undefined ? 'extensions' : 'symbol-class'}) ${entry.summary.name}** on ${entry.summary.endpointName}\n\n`);
  if (lifecycle) tooltip.appendMarkdown(`**${lifecycle.label}**: ${markdownText(lifecycle.detail)}\n\n`);
  tooltip.appendMarkdown('| | |\n|---|---|\n');
  tooltip.appendMarkdown(`| Status | ${snapshot?.status ?? entry.summary.status} |\n`);
  if (snapshot && baseName !== undefined) {
    tooltip.appendMarkdown(`| Adapter of | ${markdownText(baseName)} (runs on its copies) |\n`);
    if (snapshot.artifactUrl) tooltip.appendMarkdown(`| Artifacts | ${markdownText(snapshot.artifactUrl)} |\n`);
  } else if (snapshot) {
    if (adapters.length > 0) tooltip.appendMarkdown(`| Adapters | ${markdownText(adapters.map((adapter) => adapter.summary.name).join(', '))} |\n`);
    tooltip.appendMarkdown(`| Copies (current/desired) | ${snapshot.currentCopyCount ?? '—'}/${snapshot.desiredCopyCount ?? '—'} |\n`);
    if (snapshot.modelName) tooltip.appendMarkdown(`| Model | ${snapshot.modelName} |\n`);
    else if (snapshot.container?.image) tooltip.appendMarkdown(`| Container image | ${markdownText(snapshot.container.image)} |\n`);
    if (snapshot.lastDeployment) tooltip.appendMarkdown(`| Last rolling update | ${markdownText(describeRollingDeployment(snapshot.lastDeployment))} |\n`);
    if (idleMinutes !== undefined) tooltip.appendMarkdown(`| Idle timeout | ${idleTimeoutLabel(idleMinutes)} (alarm ${markdownText(idle!.alarm.name)}) |\n`);
    const placement = describePlacement(snapshot, variant);
    if (placement) tooltip.appendMarkdown(`| Copies per instance type | ${placement.text} |\n`);
    const compute = snapshot.compute;
    if (compute) {
      tooltip.appendMarkdown(
        `| Per copy | ${plural(compute.accelerators ?? 0, { one: '{count} accelerator', other: '{count} accelerators' })}, ${compute.memoryMb ?? '?'} MiB${compute.cpuCores ? `, ${compute.cpuCores} vCPU` : ''} |\n`,
      );
    }
    for (const row of startSettingsRows(snapshot.startSettings)) tooltip.appendMarkdown(`| ${row.label} | ${markdownText(row.value)} |\n`);
  }
  if (snapshot) {
    tooltip.appendMarkdown(`| Created | ${time(snapshot.creationTime)} |\n| Last modified | ${time(snapshot.lastModifiedTime)} |\n`);
    if (snapshot.failureReason) tooltip.appendMarkdown(`\n$(error) ${markdownText(snapshot.failureReason)}\n`);
  }
  if (entry.error) tooltip.appendMarkdown(`\n$(warning) ${markdownText(entry.error)}\n`);
  item.tooltip = tooltip;
  return item;
}

/** The type the copies landed on (endpoints with fallback instance types); none when nothing is placed. */
export function placementNode(ic: string, snapshot: InferenceComponentSnapshot | undefined, variant: VariantSnapshot | undefined): ExplorerNode[] {
  const placement = snapshot ? describePlacement(snapshot, variant) : undefined;
  if (!placement) return [];
  const tooltip = placement.onFallback
    ? `**Running on a fallback instance type**: ${markdownText(placement.text)}. The first choice had no capacity when the copies started (InsufficientInstanceCapacity); SageMaker used the next type by priority.`
    : undefined;
  return [detail(`${ic}:placement`, `On ${placement.types}`, placement.detail, 'server', tooltip ?? `**Running on** ${markdownText(placement.text)}`, placement.onFallback ? 'charts.orange' : undefined)];
}

function detail(id: string, label: string, description: string, iconName: string, tooltip?: string, color?: string): ExplorerNode {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = description;
  item.iconPath = icon(iconName, color);
  item.tooltip = tooltip ? new vscode.MarkdownString(tooltip) : `${label}: ${description}`;
  item.contextValue = 'detail';
  return { kind: 'detail', id, item };
}

export function targetNode(ic: string, target: ScalableTargetSnapshot | undefined): ExplorerNode {
  return target
    ? detail(`${ic}:target`, 'Scalable target', `copies ${target.minCapacity}–${target.maxCapacity}${target.suspended ? ' · suspended' : ''}`, 'symbol-ruler')
    : detail(`${ic}:target`, 'Scalable target', 'not registered: copies never scale', 'symbol-ruler', undefined, 'list.warningForeground');
}

export function policyNode(ic: string, policy: ScalingPolicySnapshot): ExplorerNode {
  const description =
    policy.type === 'TargetTrackingScaling'
      ? `target tracking · ${shortMetric(policy.metric)} = ${policy.targetValue ?? '?'} · cooldowns ${policy.scaleOutCooldown ?? '?'}/${policy.scaleInCooldown ?? '?'} s`
      : `step scaling · ${(policy.stepAdjustments ?? []).map((step) => `${step.adjustment >= 0 ? '+' : ''}${step.adjustment}`).join(', ')} · cooldown ${policy.cooldown ?? '?'} s`;
  return detail(`${ic}:policy:${policy.name}`, policy.name, description, policy.type === 'StepScaling' ? 'debug-step-over' : 'graph-line');
}

function shortMetric(metric: string | undefined): string {
  if (!metric) return 'custom metric';
  return metric.replace(/^SageMakerInferenceComponent/, '').replace(/HighResolution$/, ' (10 s)');
}

export function alarmNode(ic: string, alarm: AlarmSnapshot, now = new Date()): ExplorerNode {
  const color = alarm.state === 'ALARM' ? 'charts.orange' : alarm.state === 'OK' ? 'charts.green' : undefined;
  const rule = `${alarm.statistic ?? '?'} ${alarm.comparisonOperator ?? ''} ${alarm.threshold ?? '?'} over ${alarm.period ?? '?'} s`;
  return detail(
    `${ic}:alarm:${alarm.name}`,
    alarm.name,
    `${alarm.state}${alarm.actionsEnabled ? '' : ' · actions disabled'} · ${alarm.metricName ?? ''}`,
    alarm.state === 'ALARM' ? 'bell-dot' : 'bell',
    `**${markdownText(alarm.name)}** is **${alarm.state}** since ${formatEventTime(alarm.stateUpdated, now)}\n\n${markdownText(alarm.stateReason ?? '')}\n\nRule: ${markdownText(rule)}`,
    color,
  );
}

export function scheduleNode(ic: string, schedule: ScheduleSnapshot): ExplorerNode {
  const action =
    schedule.action.kind === 'setCopyCount'
      ? `copies → ${schedule.action.copyCount}`
      : schedule.action.kind === 'deleteInferenceComponent'
        ? 'delete IC'
        : schedule.action.kind === 'createInferenceComponent'
          ? 'create IC'
          : 'other target';
  // In the schedule's own zone, as the schedule wizard previewed it; the tooltip adds UTC.
  const zone = schedule.timezone || 'UTC';
  const next = schedule.nextFire ? `next ${formatScheduleTime(schedule.nextFire, zone)} · ` : '';
  const tooltip = [
    `**${markdownText(schedule.name)}** (${markdownText(schedule.group)}): ${markdownText(action)}${schedule.enabled ? '' : ', disabled'}`,
    `${markdownText(schedule.expression)} in ${markdownText(zone)}`,
    schedule.nextFire ? `Next fire: ${formatScheduleTime(schedule.nextFire, zone)} (${formatUtcTime(schedule.nextFire)})` : 'No next fire.',
  ].join('\n\n');
  return detail(
    `${ic}:schedule:${schedule.group}/${schedule.name}`,
    schedule.name,
    `${action} · ${schedule.enabled ? next : 'disabled · '}${schedule.expression}`,
    'calendar',
    tooltip,
  );
}

export function activityNode(ic: string, activity: ScalingActivitySnapshot, now = new Date()): ExplorerNode {
  const time = (date?: Date) => formatEventTime(date, now);
  const color = activity.status === 'Successful' ? 'charts.green' : activity.status === 'Failed' ? 'errorForeground' : 'charts.orange';
  return detail(
    `${ic}:activity:${activity.id}`,
    activity.description || 'Scaling activity',
    `${activity.status} · ${time(activity.startTime)}`,
    'history',
    `**${markdownText(activity.description)}** (${activity.status})\n\nCause: ${markdownText(activity.cause)}${activity.statusMessage ? `\n\n${markdownText(activity.statusMessage)}` : ''}\n\nStarted ${time(activity.startTime)}, ended ${time(activity.endTime)}`,
    color,
  );
}

/**
 * "Why: no ml.g5.2xlarge capacity": the first child of a failed component or endpoint. Its tooltip
 * says what happened, what to do and AWS's message; a click opens the whole explanation.
 */
export function failureNode(resource: { kind: 'endpoint' | 'inferenceComponent'; name: string }, explanation: FailureExplanation, now = new Date()): ExplorerNode {
  const id = `${resource.name}:why`;
  const item = new vscode.TreeItem(`Why: ${explanation.title}`, vscode.TreeItemCollapsibleState.None);
  item.id = `${resource.kind}:${id}`;
  item.iconPath = icon('error', 'errorForeground');
  item.contextValue = 'failureExplanation';
  if (explanation.at) item.description = formatEventTime(explanation.at, now);
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**$(error) ${markdownText(explanation.title)}**\n\n${markdownText(explanation.summary)}\n\n`);
  tooltip.appendMarkdown(`**Next:** ${markdownText(explanation.nextSteps[0] ?? '')}\n\n`);
  tooltip.appendMarkdown(`Raw message (${markdownText(explanation.rawSource)}):\n\n`);
  tooltip.appendCodeblock(explanation.raw, 'text');
  tooltip.appendMarkdown('\nClick for the next steps and the whole message.');
  item.tooltip = tooltip;
  item.command = { command: commandIds.explainFailure, title: 'Explain Failure', arguments: [{ kind: resource.kind, name: resource.name }] };
  return { kind: 'detail', id: item.id, item };
}

export function messageNode(id: string, text: string, iconName = 'info', tooltip?: string): ExplorerNode {
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.iconPath = icon(iconName, iconName === 'warning' ? 'list.warningForeground' : undefined);
  item.tooltip = tooltip ?? text;
  item.contextValue = 'message';
  return { kind: 'message', id, item };
}


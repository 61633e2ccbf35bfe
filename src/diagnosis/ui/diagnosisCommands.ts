import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type ActiveConnection, type ConnectionManager } from '../../connection/ui/connectionManager';
import { type Logger } from '../../logging/logger';
import { type UserInput } from '../../prompts/userInput';
import { findWakeAlarm } from '../../readiness/readiness';
import { formatEventTime } from '../../timeDisplay/eventTime';
import { guardCommand } from '../../workbench/commandGuard';
import { commandIds } from '../../workbench/ids';
import { type ReadOnlyDocuments } from '../../workbench/readOnlyDocuments';
import { coldStartReport, coldStartTitle, formatSpan } from '../coldStart/coldStartReport';
import { defaultWakeDays, readWakes, startedBy } from '../coldStart/wakeHistory';
import { type ExplainedWake } from '../coldStart/wakePhases';
import { explanationDocument } from '../failures/explanationDocument';
import { type FailureExplanation } from '../failures/failureExplanation';

/** What the diagnosis commands take: the questions, the connection in use, the documents and the log. */
export interface DiagnosisCommandContext {
  ui: UserInput;
  connections: ConnectionManager;
  documents: ReadOnlyDocuments;
  logger: Logger;
}

/** A tree row (endpoint or component) or the `Why:` row's argument. */
export interface FailedResource {
  kind: 'endpoint' | 'inferenceComponent';
  name: string;
}

/** How the playground's timeline opens the report: the component and the refused request's time (epoch ms, account clock). */
export interface ColdStartRequest {
  component: string;
  refusedAt?: number;
}

/** Shown when a report is open, so its editor title offers Export. */
export const coldStartReportShownKey = 'sagemakerScaleToZero.coldStartReportShown';

function requireConnection(connections: ConnectionManager): ActiveConnection {
  const active = connections.current;
  if (!active) throw new Error('Not connected: connect to AWS or start the local emulator first.');
  return active;
}

function guard<A extends unknown[], R>(context: DiagnosisCommandContext, action: string, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return guardCommand({ logger: context.logger, region: () => context.connections.current?.connection.region }, action, body, (...args: A) => {
    const first = args[0] as { kind?: string; name?: string; component?: string } | undefined;
    const name = first?.name ?? first?.component;
    return name ? `${first?.kind === 'endpoint' ? 'endpoint' : 'inference component'} ${name}` : undefined;
  });
}

/** "Explain Failure": the `Why:` row's explanation in a Markdown preview (plain words, next steps, the policy, the raw message). */
export function explainFailureCommand(context: DiagnosisCommandContext): (target?: FailedResource) => Promise<FailureExplanation | undefined> {
  return guard(context, 'Explain the failure of', async (target?: FailedResource) => {
    const active = requireConnection(context.connections);
    let resource = target && (target.kind === 'endpoint' || target.kind === 'inferenceComponent') ? { kind: target.kind, name: target.name } : undefined;
    if (!resource) {
      const failed = active.inventory.failures.all();
      if (failed.length === 0) throw new Error('No endpoint or inference component has a failure to explain.');
      resource = await context.ui.pick({
        title: 'Explain the failure of which resource?',
        items: failed.map((entry) => ({ label: entry.name, description: `Why: ${entry.explanation.title}`, detail: entry.kind === 'endpoint' ? 'endpoint' : 'inference component', value: { kind: entry.kind, name: entry.name } })),
      });
      if (!resource) return undefined;
    }
    let explanation = active.inventory.failures.get(resource.kind, resource.name);
    if (!explanation) {
      await active.inventory.refreshAfterChange(resource.kind === 'endpoint' ? { endpoints: [resource.name], components: [] } : { endpoints: [], components: [resource.name] });
      explanation = active.inventory.failures.get(resource.kind, resource.name);
    }
    if (!explanation) throw new Error(`${resource.kind === 'endpoint' ? 'Endpoint' : 'Inference component'} ${resource.name} has no failure to explain now.`);
    const when = explanation.at ? formatEventTime(explanation.at) : undefined;
    await context.documents.show(`/why/${resource.kind}/${resource.name}.md`, explanationDocument(resource, explanation, when), { preview: 'markdown' });
    return explanation;
  });
}

/** The report shown last: what Export saves. */
interface ShownReport {
  component: string;
  wake: ExplainedWake;
  markdown: string;
}

/** "Explain Cold Start…" and "Export Cold Start Report…", sharing the report shown last. */
export class ColdStartCommands {
  private shown: ShownReport | undefined;

  constructor(private readonly context: DiagnosisCommandContext) {}

  /** The report shown last (tests). */
  get lastReport(): ShownReport | undefined {
    return this.shown;
  }

  /** From a component row (pick among its wakes) or the playground's timeline (the wake its refused request started). */
  explain(): (target?: FailedResource | ColdStartRequest) => Promise<ShownReport | undefined> {
    return guard(this.context, 'Explain a cold start of', async (target?: FailedResource | ColdStartRequest) => {
      const active = requireConnection(this.context.connections);
      const component = await this.componentOf(active, target);
      if (!component) return undefined;
      const refusedAt = target && 'component' in target && target.refusedAt !== undefined ? new Date(target.refusedAt) : undefined;
      const entry = active.inventory.component(component);
      const wakeAlarm = entry?.scaling ? findWakeAlarm(component, entry.scaling) : undefined;
      const wakes = await readWakes(active.clients, component, { now: active.reader.now(), wakeAlarmName: wakeAlarm?.name, refusedAt, warn: (message) => this.context.logger.warn(message) });
      if (wakes.length === 0) throw new Error(`No wake of ${component} in the last ${defaultWakeDays} days: its scaling activities show no change of the copy count from 0.`);
      const wake = refusedAt ? (wakes.filter((candidate) => startedBy(candidate.activity, refusedAt)).at(-1) ?? wakes[0]) : await this.pickWake(component, wakes);
      if (!wake) return undefined;
      const endpoint = entry ? active.inventory.endpoint(entry.summary.endpointName)?.snapshot : undefined;
      const markdown = coldStartReport(wake, wakes, { component: entry?.snapshot, endpoint, wakeAlarm }, { days: defaultWakeDays });
      const title = coldStartTitle(wake);
      await this.context.documents.show(`/cold-start/${component}/${title.replace(/[/\\]/g, '-')}.md`, markdown, { preview: 'markdown' });
      this.shown = { component, wake, markdown };
      await vscode.commands.executeCommand('setContext', coldStartReportShownKey, true);
      return this.shown;
    });
  }

  /** Saves the report shown last as a `.md` file where the user chooses. */
  exportReport(): () => Promise<string | undefined> {
    return guard(this.context, 'Export the cold start report', async () => {
      const shown = this.shown;
      if (!shown) throw new Error('No cold start report is open: run Explain Cold Start… on an inference component first.');
      const stamp = shown.wake.activity.startTime.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
      const path = await this.context.ui.saveLocation({ title: 'Export the cold start report as Markdown', defaultName: `cold-start-${shown.component}-${stamp}.md`, filters: { Markdown: ['md'] } });
      if (!path) return undefined;
      await writeFile(path, shown.markdown, 'utf8');
      this.context.logger.info(`Saved the cold start report of ${shown.component} to ${path}.`);
      return path;
    });
  }

  private async componentOf(active: ActiveConnection, target: FailedResource | ColdStartRequest | undefined): Promise<string | undefined> {
    if (target && 'component' in target) return target.component;
    if (target && target.kind === 'inferenceComponent') return target.name;
    const components = active.inventory.endpoints().flatMap((endpoint) => active.inventory.componentsOf(endpoint.summary.name));
    if (components.length === 0) throw new Error('No inference component in this account and region.');
    return this.context.ui.pick({
      title: 'Explain a cold start of which inference component?',
      items: components.map((entry) => ({ label: entry.summary.name, description: entry.summary.endpointName, value: entry.summary.name })),
    });
  }

  private pickWake(component: string, wakes: ExplainedWake[]): Promise<ExplainedWake | undefined> {
    if (wakes.length === 1) return Promise.resolve(wakes[0]);
    return this.context.ui.pick({
      title: `Explain which wake of ${component}?`,
      placeholder: `${wakes.length} wakes in the last ${defaultWakeDays} days, newest first`,
      items: wakes.map((wake) => ({
        label: formatEventTime(wake.activity.startTime),
        description: `${wake.activity.status} · ${wake.totalMs !== undefined ? `first answer after ${formatSpan(wake.totalMs)}` : 'no answer recorded'}`,
        value: wake,
      })),
    });
  }
}

/** Registers Explain Failure, Explain Cold Start… and Export Cold Start Report… (`coldStarts` is shared with the playground's timeline). */
export function registerDiagnosisCommands(context: DiagnosisCommandContext, coldStarts = new ColdStartCommands(context)): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.explainFailure, explainFailureCommand(context)),
    vscode.commands.registerCommand(commandIds.explainColdStart, coldStarts.explain()),
    vscode.commands.registerCommand(commandIds.exportColdStartReport, coldStarts.exportReport()),
  ];
}

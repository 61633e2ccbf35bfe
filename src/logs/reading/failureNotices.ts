/**
 * A failed resource the logs view shows: a notice above the lines that says it failed, whether a
 * container ran for the failure (so whether its lines can be here), and where the explanation is (the
 * tree's `Why:` row). The host reads the failures from the explorer's inventory (the explanations the
 * tree already holds: no call of its own).
 */
import { formatEventTime } from '../../timeDisplay/eventTime';
import { type WireNotice } from '../protocol';
import { type LogsTarget, resourceWords } from './logGroups';

export interface ShownFailure {
  /** "inference component demo-llama3-8b", "endpoint demo". */
  resource: string;
  /** The `Why:` row's words: "no ml.g5.2xlarge capacity". */
  title: string;
  at?: Date;
  /** The explanation's kind (src/diagnosis/failures/failureKinds.ts), as a string: this module needs no more of it. */
  kind: string;
}

/** Failures that happen before any container of the new copy starts: nothing of them reaches the logs. */
const beforeAnyContainer = new Set(['insufficientCapacity', 'quotaExceeded', 'downloadDenied']);
/** Failures of a container that ran: its lines tell why. */
const ofARunningContainer = new Set(['healthCheckTimeout', 'outOfMemory']);

export function failureNotice(failure: ShownFailure, now: Date): WireNotice {
  const when = failure.at ? ` at ${formatEventTime(failure.at, now)}` : '';
  const head = `${failure.resource.charAt(0).toUpperCase()}${failure.resource.slice(1)} failed${when}: ${failure.title}.`;
  const where = 'Its "Why:" row in the Endpoints view explains it and says what to do (Explain Failure).';
  if (beforeAnyContainer.has(failure.kind)) {
    return { kind: 'failure', message: `${head} No container started for it, so it wrote no line here: any lines shown come from earlier containers. ${where}` };
  }
  if (ofARunningContainer.has(failure.kind)) return { kind: 'failure', message: `${head} Its container's lines are below. ${where}` };
  return { kind: 'failure', message: `${head} ${where}` };
}

/** What the explorer's inventory gives (its `failures`: the explanations behind the tree's `Why:` rows). */
export interface FailureSource {
  componentsOf(endpointName: string): { summary: { name: string } }[];
  failures: { get(kind: 'endpoint' | 'inferenceComponent', name: string): { title: string; kind: string; at?: Date } | undefined };
}

/** The target's failures the tree explains now: a component's own; an endpoint's own and its components'. */
export function shownFailures(target: LogsTarget, inventory: FailureSource | undefined): ShownFailure[] {
  if (!inventory) return [];
  const resources: { kind: 'endpoint' | 'inferenceComponent'; name: string }[] =
    target.kind === 'endpoint'
      ? [{ kind: 'endpoint', name: target.name }, ...inventory.componentsOf(target.name).map((component) => ({ kind: 'inferenceComponent' as const, name: component.summary.name }))]
      : [{ kind: 'inferenceComponent', name: target.name }];
  return resources.flatMap(({ kind, name }) => {
    const explanation = inventory.failures.get(kind, name);
    if (!explanation) return [];
    return [{ resource: resourceWords(kind, name), title: explanation.title, kind: explanation.kind, ...(explanation.at ? { at: explanation.at } : {}) }];
  });
}

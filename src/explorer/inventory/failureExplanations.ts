import { type AccountReader } from '../../aws/accountReader';
import { endpointLogGroup, inferenceComponentLogGroup } from '../../aws/containerLogEvents';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { explainFailure, type ExplainOptions, type FailureExplanation } from '../../diagnosis/failures/failureExplanation';
import { classifyFailure } from '../../diagnosis/failures/failureKinds';
import { findFailureSignal, type FailureSignal } from '../../diagnosis/failures/failureSignal';
import { type ComponentEntry, type EndpointEntry } from './inventoryEntries';

/** How far before a failure the container's lines are read (a crash loop writes its cause every ~30 s). */
const evidenceWindowMs = 15 * 60_000;
const evidenceLines = 200;

interface Held {
  /** The failure's identity: a new message or time is a new failure, explained again. */
  key: string;
  explanation: FailureExplanation;
}

/** A failure the container's lines could tell more about: one where a container ran. */
function logsCouldTell(signal: FailureSignal): boolean {
  const { kind } = classifyFailure(signal);
  return kind === 'healthCheckTimeout' || kind === 'outOfMemory' || kind === 'unknown';
}

/**
 * The explanations of the failed rows the inventory holds, from what a refresh already read (the
 * component's status and FailureReason, its latest scaling activities, the endpoint's FailureReason):
 * no call per refresh. A new failure whose container ran (a health check, out of memory, unknown)
 * costs one FilterLogEvents on the component's log group, once, for the log evidence; capacity, quota
 * and image-pull failures ran no container and cost nothing.
 */
export class FailureExplanations {
  private readonly held = new Map<string, Held>();
  /** FilterLogEvents calls made for evidence (the benchmark reads it). */
  logReads = 0;

  constructor(
    private readonly reader: AccountReader,
    private readonly region: string | undefined,
  ) {}

  get(kind: 'endpoint' | 'inferenceComponent', name: string): FailureExplanation | undefined {
    return this.held.get(`${kind}:${name}`)?.explanation;
  }

  /** Failed rows by kind and name (the palette's "Explain Failure" picks among them). */
  all(): { kind: 'endpoint' | 'inferenceComponent'; name: string; explanation: FailureExplanation }[] {
    return [...this.held.entries()].map(([key, held]) => {
      const [kind, ...name] = key.split(':');
      return { kind: kind as 'endpoint' | 'inferenceComponent', name: name.join(':'), explanation: held.explanation };
    });
  }

  /** Explains the rows whose failure is new or changed, forgets those no longer failed; returns the endpoints whose rows changed. */
  async update(endpoints: ReadonlyMap<string, EndpointEntry>, components: ReadonlyMap<string, ComponentEntry>): Promise<Set<string>> {
    const changed = new Set<string>();
    const seen = new Set<string>();
    const work: Promise<void>[] = [];
    for (const [name, entry] of endpoints) {
      if (!entry.snapshot) continue;
      const key = `endpoint:${name}`;
      seen.add(key);
      work.push(this.explain(key, { endpoint: entry.snapshot }, entry.snapshot.inferenceComponentBased ? undefined : endpointLogGroup(name)).then((did) => void (did && changed.add(name))));
    }
    for (const [name, entry] of components) {
      if (!entry.snapshot) continue;
      const key = `inferenceComponent:${name}`;
      seen.add(key);
      const endpoint = endpoints.get(entry.summary.endpointName)?.snapshot;
      // The endpoint's own failure is explained on its row; the component's row explains the component's.
      const inputs: ExplainOptions = { component: entry.snapshot, endpoint: endpoint ? { ...endpoint, status: 'InService' } : undefined, activities: entry.scaling?.activities };
      work.push(this.explain(key, inputs, inferenceComponentLogGroup(name)).then((did) => void (did && changed.add(entry.summary.endpointName))));
    }
    await Promise.all(work);
    for (const key of [...this.held.keys()]) {
      if (seen.has(key)) continue;
      // A row not read this time (a lazy account) keeps its explanation; a row gone from the lists loses it.
      const [kind, ...rest] = key.split(':');
      const name = rest.join(':');
      if ((kind === 'endpoint' ? endpoints : components).has(name)) continue;
      this.held.delete(key);
    }
    return changed;
  }

  /** True when the row's explanation changed. */
  private async explain(key: string, inputs: ExplainOptions, logGroup: string | undefined): Promise<boolean> {
    const signal = findFailureSignal(inputs);
    const held = this.held.get(key);
    if (!signal) {
      if (!held) return false;
      this.held.delete(key);
      return true;
    }
    const identity = `${signal.source}|${signal.message}|${signal.at?.getTime() ?? ''}`;
    if (held?.key === identity) return false;
    let logLines: string[] = [];
    if (logGroup && logsCouldTell(signal)) {
      const at = signal.at ?? this.reader.now();
      try {
        this.logReads++;
        const events = await this.reader.containerLogEvents(logGroup, { from: new Date(at.getTime() - evidenceWindowMs), to: new Date(at.getTime() + 60_000), limit: evidenceLines });
        logLines = events.map((event) => event.message);
      } catch (error) {
        // No evidence (access denied, throttled): the explanation stands on AWS's message alone.
        logLines = [`(The container's logs could not be read: ${describeAwsError(error, { action: 'Read the logs of', resource: logGroup }).message})`];
      }
    }
    const explanation = explainFailure({ ...inputs, logLines, region: this.region });
    if (!explanation) return false;
    this.held.set(key, { key: identity, explanation });
    return true;
  }
}

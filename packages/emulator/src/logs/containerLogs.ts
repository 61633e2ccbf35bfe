import { containerOf, crashLoopRestartSeconds, outOfMemoryLines } from '../sagemaker/componentFaults';
import { type CopyStart } from '../sagemaker/copyStart';
import { type CopyRecord, type EndpointRecord, type InferenceComponentRecord, type InstanceRecord } from '../sagemaker/records';
import { type SageMakerStore } from '../sagemaker/store';
import { type LogStore, type LogStreamRecord } from './logStore';

/*
 * What a model copy's container writes to CloudWatch Logs, on the virtual clock (docs/emulator.md,
 * "Container logs"). The group and stream names are AWS's for endpoints; for inference components the
 * group is the one public code reads (`/aws/sagemaker/InferenceComponents/<name>`) and the stream
 * `<variant>/<instance id>/<copy id>`: both unconfirmed. The lines are those of a vLLM/LMI-style server
 * (the exact text is ours); the extension recognises the phases by their markers.
 *
 * A copy's lines are written when it starts, each at the time it happens (readable once ingested); if
 * the copy goes earlier than planned (scaled in, its endpoint deleted), `refreshed` removes the lines it
 * never wrote.
 */

export const componentLogGroup = (componentName: string) => `/aws/sagemaker/InferenceComponents/${componentName}`;
export const endpointLogGroup = (endpointName: string) => `/aws/sagemaker/Endpoints/${endpointName}`;
export const copyLogStream = (variantName: string, instanceId: string, copyId: string) => `${variantName}/${instanceId}/${copyId}`;

export const containerLines = {
  starting: (image: string, model: string) => `INFO Starting inference server: image ${image}, model ${model}`,
  loading: 'INFO Loading model weights from /opt/ml/model',
  loaded: (seconds: number) => `INFO Model weights loaded in ${formatSeconds(seconds)} s`,
  ready: 'INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080',
  ping: 'INFO "GET /ping HTTP/1.1" 200 OK',
  invocation: 'INFO "POST /invocations HTTP/1.1" 200 OK',
  stillLoading: (elapsedSeconds: number) => `WARNING Model still loading (${elapsedSeconds} s elapsed)`,
};

function formatSeconds(seconds: number): string {
  const rounded = Math.round(seconds * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** A line of a container's start, `offsetMs` after its first. */
export interface PlannedLine {
  offsetMs: number;
  message: string;
}

/**
 * The lines of a container that starts and passes its health check `containerSeconds` later:
 * start, load, loaded, ready, then the health check `/ping` at the end. Under 8 s the times are squeezed
 * proportionally (the order kept).
 */
export function startupLines(image: string, model: string, containerSeconds: number): PlannedLine[] {
  const c = containerSeconds;
  const offsets = c >= 8 ? [0, 1, c - 6, c - 5, c] : [0, 1, 2, 3, 8].map((offset) => (offset * c) / 8);
  return [
    { offsetMs: offsets[0] * 1000, message: containerLines.starting(image, model) },
    { offsetMs: offsets[1] * 1000, message: containerLines.loading },
    { offsetMs: offsets[2] * 1000, message: containerLines.loaded(offsets[2] - offsets[1]) },
    { offsetMs: offsets[3] * 1000, message: containerLines.ready },
    { offsetMs: offsets[4] * 1000, message: containerLines.ping },
  ];
}

/** A container that never finishes loading before its health check timeout (`seconds`): a warning every minute. */
export function stillLoadingLines(image: string, model: string, seconds: number): PlannedLine[] {
  const lines: PlannedLine[] = [
    { offsetMs: 0, message: containerLines.starting(image, model) },
    { offsetMs: 1000, message: containerLines.loading },
  ];
  for (let elapsed = 60; elapsed < seconds; elapsed += 60) lines.push({ offsetMs: elapsed * 1000, message: containerLines.stillLoading(elapsed) });
  return lines;
}

/** A container that runs out of GPU memory while loading, again and again (a new container every ~30 s), for `seconds`. */
export function crashLoopLines(image: string, model: string, seconds: number): PlannedLine[] {
  const lines: PlannedLine[] = [];
  for (let restart = 0; restart < seconds; restart += crashLoopRestartSeconds) {
    const at = restart * 1000;
    lines.push(
      { offsetMs: at, message: containerLines.starting(image, model) },
      { offsetMs: at + 1000, message: containerLines.loading },
      { offsetMs: at + 20_000, message: outOfMemoryLines[0] },
      { offsetMs: at + 21_000, message: outOfMemoryLines[1] },
    );
  }
  return lines;
}

/** Writes the containers' lines into the log store as copies start and serve. */
export class ContainerLogWriter {
  /** Streams of copies that have lines still ahead of the clock, by copy id. */
  private open = new Map<string, { component: string; stream: LogStreamRecord }>();

  constructor(
    private readonly logs: LogStore,
    private readonly sagemaker: SageMakerStore,
    /** How long a container takes to start (`copyStartSeconds − modelDownloadSeconds`; an endpoint's and a scenario's warm copies). */
    private readonly timings: { copyStartSeconds: number; modelDownloadSeconds: number },
  ) {}

  /** The image and model a component's container runs (its own Container, or its model's). */
  private imageAndModel(ic: InferenceComponentRecord): { image: string; model: string } {
    return containerOf(ic, this.sagemaker);
  }

  /** The copy's stream, created when its container starts writing (`at`). */
  private streamOf(ic: InferenceComponentRecord, copy: CopyRecord, instanceId: string, at: number): LogStreamRecord {
    return this.logs.ensureStream(componentLogGroup(ic.name), copyLogStream(ic.variantName, instanceId, copy.id), at, copy.id);
  }

  /** A copy starts at `from` on `instance`: its container's lines from the end of the download on. */
  copyStarted(ic: InferenceComponentRecord, copy: CopyRecord, instance: InstanceRecord, start: CopyStart, from: number): void {
    const t1 = from + start.download * 1000;
    const end = from + start.seconds * 1000;
    // An image that cannot be pulled runs no container: nothing is written.
    if (end < t1 || start.fault === 'imagePullDenied') return;
    const { image, model } = this.imageAndModel(ic);
    const stream = this.streamOf(ic, copy, instance.id, t1);
    const lines =
      start.fault === 'healthCheckTimeout'
        ? stillLoadingLines(image, model, (end - t1) / 1000)
        : start.fault === 'outOfMemory'
          ? crashLoopLines(image, model, (end - t1) / 1000)
          : startupLines(image, model, start.container);
    for (const line of lines) {
      const at = t1 + line.offsetMs;
      if (at > end) break;
      this.logs.put(stream, at, line.message);
    }
    this.open.set(copy.id, { component: ic.name, stream });
  }

  /**
   * An endpoint with a model went InService at `at`: each instance of its variants with a model gets the
   * startup lines in `/aws/sagemaker/Endpoints/<name>`, stream `<variant>/<instance id>` (AWS's names), ending
   * with the health check at `at` (an instance that already has its stream, after an update, keeps it).
   */
  endpointServing(endpoint: EndpointRecord, at: number): void {
    const container = Math.max(0, this.timings.copyStartSeconds - this.timings.modelDownloadSeconds);
    for (const variant of endpoint.variants) {
      const modelName = variant.spec.modelName;
      if (!modelName) continue;
      const model = this.sagemaker.model(modelName);
      const primary = model?.document.PrimaryContainer as { Image?: unknown } | undefined;
      const image = typeof primary?.Image === 'string' ? primary.Image : 'unknown';
      for (const instance of variant.instances) {
        const name = `${variant.spec.variantName}/${instance.id}`;
        if (this.logs.group(endpointLogGroup(endpoint.name))?.streams.some((stream) => stream.name === name)) continue;
        const t1 = at - container * 1000;
        const stream = this.logs.ensureStream(endpointLogGroup(endpoint.name), name, t1);
        for (const line of startupLines(image, modelName, container)) this.logs.put(stream, t1 + line.offsetMs, line.message);
      }
    }
  }

  /** Writes the startup lines of copies already serving that have no stream yet (a scenario's warm copies), ending at their start. */
  backfill(): void {
    const container = Math.max(0, this.timings.copyStartSeconds - this.timings.modelDownloadSeconds);
    for (const ic of this.sagemaker.state.inferenceComponents) {
      for (const copy of ic.copies) {
        if (copy.state !== 'running' || this.streamFor(ic, copy)) continue;
        const servingSince = copy.readyAt ?? copy.placedAt;
        const t1 = servingSince - container * 1000;
        const { image, model } = this.imageAndModel(ic);
        const stream = this.streamOf(ic, copy, copy.instanceId, t1);
        for (const line of startupLines(image, model, container)) this.logs.put(stream, t1 + line.offsetMs, line.message);
      }
    }
  }

  /** The stream a copy writes to, if its container has started. */
  private streamFor(ic: InferenceComponentRecord, copy: CopyRecord): LogStreamRecord | undefined {
    const group = this.logs.group(componentLogGroup(ic.name));
    if (!group) return undefined;
    for (let index = group.streams.length - 1; index >= 0; index--) if (group.streams[index].copyId === copy.id) return group.streams[index];
    return undefined;
  }

  /** A request was served by a copy of `componentName` (an adapter: by its base's copy): the access line at `at`. */
  invocationServed(endpointName: string, componentName: string | undefined, copyId: string | undefined, at: number): void {
    if (!componentName) {
      // An endpoint with a model: its variant's first instance (AWS's documented group and stream names).
      const endpoint = this.sagemaker.endpoint(endpointName);
      const variant = endpoint?.variants.find((candidate) => candidate.spec.modelName);
      const instance = variant?.instances.find((candidate) => candidate.state === 'running');
      if (!endpoint || !variant || !instance) return;
      const stream = this.logs.ensureStream(endpointLogGroup(endpoint.name), `${variant.spec.variantName}/${instance.id}`, at);
      this.logs.put(stream, at, containerLines.invocation);
      return;
    }
    if (!copyId) return;
    let ic = this.sagemaker.inferenceComponent(componentName);
    if (ic?.baseName) ic = this.sagemaker.inferenceComponent(ic.baseName);
    const copy = ic?.copies.find((candidate) => candidate.id === copyId);
    if (!ic || !copy) return;
    const stream = this.streamFor(ic, copy) ?? this.streamOf(ic, copy, copy.instanceId, at);
    this.logs.put(stream, at, containerLines.invocation);
  }

  /** After the lifecycle moved to `at`: lines planned for copies that are gone are removed. */
  refreshed(at: number): void {
    for (const [copyId, { component, stream }] of this.open) {
      const last = stream.events[stream.events.length - 1];
      const ahead = stream.creationTime > at || (last !== undefined && last.timestamp > at);
      const alive = this.sagemaker.inferenceComponent(component)?.copies.some((copy) => copy.id === copyId && copy.state !== 'stopping') ?? false;
      if (!ahead) this.open.delete(copyId);
      else if (!alive) {
        const group = this.logs.group(componentLogGroup(component));
        if (group) this.logs.truncateAfter(group, stream, at);
        this.open.delete(copyId);
      }
    }
  }

  /** After a restore: the streams with lines ahead are open again. */
  reopen(at: number): void {
    this.open.clear();
    const prefix = componentLogGroup('');
    for (const { group, stream } of this.logs.streamsAhead(at)) {
      if (stream.copyId && group.name.startsWith(prefix)) this.open.set(stream.copyId, { component: group.name.slice(prefix.length), stream });
    }
  }

  clear(): void {
    this.open.clear();
  }
}

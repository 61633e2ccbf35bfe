/** Binds a playground session to the active connection: runtime calls, the cold-start probe and clock, metrics. */
import type { ResponseStream } from '@aws-sdk/client-sagemaker-runtime';
import { isNotFound } from '../../aws/awsErrorCodes';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { loadSdk } from '../../aws/clients';
import { scaledClock } from '../coldStart/clock';
import { createAwsProbe } from '../coldStart/probe';
import { type ChartSeries } from '../protocol';
import { type AwsClients } from '../../aws/clients';
import { type Connection } from '../../aws/connection';
import { type Lifecycle } from '../../lifecycle/lifecycle';
import { type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { type ComponentReading, type PlaygroundRuntime, type RuntimeAnswer, type RuntimeInput, type SessionConnection } from './playgroundSession';

/**
 * What a session reads of the active connection (connection/ui's ActiveConnection is one): its AWS
 * clients, the explorer's live inventory and, on the local emulator, its virtual clock. Declared here
 * so the vscode-free session depends on no UI module.
 */
export interface SessionSource {
  connection: Connection;
  clients: AwsClients;
  inventory: {
    component(name: string): { summary: { endpointName: string }; snapshot?: InferenceComponentSnapshot; lifecycle?: Lifecycle } | undefined;
    endpoint(name: string): { summary: { status: string } } | undefined;
    recordRejection(componentName: string, at?: Date): void;
  };
  emulator?: { now(): number; timeScale(): number };
}

const decoder = () => new TextDecoder('utf-8');

export function createSessionConnection(active: SessionSource, component: string, endpointName: string): SessionConnection {
  const { clients, emulator } = active;
  const target: InvokeTarget = { endpointName, component };
  const now = emulator ? () => emulator.now() : () => Date.now();
  const clock = emulator
    ? scaledClock({ now, timeScale: () => emulator.timeScale() })
    : scaledClock({ now });
  return {
    label: active.connection.kind === 'localEmulator' ? 'Local emulator' : `AWS ${active.connection.region}`,
    runtime: runtimeFor(clients, target),
    probe: () => createAwsProbe(clients, component),
    clock,
    endpointUrl: active.connection.kind === 'localEmulator' ? active.connection.endpoint : undefined,
    recordRejection: (at) => active.inventory.recordRejection(component, new Date(at)),
    status: (options) => readComponent(active, target, options?.fresh === true),
    chart: () => metricsChart(active, target, now),
  };
}

/** The inference component a session invokes, and its endpoint. */
interface InvokeTarget {
  endpointName: string;
  component: string;
}

/** The runtime request both calls send. */
function invokeRequest({ endpointName, component }: InvokeTarget, input: RuntimeInput) {
  return {
    EndpointName: endpointName,
    InferenceComponentName: component,
    ContentType: input.contentType,
    Accept: input.accept,
    Body: new TextEncoder().encode(input.body),
  };
}

/** InvokeEndpoint and InvokeEndpointWithResponseStream on the connection's runtime client. */
function runtimeFor(clients: AwsClients, target: InvokeTarget): PlaygroundRuntime {
  return {
    async invoke(input, signal) {
      const sdk = await loadSdk();
      const command = new sdk.InvokeEndpointCommand(invokeRequest(target, input));
      let truncatedAtBytes: number | undefined;
      // Read the body ourselves, up to the limit, before the SDK collects it: a huge answer never sits in memory whole.
      command.middlewareStack.add(
        (next) => async (args) => {
          const out = await next(args);
          const response = out.response as { statusCode?: number; body?: unknown };
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300 && isAsyncIterable(response.body)) {
            const read = await readCapped(response.body, input.maxResponseBytes);
            response.body = read.bytes;
            truncatedAtBytes = read.truncated ? read.bytes.byteLength : undefined;
          }
          return out;
        },
        { step: 'deserialize', priority: 'low', name: 's2zPlaygroundResponseLimit' },
      );
      const output = await clients.runtime.send(command, { abortSignal: signal });
      const answer: RuntimeAnswer = {
        // A cut body may end inside a character: `stream` leaves the incomplete bytes out.
        body: output.Body ? decoder().decode(output.Body, { stream: truncatedAtBytes !== undefined }) : '',
        contentType: output.ContentType,
        invokedVariant: output.InvokedProductionVariant,
      };
      if (truncatedAtBytes !== undefined) answer.truncatedAtBytes = truncatedAtBytes;
      return answer;
    },
    async stream(input, signal, onChunk) {
      const sdk = await loadSdk();
      const output = await clients.runtime.send(new sdk.InvokeEndpointWithResponseStreamCommand(invokeRequest(target, input)), { abortSignal: signal });
      const read = await readStream(output.Body ?? [], signal, input.maxResponseBytes, onChunk);
      const answer: RuntimeAnswer = { body: read.body, contentType: output.ContentType, invokedVariant: output.InvokedProductionVariant };
      if (read.truncatedAtBytes !== undefined) answer.truncatedAtBytes = read.truncatedAtBytes;
      return answer;
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function';
}

/** The first `maxBytes` of an HTTP body; stops reading there (leaving the loop closes the body). */
async function readCapped(body: AsyncIterable<unknown>, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const parts: Uint8Array[] = [];
  let kept = 0;
  let truncated = false;
  for await (const chunk of body) {
    const bytes = chunk instanceof Uint8Array ? chunk : new TextEncoder().encode(String(chunk));
    if (kept + bytes.byteLength > maxBytes) {
      parts.push(bytes.subarray(0, maxBytes - kept));
      kept = maxBytes;
      truncated = true;
      break;
    }
    parts.push(bytes);
    kept += bytes.byteLength;
  }
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes, truncated };
}

/**
 * The streamed answer's text, passed on part by part, up to `maxBytes`: past it the stream is no
 * longer read (leaving the loop closes it), so a runaway stream cannot fill memory. A stream error or
 * a cancel throws.
 */
async function readStream(
  events: AsyncIterable<ResponseStream> | [],
  signal: AbortSignal,
  maxBytes: number,
  onChunk: (text: string) => void,
): Promise<{ body: string; truncatedAtBytes?: number }> {
  const text = decoder();
  let body = '';
  let kept = 0;
  for await (const event of events) {
    if (signal.aborted) break;
    if (event.PayloadPart?.Bytes) {
      let bytes = event.PayloadPart.Bytes;
      const over = kept + bytes.byteLength > maxBytes;
      if (over) bytes = bytes.subarray(0, maxBytes - kept);
      kept += bytes.byteLength;
      const part = text.decode(bytes, { stream: true });
      body += part;
      if (part) onChunk(part);
      if (over) return { body, truncatedAtBytes: kept };
    } else if (event.ModelStreamError) {
      throw Object.assign(new Error(event.ModelStreamError.Message ?? 'The model failed while streaming.'), { name: 'ModelStreamError' });
    } else if (event.InternalStreamFailure) {
      throw Object.assign(new Error(event.InternalStreamFailure.Message ?? 'The stream failed.'), { name: 'InternalStreamFailure' });
    }
  }
  if (signal.aborted) throw Object.assign(new Error('Cancelled'), { name: 'AbortError' });
  return { body };
}

/**
 * Where the component stands: its state from the explorer's inventory when that has it (and its
 * endpoint) in service, otherwise (or when `fresh`) read from SageMaker. Only SageMaker's own "not found" (or a
 * deletion under way) says the component is gone; any other failure to read is `unreadable`, never
 * taken for a deletion. The local emulator, like SageMaker's API, keeps listing an inference component
 * after its endpoint is deleted, so the endpoint is read too.
 */
async function readComponent(active: SessionSource, { component, endpointName }: InvokeTarget, fresh: boolean): Promise<ComponentReading> {
  const entry = fresh ? undefined : active.inventory.component(component);
  const endpoint = active.inventory.endpoint(entry?.summary.endpointName ?? endpointName);
  if (entry?.snapshot && entry.lifecycle && entry.lifecycle.state !== 'deleting' && endpoint && endpoint.summary.status !== 'Deleting') {
    return {
      presence: 'present',
      status: { label: entry.lifecycle.label, state: entry.lifecycle.state, currentCopies: entry.snapshot.currentCopyCount, desiredCopies: entry.snapshot.desiredCopyCount },
    };
  }
  // What is being read, to tell which one was not found and to name it in a failure.
  let reading: { what: 'component' | 'endpoint'; resource: string } = { what: 'component', resource: `inference component ${component}` };
  try {
    const state = await createAwsProbe(active.clients, component).component();
    if (state.status === 'Deleting') return { presence: 'gone', why: 'componentDeleting' };
    const owner = state.endpointName || endpointName;
    reading = { what: 'endpoint', resource: `endpoint ${owner}` };
    const sdk = await loadSdk();
    const described = await active.clients.sageMaker.send(new sdk.DescribeEndpointCommand({ EndpointName: owner }));
    if (described.EndpointStatus === 'Deleting') return { presence: 'gone', why: 'endpointDeleting' };
    return {
      presence: 'present',
      status: {
        label: state.current > 0 ? 'Warm' : state.desired > 0 ? 'Waking' : 'Cold',
        state: state.current > 0 ? 'warm' : state.desired > 0 ? 'waking' : 'cold',
        currentCopies: state.current,
        desiredCopies: state.desired,
      },
    };
  } catch (error) {
    if (isNotFound(error)) return { presence: 'gone', why: reading.what === 'endpoint' ? 'endpointDeleted' : 'componentDeleted' };
    const endpointUrl = active.connection.kind === 'localEmulator' ? active.connection.endpoint : undefined;
    const described = describeAwsError(error, { action: 'Describe', resource: reading.resource, region: active.connection.region, endpoint: endpointUrl });
    return { presence: 'unreadable', message: described.message, code: described.code };
  }
}

/** The last hour of copies, instances and invocations, one point a minute. */
async function metricsChart(active: SessionSource, { endpointName, component }: InvokeTarget, now: () => number) {
  const { clients } = active;
  const sdk = await loadSdk();
  const to = now();
  const from = to - 60 * 60_000;
  const variantName = active.inventory.component(component)?.snapshot?.variantName ?? (await createAwsProbe(clients, component).component()).variantName;
  const icDimension = [{ Name: 'InferenceComponentName', Value: component }];
  const queries = [
    { Id: 'copies', MetricStat: { Metric: { Namespace: 'Emulator/SageMaker', MetricName: 'CurrentCopyCount', Dimensions: icDimension }, Period: 60, Stat: 'Maximum' } },
    {
      Id: 'instances',
      MetricStat: {
        Metric: {
          Namespace: 'Emulator/SageMaker',
          MetricName: 'CurrentInstanceCount',
          Dimensions: [
            { Name: 'EndpointName', Value: endpointName },
            { Name: 'VariantName', Value: variantName ?? 'AllTraffic' },
          ],
        },
        Period: 60,
        Stat: 'Maximum',
      },
    },
    { Id: 'invocations', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: icDimension }, Period: 60, Stat: 'Sum' } },
  ];
  const output = await clients.cloudWatch.send(
    new sdk.GetMetricDataCommand({ StartTime: new Date(from), EndTime: new Date(to), MetricDataQueries: queries, ScanBy: 'TimestampAscending' }),
  );
  const names = { copies: 'Copies', instances: 'Instances', invocations: 'Invocations' } as const;
  const series: ChartSeries[] = (['copies', 'instances', 'invocations'] as const).map((id) => {
    const result = output.MetricDataResults?.find((candidate) => candidate.Id === id);
    const points: [number, number][] = (result?.Timestamps ?? []).map((timestamp, index) => [timestamp.getTime(), result?.Values?.[index] ?? 0]);
    points.sort((a, b) => a[0] - b[0]);
    return { name: names[id], points };
  });
  const note =
    active.connection.kind === 'aws'
      ? 'On AWS, copy and instance counts are not CloudWatch metrics: the chart shows invocations.'
      : undefined;
  return { from, to, series, note };
}

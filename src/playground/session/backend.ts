/** Binds a playground session to the active connection: runtime calls, the cold-start probe and clock, metrics. */
import type { ResponseStream } from '@aws-sdk/client-sagemaker-runtime';
import { loadSdk } from '../../aws/clients';
import { scaledClock } from '../coldStart/clock';
import { createAwsProbe } from '../coldStart/probe';
import { type ChartSeries, type ComponentStatus } from '../protocol';
import { type AwsClients } from '../../aws/clients';
import { type Connection } from '../../aws/connection';
import { type Lifecycle } from '../../lifecycle/lifecycle';
import { type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { type PlaygroundRuntime, type RuntimeAnswer, type RuntimeInput, type SessionConnection } from './playgroundSession';

/**
 * What a session reads of the active connection (connection/ui's ActiveConnection is one): its AWS
 * clients, the explorer's live inventory and, on the local emulator, its virtual clock. Declared here
 * so the vscode-free session depends on no UI module.
 */
export interface SessionSource {
  connection: Connection;
  clients: AwsClients;
  inventory: {
    component(name: string): { snapshot?: InferenceComponentSnapshot; lifecycle?: Lifecycle } | undefined;
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
    status: () => componentStatus(active, component),
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
      const output = await clients.runtime.send(new sdk.InvokeEndpointCommand(invokeRequest(target, input)), { abortSignal: signal });
      return {
        body: output.Body ? decoder().decode(output.Body) : '',
        contentType: output.ContentType,
        invokedVariant: output.InvokedProductionVariant,
      };
    },
    async stream(input, signal, onChunk) {
      const sdk = await loadSdk();
      const output = await clients.runtime.send(new sdk.InvokeEndpointWithResponseStreamCommand(invokeRequest(target, input)), { abortSignal: signal });
      const body = await readStream(output.Body ?? [], signal, onChunk);
      const answer: RuntimeAnswer = { body, contentType: output.ContentType, invokedVariant: output.InvokedProductionVariant };
      return answer;
    },
  };
}

/** The streamed answer's text, passed on part by part; a stream error or a cancel throws. */
async function readStream(events: AsyncIterable<ResponseStream> | [], signal: AbortSignal, onChunk: (text: string) => void): Promise<string> {
  const text = decoder();
  let body = '';
  for await (const event of events) {
    if (signal.aborted) break;
    if (event.PayloadPart?.Bytes) {
      const part = text.decode(event.PayloadPart.Bytes, { stream: true });
      body += part;
      if (part) onChunk(part);
    } else if (event.ModelStreamError) {
      throw Object.assign(new Error(event.ModelStreamError.Message ?? 'The model failed while streaming.'), { name: 'ModelStreamError' });
    } else if (event.InternalStreamFailure) {
      throw Object.assign(new Error(event.InternalStreamFailure.Message ?? 'The stream failed.'), { name: 'InternalStreamFailure' });
    }
  }
  if (signal.aborted) throw Object.assign(new Error('Cancelled'), { name: 'AbortError' });
  return body;
}

/** The component's state from the explorer's inventory, or from a probe when the inventory does not have it. */
async function componentStatus(active: SessionSource, component: string): Promise<ComponentStatus | undefined> {
  const entry = active.inventory.component(component);
  if (entry?.snapshot && entry.lifecycle) {
    return {
      label: entry.lifecycle.label,
      state: entry.lifecycle.state,
      currentCopies: entry.snapshot.currentCopyCount,
      desiredCopies: entry.snapshot.desiredCopyCount,
    };
  }
  const state = await createAwsProbe(active.clients, component).component();
  return {
    label: state.current > 0 ? 'Warm' : state.desired > 0 ? 'Waking' : 'Cold',
    state: state.current > 0 ? 'warm' : state.desired > 0 ? 'waking' : 'cold',
    currentCopies: state.current,
    desiredCopies: state.desired,
  };
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

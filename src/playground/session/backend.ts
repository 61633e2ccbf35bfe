/** Binds a playground session to the active connection: runtime calls, the cold-start probe and clock, metrics. */
import { loadSdk } from '../../aws/clients';
import { scaledClock } from '../coldStart/clock';
import { createAwsProbe } from '../coldStart/probe';
import { type ChartSeries, type ComponentStatus } from '../protocol';
import { type AwsClients } from '../../aws/clients';
import { type Connection } from '../../aws/connection';
import { type Lifecycle } from '../../lifecycle/lifecycle';
import { type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { type PlaygroundRuntime, type RuntimeAnswer, type SessionConnection } from './playgroundSession';

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
  const runtime: PlaygroundRuntime = {
    async invoke(input, signal) {
      const sdk = await loadSdk();
      const output = await clients.runtime.send(
        new sdk.InvokeEndpointCommand({
          EndpointName: endpointName,
          InferenceComponentName: component,
          ContentType: input.contentType,
          Accept: input.accept,
          Body: new TextEncoder().encode(input.body),
        }),
        { abortSignal: signal },
      );
      return {
        body: output.Body ? decoder().decode(output.Body) : '',
        contentType: output.ContentType,
        invokedVariant: output.InvokedProductionVariant,
      };
    },
    async stream(input, signal, onChunk) {
      const sdk = await loadSdk();
      const output = await clients.runtime.send(
        new sdk.InvokeEndpointWithResponseStreamCommand({
          EndpointName: endpointName,
          InferenceComponentName: component,
          ContentType: input.contentType,
          Accept: input.accept,
          Body: new TextEncoder().encode(input.body),
        }),
        { abortSignal: signal },
      );
      const text = decoder();
      let body = '';
      for await (const event of output.Body ?? []) {
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
      const answer: RuntimeAnswer = { body, contentType: output.ContentType, invokedVariant: output.InvokedProductionVariant };
      return answer;
    },
  };
  const now = emulator ? () => emulator.now() : () => Date.now();
  const clock = emulator
    ? scaledClock({ now, timeScale: () => emulator.timeScale() })
    : scaledClock({ now });
  return {
    label: active.connection.kind === 'localEmulator' ? 'Local emulator' : `AWS ${active.connection.region}`,
    runtime,
    probe: () => createAwsProbe(clients, component),
    clock,
    endpointUrl: active.connection.kind === 'localEmulator' ? active.connection.endpoint : undefined,
    recordRejection: (at) => active.inventory.recordRejection(component, new Date(at)),
    async status(): Promise<ComponentStatus | undefined> {
      const entry = active.inventory.component(component);
      if (entry?.snapshot && entry.lifecycle) {
        return {
          label: entry.lifecycle.label,
          state: entry.lifecycle.state,
          currentCopies: entry.snapshot.currentCopyCount,
          desiredCopies: entry.snapshot.desiredCopyCount,
        };
      }
      const state = await createAwsProbe(clients, component).component();
      return {
        label: state.current > 0 ? 'Warm' : state.desired > 0 ? 'Waking' : 'Cold',
        state: state.current > 0 ? 'warm' : state.desired > 0 ? 'waking' : 'cold',
        currentCopies: state.current,
        desiredCopies: state.desired,
      };
    },
    async chart() {
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
    },
  };
}

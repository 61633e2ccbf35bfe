import { type AwsClients, loadSdk } from '../../aws/clients';
import { allPages, countingEachPage } from '../../aws/pagination';
import { toAlarm, toScalingActivity } from '../../aws/snapshots';
import { type AlarmSnapshot, type ScalingActivitySnapshot, copyCountDimension, inferenceComponentResourceId } from '../../resources/resourceSnapshots';
import { newestFirst } from '../../resources/scalingActivityOrder';

export interface ComponentCapacity {
  status: string;
  desired: number;
  current: number;
  endpointName: string;
  variantName?: string;
  /** An adapter's base: the component whose copies serve it (and whose count is the one above). */
  baseName?: string;
  /** `FailureReason` when the component is Failed. */
  failureReason?: string;
}

export interface InstanceCapacity {
  current: number;
  desired: number;
  /** The variant's instance types by priority, when DescribeEndpoint names them (InstancePools); a single type is only in the endpoint config. */
  types?: string[];
}

export interface WakeSignals {
  /** The NoCapacityInvocationFailures alarm on this IC, if there is one. */
  alarm?: AlarmSnapshot;
  /** The IC's latest scaling activities, newest first. */
  activities: ScalingActivitySnapshot[];
}

/** What the held request reads while it waits: the same APIs the explorer's tree reads. */
export interface CapacityProbe {
  /** DescribeInferenceComponent: one cheap call. */
  component(signal?: AbortSignal): Promise<ComponentCapacity>;
  /** DescribeEndpoint: the variant's instance counts. */
  instances(endpointName: string, variantName: string | undefined, signal?: AbortSignal): Promise<InstanceCapacity>;
  /** The wake alarm (DescribeAlarms by name after the first read) and DescribeScalingActivities. */
  wakeSignals(signal?: AbortSignal): Promise<WakeSignals>;
  /** UpdateInferenceComponentRuntimeConfig: Wake now (an adapter's base). */
  setCopies(count: number, signal?: AbortSignal): Promise<void>;
  /** Calls made, by operation. */
  readonly calls: Map<string, number>;
}

const wakeMetric = 'NoCapacityInvocationFailures';

/** A probe over the real SDK clients (AWS or the local emulator), counting every call it makes. */
export function createAwsProbe(clients: AwsClients, componentName: string): CapacityProbe {
  const calls = new Map<string, number>();
  const count = (operation: string) => calls.set(operation, (calls.get(operation) ?? 0) + 1);
  let alarmNames: string[] | undefined;
  /**
   * An adapter (Specification.BaseInferenceComponentName) has no copies of its own: its capacity, its
   * scaling activities and Wake now are its base's. Known after the first DescribeInferenceComponent.
   */
  let baseName: string | undefined;
  let resolved = false;
  const describe = async (name: string, signal?: AbortSignal) => {
    const sdk = await loadSdk();
    count('DescribeInferenceComponent');
    return clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: name }), { abortSignal: signal });
  };
  return {
    calls,
    async component(signal) {
      let output = await describe(componentName, signal);
      const base = output.Specification?.BaseInferenceComponentName;
      resolved = true;
      if (base) {
        baseName = base;
        // Its own status only while it is created or deleted; otherwise the base's copies decide.
        const own = output.InferenceComponentStatus;
        output = await describe(base, signal);
        if (own === 'Creating' || own === 'Deleting' || own === 'Failed') output = { ...output, InferenceComponentStatus: own };
      }
      return {
        status: output.InferenceComponentStatus ?? 'Unknown',
        desired: output.RuntimeConfig?.DesiredCopyCount ?? 0,
        current: output.RuntimeConfig?.CurrentCopyCount ?? 0,
        endpointName: output.EndpointName ?? '',
        variantName: output.VariantName,
        ...(base ? { baseName: base } : {}),
        ...(output.FailureReason ? { failureReason: output.FailureReason } : {}),
      };
    },
    async instances(endpointName, variantName, signal) {
      const sdk = await loadSdk();
      count('DescribeEndpoint');
      const output = await clients.sageMaker.send(new sdk.DescribeEndpointCommand({ EndpointName: endpointName }), { abortSignal: signal });
      const variants = output.ProductionVariants ?? [];
      const variant = variants.find((candidate) => candidate.VariantName === variantName) ?? variants[0];
      const current = variant?.CurrentInstanceCount ?? 0;
      const types = (variant?.InstancePools ?? []).flatMap((pool) => (pool.InstanceType ? [pool.InstanceType] : []));
      return { current, desired: variant?.DesiredInstanceCount ?? current, ...(types.length > 0 ? { types } : {}) };
    },
    async wakeSignals(signal) {
      const sdk = await loadSdk();
      if (!resolved) {
        baseName = (await describe(componentName, signal)).Specification?.BaseInferenceComponentName;
        resolved = true;
      }
      const alarms: AlarmSnapshot[] = [];
      if (alarmNames === undefined) {
        // First read: every metric alarm (paginated), kept to those on this IC's NoCapacity metric.
        const pages = sdk.paginateDescribeAlarms(
          { client: clients.cloudWatch, withCommand: countingEachPage(() => count('DescribeAlarms')) },
          { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 },
          { abortSignal: signal },
        );
        // allPages stops at a page token the service already gave (the SDK paginator would loop on it).
        const all = await allPages(pages, (page) => page.MetricAlarms, { what: 'DescribeAlarms' });
        // For an adapter, its own wake alarm and its base's (whichever name AWS counts the refusal under).
        const watched = new Set([componentName, ...(baseName ? [baseName] : [])]);
        alarms.push(...all.map(toAlarm).filter((alarm) => alarm.metricName === wakeMetric && watched.has(alarm.dimensions['InferenceComponentName'] ?? '')));
        alarmNames = alarms.map((alarm) => alarm.name);
      } else if (alarmNames.length > 0) {
        count('DescribeAlarms');
        const page = await clients.cloudWatch.send(new sdk.DescribeAlarmsCommand({ AlarmNames: alarmNames }), { abortSignal: signal });
        alarms.push(...(page.MetricAlarms ?? []).map(toAlarm));
      }
      count('DescribeScalingActivities');
      const activities = await clients.autoScaling.send(
        new sdk.DescribeScalingActivitiesCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: inferenceComponentResourceId(baseName ?? componentName),
          ScalableDimension: copyCountDimension as never,
          MaxResults: 5,
        }),
        { abortSignal: signal },
      );
      // An alarm in ALARM is the one that is waking it; otherwise the first one found.
      const alarm = alarms.find((candidate) => candidate.state === 'ALARM') ?? alarms[0];
      return { alarm, activities: newestFirst((activities.ScalingActivities ?? []).map(toScalingActivity)) };
    },
    async setCopies(copyCount, signal) {
      const sdk = await loadSdk();
      count('UpdateInferenceComponentRuntimeConfig');
      await clients.sageMaker.send(
        new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: baseName ?? componentName, DesiredRuntimeConfig: { CopyCount: copyCount } }),
        { abortSignal: signal },
      );
    },
  };
}

/** SageMaker's answer while an IC has no copy: HTTP 400 ValidationError "…has no capacity…". */
export function isNoCapacityError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const record = error as { name?: unknown; message?: unknown };
  return typeof record.message === 'string' && /has no capacity to process this request/i.test(record.message);
}

/**
 * InvokeEndpoint's modelled refusals of a request the endpoint cannot serve yet: ValidationError (400),
 * ModelNotReadyException (429), ServiceUnavailable (503). AWS publishes no wording for the refusal of a
 * component without copies, so one of these while the component has no copy counts as that refusal
 * even when its message says something else (the held request checks the copy count).
 */
export function couldBeNoCapacity(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'ValidationError' || name === 'ModelNotReadyException' || name === 'ServiceUnavailable';
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

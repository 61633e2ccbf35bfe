import { type ResourceRequirements } from '../capacity/placement';
import { validationException } from '../http/serviceError';
import { type SageMakerLifecycle } from '../sagemaker/lifecycle';
import { type VariantSpec } from '../sagemaker/records';
import { type SageMakerStore } from '../sagemaker/store';
import { type MetricStore } from '../cloudwatch/metricStore';
import { sageMakerNamespace } from '../cloudwatch/sageMakerMetrics';

export interface BigAccountOptions {
  endpoints: number;
  inferenceComponents: number;
  /** Name prefix: endpoints `<prefix>-ep-0001`, ICs `<prefix>-ic-0001` (default "big"). */
  prefix?: string;
  /** Every n-th IC is at zero copies (cold); the others have one copy (default 3). */
  coldEvery?: number;
  /** Every n-th endpoint is always on: MinInstanceCount 1, its ICs warm (default 0: none). */
  alwaysOnEvery?: number;
  /** How many days before now the resources were created (default 0: an hour ago). */
  createdDaysAgo?: number;
  /**
   * With `createdDaysAgo`: every n-th endpoint received no request since (idle); the others one
   * datapoint a day of 24 `Invocations` for each IC and for the endpoint's variant, over the last
   * `createdDaysAgo` days (at most 14). Default 0: no request history at all.
   */
  idleEvery?: number;
  /**
   * Registers every IC as an Application Auto Scaling scalable target: MinCapacity 0 (1 on always-on
   * endpoints), MaxCapacity 4 (default false: no scalable target).
   */
  scalableTargets?: boolean;
}

/** The longest request history a seed writes (what CloudWatch's 1-minute data reaches back to in the emulator's scans). */
export const seedHistoryDays = 14;

/**
 * What POST /__emulator/seed may bring the account to, in total (seeds add up). The simulation walks
 * every resource on each event and keeps CloudWatch data for every IC (about 0.45 MB per IC after 3
 * simulated hours), so beyond this a mistake could keep the process busy or out of memory; the
 * library's seed() is not limited.
 */
export const bigAccountLimits = { endpoints: 1000, inferenceComponents: 2500 };

/** Endpoints whose records a seed builds before it lets the event loop answer other requests. */
export const seedChunkEndpoints = 25;

const roleArn = 'arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole';
const instanceType = 'ml.g5.12xlarge';
const requirements: ResourceRequirements = { cpus: 4, memoryMiB: 16384, accelerators: 1 };

/** Reads and checks the seed request of POST /__emulator/seed; returns an error message or the options. */
export function parseBigAccountOptions(input: Record<string, unknown>): BigAccountOptions | string {
  const count = (name: 'endpoints' | 'inferenceComponents', min: number) => {
    const value = input[name] ?? 0;
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= bigAccountLimits[name] ? value : undefined;
  };
  const endpoints = count('endpoints', 1);
  if (endpoints === undefined) return `endpoints must be an integer between 1 and ${bigAccountLimits.endpoints} (the seed limit).`;
  const inferenceComponents = count('inferenceComponents', 0);
  if (inferenceComponents === undefined) return `inferenceComponents must be an integer between 0 and ${bigAccountLimits.inferenceComponents} (the seed limit).`;
  const prefix = input.prefix ?? 'big';
  if (typeof prefix !== 'string' || !/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,30}$/.test(prefix)) return 'prefix must be 1 to 31 letters, digits and hyphens.';
  const every = (name: 'coldEvery' | 'alwaysOnEvery' | 'idleEvery', fallback: number) => {
    const value = input[name] ?? fallback;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000 ? value : `${name} must be an integer between 0 and 1000.`;
  };
  const coldEvery = every('coldEvery', 3);
  if (typeof coldEvery === 'string') return coldEvery;
  const alwaysOnEvery = every('alwaysOnEvery', 0);
  if (typeof alwaysOnEvery === 'string') return alwaysOnEvery;
  const idleEvery = every('idleEvery', 0);
  if (typeof idleEvery === 'string') return idleEvery;
  const createdDaysAgo = input.createdDaysAgo ?? 0;
  if (typeof createdDaysAgo !== 'number' || !Number.isInteger(createdDaysAgo) || createdDaysAgo < 0 || createdDaysAgo > 365) return 'createdDaysAgo must be an integer between 0 and 365.';
  const scalableTargets = input.scalableTargets ?? false;
  if (typeof scalableTargets !== 'boolean') return 'scalableTargets must be true or false.';
  return { endpoints, inferenceComponents, prefix, coldEvery, alwaysOnEvery, createdDaysAgo, idleEvery, scalableTargets };
}

/** Why a seed would take the account beyond bigAccountLimits, or undefined when it fits. */
export function seedBeyondLimits(store: SageMakerStore, options: BigAccountOptions): string | undefined {
  const endpoints = store.state.endpoints.length + options.endpoints;
  const components = store.state.inferenceComponents.length + options.inferenceComponents;
  if (endpoints <= bigAccountLimits.endpoints && components <= bigAccountLimits.inferenceComponents) return undefined;
  return (
    `A seed may bring the account to at most ${bigAccountLimits.endpoints} endpoints and ${bigAccountLimits.inferenceComponents} inference components; ` +
    `it has ${store.state.endpoints.length} and ${store.state.inferenceComponents.length}, and this seed would make ${endpoints} and ${components}.`
  );
}

/**
 * Adds a big, settled account to the current state (for benchmarks): `endpoints` InService endpoints
 * (ml.g5.12xlarge, managed instance scaling 0..2 or more, one instance per four copies, each with its own endpoint config) and
 * `inferenceComponents` ICs spread round-robin over them, one copy each, except on every `coldEvery`-th
 * endpoint, whose ICs are at zero copies and which has no instance. No auto scaling, alarms or schedules are created. Names are numbered from 1.
 */
export function seedBigAccount(store: SageMakerStore, lifecycle: SageMakerLifecycle, now: number, options: BigAccountOptions, metrics?: MetricStore): SeededNames {
  const steps = seedSteps(store, lifecycle, now, options, () => now, metrics);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

export interface SeededNames {
  endpoints: string[];
  inferenceComponents: string[];
  /** The ICs on always-on endpoints (MinInstanceCount 1), for their scalable targets' MinCapacity. */
  alwaysOn: string[];
}

/**
 * The seed as steps: yields after every `seedChunkEndpoints` endpoints (with their ICs), so that the
 * control API can let the event loop answer other requests (and signals) between them. The last
 * step settles the lifecycle at `finalNow()` and returns the names.
 */
// Over 80 lines: one straight-line build of the seeded records (model, configs, endpoints, ICs), read top to bottom.
export function* seedSteps(store: SageMakerStore, lifecycle: SageMakerLifecycle, now: number, options: BigAccountOptions, finalNow: () => number = () => now, metrics?: MetricStore): Generator<void, SeededNames> {
  const prefix = options.prefix ?? 'big';
  const coldEvery = options.coldEvery ?? 3;
  const alwaysOnEvery = options.alwaysOnEvery ?? 0;
  const idleEvery = options.idleEvery ?? 0;
  const nth = (every: number, index: number) => every > 0 && (index + 1) % every === 0;
  const width = Math.max(4, String(Math.max(options.endpoints, options.inferenceComponents)).length);
  const number = (index: number) => String(index + 1).padStart(width, '0');
  const endpointNames = Array.from({ length: options.endpoints }, (_, index) => `${prefix}-ep-${number(index)}`);
  const componentNames = Array.from({ length: options.inferenceComponents }, (_, index) => `${prefix}-ic-${number(index)}`);
  // One pass over each list (a lookup per name would be quadratic in a big account).
  const taken = (records: { name: string }[]) => new Set(records.map((record) => record.name.toLowerCase()));
  const endpointsTaken = taken(store.state.endpoints);
  const componentsTaken = taken(store.state.inferenceComponents);
  for (const name of endpointNames) if (endpointsTaken.has(name.toLowerCase())) throw validationException(`Endpoint ${name} already exists: seed with another prefix.`);
  for (const name of componentNames) if (componentsTaken.has(name.toLowerCase())) throw validationException(`Inference component ${name} already exists: seed with another prefix.`);

  const created = now - Math.max(3600_000, (options.createdDaysAgo ?? 0) * 86_400_000);
  const historyDays = Math.min(options.createdDaysAgo ?? 0, seedHistoryDays);
  const alwaysOn: string[] = [];
  const modelName = `${prefix}-model`;
  if (!store.model(modelName)) {
    store.state.models.push({
      name: modelName,
      arn: store.arn('model', modelName),
      creationTime: created,
      executionRoleArn: roleArn,
      document: { PrimaryContainer: { Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124', Mode: 'SingleModel' } },
      tags: [{ Key: 'emulator:scenario', Value: 'big' }],
    });
  }
  // Scale to zero happens per endpoint in practice: every coldEvery-th endpoint has all its ICs at zero
  // copies and no instance (an IC at zero beside warm ones would keep its instance up).
  const copiesOf = (componentIndex: number) => {
    const endpointIndex = componentIndex % endpointNames.length;
    return nth(coldEvery, endpointIndex) && !nth(alwaysOnEvery, endpointIndex) ? 0 : 1;
  };
  for (const [endpointIndex, endpointName] of endpointNames.entries()) {
    if (endpointIndex > 0 && endpointIndex % seedChunkEndpoints === 0) yield;
    const hosted: number[] = [];
    for (let index = endpointIndex; index < componentNames.length; index += endpointNames.length) hosted.push(index);
    const copies = hosted.reduce((total, index) => total + copiesOf(index), 0);
    const always = nth(alwaysOnEvery, endpointIndex);
    const instances = Math.max(always ? 1 : 0, Math.ceil(copies / 4));
    const maxInstances = Math.max(2, instances);
    const minInstances = always ? 1 : 0;
    const variant: VariantSpec = {
      variantName: 'AllTraffic',
      instanceType,
      initialInstanceCount: 1,
      managedInstanceScaling: { status: 'ENABLED', minInstanceCount: minInstances, maxInstanceCount: maxInstances },
      document: {
        VariantName: 'AllTraffic',
        InstanceType: instanceType,
        InitialInstanceCount: 1,
        InitialVariantWeight: 1,
        ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: minInstances, MaxInstanceCount: maxInstances },
        RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
      },
    };
    const configName = `${endpointName}-config`;
    store.state.endpointConfigs.push({
      name: configName,
      arn: store.arn('endpoint-config', configName),
      creationTime: created,
      executionRoleArn: roleArn,
      variants: [variant],
      document: {},
      tags: [],
    });
    const [variantState] = lifecycle.createVariantStates([{ ...variant, initialInstanceCount: instances }], created, true);
    const endpointId = store.newId('ep');
    store.state.endpoints.push({
      id: endpointId,
      name: endpointName,
      arn: store.arn('endpoint', endpointName),
      configName,
      status: 'InService',
      creationTime: created,
      lastModifiedTime: created,
      variants: [{ ...variantState, spec: variant }],
      tags: [{ Key: 'emulator:scenario', Value: 'big' }],
    });
    let placed = 0;
    for (const index of hosted) {
      const count = copiesOf(index);
      const name = componentNames[index];
      const copies = Array.from({ length: count }, () => {
        const instance = variantState.instances[Math.floor(placed++ / 4)];
        instance.idleSince = undefined;
        return { id: store.newId('copy'), instanceId: instance.id, state: 'running' as const, placedAt: created, readyAt: created, inFlight: 0 };
      });
      store.state.inferenceComponents.push({
        name,
        arn: store.arn('inference-component', name),
        endpointId,
        endpointName,
        variantName: 'AllTraffic',
        status: 'InService',
        creationTime: created,
        lastModifiedTime: created,
        specification: {
          ModelName: modelName,
          ComputeResourceRequirements: {
            NumberOfCpuCoresRequired: requirements.cpus,
            NumberOfAcceleratorDevicesRequired: requirements.accelerators,
            MinMemoryRequiredInMb: requirements.memoryMiB,
          },
        },
        requirements,
        desiredCopyCount: count,
        copies,
        tags: [{ Key: 'emulator:scenario', Value: 'big' }],
      });
      if (always) alwaysOn.push(name);
    }
    if (metrics && historyDays > 0 && !nth(idleEvery, endpointIndex)) {
      recordDailyRequests(metrics, endpointName, hosted.map((index) => componentNames[index]), now, historyDays);
    }
  }
  lifecycle.refresh(finalNow());
  return { endpoints: endpointNames, inferenceComponents: componentNames, alwaysOn };
}

/** 24 requests a day (one datapoint at noon's hour of each of the last `days` days) for each IC and for the endpoint's variant. */
function recordDailyRequests(metrics: MetricStore, endpointName: string, components: readonly string[], now: number, days: number): void {
  const ids = [
    { namespace: sageMakerNamespace, metricName: 'Invocations', dimensions: [{ name: 'EndpointName', value: endpointName }, { name: 'VariantName', value: 'AllTraffic' }] },
    ...components.map((ic) => ({ namespace: sageMakerNamespace, metricName: 'Invocations', dimensions: [{ name: 'InferenceComponentName', value: ic }] })),
  ];
  for (let day = 1; day <= days; day++) {
    const at = Math.floor((now - day * 86_400_000) / 60_000) * 60_000;
    for (const id of ids) metrics.put(id, at, 24, 'Count');
  }
}

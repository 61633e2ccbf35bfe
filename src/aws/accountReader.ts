import type { DescribeEndpointConfigCommandOutput } from '@aws-sdk/client-sagemaker';
import type { GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import {
  copyCountDimension,
  type AlarmSnapshot,
  type EndpointSnapshot,
  type InferenceComponentScaling,
  type InferenceComponentSnapshot,
  inferenceComponentResourceId,
  type ScheduleSnapshot,
} from '../resources/resourceSnapshots';
import { isNotFound } from './awsErrorCodes';
import { type AwsClients, loadSdk } from './clients';
import { type ContainerLogEvent, readContainerLogEvents } from './containerLogEvents';
import { ConcurrencyLimiter, RateLimiter } from './concurrencyLimiter';
import { allPages, countingEachPage } from './pagination';
import { newestFirst } from '../resources/scalingActivityOrder';
import {
  toAlarm,
  toEndpointSnapshot,
  toInferenceComponentSnapshot,
  toScalableTarget,
  toScalingActivity,
  toScalingPolicy,
  toSchedule,
  toScheduledAction,
} from './snapshots';

type Sdk = Awaited<ReturnType<typeof loadSdk>>;

export interface EndpointSummary {
  name: string;
  arn: string;
  status: string;
  creationTime?: Date;
  lastModifiedTime?: Date;
}

export interface InferenceComponentSummary {
  name: string;
  arn: string;
  endpointName: string;
  variantName?: string;
  status: string;
  lastModifiedTime?: Date;
}

export interface ScalingRead {
  byComponent: Map<string, InferenceComponentScaling>;
  /** Sources that could not be read (e.g. no permission for CloudWatch), in plain words. */
  problems: string[];
}

const sageMakerUniversalTarget = /^arn:aws[a-z-]*:scheduler:::aws-sdk:sagemaker:/;

export interface AccountReaderOptions {
  /** Describe calls in flight at once (default 4). */
  concurrency?: number;
  now?: () => Date;
  /**
   * Calls per second allowed per operation, client side (default: 8 for DescribeEndpoint and DescribeInferenceComponent).
   * A big account's describes then stay under its API limits instead of being throttled and retried.
   */
  rateLimits?: Record<string, number>;
  /** Where the reader's warnings go (a list whose pages repeat their token). */
  warn?: (message: string) => void;
}

/**
 * How `readScaling` finds the alarms and schedules of the components asked for.
 * - `account` (the default): lists every metric alarm and every schedule of the account and keeps
 *   those of these components, so nothing is missed (teardowns, wizards, a full refresh).
 * - `known`: reads by name only what the last account-wide read found for these components (by the
 *   alarm's InferenceComponentName dimension or its actions on a policy, and the schedules aimed at
 *   them) plus the alarms their policies name: a refresh wave while something moves costs a few calls
 *   however many alarms and schedules the account holds. A component no account-wide read covered
 *   yet, or with a scaling policy that read did not see, is read account-wide instead.
 */
export type ScalingScope = 'account' | 'known';

export interface ReadScalingOptions {
  scope?: ScalingScope;
}

/** What an account-wide read found, by name, for the `known` scope's reads. */
interface ScalingIndex {
  /** Alarm names by the InferenceComponentName dimension of the alarm (every alarm of the account). */
  alarmsByComponent: Map<string, Set<string>>;
  /** Alarm names by each ARN among their actions (a step policy's ARN). */
  alarmsByAction: Map<string, Set<string>>;
  /** Schedules (group/name) by the inference component their universal target acts on. */
  schedulesByComponent: Map<string, Set<string>>;
  /** Components read account-wide, and the policy ARNs they had then. */
  covered: Set<string>;
  policies: Set<string>;
}

const addTo = (map: Map<string, Set<string>>, key: string, value: string) => {
  let values = map.get(key);
  if (!values) map.set(key, (values = new Set()));
  values.add(value);
};

export interface ListOptions {
  /** Only resources modified after this time (the lists' LastModifiedTimeAfter filter). */
  modifiedAfter?: Date;
}

/** Endpoint configs are not limited here: they never change, so each is read once. */
export const defaultRateLimits: Readonly<Record<string, number>> = {
  DescribeEndpoint: 8,
  DescribeInferenceComponent: 8,
};

/**
 * Reads an account's scale-to-zero resources through the real SDK clients: follows every paginated
 * list, limits concurrent describe calls, and caches what cannot change (endpoint configs) or what
 * has not changed (schedules, by their modification date).
 */
export class AccountReader {
  private readonly limiter: ConcurrencyLimiter;
  private readonly configCache = new Map<string, Promise<DescribeEndpointConfigCommandOutput>>();
  private readonly scheduleCache = new Map<string, { modified: number; output: GetScheduleCommandOutput }>();
  private readonly rates = new Map<string, RateLimiter>();
  /** Describes in flight, by resource: a second request for the same one shares the first's answer. */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Counts every API call made, by operation: the benchmark and the tests read it. */
  readonly calls = new Map<string, number>();
  private index: ScalingIndex | undefined;

  private constructor(
    private readonly clients: AwsClients,
    private readonly sdk: Sdk,
    concurrency: number,
    /** The account's current time: the local emulator's runs on its own virtual clock. */
    readonly now: () => Date,
    rateLimits: Record<string, number>,
    private readonly warn: (message: string) => void,
  ) {
    this.limiter = new ConcurrencyLimiter(concurrency);
    for (const [operation, perSecond] of Object.entries(rateLimits)) this.rates.set(operation, new RateLimiter(perSecond));
  }

  static async create(clients: AwsClients, options: AccountReaderOptions = {}): Promise<AccountReader> {
    return new AccountReader(clients, await loadSdk(), options.concurrency ?? 4, options.now ?? (() => new Date()), options.rateLimits ?? { ...defaultRateLimits }, options.warn ?? (() => undefined));
  }

  /** One limited call: waits for the operation's rate, then for a free slot, then counts and sends it. */
  private async limited<T>(operation: string, send: () => Promise<T>): Promise<T> {
    await this.rates.get(operation)?.take();
    return this.limiter.run(() => {
      this.count(operation);
      return send();
    });
  }

  private coalesce<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  private count(operation: string): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  get totalCalls(): number {
    let total = 0;
    for (const value of this.calls.values()) total += value;
    return total;
  }

  /** All endpoints (or only those modified after a time), following every page. */
  async listEndpoints(options: ListOptions = {}): Promise<EndpointSummary[]> {
    const endpoints = await allPages(
      this.sdk.paginateListEndpoints(
        { client: this.clients.sageMaker, withCommand: countingEachPage(() => this.count('ListEndpoints')) },
        { MaxResults: 100, SortBy: 'Name', SortOrder: 'Ascending', LastModifiedTimeAfter: options.modifiedAfter },
      ),
      (page) => page.Endpoints,
      { what: 'ListEndpoints', warn: this.warn },
    );
    return endpoints.map((endpoint) => ({
      name: endpoint.EndpointName ?? '',
      arn: endpoint.EndpointArn ?? '',
      status: endpoint.EndpointStatus ?? 'Unknown',
      creationTime: endpoint.CreationTime,
      lastModifiedTime: endpoint.LastModifiedTime,
    }));
  }

  /** All inference components of the account (or of one endpoint), following every page. */
  async listInferenceComponents(endpointName?: string, options: ListOptions = {}): Promise<InferenceComponentSummary[]> {
    const components = await allPages(
      this.sdk.paginateListInferenceComponents(
        { client: this.clients.sageMaker, withCommand: countingEachPage(() => this.count('ListInferenceComponents')) },
        {
          MaxResults: 100,
          EndpointNameEquals: endpointName,
          SortBy: 'Name',
          SortOrder: 'Ascending',
          LastModifiedTimeAfter: options.modifiedAfter,
        },
      ),
      (page) => page.InferenceComponents,
      { what: 'ListInferenceComponents', warn: this.warn },
    );
    return components.map((ic) => ({
      name: ic.InferenceComponentName ?? '',
      arn: ic.InferenceComponentArn ?? '',
      endpointName: ic.EndpointName ?? '',
      variantName: ic.VariantName,
      status: ic.InferenceComponentStatus ?? 'Unknown',
      lastModifiedTime: ic.LastModifiedTime,
    }));
  }

  describeEndpoint(name: string): Promise<EndpointSnapshot> {
    return this.coalesce(`endpoint/${name}`, () => this.readEndpoint(name));
  }

  private async readEndpoint(name: string): Promise<EndpointSnapshot> {
    const output = await this.limited('DescribeEndpoint', () =>
      this.clients.sageMaker.send(new this.sdk.DescribeEndpointCommand({ EndpointName: name })),
    );
    let config;
    if (output.EndpointConfigName) {
      try {
        config = await this.describeEndpointConfig(output.EndpointConfigName);
      } catch {
        // The config may have been deleted after the endpoint was created; the endpoint still shows.
        config = undefined;
      }
    }
    return toEndpointSnapshot(output, config);
  }

  /** Endpoint configs never change once created: each is read once. */
  private describeEndpointConfig(name: string): Promise<DescribeEndpointConfigCommandOutput> {
    let cached = this.configCache.get(name);
    if (!cached) {
      cached = this.limited('DescribeEndpointConfig', () =>
        this.clients.sageMaker.send(new this.sdk.DescribeEndpointConfigCommand({ EndpointConfigName: name })),
      );
      // A failed read is not cached: the next refresh tries again.
      cached.catch(() => this.configCache.delete(name));
      this.configCache.set(name, cached);
    }
    return cached;
  }

  /**
   * The endpoints other than `except` that use the endpoint config `configName`, as their current
   * config or the one an update is deploying (a fresh ListEndpoints, then DescribeEndpoint of each).
   * SageMaker deletes a config that endpoints still use, and those endpoints then fail to scale or
   * update: a teardown keeps a config this returns any endpoint for.
   */
  async endpointsUsingConfig(configName: string, except: string): Promise<string[]> {
    const others = (await this.listEndpoints()).filter((endpoint) => endpoint.name !== except && endpoint.status !== 'Deleting');
    const users = await Promise.all(
      others.map(async (endpoint) => {
        try {
          const output = await this.limited('DescribeEndpoint', () =>
            this.clients.sageMaker.send(new this.sdk.DescribeEndpointCommand({ EndpointName: endpoint.name })),
          );
          const configs = [output.EndpointConfigName, output.PendingDeploymentSummary?.EndpointConfigName];
          return configs.includes(configName) ? endpoint.name : undefined;
        } catch (error) {
          if (isNotFound(error)) return undefined; // deleted since it was listed
          throw error;
        }
      }),
    );
    return users.filter((name): name is string => name !== undefined);
  }

  describeInferenceComponent(name: string): Promise<InferenceComponentSnapshot> {
    return this.coalesce(`inference-component/${name}`, async () => {
      const output = await this.limited('DescribeInferenceComponent', () =>
        this.clients.sageMaker.send(new this.sdk.DescribeInferenceComponentCommand({ InferenceComponentName: name })),
      );
      return toInferenceComponentSnapshot(output);
    });
  }

  /**
   * A log group's container lines in a time range, oldest first (FilterLogEvents; a group that does
   * not exist reads as none): the evidence a failure explanation reads once per new failure.
   */
  containerLogEvents(logGroupName: string, range: { from: Date; to?: Date; limit?: number }): Promise<ContainerLogEvent[]> {
    return this.limiter.run(() => readContainerLogEvents(this.clients, logGroupName, range, () => this.count('FilterLogEvents')));
  }

  /** Every metric alarm of the account and region (e.g. to pick the alarms that roll a rolling update back). */
  async listAlarms(): Promise<AlarmSnapshot[]> {
    const metricAlarms = await allPages(
      this.sdk.paginateDescribeAlarms(
        { client: this.clients.cloudWatch, withCommand: countingEachPage(() => this.count('DescribeAlarms')) },
        { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 },
      ),
      (page) => page.MetricAlarms,
      { what: 'DescribeAlarms', warn: this.warn },
    );
    return metricAlarms.map(toAlarm);
  }

  /** The raw DescribeEndpoint / DescribeInferenceComponent answer, for "Show Description". */
  async rawDescription(kind: 'endpoint' | 'inferenceComponent', name: string): Promise<unknown> {
    const output =
      kind === 'endpoint'
        ? await this.clients.sageMaker.send(new this.sdk.DescribeEndpointCommand({ EndpointName: name }))
        : await this.clients.sageMaker.send(new this.sdk.DescribeInferenceComponentCommand({ InferenceComponentName: name }));
    const { $metadata: _metadata, ...rest } = output;
    return rest;
  }

  /**
   * Scaling resources for the given inference components: scalable targets, policies, the latest
   * activities, scheduled actions, the alarms on their metrics or policies, and the schedules that
   * target them. A source that fails is reported in `problems`; the others still show. `scope` says
   * how alarms and schedules are found (see ScalingScope): the whole account by default.
   */
  async readScaling(componentNames: string[], options: ReadScalingOptions = {}): Promise<ScalingRead> {
    const problems: string[] = [];
    const byComponent = new Map<string, InferenceComponentScaling>();
    for (const name of componentNames) {
      byComponent.set(name, { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] });
    }
    if (componentNames.length === 0) return { byComponent, problems };
    const attempt = async <T>(source: string, work: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await work();
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        problems.push(`${source} could not be read (${message}).`);
        return undefined;
      }
    };

    await Promise.all([
      attempt('Scalable targets', () => this.readTargets(componentNames, byComponent)),
      attempt('Scaling policies, activities and scheduled actions', () =>
        Promise.all(componentNames.map((name) => this.readPerComponentScaling(name, byComponent.get(name)!))),
      ),
    ]);
    const index = options.scope === 'known' ? this.index : undefined;
    const known = index !== undefined && [...byComponent].every(([name, scaling]) => index.covered.has(name) && scaling.policies.every((policy) => index.policies.has(policy.arn)));
    if (known) {
      await Promise.all([
        attempt('CloudWatch alarms', () => this.readKnownAlarms(byComponent, index)),
        attempt('EventBridge schedules', () => this.readKnownSchedules(byComponent, index)),
      ]);
    } else {
      const found: ScalingIndex = {
        alarmsByComponent: new Map(),
        alarmsByAction: new Map(),
        schedulesByComponent: new Map(),
        covered: new Set(componentNames),
        policies: new Set([...byComponent.values()].flatMap((scaling) => scaling.policies.map((policy) => policy.arn))),
      };
      const read = await Promise.all([
        attempt('CloudWatch alarms', () => this.readAlarms(byComponent, found).then(() => true)),
        attempt('EventBridge schedules', () => this.readSchedules(byComponent, found).then(() => true)),
      ]);
      // Only a complete account-wide read replaces the index; a failed source leaves the last one.
      if (read.every(Boolean)) this.index = this.mergeIndex(found);
    }
    return { byComponent, problems };
  }

  /**
   * A new account-wide read's index: its alarm and schedule maps are the account's now; the components
   * and policies it covered add to those of the last read (their alarms and schedules are in the maps).
   */
  private mergeIndex(found: ScalingIndex): ScalingIndex {
    const previous = this.index;
    if (!previous) return found;
    return { ...found, covered: new Set([...previous.covered, ...found.covered]), policies: new Set([...previous.policies, ...found.policies]) };
  }

  private async readTargets(names: string[], byComponent: Map<string, InferenceComponentScaling>): Promise<void> {
    for (let start = 0; start < names.length; start += 50) {
      const chunk = names.slice(start, start + 50);
      // One concurrency slot for the chunk's pages: the paginator sends them one after the other.
      const targets = await this.limiter.run(() =>
        allPages(
          this.sdk.paginateDescribeScalableTargets(
            { client: this.clients.autoScaling, withCommand: countingEachPage(() => this.count('DescribeScalableTargets')) },
            { ServiceNamespace: 'sagemaker', ScalableDimension: copyCountDimension, ResourceIds: chunk.map(inferenceComponentResourceId) },
          ),
          (page) => page.ScalableTargets,
          { what: 'DescribeScalableTargets', warn: this.warn },
        ),
      );
      for (const target of targets) {
        const name = target.ResourceId?.replace(/^inference-component\//, '');
        const scaling = name ? byComponent.get(name) : undefined;
        if (scaling) scaling.target = toScalableTarget(target);
      }
    }
  }

  private async readPerComponentScaling(name: string, scaling: InferenceComponentScaling): Promise<void> {
    const resource = { ServiceNamespace: 'sagemaker' as const, ResourceId: inferenceComponentResourceId(name), ScalableDimension: copyCountDimension as never };
    const [policies, activities, actions] = await Promise.all([
      this.limiter.run(() => {
        this.count('DescribeScalingPolicies');
        return this.clients.autoScaling.send(new this.sdk.DescribeScalingPoliciesCommand(resource));
      }),
      this.limiter.run(() => {
        this.count('DescribeScalingActivities');
        return this.clients.autoScaling.send(new this.sdk.DescribeScalingActivitiesCommand({ ...resource, MaxResults: 5 }));
      }),
      this.limiter.run(() => {
        this.count('DescribeScheduledActions');
        return this.clients.autoScaling.send(new this.sdk.DescribeScheduledActionsCommand(resource));
      }),
    ]);
    scaling.policies = (policies.ScalingPolicies ?? []).map(toScalingPolicy);
    scaling.activities = newestFirst((activities.ScalingActivities ?? []).map(toScalingActivity));
    scaling.scheduledActions = (actions.ScheduledActions ?? []).map(toScheduledAction);
  }

  /** Alarms on each IC's metrics, or named by its policies, or acting on them. */
  private assignAlarms(alarms: readonly AlarmSnapshot[], byComponent: Map<string, InferenceComponentScaling>): void {
    for (const [name, scaling] of byComponent) {
      const policyAlarms = new Set(scaling.policies.flatMap((policy) => policy.alarmNames));
      const policyArns = new Set(scaling.policies.map((policy) => policy.arn));
      scaling.alarms = alarms.filter(
        (alarm) =>
          alarm.dimensions['InferenceComponentName'] === name ||
          policyAlarms.has(alarm.name) ||
          alarm.alarmActions.some((action) => policyArns.has(action)),
      );
    }
  }

  /** Every metric alarm of the account (one paginated DescribeAlarms), indexed for the `known` reads. */
  private async readAlarms(byComponent: Map<string, InferenceComponentScaling>, found: ScalingIndex): Promise<void> {
    const alarms = await this.listAlarms();
    for (const alarm of alarms) {
      const component = alarm.dimensions['InferenceComponentName'];
      if (component !== undefined) addTo(found.alarmsByComponent, component, alarm.name);
      for (const action of alarm.alarmActions) addTo(found.alarmsByAction, action, alarm.name);
    }
    this.assignAlarms(alarms, byComponent);
  }

  /** The alarms the index and the policies name for these components, by name, 100 names a call. */
  private async readKnownAlarms(byComponent: Map<string, InferenceComponentScaling>, index: ScalingIndex): Promise<void> {
    const names = new Set<string>();
    for (const [name, scaling] of byComponent) {
      for (const alarm of index.alarmsByComponent.get(name) ?? []) names.add(alarm);
      for (const policy of scaling.policies) {
        for (const alarm of policy.alarmNames) names.add(alarm);
        for (const alarm of index.alarmsByAction.get(policy.arn) ?? []) names.add(alarm);
      }
    }
    const sorted = [...names].sort();
    const alarms: AlarmSnapshot[] = [];
    for (let start = 0; start < sorted.length; start += 100) {
      const batch = sorted.slice(start, start + 100);
      const read = await this.limiter.run(() =>
        allPages(
          this.sdk.paginateDescribeAlarms(
            { client: this.clients.cloudWatch, withCommand: countingEachPage(() => this.count('DescribeAlarms')) },
            { AlarmNames: batch, AlarmTypes: ['MetricAlarm'], MaxRecords: 100 },
          ),
          (page) => page.MetricAlarms,
          { what: 'DescribeAlarms', warn: this.warn },
        ),
      );
      alarms.push(...read.map(toAlarm));
    }
    this.assignAlarms(alarms, byComponent);
  }

  /** One schedule, read again only when its modification date moved (the cache). */
  private async getSchedule(groupName: string | undefined, name: string | undefined, modified?: number): Promise<GetScheduleCommandOutput> {
    const key = `${groupName ?? 'default'}/${name ?? ''}`;
    const cached = this.scheduleCache.get(key);
    if (cached && modified !== undefined && cached.modified === modified) return cached.output;
    const output = await this.limiter.run(() => {
      this.count('GetSchedule');
      return this.clients.scheduler.send(new this.sdk.GetScheduleCommand({ Name: name, GroupName: groupName }));
    });
    this.scheduleCache.set(key, { modified: output.LastModificationDate?.getTime() ?? modified ?? 0, output });
    return output;
  }

  private assignSchedules(read: readonly ScheduleSnapshot[], byComponent: Map<string, InferenceComponentScaling>): void {
    // In one order whatever order the reads came back in: a refresh compares what it read with what it held.
    const schedules = [...read].sort((a, b) => `${a.group}/${a.name}`.localeCompare(`${b.group}/${b.name}`));
    for (const [name, scaling] of byComponent) {
      scaling.schedules = schedules.filter((schedule) => schedule.action.kind !== 'other' && schedule.action.inferenceComponentName === name);
    }
  }

  /** Every schedule of the account whose universal target calls SageMaker, indexed by the IC it acts on. */
  private async readSchedules(byComponent: Map<string, InferenceComponentScaling>, found: ScalingIndex): Promise<void> {
    const schedules: ScheduleSnapshot[] = [];
    const summaries = await allPages(
      this.sdk.paginateListSchedules(
        { client: this.clients.scheduler, withCommand: countingEachPage(() => this.count('ListSchedules')) },
        { MaxResults: 100 },
      ),
      (page) => page.Schedules,
      { what: 'ListSchedules', warn: this.warn },
    );
    const listed = new Set<string>();
    await Promise.all(
      summaries
        .filter((summary) => sageMakerUniversalTarget.test(summary.Target?.Arn ?? ''))
        .map(async (summary) => {
          const key = `${summary.GroupName ?? 'default'}/${summary.Name ?? ''}`;
          // A schedule listed twice (pages that repeat) is read and shown once.
          if (listed.has(key)) return;
          listed.add(key);
          const schedule = toSchedule(await this.getSchedule(summary.GroupName, summary.Name, summary.LastModificationDate?.getTime() ?? 0), this.now());
          schedules.push(schedule);
          if (schedule.action.kind !== 'other') addTo(found.schedulesByComponent, schedule.action.inferenceComponentName, key);
        }),
    );
    // Schedules gone from the account leave the cache too.
    for (const key of this.scheduleCache.keys()) if (!listed.has(key)) this.scheduleCache.delete(key);
    this.assignSchedules(schedules, byComponent);
  }

  /** The schedules the index holds for these components, each read by name (one gone is dropped). */
  private async readKnownSchedules(byComponent: Map<string, InferenceComponentScaling>, index: ScalingIndex): Promise<void> {
    const keys = new Set([...byComponent.keys()].flatMap((name) => [...(index.schedulesByComponent.get(name) ?? [])]));
    const schedules: ScheduleSnapshot[] = [];
    await Promise.all(
      [...keys].map(async (key) => {
        const slash = key.indexOf('/');
        try {
          schedules.push(toSchedule(await this.getSchedule(key.slice(0, slash), key.slice(slash + 1)), this.now()));
        } catch (error) {
          if (!isNotFound(error)) throw error;
          for (const held of index.schedulesByComponent.values()) held.delete(key);
          this.scheduleCache.delete(key);
        }
      }),
    );
    this.assignSchedules(schedules, byComponent);
  }
}

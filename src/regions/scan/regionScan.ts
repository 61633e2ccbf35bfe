/**
 * One region's scan, in few calls: the lists once per region (ListEndpoints, ListInferenceComponents,
 * DescribeScalableTargets for SageMaker, every page), DescribeEndpoint per endpoint,
 * DescribeEndpointConfig per distinct config, DescribeInferenceComponent only where it tells something
 * the lists do not, and the invocations in GetMetricData calls of up to 500 queries.
 */
import { type AwsClients, loadSdk } from '../../aws/clients';
import { isNotFound } from '../../aws/awsErrorCodes';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { allPages } from '../../aws/pagination';
import { toEndpointSnapshot, toInferenceComponentSnapshot, toScalableTarget } from '../../aws/snapshots';
import { type PriceOverrides } from '../../cost/pricing';
import { copyCountDimension, type InferenceComponentSnapshot, type ScalableTargetSnapshot } from '../../resources/resourceSnapshots';
import { classifyEndpoint, type ComponentFacts, type EndpointFacts } from './endpointClassification';
import { inBatches, invocationQueries, invocationTotals, invocationWindow, metricDataQueries, type InvocationQuery, type QueryAnswer } from './invocationQueries';
import { RegionCalls, ScanCancelled } from './regionCalls';
import { regionFailureMessage, RegionStepError, type ScanAction } from './regionFailure';
import { type RegionResult, type ScannedEndpoint } from './regionScanModel';
import { regionTotals } from './regionTotals';

type Sdk = Awaited<ReturnType<typeof loadSdk>>;

export interface RegionScanContext {
  targetId: string;
  region: string;
  /** The profile, for the words of an error (never its credentials). */
  profile?: string;
  idleDays: number;
  /** Calls in flight at once in this region. */
  callConcurrency: number;
  signal?: AbortSignal;
  /** The account's clock, epoch ms. */
  now(): number;
  priceOverrides?: PriceOverrides;
}

const actions = {
  listEndpoints: { words: 'list the endpoints', iamAction: 'sagemaker:ListEndpoints' },
  listComponents: { words: 'list the inference components', iamAction: 'sagemaker:ListInferenceComponents' },
  scalableTargets: { words: 'describe the scalable targets of SageMaker', iamAction: 'application-autoscaling:DescribeScalableTargets' },
  describeEndpoint: (name: string) => ({ words: `describe endpoint ${name}`, iamAction: 'sagemaker:DescribeEndpoint' }),
  describeConfig: (name: string) => ({ words: `describe endpoint config ${name}`, iamAction: 'sagemaker:DescribeEndpointConfig' }),
  describeComponent: (name: string) => ({ words: `describe inference component ${name}`, iamAction: 'sagemaker:DescribeInferenceComponent' }),
} satisfies Record<string, ScanAction | ((name: string) => ScanAction)>;

/** `work`, with its failure named as `action` (a missing resource stays a not-found error for the caller). */
async function step<T>(action: ScanAction, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScanCancelled) throw error;
    throw new RegionStepError(action, error);
  }
}

/** Every page of a list, each page one counted call. */
function pagesOf<Page extends { NextToken?: string }>(calls: RegionCalls, operation: string, send: (token: string | undefined, options: { abortSignal?: AbortSignal }) => Promise<Page>): AsyncIterable<Page> {
  return {
    async *[Symbol.asyncIterator]() {
      let token: string | undefined;
      do {
        const page: Page = await calls.call(operation, (options) => send(token, options));
        yield page;
        token = page.NextToken || undefined;
      } while (token);
    },
  };
}

/** What the lists say about a region. */
interface RegionLists {
  endpoints: { name: string; creationTime?: Date }[];
  components: { name: string; arn: string; endpointName: string; variantName?: string; status: string; creationTime?: Date; lastModifiedTime?: Date }[];
  targets: Map<string, ScalableTargetSnapshot>;
}

async function readLists(clients: AwsClients, sdk: Sdk, calls: RegionCalls): Promise<RegionLists> {
  const [endpoints, components, targets] = await Promise.all([
    step(actions.listEndpoints, () =>
      allPages(
        pagesOf(calls, 'ListEndpoints', (token, options) => clients.sageMaker.send(new sdk.ListEndpointsCommand({ MaxResults: 100, SortBy: 'Name', SortOrder: 'Ascending', NextToken: token }), options)),
        (page) => page.Endpoints,
        { what: 'ListEndpoints' },
      ),
    ),
    step(actions.listComponents, () =>
      allPages(
        pagesOf(calls, 'ListInferenceComponents', (token, options) =>
          clients.sageMaker.send(new sdk.ListInferenceComponentsCommand({ MaxResults: 100, SortBy: 'Name', SortOrder: 'Ascending', NextToken: token }), options),
        ),
        (page) => page.InferenceComponents,
        { what: 'ListInferenceComponents' },
      ),
    ),
    step(actions.scalableTargets, () =>
      allPages(
        pagesOf(calls, 'DescribeScalableTargets', (token, options) =>
          clients.autoScaling.send(new sdk.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', MaxResults: 50, NextToken: token }), options),
        ),
        (page) => page.ScalableTargets,
        { what: 'DescribeScalableTargets' },
      ),
    ),
  ]);
  const byComponent = new Map<string, ScalableTargetSnapshot>();
  for (const target of targets) {
    const resourceId = target.ResourceId ?? '';
    if (target.ScalableDimension !== copyCountDimension || !resourceId.startsWith('inference-component/')) continue;
    byComponent.set(resourceId.slice('inference-component/'.length), toScalableTarget(target));
  }
  return {
    endpoints: endpoints.map((endpoint) => ({ name: endpoint.EndpointName ?? '', creationTime: endpoint.CreationTime })).filter((endpoint) => endpoint.name !== ''),
    components: components
      .map((component) => ({
        name: component.InferenceComponentName ?? '',
        arn: component.InferenceComponentArn ?? '',
        endpointName: component.EndpointName ?? '',
        variantName: component.VariantName,
        status: component.InferenceComponentStatus ?? 'Unknown',
        creationTime: component.CreationTime,
        lastModifiedTime: component.LastModifiedTime,
      }))
      .filter((component) => component.name !== ''),
    targets: byComponent,
  };
}

/** Undefined for a resource deleted since the list (it is left out); other failures name the step. */
async function unlessGone<T>(action: ScanAction, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step(action, work);
  } catch (error) {
    if (error instanceof RegionStepError && isNotFound(error.cause)) return undefined;
    throw error;
  }
}

/**
 * The invocations of each endpoint over the idle window. A refusal (no cloudwatch:GetMetricData, the
 * service failing) leaves them unknown with a warning instead of failing the region: the endpoints,
 * instances and costs are still right.
 */
async function readInvocations(clients: AwsClients, sdk: Sdk, calls: RegionCalls, queries: InvocationQuery[], context: RegionScanContext, warnings: string[]): Promise<Map<string, number | undefined>> {
  const window = invocationWindow(context.now(), context.idleDays);
  const answers = new Map<string, QueryAnswer>();
  const batches = inBatches(queries);
  const outcomes = await Promise.allSettled(
    batches.map(async (batch) => {
      const pages = pagesOf(calls, 'GetMetricData', (token, options) =>
        clients.cloudWatch.send(new sdk.GetMetricDataCommand({ MetricDataQueries: metricDataQueries(batch, window), StartTime: window.start, EndTime: window.end, NextToken: token }), options),
      );
      for await (const page of pages) {
        for (const result of page.MetricDataResults ?? []) {
          if (!result.Id) continue;
          const answer = answers.get(result.Id) ?? { values: [] };
          answer.values.push(...(result.Values ?? []));
          answer.statusCode = result.StatusCode;
          answers.set(result.Id, answer);
        }
      }
    }),
  );
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    if (failed.reason instanceof ScanCancelled || context.signal?.aborted) throw failed.reason;
    const described = describeAwsError(failed.reason, { action: 'Read the invocation metrics (cloudwatch:GetMetricData)', region: context.region, profile: context.profile });
    warnings.push(`${described.message}. Invocations are unknown for the endpoints it covered, so none of them is called idle; allow cloudwatch:GetMetricData in ${context.region} to see them.`);
  }
  return invocationTotals(queries, answers);
}

/** The endpoints of the region, classified. */
async function readRegion(clients: AwsClients, calls: RegionCalls, context: RegionScanContext, warnings: string[]): Promise<ScannedEndpoint[]> {
  const sdk = await loadSdk();
  const lists = await readLists(clients, sdk, calls);
  const componentsOf = new Map<string, RegionLists['components']>();
  for (const component of lists.components) componentsOf.set(component.endpointName, [...(componentsOf.get(component.endpointName) ?? []), component]);

  // An endpoint config never changes: each is read once, however many endpoints share it.
  const configs = new Map<string, Promise<Awaited<ReturnType<typeof readConfig>>>>();
  const readConfig = (name: string) =>
    unlessGone(actions.describeConfig(name), () => calls.call('DescribeEndpointConfig', (options) => clients.sageMaker.send(new sdk.DescribeEndpointConfigCommand({ EndpointConfigName: name }), options)));
  const described = await Promise.all(
    lists.endpoints.map(async (summary) => {
      const output = await unlessGone(actions.describeEndpoint(summary.name), () =>
        calls.call('DescribeEndpoint', (options) => clients.sageMaker.send(new sdk.DescribeEndpointCommand({ EndpointName: summary.name }), options)),
      );
      if (!output) return undefined;
      const configName = output.EndpointConfigName;
      let config: Promise<Awaited<ReturnType<typeof readConfig>>> | undefined;
      if (configName) {
        config = configs.get(configName) ?? readConfig(configName);
        configs.set(configName, config);
      }
      const snapshot = toEndpointSnapshot(output, await config);
      snapshot.creationTime ??= summary.creationTime;
      return snapshot;
    }),
  );
  const endpoints = described.filter((endpoint) => endpoint !== undefined);

  const queries = invocationQueries(
    endpoints.map((endpoint) => ({
      endpointName: endpoint.name,
      variantNames: endpoint.variants.map((variant) => variant.name),
      componentNames: (componentsOf.get(endpoint.name) ?? []).map((component) => component.name),
    })),
  );
  const [components, invocations] = await Promise.all([
    readComponents(clients, sdk, calls, endpoints, componentsOf, lists.targets),
    queries.length > 0 ? readInvocations(clients, sdk, calls, queries, context, warnings) : Promise.resolve(new Map<string, number | undefined>()),
  ]);
  return endpoints.map((endpoint) => {
    const facts: EndpointFacts = { region: context.region, endpoint, components: components.get(endpoint.name) ?? [], invocations: invocations.get(endpoint.name) };
    return classifyEndpoint(facts, { now: context.now(), idleDays: context.idleDays, priceOverrides: context.priceOverrides });
  });
}

/**
 * Each endpoint's components. A component is described only where the description tells something
 * the lists do not:
 * - on an endpoint with running instances: its copy counts (which components keep the instances);
 * - without a scalable target: whether it is an adapter (no copies of its own, never holding instances)
 *   or a model whose copies cannot scale at all.
 * Elsewhere the endpoint runs no instance, so the component has no copy (copies run on instances), and
 * its scalable target (from the list) says whether its copies can stay at 0: that is all the scan shows.
 */
async function readComponents(
  clients: AwsClients,
  sdk: Sdk,
  calls: RegionCalls,
  endpoints: readonly ReturnType<typeof toEndpointSnapshot>[],
  componentsOf: ReadonlyMap<string, RegionLists['components']>,
  targets: ReadonlyMap<string, ScalableTargetSnapshot>,
): Promise<Map<string, ComponentFacts[]>> {
  const byEndpoint = new Map<string, ComponentFacts[]>();
  await Promise.all(
    endpoints.map(async (endpoint) => {
      const running = endpoint.variants.some((variant) => (variant.currentInstanceCount ?? 0) > 0);
      const facts = await Promise.all(
        (componentsOf.get(endpoint.name) ?? []).map(async (component): Promise<ComponentFacts | undefined> => {
          const target = targets.get(component.name);
          if (!running && target) {
            const snapshot: InferenceComponentSnapshot = { ...component, currentCopyCount: 0 };
            return { snapshot, target };
          }
          const output = await unlessGone(actions.describeComponent(component.name), () =>
            calls.call('DescribeInferenceComponent', (options) => clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: component.name }), options)),
          );
          return output ? { snapshot: toInferenceComponentSnapshot(output), target } : undefined;
        }),
      );
      byEndpoint.set(
        endpoint.name,
        facts.filter((fact) => fact !== undefined),
      );
    }),
  );
  return byEndpoint;
}

/**
 * Scans one region with `clients` (made for it, with the target's own credentials). Never throws:
 * a failure makes the region `failed` with plain words, a cancel makes it `cancelled`.
 */
export async function scanRegion(clients: AwsClients, context: RegionScanContext): Promise<RegionResult> {
  const started = performance.now();
  // The region's own signal: the scan's cancel, or the region's first failure, stops its other calls.
  const regionAbort = new AbortController();
  const onCancel = () => regionAbort.abort();
  context.signal?.addEventListener('abort', onCancel);
  if (context.signal?.aborted) regionAbort.abort();
  const calls = new RegionCalls(context.callConcurrency, regionAbort.signal);
  const warnings: string[] = [];
  const base = { targetId: context.targetId, region: context.region };
  const counts = () => ({ calls: calls.total, callsByOperation: Object.fromEntries(calls.byOperation), durationMs: Math.round(performance.now() - started) });
  try {
    const endpoints = await readRegion(clients, calls, { ...context, signal: regionAbort.signal }, warnings);
    return { ...base, state: 'done', endpoints, totals: regionTotals(endpoints), ...counts(), ...(warnings.length > 0 ? { warnings } : {}) };
  } catch (error) {
    regionAbort.abort();
    if (context.signal?.aborted) return { ...base, state: 'cancelled', endpoints: [], totals: regionTotals([]), ...counts() };
    const message =
      error instanceof RegionStepError
        ? regionFailureMessage(context.region, error.action, error.cause, context.profile)
        : regionFailureMessage(context.region, { words: 'scan the region', iamAction: 'sagemaker:ListEndpoints' }, error, context.profile);
    return { ...base, state: 'failed', endpoints: [], totals: regionTotals([]), error: message, ...counts() };
  } finally {
    context.signal?.removeEventListener('abort', onCancel);
  }
}

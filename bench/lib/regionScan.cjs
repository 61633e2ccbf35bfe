// Issue 20: the all-regions scan at scale. The emulator serves 17 regions holding 2,000 endpoints (with
// inference components; a mix of scale-to-zero, always-on and idle ones), scanned by the extension's
// scanner (src/regions/scan) beside a naive scan written as plainly as a user would: every region in
// sequence and, per endpoint, DescribeEndpoint, DescribeEndpointConfig, ListInferenceComponents filtered
// by the endpoint, DescribeInferenceComponent each, DescribeScalableTargets per resource and
// GetMetricStatistics per endpoint and per component. Both run twice: without limits, and with an
// emulator `rateLimits` fault that imitates AWS's API rate limits (per operation, per region).
//
// `deps` are the extension's modules (the bench bundles them; the integration test imports them from src):
// { startEmulator, createClients, loadSdk, scanRegions, connectionScanTarget, GetMetricStatisticsCommand } (the last from
// @aws-sdk/client-cloudwatch: the extension itself never calls GetMetricStatistics).

const now = () => performance.now();

async function control(url, method, path, body) {
  const response = await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} /__emulator/${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The 17 regions AWS enables for every account. */
const regions17 = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1',
  'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1',
];

/**
 * AWS's API rate limits as an account meets them, per region (requests a second). SageMaker's
 * Describe and List calls and Application Auto Scaling's are throttled well before CloudWatch's; the
 * figures are the order of magnitude users report (AWS publishes no table for SageMaker's control plane).
 */
const awsLikeRateLimits = {
  ListEndpoints: 10,
  ListInferenceComponents: 10,
  DescribeEndpoint: 20,
  DescribeEndpointConfig: 20,
  DescribeInferenceComponent: 20,
  DescribeScalableTargets: 10,
  GetMetricData: 50,
  GetMetricStatistics: 400,
  ListRegions: 5,
};

/** Seeds `endpoints` endpoints over `regions`, as evenly as they go; returns the count per region. */
function seedRegions(emulator, options) {
  const perRegion = new Map();
  let left = options.endpoints;
  options.regions.forEach((region, index) => {
    const count = Math.ceil(left / (options.regions.length - index));
    left -= count;
    const components = Math.round(count * options.componentsPerEndpoint);
    emulator.seed({
      endpoints: count,
      inferenceComponents: components,
      prefix: `bench-${region.replace(/-/g, '')}`,
      region,
      coldEvery: options.coldEvery,
      alwaysOnEvery: options.alwaysOnEvery,
      createdDaysAgo: options.createdDaysAgo,
      idleEvery: options.idleEvery,
      scalableTargets: true,
    });
    perRegion.set(region, { endpoints: count, inferenceComponents: components });
  });
  return perRegion;
}

async function startWorld(deps, options) {
  const emulator = await deps.startEmulator({ timeScale: 0, scenario: 'empty', regions: options.regions });
  const started = now();
  const seeded = seedRegions(emulator, options);
  const seedMs = now() - started;
  // Faults and request counts are kept per partition (account and region), as AWS's limits are per region.
  for (const region of options.regions) {
    const faults = { latencyMs: options.latencyMs, throttleRate: 0, errorRate: 0, ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}) };
    await control(emulator.url, 'POST', `faults?region=${region}`, faults);
    await control(emulator.url, 'DELETE', `requests?region=${region}`);
  }
  return { emulator, seeded, seedMs };
}

/** Requests received and throttled over every region. */
async function received(emulator, regions) {
  const sum = { total: 0, throttled: 0 };
  for (const region of regions) {
    const snapshot = await control(emulator.url, 'GET', `requests?region=${region}`);
    sum.total += snapshot.total;
    sum.throttled += snapshot.totalThrottled ?? 0;
  }
  return sum;
}

/** The extension's scan, as the All Regions view runs it. */
async function runScanner(deps, emulator, options) {
  const target = deps.connectionScanTarget({ kind: 'localEmulator', endpoint: emulator.url, region: options.regions[0] });
  const started = now();
  let firstRegionMs;
  const report = await deps.scanRegions({
    targets: [target],
    now: () => emulator.now(),
    idleDays: options.idleDays,
    regionConcurrency: options.regionConcurrency,
    callConcurrency: options.callConcurrency,
    // The regions the naive scan reads too (all 17 in the benchmark, which ListRegions lists anyway).
    onlyRegions: options.regions,
    onEvent: (event) => {
      if (event.type === 'regionDone' && firstRegionMs === undefined) firstRegionMs = now() - started;
    },
  });
  const fullMs = now() - started;
  const regions = report.targets[0].regions;
  const byOperation = {};
  for (const region of regions) for (const [operation, count] of Object.entries(region.callsByOperation ?? {})) byOperation[operation] = (byOperation[operation] ?? 0) + count;
  const server = await received(emulator, options.regions);
  return {
    firstRegionMs,
    fullMs,
    // The scanner's own count, plus its one ListRegions.
    calls: regions.reduce((total, region) => total + region.calls, 0) + 1,
    byOperation,
    requestsReceived: server.total,
    throttledRequests: server.throttled,
    regionsDone: regions.filter((region) => region.state === 'done').length,
    regionsFailed: regions.filter((region) => region.state === 'failed').map((region) => `${region.region}: ${region.error}`),
    endpoints: regions.reduce((total, region) => total + region.totals.endpoints, 0),
    runningInstances: regions.reduce((total, region) => total + region.totals.runningInstances, 0),
    hourlyUsd: Math.round(regions.reduce((total, region) => total + region.totals.hourlyUsd, 0) * 100) / 100,
    notScaleToZero: regions.reduce((total, region) => total + region.totals.notScaleToZero, 0),
    idle: regions.reduce((total, region) => total + region.totals.idle, 0),
  };
}

/** Every page of a list, the plain way. */
async function allOf(send, key) {
  const items = [];
  let token;
  do {
    const page = await send(token);
    items.push(...(page[key] ?? []));
    token = page.NextToken;
  } while (token);
  return items;
}

/**
 * The naive scan: what a user writes first. Regions one after another, endpoints one after another,
 * one call per question. It stops at the first error, as such a script does, and reports it.
 */
async function runNaive(deps, emulator, options) {
  const sdk = await deps.loadSdk();
  const started = now();
  let firstRegionMs;
  let calls = 0;
  const byOperation = {};
  const count = (operation) => {
    calls++;
    byOperation[operation] = (byOperation[operation] ?? 0) + 1;
  };
  const totals = { endpoints: 0, runningInstances: 0, idle: 0 };
  let failure;
  const end = new Date(Math.ceil(emulator.now() / 60_000) * 60_000);
  const start = new Date(end.getTime() - options.idleDays * 86_400_000);
  const period = options.idleDays * 86_400;
  const invocations = async (clients, dimensions) => {
    count('GetMetricStatistics');
    const stats = await clients.cloudWatch.send(new deps.GetMetricStatisticsCommand({ Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dimensions, StartTime: start, EndTime: end, Period: period, Statistics: ['Sum'] }));
    return (stats.Datapoints ?? []).reduce((total, point) => total + (point.Sum ?? 0), 0);
  };
  try {
    for (const region of options.regions) {
      const clients = await deps.createClients({ kind: 'localEmulator', endpoint: emulator.url, region });
      try {
        const endpoints = await allOf((token) => {
          count('ListEndpoints');
          return clients.sageMaker.send(new sdk.ListEndpointsCommand({ NextToken: token }));
        }, 'Endpoints');
        for (const summary of endpoints) {
          const name = summary.EndpointName;
          count('DescribeEndpoint');
          const endpoint = await clients.sageMaker.send(new sdk.DescribeEndpointCommand({ EndpointName: name }));
          count('DescribeEndpointConfig');
          await clients.sageMaker.send(new sdk.DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }));
          const components = await allOf((token) => {
            count('ListInferenceComponents');
            return clients.sageMaker.send(new sdk.ListInferenceComponentsCommand({ EndpointNameEquals: name, NextToken: token }));
          }, 'InferenceComponents');
          let used = 0;
          for (const variant of endpoint.ProductionVariants ?? []) used += await invocations(clients, [{ Name: 'EndpointName', Value: name }, { Name: 'VariantName', Value: variant.VariantName }]);
          for (const component of components) {
            count('DescribeInferenceComponent');
            await clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: component.InferenceComponentName }));
            count('DescribeScalableTargets');
            await clients.autoScaling.send(new sdk.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [`inference-component/${component.InferenceComponentName}`] }));
            used += await invocations(clients, [{ Name: 'InferenceComponentName', Value: component.InferenceComponentName }]);
          }
          const running = (endpoint.ProductionVariants ?? []).reduce((total, variant) => total + (variant.CurrentInstanceCount ?? 0), 0);
          totals.endpoints++;
          totals.runningInstances += running;
          if (running > 0 && used === 0) totals.idle++;
        }
      } finally {
        clients.destroy();
      }
      if (firstRegionMs === undefined) firstRegionMs = now() - started;
      if (now() - started > options.naiveTimeoutMs) {
        failure = `stopped after ${Math.round((now() - started) / 1000)} s (the bench's limit), ${totals.endpoints} endpoints read`;
        break;
      }
    }
  } catch (error) {
    failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const server = await received(emulator, options.regions);
  return { firstRegionMs, fullMs: now() - started, calls, byOperation, requestsReceived: server.total, throttledRequests: server.throttled, failure, ...totals };
}

/**
 * @param deps the extension's modules
 * @param input { regions, endpoints, componentsPerEndpoint, coldEvery, alwaysOnEvery, idleEvery, createdDaysAgo, idleDays, regionConcurrency, callConcurrency,
 *   latencyMs, rateLimits, naive, naiveTimeoutMs, log }
 */
async function runRegionScan(deps, input = {}) {
  const options = {
    regions: regions17,
    endpoints: 2000,
    componentsPerEndpoint: 1.5,
    // The seed's mix (the emulator's own benchmark uses the same): every 3rd endpoint asleep, every 5th
    // always on (MinInstanceCount 1), every 4th without a request in 30 days (idle when running).
    coldEvery: 3,
    alwaysOnEvery: 5,
    idleEvery: 4,
    createdDaysAgo: 30,
    idleDays: 7,
    regionConcurrency: 4,
    callConcurrency: 4,
    latencyMs: 0,
    rateLimits: awsLikeRateLimits,
    naive: true,
    naiveTimeoutMs: 600_000,
    log: () => undefined,
    ...input,
  };
  const log = options.log;
  const runs = {};
  for (const [name, rateLimits] of [['unlimited', undefined], ['awsRateLimits', options.rateLimits]]) {
    for (const scan of ['scanner', ...(options.naive ? ['naive'] : [])]) {
      const { emulator, seeded, seedMs } = await startWorld(deps, { ...options, rateLimits });
      try {
        log(`regions: ${scan} scan, ${name}, ${options.endpoints} endpoints in ${options.regions.length} regions (seeded in ${Math.round(seedMs)} ms)`);
        const result = scan === 'scanner' ? await runScanner(deps, emulator, options) : await runNaive(deps, emulator, options);
        runs[`${scan}:${name}`] = { ...result, seedMs };
        runs.seeded ??= Object.fromEntries(seeded);
      } finally {
        await emulator.close();
      }
    }
  }
  return {
    regions: options.regions.length,
    endpoints: options.endpoints,
    componentsPerEndpoint: options.componentsPerEndpoint,
    regionConcurrency: options.regionConcurrency,
    callConcurrency: options.callConcurrency,
    rateLimits: options.rateLimits,
    runs,
  };
}

module.exports = { runRegionScan, awsLikeRateLimits, regions17 };

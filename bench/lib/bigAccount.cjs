// Scenario 2: a big account, read through the extension's own data layer (Inventory + AccountReader,
// the real SDK clients) against the local emulator, beside the naive design in the same run.
//
// `deps` are the extension's modules (the bench bundles them; the unit test imports them from src):
// { startEmulator, createClients, AccountReader, Inventory, RefreshScheduler, setCopyCount, endpointPageSize }.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();
const isThrottle = (text) => /throttl|rate exceeded|too many requests/i.test(text ?? '');

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

async function waitFor(condition, timeoutMs, stepMs = 10) {
  const deadline = now() + timeoutMs;
  while (!condition()) {
    if (now() > deadline) return false;
    await sleep(stepMs);
  }
  return true;
}

/** Throttling errors that reached what the user sees: an entry's error, or a refresh's problems. */
function throttlingSeen(inventory, problems) {
  let count = problems.filter(isThrottle).length;
  for (const entry of inventory.endpoints()) if (isThrottle(entry.error)) count++;
  for (const entry of inventory.endpoints()) for (const component of inventory.componentsOf(entry.summary.name)) if (isThrottle(component.error)) count++;
  return count;
}

async function startAccount(deps, options) {
  const emulator = await deps.startEmulator({ timeScale: 1, scenario: 'empty', timings: { copyStartSeconds: options.copyStartSeconds, instanceProvisioningSeconds: options.copyStartSeconds } });
  emulator.seed({ endpoints: options.endpoints, inferenceComponents: options.inferenceComponents });
  await control(emulator.url, 'POST', 'faults', { latencyMs: options.latencyMs, rateLimits: options.rateLimits });
  await control(emulator.url, 'DELETE', 'requests');
  const clients = await deps.createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  const clock = () => new Date(emulator.now());
  return { emulator, clients, clock };
}

/**
 * The naive design, measured for its calls and throttling: every resource described on every refresh
 * (the Inventory read whole, no client-side rate limit), one refresh.
 */
async function runNaive(deps, options) {
  const { emulator, clients, clock } = await startAccount(deps, options);
  const problems = [];
  try {
    const reader = await deps.AccountReader.create(clients, { now: clock, rateLimits: {} });
    const inventory = new deps.Inventory(reader, { now: clock, eagerLimit: Number.POSITIVE_INFINITY });
    const started = now();
    let finished = false;
    let failure;
    const refresh = inventory.refresh().then(
      (result) => {
        finished = true;
        problems.push(...result.problems);
      },
      (error) => {
        finished = true;
        failure = error instanceof Error ? error.message : String(error);
      },
    );
    await Promise.race([refresh, sleep(options.naiveTimeoutMs)]);
    const refreshSeconds = (now() - started) / 1000;
    const server = await control(emulator.url, 'GET', 'requests');
    const describesCalls = (reader.calls.get('DescribeEndpoint') ?? 0) + (reader.calls.get('DescribeInferenceComponent') ?? 0);
    const result = {
      finished,
      failure,
      refreshSeconds,
      firstPaintMs: finished ? refreshSeconds * 1000 : undefined,
      callsPerRefresh: reader.totalCalls,
      describeCallsPerRefresh: describesCalls,
      requestsReceived: server.total,
      throttledRequests: server.totalThrottled,
      throttlingErrorsShown: throttlingSeen(inventory, problems),
      // The scheduler waits the stable interval after a refresh ends.
      callsPerMinute: (reader.totalCalls / (refreshSeconds + options.stableIntervalSeconds)) * 60,
    };
    return { result, pending: finished ? undefined : refresh };
  } finally {
    clients.destroy();
    await emulator.close();
  }
}

/**
 * @param deps the extension's modules
 * @param options { endpoints, inferenceComponents, latencyMs, rateLimits, screenRows, steadySeconds,
 *   stableIntervalSeconds, transitionIntervalSeconds, copyStartSeconds, transitionSamples, naive, naiveTimeoutMs, log }
 */
async function runBigAccount(deps, input = {}) {
  const options = {
    endpoints: 500,
    inferenceComponents: 1000,
    latencyMs: 40,
    rateLimits: { DescribeInferenceComponent: 10, DescribeEndpoint: 10 },
    screenRows: 25,
    steadySeconds: 61,
    stableIntervalSeconds: 15,
    transitionIntervalSeconds: 3,
    copyStartSeconds: 20,
    transitionSamples: 3,
    naive: true,
    naiveTimeoutMs: 240_000,
    log: () => undefined,
    ...input,
  };
  const log = options.log;
  let naive = Promise.resolve(undefined);

  const { emulator, clients, clock } = await startAccount(deps, options);
  const problems = [];
  let scheduler;
  try {
    const reader = await deps.AccountReader.create(clients, { now: clock });
    const inventory = new deps.Inventory(reader, { now: clock, eagerLimit: options.eagerLimit });
    inventory.onDidRefresh((result) => problems.push(...result.problems));

    // First paint: what the tree awaits before it shows the endpoint rows.
    log(`big account: ${options.endpoints} endpoints, ${options.inferenceComponents} ICs, first paint`);
    const started = now();
    await inventory.listed();
    const firstPaintMs = now() - started;
    const firstPaintCalls = reader.totalCalls;
    const endpointsPainted = inventory.endpoints().length;

    // The tree asks for its page of endpoint rows, and the user has expanded the first endpoint.
    const names = inventory.endpoints().map((entry) => entry.summary.name);
    const pageSize = deps.endpointPageSize;
    inventory.requestEndpoints(names.slice(0, Math.min(pageSize, names.length)));
    const expanded = names[0];
    inventory.requestComponentsOf(expanded);
    await inventory.refresh(); // the first refresh (the components list) finishes
    const screen = { endpoints: [], components: [] };
    screen.endpoints.push(expanded);
    screen.components = inventory.componentsOf(expanded).map((entry) => entry.summary.name);
    for (const name of names.slice(1)) {
      if (screen.endpoints.length + screen.components.length >= options.screenRows) break;
      screen.endpoints.push(name);
    }
    const onScreenReady = () =>
      screen.endpoints.every((name) => inventory.endpoint(name)?.snapshot) &&
      screen.components.every((name) => inventory.component(name)?.snapshot && inventory.component(name)?.lifecycle);
    const screenShown = await waitFor(onScreenReady, 30_000);
    const screenCountsMs = now() - started - firstPaintMs;
    const screenCalls = reader.totalCalls;
    await inventory.whenIdle();
    const initialLoadMs = now() - started;
    const initialLoadCalls = reader.totalCalls;
    const listCallsFull = (reader.calls.get('ListEndpoints') ?? 0) + (reader.calls.get('ListInferenceComponents') ?? 0);
    log(`big account: painted in ${firstPaintMs.toFixed(0)} ms, screen in +${screenCountsMs.toFixed(0)} ms; quiet period of ${options.steadySeconds} s`);

    // The naive design runs on its own emulator meanwhile (after our first paint, so as not to slow it).
    if (options.naive) naive = runNaive(deps, options);
    // A quiet period with the view open: the scheduler's own timers, nothing changes.
    scheduler = new deps.RefreshScheduler({
      refresh: () => inventory.refresh(),
      inTransition: () => inventory.anyInTransition(),
      stableIntervalSeconds: () => options.stableIntervalSeconds,
      transitionIntervalSeconds: options.transitionIntervalSeconds,
      onError: (error) => problems.push(String(error)),
    });
    const quietStartCalls = reader.totalCalls;
    const quietStartServer = (await control(emulator.url, 'GET', 'requests')).total;
    scheduler.setVisible(true);
    await sleep(options.steadySeconds * 1000);
    const quietCalls = reader.totalCalls - quietStartCalls;
    const quietServer = (await control(emulator.url, 'GET', 'requests')).total - quietStartServer;
    const quietCallsPerMinute = (quietCalls / options.steadySeconds) * 60;
    // A whole re-list reconciles every reconcile interval (5 min): its cost, spread over the minute.
    const reconcilePerMinute = listCallsFull / 5;

    // A change to a resource in transition: on-screen ICs scale out (another client sets the copy count);
    // while they are in transition, the new copy coming into service must show within 5 s.
    log('big account: changes to resources in transition');
    const targets = screen.components.concat(inventory.componentsOf(screen.endpoints[1] ?? expanded).map((entry) => entry.summary.name)).slice(0, options.transitionSamples);
    for (const name of targets) inventory.requestComponentsOf(inventory.component(name).summary.endpointName);
    await inventory.whenIdle();
    const desired = new Map(targets.map((name) => [name, (inventory.component(name).snapshot.desiredCopyCount ?? 0) + 1]));
    for (const name of targets) await deps.setCopyCount(clients, name, desired.get(name));
    const transitionLatencies = [];
    const changedAt = new Map();
    const shownAt = new Map();
    const deadline = now() + (options.copyStartSeconds + options.stableIntervalSeconds + 20) * 1000;
    let inTransitionBeforeChange = true;
    while (now() < deadline && shownAt.size < targets.length) {
      const state = emulator.state();
      for (const name of targets) {
        const record = state.inferenceComponents.find((ic) => ic.name === name);
        if (!changedAt.has(name) && record && record.currentCopyCount >= desired.get(name)) {
          changedAt.set(name, now());
          if (!inventory.component(name)?.lifecycle?.inTransition) inTransitionBeforeChange = false;
        }
        if (changedAt.has(name) && !shownAt.has(name) && (inventory.component(name)?.snapshot?.currentCopyCount ?? 0) >= desired.get(name)) {
          shownAt.set(name, now());
          transitionLatencies.push(now() - changedAt.get(name));
        }
      }
      await sleep(20);
    }
    scheduler.dispose();
    scheduler = undefined;

    const server = await control(emulator.url, 'GET', 'requests');
    const naiveResult = await naive;
    return {
      endpoints: options.endpoints,
      inferenceComponents: options.inferenceComponents,
      latencyMs: options.latencyMs,
      rateLimits: options.rateLimits,
      endpointsPainted,
      firstPaintMs,
      firstPaintCalls,
      screenRows: screen.endpoints.length + screen.components.length,
      screenShown,
      screenCountsMs,
      screenCalls,
      initialLoadMs,
      initialLoadCalls,
      quietSeconds: options.steadySeconds,
      quietCalls,
      quietRequestsReceived: quietServer,
      quietCallsPerMinute,
      reconcileCallsPerMinute: reconcilePerMinute,
      quietCallsPerMinuteWithReconcile: quietCallsPerMinute + reconcilePerMinute,
      transitionSamples: targets.length,
      transitionShown: shownAt.size,
      transitionInTransitionBeforeChange: inTransitionBeforeChange,
      transitionLatencyMaxMs: transitionLatencies.length ? Math.max(...transitionLatencies) : undefined,
      transitionLatencyMedianMs: transitionLatencies.length ? transitionLatencies.sort((a, b) => a - b)[Math.floor(transitionLatencies.length / 2)] : undefined,
      totalCalls: reader.totalCalls,
      callsByOperation: Object.fromEntries(reader.calls),
      requestsReceived: server.total,
      throttledRequests: server.totalThrottled,
      throttlingErrorsShown: throttlingSeen(inventory, problems),
      naive: naiveResult?.result,
    };
  } finally {
    scheduler?.dispose();
    clients.destroy();
    await emulator.close();
  }
}

module.exports = { runBigAccount, control, waitFor };

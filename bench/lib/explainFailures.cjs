// Issue 19, item 5: from the moment a fault happens to the moment the tree can show its explanation.
// Per fault kind of the emulator's `componentFaults` (contract §3), on a fresh demo emulator at time
// scale 60: demo-llama3-8b idles to zero, the fault is set, one refused request wakes it through its
// alarm, and the wake fails. The failure's time is the emulator's own (the failed scaling activity's
// EndTime, turned into real time, or the moment the component is seen Failed, polled every 10 ms); the explanation's
// is when the explorer's Inventory, refreshed by the product's RefreshScheduler (15 s when nothing is
// in transition, 3 s while something is), first holds an explanation of the expected kind.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const component = 'demo-llama3-8b';
const endpointName = 'demo-scale-to-zero';
const timeScale = 60;

/** The fault kinds, the explanation each should get, and the fault body that produces it. */
const kinds = [
  { fault: 'insufficientCapacity', expected: 'insufficientCapacity' },
  { fault: 'quotaExceeded', expected: 'quotaExceeded' },
  { fault: 'imagePullDenied', expected: 'downloadDenied' },
  { fault: 'healthCheckTimeout', expected: 'healthCheckTimeout', waitsForHealthCheck: true },
  { fault: 'outOfMemory', expected: 'outOfMemory', waitsForHealthCheck: true },
];

async function control(emulator, method, path, body) {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The account time the component's wake failed, or undefined while it has not. */
function failedAt(emulator, since) {
  const state = emulator.state();
  const ic = state.inferenceComponents.find((record) => record.name === component);
  // The state summary has no LastModifiedTime: the poll (every 10 ms real, 0.6 s of account time) sees it when it happens.
  if (ic?.status === 'Failed') return emulator.now();
  const activity = (state.scalingActivities ?? []).find((record) => record.resourceId === `inference-component/${component}` && record.statusCode === 'Failed' && record.endTime * 1000 >= since);
  return activity ? activity.endTime * 1000 : undefined;
}

async function measureKind(deps, kind, options) {
  const timings = { tokenLatencyMs: 0, instanceProvisioningSeconds: 60, copyStartSeconds: 120, modelDownloadSeconds: 40 };
  const emulator = await deps.startEmulator({ timeScale, scenario: 'demo', timings, startTime: Date.UTC(2026, 11, 9, 10) });
  const clients = await deps.createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  const reader = await deps.AccountReader.create(clients, { now: () => new Date(emulator.now()) });
  const inventory = new deps.Inventory(reader, { now: () => new Date(emulator.now()), region: 'us-east-1' });
  const scheduler = new deps.RefreshScheduler({
    refresh: () => inventory.refresh(),
    inTransition: () => inventory.anyInTransition(),
    stableIntervalSeconds: () => 15,
    transitionIntervalSeconds: 3,
  });
  try {
    emulator.advance(30 * 60);
    await inventory.refresh();
    scheduler.setVisible(true);
    await control(emulator, 'POST', 'faults', { componentFaults: { [component]: kind.fault } });
    if (kind.waitsForHealthCheck) {
      // The health check gives up after 3600 s (no timeout set): the demo's 15-minute idle timeout would scale the wake back to 0 first.
      await clients.cloudWatch.send(new deps.DisableAlarmActionsCommand({ AlarmNames: [`${component}-idle-timeout`] }));
    }
    const since = emulator.now();
    const callsBefore = new Map(reader.calls);
    await clients.runtime
      .send(new deps.InvokeEndpointCommand({ EndpointName: endpointName, InferenceComponentName: component, ContentType: 'application/json', Body: '{"inputs":"Hi"}' }))
      .then(() => {
        throw new Error('the request was answered: the component was not cold');
      }, () => undefined);
    let failureReal;
    let failureAccount;
    let explainedReal;
    const deadline = performance.now() + (options.timeoutMs ?? 240_000);
    while (explainedReal === undefined) {
      if (performance.now() > deadline) throw new Error(`${kind.fault}: ${failureAccount === undefined ? 'no failure' : 'no explanation'} within ${(options.timeoutMs ?? 240_000) / 1000} s`);
      if (failureAccount === undefined) {
        failureAccount = failedAt(emulator, since);
        // When it happened in real time: the account clock runs `timeScale` times faster.
        if (failureAccount !== undefined) failureReal = performance.now() - (emulator.now() - failureAccount) / timeScale;
      }
      const explanation = inventory.failures.get('inferenceComponent', component);
      if (failureAccount !== undefined && explanation?.kind === kind.expected) explainedReal = performance.now();
      await sleep(10);
    }
    const calls = {};
    for (const [operation, count] of reader.calls) if (count !== (callsBefore.get(operation) ?? 0)) calls[operation] = count - (callsBefore.get(operation) ?? 0);
    const explanation = inventory.failures.get('inferenceComponent', component);
    return { fault: kind.fault, kind: explanation.kind, title: explanation.title, latencyMs: explainedReal - failureReal, filterLogEvents: inventory.failures.logReads, callsDuringWake: calls };
  } finally {
    scheduler.dispose();
    clients.destroy();
    await emulator.close();
  }
}

async function runExplainFailures(deps, options = {}) {
  const results = [];
  for (const kind of kinds) {
    try {
      const result = await measureKind(deps, kind, options);
      options.log?.(`${kind.fault}: explained as "${result.title}" ${(result.latencyMs / 1000).toFixed(1)} s after the failure`);
      results.push(result);
    } catch (error) {
      options.log?.(`${kind.fault}: ${error instanceof Error ? error.message : String(error)}`);
      results.push({ fault: kind.fault, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { timeScale, stableIntervalSeconds: 15, transitionIntervalSeconds: 3, results };
}

module.exports = { runExplainFailures };

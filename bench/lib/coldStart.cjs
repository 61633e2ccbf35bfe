// Scenario 3: cold-start detection. The demo's demo-embeddings (on demo-cold: its alarm never fires on
// one request, so nothing but the wake wakes it) on an emulator at time scale 1 with
// short timings is put to sleep and woken ten times. Per wake: when the first copy is in service (the
// emulator's own state, polled in process every 10 ms), when the held playground request
// (src/playground/coldStart sendHeld, wake now) succeeds, and when the explorer's Inventory (its refresh scheduler:
// 3 s in transition) shows Warm. The notebooks' 30 s polling is modelled from the same wake times.
const { control } = require('./bigAccount.cjs');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const component = 'demo-embeddings';
const endpointName = 'demo-cold';
const body = JSON.stringify({ inputs: 'Hello', parameters: { max_new_tokens: 4 } });

function copyState(emulator, target = { component, endpointName }) {
  const state = emulator.state();
  const ic = state.inferenceComponents.find((record) => record.name === target.component);
  const endpoint = state.endpoints.find((record) => record.name === target.endpointName);
  const instances = endpoint.variants.reduce((total, variant) => total + variant.instances.length, 0);
  return { copies: ic.currentCopyCount, instances };
}

async function until(condition, timeoutMs, stepMs = 10) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

function heldSend(deps, clients, target = { component, endpointName }) {
  return (signal) =>
    clients.runtime.send(
      new deps.InvokeEndpointCommand({ EndpointName: target.endpointName, InferenceComponentName: target.component, ContentType: 'application/json', Body: body }),
      { abortSignal: signal },
    );
}

async function runColdStarts(deps, options = {}) {
  const runs = options.runs ?? 10;
  const timings = { instanceProvisioningSeconds: 3, copyStartSeconds: 3, copyStopSeconds: 1, instanceIdleReleaseSeconds: 1, tokenLatencyMs: 0 };
  const emulator = await deps.startEmulator({ timeScale: 1, scenario: 'demo', timings });
  const clients = await deps.createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  const clock = () => new Date(emulator.now());
  const reader = await deps.AccountReader.create(clients, { now: clock });
  const inventory = new deps.Inventory(reader, { now: clock });
  const scheduler = new deps.RefreshScheduler({
    refresh: () => inventory.refresh(),
    inTransition: () => inventory.anyInTransition(),
    stableIntervalSeconds: () => 15,
    transitionIntervalSeconds: 3,
  });
  const samples = [];
  try {
    await inventory.refresh();
    scheduler.setVisible(true);
    for (let run = 0; run < runs; run++) {
      // Asleep: no copy, no instance.
      await deps.setCopyCount(clients, component, 0);
      scheduler.reschedule();
      await until(() => {
        const state = copyState(emulator);
        return state.copies === 0 && state.instances === 0;
      }, 30_000);
      // The tree has seen it asleep (after a rejection it may read "Waking · request rejected" for a while).
      await inventory.refresh();
      if ((inventory.component(component)?.snapshot?.currentCopyCount ?? 0) !== 0) throw new Error('the tree does not show the IC asleep');

      const before = (await control(emulator.url, 'GET', 'requests')).total;
      const inventoryBefore = reader.totalCalls;
      const wakeStarted = performance.now();
      let inServiceAt;
      let warmAt;
      let succeededAt;
      const watcher = (async () => {
        while (inServiceAt === undefined || warmAt === undefined) {
          if (inServiceAt === undefined && copyState(emulator).copies > 0) inServiceAt = performance.now();
          if (warmAt === undefined && inventory.component(component)?.lifecycle?.state === 'warm') warmAt = performance.now();
          if (performance.now() - wakeStarted > 60_000) break;
          await sleep(10);
        }
      })();
      let heldCalls;
      if (deps.sendHeld) {
        const held = await deps.sendHeld({
          component,
          send: heldSend(deps, clients),
          probe: deps.createAwsProbe(clients, component),
          clock: deps.scaledClock({ now: () => emulator.now(), timeScale: () => 1 }),
          deadlineMs: 120_000,
          wakeNow: true,
          // The playground expects this IC's own durations (its median), here the emulator's timings.
          expected: { instanceMs: timings.instanceProvisioningSeconds * 1000, copyMs: timings.copyStartSeconds * 1000 },
          onRejected: (at) => {
            inventory.recordRejection(component, new Date(at));
            scheduler.reschedule();
          },
        });
        succeededAt = performance.now();
        heldCalls = (await control(emulator.url, 'GET', 'requests')).total - before - (reader.totalCalls - inventoryBefore);
        if (!held.timeline) throw new Error('the held request did not go through a cold start');
      } else {
        await deps.setCopyCount(clients, component, 1);
      }
      scheduler.reschedule();
      await watcher;
      const wakeMs = inServiceAt - wakeStarted;
      // A notebook polls every 30 s from the wake: it sees the copy at the first poll after it is in service.
      const notebookDelayMs = 30_000 - (wakeMs % 30_000);
      samples.push({
        wakeMs,
        heldAfterInServiceMs: succeededAt === undefined ? undefined : succeededAt - inServiceAt,
        heldCalls,
        treeWarmAfterInServiceMs: warmAt - inServiceAt,
        treeCalls: reader.totalCalls - inventoryBefore,
        notebookDelayMs,
        notebookCalls: Math.floor(wakeMs / 30_000) + 2,
      });
      options.log?.(`cold start ${run + 1}/${runs}: in service after ${(wakeMs / 1000).toFixed(1)} s, held request +${samples.at(-1).heldAfterInServiceMs?.toFixed(0)} ms, tree +${samples.at(-1).treeWarmAfterInServiceMs.toFixed(0)} ms`);
    }
  } finally {
    scheduler.dispose();
    clients.destroy();
    await emulator.close();
  }
  const pick = (field) => samples.map((sample) => sample[field]).filter((value) => value !== undefined);
  return {
    runs: samples.length,
    heldRequestAvailable: Boolean(deps.sendHeld),
    heldAfterInServiceMedianMs: median(pick('heldAfterInServiceMs')),
    heldAfterInServiceMaxMs: pick('heldAfterInServiceMs').length ? Math.max(...pick('heldAfterInServiceMs')) : undefined,
    heldCallsPerWakeMedian: median(pick('heldCalls')),
    treeWarmAfterInServiceMedianMs: median(pick('treeWarmAfterInServiceMs')),
    treeCallsPerWakeMedian: median(pick('treeCalls')),
    notebookDelayMedianMs: median(pick('notebookDelayMs')),
    notebookCallsPerWakeMedian: median(pick('notebookCalls')),
    wakeMedianMs: median(pick('wakeMs')),
    samples,
  };
}

/**
 * Wake now against waiting for the alarm: account time from the first refusal to the answer, on
 * demo-llama3-8b (the blog's alarm, which one request fires), default timings, time scale 30.
 */
async function runWakeNowSavings(deps) {
  if (!deps.sendHeld) return { available: false };
  const result = { available: true };
  const target = { component: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' };
  for (const wakeNow of [false, true]) {
    const emulator = await deps.startEmulator({ timeScale: 30, scenario: 'demo', timings: { tokenLatencyMs: 0 } });
    const clients = await deps.createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    try {
      await deps.setCopyCount(clients, target.component, 0);
      await until(() => {
        const state = copyState(emulator, target);
        return state.copies === 0 && state.instances === 0;
      }, 60_000, 50);
      const before = (await control(emulator.url, 'GET', 'requests')).total;
      const held = await deps.sendHeld({
        component: target.component,
        send: heldSend(deps, clients, target),
        probe: deps.createAwsProbe(clients, target.component),
        clock: deps.scaledClock({ now: () => emulator.now(), timeScale: () => 30 }),
        deadlineMs: 30 * 60_000,
        wakeNow,
      });
      const timeline = held.timeline;
      const answeredAt = emulator.now();
      const rejectedAt = timeline?.startedAt ?? answeredAt;
      result[wakeNow ? 'wakeNowSeconds' : 'alarmSeconds'] = (answeredAt - rejectedAt) / 1000;
      result[wakeNow ? 'wakeNowCalls' : 'alarmCalls'] = (await control(emulator.url, 'GET', 'requests')).total - before;
    } finally {
      clients.destroy();
      await emulator.close();
    }
  }
  result.savedSeconds = result.alarmSeconds - result.wakeNowSeconds;
  return result;
}

module.exports = { runColdStarts, runWakeNowSavings };

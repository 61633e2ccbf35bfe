// `npm run bench`: the four benchmark scenarios of issue 8, on this machine, against the local
// emulator on 127.0.0.1, and the emulator beside moto_server (issue 16, item 6). Writes
// bench/results/latest.json and bench/results/latest.md on a whole run (each figure beside its target and, where
// there is one, a naive baseline measured in the same run); some scenarios also write files of their own.
//
//   node --expose-gc bench/run.mjs [--only startup,big,cold,throughput,peer,logs,explain,regions]
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { packageExtension } from '../scripts/package.mjs';
import { root } from '../scripts/lib/tools.mjs';
import { measureStartup } from './lib/startup.mjs';
import { runThroughput } from '../packages/emulator/bench/throughput.mjs';
import { runPeerComparison } from './lib/peerComparison.mjs';
import { peerMarkdown } from './lib/peerReport.mjs';

const require = createRequire(import.meta.url);
const only = (() => {
  const index = process.argv.indexOf('--only');
  return index > 0 ? new Set(process.argv[index + 1].split(',')) : undefined;
})();
const wanted = (name) => !only || only.has(name);
const started = performance.now();
const log = (message) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

/** The extension's modules, bundled for plain Node (the AWS SDK inlined). */
async function buildDeps() {
  const lines = [
    "export { startEmulator } from '@s2z/emulator';",
    "export { createClients } from './src/aws/clients';",
    "export { AccountReader } from './src/aws/accountReader';",
    "export { setCopyCount } from './src/aws/resourceActions';",
    "export { Inventory, endpointPageSize } from './src/explorer/inventory/inventory';",
    "export { RefreshScheduler } from './src/explorer/inventory/refreshScheduler';",
    "export { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';",
    "export { DisableAlarmActionsCommand } from '@aws-sdk/client-cloudwatch';",
  ];
  lines.push(
    "export { sendHeld } from './src/playground/coldStart/heldRequest';",
    "export { createAwsProbe } from './src/playground/coldStart/probe';",
    "export { scaledClock } from './src/playground/coldStart/clock';",
  );
  lines.push(
    "export { LogFollower } from './src/logs/reading/logFollower';",
    "export { sdkLogsApi } from './src/logs/reading/sdkLogsApi';",
    "export { logGroupsOf } from './src/logs/reading/logGroups';",
  );
  lines.push(
    "export { loadSdk } from './src/aws/clients';",
    "export { scanRegions } from './src/regions/scan/regionScanner';",
    "export { connectionScanTarget } from './src/regions/scan/scanTargets';",
    "export { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';",
  );
  const outfile = join(mkdtempSync(join(tmpdir(), 's2z-bench-')), 'deps.cjs');
  await esbuild.build({
    stdin: { contents: lines.join('\n'), resolveDir: root, loader: 'ts', sourcefile: 'bench-deps.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    conditions: ['source'],
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

function bundleSizes() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) files.push({ bundle: path.slice(root.length + 1), bytes: statSync(path).size });
    }
  };
  walk(join(root, 'dist'));
  return files.sort((a, b) => a.bundle.localeCompare(b.bundle));
}

async function attempt(name, work) {
  log(`${name}…`);
  try {
    return await work();
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version } };

if (wanted('startup')) {
  results.package = await attempt('packaging the .vsix (release build)', async () => {
    let vsixBytes;
    let error;
    try {
      const path = await packageExtension();
      vsixBytes = statSync(path).size;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    return { vsixBytes, error, bundles: bundleSizes() };
  });
  results.startup = await attempt('start-up in the extension host (code-server + Chromium)', () => measureStartup());
}

const depsPath = await buildDeps();
const deps = require(depsPath);

if (wanted('big')) {
  results.bigAccount = await attempt('big account (500 endpoints, 1,000 ICs)', () => require('./lib/bigAccount.cjs').runBigAccount(deps, { log }));
}
if (wanted('cold')) {
  const { runColdStarts, runWakeNowSavings } = require('./lib/coldStart.cjs');
  results.coldStart = await attempt('cold starts (10, time scale 1)', () => runColdStarts(deps, { runs: 10, log }));
  results.wakeNow = await attempt('wake now against the alarm (time scale 30)', () => runWakeNowSavings(deps));
}
if (wanted('explain')) {
  const { runExplainFailures } = require('./lib/explainFailures.cjs');
  results.explain = await attempt('fault → explanation in the tree (5 fault kinds, time scale 60)', () => runExplainFailures(deps, { log }));
}
if (wanted('throughput')) {
  results.throughput = await attempt('emulator throughput (16 clients)', () => runThroughput(depsPath, { log }));
}
if (wanted('peer')) {
  results.peer = await attempt('the emulator beside moto_server (speed, scale-to-zero support)', () => runPeerComparison(depsPath, { log }));
}
if (wanted('logs')) {
  results.followedLogs = await attempt('a followed logs view (calls and bytes a minute, quiet and busy)', () => require('./lib/followedLogs.cjs').runFollowedLogs(deps, { log }));
}
if (wanted('regions')) {
  results.regionScan = await attempt('all regions: 17 regions, 2,000 endpoints, the scanner beside a naive scan', () => require('./lib/regionScan.cjs').runRegionScan(deps, { log }));
}
results.totalSeconds = (performance.now() - started) / 1000;

// ---- the table ----
const ms = (value) => (value === undefined || Number.isNaN(value) ? '—' : `${Math.round(value).toLocaleString('en-US')} ms`);
const num = (value, digits = 0) => (value === undefined || Number.isNaN(value) ? '—' : Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const kib = (bytes) => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(0)} KiB`);
const verdict = (ok) => (ok === undefined ? '—' : ok ? '✅ met' : '❌ missed');
const rows = [];
const row = (scenario, figure, value, target, ok, baseline = '') => rows.push(`| ${scenario} | ${figure} | ${value} | ${target} | ${verdict(ok)} | ${baseline} |`);

const s = results.startup;
if (s) {
  row('1 Start-up', 'activate() + the modules it loads (extension host)', s.activationMs === undefined ? (s.error ?? '—') : `${s.activationMs.toFixed(1)} ms (load ${num(s.moduleLoadMs, 1)} + activate ${num(s.activateCallMs, 0)})`, '≤ 30 ms', s.activationMs === undefined ? undefined : s.activationMs <= 30, `whole \`extension.activate()\` as the host runs it (with VS Code's own context setup): ${ms(s.activateWallMs)}; module load to activate()'s return: ${ms(s.loadToActivatedMs)}`);
  const m = s.minimal;
  row('1 Start-up', 'start-up as a ratio to a minimal extension (one command) activated in the same host', s.activationRatio === undefined ? (m ? '—' : 'not measured') : `${num(s.activationRatio, 1)} × (${num(s.activationMs, 1)} ms vs ${num(m.activationMs, 2)} ms)`, 'reported', undefined, m ? `whole \`extension.activate()\`: ${num(s.activateWallRatio, 1)} × (${ms(s.activateWallMs)} vs ${num(m.activateWallMs, 1)} ms); minimal: load ${num(m.moduleLoadMs, 2)} + activate ${num(m.activateCallMs, 2)} ms` : '');
  row('1 Start-up', 'AWS SDK bundle loaded at activation / after the first AWS call', `${s.sdkLoadedAfterActivation ? 'yes' : 'no'} / ${s.sdkLoadedAfterFirstAwsCall ? 'yes' : 'no'}`, 'no / yes', s.sdkLoadedAfterActivation === undefined ? undefined : !s.sdkLoadedAfterActivation && s.sdkLoadedAfterFirstAwsCall, `first AWS call (connect + first refresh): ${ms(s.firstAwsCallMs)}`);
}
const p = results.package;
if (p) {
  row('1 Start-up', '.vsix size', p.vsixBytes === undefined ? (p.error ?? '—') : `${(p.vsixBytes / 1048576).toFixed(2)} MiB`, '≤ 1.5 MiB', p.vsixBytes === undefined ? undefined : p.vsixBytes <= 1.5 * 1048576);
  for (const bundle of p.bundles ?? []) row('1 Start-up', `bundle \`${bundle.bundle}\` (release build)`, kib(bundle.bytes), 'reported', undefined);
}
const b = results.bigAccount;
if (b && !b.error) {
  const n = b.naive;
  row('2 Big account', `first paint of the endpoint list (${b.endpointsPainted} rows)`, ms(b.firstPaintMs), '≤ 1,000 ms', b.firstPaintMs <= 1000, n ? `naive: ${n.finished ? ms(n.firstPaintMs) : `not done after ${num(n.refreshSeconds)} s`}` : '');
  row('2 Big account', 'API calls before first paint', num(b.firstPaintCalls), '≤ 10', b.firstPaintCalls <= 10, n ? `naive: ${num(n.callsPerRefresh)}` : '');
  row('2 Big account', `copy and instance counts on screen (${b.screenRows} rows), after first paint`, b.screenShown ? ms(b.screenCountsMs) : 'not shown', '≤ 3,000 ms', b.screenShown && b.screenCountsMs <= 3000);
  row('2 Big account', `initial load (page of ${deps.endpointPageSize} endpoints + 1 expanded)`, `${ms(b.initialLoadMs)}, ${num(b.initialLoadCalls)} calls`, 'reported', undefined);
  row('2 Big account', `API calls a minute, view open, nothing changes (${b.quietSeconds} s measured; ${num(b.quietRequestsReceived)} requests received)`, `${num(b.quietCallsPerMinute, 1)} (+${num(b.reconcileCallsPerMinute, 1)} for the 5-minute re-list = ${num(b.quietCallsPerMinuteWithReconcile, 1)})`, '≤ 60', b.quietCallsPerMinuteWithReconcile <= 60, n ? `naive: ${num(n.callsPerMinute)} a minute (${num(n.callsPerRefresh)} calls a refresh, ${num(n.refreshSeconds, 1)} s each)` : '');
  row('2 Big account', `a change to a resource in transition shows (${b.transitionShown}/${b.transitionSamples}, worst)`, ms(b.transitionLatencyMaxMs), '≤ 5,000 ms', b.transitionShown === b.transitionSamples && b.transitionLatencyMaxMs <= 5000);
  row('2 Big account', 'throttling errors shown to the user (throttled requests, retried)', `${num(b.throttlingErrorsShown)} (${num(b.throttledRequests)} of ${num(b.requestsReceived)})`, '0', b.throttlingErrorsShown === 0, n ? `naive: ${num(n.throttlingErrorsShown)} (${num(n.throttledRequests)} of ${num(n.requestsReceived)})` : '');
} else if (b) row('2 Big account', 'run', b.error, '', false);
const c = results.coldStart;
if (c && !c.error) {
  row('3 Cold start', `first copy in service → held request's success (median of ${c.runs})`, c.heldRequestAvailable ? `${ms(c.heldAfterInServiceMedianMs)} (worst ${ms(c.heldAfterInServiceMaxMs)})` : 'pending: src/playground/coldStart not available', '≤ 1,000 ms', c.heldRequestAvailable ? c.heldAfterInServiceMedianMs <= 1000 : undefined, `notebook polling every 30 s: ${ms(c.notebookDelayMedianMs)}`);
  row('3 Cold start', 'API calls one wake spends (held request, wake now)', c.heldRequestAvailable ? num(c.heldCallsPerWakeMedian) : 'pending', 'reported', undefined, `notebook: ${num(c.notebookCallsPerWakeMedian)}`);
  row('3 Cold start', 'first copy in service → the tree shows Warm (median)', `${ms(c.treeWarmAfterInServiceMedianMs)}, ${num(c.treeCallsPerWakeMedian)} calls a wake`, 'reported', undefined);
} else if (c) row('3 Cold start', 'run', c.error, '', false);
const w = results.wakeNow;
if (w && !w.error) {
  row('3 Cold start', 'wake now: time saved against waiting for the alarm (account time, default timings)', w.available ? `${num(w.savedSeconds, 0)} s (${num(w.wakeNowSeconds, 0)} s vs ${num(w.alarmSeconds, 0)} s)` : 'pending', 'reported', undefined, w.available ? `calls: ${num(w.wakeNowCalls)} vs ${num(w.alarmCalls)}` : '');
}
const x = results.explain;
if (x && !x.error) {
  for (const result of x.results) {
    if (result.error) row('6 Explain', `${result.fault}: fault → explanation in the tree`, result.error, 'reported', false);
    else
      row(
        '6 Explain',
        `${result.fault}: fault → "Why: ${result.title}" held by the tree's inventory (refresh scheduler ${x.stableIntervalSeconds} s / ${x.transitionIntervalSeconds} s in transition)`,
        ms(result.latencyMs),
        `≤ ${x.stableIntervalSeconds + 5} s (one quiet refresh)`,
        result.latencyMs <= (x.stableIntervalSeconds + 5) * 1000,
        `FilterLogEvents for evidence: ${num(result.filterLogEvents)}; calls during the wake: ${Object.entries(result.callsDuringWake).map(([operation, count]) => `${operation} ${count}`).join(', ')}`,
      );
  }
} else if (x) row('6 Explain', 'run', x.error, '', false);
const t = results.throughput;
if (t && !t.error) {
  row('4 Emulator', `InvokeEndpoint a second, ${t.concurrency} clients (emulator / bare node:http)`, `${num(t.emulatorPerSecond)} / ${num(t.barePerSecond)} = ${num(t.ratio, 2)}`, 'ratio ≥ 0.5', t.ratio >= 0.5, `bare node:http: ${num(t.barePerSecond)}/s`);
  row('4 Emulator', `heap after ${num(t.memoryRequests)} requests (MiB at ${t.heap.map((sample) => num(sample.requests / 1000) + 'k').join(', ')})`, `${t.heap.map((sample) => num(sample.heapUsedMiB, 1)).join(' → ')}`, 'not growing without bound (levels off: 2nd-half growth ≤ ¼ of the 1st)', t.heapGrowthSecondHalfMiB <= Math.max(2, t.heapGrowthFirstHalfMiB / 4), `growth: ${num(t.heapGrowthFirstHalfMiB, 1)} MiB in the first half, ${num(t.heapGrowthSecondHalfMiB, 1)} MiB in the second`);
} else if (t) row('4 Emulator', 'run', t.error, '', false);
const logs = results.followedLogs;
if (logs && !logs.error) {
  const kibOf = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  for (const [name, run] of [['quiet (no new lines)', logs.quiet], ['busy (a new line every second)', logs.busy]]) {
    run.perMinute.forEach((minute, index) => {
      row('6 Logs view', `one followed view (one group), ${name}, minute ${index + 1}: FilterLogEvents calls / bytes sent / received`, `${num(minute.calls)} / ${kibOf(minute.bytesSent)} / ${kibOf(minute.bytesReceived)}`, 'reported', undefined, `${num(minute.linesDelivered)} new lines shown; reads every ${run.minIntervalSeconds} s while lines arrive, doubling to ${run.ceilingSeconds} s when quiet; an endpoint's view makes one call per group`);
    });
  }
} else if (logs) row('6 Logs view', 'run', logs.error, '', false);
const scan = results.regionScan;
if (scan && !scan.error) {
  const seconds = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
  const describeRun = (run) =>
    `${seconds(run.firstRegionMs)} / ${seconds(run.fullMs)} / ${num(run.calls)}${run.throttledRequests ? ` (${num(run.throttledRequests)} throttled)` : ''}`;
  for (const [name, run] of Object.entries(scan.runs)) {
    const [who, limits] = name.split(':');
    const label = `${limits === 'unlimited' ? `no rate limits, ${scan.latencyMs} ms latency` : `AWS-like rate limits per region, ${scan.latencyMs} ms latency`}`;
    if (who === 'scanner') {
      const naive = scan.runs[`naive:${limits}`];
      const naiveNote = naive ? `naive: ${describeRun(naive)}${naive.failure ? `, ${naive.failure}` : ''}` : '';
      row(
        '7 All regions',
        `scanner (${run.regionConcurrency} regions × ${run.callConcurrency} calls at once), ${label}: first region / full scan / calls`,
        describeRun(run),
        'no region fails',
        run.regionsFailed.length === 0,
        `${naiveNote}; found ${num(run.endpoints)} endpoints, ${num(run.runningInstances)} instances running, ${num(run.notScaleToZero)} not scaling to zero, ${num(run.idle)} idle, ≈ $${num(run.hourlyUsd, 2)}/h`,
      );
    }
  }
} else if (scan) row('7 All regions', 'run', scan.error, '', false);
const peer = results.peer;
if (peer?.motoMissing) row('5 Peer', 'the emulator beside moto_server', `left out: ${peer.motoMissing}`, 'reported', undefined);
else if (peer && !peer.error) {
  for (const [operation, byServer] of Object.entries(peer.latency.results)) {
    const ratio = peer.ratios[operation];
    row('5 Peer', `${operation} a second, ${peer.latency.concurrency} in flight (emulator / moto)`, `${num(byServer.emulator.perSecond)} / ${num(byServer.moto.perSecond)} = ${num(ratio.throughput, 1)} ×`, 'reported', undefined, `moto ${peer.moto.version ?? ''}`);
    row('5 Peer', `${operation} p50 / p99 (emulator vs moto)`, `${num(byServer.emulator.p50Ms, 2)} / ${num(byServer.emulator.p99Ms, 2)} ms vs ${num(byServer.moto.p50Ms, 2)} / ${num(byServer.moto.p99Ms, 2)} ms`, 'reported', undefined, `moto's are ${num(ratio.p50, 1)} × / ${num(ratio.p99, 1)} × longer`);
  }
  const tally = (t) => `${t.works} / ${t.notImplemented} / ${t.wrong}${t.invalidProbes ? ` (+${t.invalidProbes} invalid probes)` : ''}`;
  const check = peer.modelCheck;
  row('5 Peer', `scale-to-zero calls and behaviours (${peer.tally.emulator.probes}): works / not implemented / answers wrongly`, `emulator ${tally(peer.tally.emulator)}; moto ${tally(peer.tally.moto)}`, 'reported', undefined, check.skipped ? `requests not checked against the models: ${check.skipped}` : `${num(check.checked)} requests checked against botocore ${check.botocore}'s models: ${num(check.violations.length)} break them`);
} else if (peer) row('5 Peer', 'run', peer.error, '', false);

const markdown = `# Benchmark results

Run ${results.date} on ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}; the scenarios run (${Object.keys(results).filter((key) => !['date', 'machine', 'totalSeconds'].includes(key)).join(', ')}) in ${num(results.totalSeconds)} s.
Produced by \`npm run bench\` (bench/run.mjs); raw figures in [latest.json](latest.json).

| scenario | figure | measured | target | verdict | baseline (same run) |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

How to read it: every figure is measured in this run, never copied. Timings move with the machine's load;
counts (API calls, throttled requests) and ratios are what holds from one run to the next: start-up is
also given as a ratio to a minimal extension (bench/minimal-extension, whose activate() only registers
one command) loaded into the same extension host and timed the same way, right after ours. "API calls"
are the extension's own calls (AccountReader's counters); "requests received" are what the emulator
answered, retries included.
${peerMarkdown(results.peer)}`;
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
// latest.* hold a whole run: a `--only` run prints its figures and writes only its scenarios' own files below.
if (!only) {
  writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(root, 'bench', 'results', 'latest.md'), markdown);
}
if (results.explain) {
  // The fault → explanation figures also on their own (`--only explain` runs them alone).
  writeFileSync(join(root, 'bench', 'results', 'explain.json'), `${JSON.stringify({ date: results.date, machine: results.machine, explain: results.explain }, null, 2)}\n`);
  const explainRows = rows.filter((line) => line.startsWith('| 6 Explain'));
  writeFileSync(
    join(root, 'bench', 'results', 'explain.md'),
    `# Fault → explanation in the tree\n\nRun ${results.date} on ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, by \`npm run bench -- --only explain\` (bench/lib/explainFailures.cjs); raw figures in [explain.json](explain.json).\n\n| scenario | figure | measured | target | verdict | calls |\n| --- | --- | --- | --- | --- | --- |\n${explainRows.join('\n')}\n`,
  );
}
if (results.peer && !results.peer.motoMissing) {
  // The peer comparison also on its own, so a `--only peer` run leaves the other scenarios' figures be.
  writeFileSync(join(root, 'bench', 'results', 'moto.json'), `${JSON.stringify({ date: results.date, machine: results.machine, peer: results.peer }, null, 2)}\n`);
  writeFileSync(join(root, 'bench', 'results', 'moto.md'), `# The emulator beside moto_server\n\nRun ${results.date} on ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, by \`npm run bench\` (scenario 5, bench/lib/peerComparison.mjs; \`npm run bench -- --only peer\` runs it alone); raw figures in [moto.json](moto.json).\n${peerMarkdown(results.peer).replace(/^\n## [^\n]*\n/, '')}`);
}
if (results.followedLogs && !results.followedLogs.error) {
  // The followed logs view also on its own, so a `--only logs` run's figures have a file of their own.
  const logRows = rows.filter((line) => line.startsWith('| 6 Logs view'));
  writeFileSync(join(root, 'bench', 'results', 'logs.json'), `${JSON.stringify({ date: results.date, machine: results.machine, followedLogs: results.followedLogs }, null, 2)}\n`);
  writeFileSync(join(root, 'bench', 'results', 'logs.md'), `# A followed logs view: calls and bytes a minute\n\nRun ${results.date} on ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, by \`npm run bench -- --only logs\` (bench/lib/followedLogs.cjs); raw figures in [logs.json](logs.json).\nOne view follows one inference component's log group on the emulator (time scale ${results.followedLogs.timeScale}, the follower's waits scaled alike, so each minute is a minute of the view's time). Bytes are on the wire, headers and signatures included.\n\n| scenario | figure | measured | target | verdict | notes |\n| --- | --- | --- | --- | --- | --- |\n${logRows.join('\n')}\n`);
}
if (results.regionScan && !results.regionScan.error) {
  // The all-regions scan also on its own (`--only regions` runs it alone).
  const scanRows = rows.filter((line) => line.startsWith('| 7 All regions'));
  const scanResult = results.regionScan;
  const operations = (run) => Object.entries(run?.byOperation ?? {}).map(([operation, count]) => `${operation} ${num(count)}`).join(', ');
  const byOperation = Object.entries(scanResult.runs)
    .filter(([name]) => name.includes(':'))
    .map(([name, run]) => `| ${name} | ${operations(run)} |`)
    .join('\n');
  writeFileSync(join(root, 'bench', 'results', 'regions.json'), `${JSON.stringify({ date: results.date, machine: results.machine, regionScan: scanResult }, null, 2)}\n`);
  writeFileSync(
    join(root, 'bench', 'results', 'regions.md'),
    `# All regions at a glance: the scan at 17 regions and 2,000 endpoints\n\nRun ${results.date} on ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, by \`npm run bench -- --only regions\` (bench/lib/regionScan.cjs); raw figures in [regions.json](regions.json).\n` +
      `The emulator serves the 17 regions AWS enables for every account, seeded with ${num(scanResult.endpoints)} endpoints (${scanResult.componentsPerEndpoint} inference components each on average; every 3rd asleep, every 5th always on, every 4th without a request in 30 days). ` +
      `The scanner (src/regions/scan) reads ${scanResult.regionConcurrency} regions at once with ${scanResult.callConcurrency} calls in flight per region; the naive scan reads the regions in sequence, one call at a time, one call per question. ` +
      `Every answer comes ${scanResult.latencyMs} ms late (an emulator fault), as AWS's do from afar; the naive scan stops after ${num(scanResult.naiveTimeoutMs / 1000)} s (and reports how far it got). "AWS-like rate limits" is an emulator fault throttling each operation per region (${Object.entries(scanResult.rateLimits).map(([operation, rate]) => `${operation} ${rate}/s`).join(', ')}); the SDK's adaptive retry absorbs the throttling.\n\n` +
      `| scenario | figure | measured (first region / full scan / calls) | target | verdict | naive scan (same run), what the scanner found |\n| --- | --- | --- | --- | --- | --- |\n${scanRows.join('\n')}\n\n## Calls by operation\n\n| run | calls |\n| --- | --- |\n${byOperation}\n`,
  );
}
console.log(`\n${markdown}`);
log('done');
process.exit(0);

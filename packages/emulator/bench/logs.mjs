// `npm run bench:logs` in this package: how fast the emulator's CloudWatch Logs store takes events, and
// how long FilterLogEvents takes over a group of 10,000 events through the real AWS SDK over HTTP (the
// whole group in one page, a filter pattern matching 1 %, and a follow-mode poll of the last minute).
// Runs on the transpiled sources (node esbuild.mjs --tests builds out/), on loopback only.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { startEmulator } = require(join(here, '..', 'out', 'src', 'server.js'));
const { CloudWatchLogsClient, FilterLogEventsCommand } = require('@aws-sdk/client-cloudwatch-logs');

const credentials = { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' };
const start = Date.UTC(2025, 0, 1);
const emulator = await startEmulator({ timeScale: 0, scenario: 'empty', credentials, startTime: start });
const store = emulator.emulator.logStore;

// 1. The store's intake: 200,000 events over 20 streams (each keeps its newest 10,000).
const intakeEvents = 200_000;
const streams = Array.from({ length: 20 }, (_, index) => store.ensureStream('/bench/intake', `AllTraffic/i-${index}/copy-${index}`, start));
let began = performance.now();
for (let index = 0; index < intakeEvents; index++) store.put(streams[index % streams.length], start + index, `INFO "POST /invocations HTTP/1.1" 200 OK ${index}`);
const intakeSeconds = (performance.now() - began) / 1000;
console.log(`[bench] store intake: ${intakeEvents} events in ${intakeSeconds.toFixed(2)} s = ${Math.round(intakeEvents / intakeSeconds)} events/s (cap ${streams[0].events.length} a stream)`);

// 2. FilterLogEvents over 10,000 events (10 streams of 1,000, one a second).
const group = '/aws/sagemaker/InferenceComponents/bench';
for (let stream = 0; stream < 10; stream++) {
  const record = store.ensureStream(group, `AllTraffic/i-${stream}/copy-${stream}`, start);
  for (let index = 0; index < 1000; index++) {
    const message = index % 100 === 0 ? 'ERROR torch.OutOfMemoryError: CUDA out of memory' : `INFO "POST /invocations HTTP/1.1" 200 OK ${index}`;
    store.put(record, start + index * 1000 + stream, message);
  }
}
emulator.advance(1100);
const logs = new CloudWatchLogsClient({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
async function measure(label, input, runs = 30) {
  const times = [];
  let count = 0;
  for (let run = 0; run < runs; run++) {
    began = performance.now();
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group, ...input }));
    times.push(performance.now() - began);
    count = page.events.length;
  }
  times.sort((a, b) => a - b);
  console.log(`[bench] FilterLogEvents ${label}: ${count} events, median ${times[Math.floor(runs / 2)].toFixed(1)} ms, p95 ${times[Math.floor(runs * 0.95)].toFixed(1)} ms`);
}
await measure('whole group (10,000 events, one page)', { limit: 10_000 });
await measure('filter pattern "ERROR memory" (100 of 10,000)', { filterPattern: 'ERROR memory' });
await measure('follow poll (last 60 s)', { startTime: start + 1000 * 1000 - 60_000 });
logs.destroy();
await emulator.close();

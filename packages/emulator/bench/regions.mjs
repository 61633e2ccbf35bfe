// `npm run bench:regions` in this package (issue 20): an emulator serving the 17 regions AWS enables by
// default, seeded with 2,006 endpoints (118 a region, each with an inference component; a mix of
// scale-to-zero and always-on, some idle for 14 days), then:
//   - how long the seeds take;
//   - GetMetricData with 500 queries (one day a period over 14 days) in one region;
//   - the CPU the idle emulator uses over 30 s of real time at time scale 1 (every partition's alarm
//     engine ticks every 10 s on the shared clock; S2Z_BENCH_TIME_SCALE=30 as in VS Code, S2Z_BENCH_IDLE_SECONDS).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { startEmulator } = require(join(here, '..', 'dist', 'index.js'));
const { CloudWatchClient, GetMetricDataCommand } = require('@aws-sdk/client-cloudwatch');

const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1'];
const perRegion = 118;
const idleSeconds = Number(process.env.S2Z_BENCH_IDLE_SECONDS ?? 30);
const idleTimeScale = Number(process.env.S2Z_BENCH_TIME_SCALE ?? 1);
const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

const emulator = await startEmulator({ timeScale: 0, scenario: 'empty', credentials });
const seedStart = performance.now();
let endpoints = 0;
for (const region of regions) {
  const seeded = emulator.seed({ region, endpoints: perRegion, inferenceComponents: perRegion, prefix: region.replace(/-/g, ''), coldEvery: 3, alwaysOnEvery: 5, createdDaysAgo: 30, idleEvery: 4, scalableTargets: true });
  endpoints += seeded.endpoints.length;
}
const seedMs = performance.now() - seedStart;
console.log(`seeded ${endpoints} endpoints with ${endpoints} inference components in ${regions.length} regions in ${(seedMs / 1000).toFixed(2)} s`);

const cloudwatch = new CloudWatchClient({ endpoint: emulator.url, region: 'eu-west-1', credentials, maxAttempts: 1 });
const prefix = 'euwest1';
const queries = [];
for (let index = 1; index <= perRegion && queries.length < 500; index++) {
  const number = String(index).padStart(4, '0');
  queries.push({ Id: `ep${index}`, MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: `${prefix}-ep-${number}` }, { Name: 'VariantName', Value: 'AllTraffic' }] }, Period: 86_400, Stat: 'Sum' } });
  queries.push({ Id: `ic${index}`, MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'InferenceComponentName', Value: `${prefix}-ic-${number}` }] }, Period: 86_400, Stat: 'Sum' } });
}
while (queries.length < 500) queries.push({ ...queries[queries.length % (2 * perRegion)], Id: `again${queries.length}` });
const now = emulator.now();
const timings = [];
let withData = 0;
for (let round = 0; round < 5; round++) {
  const started = performance.now();
  const answer = await cloudwatch.send(new GetMetricDataCommand({ StartTime: new Date(now - 14 * 86_400_000), EndTime: new Date(now), MetricDataQueries: queries }));
  timings.push(performance.now() - started);
  withData = answer.MetricDataResults.filter((result) => result.Values.some((value) => value > 0)).length;
}
console.log(`GetMetricData, 500 queries × 14 daily periods: ${timings.map((ms) => ms.toFixed(0)).join(', ')} ms (${withData} of 500 results with requests)`);
cloudwatch.destroy();

emulator.setTimeScale(idleTimeScale);
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
const cpu = process.cpuUsage(cpuBefore);
const wall = performance.now() - wallBefore;
console.log(`idle for ${(wall / 1000).toFixed(1)} s at time scale ${idleTimeScale} with ${emulator.regions().length} regions: CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(2)} % of one core)`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
await emulator.close();

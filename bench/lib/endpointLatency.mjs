// The peer comparison's speed half: the same account seeded in two servers through the SDK, then
// DescribeEndpoint and ListEndpoints sent to each by the same kind of client at the same concurrency.
// Warm-up requests are sent and thrown away; the measured requests are split into rounds that alternate
// between the servers (which one goes first alternates too), so both see the same machine.
import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, DescribeEndpointCommand, ListEndpointsCommand } from '@aws-sdk/client-sagemaker';

const role = 'arn:aws:iam::123456789012:role/peer-bench-sagemaker';

/**
 * N endpoints, each with its own model and endpoint config (one variant, one ml.m5.xlarge instance: an
 * instance type both servers accept). Returns the endpoint names.
 */
export async function seedEndpoints(clients, count) {
  const names = [];
  for (let index = 0; index < count; index++) {
    const name = `peer-bench-${String(index).padStart(3, '0')}`;
    await clients.sageMaker.send(new CreateModelCommand({ ModelName: `${name}-model`, PrimaryContainer: { Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:latest' }, ExecutionRoleArn: role }));
    await clients.sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: `${name}-config`,
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: `${name}-model`, InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 1 }],
      }),
    );
    await clients.sageMaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-config` }));
    names.push(name);
  }
  return names;
}

/** The operations measured: one request each, given the seeded names and the request's index. */
export function latencyOperations(names, pageSize) {
  return {
    DescribeEndpoint: (clients, index) => clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: names[index % names.length] })),
    ListEndpoints: (clients) => clients.sageMaker.send(new ListEndpointsCommand({ MaxResults: pageSize })),
  };
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Sends `requests` requests with `concurrency` in flight; stops early at `deadline` (performance.now()). */
async function load(send, { requests, concurrency, deadline = Infinity }) {
  const latencies = [];
  const failures = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests && performance.now() < deadline) {
        const index = next++;
        const sent = performance.now();
        try {
          await send(index);
          latencies.push(performance.now() - sent);
        } catch (error) {
          const name = error instanceof Error ? error.name : String(error);
          failures.set(name, (failures.get(name) ?? 0) + 1);
        }
      }
    }),
  );
  return { latencies, failures, seconds: (performance.now() - started) / 1000 };
}

function summarize(runs) {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((total, run) => total + run.seconds, 0);
  const failures = {};
  for (const run of runs) for (const [name, count] of run.failures) failures[name] = (failures[name] ?? 0) + count;
  const failed = Object.values(failures).reduce((total, count) => total + count, 0);
  return {
    requests: latencies.length + failed,
    succeeded: latencies.length,
    failed,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1),
  };
}

/**
 * Measures each operation on each server. `servers`: { name: clients }. Per operation and server:
 * `warmup` requests (not counted), then `rounds` rounds of `requests / rounds`, alternating servers.
 * A round that runs past `roundSeconds` stops there (the figures say how many were sent).
 */
export async function measureLatency(servers, operations, { concurrency = 8, warmup = 300, requests = 4000, rounds = 4, roundSeconds = 20, log = () => undefined } = {}) {
  const results = {};
  const serverNames = Object.keys(servers);
  for (const [operation, send] of Object.entries(operations)) {
    results[operation] = {};
    const runs = Object.fromEntries(serverNames.map((name) => [name, []]));
    for (const name of serverNames) await load((index) => send(servers[name], index), { requests: warmup, concurrency, deadline: performance.now() + roundSeconds * 1000 });
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? serverNames : [...serverNames].reverse();
      for (const name of order) {
        runs[name].push(await load((index) => send(servers[name], index), { requests: Math.ceil(requests / rounds), concurrency, deadline: performance.now() + roundSeconds * 1000 }));
      }
    }
    for (const name of serverNames) results[operation][name] = summarize(runs[name]);
    log(`${operation}: ${serverNames.map((name) => `${name} ${results[operation][name].perSecond.toFixed(0)}/s p50 ${results[operation][name].p50Ms?.toFixed(2)} ms p99 ${results[operation][name].p99Ms?.toFixed(2)} ms`).join(', ')}`);
  }
  return { concurrency, warmup, requestsPerServer: requests, rounds, results };
}

// Throughput (the root bench's scenario 4): non-streaming InvokeEndpoint over loopback, 16 concurrent clients, against the emulator
// and against a bare node:http server answering the same requests, each in its own process; then the
// emulator's heap over 100,000 requests.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const serverScript = fileURLToPath(new URL('./server.cjs', import.meta.url));

/** Starts server.cjs in its own process (`options`: the emulator's, as JSON); resolves when it listens. */
export function startServer(kind, depsPath, options) {
  const child = fork(serverScript, [kind, depsPath ?? '', ...(options ? [JSON.stringify(options)] : [])], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = [];
  child.on('message', (message) => waiters.shift()?.(message));
  const next = () => new Promise((resolve) => waiters.push(resolve));
  return next().then(({ port }) => ({
    port,
    memory: () => {
      const answer = next();
      child.send({ memory: true });
      return answer.then((message) => message.memory);
    },
    stop: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  }));
}

const body = JSON.stringify({ inputs: 'Hello', parameters: { max_new_tokens: 4 } });
/**
 * A well-formed SigV4 request (the emulator runs without credentials, so a zeroed signature passes),
 * dated now: the emulator refuses a date more than 15 minutes from real time. Renewed every second.
 */
let dated = { second: -1, headers: {} };
function headersNow() {
  const second = Math.floor(Date.now() / 1000);
  if (dated.second !== second) {
    const amzDate = new Date(second * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
    dated = {
      second,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-amzn-sagemaker-inference-component': 'demo-llama3-8b',
        'x-amz-date': amzDate,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDLOCALEMULATOR/${amzDate.slice(0, 8)}/us-east-1/sagemaker/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
    };
  }
  return dated.headers;
}

/** Sends `count` requests with `concurrency` clients on keep-alive connections; returns requests per second. */
async function load(port, count, concurrency, onProgress) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let sent = 0;
  let failed = 0;
  const one = () =>
    new Promise((resolve) => {
      const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/endpoints/demo-scale-to-zero/invocations', headers: headersNow(), agent }, (response) => {
        if (response.statusCode !== 200) failed++;
        response.resume();
        response.on('end', resolve);
      });
      request.on('error', () => {
        failed++;
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < count) {
        const mine = ++sent;
        await one();
        if (onProgress && mine % 10_000 === 0) await onProgress(mine);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: count, failed, seconds, perSecond: count / seconds };
}

export async function runThroughput(depsPath, options = {}) {
  const concurrency = options.concurrency ?? 16;
  const measured = options.requests ?? 20_000;
  const memoryRequests = options.memoryRequests ?? 100_000;
  const log = options.log ?? (() => undefined);
  const bare = await startServer('bare');
  const emulator = await startServer('emulator', depsPath);
  try {
    // Warm both up, then alternate measurements so both see the same machine.
    await load(bare.port, 2000, concurrency);
    await load(emulator.port, 2000, concurrency);
    const bareRuns = [];
    const emulatorRuns = [];
    for (let round = 0; round < 2; round++) {
      bareRuns.push(await load(bare.port, measured / 2, concurrency));
      emulatorRuns.push(await load(emulator.port, measured / 2, concurrency));
    }
    const rate = (runs) => runs.reduce((total, run) => total + run.requests, 0) / runs.reduce((total, run) => total + run.seconds, 0);
    const bareRate = rate(bareRuns);
    const emulatorRate = rate(emulatorRuns);
    log(`throughput: emulator ${emulatorRate.toFixed(0)}/s, bare ${bareRate.toFixed(0)}/s; memory over ${memoryRequests} requests`);

    const heap = [{ requests: 0, heapUsedMiB: (await emulator.memory()).heapUsed / 1048576 }];
    const memoryRun = await load(emulator.port, memoryRequests, concurrency, async (sent) => {
      if (sent % 20_000 === 0) heap.push({ requests: sent, heapUsedMiB: (await emulator.memory()).heapUsed / 1048576 });
    });
    heap.push({ requests: memoryRequests, heapUsedMiB: (await emulator.memory()).heapUsed / 1048576 });
    const last = heap.at(-1).heapUsedMiB;
    const middle = heap.find((sample) => sample.requests >= memoryRequests / 2).heapUsedMiB;
    return {
      concurrency,
      emulatorPerSecond: emulatorRate,
      barePerSecond: bareRate,
      ratio: emulatorRate / bareRate,
      failed: emulatorRuns.reduce((total, run) => total + run.failed, 0) + memoryRun.failed,
      memoryRequests,
      heap,
      heapGrowthFirstHalfMiB: middle - heap[0].heapUsedMiB,
      heapGrowthSecondHalfMiB: last - middle,
      heapGrowthTotalMiB: last - heap[0].heapUsedMiB,
    };
  } finally {
    await bare.stop();
    await emulator.stop();
  }
}

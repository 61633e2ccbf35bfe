// Issue 19, item 5: what one followed logs view costs a minute, in FilterLogEvents calls and bytes on
// the wire (requests and answers, headers included), quiet (no new lines) and busy (an invocation a
// second, so a new access line every second). The view's follower (src/logs/logFollower.ts) runs with
// its real backoff on one inference component's group against the emulator; its logs client goes
// through a counting TCP proxy, the invocations straight to the emulator. To keep the run short the
// emulator runs at time scale 10 and the follower's timer waits a tenth of each wait: one minute of
// the view's time is 6 s of real time, with the same reads as a real minute.
const net = require('node:net');

const scale = 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP proxy to `port` that counts the bytes each way. The emulator answers only requests addressed
 * to itself (a Host header check), so the proxy's own address in the Host header is rewritten; the
 * counts are of what the client sent and received.
 */
async function countingProxy(port) {
  const counts = { sent: 0, received: 0 };
  let ownHost = '';
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    client.on('data', (chunk) => {
      counts.sent += chunk.length;
      upstream.write(Buffer.from(chunk.toString('latin1').split(ownHost).join(`127.0.0.1:${port}`), 'latin1'));
    });
    upstream.on('data', (chunk) => {
      counts.received += chunk.length;
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  ownHost = `127.0.0.1:${server.address().port}`;
  return { counts, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function filterCalls(emulatorUrl) {
  const snapshot = await (await fetch(`${emulatorUrl}/__emulator/requests`)).json();
  return snapshot.requests.FilterLogEvents ?? 0;
}

/** One followed view for `minutes` minutes of its time; `busy` invokes the component every second of account time meanwhile. */
async function followFor(deps, { busy, minutes }) {
  const emulator = await deps.startEmulator({ timeScale: scale, scenario: 'demo', timings: { tokenLatencyMs: 0 } });
  const proxy = await countingProxy(Number(new URL(emulator.url).port));
  const direct = await deps.createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  const viaProxy = await deps.createClients({ kind: 'localEmulator', endpoint: proxy.url, region: 'us-east-1' });
  const target = { kind: 'inferenceComponent', name: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' };
  const groups = deps.logGroupsOf(target);
  let delivered = 0;
  const perMinute = [];
  const timer = { setTimeout: (callback, ms) => setTimeout(callback, ms / scale), clearTimeout: (handle) => clearTimeout(handle) };
  const follower = new deps.LogFollower({ api: deps.sdkLogsApi(viaProxy), groups: () => groups, now: () => emulator.now(), timer, since: emulator.now(), deliver: (lines) => (delivered += lines.length) });
  let invoking = busy;
  const invocations = (async () => {
    let sent = 0;
    while (invoking) {
      await direct.runtime.send(new deps.InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: 'demo-llama3-8b', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hello', parameters: { max_new_tokens: 4 } }) }));
      sent += 1;
      await sleep(1000 / scale);
    }
    return sent;
  })();
  try {
    follower.start();
    for (let minute = 0; minute < minutes; minute++) {
      const before = { calls: await filterCalls(emulator.url), sent: proxy.counts.sent, received: proxy.counts.received, delivered };
      await sleep(60_000 / scale);
      perMinute.push({
        calls: (await filterCalls(emulator.url)) - before.calls,
        bytesSent: proxy.counts.sent - before.sent,
        bytesReceived: proxy.counts.received - before.received,
        linesDelivered: delivered - before.delivered,
      });
    }
  } finally {
    follower.stop();
    invoking = false;
    await invocations;
    direct.destroy();
    viaProxy.destroy();
    await proxy.close();
    await emulator.close();
  }
  return { perMinute, ceilingSeconds: 30, minIntervalSeconds: 2 };
}

async function runFollowedLogs(deps, options = {}) {
  const minutes = options.minutes ?? 3;
  options.log?.('followed logs view: quiet');
  const quiet = await followFor(deps, { busy: false, minutes });
  options.log?.('followed logs view: busy (an invocation a second)');
  const busy = await followFor(deps, { busy: true, minutes });
  return { timeScale: scale, minutes, quiet, busy };
}

module.exports = { runFollowedLogs };

// A server for the benchmarks, in its own process: `node --expose-gc server.cjs emulator <deps bundle> [options JSON]`
// or `node --expose-gc server.cjs bare`. Tells its port over IPC and answers {memory: true} with the heap
// after a full collection. The emulator's options default to the throughput scenario's (the demo account,
// real time, no token latency); the root bench's peer comparison passes its own (an empty, frozen account).
const http = require('node:http');

async function main() {
  const [kind, depsPath, optionsJson] = process.argv.slice(2);
  let port;
  if (kind === 'emulator') {
    const deps = require(depsPath);
    const options = optionsJson ? JSON.parse(optionsJson) : { timeScale: 1, scenario: 'demo', timings: { tokenLatencyMs: 0 } };
    const emulator = await deps.startEmulator(options);
    port = emulator.port;
  } else {
    // The same answer the demo model gives, with no emulation behind it.
    const server = http.createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const bytes = Buffer.from(JSON.stringify([{ generated_text: `${input.inputs} world` }]));
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length, 'x-Amzn-Invoked-Production-Variant': 'AllTraffic' });
        response.end(bytes);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  }
  process.on('message', (message) => {
    if (message?.memory) {
      global.gc?.();
      process.send({ memory: process.memoryUsage() });
    }
  });
  process.send({ port });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

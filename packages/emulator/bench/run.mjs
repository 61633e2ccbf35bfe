// `npm run bench` in this package: the emulator's throughput beside a bare node:http server answering the
// same requests (16 clients, each server in its own process), then its heap over 100,000 requests.
// The root project's `npm run bench` runs the same measurement as its scenario 4.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runThroughput } from './throughput.mjs';

const library = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');
const result = await runThroughput(library, { log: (message) => console.log(`[bench] ${message}`) });
console.log(`InvokeEndpoint a second: emulator ${result.emulatorPerSecond.toFixed(0)}, bare node:http ${result.barePerSecond.toFixed(0)} (ratio ${result.ratio.toFixed(2)})`);
console.log(`heap MiB: ${result.heap.map((sample) => sample.heapUsedMiB.toFixed(1)).join(' → ')}; failed requests: ${result.failed}`);

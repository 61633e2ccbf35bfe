// moto_server (https://github.com/getmoto/moto, `pip install "moto[server]"`), started for the peer
// comparison on a free loopback port, as developers run it: `moto_server -H 127.0.0.1 -p <port>`.
// Its standard error (Werkzeug's request log and the tracebacks of the operations moto lacks) is kept
// while a probe records it, so the probe can say what moto itself reported.
const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on now (the kernel's pick, released at once). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** moto's version as the Python that has it reports it (moto_server prints none), or undefined. */
function motoVersion(command) {
  // moto_server is a Python console script: its first line names the interpreter that imports moto.
  const shebang = spawnSync('sh', ['-c', `head -n 1 "$(command -v ${command})"`], { encoding: 'utf8' }).stdout ?? '';
  const python = shebang.startsWith('#!') && !shebang.includes('bash') && !shebang.includes('/sh') ? shebang.slice(2).trim().split(/\s+/)[0] : 'python3';
  const answer = spawnSync(python, ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8' });
  return answer.status === 0 ? answer.stdout.trim() : undefined;
}

/**
 * Starts moto_server. Resolves to `{ missing: why }` when it is not installed (the comparison is then
 * left out and says so), or to the running server: `{ url, port, version, capture(), stop() }`.
 * `capture()` starts keeping its log lines and returns a function that stops and returns them.
 */
async function startMotoServer({ command = 'moto_server', startTimeoutMs = 30_000 } = {}) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0) return { missing: `${command} is not installed (not on PATH). Install it with: pip install "moto[server]"` };
  const port = await freePort();
  const child = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  let spawnError;
  child.once('error', (error) => {
    spawnError = error;
  });
  let kept;
  let startLog = '';
  let lastOutputAt = performance.now();
  /** Whole lines from one stream (a chunk may end mid-line). */
  const lineReader = () => {
    let partial = '';
    return (chunk) => {
      lastOutputAt = performance.now();
      const text = partial + chunk.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      if (kept) kept.push(...lines.filter((line) => line.trim() !== ''));
      else if (startLog.length < 4000) startLog += text;
    };
  };
  child.stdout.on('data', lineReader());
  child.stderr.on('data', lineReader());
  const deadline = performance.now() + startTimeoutMs;
  while (!(await accepts(port))) {
    if (spawnError) return { missing: `${command} could not be started: ${spawnError.message}` };
    if (exited) return { missing: `${command} exited at start (code ${exited.code}): ${startLog.trim().split('\n').slice(-3).join(' | ')}` };
    if (performance.now() > deadline) {
      child.kill('SIGTERM');
      return { missing: `${command} did not accept connections on 127.0.0.1:${port} within ${startTimeoutMs / 1000} s` };
    }
    await sleep(100);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    version: motoVersion(command),
    capture() {
      kept = [];
      return async () => {
        // moto logs after it answers (a traceback after the 500): wait until it has been quiet for
        // 150 ms, 2 s at most.
        const deadline = performance.now() + 2000;
        do await sleep(30);
        while (performance.now() - lastOutputAt < 150 && performance.now() < deadline);
        const lines = kept;
        kept = undefined;
        return lines;
      };
    },
    /** Empties moto's account (its own reset API), as a fresh start would. */
    async reset() {
      const response = await fetch(`http://127.0.0.1:${port}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto_server's reset answered ${response.status}`);
    },
    stop() {
      if (exited) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    },
  };
}

module.exports = { startMotoServer, freePort };

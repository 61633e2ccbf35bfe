// The tools the scripts need, installed when missing so that `npm start` and `npm test` work on a
// fresh machine with no other step: node_modules, code-server 4.100.3 (VS Code 1.100.3) and Chromium.
// Uses only Node's built-in modules: it runs before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
/** Installed tools live outside the clone, so every clone (and CI's fresh one) reuses them. */
export const toolsDir = process.env.S2Z_TOOLS_DIR || join(homedir(), '.cache', 'sagemaker-scale-to-zero');
export const codeServerDir = join(toolsDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export function log(message) {
  console.log(`[setup] ${message}`);
}

/** Runs a command with inherited output; rejects with a one-line message when it fails. */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, ...options });
    child.on('error', (error) => reject(new Error(`${command} could not start: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
export async function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies (npm ci)');
  await run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** apt-get runs one at a time (dpkg takes a lock): installs asked for together queue here. */
let aptQueue = Promise.resolve();

/** Installs Debian packages (as root, or through sudo -n), one apt-get run after another. */
function ensureDebianPackages(packages) {
  const run = aptQueue.then(() => installDebianPackages(packages));
  aptQueue = run.catch(() => undefined);
  return run;
}

async function installDebianPackages(packages) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!asRoot && !commandExists('sudo')) {
    throw new Error(`Missing Debian packages (${packages.join(', ')}). Install them with: sudo apt-get install ${packages.join(' ')}`);
  }
  const apt = (args) => {
    const [command, ...rest] = [...(asRoot ? [] : ['sudo', '-n']), 'apt-get', ...args];
    return run(command, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  log(`installing Debian packages: ${packages.join(' ')}`);
  await apt(['update', '-qq']);
  await apt(['install', '-y', '-qq', ...packages]);
}

/**
 * Python 3 with botocore and boto3, and the AWS CLI: AWS's service models (botocore's data/ folder,
 * the contract tests' oracle, never copied into the repository) and AWS's own clients, which the
 * tests run against the emulator. Installs Debian's packages when they are missing.
 */
export async function ensurePythonAws() {
  const importsAws = () => spawnSync('python3', ['-c', 'import boto3, botocore'], { stdio: 'ignore' }).status === 0;
  const needed = [];
  if (!commandExists('python3') || !importsAws()) needed.push('python3', 'python3-boto3', 'python3-botocore');
  if (!commandExists('aws')) needed.push('awscli');
  if (needed.length > 0) await ensureDebianPackages(needed);
  if (!importsAws()) {
    throw new Error('The contract tests need botocore and boto3 for the python3 on PATH, which still cannot import them: pip install boto3 (or put /usr/bin/python3 first on PATH).');
  }
  if (!commandExists('aws')) throw new Error('The AWS CLI (aws) is still missing: sudo apt-get install awscli, or pip install awscli.');
}

export const chromiumPath = process.env.S2Z_CHROMIUM || '/usr/bin/chromium';

/** Debian's Chromium, for playwright-core (its own browser download cannot work here). */
export async function ensureChromium() {
  if (existsSync(chromiumPath)) return chromiumPath;
  await ensureDebianPackages(['chromium', 'fonts-dejavu-core']);
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is still missing at ${chromiumPath}.`);
  return chromiumPath;
}

/** code-server 4.100.3, installed offline into the tools folder by scripts/tools/install-code-server.sh. */
export async function ensureCodeServer() {
  if (existsSync(join(codeServerDir, '.complete'))) return codeServerEntry;
  const needed = [];
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) needed.push('libkrb5-dev');
  if (!commandExists('rg')) needed.push('ripgrep');
  if (!commandExists('make') || !commandExists('g++')) needed.push('build-essential');
  if (needed.length > 0) await ensureDebianPackages(needed);
  await run('bash', [join(root, 'scripts', 'tools', 'install-code-server.sh'), codeServerDir]);
  return codeServerEntry;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

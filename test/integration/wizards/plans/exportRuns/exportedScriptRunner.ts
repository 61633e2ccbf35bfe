import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportPlan } from '../../../../../src/wizards/plans/exporters/planExport';
import { type Plan } from '../../../../../src/wizards/plans/plan';

/** The repository's root (tests run from out/, the Python helpers live beside the sources). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** This folder in the sources: run_boto3_script.py, virtual_clock.py, and bin/ with the recording `aws` and `sleep`. */
export const helpersDir = join(repositoryRoot(), 'test', 'integration', 'wizards', 'plans', 'exportRuns');

/**
 * The Python that runs `python3` here, resolved once: a version manager's `python3` (pyenv's shim) costs
 * half a second per start, and the AWS CLI script starts Python for every command.
 */
let python: string | undefined;
export function pythonExecutable(): string {
  if (python) return python;
  const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  assert.equal(found.status, 0, `python3 is needed for this test and is missing: ${found.error?.message ?? found.stderr}`);
  python = found.stdout.trim();
  return python;
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** The emulator's credentials and region, no user configuration, no retries: the script sees only the emulator. */
export function emulatorEnvironment(endpointUrl: string, home: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  return {
    ...inherited,
    HOME: home,
    AWS_ENDPOINT_URL: endpointUrl,
    AWS_ACCESS_KEY_ID: 'AKIDLOCALEMULATOR',
    AWS_SECRET_ACCESS_KEY: 'local-emulator-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
}

/** Runs a command asynchronously: the emulator answers from this process's event loop. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ScriptRun> {
  const started = Date.now();
  return new Promise((done) => {
    execFile(command, args, { env, cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      assert.ok(!(error && 'code' in error && error.code === 'ENOENT'), `${command} is needed for this test and is missing: install it`);
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      done({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/**
 * Exports the plan as the review page's "Export as boto3" does (secrets included, as the user can ask,
 * so that the script sends what the runner sends) and runs it with python3 and the real boto3 against
 * the emulator, its sleeps moving the emulator's clock.
 */
export async function runBoto3Export(plan: Plan, endpointUrl: string, dir: string): Promise<ScriptRun> {
  const script = join(dir, 'plan.py');
  writeFileSync(script, exportPlan(plan, 'exportBoto3', { includeSecrets: true }).content);
  const result = await run(pythonExecutable(), [join(helpersDir, 'run_boto3_script.py'), script], emulatorEnvironment(endpointUrl, dir), dir);
  assert.ok(!/No module named '(boto3|botocore)'/.test(result.stderr), 'python3 with boto3 is needed for this test: pip install boto3');
  return result;
}

/** One API call the AWS CLI made, as its driver parsed the command line. */
export interface CliCall {
  service: string;
  operation: string;
  params: Record<string, unknown>;
  argv: string[];
}

/**
 * Exports the plan as AWS CLI commands and runs the script with a strict POSIX shell (dash, Debian's sh) and
 * the real AWS CLI against the emulator: `aws` on PATH is awscli's own driver recording each call's
 * operation and parameters, `sleep` moves the emulator's clock. Returns the run and the calls made.
 */
export async function runCliExport(plan: Plan, endpointUrl: string, dir: string): Promise<ScriptRun & { calls: CliCall[]; script: string }> {
  const script = join(dir, 'plan.sh');
  const record = join(dir, 'cli-calls.jsonl');
  writeFileSync(script, exportPlan(plan, 'exportCli', { includeSecrets: true }).content);
  writeFileSync(record, '');
  const env = { ...emulatorEnvironment(endpointUrl, dir), PATH: `${join(helpersDir, 'bin')}:${process.env.PATH ?? ''}`, S2Z_CLI_RECORD: record, S2Z_PYTHON: pythonExecutable() };
  const result = await run('dash', [script], env, dir);
  assert.ok(!/No module named '?awscli/.test(result.stderr), 'the AWS CLI (pip install awscli) is needed for this test');
  const calls = readFileSync(record, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as CliCall);
  return { ...result, calls, script };
}

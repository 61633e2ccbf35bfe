// Copy as Code's generated clients, run as a user runs them, against the emulator through a real cold
// start: the Python program with python3 and the real boto3, the TypeScript program compiled by esbuild
// and run by node (its @aws-sdk/* imports resolved from this repository's node_modules), the AWS CLI
// command with the machine's `aws` in a POSIX shell. Each child sees only AWS_ENDPOINT_URL and the
// emulator's fixed credentials. The emulator runs 60 times faster than real time, so a wake (about four
// account minutes) takes a few real seconds: a deadline shorter than it stops cleanly, a longer one answers.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild/lib/main.js';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { emulatorCredentials } from '../../../src/aws/connection';
import { type CodeRequest } from '../../../src/playground/copyAsCode/codeRequest';
import { generateCode } from '../../../src/playground/copyAsCode/copyAsCode';
import { sentText } from '../../../src/playground/copyAsCode/literals';
import { type CodeLanguage } from '../../../src/playground/protocol';
import { trickyBodies } from '../../unit/playground/copyAsCode/trickyBodies';
import { emulatorEnvironment, pythonExecutable, run, type ScriptRun } from '../wizards/plans/exportRuns/exportedScriptRunner';

/** Inside the repository (git-ignored), so that node resolves the compiled client's @aws-sdk/* imports from its node_modules. */
const resultsDir = join(__dirname, '..', '..', '..', '..', 'test-results', 'copy-as-code');
const repoRoot = join(__dirname, '..', '..', '..', '..');
const timeScale = 60;
const body = JSON.stringify({ inputs: 'What is a cold start, in one sentence?', parameters: { max_new_tokens: 8 } }, null, 2);

function request(overrides: Partial<CodeRequest>): CodeRequest {
  return {
    endpointName: 'demo-cold',
    inferenceComponentName: 'demo-embeddings',
    wakeComponentName: 'demo-embeddings',
    region: 'us-east-1',
    accountId: '123456789012',
    partition: 'aws',
    mode: 'invoke',
    body,
    contentType: 'application/json',
    accept: 'application/json',
    deadlineSeconds: 60,
    wake: true,
    ...overrides,
  };
}

async function requestCounts(emulator: RunningEmulator): Promise<Record<string, number>> {
  const response = await fetch(`${emulator.url}/__emulator/requests`);
  return ((await response.json()) as { requests: Record<string, number> }).requests;
}

function copiesOf(emulator: RunningEmulator, component: string): number {
  return emulator.state().inferenceComponents.find((ic) => ic.name === component)!.currentCopyCount;
}

describe('Copy as Code: the generated clients run against the emulator through a cold start', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let dir: string;

  before(() => mkdirSync(resultsDir, { recursive: true }));

  beforeEach(async () => {
    emulator = await startEmulator({ scenario: 'demo', timeScale, credentials: emulatorCredentials(), startTime: Date.UTC(2026, 11, 9, 10), timings: { tokenLatencyMs: 0 } });
    dir = mkdtempSync(join(resultsDir, 'run-'));
  });

  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the client for `language` and runs it as its header says, returning its exit code and output. */
  async function runClient(language: CodeLanguage, codeRequest: CodeRequest): Promise<ScriptRun> {
    const code = generateCode(language, codeRequest);
    const file = join(dir, code.fileName);
    writeFileSync(file, code.text);
    const env = emulatorEnvironment(emulator.url, dir);
    if (language === 'python') return run(pythonExecutable(), [file], env, dir);
    if (language === 'awsCli') return run('dash', [file], env, dir);
    const compiled = join(dir, code.fileName.replace(/\.ts$/, '.mjs'));
    await build({ entryPoints: [file], outfile: compiled, format: 'esm', platform: 'node', target: 'node18', bundle: false, logLevel: 'silent' });
    return run(process.execPath, [compiled], env, dir);
  }

  function assertClean(result: ScriptRun): void {
    assert.doesNotMatch(result.stderr, /Traceback|\n\s+at .+:\d+:\d+\)?/, `no stack trace:\n${result.stderr}`);
  }

  for (const language of ['python', 'typescript'] as const) {
    describe(language === 'python' ? 'Python (boto3)' : 'TypeScript (AWS SDK v3)', () => {
      it('with a deadline shorter than the wake, wakes the component once and stops cleanly with exit code 1', async () => {
        assert.equal(copiesOf(emulator, 'demo-embeddings'), 0);
        const result = await runClient(language, request({ deadlineSeconds: 2 }));
        assert.equal(result.code, 1, `exit code 1:\n${result.stderr}\n${result.stdout}`);
        assert.match(result.stderr, /Gave up after 2 s: demo-embeddings still has no copy to answer \(ValidationError: Inference Component has no capacity/);
        assert.match(result.stderr, /Woke demo-embeddings: one copy requested\./);
        assertClean(result);
        assert.equal(result.stdout, '');
        const counts = await requestCounts(emulator);
        assert.equal(counts.UpdateInferenceComponentRuntimeConfig, 1, 'one wake, not one per retry');
        assert.ok(counts.InvokeEndpoint >= 2, `retried: ${counts.InvokeEndpoint} InvokeEndpoint requests`);
      });

      it('with a longer deadline, holds through the wake and prints the answer', async () => {
        const result = await runClient(language, request({ deadlineSeconds: 60 }));
        assert.equal(result.code, 0, `exit code 0:\n${result.stderr}\n${result.stdout}`);
        assert.match(result.stderr, /demo-embeddings has no copy yet \(a cold start\): trying again in/);
        const answer = JSON.parse(result.stdout) as unknown;
        assert.ok(typeof answer === 'object' && answer !== null, result.stdout);
        assertClean(result);
        assert.equal(copiesOf(emulator, 'demo-embeddings'), 1);
        assert.equal((await requestCounts(emulator)).UpdateInferenceComponentRuntimeConfig, 1);
      });

      it('streams through a cold start woken by the auto scaling alarm (no wake call), printing the parts', async () => {
        // demo-llama3-8b asleep: 0 copies and its instance released, as after its idle timeout.
        const { SageMakerClient, UpdateInferenceComponentRuntimeConfigCommand } = await import('@aws-sdk/client-sagemaker');
        const sagemaker = new SageMakerClient({ region: 'us-east-1', endpoint: emulator.url, credentials: emulatorCredentials() });
        await sagemaker.send(new UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: 0 } }));
        sagemaker.destroy();
        emulator.advance(15 * 60);
        assert.equal(copiesOf(emulator, 'demo-llama3-8b'), 0);
        await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
        const result = await runClient(language, request({ endpointName: 'demo-scale-to-zero', inferenceComponentName: 'demo-llama3-8b', wakeComponentName: 'demo-llama3-8b', mode: 'stream', wake: false, deadlineSeconds: 90 }));
        assert.equal(result.code, 0, `exit code 0:\n${result.stderr}\n${result.stdout}`);
        assert.match(result.stderr, /demo-llama3-8b has no copy yet/);
        assert.ok(result.stdout.trim().length > 0, 'the streamed answer is printed');
        assertClean(result);
        const counts = await requestCounts(emulator);
        assert.equal(counts.UpdateInferenceComponentRuntimeConfig ?? 0, 0, 'no wake call: the alarm woke it');
        assert.ok(counts.InvokeEndpointWithResponseStream >= 2, `${counts.InvokeEndpointWithResponseStream} stream requests`);
      });

      it('does not retry another error (a component that does not exist): one request, its error printed, exit code 2', async () => {
        await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
        const result = await runClient(language, request({ endpointName: 'demo-always-on', inferenceComponentName: 'no-such-component', wakeComponentName: 'no-such-component' }));
        assert.equal(result.code, 2, `exit code 2:\n${result.stderr}\n${result.stdout}`);
        assert.match(result.stderr, /no-such-component: ValidationError: Inference Component no-such-component of account 123456789012 not found on endpoint demo-always-on\./);
        assertClean(result);
        const counts = await requestCounts(emulator);
        assert.deepEqual(counts, { InvokeEndpoint: 1 }, 'one request, no wake');
      });
    });
  }

  describe('AWS CLI', () => {
    it('the command answers from a warm component with the machine\'s aws (v1), through AWS_ENDPOINT_URL', async () => {
      const result = await runClient('awsCli', request({ endpointName: 'demo-always-on', inferenceComponentName: 'demo-mistral-7b', wakeComponentName: 'demo-mistral-7b' }));
      assert.equal(result.code, 0, `exit code 0:\n${result.stderr}\n${result.stdout}`);
      assert.match(result.stdout, /"InvokedProductionVariant": "AllTraffic"/);
      assert.match(result.stdout, /"ContentType": "application\/json"/);
    });
  });

  describe('the tricky bodies, read back by the real languages', () => {
    const bodies = Object.entries(trickyBodies);

    it('Python compiles every client and holds each body byte for byte (runpy, without running main)', async () => {
      for (const [name, tricky] of bodies) {
        for (const mode of ['invoke', 'stream'] as const) {
          const code = generateCode('python', request({ body: tricky, mode, profile: "o'brien \"prod\"" }));
          const file = join(dir, `${mode}-${code.fileName}`);
          writeFileSync(file, code.text);
          const compiled = await run(pythonExecutable(), ['-m', 'py_compile', file], emulatorEnvironment(emulator.url, dir), dir);
          assert.equal(compiled.code, 0, `${name} (${mode}) compiles:\n${compiled.stderr}`);
        }
        const file = join(dir, 'body_check.py');
        writeFileSync(file, generateCode('python', request({ body: tricky })).text);
        const script = `import runpy, sys; sys.stdout.buffer.write(runpy.run_path(${JSON.stringify(file)}, run_name="copy_as_code_check")["BODY"].encode("utf-8").hex().encode())`;
        const read = await run(pythonExecutable(), ['-c', script], emulatorEnvironment(emulator.url, dir), dir);
        assert.equal(read.code, 0, read.stderr);
        assert.equal(read.stdout, Buffer.from(sentText(tricky), 'utf8').toString('hex'), name);
      }
    });

    it('the shell command\'s printf writes each body byte for byte, in dash and in bash', async () => {
      for (const [name, tricky] of bodies) {
        const text = generateCode('awsCli', request({ body: tricky })).text;
        const printf = text.slice(text.indexOf('\nprintf ') + 1, text.indexOf(' | \\\n  aws sagemaker-runtime invoke-endpoint'));
        const script = join(dir, 'printf.sh');
        writeFileSync(script, `${printf} | od -An -tx1 -v\n`);
        for (const shell of ['dash', 'bash']) {
          const written = await run(shell, [script], emulatorEnvironment(emulator.url, dir), dir);
          assert.equal(written.code, 0, written.stderr);
          assert.equal(written.stdout.replace(/\s+/g, ''), Buffer.from(sentText(tricky), 'utf8').toString('hex'), `${name} in ${shell}`);
        }
      }
    });

    it('TypeScript type-checks against the SDK\'s own types (tsc --strict), streaming and not, with a profile and without', async () => {
      const files: string[] = [];
      for (const mode of ['invoke', 'stream'] as const) {
        for (const profile of [undefined, 'prod']) {
          const code = generateCode('typescript', request({ mode, profile, body: trickyBodies['template literal syntax'] }));
          const file = join(dir, `${mode}-${profile ?? 'chain'}-${code.fileName}`);
          writeFileSync(file, code.text);
          files.push(file);
        }
      }
      const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
      const checked = await run(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', ...files], emulatorEnvironment(emulator.url, dir), dir);
      assert.equal(checked.code, 0, `tsc:\n${checked.stdout}\n${checked.stderr}`);
    });
  });
});

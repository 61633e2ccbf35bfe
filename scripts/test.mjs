// `npm test`: every check and every layer of tests, on a fresh clone with nothing else to run first.
//   1. static checks: ESLint, the layers (dependency-cruiser's allow-lists, .dependency-cruiser.cjs) and
//      TypeScript (extension, webview, emulator)
//   2. emulator tests: the emulator package's own tests (packages/emulator), over HTTP with the SDK
//   3. unit tests: mocha in plain Node, pure (a guard refuses any socket or server)
//   4. integration tests: mocha in plain Node, against the local emulator over HTTP with the SDK clients
//   5. extension-host tests: mocha inside a real VS Code 1.100.3 (code-server + Chromium)
//   6. end-to-end tests: the packaged .vsix installed into code-server, driven through Chromium
//   7. every request the suites sent to the emulator (its recording mode), checked against AWS's models
// Every layer runs even when an earlier one fails, so one run reports everything; the exit code is
// non-zero if anything failed. A layer that cannot run fails: nothing is skipped.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureNodeModules, root, run } from './lib/tools.mjs';

const scratch = mkdtempSync(join(tmpdir(), 's2z-test-'));
const results = [];

async function step(name, command, args, { counts = false, cwd, env = {} } = {}) {
  const started = Date.now();
  const summaryFile = join(scratch, `${name.replace(/\W+/g, '-')}.json`);
  console.log(`\n=== ${name} ===`);
  let error;
  try {
    await run(command, args, { ...(cwd ? { cwd } : {}), env: { ...process.env, S2Z_TEST_SUMMARY: summaryFile, S2Z_SKIP_BUILD: '1', ...env } });
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const seconds = (Date.now() - started) / 1000;
  let summary;
  if (counts) {
    if (existsSync(summaryFile)) summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    else error ??= 'reported no results';
    if (summary && summary.tests === 0) error ??= 'ran no test';
  }
  results.push({ name, ok: !error, error, seconds, summary });
}

async function main() {
  const started = Date.now();
  await ensureNodeModules();
  // AWS's service models (botocore) and AWS's own clients (boto3, the AWS CLI): the contract tests' oracle.
  await step('Python 3 with botocore, boto3 and the AWS CLI', 'node', ['-e', "import('./scripts/lib/tools.mjs').then((tools) => tools.ensurePythonAws())"]);
  await step('lint', 'npx', ['eslint', '.']);
  await step('layers', 'npm', ['run', '--silent', 'lint:layers']);
  await step('ARCHITECTURE.md matches the import graph', 'node', ['scripts/layers/architecture.mjs', '--check']);
  await step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  await step('build', 'node', ['esbuild.mjs', '--tests']);
  await step('build (emulator tests)', 'node', ['packages/emulator/esbuild.mjs', '--tests']);
  await step('emulator tests', 'npx', ['mocha', '--config', '.mocharc.json', '--reporter', join(root, 'test/support/summary-reporter.cjs')], {
    counts: true,
    cwd: join(root, 'packages/emulator'),
  });
  // Every emulator the suites start (in mocha's process, in VS Code's extension host, in children) records
  // each request it decodes, labelled with the test running (S2Z_EMULATOR_RECORD; the reporter labels).
  const recording = (suite) => ({ S2Z_EMULATOR_RECORD: join(scratch, 'recorded-requests', suite) });
  await step('unit tests (pure, no network)', 'npx', ['mocha', '--config', 'test/unit/.mocharc.json'], { counts: true, env: recording('unit') });
  await step('integration tests (against the emulator over HTTP)', 'npx', ['mocha', '--config', 'test/integration/.mocharc.json'], { counts: true, env: recording('integration') });
  await step('extension-host tests', 'node', ['scripts/test-extension-host.mjs'], { counts: true, env: recording('extension-host') });
  await step('end-to-end tests', 'node', ['scripts/test-e2e.mjs'], { counts: true, env: recording('end-to-end') });
  // Every request those suites sent, against AWS's models: a violation fails the run, naming the test.
  await step('requests the suites sent, checked against AWS\'s models', 'node', [
    'scripts/validate-recorded-requests.mjs',
    '--may-be-empty',
    `unit=${recording('unit').S2Z_EMULATOR_RECORD}`,
    ...['integration', 'extension-host', 'end-to-end'].map((suite) => `${suite}=${recording(suite).S2Z_EMULATOR_RECORD}`),
  ]);

  console.log('\n=== summary ===');
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const result of results) {
    const counts = result.summary
      ? ` ${result.summary.passes} passed, ${result.summary.failures} failed${result.summary.pending ? `, ${result.summary.pending} pending` : ''}`
      : '';
    const where = result.summary?.vscodeVersion ? ` (VS Code ${result.summary.vscodeVersion})` : '';
    console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.name}:${counts}${where} in ${result.seconds.toFixed(1)} s${result.error ? ` - ${result.error}` : ''}`);
    // The failed tests by name, here at the end where a CI's tail shows them (the spec output above may be cut).
    for (const failure of result.summary?.failed ?? []) {
      const firstLine = String(failure.message ?? '').split('\n')[0].slice(0, 300);
      console.log(`       - ${failure.title}: ${firstLine}`);
    }
    if (result.summary) {
      passed += result.summary.passes;
      failed += result.summary.failures;
      skipped += result.summary.pending;
    }
    // A failed check or a layer that could not run counts as a failure even without test counts.
    if (!result.ok && (!result.summary || result.summary.failures === 0)) failed += 1;
  }
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  rmSync(scratch, { recursive: true, force: true });
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

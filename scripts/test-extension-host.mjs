// Runs the extension-host tests (test/extension-host/) inside a real VS Code 1.100.3: code-server,
// whose web workbench Chromium opens with the same development arguments VS Code desktop takes
// (extensionDevelopmentPath, extensionTestsPath). The workbench calls `codeAutomationExit(code)` when
// the test module's run() settles. Fails when the tests fail, when none ran, or when VS Code is not 1.100.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { quietWorkbenchSettings, startCodeServer } from './lib/code-server.mjs';
import emulatorStartTime from '../test/support/emulatorStartTime.cjs';
import { ensureChromium, ensureCodeServer, ensureNodeModules, root, run } from './lib/tools.mjs';

const TIMEOUT_MS = 5 * 60_000;

async function main() {
  // The VS Code this starts inherits it: the extension's embedded emulator begins on a fixed Wednesday.
  emulatorStartTime.fixEmulatorStartTime();
  await ensureNodeModules();
  if (!process.env.S2Z_SKIP_BUILD) await run('node', ['esbuild.mjs', '--tests']);
  await Promise.all([ensureCodeServer(), ensureChromium()]);
  const t0 = Date.now();
  const phase = (name) => process.env.S2Z_DEBUG && console.log(`[timing] ${name} at ${Date.now() - t0} ms`);

  const scratch = mkdtempSync(join(tmpdir(), 's2z-exthost-'));
  const workspace = join(scratch, 'workspace');
  const summaryFile = join(scratch, 'summary.json');
  const logFile = join(scratch, 'mocha.log');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'notes.md'), '# Extension-host test workspace\n');

  const server = await startCodeServer({
    folder: workspace,
    settings: quietWorkbenchSettings,
    env: { S2Z_TEST_SUMMARY: summaryFile, S2Z_TEST_LOG: logFile },
    quiet: true,
  });
  const browser = await launchBrowser();
  let exitCode;
  try {
    const page = await browser.newPage();
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    if (process.env.S2Z_DEBUG) page.on('console', (message) => console.log(`[workbench] ${message.text()}`));
    const url = server.workbenchUrl(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(root)],
      ['extensionTestsPath', server.remoteUri(join(root, 'out', 'test', 'extension-host', 'index.js'))],
    ]);
    console.log(`Opening ${server.url} in Chromium with the extension under development`);
    await page.goto(url);
    const started = Date.now();
    let timer;
    exitCode = await Promise.race([
      exited,
      new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    console.log(`Extension-host tests settled with exit code ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    phase('closing browser');
    await browser.close();
    phase('stopping code-server');
    await server.stop();
    phase('stopped');
  }

  if (existsSync(logFile)) process.stdout.write(readFileSync(logFile, 'utf8'));
  if (exitCode === 'timeout') throw new Error(`The extension-host tests did not finish within ${TIMEOUT_MS / 1000} s.`);
  if (!existsSync(summaryFile)) {
    throw new Error(`The extension-host tests ended (exit code ${exitCode}) without reporting results: they did not run.`);
  }
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  rmSync(scratch, { recursive: true, force: true });
  console.log(`Extension-host tests ran in VS Code ${summary.vscodeVersion} (${summary.environment})`);
  if (process.env.S2Z_TEST_SUMMARY) writeFileSync(process.env.S2Z_TEST_SUMMARY, JSON.stringify(summary, null, 2));
  if (!/^1\.100\./.test(summary.vscodeVersion ?? '')) throw new Error(`Expected VS Code 1.100, got ${summary.vscodeVersion}.`);
  if (summary.tests === 0) throw new Error('No extension-host test ran.');
  if (exitCode !== 0 || summary.failures > 0) throw new Error(`${summary.failures} extension-host test(s) failed.`);
}

main().catch((error) => {
  console.error(`\nExtension-host tests failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

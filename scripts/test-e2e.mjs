// Runs the end-to-end UI tests (test/e2e/) the way a user meets the product: the packaged .vsix is
// installed into code-server 4.100.3 (VS Code 1.100.3), and Debian's Chromium, driven by playwright-core,
// works the workbench. This script owns the infrastructure; the tests receive it through environment
// variables (S2Z_E2E_*) and save their screenshots under test-results/screenshots/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from './lib/browser.mjs';
import { installExtension, quietWorkbenchSettings, startCodeServer } from './lib/code-server.mjs';
import emulatorStartTime from '../test/support/emulatorStartTime.cjs';
import { chromiumPath, ensureChromium, ensureCodeServer, ensureNodeModules, root, run } from './lib/tools.mjs';
import { packageExtension } from './package.mjs';

async function main() {
  // The VS Code this starts inherits it: the extension's embedded emulator begins on a fixed Wednesday.
  emulatorStartTime.fixEmulatorStartTime();
  await ensureNodeModules();
  if (!process.env.S2Z_SKIP_BUILD) await run('node', ['esbuild.mjs', '--tests']);
  const [vsix] = await Promise.all([packageExtension(), ensureCodeServer(), ensureChromium()]);

  const scratch = mkdtempSync(join(tmpdir(), 's2z-e2e-'));
  const workspace = join(scratch, 'workspace');
  const extensionsDir = join(scratch, 'extensions');
  mkdirSync(workspace);
  mkdirSync(extensionsDir);
  writeFileSync(join(workspace, 'README.md'), '# A workspace for the end-to-end tests\n');
  console.log(await installExtension(vsix, extensionsDir));
  // A stand-in for an editor agent: it calls the extension's language model tools (test/e2e/fixtures/test-agent).
  console.log(await installExtension(await packageTestAgent(scratch), extensionsDir));

  const screenshots = join(root, 'test-results', 'screenshots');
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });

  const server = await startCodeServer({ folder: workspace, extensionsDir, settings: quietWorkbenchSettings, quiet: true });
  const { chromium } = await import('playwright-core');
  const browserServer = await chromium.launchServer({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  // S2Z_E2E_SPEC=wizards runs one file (out/test/e2e/wizards.test.js) while working on it (a comma-separated list
  // runs several, in that order), after the explorer's
  // file, which connects to the emulator the other files reconnect to; `npm test` runs them all.
  const only = process.env.S2Z_E2E_SPEC;
  const spec = only ? [...new Set(['explorer', ...only.split(',').map((name) => name.trim()).filter(Boolean)])].flatMap((name) => ['--spec', `out/test/e2e/${name}.test.js`]) : [];
  const config = only ? writeConfigWithout('spec', scratch) : 'test/e2e/.mocharc.json';
  try {
    await run('npx', ['mocha', '--config', config, ...spec], {
      env: {
        ...process.env,
        S2Z_E2E_BROWSER: browserServer.wsEndpoint(),
        S2Z_E2E_WORKBENCH: server.workbenchUrl(workspace),
        S2Z_E2E_SCREENSHOTS: screenshots,
      },
    });
    console.log(`Screenshots: ${screenshots}`);
  } finally {
    await browserServer.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Packs the test agent fixture (an extension that calls language model tools by name) into a .vsix in `folder`. */
async function packageTestAgent(folder) {
  const out = join(folder, 's2z-test-agent.vsix');
  await run('npx', ['vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], { cwd: join(root, 'test/e2e/fixtures/test-agent') });
  return out;
}

/** The e2e mocha config without one key (so that a --spec on the command line is the only spec). */
function writeConfigWithout(key, folder) {
  const config = JSON.parse(readFileSync(join(root, 'test/e2e/.mocharc.json'), 'utf8'));
  delete config[key];
  config.require = config.require.map((path) => join(root, path));
  config.reporter = join(root, config.reporter);
  const path = join(folder, 'mocharc.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

main().catch((error) => {
  console.error(`\nEnd-to-end tests failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

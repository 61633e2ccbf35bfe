// Scenario 1: start-up inside the real extension host (code-server 4.100.3 + Chromium), with the
// extension-host test mechanism of scripts/test-extension-host.mjs and bench/extension-host/index.cjs.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../../scripts/lib/browser.mjs';
import { quietWorkbenchSettings, startCodeServer } from '../../scripts/lib/code-server.mjs';
import { ensureChromium, ensureCodeServer, root } from '../../scripts/lib/tools.mjs';

export async function measureStartup({ timeoutMs = 180_000 } = {}) {
  await Promise.all([ensureCodeServer(), ensureChromium()]);
  const scratch = mkdtempSync(join(tmpdir(), 's2z-bench-startup-'));
  const workspace = join(scratch, 'workspace');
  const out = join(scratch, 'startup.json');
  mkdirSync(workspace);
  // The yardstick the extension host times beside ours (start-up as a ratio to it), installed in the
  // code-server's extensions folder: VS Code takes only one extensionDevelopmentPath from the URL.
  const extensionsDir = join(scratch, 'extensions');
  cpSync(join(root, 'bench', 'minimal-extension'), join(extensionsDir, 'scale-to-zero-tools.s2z-bench-minimal-extension-0.0.1'), { recursive: true });
  writeFileSync(join(workspace, 'notes.md'), '# Benchmark workspace\n');
  const server = await startCodeServer({ folder: workspace, extensionsDir, settings: quietWorkbenchSettings, env: { S2Z_BENCH_OUT: out }, quiet: true });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.goto(
      server.workbenchUrl(workspace, [
        ['extensionDevelopmentPath', server.remoteUri(root)],
        ['extensionTestsPath', server.remoteUri(join(root, 'bench', 'extension-host', 'index.cjs'))],
      ]),
    );
    let timer;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  } finally {
    await browser.close();
    await server.stop();
  }
  if (!existsSync(out)) throw new Error('The extension host did not report start-up figures.');
  const result = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(scratch, { recursive: true, force: true });
  return result;
}

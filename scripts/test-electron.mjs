// Runs the extension-host tests in VS Code desktop through @vscode/test-electron, on a machine that can
// download VS Code (not these offline machines: `npm test` runs the same test module in code-server).
import { join } from 'node:path';
import { ensureNodeModules, root, run } from './lib/tools.mjs';

await ensureNodeModules();
await run('node', ['esbuild.mjs', '--tests']);
const { runTests } = await import('@vscode/test-electron');
try {
  await runTests({
    version: process.env.S2Z_VSCODE_VERSION || '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'extension-host', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`Extension-host tests failed in VS Code desktop: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

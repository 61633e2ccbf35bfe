// Packages the extension as a .vsix with @vscode/vsce (a release build: minified bundles, no source
// maps, no node_modules) and checks that it stays under the size budget.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ensureNodeModules, root, run } from './lib/tools.mjs';

const MAX_BYTES = 2 * 1024 * 1024;

export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(root, `${name}-${version}.vsix`);
}

export async function packageExtension() {
  await ensureNodeModules();
  const out = vsixPath();
  // vsce runs the `vscode:prepublish` script (the release build) before packing.
  await run('npx', ['vsce', 'package', '--no-dependencies', '--skip-license', '--out', out]);
  const size = statSync(out).size;
  console.log(`Packaged ${out} (${(size / 1024).toFixed(0)} KiB)`);
  if (size > MAX_BYTES) throw new Error(`The .vsix is ${(size / 1024 / 1024).toFixed(2)} MiB, over the 2 MiB budget.`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  packageExtension().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

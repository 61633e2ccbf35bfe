// Packages the extension as a .vsix with @vscode/vsce (a release build: minified bundles, no source
// maps, no node_modules) and checks that it stays under the size budget.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ensureNodeModules, root, run } from './lib/tools.mjs';

const MAX_BYTES = 2 * 1024 * 1024;

/** What ships must hold no tests, sources, source maps or secrets: checked on every package. */
function checkContents(vsix) {
  const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`Could not list ${vsix} with unzip: ${list.stderr}`);
  const entries = list.stdout.split('\n').filter(Boolean);
  const problems = [];
  for (const entry of entries) {
    if (/\.(map|ts|tsx|env|pem|key)$|^extension\/(test|src|out|scripts|bench|node_modules)\//.test(entry)) problems.push(`${entry} should not ship`);
  }
  for (const entry of entries.filter((name) => name.endsWith('.js'))) {
    const text = spawnSync('unzip', ['-p', vsix, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
    if (/sourceMappingURL=data:|"sourcesContent"/.test(text)) problems.push(`${entry} embeds its sources`);
    if (/\b(AKIA|ASIA)[A-Z0-9]{16}\b|BEGIN (RSA |EC )?PRIVATE KEY/.test(text)) problems.push(`${entry} holds what looks like a secret`);
  }
  if (problems.length > 0) throw new Error(`The .vsix is not fit to ship:\n${problems.join('\n')}`);
  console.log(`Checked ${entries.length} files in the .vsix: no tests, sources, source maps or secrets.`);
}

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
  checkContents(out);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  packageExtension().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

// Builds the emulator package.
//
//   node esbuild.mjs          dist/index.js (the library: startEmulator) and dist/cli.js (the bin)
//   node esbuild.mjs --tests  also transpiles src/ and test/ file by file into out/ for mocha, and
//                            builds the dist/index.js of the libraries those files require at run time
//
// @s2z/instance-types and @s2z/schedule-expressions are bundled in from their TypeScript sources.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** How a Node bundle of this repository is built (the root build's bundles share it). */
export function nodeBundleOptions({ production = false } = {}) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // 'module': the ES builds of @smithy/core's submodules, which tree-shake (setting `conditions`
    // turns off esbuild's default 'module' condition); 'source': the workspace packages' TypeScript.
    conditions: ['source', 'module'],
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** The package's bundles, for this script and for the root build (which also bundles the extension). */
export function emulatorBundles({ production = false } = {}) {
  const common = { ...nodeBundleOptions({ production }), absWorkingDir: here };
  return [
    { ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' },
    { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  ];
}

/**
 * The small workspace libraries the emulator depends on: one CommonJS bundle each (dist/index.js, their
 * `default` export), which the transpiled tests load through node_modules. Built by `--tests` so that
 * `npm test -w @s2z/emulator` passes in a fresh clone too; the root build uses the same list.
 * service-models is for tests only (the contract tests' oracle); nothing ships it.
 */
export const libraryBundles = ['schedule-expressions', 'instance-types', 'service-models'].map((name) => ({
  entryPoints: [join(here, '..', name, 'src', 'index.ts')],
  outfile: join(here, '..', name, 'dist', 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
}));

function listTypeScript(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTypeScript(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

async function main() {
  const tests = process.argv.includes('--tests');
  rmSync(join(here, 'dist'), { recursive: true, force: true });
  const builds = emulatorBundles({ production: process.argv.includes('--production') });
  if (tests) {
    rmSync(join(here, 'out'), { recursive: true, force: true });
    builds.push({
      entryPoints: [...listTypeScript(join(here, 'src')), ...listTypeScript(join(here, 'test'))],
      outdir: join(here, 'out'),
      outbase: here,
      bundle: false,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'inline',
      logLevel: 'warning',
    }, ...libraryBundles);
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

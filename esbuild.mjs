// Builds every bundle the extension ships, and the test build.
//
//   node esbuild.mjs               development build: source maps, not minified
//   node esbuild.mjs --production  release build: minified, no source maps (what the .vsix holds)
//   node esbuild.mjs --watch       development build, rebuilt on every change
//   node esbuild.mjs --tests       also transpiles src/ and test/ file by file into out/ for mocha
//
// Bundles (dist/):
//   extension.js     the extension host entry; `vscode` is external. Kept small: activation loads only this.
//   aws-sdk.js       the AWS SDK v3 clients, required on the first AWS call and never at activation.
//   exporters.js     a plan as boto3, AWS CLI or CloudFormation, required on the first export.
//   emulator.js      the local SageMaker emulator (packages/emulator) as a library, required when the
//                    user starts it.
//   webview/*.js     scripts that run inside webviews (browser, no Node).
//
// The workspace packages are built too, into their own dist/ (what Node loads in tests and `npm run
// emulator`): packages/emulator (dist/index.js, dist/cli.js), packages/schedule-expressions and
// packages/instance-types (dist/index.js). The extension's bundles read the packages' TypeScript
// sources directly (the `source` export condition).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emulatorBundles, nodeBundleOptions, libraryBundles } from './packages/emulator/esbuild.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/**
 * Modules the extension bundle loads lazily at run time from sibling bundles instead of inlining them:
 * `import('./sdk.js')` in src/aws becomes `import('./aws-sdk.js')` in dist/extension.js. In the test
 * build (files transpiled one by one into out/) the same import loads the transpiled source module.
 */
const lazyBundles = [
  { source: /(^|\/)aws\/sdk\.js$|^\.\/sdk\.js$/, bundle: './aws-sdk.js' },
  { source: /^@s2z\/emulator$/, bundle: './emulator.js' },
  { source: /(^|\/)exporters\/planExport\.js$/, bundle: './exporters.js' },
];

/** @type {esbuild.Plugin} */
const lazyBundlePlugin = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (resolveArgs) => {
      if (resolveArgs.kind !== 'dynamic-import') return undefined;
      const lazy = lazyBundles.find((entry) => entry.source.test(resolveArgs.path));
      return lazy ? { path: lazy.bundle, external: true } : undefined;
    });
  },
};

/**
 * The emulator bundle the extension ships takes the Smithy modules it uses (SigV4, event-stream framing)
 * from dist/aws-sdk.js, which the SDK clients already need, instead of a second copy: src/aws/sdk.ts
 * re-exports them. The emulator package's own dist/ (tests, the bin) bundles them as usual.
 * @type {esbuild.Plugin}
 */
const smithyFromSdkBundle = {
  name: 'smithy-from-sdk-bundle',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/(signature-v4|core\/event-streams|core\/serde)$/ }, (resolveArgs) => ({ path: resolveArgs.path, namespace: 'aws-sdk-bundle' }));
    build.onLoad({ filter: /.*/, namespace: 'aws-sdk-bundle' }, () => ({ contents: "module.exports = require('./aws-sdk.js');", loader: 'js' }));
    build.onResolve({ filter: /^\.\/aws-sdk\.js$/, namespace: 'aws-sdk-bundle' }, () => ({ path: './aws-sdk.js', external: true }));
  },
};

/** @type {esbuild.Plugin} */
const reportPlugin = {
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      const outfile = build.initialOptions.outfile ?? build.initialOptions.outdir;
      if (result.errors.length > 0) {
        console.error(`[esbuild] ${outfile}: ${result.errors.length} error(s)`);
      } else if (watch) {
        console.log(`[esbuild] ${outfile} rebuilt`);
      }
    });
  },
};

const nodeBundle = {
  ...nodeBundleOptions({ production }),
  // ES modules first: the AWS SDK ships both, and only the ES build tree-shakes unused commands away.
  mainFields: ['module', 'main'],
  plugins: [lazyBundlePlugin, reportPlugin],
};

/** @type {esbuild.BuildOptions[]} */
const bundles = [
  { ...nodeBundle, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...nodeBundle, entryPoints: ['src/aws/sdk.ts'], outfile: 'dist/aws-sdk.js' },
  { ...nodeBundle, entryPoints: ['src/wizards/plans/exporters/planExport.ts'], outfile: 'dist/exporters.js' },
  { ...nodeBundle, entryPoints: ['packages/emulator/src/index.ts'], outfile: 'dist/emulator.js', plugins: [smithyFromSdkBundle, ...nodeBundle.plugins] },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: production,
    sourcemap: production ? false : 'inline',
    logLevel: 'warning',
    // The webview pages: the playground (src/playground/page) and the logs view (src/logs/page).
    entryPoints: { playground: 'src/playground/page/main.ts', logs: 'src/logs/page/main.ts' },
    outdir: 'dist/webview',
    plugins: [reportPlugin],
  },
  // The pages' stylesheets go through esbuild too, so the release build ships them minified.
  {
    entryPoints: { playground: 'media/webview/playground.css', logs: 'media/webview/logs.css' },
    outdir: 'dist/webview',
    bundle: true,
    minify: production,
    logLevel: 'warning',
    plugins: [reportPlugin],
  },
];

function listTypeScript(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTypeScript(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Test build: every source and test file transpiled on its own, same tree under out/. */
function testBuild() {
  return {
    entryPoints: [...listTypeScript('src'), ...listTypeScript('test')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  };
}

async function main() {
  rmSync('dist', { recursive: true, force: true });
  const all = [...bundles, ...libraryBundles, ...emulatorBundles({ production })];
  if (tests) {
    rmSync('out', { recursive: true, force: true });
    all.push(testBuild());
  }
  if (watch) {
    const contexts = await Promise.all(all.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('[esbuild] watching for changes');
    return;
  }
  await Promise.all(all.map((options) => esbuild.build(options)));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// The attack surface: the emulator listens on loopback only unless told otherwise and refuses unsigned
// and wrongly signed requests; no webview message can reach a destructive action; destructive
// commands ask a modal confirmation first; the packaged extension ships no tests, sources, source maps
// or secrets; production dependencies have no high or critical advisory.
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator } from '@s2z/emulator';
import { parsePlaygroundToHost } from '../../../src/playground/protocol';

/** The repository: the first folder above this file with both package.json and esbuild.mjs. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'esbuild.mjs')))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
const inRepo = repositoryRoot();
const credentials = { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' };

describe('security: the emulator, the webview boundary, confirmations and what ships', function () {
  this.timeout(60_000);

  it('the emulator binds to loopback only, unless told otherwise', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      await assert.rejects(startEmulator({ host }), /Refusing to listen on/);
    }
    const emulator = await startEmulator({ timeScale: 0 });
    try {
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await emulator.close();
    }
    const cli = join(dirname(require.resolve('@s2z/emulator/package.json')), 'dist', 'cli.js');
    const refused = spawnSync(process.execPath, [cli, '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(refused.status, 2, 'a refused option is a usage error, like an unknown flag: ' + refused.stderr + refused.stdout);
    assert.match(refused.stderr + refused.stdout, /Refusing to listen on 0\.0\.0\.0/);
  });

  it('refuses unsigned requests, and with a configured key refuses wrong keys and signatures', async () => {
    const emulator = await startEmulator({ timeScale: 0, scenario: 'demo', credentials });
    const { SageMakerClient, ListEndpointsCommand } = await import('@aws-sdk/client-sagemaker');
    const client = (keys: typeof credentials) => new SageMakerClient({ endpoint: emulator.url, region: 'us-east-1', credentials: keys, maxAttempts: 1 });
    const good = client(credentials);
    const badSecret = client({ ...credentials, secretAccessKey: 'wrong' });
    const badKey = client({ ...credentials, accessKeyId: 'AKIDSOMEONEELSE' });
    try {
      const unsigned = await fetch(emulator.url, { method: 'POST', headers: { 'x-amz-target': 'SageMaker.ListEndpoints', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
      assert.equal(unsigned.status, 403);
      assert.match(await unsigned.text(), /MissingAuthenticationToken/);
      const runtime = await fetch(`${emulator.url}/endpoints/demo-scale-to-zero/invocations`, { method: 'POST', body: '{"inputs":"x"}' });
      assert.equal(runtime.status, 403);
      await assert.rejects(badSecret.send(new ListEndpointsCommand({})), { name: 'InvalidSignatureException' });
      await assert.rejects(badKey.send(new ListEndpointsCommand({})), { name: 'UnrecognizedClientException' });
      assert.equal((await good.send(new ListEndpointsCommand({}))).Endpoints?.length, 3);
    } finally {
      for (const each of [good, badSecret, badKey]) each.destroy();
      await emulator.close();
    }
  });

  it('no webview message names a destructive action: the protocol only carries invoke, cancel, wake-now, ready, refresh and the read-only explain-cold-start and copy-as-code', () => {
    for (const type of ['deleteEndpoint', 'deleteInferenceComponent', 'setCopyCount', 'executeCommand', 'command', 'teardown', 'rollback', 'runPlan']) {
      assert.equal(parsePlaygroundToHost({ type }), undefined, type);
      assert.equal(parsePlaygroundToHost({ type, name: 'demo-cold', copies: 0 }), undefined, type);
    }
    // The panel hands every message to the session, which acts only through the parsed protocol.
    const panel = readFileSync(join(inRepo, 'src/playground/host/playgroundPanel.ts'), 'utf8');
    const handlers = panel.match(/onDidReceiveMessage\(([^)]*\))[^)]*\)/g) ?? [];
    assert.deepEqual(handlers, ['onDidReceiveMessage((message: unknown) => this.session.handle(message)'], 'one message handler, into the session');
    assert.doesNotMatch(panel, /executeCommand|runTeardown|setCopyCount|rollbackPlan|Delete/);
    const session = readFileSync(join(inRepo, 'src/playground/session/playgroundSession.ts'), 'utf8');
    assert.doesNotMatch(session, /executeCommand|runTeardown|setCopyCount\(|rollbackPlan|Delete[A-Z]/);
    // The page posts only from its store (and 'ready' when it starts), names no destructive action, and
    // inserts no markup: Lit templates put every string in as text.
    const pageDir = join(inRepo, 'src/playground/page');
    const pageFiles = readdirSync(pageDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    assert.ok(pageFiles.length >= 8, pageFiles.join(', '));
    for (const file of pageFiles) {
      const source = readFileSync(join(pageDir, file), 'utf8');
      assert.doesNotMatch(source, /executeCommand|runTeardown|setCopyCount|rollbackPlan|Delete[A-Z]/, file);
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|unsafeHTML|unsafeSVG|document\.write/, file);
      if (!['playgroundStore.ts', 'mountPlayground.ts'].includes(file)) assert.doesNotMatch(source, /postMessage\(/, file);
    }
  });

  it('destructive explorer commands ask a modal confirmation before any call', () => {
    const prompter = readFileSync(join(inRepo, 'src/workbench/vsCodeUserInput.ts'), 'utf8');
    assert.match(prompter, /showWarningMessage\(options\.message, \{ modal: true/);
    // Every explorer command module (one file each since the split), and every call in each of them.
    const folder = join(inRepo, 'src/explorer/ui');
    const modules = readdirSync(folder).filter((file) => file.endsWith('.ts'));
    assert.ok(modules.includes('copyCountCommand.ts') && modules.includes('deleteCommands.ts'), modules.join(', '));
    for (const destructive of ['runTeardown(', 'setCopyCount(']) {
      let calls = 0;
      for (const module of modules) {
        const commands = readFileSync(join(folder, module), 'utf8');
        for (let call = commands.indexOf(`${destructive}active.clients`); call >= 0; call = commands.indexOf(`${destructive}active.clients`, call + 1)) {
          calls++;
          const before = commands.slice(Math.max(0, call - 2500), call);
          // Asked through the command context's UserInput, whose VS Code implementation is modal (above).
          const confirm = before.lastIndexOf('context.ui.confirm(');
          assert.ok(confirm >= 0, `${destructive} runs without a confirmation in ${module}`);
          assert.match(before.slice(confirm), /if \(!confirmed\) return/, `${module}: ${destructive} runs whatever the answer`);
        }
        // No other way to the destructive call in the explorer's UI (aliases, a different receiver).
        assert.equal(commands.split(destructive).length - 1, commands.split(`${destructive}active.clients`).length - 1, `${module} calls ${destructive} another way`);
      }
      assert.ok(calls > 0, `${destructive} is called`);
    }
  });

  it('the packaged extension holds no tests, sources, source maps, node_modules or secrets', async () => {
    const listed = await promisify(execFile)('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: inRepo, encoding: 'utf8' });
    const files = listed.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    assert.ok(files.includes('package.json') && files.includes('README.md'), files.join(', '));
    for (const file of files) {
      assert.doesNotMatch(file, /^(test|src|out|scripts|bench|node_modules|\.vscode-test)\//, file);
      assert.doesNotMatch(file, /\.(map|ts|tsx|env|pem|key)$|\.emulator-state|credentials|\.vsix$/i, file);
    }
    const ignore = readFileSync(join(inRepo, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^\*\*$/m, 'everything excluded unless listed');
    // The release bundles (what `npm run package` ships) have no source maps.
    // The Node bundles' options are shared with the emulator package's build (nodeBundleOptions).
    const esbuildConfig = readFileSync(join(inRepo, 'esbuild.mjs'), 'utf8');
    const nodeOptions = readFileSync(join(inRepo, 'packages', 'emulator', 'esbuild.mjs'), 'utf8');
    assert.match(esbuildConfig, /const nodeBundle = \{\n {2}\.\.\.nodeBundleOptions\(\{ production \}\),/);
    assert.match(nodeOptions, /sourcemap: production \? false : 'linked'/);
    assert.match(esbuildConfig, /sourcemap: production \? false : 'inline'/);
    // The packaged .vsix itself is checked by scripts/package.mjs every time it is built (the e2e run builds it).
  });
});

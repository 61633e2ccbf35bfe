// Scenario 1, inside the extension host (code-server's VS Code 1.100.3): VS Code loads this module as
// `extensionTestsPath` and calls run(). It times the load of dist/extension.js and activate(), then
// those of a minimal extension (bench/minimal-extension, which bench/lib/startup.mjs installs in the
// same code-server) the same way, so that start-up can also be given as a ratio, which holds
// when the machine's load moves the absolute figures. It checks that no AWS SDK bundle is loaded until the
// first AWS call, makes one, and writes JSON to $S2Z_BENCH_OUT.
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const vscode = require('vscode');

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
const minimalExtensionId = 'scale-to-zero-tools.s2z-bench-minimal-extension';
const isExtensionBundle = (path) => /[\\/]dist[\\/]extension\.js$/.test(path);
// Installed in code-server's extensions folder as <publisher>.<name>-<version>/.
const isMinimalExtension = (path) => /[\\/]scale-to-zero-tools\.s2z-bench-minimal-extension-[^\\/]+[\\/]extension\.js$/.test(path);
const sdkLoaded = () => Object.keys(require.cache).filter((path) => /[\\/]dist[\\/]aws-sdk\.js$/.test(path));

/**
 * Activates one extension and times it: the load of its main module (`isMain(path)` picks it out of
 * the host's module loads), activate() as the host runs it, and activate()'s own time (which the
 * extension reports as `activationMs`). Returns the figures and activate()'s API.
 */
async function timeActivation(id, isMain) {
  const originalLoad = Module._load;
  let loadStarted;
  let loadMs;
  let loadEndedAt;
  Module._load = function load(request, parent, isMainModule) {
    let resolved = '';
    try {
      resolved = Module._resolveFilename(request, parent, isMainModule);
    } catch {
      // not a file module
    }
    if (loadMs === undefined && loadStarted === undefined && isMain(resolved)) {
      loadStarted = performance.now();
      try {
        return originalLoad.apply(this, arguments);
      } finally {
        loadMs = performance.now() - loadStarted;
        loadEndedAt = Date.now();
      }
    }
    return originalLoad.apply(this, arguments);
  };
  try {
    const extension = vscode.extensions.getExtension(id);
    if (!extension) throw new Error(`Extension ${id} is not loaded.`);
    const figures = { activeBefore: extension.isActive };
    const started = performance.now();
    const api = await extension.activate();
    figures.activateWallMs = performance.now() - started;
    figures.moduleLoadMs = loadMs;
    // Time inside activate() itself, measured by activate() (api.activationMs). The gap between the
    // end of the module load and activate()'s return also holds VS Code's own work (creating the
    // ExtensionContext and its storage): reported beside it, not charged to the extension.
    figures.activateCallMs = typeof api?.activationMs === 'number' ? api.activationMs : undefined;
    figures.loadToActivatedMs = loadEndedAt !== undefined && api ? api.activatedAt - loadEndedAt : undefined;
    figures.activationMs = loadMs !== undefined && figures.activateCallMs !== undefined ? loadMs + figures.activateCallMs : undefined;
    return { figures, api };
  } finally {
    Module._load = originalLoad;
  }
}

const ratio = (ours, minimal) => (ours !== undefined && minimal ? ours / minimal : undefined);

async function run() {
  const result = { vscodeVersion: vscode.version };
  try {
    const modulesBefore = new Set(Object.keys(require.cache));
    const { figures, api } = await timeActivation(extensionId, isExtensionBundle);
    Object.assign(result, figures);
    result.modulesLoadedByActivation = Object.keys(require.cache).filter((path) => !modulesBefore.has(path) && !path.includes('node_modules')).map((path) => path.replace(/^.*[\\/](dist[\\/])/, '$1'));
    result.sdkLoadedAfterActivation = sdkLoaded().length > 0;
    // The yardstick second: ours is timed as before it existed (first activation in the host), and
    // whatever the host sets up on a first activation is charged to ours, not to the yardstick, so the
    // ratio errs on the high side.
    result.minimal = (await timeActivation(minimalExtensionId, isMinimalExtension)).figures;
    result.activationRatio = ratio(result.activationMs, result.minimal.activationMs);
    result.activateWallRatio = ratio(result.activateWallMs, result.minimal.activateWallMs);
    // The first AWS call: connecting to the local emulator reads the account.
    const connectStarted = performance.now();
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    await api.connections.current.inventory.refresh();
    result.firstAwsCallMs = performance.now() - connectStarted;
    result.sdkLoadedAfterFirstAwsCall = sdkLoaded().length > 0;
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  } catch (error) {
    result.error = error instanceof Error ? error.stack : String(error);
  } finally {
    writeFileSync(process.env.S2Z_BENCH_OUT, JSON.stringify(result, null, 2));
  }
}

module.exports = { run };

// Scenario 1, inside the extension host (code-server's VS Code 1.100.3): VS Code loads this module as
// `extensionTestsPath` and calls run(). It times the load of dist/extension.js and activate(), checks
// that no AWS SDK bundle is loaded until the first AWS call, then makes one and writes JSON to
// $S2Z_BENCH_OUT.
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const vscode = require('vscode');

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
const isExtensionBundle = (path) => /[\\/]dist[\\/]extension\.js$/.test(path);
const sdkLoaded = () => Object.keys(require.cache).filter((path) => /[\\/]dist[\\/]aws-sdk\.js$/.test(path));

async function run() {
  const result = { vscodeVersion: vscode.version };
  const originalLoad = Module._load;
  let loadStarted;
  let loadMs;
  let loadEndedAt;
  const modulesBefore = new Set(Object.keys(require.cache));
  Module._load = function load(request, parent, isMain) {
    let resolved = '';
    try {
      resolved = Module._resolveFilename(request, parent, isMain);
    } catch {
      // not a file module
    }
    if (loadMs === undefined && loadStarted === undefined && isExtensionBundle(resolved)) {
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
    const extension = vscode.extensions.getExtension(extensionId);
    result.activeBefore = extension.isActive;
    const started = performance.now();
    const api = await extension.activate();
    result.activateWallMs = performance.now() - started;
    result.moduleLoadMs = loadMs;
    // Time inside activate() itself, measured by activate() (api.activationMs). The gap between the
    // end of the module load and activate()'s return also holds VS Code's own work (creating the
    // ExtensionContext and its storage): reported beside it, not charged to the extension.
    result.activateCallMs = typeof api.activationMs === 'number' ? api.activationMs : undefined;
    result.loadToActivatedMs = loadEndedAt !== undefined ? api.activatedAt - loadEndedAt : undefined;
    result.activationMs = loadMs !== undefined && result.activateCallMs !== undefined ? loadMs + result.activateCallMs : undefined;
    result.modulesLoadedByActivation = Object.keys(require.cache).filter((path) => !modulesBefore.has(path) && !path.includes('node_modules')).map((path) => path.replace(/^.*[\\/](dist[\\/])/, '$1'));
    result.sdkLoadedAfterActivation = sdkLoaded().length > 0;
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
    Module._load = originalLoad;
    writeFileSync(process.env.S2Z_BENCH_OUT, JSON.stringify(result, null, 2));
  }
}

module.exports = { run };

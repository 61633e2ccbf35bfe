// Starts code-server (the real VS Code 1.100.3 workbench, served to a browser) and stops it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, freePort, root } from './tools.mjs';

/** Settings for test runs: no welcome page or tips over the workbench in screenshots. */
export const quietWorkbenchSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

/** Installs a .vsix into an extensions folder with code-server's own CLI (works offline). */
export function installExtension(vsixPath, extensionsDir) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', vsixPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_CONFIG_HOME: join(extensionsDir, '..', 'config') },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      if (code === 0 && /was successfully installed/.test(output)) resolvePromise(output.trim());
      else reject(new Error(`Installing ${vsixPath} into code-server failed:\n${output.trim()}`));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 (webviews need a secure context: never another host name) with its
 * own user data and extensions folders, and resolves once it answers HTTP.
 *
 * `settings` are written as the user's settings.json when given.
 *
 * @param {{ folder: string, port?: number, extensionsDir?: string, userDataDir?: string, settings?: object, env?: NodeJS.ProcessEnv, quiet?: boolean }} options
 */
export async function startCodeServer(options) {
  const port = options.port || (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 's2z-code-server-'));
  const userDataDir = options.userDataDir ?? join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (options.settings) {
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.settings, null, 2));
  }
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    options.folder,
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), ...options.env },
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    if (!options.quiet) process.stdout.write(`[code-server] ${chunk}`);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolvePromise) => child.on('exit', (code, signal) => resolvePromise({ code, signal })));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 250))]);
    if (state) throw new Error(`code-server exited before it was ready (${state.signal ?? state.code}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
  }

  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    output: () => output,
    /** URL of the workbench on a folder, optionally with development arguments (extension host tests). */
    workbenchUrl(folder, payload) {
      const query = new URLSearchParams({ folder: `vscode-remote://127.0.0.1:${port}${folder}` });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${url}/?${query.toString()}`;
    },
    remoteUri(path) {
      return `vscode-remote://127.0.0.1:${port}${path}`;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

// `npm start`: builds and packages the extension and opens it in a real VS Code.
//   npm start                  code-server (VS Code 1.100.3 in the browser) at a printed http://127.0.0.1 URL
//   npm start -- --port 8080   the same on a chosen port
//   npm start -- --desktop     VS Code desktop with --extensionDevelopmentPath (needs the `code` command)
//   npm start -- --profile dev --region eu-west-1   connects to real AWS instead of the local emulator
// Ctrl-C stops everything it started. The profile (settings, state) is kept between runs in the
// tools folder (~/.cache/sagemaker-scale-to-zero/start-profile).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installExtension, quietWorkbenchSettings, startCodeServer } from './lib/code-server.mjs';
import { ensureCodeServer, ensureNodeModules, root, run, toolsDir } from './lib/tools.mjs';
import { packageExtension } from './package.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8900' },
    desktop: { type: 'boolean', default: false },
    folder: { type: 'string', default: root },
    profile: { type: 'string' },
    region: { type: 'string' },
  },
});

if ((values.profile === undefined) !== (values.region === undefined)) {
  console.error('Give both --profile and --region to connect to AWS (or neither, for the local emulator).');
  process.exit(2);
}
if (values.region !== undefined && !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(values.region)) {
  console.error(`"${values.region}" is not an AWS region code: use one such as us-east-1.`);
  process.exit(2);
}

/** Where the extension connects on start: the emulator's demo, or the given AWS profile and region. */
function connectionSettings() {
  return values.profile
    ? {
        'sagemakerScaleToZero.connection': 'aws',
        'sagemakerScaleToZero.aws.profile': values.profile,
        'sagemakerScaleToZero.aws.region': values.region,
      }
    : { 'sagemakerScaleToZero.connection': 'localEmulator' };
}

async function startDesktop() {
  if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('The `code` command is not on PATH: install VS Code desktop, or run `npm start` without --desktop.');
  }
  await run('node', ['esbuild.mjs']);
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, values.folder], { stdio: 'inherit' });
  await new Promise((resolve) => child.on('exit', resolve));
  console.log('VS Code desktop started with the extension under development.');
}

async function startInBrowser() {
  const [vsix] = await Promise.all([packageExtension(), ensureCodeServer()]);
  const profile = join(toolsDir, 'start-profile');
  const extensionsDir = join(profile, 'extensions');
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  await installExtension(vsix, extensionsDir);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}".`);
  const userDataDir = join(profile, 'user-data');
  // The connection follows the command line (the emulator's demo by default); other settings made
  // in VS Code are kept between runs.
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  const previous = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : quietWorkbenchSettings;
  const server = await startCodeServer({
    folder: values.folder,
    port,
    extensionsDir,
    userDataDir,
    settings: { ...previous, ...connectionSettings() },
    quiet: true,
  });
  console.log('');
  console.log(`VS Code (code-server 1.100.3) with SageMaker Scale to Zero is running at ${server.url}/?folder=${encodeURIComponent(values.folder)}`);
  console.log(
    values.profile
      ? `The extension connects to AWS profile ${values.profile} in ${values.region} when you open its view in the activity bar.`
      : 'The extension connects to the local emulator\'s demo when you open its view in the activity bar.',
  );
  console.log('Open the URL in a browser on this machine. Press Ctrl-C to stop.');
  const stop = async () => {
    console.log('\nStopping code-server…');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  await ensureNodeModules();
  if (values.desktop) await startDesktop();
  else await startInBrowser();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

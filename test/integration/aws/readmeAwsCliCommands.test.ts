// The README's emulator section says the AWS CLI talks to the emulator and shows the commands. This
// runs those commands, read from README.md (so the test follows the README), with the real `aws` on
// this machine against a fresh emulator on the demo scenario: as written (--endpoint-url), and with
// AWS_ENDPOINT_URL instead, which the AWS CLI reads too. Nothing but the README's own `export` line
// configures the CLI: no profile, no config file.
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'README.md'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The shell commands of the README's "The local emulator" section (its first `sh` block), continuation lines joined, comments dropped. */
export function readmeEmulatorCommands(readme: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('The local emulator'));
  assert.ok(section, 'README.md has a "## The local emulator" section');
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the README\'s emulator section has a ```sh block');
  return block[1]
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

interface CommandRun {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the README's commands after the emulator's start, in order, each in `sh` after the README's
 * `export` lines, in `dir` (a command that writes a file leaves it for the next).
 */
async function runReadmeCommands(commands: string[], endpointUrl: string, dir: string, via: 'flag' | 'environment'): Promise<CommandRun[]> {
  const readmeUrl = /http:\/\/127\.0\.0\.1:\d+/g;
  const exports = commands.filter((line) => line.startsWith('export '));
  const steps = commands.filter((line) => !line.startsWith('export ') && !/^npm run emulator\b/.test(line));
  if (via === 'environment') exports.push(`export AWS_ENDPOINT_URL=${endpointUrl}`);
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
  };
  const runs: CommandRun[] = [];
  for (const line of steps) {
    const command = via === 'flag' ? line.replace(readmeUrl, endpointUrl) : line.replace(/ --endpoint-url \S+/, '');
    if (via === 'environment') assert.doesNotMatch(command, /--endpoint-url|127\.0\.0\.1/, 'the command runs with AWS_ENDPOINT_URL only');
    const result = await new Promise<CommandRun>((done) => {
      execFile('sh', ['-ec', [...exports, command].join('\n')], { cwd: dir, env, encoding: 'utf8' }, (error, stdout, stderr) =>
        done({ command, code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    runs.push(result);
  }
  return runs;
}

describe('the README\'s AWS CLI commands against the emulator (the real aws)', function () {
  this.timeout(60_000);
  const commands = readmeEmulatorCommands(readFileSync(join(repositoryRoot(), 'README.md'), 'utf8'));
  let emulator: RunningEmulator;
  let dir: string;

  before(() => {
    const version = spawnSync('aws', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, `the AWS CLI is needed for this test (pip install awscli): ${version.error?.message ?? version.stderr}`);
  });

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    dir = mkdtempSync(join(tmpdir(), 's2z-readme-cli-'));
  });

  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the README shows the emulator started, the credentials exported, list-endpoints and invoke-endpoint', () => {
    assert.ok(commands.some((line) => /^npm run emulator\b/.test(line)), commands.join('\n'));
    assert.ok(commands.some((line) => /^export .*AWS_ACCESS_KEY_ID=/.test(line)));
    assert.ok(commands.some((line) => /^aws .* sagemaker list-endpoints\b/.test(line)));
    assert.ok(commands.some((line) => /^aws .* sagemaker-runtime invoke-endpoint .*--inference-component-name /.test(line)));
  });

  for (const via of ['flag', 'environment'] as const) {
    it(via === 'flag' ? 'every command works as written, with --endpoint-url' : 'every command works with AWS_ENDPOINT_URL instead of --endpoint-url', async () => {
      const runs = await runReadmeCommands(commands, emulator.url, dir, via);
      for (const run of runs) assert.equal(run.code, 0, `${run.command}\nexited with ${run.code}: ${run.stderr}`);

      const list = runs.find((run) => / list-endpoints\b/.test(run.command));
      assert.ok(list);
      const endpoints = (JSON.parse(list.stdout) as { Endpoints: { EndpointName: string; EndpointStatus: string }[] }).Endpoints;
      assert.deepEqual(endpoints.map((endpoint) => endpoint.EndpointName).sort(), ['demo-always-on', 'demo-cold', 'demo-scale-to-zero']);

      const invoke = runs.find((run) => / invoke-endpoint\b/.test(run.command));
      assert.ok(invoke);
      assert.equal((JSON.parse(invoke.stdout) as { ContentType?: string }).ContentType, 'application/json');
      // The answer lands in the file the command names last (out.json in the README).
      const outFile = /(\S+)\s*$/.exec(invoke.command)?.[1] ?? '';
      const answer = JSON.parse(readFileSync(join(dir, outFile), 'utf8')) as { generated_text?: string }[];
      assert.ok(typeof answer[0]?.generated_text === 'string' && answer[0].generated_text.length > 0, JSON.stringify(answer));
    });
  }
});

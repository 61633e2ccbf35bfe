// Saved data survives a kill in the middle of a write and a corrupted file: the emulator's state file
// is reset with a warning (the bad file set aside), never a crash and never a crash loop.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../src/server';
import { readStateFile } from '../src/state/stateFile';

const credentials = { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' };

describe('reliability: the emulator state file', () => {
  let dir: string;
  let emulators: RunningEmulator[];
  let logs: string[];
  const log = (level: string, message: string) => logs.push(`${level} ${message}`);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 's2z-state-'));
    emulators = [];
    logs = [];
  });

  afterEach(async () => {
    for (const emulator of emulators) await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(stateFile: string, scenario: 'demo' | 'empty' = 'demo', port = 0): Promise<RunningEmulator> {
    const emulator = await startEmulator({ timeScale: 0, scenario, stateFile, credentials, log, port });
    emulators.push(emulator);
    return emulator;
  }

  const corruptions: [string, string][] = [
    ['an empty file', ''],
    ['a file cut in the middle of a write', '{"version":1,"virtualNow":1735689600000,"sagemaker":{"models":[{"name":"a","arn'],
    ['binary garbage', '\u0000\u0001\u00ff\ufffd{{{'],
    ['JSON that is not a state', '[1,2,3]'],
    ['a state with a null record', JSON.stringify({ version: 1, virtualNow: 1735689600000, sagemaker: { models: [], endpointConfigs: [], endpoints: [null], inferenceComponents: [], nextId: 1 } })],
    ['a state with an impossible clock', JSON.stringify({ version: 1, virtualNow: 1e300, sagemaker: { models: [], endpointConfigs: [], endpoints: [], inferenceComponents: [], nextId: 1 } })],
    [
      'a state whose records lack their fields',
      JSON.stringify({ version: 1, virtualNow: 1735689600000, sagemaker: { models: [], endpointConfigs: [], endpoints: [{ name: 'x' }], inferenceComponents: [{ name: 'y', copies: 'no' }], nextId: 1 } }),
    ],
  ];

  for (const [what, content] of corruptions) {
    it(`starts from the scenario with a warning on ${what}, keeps the bad file aside, and starts again cleanly`, async () => {
      const stateFile = join(dir, 'state.json');
      writeFileSync(stateFile, content);
      const first = await start(stateFile);
      assert.deepEqual(first.state().endpoints.map((endpoint) => endpoint.name).sort(), ['demo-always-on', 'demo-cold', 'demo-scale-to-zero']);
      assert.ok(logs.some((line) => /^warn Ignoring the state file .*state\.json/.test(line)), logs.join('\n'));
      const aside = readdirSync(dir).filter((name) => name.startsWith('state.json.corrupt-'));
      assert.equal(aside.length, 1, 'the unusable file is kept for inspection');
      assert.equal(readFileSync(join(dir, aside[0]), 'utf8'), content);
      // The running emulator wrote a good file: the next start restores it, no warning, no loop.
      await first.close();
      assert.ok(readStateFile(stateFile));
      logs = [];
      const second = await start(stateFile, 'empty');
      assert.equal(second.state().endpoints.length, 3, 'restored, not the empty scenario');
      assert.ok(!logs.some((line) => line.startsWith('warn')), logs.join('\n'));
    });
  }

  it('a request held by injected latency when the emulator stops changes neither the state nor the restarted emulator\'s file', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await start(stateFile, 'empty');
    const port = first.port;
    await fetch(`${first.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 400, operations: ['CreateModel'] }) });
    const { SageMakerClient, CreateModelCommand, ListModelsCommand } = await import('@aws-sdk/client-sagemaker');
    const client = new SageMakerClient({ endpoint: first.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      const late = client.send(new CreateModelCommand({ ModelName: 'ghost', ExecutionRoleArn: 'arn:aws:iam::123456789012:role/R', PrimaryContainer: { Image: 'x.dkr.ecr.us-east-1.amazonaws.com/y:1' } })).then(
        () => 'answered',
        (error: Error) => error.name,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await first.close();
      // Started again on the same port, from the same file.
      const second = await start(stateFile, 'empty', port);
      assert.equal(second.port, port);
      await client.send(new CreateModelCommand({ ModelName: 'kept', ExecutionRoleArn: 'arn:aws:iam::123456789012:role/R', PrimaryContainer: { Image: 'x.dkr.ecr.us-east-1.amazonaws.com/y:1' } }));
      assert.notEqual(await late, 'answered');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const saved = readStateFile(stateFile)!;
      assert.deepEqual(saved.sagemaker.models.map((model) => model.name), ['kept'], 'the stopped emulator wrote nothing after it closed');
      assert.deepEqual((await client.send(new ListModelsCommand({}))).Models?.map((model) => model.ModelName), ['kept']);
    } finally {
      client.destroy();
    }
  });

  it('survives being killed (SIGKILL) in the middle of writes, again and again', async function () {
    this.timeout(20_000);
    const stateFile = join(dir, 'state.json');
    const cli = join(__dirname, '../src/cli.js');
    assert.ok(existsSync(cli), cli);
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, [cli, '--port', '0', '--time-scale', '3600', '--scenario', 'demo', '--state-file', stateFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the emulator did not start (round ${round}): ${output}`)), 10_000);
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`the emulator exited with ${code} (round ${round}): ${output}`)));
      });
      // Time runs an hour a second: events fire and the file is rewritten continuously.
      await fetch(`${url}/__emulator/state`);
      await new Promise((resolve) => setTimeout(resolve, 150 + round * 70));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      assert.ok(readStateFile(stateFile), `round ${round}: the file is whole after a kill`);
    }
    const restarted = await start(stateFile, 'empty');
    assert.equal(restarted.state().endpoints.length, 3);
    assert.ok(!logs.some((line) => line.startsWith('warn')), logs.join('\n'));
  });
});

describe('reliability: the state file of a big account does not hold the event loop', () => {
  it('answers 80 changes in a row in a 2,500-IC account within 2 s (the file is written debounced, in the background), and the file follows', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 's2z-state-big-'));
    const stateFile = join(dir, 'state.json');
    const emulator = await startEmulator({ timeScale: 0, scenario: 'empty', stateFile, credentials });
    const { SageMakerClient, CreateModelCommand } = await import('@aws-sdk/client-sagemaker');
    const client = new SageMakerClient({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      emulator.seed({ endpoints: 1000, inferenceComponents: 2500 });
      emulator.advance(60); // a minute of metrics for every IC: a file of several MB
      const started = performance.now();
      for (let index = 0; index < 80; index++) {
        await client.send(new CreateModelCommand({ ModelName: `m-${index}`, ExecutionRoleArn: 'arn:aws:iam::123456789012:role/R', PrimaryContainer: { Image: 'x.dkr.ecr.us-east-1.amazonaws.com/y:1' } }));
      }
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 2000, `80 CreateModel calls took ${elapsed.toFixed(0)} ms`);
      // Written in the background shortly after: the last model is in the file without a close.
      const deadline = performance.now() + 30_000;
      while (!(readStateFile(stateFile)?.sagemaker.models.some((model) => model.name === 'm-79') ?? false)) {
        assert.ok(performance.now() < deadline, 'the state file never caught up');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      client.destroy();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

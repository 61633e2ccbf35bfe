import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { advanceEmulatorClockCommand, type ConnectionCommandContext, connectCommand } from '../../src/connection/ui/connectionCommands';
import { ConnectionManager } from '../../src/connection/ui/connectionManager';
import { Logger } from '../../src/logging/logger';
import { type UserInput } from '../../src/prompts/userInput';
import { cancel, pick, ScriptedUserInput, type } from '../support/scriptedUserInput';
import { simulateFailureCommand } from '../../src/connection/ui/simulateFailureCommand';

/** A memento in memory: what the commands remember (each profile's region) stays in the test. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

describe('Connection commands through their factories, with a scripted user', function () {
  this.timeout(60_000);
  const log: string[] = [];
  const line = (message: string) => log.push(message);
  const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: line, warn: line, error: line });
  const connections = new ConnectionManager(logger);
  const context = (ui: UserInput): ConnectionCommandContext => ({ ui, connections, logger, state: new MemoryMemento() });

  after(async () => {
    await connections.disconnect();
    connections.dispose();
  });

  it('Connect asks local emulator or AWS account, and connects nothing when dismissed', async () => {
    const script = new ScriptedUserInput([cancel()]);
    assert.equal(await connectCommand(context(script))(), undefined);
    assert.deepEqual(script.asked, ['pick: Connect SageMaker Scale to Zero']);
    assert.equal(connections.current, undefined);
  });

  it('Advance Emulator Clock asks the minutes, refuses what is not a number of minutes, and moves the clock', async () => {
    const active = await connections.connectLocalEmulator({ timeScale: 0, scenario: 'demo' });
    const before = active.emulator!.now();
    const script = new ScriptedUserInput([type('0', 'ten', '20000', '30')]);
    assert.equal(await advanceEmulatorClockCommand(context(script))(), before + 30 * 60_000);
    const refused = 'Enter a number of minutes between 0 and 10080 (a week).';
    assert.deepEqual(script.validationErrors, [refused, refused, refused, undefined]);
    assert.match(log.join('\n'), /Advanced the local emulator's clock by 30 minutes; it is now \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\./);
  });

  it('Simulate a Failure asks the component and the failure, shows the one set now, removes it, and refuses a kind it does not know', async () => {
    const active = connections.current ?? (await connections.connectLocalEmulator({ timeScale: 0, scenario: 'demo' }));
    const faults = async () => {
      const response = await fetch(`${active.emulator!.url}/__emulator/faults`);
      return ((await response.json()) as { faults: { componentFaults?: Record<string, string> } | null }).faults?.componentFaults ?? {};
    };
    const script = new ScriptedUserInput([pick('demo-llama3-8b'), pick('Health check never passes')]);
    assert.deepEqual(await simulateFailureCommand(context(script))(), { componentName: 'demo-llama3-8b', failure: 'healthCheckTimeout' });
    assert.deepEqual(script.asked, ['pick: Simulate a failure on which inference component?', 'pick: Simulate a failure on demo-llama3-8b']);
    assert.deepEqual(await faults(), { 'demo-llama3-8b': 'healthCheckTimeout' });
    assert.match(log.join('\n'), /Simulated failure on the local emulator: demo-llama3-8b's next copy meets healthCheckTimeout\./);

    // From the component's row (the tree passes its node): the failure set now is marked, "No failure" removes it.
    const row = { kind: 'inferenceComponent', id: 'x', name: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' };
    const again = new ScriptedUserInput([pick('No failure')]);
    assert.deepEqual(await simulateFailureCommand(context(again))(row), { componentName: 'demo-llama3-8b', failure: 'none' });
    const offered = again.offered[0].items;
    assert.deepEqual(offered.map((item) => item.label), ['No capacity', 'Quota reached', 'Image pull denied', 'Health check never passes', 'Out of memory', 'No failure']);
    assert.match(offered.find((item) => item.value === 'healthCheckTimeout')?.description ?? '', /^set now · shows when its next copy starts/);
    assert.equal(offered.find((item) => item.value === 'none')?.description, 'removes the one set now');
    assert.deepEqual(await faults(), {});

    // Scripted arguments: a kind given is set without a question; one the emulator does not simulate sets nothing.
    assert.deepEqual(await simulateFailureCommand(context(new ScriptedUserInput([])))(row, 'outOfMemory'), { componentName: 'demo-llama3-8b', failure: 'outOfMemory' });
    assert.equal(await simulateFailureCommand(context(new ScriptedUserInput([])))(row, 'diskFull'), undefined);
    assert.deepEqual(await faults(), { 'demo-llama3-8b': 'outOfMemory' });
    assert.deepEqual(await simulateFailureCommand(context(new ScriptedUserInput([])))(row, 'none'), { componentName: 'demo-llama3-8b', failure: 'none' });
  });
});

describe('ConnectionManager at shutdown', function () {
  this.timeout(60_000);
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  before(() => process.on('unhandledRejection', onRejection));
  after(() => process.off('unhandledRejection', onRejection));

  it('dispose never rejects: a close that fails while the window shuts is logged, not an unhandled rejection', async () => {
    const warnings: string[] = [];
    const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) });
    const connections = new ConnectionManager(logger);
    const active = await connections.connectLocalEmulator({ timeScale: 0, scenario: 'empty' });
    const emulator = active.emulator!;
    // The fault: the emulator's server goes down for real, then its close reports a failure, as a
    // socket torn down by the shutting host would.
    const close = emulator.close.bind(emulator);
    emulator.close = async () => {
      await close();
      throw new Error('the server was already closing (shutdown)');
    };
    assert.doesNotThrow(() => connections.dispose());
    // An unhandled rejection surfaces after the microtasks drain and a timer tick.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(rejections.map(String), [], 'no unhandled rejection from dispose');
    assert.equal(connections.current, undefined);
    assert.deepEqual(warnings, ['Closing the connection at shutdown failed: the server was already closing (shutdown)']);
  });
});

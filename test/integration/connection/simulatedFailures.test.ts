import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { type AwsClients, createClients, loadSdk } from '../../../src/aws/clients';
import {
  EmulatorControlError,
  readSimulatedFailures,
  setSimulatedFailure,
  simulatedFailures,
  type SimulatedFailureKind,
} from '../../../src/connection/simulatedFailures';

/*
 * "Simulate a Failure on the Local Emulator…" talks to the emulator's control API over HTTP, as curl
 * would: each of its failures is one the emulator takes, setting one keeps every other fault the
 * emulator holds, and the failure set is the one a component's next copy meets.
 */
describe('simulated failures on the local emulator (control API over HTTP)', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  const address = () => ({ url: emulator.url, region: 'us-east-1' });
  const rawFaults = async (): Promise<Record<string, unknown> | null> => {
    const response = await fetch(`${emulator.url}/__emulator/faults`);
    return ((await response.json()) as { faults: Record<string, unknown> | null }).faults;
  };

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('offers exactly the failures the emulator takes: each is set and read back', async () => {
    assert.equal(simulatedFailures.length, 5);
    for (const failure of simulatedFailures) {
      await setSimulatedFailure(address(), 'demo-llama3-8b', failure.kind);
      assert.deepEqual([...(await readSimulatedFailures(address()))], [['demo-llama3-8b', failure.kind]]);
    }
    // A kind the emulator does not know is refused by the emulator itself, in words.
    await assert.rejects(setSimulatedFailure(address(), 'demo-llama3-8b', 'diskFull' as SimulatedFailureKind), (error: unknown) => {
      assert.ok(error instanceof EmulatorControlError);
      assert.match(error.message, /^The local emulator refused the simulated failure: .*componentFaults/);
      return true;
    });
  });

  it('keeps every other fault the emulator holds, and removes only the one component\'s failure', async () => {
    const others = { latencyMs: 5, insufficientCapacity: ['ml.g6.2xlarge'], alarmStates: { 'demo-llama3-8b-no-capacity': 'ALARM' } };
    const response = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(others) });
    assert.equal(response.status, 200, await response.text());

    await setSimulatedFailure(address(), 'demo-llama3-8b', 'quotaExceeded');
    await setSimulatedFailure(address(), 'demo-embeddings', 'outOfMemory');
    assert.deepEqual(Object.fromEntries(await readSimulatedFailures(address())), { 'demo-llama3-8b': 'quotaExceeded', 'demo-embeddings': 'outOfMemory' });
    await setSimulatedFailure(address(), 'demo-llama3-8b', undefined);
    assert.deepEqual(Object.fromEntries(await readSimulatedFailures(address())), { 'demo-embeddings': 'outOfMemory' });

    const faults = await rawFaults();
    assert.equal(faults?.latencyMs, 5);
    assert.deepEqual(faults?.insufficientCapacity, ['ml.g6.2xlarge']);
    assert.deepEqual(faults?.alarmStates, others.alarmStates);
  });

  it('the component\'s next copy meets the failure set: imagePullDenied makes demo-embeddings Failed with AWS\'s reason', async () => {
    await setSimulatedFailure(address(), 'demo-embeddings', 'imagePullDenied');
    const sdk = await loadSdk();
    await clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'demo-embeddings', DesiredRuntimeConfig: { CopyCount: 1 } }));
    let described = await clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: 'demo-embeddings' }));
    for (let minute = 0; minute < 30 && described.InferenceComponentStatus !== 'Failed'; minute++) {
      emulator.advance(60);
      described = await clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: 'demo-embeddings' }));
    }
    assert.equal(described.InferenceComponentStatus, 'Failed');
    assert.match(described.FailureReason ?? '', /does not have BatchGetImage permission for the image/);
  });

  it('an emulator that is gone is named with what to do, not a network error', async () => {
    const url = emulator.url;
    await emulator.close();
    await assert.rejects(readSimulatedFailures({ url, region: 'us-east-1' }), (error: unknown) => {
      assert.ok(error instanceof EmulatorControlError);
      assert.equal(error.message, `The local emulator did not answer at ${url}: start it again (SageMaker Scale to Zero: Start Local Emulator) and retry.`);
      return true;
    });
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
  });
});

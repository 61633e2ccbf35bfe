import * as assert from 'node:assert/strict';
import { DisableAlarmActionsCommand } from '@aws-sdk/client-cloudwatch';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients, loadSdk } from '../../../src/aws/clients';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { AbortError } from '../../../src/playground/coldStart/clock';
import { HeldRequestStopped, sendHeld } from '../../../src/playground/coldStart/heldRequest';
import { createAwsProbe } from '../../../src/playground/coldStart/probe';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

const component = 'demo-llama3-8b';

describe('failures explained: what the real SDK reads from the emulator, explained (issue 19, item 2)', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let reader: AccountReader;
  let inventory: Inventory;

  async function control(path: string, method: string, body?: unknown): Promise<void> {
    const response = await fetch(`${emulator.url}/__emulator/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    assert.equal(response.status, 200, await response.text());
  }

  async function invoke(): Promise<void> {
    const sdk = await loadSdk();
    await clients.runtime.send(
      new sdk.InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: component, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hi' }) }),
    );
  }

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', startTime: Date.UTC(2026, 11, 9, 10), timings: { tokenLatencyMs: 0 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    inventory = new Inventory(reader, { now: () => new Date(emulator.now()), region: 'us-east-1' });
    emulator.advance(30 * 60);
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('a wake with no capacity for any of the variant’s types: the failed scaling activity, explained at no extra call', async () => {
    await control('faults', 'POST', { insufficientCapacity: ['ml.g5.2xlarge', 'ml.g6.2xlarge'] });
    await inventory.refresh({ full: true });
    assert.equal(inventory.failures.get('inferenceComponent', component), undefined, 'nothing failed yet');
    await assert.rejects(invoke(), /no capacity/);
    emulator.advance(10 * 60);
    const before = reader.calls.get('FilterLogEvents') ?? 0;
    await inventory.refresh({ full: true });
    const explanation = inventory.failures.get('inferenceComponent', component);
    assert.ok(explanation, 'explained');
    assert.equal(explanation.kind, 'insufficientCapacity');
    assert.equal(explanation.title, 'no ml.g5.2xlarge capacity');
    assert.match(explanation.raw, /InsufficientInstanceCapacity/);
    assert.match(explanation.nextSteps[0], /Every type of the variant \(ml\.g5\.2xlarge, ml\.g6\.2xlarge\)/);
    assert.equal((reader.calls.get('FilterLogEvents') ?? 0) - before, 0, 'no container ran: no logs read');

    // Capacity returns and the next wake goes through: the explanation goes.
    await control('faults', 'DELETE');
    await assert.rejects(invoke(), /no capacity/);
    emulator.advance(10 * 60);
    await inventory.refresh({ full: true });
    assert.equal(inventory.failures.get('inferenceComponent', component), undefined, 'no longer failed');
  });

  it('a playground request held past its deadline names why no copy came and the next step', async () => {
    await control('faults', 'POST', { insufficientCapacity: ['ml.g5.2xlarge', 'ml.g6.2xlarge'] });
    const probe = createAwsProbe(clients, component);
    const clock = {
      now: () => emulator.now(),
      wait: async (ms: number, signal?: AbortSignal) => {
        if (signal?.aborted) throw new AbortError();
        emulator.advance(ms / 1000);
      },
    };
    const stopped = await sendHeld({ component, send: () => invoke().then(() => 'answered'), probe, clock, deadlineMs: 6 * 60_000 }).then(
      () => assert.fail('no copy can start'),
      (error: unknown) => error,
    );
    assert.ok(stopped instanceof HeldRequestStopped, String(stopped));
    assert.equal(stopped.reason, 'deadline');
    assert.equal(stopped.why?.kind, 'insufficientCapacity');
    assert.match(stopped.message, /within the deadline \(360 s\); the request was not sent again\. Why: no ml\.g5\.2xlarge capacity\. Next: Every type of the variant \(ml\.g5\.2xlarge, ml\.g6\.2xlarge\) was out of capacity/);
  });

  // Contract §3: each fault of the emulator's componentFaults, on a wake, explained from what the real SDK reads.
  const scenarios: { fault: string; kind: string; title: RegExp; evidence?: RegExp; raw: RegExp; logReads: number }[] = [
    { fault: 'insufficientCapacity', kind: 'insufficientCapacity', title: /^no ml\.g5\.2xlarge capacity$/, raw: /InsufficientInstanceCapacity/, logReads: 0 },
    { fault: 'quotaExceeded', kind: 'quotaExceeded', title: /^quota reached: ml\.g5\.2xlarge for endpoint usage \(\d+\)$/, raw: /account-level service limit/, logReads: 0 },
    { fault: 'imagePullDenied', kind: 'downloadDenied', title: /^image pull denied$/, raw: /BatchGetImage/, logReads: 0 },
    { fault: 'healthCheckTimeout', kind: 'healthCheckTimeout', title: /^health check not passed/, evidence: /still loading/, raw: /did not pass the ping health check/, logReads: 1 },
    { fault: 'outOfMemory', kind: 'outOfMemory', title: /^out of memory$/, evidence: /CUDA out of memory/, raw: /did not pass the ping health check/, logReads: 1 },
  ];
  for (const scenario of scenarios) {
    it(`${scenario.fault}: a failed wake explained as ${scenario.kind}`, async () => {
      await control('faults', 'POST', { componentFaults: { [component]: scenario.fault } });
      if (scenario.evidence) {
        // The health check gives up after 3600 s (no timeout set): the idle timeout would scale the wake back to 0 after 15 minutes first.
        await clients.cloudWatch.send(new DisableAlarmActionsCommand({ AlarmNames: [`${component}-idle-timeout`] }));
      }
      await inventory.refresh({ full: true });
      await assert.rejects(invoke(), /no capacity/);
      // Up to two hours: a health check gives up after 3600 s when the component sets no timeout.
      for (let step = 0; step < 48 && !inventory.failures.get('inferenceComponent', component); step++) {
        emulator.advance(150);
        await inventory.refresh({ full: true });
      }
      const explanation = inventory.failures.get('inferenceComponent', component);
      assert.ok(explanation, `${scenario.fault} explained: ${JSON.stringify({ status: inventory.component(component)?.snapshot?.status, activities: inventory.component(component)?.scaling?.activities.slice(0, 2) })}`);
      assert.equal(explanation.kind, scenario.kind, `${explanation.title}: ${explanation.raw}`);
      assert.match(explanation.title, scenario.title);
      assert.match(explanation.raw, scenario.raw);
      if (scenario.evidence) assert.ok(explanation.evidence.some((line) => scenario.evidence!.test(line)), explanation.evidence.join('\n'));
      assert.equal(inventory.failures.logReads, scenario.logReads, 'FilterLogEvents only where a container ran');
      if (scenario.kind === 'downloadDenied') {
        assert.match(explanation.policy ?? '', /"arn:aws:ecr:us-east-1:763104351884:repository\/djl-inference"/);
        assert.match(explanation.summary, /EmulatorSageMakerExecutionRole/);
      }
      // Another refresh of the same failure reads nothing more.
      await inventory.refresh({ full: true });
      assert.equal(inventory.failures.logReads, scenario.logReads);
    });
  }
});

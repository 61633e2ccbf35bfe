// Issue 15, item 10: a plan's new endpoint shows in the tree while the plan still waits for it. The
// plan session raises what each call changed; ChangeRefresh coalesces it into the Inventory's
// refreshAfterChange, as src/extension.ts wires them, against the emulator with its clock frozen
// (the endpoint stays Creating until the plan's wait moves the clock).
import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients } from '../../../src/aws/clients';
import { setCopyCount } from '../../../src/aws/resourceActions';
import { ChangeRefresh } from '../../../src/explorer/inventory/changeRefresh';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { Logger } from '../../../src/logging/logger';
import { type TouchedResources } from '../../../src/resources/touchedResources';
import { PlanSession, type PlanFeedback } from '../../../src/wizards/plans/planSession';
import { ScriptedUserInput } from '../../support/scriptedUserInput';
import { blogPlan, names } from '../wizards/plans/blogPlan';

const quietLogger = new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined });
const realDelay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the tree follows the extension\'s own actions at once, not at the next poll (issue 15, item 10)', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let inventory: Inventory;

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const now = () => new Date(emulator.now());
    inventory = new Inventory(await AccountReader.create(clients, { now }), now);
    await inventory.refresh();
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('a plan\'s new endpoint is in the inventory as Creating right after CreateEndpoint, before the plan finishes; a burst of calls costs few refreshes', async () => {
    const n = names('fresh');
    const plan = blogPlan(n);
    const timeline: string[] = [];
    const refreshed: TouchedResources[] = [];
    const changes = new ChangeRefresh({
      refresh: async (touched) => {
        refreshed.push(touched);
        await inventory.refreshAfterChange(touched);
        timeline.push(`tree: ${n.endpoint} ${inventory.endpoint(n.endpoint)?.summary.status ?? 'absent'}`);
      },
      debounceMs: 20,
      maxDelayMs: 100,
    });
    const feedback: PlanFeedback = {
      progress: (_title, task) => task((message) => timeline.push(`progress: ${message}`)),
      ask: async () => undefined,
      info: (message) => timeline.push(`info: ${message}`),
      warn: (message) => timeline.push(`warn: ${message}`),
      error: (message) => timeline.push(`error: ${message}`),
    };
    const session = new PlanSession({ feedback, logger: quietLogger, onTransitionStarted: () => undefined, onResourcesChanged: (touched) => changes.touch(touched) });
    await session.execute('Create Scale-to-Zero Endpoint', {
      clients,
      region: 'us-east-1',
      connectionKey: 'emulator',
      // Each wait takes a little real time (the refresh runs meanwhile), then moves the emulator's clock.
      wait: async (ms) => {
        await realDelay(150);
        emulator.advance(ms / 1000);
      },
      refresh: async () => undefined,
    }, new ScriptedUserInput(), plan, { runs: [] });
    await realDelay(300);
    changes.dispose();

    const creating = timeline.indexOf(`tree: ${n.endpoint} Creating`);
    const done = timeline.findIndex((line) => line.startsWith('info: ') && line.includes('done'));
    assert.ok(creating >= 0, `the tree showed the endpoint Creating:\n${timeline.join('\n')}`);
    assert.ok(done > creating, `…before the plan was done:\n${timeline.join('\n')}`);
    assert.ok(
      timeline.slice(0, creating).some((line) => /Create endpoint .*: waiting/.test(line)),
      `…while the plan waited for it:\n${timeline.join('\n')}`,
    );
    assert.ok(refreshed[0].endpoints.includes(n.endpoint), 'the first refresh names the new endpoint');
    assert.ok(refreshed.some((touched) => touched.components.includes(n.ic)), 'a refresh names the new inference component');
    const calls = plan.steps.filter((step) => step.service !== 'sagemaker' || step.operation !== 'CreateModel').length;
    assert.ok(refreshed.length < calls, `${refreshed.length} refreshes for ${plan.steps.length} calls`);
    // The last refresh ran after the scaling calls: the new component's target and wake alarm are in the tree.
    const scaling = inventory.component(n.ic)?.scaling;
    assert.equal(scaling?.target?.minCapacity, 0);
    assert.ok(scaling?.alarms.some((alarm) => alarm.metricName === 'NoCapacityInvocationFailures'), 'the wake alarm is read');
  });

  it('a refresh under way when the change is made does not hide it: one more runs after it', async () => {
    // A poll starts, then the copy count changes while it is still listing.
    const poll = inventory.refresh();
    await setCopyCount(clients, 'demo-llama3-8b', 0);
    const after = inventory.refreshAfterChange({ endpoints: [], components: ['demo-llama3-8b'] });
    await poll;
    await after;
    assert.equal(inventory.component('demo-llama3-8b')?.snapshot?.desiredCopyCount, 0);
    assert.match(inventory.component('demo-llama3-8b')?.lifecycle?.label ?? '', /Scaling in|Draining/);
  });
});

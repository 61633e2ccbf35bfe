// The five read tools of issue 21 against the emulator's demo account, with the real SDK: each answer
// is checked against what the services' own APIs return (DescribeEndpoint, DescribeInferenceComponent,
// DescribeScalableTargets, DescribeScalingActivities, GetSchedule), never against the tools' own logic.
import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { AccountReader } from '../../../src/aws/accountReader';
import { type AwsClients, createClients, loadSdk } from '../../../src/aws/clients';
import { emulatorCredentials } from '../../../src/aws/connection';
import { readTools } from '../../../src/agentTools/reading/readTools';
import { emulatorToolAccount, toolRunnerOn } from './support/emulatorToolAccount';
import { AgentToolError, type AgentToolRunner } from '../../../src/agentTools/toolRunner';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { formatHourlyUsd, roundToCents } from '../../../src/money/dollars';
import { hourlyPrice } from '../../../src/cost/pricing';

const llama = 'demo-llama3-8b';
const mistral = 'demo-mistral-7b';
const embeddings = 'demo-embeddings';

describe('Agent read tools against the emulator (issue 21)', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let runner: AgentToolRunner;
  const answers: string[] = [];

  async function call(name: string, input: unknown): Promise<string> {
    const text = await runner.invoke(`sagemakerScaleToZero_${name}`, input);
    answers.push(text);
    return text;
  }

  /** The bullet of one component in listEndpoints' answer. */
  function componentLine(answer: string, component: string): string {
    const line = answer.split('\n').find((candidate) => candidate.includes(`\`${component}\`:`));
    assert.ok(line, `a line for ${component} in:\n${answer}`);
    return line;
  }

  beforeEach(async () => {
    // Wednesday 10:00 UTC: the demo's weekend schedules do not fire during a test.
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', startTime: Date.UTC(2026, 11, 9, 10) });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    runner = await runnerOn(new Inventory(await AccountReader.create(clients, { now: () => new Date(emulator.now()) }), { now: () => new Date(emulator.now()), region: 'us-east-1' }));
  });

  /** The read tools on `inventory`, through the runner as the extension calls them. */
  async function runnerOn(inventory: Inventory): Promise<AgentToolRunner> {
    return toolRunnerOn(emulatorToolAccount({ emulator, clients, inventory, label: `local emulator at ${emulator.url}`, defaultTimeZone: 'UTC' }), readTools);
  }

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  after(() => {
    // No answer carries the connection's credentials.
    const { accessKeyId, secretAccessKey } = emulatorCredentials();
    assert.ok(answers.length > 10, 'the answers were collected');
    for (const answer of answers) {
      assert.ok(!answer.includes(accessKeyId) && !answer.includes(secretAccessKey), `no credential in:\n${answer}`);
    }
  });

  async function describeComponent(name: string) {
    const sdk = await loadSdk();
    return clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: name }));
  }

  async function describeEndpoint(name: string) {
    const sdk = await loadSdk();
    return clients.sageMaker.send(new sdk.DescribeEndpointCommand({ EndpointName: name }));
  }

  it('listEndpoints: every endpoint and component, with the copy, instance and scalable-target counts the APIs return', async () => {
    const sdk = await loadSdk();
    const answer = await call('listEndpoints', {});
    assert.match(answer, /^Endpoints \(`local emulator at /);
    const listed = await clients.sageMaker.send(new sdk.ListEndpointsCommand({}));
    assert.match(answer, new RegExp(`^${listed.Endpoints!.length} endpoints\\.$`, 'm'));
    for (const summary of listed.Endpoints!) {
      const endpoint = await describeEndpoint(summary.EndpointName!);
      const variant = endpoint.ProductionVariants![0];
      const block = answer.slice(answer.indexOf(`- \`${summary.EndpointName}\`:`));
      assert.ok(block.includes(`Instances ${variant.CurrentInstanceCount}/${variant.DesiredInstanceCount} (current/desired)`), `${summary.EndpointName} instances in:\n${block}`);
    }
    for (const name of [llama, mistral, embeddings]) {
      const ic = await describeComponent(name);
      const line = componentLine(answer, name);
      assert.ok(line.includes(`copies ${ic.RuntimeConfig!.CurrentCopyCount}/${ic.RuntimeConfig!.DesiredCopyCount} (current/desired)`), line);
      const targets = await clients.autoScaling.send(
        new sdk.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [`inference-component/${name}`] }),
      );
      const target = targets.ScalableTargets![0];
      assert.ok(line.includes(`scalable target min ${target.MinCapacity}, max ${target.MaxCapacity}`), line);
    }
    assert.match(componentLine(answer, llama), /Warm \(warm\).*idle timeout: sleeps after 15 idle min/);
    assert.match(componentLine(answer, embeddings), /Cold \(cold\).*no idle timeout/);
    // The always-on endpoint keeps an instance (MinCapacity 1): not ready, with the tool that says why.
    const alwaysOn = answer.slice(answer.indexOf('- `demo-always-on`:'), answer.indexOf('- `demo-cold`:'));
    assert.match(alwaysOn, /Readiness: not ready: \d+ failing checks? \(sagemakerScaleToZero_getReadiness/);
    assert.match(alwaysOn, new RegExp(`Cost now: ≈ ${formatHourlyUsd(hourlyPrice('ml.g5.2xlarge')!).replace(/[$.]/g, '\\$&')} for 1 × ml\\.g5\\.2xlarge`));
  });

  it('listEndpoints filters by name (endpoint or component, any case) and by component state', async () => {
    const byComponent = await call('listEndpoints', { nameContains: 'LLAMA' });
    assert.match(byComponent, /^1 of 3 endpoints match\.$/m);
    assert.ok(byComponent.includes('- `demo-scale-to-zero`:'));
    assert.ok(!byComponent.includes('demo-always-on'));
    const cold = await call('listEndpoints', { state: 'cold' });
    assert.ok(componentLine(cold, embeddings));
    assert.ok(!cold.includes(llama), cold);
    // The demo's component idles to zero: its endpoint is then listed as cold too (the emulator's own count says 0).
    emulator.advance(30 * 60);
    assert.equal((await describeComponent(llama)).RuntimeConfig!.CurrentCopyCount, 0);
    const later = await call('listEndpoints', { state: 'cold' });
    assert.match(componentLine(later, llama), /copies 0\/0/);
    const none = await call('listEndpoints', { nameContains: 'no-such-thing' });
    assert.match(none, /None of the 3 endpoints has a name containing `no-such-thing`/);
  });

  it('getReadiness: the verdict and the failing checks with their fixes, or an error naming an unknown endpoint', async () => {
    const ready = await call('getReadiness', { endpointName: 'demo-scale-to-zero' });
    assert.match(ready, /^Will `demo-scale-to-zero` scale to zero\? \(`local emulator/);
    assert.match(ready, /Ready/);
    assert.match(ready, /Passing checks: \d+ \(/);
    const notReady = await call('getReadiness', { endpointName: 'demo-always-on' });
    assert.match(notReady, /✗ \*\*Not ready\*\*/);
    assert.match(notReady, /To fix \(\d+\):/);
    // The scalable target's MinCapacity (1, as DescribeScalableTargets says) is what keeps its copy.
    assert.match(notReady, /Found: .*MinCapacity.*1/);
    assert.match(notReady, /What to do: /);
    assert.match(notReady, /\(Inference component `demo-mistral-7b`\)/);
    await assert.rejects(call('getReadiness', { endpointName: 'demo-nowhere' }), (error: Error) => {
      assert.ok(error instanceof AgentToolError);
      assert.match(error.message, /no endpoint named demo-nowhere .*Call sagemakerScaleToZero_listEndpoints/);
      return true;
    });
  });

  it('getCost: the running instances and their price per endpoint, and a total line over all of them', async () => {
    const price = hourlyPrice('ml.g5.2xlarge')!;
    const one = await call('getCost', { endpointName: 'demo-scale-to-zero', days: 3 });
    assert.match(one, /^Cost over the last 3 days \(`local emulator/);
    const variant = (await describeEndpoint('demo-scale-to-zero')).ProductionVariants![0];
    assert.ok(one.includes(`Now: ≈ ${formatHourlyUsd(price * variant.CurrentInstanceCount!)} for ${variant.CurrentInstanceCount} × ml.g5.2xlarge`), one);
    assert.match(one, /No saving to show|Saved /);
    assert.ok(!one.includes('**Total**'), 'no total for one endpoint');
    const all = await call('getCost', {});
    assert.match(all, /^Cost over the last 7 days/);
    // Two endpoints run one ml.g5.2xlarge each (DescribeEndpoint), demo-cold none.
    const running = (await Promise.all(['demo-always-on', 'demo-cold', 'demo-scale-to-zero'].map(describeEndpoint))).reduce((sum, endpoint) => sum + endpoint.ProductionVariants![0].CurrentInstanceCount!, 0);
    assert.equal(running, 2);
    // Each endpoint's hourly figure is rounded to cents, as its line shows; the total adds the lines.
    assert.ok(all.includes(`**Total**: ≈ ${formatHourlyUsd(2 * roundToCents(price))} now for 2 running instances`), all);
    assert.match(all, /- `demo-cold`\n {2}- Now: \$0\.00\/h: no instance is running/);

    // Three hours later the demo component has idled to zero (15 min) and its instance was released: a saving, and nothing runs.
    emulator.advance(3 * 3600);
    assert.equal((await describeEndpoint('demo-scale-to-zero')).ProductionVariants![0].CurrentInstanceCount, 0);
    const later = await call('getCost', { endpointName: 'demo-scale-to-zero' });
    assert.match(later, /Now: \$0\.00\/h: no instance is running/);
    const saved = /Saved (\d+\.\d) instance-hours \(≈ \$(\d+\.\d\d)\)/.exec(later);
    assert.ok(saved, later);
    assert.ok(Number(saved[1]) > 2 && Number(saved[1]) < 3, `between 2 and 3 instance-hours saved: ${saved[1]}`);
  });

  it('getRecentWakes: none on a fresh account (with its wake alarm named), then the wake the emulator recorded, phase by phase', async () => {
    const none = await call('getRecentWakes', { inferenceComponentName: llama });
    assert.match(none, /No wake in the last 7 days/);
    assert.match(none, /Its wake alarm is `demo-llama3-8b-no-capacity`\./);
    const noAlarm = await call('getRecentWakes', { inferenceComponentName: mistral, days: 1 });
    assert.match(noAlarm, /No wake in the last day/);
    assert.match(noAlarm, /It has no wake alarm/);

    emulator.advance(30 * 60);
    const sdk = await loadSdk();
    await assert.rejects(
      clients.runtime.send(new sdk.InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: llama, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hi' }) })),
      /no capacity/i,
    );
    for (let step = 0; step < 200 && (await describeComponent(llama)).RuntimeConfig!.CurrentCopyCount === 0; step++) emulator.advance(10);
    assert.equal((await describeComponent(llama)).RuntimeConfig!.CurrentCopyCount, 1, 'woke');
    const answer = await call('getRecentWakes', { inferenceComponentName: llama });
    assert.match(answer, /^1 wake, newest first \(times in `UTC`\)/m);
    const activities = await clients.autoScaling.send(
      new sdk.DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', ResourceId: `inference-component/${llama}`, ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount' }),
    );
    const wake = activities.ScalingActivities!.find((activity) => /desired copy count to 1/i.test(activity.Description ?? ''))!;
    const started = wake.StartTime!.toISOString().replace('T', ' ').slice(0, 19);
    assert.ok(answer.includes(`- **${started}**: succeeded`), `the wake started ${started} in:\n${answer}`);
    assert.match(answer, /Instance provisioning, image pull and model download: \d/);
    assert.match(answer, /First answer: not measured \(No answered request/);
    assert.match(answer, /Medians over 1 wake:/);
  });

  it('listSchedules: the weekend schedules with the expression, zone, action and next fire times GetSchedule implies; none elsewhere', async () => {
    const answer = await call('listSchedules', { inferenceComponentName: llama });
    assert.match(answer, /^Schedules of `demo-llama3-8b` \(`local emulator/);
    for (const name of ['demo-llama3-8b-weekend-scale-to-zero', 'demo-llama3-8b-monday-scale-out']) {
      const schedule = await clients.scheduler.send(new GetScheduleCommand({ Name: name }));
      assert.ok(answer.includes(`Schedule \`${name}\` (EventBridge Scheduler`), name);
      const line = `\`${schedule.ScheduleExpression}\` in \`${schedule.ScheduleExpressionTimezone}\`, ${schedule.State === 'ENABLED' ? 'enabled' : 'disabled'}`;
      assert.ok(answer.includes(line), `${line} in:\n${answer}`);
    }
    // Friday 18:00 and Monday 07:00 in Paris, from Wednesday 2026-12-09.
    assert.ok(answer.includes('sets the copy count of `demo-llama3-8b` to 0 (sleeps)'), answer);
    assert.ok(answer.includes('next: Fri 2026-12-11 18:00 Europe/Paris, Fri 2026-12-18 18:00 Europe/Paris, Fri 2026-12-25 18:00 Europe/Paris'), answer);
    assert.ok(answer.includes('next: Mon 2026-12-14 07:00 Europe/Paris'), answer);
    const none = await call('listSchedules', { inferenceComponentName: mistral });
    assert.match(none, /`demo-mistral-7b` has no schedule/);
    assert.match(none, /sagemakerScaleToZero_scheduleWeekendSleep/);
    const all = await call('listSchedules', {});
    assert.match(all, /^1 inference component has schedules\.$/m);
    await assert.rejects(call('listSchedules', { inferenceComponentName: 'demo-nobody' }), /no inference component named demo-nobody/);
  });

  it('reads a big account (described on request only) before answering: the same counts as the APIs', async () => {
    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    // Two resources at most are read whole: the demo's six make it a big account, whose rows the tree would describe on request.
    const inventory = new Inventory(reader, { now: () => new Date(emulator.now()), region: 'us-east-1', eagerLimit: 2 });
    runner = await runnerOn(inventory);
    const answer = await call('listEndpoints', {});
    assert.equal(inventory.isLazy, true);
    for (const name of [llama, mistral, embeddings]) {
      const ic = await describeComponent(name);
      assert.ok(componentLine(answer, name).includes(`copies ${ic.RuntimeConfig!.CurrentCopyCount}/${ic.RuntimeConfig!.DesiredCopyCount} (current/desired)`), answer);
    }
    assert.match(await call('getReadiness', { endpointName: 'demo-scale-to-zero' }), /✓ \*\*Ready\*\*/);
    assert.match(await call('listSchedules', {}), /`demo-llama3-8b-weekend-scale-to-zero`/);
  });

  it('rejects malformed input in one sentence naming the field, before reading anything', async () => {
    await assert.rejects(call('getReadiness', {}), /getReadiness: The field "endpointName" is required/);
    await assert.rejects(call('getCost', { days: 99 }), /The field "days" must be at most 30\./);
    await assert.rejects(call('getRecentWakes', { inferenceComponentName: 'bad name!' }), /not a valid inference component name/);
    await assert.rejects(call('listEndpoints', { colour: 'red' }), /Unknown field "colour": this tool takes only "nameContains" and "state"\./);
    await assert.rejects(call('listEndpoints', { state: 'asleep' }), /The field "state" must be one of warm, /);
  });
});

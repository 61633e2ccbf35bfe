import * as assert from 'node:assert/strict';
import { AccountReader } from '../../../src/aws/accountReader';
import { readActivityHistory } from '../../../src/aws/activityHistory';
import { createClients, loadSdk, type AwsClients } from '../../../src/aws/clients';
import { setCopyCount } from '../../../src/aws/resourceActions';
import { Inventory } from '../../../src/explorer/inventory/inventory';
import { createAwsProbe } from '../../../src/playground/coldStart/probe';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

/** What the emulator received, by operation, since the last `clearRequests`. */
async function requests(emulator: RunningEmulator): Promise<Record<string, number>> {
  const response = await fetch(`${emulator.url}/__emulator/requests`);
  return ((await response.json()) as { requests: Record<string, number> }).requests;
}

async function clearRequests(emulator: RunningEmulator): Promise<void> {
  await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
}

const unrelatedAlarms = 450;
const unrelatedSchedules = 260;

/**
 * The demo account inside a big one: hundreds of alarms and schedules that belong to nothing the
 * explorer shows (other services' alarms, other teams' schedules), made through the real SDK clients.
 */
async function addUnrelated(clients: AwsClients): Promise<void> {
  const sdk = await loadSdk();
  const alarms = Array.from({ length: unrelatedAlarms }, (_, index) => () =>
    clients.cloudWatch.send(
      new sdk.PutMetricAlarmCommand({
        AlarmName: `other-team-${String(index).padStart(4, '0')}-cpu`,
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: `i-${String(index).padStart(17, '0')}` }],
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 90,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    ),
  );
  const schedules = Array.from({ length: unrelatedSchedules }, (_, index) => () =>
    clients.scheduler.send(
      new sdk.CreateScheduleCommand({
        Name: `other-team-nightly-${String(index).padStart(4, '0')}`,
        ScheduleExpression: 'cron(0 2 * * ? *)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: 'arn:aws:lambda:us-east-1:123456789012:function:nightly', RoleArn: 'arn:aws:iam::123456789012:role/Scheduler' },
      }),
    ),
  );
  const made = [...alarms, ...schedules];
  // Fifty at a time, as a script would.
  for (let start = 0; start < made.length; start += 50) await Promise.all(made.slice(start, start + 50).map((make) => make()));
}

describe('Inventory refresh wave in an account with many unrelated alarms and schedules', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let reader: AccountReader;
  let inventory: Inventory;
  let realTime: number;

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  after(async () => {
    clients.destroy();
    await emulator.close();
  });

  beforeEach(async () => {
    emulator.reset('demo');
    await addUnrelated(clients);
    const now = () => new Date(emulator.now());
    realTime = 0;
    reader = await AccountReader.create(clients, { now });
    inventory = new Inventory(reader, { now, clock: () => realTime, reconcileIntervalMs: 5 * 60_000 });
  });

  it('while a component moves, each wave reads only the alarms and schedules of what it reads, by name', async () => {
    await inventory.refresh();
    const before = inventory.component('demo-llama3-8b')!.scaling!;
    assert.ok(before.alarms.length >= 2 && before.schedules.length === 2, 'the first (account-wide) read found the demo setup');
    await setCopyCount(clients, 'demo-llama3-8b', 0);
    for (let wave = 0; wave < 3; wave++) {
      realTime += 3000;
      await clearRequests(emulator);
      await inventory.refresh();
      assert.equal(inventory.anyInTransition(), true, 'something moves: the scheduler would refresh every 3 s');
      const counts = await requests(emulator);
      assert.equal(counts.ListSchedules ?? 0, 0, `wave ${wave}: no ListSchedules (${JSON.stringify(counts)})`);
      assert.ok((counts.DescribeAlarms ?? 0) <= 1, `wave ${wave}: one DescribeAlarms by name at most, not ${counts.DescribeAlarms} pages of every alarm`);
      // Two components move or stay watched here (the moving one and the demo's cold one): their schedules only.
      assert.ok((counts.GetSchedule ?? 0) <= 2, `wave ${wave}: the moving component's 2 schedules at most, read ${counts.GetSchedule}`);
    }
    const moving = inventory.component('demo-llama3-8b')!.scaling!;
    const wide = (await reader.readScaling(['demo-llama3-8b'])).byComponent.get('demo-llama3-8b')!;
    assert.deepEqual(moving.alarms, wide.alarms, 'the wave found the same alarms as an account-wide read');
    assert.deepEqual(moving.schedules, wide.schedules, 'and the same schedules');
  });

  it('lists the account\'s alarms and schedules again on a full refresh and once per reconcile interval, so one made elsewhere shows', async () => {
    await inventory.refresh();
    await setCopyCount(clients, 'demo-llama3-8b', 0);
    const sdk = await loadSdk();
    // An alarm on the component's metric made outside the extension (the console, a colleague).
    await clients.cloudWatch.send(
      new sdk.PutMetricAlarmCommand({
        AlarmName: 'zz-console-made-llama-latency',
        Namespace: 'AWS/SageMaker',
        MetricName: 'ModelLatency',
        Dimensions: [{ Name: 'InferenceComponentName', Value: 'demo-llama3-8b' }],
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 5000,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    realTime += 3000;
    await clearRequests(emulator);
    await inventory.refresh();
    assert.equal((await requests(emulator)).ListSchedules ?? 0, 0, 'a wave inside the interval reads by name');
    realTime += 5 * 60_000;
    await clearRequests(emulator);
    await inventory.refresh();
    const counts = await requests(emulator);
    assert.ok((counts.DescribeAlarms ?? 0) >= Math.ceil(unrelatedAlarms / 100), `after the interval the alarms are listed whole (${counts.DescribeAlarms} pages)`);
    assert.ok((counts.ListSchedules ?? 0) >= Math.ceil(unrelatedSchedules / 100), `and the schedules (${counts.ListSchedules} pages)`);
    assert.ok(inventory.component('demo-llama3-8b')!.scaling!.alarms.some((alarm) => alarm.name === 'zz-console-made-llama-latency'), 'the new alarm shows');
    await clearRequests(emulator);
    realTime += 3000;
    await inventory.refresh();
    assert.ok(((await requests(emulator)).DescribeAlarms ?? 0) <= 1, 'the next wave reads by name again');
    assert.ok(inventory.component('demo-llama3-8b')!.scaling!.alarms.some((alarm) => alarm.name === 'zz-console-made-llama-latency'), 'and keeps it');
  });

  it('reads a component with a scaling policy the last account-wide read did not see account-wide (its alarms may be new)', async () => {
    await inventory.refresh();
    const sdk = await loadSdk();
    await setCopyCount(clients, 'demo-llama3-8b', 0);
    await clients.autoScaling.send(
      new sdk.PutScalingPolicyCommand({
        PolicyName: 'second-wake-step',
        ServiceNamespace: 'sagemaker',
        ResourceId: 'inference-component/demo-llama3-8b',
        ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
      }),
    );
    realTime += 3000;
    await clearRequests(emulator);
    await inventory.refresh();
    assert.ok(((await requests(emulator)).DescribeAlarms ?? 0) >= Math.ceil(unrelatedAlarms / 100), 'a policy unseen so far: the alarms are listed whole');
    realTime += 3000;
    await clearRequests(emulator);
    await inventory.refresh();
    assert.ok(((await requests(emulator)).DescribeAlarms ?? 0) <= 1, 'then by name again');
  });
});

describe('Pagination that repeats its NextToken', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  /** Makes every answer of `command` carry NextToken "same", served as the first page again; throws past 20 pages. */
  function repeatToken(client: AwsClients['cloudWatch'] | AwsClients['autoScaling'] | AwsClients['scheduler'], command: string): { pages: number } {
    const seen = { pages: 0 };
    (client.middlewareStack as AwsClients['cloudWatch']['middlewareStack']).add(
      (next, context) => async (args) => {
        if (context.commandName !== command) return next(args);
        const input = args.input as { NextToken?: string };
        if (input.NextToken === 'same') delete input.NextToken;
        if (++seen.pages > 20) throw new Error(`${command} asked for page ${seen.pages}: the pagination loops`);
        const result = await next(args);
        (result.output as { NextToken?: string }).NextToken = 'same';
        return result;
      },
      { step: 'initialize', name: `repeatNextToken${command}` },
    );
    return seen;
  }

  it('the playground\'s cold-start probe and the activity history stop at a repeated token too', async () => {
    const alarms = repeatToken(clients.cloudWatch, 'DescribeAlarmsCommand');
    const signals = await createAwsProbe(clients, 'demo-llama3-8b').wakeSignals();
    assert.equal(alarms.pages, 2, 'the page with the repeated token is the last DescribeAlarms asked for');
    assert.ok(signals.alarm, 'the wake alarm on the first page is found');
    const activities = repeatToken(clients.autoScaling, 'DescribeScalingActivitiesCommand');
    await readActivityHistory(clients, 'demo-llama3-8b', new Date(0));
    assert.equal(activities.pages, 2, 'the page with the repeated token is the last DescribeScalingActivities asked for');
  });

  it('stops with a warning when ListSchedules returns the same token twice, instead of asking forever', async () => {
    // The service's fault: every ListSchedules answer carries NextToken "same", and a request with
    // that token is answered like the first one (the emulator serves the page; the token is rewritten
    // on the way in and out). After 20 pages the answers become errors, so a loop ends the test.
    const schedules = repeatToken(clients.scheduler, 'ListSchedulesCommand');
    const warnings: string[] = [];
    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()), warn: (message) => warnings.push(message) });
    const read = await reader.readScaling(['demo-llama3-8b']);
    assert.deepEqual(read.problems, []);
    assert.equal(schedules.pages, 2, 'the page with the repeated token is the last one asked for');
    assert.equal(reader.calls.get('ListSchedules'), 2);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^ListSchedules returned a page token it had already returned after 2 pages: stopped reading further pages/);
    assert.deepEqual(
      read.byComponent.get('demo-llama3-8b')!.schedules.map((schedule) => schedule.name),
      ['demo-llama3-8b-monday-scale-out', 'demo-llama3-8b-weekend-scale-to-zero'],
      'what the pages held shows, each schedule once',
    );
  });
});

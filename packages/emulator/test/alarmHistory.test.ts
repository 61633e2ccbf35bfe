import * as assert from 'node:assert/strict';
import { DeleteAlarmsCommand, DescribeAlarmHistoryCommand, type AlarmHistoryItem, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { errorOf } from './harness';
import { addNoCapacityAlarm, addScalingPolicies, deployScaleToZero, startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';
import { historyRetentionMs } from '../src/cloudwatch/alarmHistory';

const alarmName = 'ic-step-scaling-policy-alarm';

describe('emulator: CloudWatch alarm history (DescribeAlarmHistory: configuration updates, state changes, actions)', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
  });
  afterEach(() => stopScalingHarness(h));

  const history = async (input: Partial<ConstructorParameters<typeof DescribeAlarmHistoryCommand>[0]> = {}): Promise<AlarmHistoryItem[]> =>
    (await h.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarmName, ...input }))).AlarmHistoryItems ?? [];

  it('records the wake: created, OK → ALARM with the evaluated datapoints, and the scaling action it ran, newest first', async () => {
    await deployScaleToZero(h);
    const { stepArn } = await addScalingPolicies(h);
    await addNoCapacityAlarm(h, stepArn, 'blog');
    const created = await history();
    assert.deepEqual(created.map((item) => [item.HistoryItemType, item.HistorySummary]), [['ConfigurationUpdate', `Alarm "${alarmName}" created`]]);
    assert.equal(JSON.parse(created[0].HistoryData!).type, 'Create');
    // Zero copies, then one refused request: the alarm fires and runs the step policy.
    await h.sagemaker.send(new (await import('@aws-sdk/client-sagemaker')).UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'ic', DesiredRuntimeConfig: { CopyCount: 0 } }));
    h.emulator.advance(60);
    await errorOf(() => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', InferenceComponentName: 'ic', ContentType: 'application/json', Body: '{"inputs":"hi"}' })));
    const refusedAt = h.emulator.now();
    h.emulator.advance(120);
    const items = await history();
    const state = items.find((item) => item.HistoryItemType === 'StateUpdate' && item.HistorySummary!.endsWith('to ALARM'))!;
    assert.ok(state, JSON.stringify(items.map((item) => item.HistorySummary)));
    assert.match(state.HistorySummary!, /^Alarm updated from (INSUFFICIENT_DATA|OK) to ALARM$/);
    const data = JSON.parse(state.HistoryData!) as { version: string; oldState: { stateValue: string }; newState: { stateValue: string; stateReason: string; stateReasonData: { startDate: string; recentDatapoints: number[]; evaluatedDatapoints: { timestamp: string; value: number }[] } } };
    assert.equal(data.version, '1.0');
    assert.equal(data.newState.stateValue, 'ALARM');
    assert.match(data.newState.stateReason, /^Threshold Crossed/);
    assert.deepEqual(data.newState.stateReasonData.recentDatapoints, [1]);
    assert.equal(data.newState.stateReasonData.evaluatedDatapoints[0].value, 1);
    const firedAt = state.Timestamp!.getTime();
    assert.ok(firedAt > refusedAt && firedAt - refusedAt <= 90_000, `fired ${(firedAt - refusedAt) / 1000} s after the refused request`);
    const action = items.find((item) => item.HistoryItemType === 'Action')!;
    assert.equal(action.HistorySummary, `Successfully executed action ${stepArn}`);
    assert.equal(action.Timestamp!.getTime(), firedAt);
    assert.equal(JSON.parse(action.HistoryData!).actionState, 'Succeeded');
    // Newest first by default; TimestampAscending reverses; one type at a time.
    const times = items.map((item) => item.Timestamp!.getTime());
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const ascending = await history({ ScanBy: 'TimestampAscending' });
    assert.equal(ascending[0].HistorySummary, `Alarm "${alarmName}" created`);
    assert.deepEqual((await history({ HistoryItemType: 'Action' })).map((item) => item.HistoryItemType).filter((type) => type !== 'Action'), []);
  });

  it('pages with MaxRecords and NextToken, filters by dates, keeps the history of a deleted alarm, and forgets items after 30 days', async () => {
    await h.cw.send(new PutMetricAlarmCommand({ AlarmName: alarmName, MetricName: 'M', Namespace: 'N', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));
    const start = h.emulator.now();
    for (let index = 0; index < 6; index++) {
      h.emulator.advance(1);
      await h.cw.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: index % 2 === 0 ? 'ALARM' : 'OK', StateReason: `step ${index}` }));
    }
    await h.cw.send(new PutMetricAlarmCommand({ AlarmName: alarmName, MetricName: 'M', Namespace: 'N', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 2, ComparisonOperator: 'GreaterThanThreshold' }));
    const all: AlarmHistoryItem[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await h.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: alarmName, MaxRecords: 3, NextToken }));
      all.push(...(page.AlarmHistoryItems ?? []));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assert.equal(all.length, 8);
    assert.equal(pages, 3);
    assert.equal(all[0].HistorySummary, `Alarm "${alarmName}" updated`);
    assert.deepEqual(Object.keys(JSON.parse(all[0].HistoryData!)), ['type', 'version', 'oldAlarm', 'updatedAlarm']);
    assert.equal(all[1].HistorySummary, 'Alarm updated from ALARM to OK');
    const between = await history({ StartDate: new Date(start + 2000), EndDate: new Date(start + 3000), HistoryItemType: 'StateUpdate' });
    assert.deepEqual(between.map((item) => JSON.parse(item.HistoryData!).newState.stateReason), ['step 2', 'step 1']);
    await h.cw.send(new DeleteAlarmsCommand({ AlarmNames: [alarmName] }));
    assert.equal((await history()).length, 8, 'CloudWatch retains the history of an alarm even if you delete the alarm');
    h.emulator.advance(historyRetentionMs / 1000 - 3);
    assert.equal((await history()).length, 5, 'the items older than 30 days are gone');
    h.emulator.advance(10);
    assert.deepEqual(await history(), []);
  });
});

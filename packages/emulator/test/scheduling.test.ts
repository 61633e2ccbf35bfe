import * as assert from 'node:assert/strict';
import { DeleteScheduledActionCommand, DescribeScalableTargetsCommand, PutScheduledActionCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, ListSchedulesCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { nextOccurrence, parseScheduleExpression } from '@s2z/schedule-expressions';
import { isValidTimeZone } from '@s2z/schedule-expressions';
import { errorOf } from './harness';
import { deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

const iso = (ms: number | undefined) => (ms === undefined ? 'none' : new Date(ms).toISOString());
const next = (expression: string, after: string, zone = 'UTC') => iso(nextOccurrence(parseScheduleExpression(expression), zone, Date.parse(after), Date.parse(after)));

describe('emulator: schedule expressions', () => {
  it('evaluates cron with ?, L, W, #, ranges, lists and steps', () => {
    assert.equal(next('cron(0 10 L * ? *)', '2024-02-03T00:00:00Z'), '2024-02-29T10:00:00.000Z');
    assert.equal(next('cron(0 10 LW * ? *)', '2025-05-01T00:00:00Z'), '2025-05-30T10:00:00.000Z');
    assert.equal(next('cron(0 10 15W * ? *)', '2025-06-01T00:00:00Z'), '2025-06-16T10:00:00.000Z');
    assert.equal(next('cron(0 10 1W * ? *)', '2025-02-15T00:00:00Z'), '2025-03-03T10:00:00.000Z');
    assert.equal(next('cron(0/15 9-10 ? * 2#1 *)', '2025-06-01T00:00:00Z'), '2025-06-02T09:00:00.000Z');
    assert.equal(next('cron(0/15 9-10 ? * 2#1 *)', '2025-06-02T10:45:00Z'), '2025-07-07T09:00:00.000Z');
    assert.equal(next('cron(30 8 ? * 6L *)', '2025-01-01T00:00:00Z'), '2025-01-31T08:30:00.000Z');
    assert.equal(next('cron(5,35 1,13 ? JAN-MAR MON-FRI 2025)', '2025-03-31T13:35:00Z'), 'none');
    assert.equal(next('cron(5,35 1,13 ? JAN-MAR MON-FRI 2025)', '2025-03-31T13:06:00Z'), '2025-03-31T13:35:00.000Z');
    assert.equal(next('cron(0 0 1 */3 ? *)', '2025-01-02T00:00:00Z'), '2025-04-01T00:00:00.000Z');
    assert.equal(next('rate(5 minutes)', '2025-01-01T00:00:30Z'), '2025-01-01T00:01:00.000Z');
    assert.equal(next('at(2025-07-01T12:00:00)', '2025-01-01T00:00:00Z', 'Europe/Paris'), '2025-07-01T10:00:00.000Z');
    assert.equal(next('at(2024-07-01T12:00:00)', '2025-01-01T00:00:00Z'), 'none');
  });

  it('handles DST as AWS does: a skipped local time does not fire, a repeated one fires once', () => {
    assert.equal(next('cron(30 2 * * ? *)', '2025-03-29T12:00:00Z', 'Europe/Paris'), '2025-03-31T00:30:00.000Z');
    const first = next('cron(30 2 * * ? *)', '2025-10-25T12:00:00Z', 'Europe/Paris');
    assert.equal(first, '2025-10-26T00:30:00.000Z');
    assert.equal(next('cron(30 2 * * ? *)', first, 'Europe/Paris'), '2025-10-27T01:30:00.000Z');
  });

  it('rejects malformed expressions and non-IANA zones', () => {
    for (const bad of ['cron(0 18 * * 6 *)', 'cron(0 18 ? * 6)', 'cron(61 18 ? * 6 *)', 'cron(0 18 ? * 8 *)', 'rate(1 minutes)', 'rate(5 minute)', 'rate(0 hours)', 'at(2025-02-30T10:00:00)', 'every friday']) {
      assert.throws(() => parseScheduleExpression(bad), Error, bad);
    }
    assert.equal(isValidTimeZone('Europe/Paris'), true);
    assert.equal(isValidTimeZone('UTC+1'), false);
    assert.equal(isValidTimeZone('Mars/Olympus'), false);
  });
});

describe('emulator: EventBridge Scheduler and scheduled actions', () => {
  let h: ScalingHarness;
  // Wednesday 26 March 2025, 12:00 UTC: Paris moves to summer time on Sunday 30 March.
  beforeEach(async () => {
    h = await startScalingHarness({ startTime: Date.UTC(2025, 2, 26, 12) });
  });
  afterEach(() => stopScalingHarness(h));

  const target = (copies: number, ic = 'ic') => ({
    RoleArn: 'arn:aws:iam::123456789012:role/SchedulerRole',
    Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig',
    Input: JSON.stringify({ DesiredRuntimeConfig: { CopyCount: copies }, InferenceComponentName: ic }),
  });
  const copies = async () => (await h.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'ic' }))).RuntimeConfig?.DesiredCopyCount;

  it('fires a Friday-18:00 Europe/Paris schedule at the right UTC instant on both sides of a DST change, calling SageMaker', async () => {
    await deployScaleToZero(h);
    await h.scheduler.send(
      new CreateScheduleCommand({
        Name: 'scale-to-zero-schedule',
        ScheduleExpression: 'cron(00 18 ? * 6 2024-2025)',
        ScheduleExpressionTimezone: 'Europe/Paris',
        Target: target(0),
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        StartDate: new Date('2024-11-29T00:00:00Z'),
        EndDate: new Date('2025-12-31T23:59:59Z'),
      }),
    );
    const got = await h.scheduler.send(new GetScheduleCommand({ Name: 'scale-to-zero-schedule' }));
    assert.equal(got.ScheduleExpressionTimezone, 'Europe/Paris');
    assert.equal(got.State, 'ENABLED');
    assert.equal(got.Arn, 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/scale-to-zero-schedule');
    assert.ok(got.CreationDate instanceof Date);
    const state = () => h.emulator.state() as unknown as { schedules: { nextRunAt: number }[]; scheduleInvocations: { at: number; outcome: string; errorMessage?: string }[] };
    // Friday 28 March 18:00 CET is 17:00 UTC.
    assert.equal(iso(state().schedules[0].nextRunAt * 1000), '2025-03-28T17:00:00.000Z');
    h.emulator.advance((Date.UTC(2025, 2, 28, 17) - h.emulator.now()) / 1000 - 60);
    assert.equal(await copies(), 1);
    h.emulator.advance(60);
    assert.equal(await copies(), 0);
    assert.equal(iso(state().scheduleInvocations[0].at * 1000), '2025-03-28T17:00:00.000Z');
    assert.equal(state().scheduleInvocations[0].outcome, 'Succeeded');
    // Friday 4 April 18:00 CEST is 16:00 UTC.
    assert.equal(iso(state().schedules[0].nextRunAt * 1000), '2025-04-04T16:00:00.000Z');
  });

  it('records a failed target call, deletes a finished at() schedule, and lists, updates and deletes schedules', async () => {
    await h.scheduler.send(
      new CreateScheduleCommand({ Name: 'broken', ScheduleExpression: 'at(2025-03-26T14:00:00)', Target: target(0, 'missing-ic'), FlexibleTimeWindow: { Mode: 'OFF' }, ActionAfterCompletion: 'DELETE' }),
    );
    await h.scheduler.send(new CreateScheduleCommand({ Name: 'hourly', ScheduleExpression: 'rate(1 hour)', Target: target(1), FlexibleTimeWindow: { Mode: 'OFF' } }));
    const listed = await h.scheduler.send(new ListSchedulesCommand({ NamePrefix: 'b' }));
    assert.deepEqual(listed.Schedules?.map((s) => s.Name), ['broken']);
    assert.equal(listed.Schedules?.[0].Target?.Arn, 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig');
    h.emulator.advance(2 * 3600 + 60);
    const invocations = (h.emulator.state() as unknown as { scheduleInvocations: { scheduleArn: string; outcome: string; errorCode?: string; errorMessage?: string }[] }).scheduleInvocations;
    const broken = invocations.find((i) => i.scheduleArn.endsWith('/broken'));
    assert.equal(broken?.outcome, 'Failed');
    assert.equal(broken?.errorCode, 'ValidationException');
    assert.equal(broken?.errorMessage, 'Could not find inference component "missing-ic".');
    assert.ok(invocations.filter((i) => i.scheduleArn.endsWith('/hourly')).length >= 2);
    const missing = await errorOf(() => h.scheduler.send(new GetScheduleCommand({ Name: 'broken' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missing.message, 'Schedule broken does not exist.');
    await h.scheduler.send(new UpdateScheduleCommand({ Name: 'hourly', ScheduleExpression: 'rate(2 hours)', State: 'DISABLED', Target: target(1), FlexibleTimeWindow: { Mode: 'OFF' } }));
    assert.equal((await h.scheduler.send(new GetScheduleCommand({ Name: 'hourly' }))).State, 'DISABLED');
    await h.scheduler.send(new DeleteScheduleCommand({ Name: 'hourly' }));
    assert.equal((await h.scheduler.send(new ListSchedulesCommand({}))).Schedules?.length, 0);
  });

  it("rejects invalid expressions, time zones, duplicates and read-only targets with the service's errors", async () => {
    const create = (overrides: Record<string, unknown>) =>
      errorOf(() => h.scheduler.send(new CreateScheduleCommand({ Name: 's', ScheduleExpression: 'rate(1 day)', Target: target(0), FlexibleTimeWindow: { Mode: 'OFF' }, ...overrides })));
    let error = await create({ ScheduleExpression: 'cron(00 18 * * 6 2024-2025)' });
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, 'Invalid Schedule Expression cron(00 18 * * 6 2024-2025).');
    error = await create({ ScheduleExpressionTimezone: 'UTC+1' });
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.message, 'Invalid ScheduleExpressionTimezone UTC+1.');
    error = await create({ Target: { ...target(0), Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:describeInferenceComponent' } });
    assert.equal(error.message, 'Read-only actions are not supported as universal targets: sagemaker:describeInferenceComponent.');
    await h.scheduler.send(new CreateScheduleCommand({ Name: 's', ScheduleExpression: 'rate(1 day)', Target: target(0), FlexibleTimeWindow: { Mode: 'OFF' } }));
    error = await create({});
    assert.equal(error.name, 'ConflictException');
    assert.equal(error.message, 'Schedule s already exists.');
  });

  it('runs Application Auto Scaling scheduled actions, raising the copy count to the new minimum', async () => {
    await deployScaleToZero(h);
    await h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), MinCapacity: 0, MaxCapacity: 1 }));
    await h.aas.send(
      new PutScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: 'monday', Schedule: 'cron(0 7 ? * MON *)', Timezone: 'Europe/Paris', ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 3 } }),
    );
    let error = await errorOf(() => h.aas.send(new PutScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: 'bad', Schedule: 'cron(0 7 * * MON *)' })));
    assert.equal(error.name, 'ValidationException');
    error = await errorOf(() => h.aas.send(new DeleteScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: 'bad' })));
    assert.equal(error.name, 'ObjectNotFoundException');
    assert.equal(
      error.message,
      'No scheduled action found for service namespace: sagemaker, resource ID: inference-component/ic, scalable dimension: sagemaker:inference-component:DesiredCopyCount, scheduled action name: bad',
    );
    // Monday 31 March 07:00 CEST = 05:00 UTC.
    h.emulator.advance((Date.UTC(2025, 2, 31, 5) - h.emulator.now()) / 1000);
    const target = (await h.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }))).ScalableTargets?.[0];
    assert.equal(target?.MinCapacity, 2);
    assert.equal(target?.MaxCapacity, 3);
    assert.equal(await copies(), 2);
  });
});

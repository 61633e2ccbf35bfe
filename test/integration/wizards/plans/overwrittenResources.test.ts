import * as assert from 'node:assert/strict';
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  PutScheduledActionCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CreateScheduleCommand, GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { DescribeAlarmsCommand, type MetricAlarm, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { type AwsClients, createClients } from '../../../../src/aws/clients';
import { defaultScaleSettings } from '../../../../src/wizards/enableScaleToZero/scaleSettings';
import { scaleToZeroSteps } from '../../../../src/wizards/enableScaleToZero/scaleToZeroPlan';
import { Logger } from '../../../../src/logging/logger';
import { type Plan } from '../../../../src/wizards/plans/plan';
import { runPlan } from '../../../../src/wizards/plans/planRunner';
import { PlanSession } from '../../../../src/wizards/plans/planSession';
import { type WizardRunReport } from '../../../../src/wizards/plans/wizardRunReport';
import { ScriptedUserInput } from '../../../support/scriptedUserInput';
import { rollbackPlan } from '../../../../src/wizards/plans/rollback';
import { blogPlan, dimension, inventoryOf, names, noRetryClients, schedulerRoleArn } from './blogPlan';
import { setFaults } from '../../reliability/support';

const snsTopic = 'arn:aws:sns:us-east-1:123456789012:on-call';
const okTopic = 'arn:aws:sns:us-east-1:123456789012:all-clear';

/** An alarm's settings as DescribeAlarms gives them, without its state (which the clock moves). */
function settingsOf(alarm: MetricAlarm | undefined) {
  assert.ok(alarm, 'the alarm exists');
  const { StateValue: _v, StateReason: _r, StateReasonData: _d, StateUpdatedTimestamp: _u, StateTransitionedTimestamp: _t, AlarmConfigurationUpdatedTimestamp: _c, ...settings } =
    alarm;
  return settings;
}

describe('plans that write over existing resources: kept, and put back by a rollback', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  const wait = async (ms: number) => {
    emulator.advance(ms / 1000);
  };

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  /** The blog's endpoint with its first `steps` steps (7: up to the step policy, no alarm). */
  async function setUp(prefix: string, steps: number) {
    const n = names(prefix);
    const run = await runPlan(clients, { title: 'setup', steps: blogPlan(n).steps.slice(0, steps) }, { wait });
    assert.equal(run.status, 'succeeded', run.message);
    return { n, run };
  }

  it('"Replace alarm" keeps the alarm\'s SNS and OK actions, and the rollback restores the alarm exactly', async () => {
    const { n, run } = await setUp('alarm', 7);
    const stepPolicyArn = String(run.outputs.stepPolicyArn);
    const alarmName = `${n.ic}-wake`;
    // The user's own alarm: the docs' two-request settings, paging on-call as well as waking the IC.
    await clients.cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: alarmName,
        AlarmDescription: 'Wake and page',
        ActionsEnabled: true,
        AlarmActions: [stepPolicyArn, snsTopic],
        OKActions: [okTopic],
        Namespace: 'AWS/SageMaker',
        MetricName: 'NoCapacityInvocationFailures',
        Dimensions: [{ Name: 'InferenceComponentName', Value: n.ic }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    const describe = async () => (await clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms?.[0];
    const before = settingsOf(await describe());

    const plan = {
      title: 'repair',
      steps: scaleToZeroSteps({
        inferenceComponentName: n.ic,
        settings: defaultScaleSettings,
        parts: { wakeAlarm: 'update' },
        existingStepPolicyArn: stepPolicyArn,
        names: { alarm: alarmName },
      }),
    };
    const repaired = await runPlan(clients, plan, { wait });
    assert.equal(repaired.status, 'succeeded', repaired.message);
    const after = settingsOf(await describe());
    assert.equal(after.ComparisonOperator, 'GreaterThanOrEqualToThreshold', 'the settings were replaced');
    assert.equal(after.Statistic, 'Maximum');
    assert.deepEqual(after.AlarmActions, [snsTopic, stepPolicyArn], 'the SNS action stays, the step policy once');
    assert.deepEqual(after.OKActions, [okTopic]);
    assert.deepEqual(repaired.created, []);

    const rollback = await rollbackPlan(clients, repaired, { wait });
    assert.equal(rollback.status, 'succeeded');
    assert.deepEqual(rollback.restored, [{ kind: 'alarm', name: alarmName }]);
    assert.deepEqual(rollback.deleted, []);
    assert.deepEqual(settingsOf(await describe()), before, 'the alarm is exactly as it was');
  });

  it('a scaling policy and a scalable target that existed are put back as they were when a later call fails', async () => {
    const { n } = await setUp('policy', 6);
    const resourceId = `inference-component/${n.ic}`;
    const policies = async () =>
      (await clients.autoScaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: dimension }))).ScalingPolicies?.map(
        ({ PolicyARN, PolicyName, PolicyType, TargetTrackingScalingPolicyConfiguration, StepScalingPolicyConfiguration }) => ({
          PolicyARN,
          PolicyName,
          PolicyType,
          TargetTrackingScalingPolicyConfiguration,
          StepScalingPolicyConfiguration,
        }),
      );
    const target = async () =>
      (await clients.autoScaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [resourceId] }))).ScalableTargets?.map(
        ({ MinCapacity, MaxCapacity }) => ({ MinCapacity, MaxCapacity }),
      );
    const policiesBefore = await policies();
    const targetBefore = await target();
    // Target tracking's own alarms are made again on every write, with new ids (as AWS does): compare their names without them.
    const inventory = () => {
      const { alarms, ...rest } = inventoryOf(emulator);
      return { ...rest, alarms: alarms.map((name) => name.replace(/-[0-9a-f-]{36}$/, '-<id>')) };
    };
    const inventoryBefore = inventory();
    assert.equal(policiesBefore?.[0].TargetTrackingScalingPolicyConfiguration?.TargetValue, 5);

    const plan = {
      title: 'rewrite',
      steps: scaleToZeroSteps({
        inferenceComponentName: n.ic,
        settings: { ...defaultScaleSettings, maxCapacity: 4, targetValue: 2, scaleInCooldown: 600 },
        parts: { target: 'update', targetTracking: 'update', stepPolicy: 'create', wakeAlarm: 'create' },
        names: { targetTracking: `${n.ic}-target-tracking` },
      }),
    };
    const raw = noRetryClients(emulator);
    let failed;
    try {
      await setFaults(emulator.url, { errorRate: 1, operations: ['PutMetricAlarm'] });
      failed = await runPlan(raw, plan, { wait });
    } finally {
      raw.destroy();
      await setFaults(emulator.url, null);
    }
    assert.equal(failed.status, 'failed');
    assert.equal(failed.failedStep, 'putWakeAlarm');
    assert.equal((await policies())?.find((policy) => policy.PolicyName === `${n.ic}-target-tracking`)?.TargetTrackingScalingPolicyConfiguration?.TargetValue, 2);
    assert.deepEqual(await target(), [{ MinCapacity: 0, MaxCapacity: 4 }]);

    const rollback = await rollbackPlan(clients, failed, { wait });
    assert.equal(rollback.status, 'succeeded', JSON.stringify(rollback.notDeleted));
    assert.deepEqual(await policies(), policiesBefore, 'the target-tracking policy has its earlier settings and ARN; the step policy is gone');
    assert.deepEqual(await target(), targetBefore);
    assert.deepEqual(inventory(), inventoryBefore);
    assert.deepEqual(
      rollback.restored.map((resource) => resource.kind),
      ['scalingPolicy', 'scalableTarget'],
    );
  });

  it('through the plan session: a retry that writes the policy again still rolls back to the state before the wizard', async () => {
    const { n } = await setUp('session', 6);
    const resourceId = `inference-component/${n.ic}`;
    const trackingValue = async () =>
      (
        await clients.autoScaling.send(
          new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: dimension, PolicyNames: [`${n.ic}-target-tracking`] }),
        )
      ).ScalingPolicies?.[0].TargetTrackingScalingPolicyConfiguration?.TargetValue;
    assert.equal(await trackingValue(), 5);
    const shown = { info: [] as string[], warn: [] as string[], error: [] as string[] };
    const session = new PlanSession({
      feedback: {
        progress: (_title, task) => task(() => undefined),
        ask: async () => undefined,
        info: (message) => shown.info.push(message),
        warn: (message) => shown.warn.push(message),
        error: (message) => shown.error.push(message),
      },
      logger: new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined }),
      onTransitionStarted: () => undefined,
    });
    const plan = {
      title: 'Enable scale to zero',
      steps: scaleToZeroSteps({
        inferenceComponentName: n.ic,
        settings: { ...defaultScaleSettings, targetValue: 2 },
        parts: { targetTracking: 'update', stepPolicy: 'create', wakeAlarm: 'create' },
        names: { targetTracking: `${n.ic}-target-tracking` },
      }),
    };
    const raw = noRetryClients(emulator);
    const report: WizardRunReport = { runs: [] };
    try {
      await setFaults(emulator.url, { errorRate: 1, operations: ['PutMetricAlarm'] });
      const target = { clients: raw, region: 'us-east-1', connectionKey: 'emulator', wait, refresh: async () => undefined };
      await session.execute('Enable Scale to Zero', target, new ScriptedUserInput().answerPick('retry').answerPick('rollback'), plan, report);
    } finally {
      raw.destroy();
      await setFaults(emulator.url, null);
    }
    assert.equal(report.runs.length, 2, 'the run and its retry');
    for (const run of report.runs) assert.equal(run.failedStep, 'putWakeAlarm', run.message);
    assert.equal(report.runs[1].runId, report.runs[0].runId, 'the retry keeps the run id');
    assert.equal(report.rollback?.status, 'succeeded', JSON.stringify(report.rollback?.notDeleted));
    assert.equal(await trackingValue(), 5, 'the policy has the settings it had before the wizard, not the first run\'s');
    assert.deepEqual(shown.info, [`Rolled back: deleted 1 resource the wizard had created and put back 1 it had changed (scaling policy ${n.ic}-target-tracking on ${resourceId}).`]);
  });

  it('a schedule (UpdateSchedule) and a scheduled action (PutScheduledAction) written over are put back with their dates', async () => {
    const { n } = await setUp('dated', 5);
    const resourceId = `inference-component/${n.ic}`;
    const scaling = { ServiceNamespace: 'sagemaker' as const, ResourceId: resourceId, ScalableDimension: dimension as never };
    const target = {
      Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig',
      RoleArn: schedulerRoleArn,
      Input: JSON.stringify({ InferenceComponentName: n.ic, DesiredRuntimeConfig: { CopyCount: 0 } }),
    };
    await clients.scheduler.send(
      new CreateScheduleCommand({
        Name: 'night',
        ScheduleExpression: 'cron(0 22 * * ? *)',
        ScheduleExpressionTimezone: 'Europe/Paris',
        StartDate: new Date('2027-01-01T00:00:00Z'),
        Description: 'the team\'s own',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: target,
      }),
    );
    await clients.autoScaling.send(
      new PutScheduledActionCommand({
        ...scaling,
        ScheduledActionName: 'weekend',
        Schedule: 'cron(0 18 ? * FRI *)',
        Timezone: 'Europe/Paris',
        EndTime: new Date('2028-01-01T00:00:00Z'),
        ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 1 },
      }),
    );
    const schedule = async () => {
      const { $metadata: _m, CreationDate: _c, LastModificationDate: _l, ...rest } = await clients.scheduler.send(new GetScheduleCommand({ Name: 'night' }));
      return rest;
    };
    const action = async () => {
      const output = await clients.autoScaling.send(new DescribeScheduledActionsCommand({ ...scaling, ScheduledActionNames: ['weekend'] }));
      const { CreationTime: _c, ...rest } = output.ScheduledActions![0];
      return rest;
    };
    const scheduleBefore = await schedule();
    const actionBefore = await action();

    const plan: Plan = {
      title: 'rewrite schedules',
      steps: [
        {
          id: 'night',
          service: 'scheduler',
          operation: 'UpdateSchedule',
          description: 'Move the night schedule',
          input: { Name: 'night', ScheduleExpression: 'cron(0 23 * * ? *)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target },
          modifiesExisting: true,
        },
        {
          id: 'weekend',
          service: 'application-auto-scaling',
          operation: 'PutScheduledAction',
          description: 'Weekend at 0/0',
          input: { ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: dimension, ScheduledActionName: 'weekend', Schedule: 'cron(0 20 ? * FRI *)', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } },
          creates: { kind: 'scheduledAction', name: 'weekend', resourceId, scalableDimension: dimension },
        },
      ],
    };
    const run = await runPlan(clients, plan, { wait });
    assert.equal(run.status, 'succeeded', run.message);
    assert.deepEqual(run.created, [], 'both existed');
    assert.equal((await schedule()).ScheduleExpression, 'cron(0 23 * * ? *)');
    assert.equal((await action()).Schedule, 'cron(0 20 ? * FRI *)');
    // The record is plain JSON: it survives being saved and read back.
    const saved = JSON.parse(JSON.stringify(run)) as typeof run;

    const rollback = await rollbackPlan(clients, saved, { wait });
    assert.equal(rollback.status, 'succeeded', JSON.stringify(rollback.notDeleted));
    assert.deepEqual(await schedule(), scheduleBefore);
    assert.deepEqual(await action(), actionBefore);
  });
});

import * as assert from 'node:assert/strict';
import {
  DeleteScalingPolicyCommand,
  DeleteScheduledActionCommand,
  DescribeScheduledActionsCommand,
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DeleteAlarmsCommand, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { errorOf } from './harness';
import { deployScaleToZero, startScalingHarness, stopScalingHarness, targetKey, type ScalingHarness } from './scalingHarness';

// Gaps between the emulator and AWS's service models (botocore 1.43), issue 16 item 4.
describe('emulator: what the service models say (issue 16)', () => {
  let h: ScalingHarness;
  beforeEach(async () => {
    h = await startScalingHarness();
  });
  afterEach(() => stopScalingHarness(h));

  const alarm = (name: string) =>
    h.cw.send(new PutMetricAlarmCommand({ AlarmName: name, MetricName: 'Invocations', Namespace: 'AWS/SageMaker', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));

  it('DeleteAlarms deletes the known names even when one is unknown, and still reports ResourceNotFound', async () => {
    await alarm('keep');
    await alarm('doomed-1');
    await alarm('doomed-2');
    const error = await errorOf(() => h.cw.send(new DeleteAlarmsCommand({ AlarmNames: ['doomed-1', 'no-such-alarm', 'doomed-2'] })));
    assert.equal(error.name, 'ResourceNotFound');
    assert.equal(error.$metadata?.httpStatusCode, 404);
    const left = await h.cw.send(new DescribeAlarmsCommand({}));
    assert.deepEqual(left.MetricAlarms?.map((a) => a.AlarmName), ['keep']);
  });

  describe('Application Auto Scaling names follow the model patterns', () => {
    beforeEach(async () => {
      await deployScaleToZero(h);
      await h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), MinCapacity: 0, MaxCapacity: 2 }));
    });

    const scheduled = (name: string) => h.aas.send(new PutScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: name, Schedule: 'cron(0 18 ? * 6 *)', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } }));
    const pattern = '(?!((^[ ]+.*)|(.*([\\u0000-\\u001f]|[\\u007f-\\u009f]|[:/|])+.*)|(.*[ ]+$))).+';

    for (const bad of ['a/b', 'a:b', 'a|b', ' leading', 'trailing ', 'tab\there', 'del\u007f', 'c1\u0085']) {
      it(`refuses the scheduled action name ${JSON.stringify(bad)} (ValidationException, 400)`, async () => {
        const error = await errorOf(() => scheduled(bad));
        assert.equal(error.name, 'ValidationException');
        assert.equal(error.$metadata?.httpStatusCode, 400);
        assert.equal(error.message, `1 validation error detected: Value '${bad}' at 'scheduledActionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`);
      });
    }

    it('accepts names the pattern allows, up to 256 characters, and deletes them by the same name', async () => {
      const names = ['weekend scale-to-zero', 'a.b_c-d (e)', 'é', 'x'.repeat(256)];
      for (const name of names) await scheduled(name);
      const listed = await h.aas.send(new DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker' }));
      assert.deepEqual(listed.ScheduledActions?.map((a) => a.ScheduledActionName).sort(), [...names].sort());
      const tooLong = await errorOf(() => scheduled('x'.repeat(257)));
      assert.match(tooLong.message, /Member must have length less than or equal to 256/);
      for (const name of names) await h.aas.send(new DeleteScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: name }));
    });

    it('refuses control characters in resource IDs (ResourceIdMaxLen1600) and non-printable policy names (\\p{Print}+)', async () => {
      let error = await errorOf(() => h.aas.send(new RegisterScalableTargetCommand({ ...targetKey('ic'), ResourceId: 'inference-component/ic\u0001', MinCapacity: 0, MaxCapacity: 1 })));
      assert.equal(error.name, 'ValidationException');
      assert.match(error.message, /at 'resourceId' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\u0020-\\uD7FF/);
      error = await errorOf(() =>
        h.aas.send(new PutScalingPolicyCommand({ ...targetKey('ic'), PolicyName: 'tab\there', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ ScalingAdjustment: 1 }] } })),
      );
      assert.equal(error.name, 'ValidationException');
      assert.match(error.message, /at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p\{Print\}\+/);
      error = await errorOf(() => h.aas.send(new DeleteScalingPolicyCommand({ ...targetKey('ic'), PolicyName: 'x'.repeat(1601) })));
      assert.match(error.message, /Member must have length less than or equal to 1600/);
      error = await errorOf(() => h.aas.send(new DeleteScheduledActionCommand({ ...targetKey('ic'), ScheduledActionName: 'a/b' })));
      // DeleteScheduledAction's name is a ResourceIdMaxLen1600: a/b passes the model and is simply not found.
      assert.equal(error.name, 'ObjectNotFoundException');
    });
  });
});

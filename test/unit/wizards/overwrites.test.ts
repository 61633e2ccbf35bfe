import * as assert from 'node:assert/strict';
import {
  hasSettings,
  mergeAlarmActions,
  planRunTagKey,
  restoreCall,
  withRunTag,
  writtenResource,
} from '../../../src/wizards/plans/overwrites';
import { resourceKey } from '../../../src/wizards/plans/plan';

const policy = (ic: string, name: string) =>
  `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:0b5e2c1e-1111-2222-3333-444455556666:resource/sagemaker/inference-component/${ic}:policyName/${name}`;
const sns = 'arn:aws:sns:us-east-1:123456789012:on-call';

describe('what a plan writes over (pure rules)', () => {
  it('merges an existing alarm\'s actions: keeps SNS, OK and insufficient-data actions and other ICs\' policies, replaces the old wake policy of the same IC', () => {
    const existing = {
      AlarmActions: [policy('ic', 'old-step'), sns, policy('other-ic', 'step')],
      OKActions: [sns],
      InsufficientDataActions: ['arn:aws:sns:us-east-1:123456789012:data'],
    };
    const merged = mergeAlarmActions(existing, { AlarmName: 'wake', AlarmActions: [policy('ic', 'new-step')] });
    assert.deepEqual(merged.AlarmActions, [sns, policy('other-ic', 'step'), policy('ic', 'new-step')]);
    assert.deepEqual(merged.OKActions, [sns]);
    assert.deepEqual(merged.InsufficientDataActions, ['arn:aws:sns:us-east-1:123456789012:data']);
    // The plan's own action is never listed twice.
    assert.deepEqual(mergeAlarmActions({ AlarmActions: [policy('ic', 'new-step')] }, { AlarmActions: [policy('ic', 'new-step')] }).AlarmActions, [policy('ic', 'new-step')]);
  });

  it('refuses, naming the alarm, a merge past CloudWatch\'s five actions', () => {
    const many = [1, 2, 3, 4, 5].map((n) => `arn:aws:sns:us-east-1:123456789012:topic-${n}`);
    assert.throws(() => mergeAlarmActions({ AlarmActions: many }, { AlarmName: 'wake', AlarmActions: [policy('ic', 'step')] }), /Alarm wake would need 6 AlarmActions/);
  });

  it('reads the resource a Put/Register/Update call writes from its request, and nothing for other calls', () => {
    const target = { ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/ic', ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount' };
    assert.deepEqual(writtenResource({ operation: 'PutMetricAlarm' }, { AlarmName: 'a' }), { kind: 'alarm', name: 'a' });
    assert.deepEqual(writtenResource({ operation: 'PutScalingPolicy' }, { ...target, PolicyName: 'p' }), {
      kind: 'scalingPolicy',
      policyName: 'p',
      resourceId: 'inference-component/ic',
      scalableDimension: target.ScalableDimension,
    });
    assert.deepEqual(writtenResource({ operation: 'RegisterScalableTarget' }, target), { kind: 'scalableTarget', resourceId: 'inference-component/ic', scalableDimension: target.ScalableDimension });
    assert.deepEqual(writtenResource({ operation: 'UpdateSchedule' }, { Name: 's' }), { kind: 'schedule', name: 's', group: 'default' });
    assert.equal(writtenResource({ operation: 'CreateEndpoint' }, { EndpointName: 'e' }), undefined);
    assert.equal(resourceKey({ kind: 'alarm', name: 'a' }), resourceKey({ name: 'a', kind: 'alarm' } as never));
  });

  it('puts a metric-math alarm back with its Metrics and none of the single-metric members DescribeAlarms answers beside them', () => {
    const metrics = [
      { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'InferenceComponentName', Value: 'ic' }] }, Period: 30, Stat: 'Sum' }, ReturnData: false },
      { Id: 'idle', Expression: 'FILL(m1,0)', ReturnData: true },
    ];
    const described = { AlarmName: 'ic-idle-timeout', AlarmArn: 'arn:x', Dimensions: [], Metrics: metrics, EvaluationPeriods: 10, Threshold: 1, ComparisonOperator: 'LessThanThreshold', AlarmActions: ['p'] };
    assert.deepEqual(restoreCall({ kind: 'alarm', name: 'ic-idle-timeout' }, described).input, {
      AlarmName: 'ic-idle-timeout',
      AlarmActions: ['p'],
      EvaluationPeriods: 10,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      Metrics: metrics,
    });
    const single = { AlarmName: 'wake', MetricName: 'NoCapacityInvocationFailures', Namespace: 'AWS/SageMaker', Dimensions: [], Period: 30, Statistic: 'Maximum', Metrics: [], EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' };
    const input = restoreCall({ kind: 'alarm', name: 'wake' }, single).input;
    assert.equal(input.MetricName, 'NoCapacityInvocationFailures');
    assert.equal(input.Dimensions, undefined, 'an empty Dimensions list is left out');
    assert.equal(input.Metrics, undefined, 'an empty Metrics list is left out');
  });

  it('builds the restore call from a Describe answer as plain JSON: only the request\'s members, dates as ISO strings', () => {
    const restore = restoreCall(
      { kind: 'schedule', name: 's', group: 'g' },
      { Name: 's', Arn: 'arn:x', ScheduleExpression: 'rate(1 hour)', StartDate: new Date('2026-01-01T00:00:00Z'), CreationDate: new Date(), Target: { Arn: 't', RoleArn: 'r' } },
    );
    assert.deepEqual(restore, {
      service: 'scheduler',
      operation: 'UpdateSchedule',
      input: { Name: 's', GroupName: 'g', ScheduleExpression: 'rate(1 hour)', StartDate: '2026-01-01T00:00:00.000Z', Target: { Arn: 't', RoleArn: 'r' } },
    });
    assert.deepEqual(JSON.parse(JSON.stringify(restore)), restore);
    assert.throws(() => restoreCall({ kind: 'endpoint', name: 'e' }, {}), /never written over/);
  });

  it('tags a create with the run id, replacing a tag of the same key and keeping the others', () => {
    assert.deepEqual(withRunTag({ Tags: [{ Key: 'team', Value: 'ml' }, { Key: planRunTagKey, Value: 'stale' }] }, 'run-1').Tags, [
      { Key: 'team', Value: 'ml' },
      { Key: planRunTagKey, Value: 'run-1' },
    ]);
  });

  it('recognises a resource by the settings a create asked for (dates by instant, nested members, lists in order)', () => {
    const asked = { ScheduleExpression: 'cron(0 18 ? * 6 *)', StartDate: '2026-01-01T00:00:00Z', Target: { Arn: 't', Input: '{"a":1}' }, ClientToken: 'x' };
    const described = { ScheduleExpression: 'cron(0 18 ? * 6 *)', StartDate: new Date('2026-01-01T00:00:00Z'), Target: { Arn: 't', Input: '{"a":1}', RoleArn: 'r' }, State: 'ENABLED' };
    assert.equal(hasSettings(asked, described), true);
    assert.equal(hasSettings({ ...asked, ScheduleExpression: 'cron(0 20 ? * 6 *)' }, described), false);
    assert.equal(hasSettings({ Target: { Input: '{"a":2}' } }, described), false);
    assert.equal(hasSettings({ List: [1, 2] }, { List: [2, 1] }), false);
  });
});

import * as assert from 'node:assert/strict';
import { CloudFormationSpec } from '../../support/cloudFormationSpecCheck';

/** A small valid template: a role, a schedule assuming it, an alarm; each mutation below breaks one rule. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases below break the template anywhere, on purpose
function template(): { [key: string]: any } {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'checker test',
    Parameters: { Existing: { Type: 'String', Description: 'an ARN' } },
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'r',
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Tags: [{ Key: 'k', Value: 'v' }],
        },
      },
      Sleep: {
        Type: 'AWS::Scheduler::Schedule',
        Properties: {
          ScheduleExpression: 'cron(0 19 * * ? *)',
          FlexibleTimeWindow: { Mode: 'OFF' },
          State: 'ENABLED',
          Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig', RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] }, Input: '{}' },
        },
      },
      Alarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: { ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, Threshold: 1, Period: 30, AlarmActions: [{ Ref: 'Existing' }], ActionsEnabled: true },
        DependsOn: ['Sleep'],
      },
    },
    Outputs: { RoleArn: { Description: 'the role', Value: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
  };
}

describe('the CloudFormation specification check (test/support/cloudFormationSpecCheck.ts)', function () {
  this.timeout(30_000);
  let spec: CloudFormationSpec;
  before(() => {
    spec = CloudFormationSpec.load();
  });

  it('accepts a valid template and counts what it checked', () => {
    const check = spec.check(template());
    assert.deepEqual(check.problems, []);
    assert.equal(check.resources, 3);
    assert.ok(check.properties >= 20, String(check.properties));
    assert.equal(check.references, 4);
  });

  const broken: [string, (t: ReturnType<typeof template>) => void, RegExp][] = [
    ['an unknown resource type', (t) => (t.Resources.Role.Type = 'AWS::IAM::Rôle'), /Role: Type "AWS::IAM::Rôle" is not a CloudFormation resource type/],
    ['an unknown property', (t) => (t.Resources.Sleep.Properties.ActionAfterCompletion = 'DELETE'), /Sleep\.Properties\.ActionAfterCompletion: AWS::Scheduler::Schedule has no property ActionAfterCompletion/],
    ['an unknown property of a nested type', (t) => (t.Resources.Sleep.Properties.FlexibleTimeWindow.Minutes = 5), /FlexibleTimeWindow\.Minutes: FlexibleTimeWindow has no property Minutes/],
    ['a missing required property', (t) => delete t.Resources.Sleep.Properties.FlexibleTimeWindow, /AWS::Scheduler::Schedule requires FlexibleTimeWindow/],
    ['a missing required property of a nested type', (t) => delete t.Resources.Sleep.Properties.Target.Arn, /Target requires Arn/],
    ['a string where an integer goes', (t) => (t.Resources.Alarm.Properties.EvaluationPeriods = '1'), /EvaluationPeriods: expects an integer/],
    ['a fraction where an integer goes', (t) => (t.Resources.Alarm.Properties.Period = 30.5), /Period: expects an integer/],
    ['a string where a number goes', (t) => (t.Resources.Alarm.Properties.Threshold = 'one'), /Threshold: expects a number/],
    ['a string where a boolean goes', (t) => (t.Resources.Alarm.Properties.ActionsEnabled = 'yes'), /ActionsEnabled: expects a boolean/],
    ['a value outside the allowed ones', (t) => (t.Resources.Sleep.Properties.State = 'ON'), /State: "ON" is not one of the allowed values ENABLED, DISABLED/],
    ['an object where a list goes', (t) => (t.Resources.Alarm.Properties.AlarmActions = { Ref: 'Existing', x: 1 }), /AlarmActions: expects a list/],
    ['a tag without its value', (t) => (t.Resources.Role.Properties.Tags = [{ Key: 'k' }]), /Tags\[0\]: Tag requires Value/],
    ['a Ref to nothing', (t) => (t.Resources.Alarm.Properties.AlarmActions = [{ Ref: 'Missing' }]), /Ref Missing: no resource or parameter/],
    ['a GetAtt of an attribute the type lacks', (t) => (t.Resources.Sleep.Properties.Target.RoleArn = { 'Fn::GetAtt': ['Role', 'RoleArn'] }), /AWS::IAM::Role has no attribute RoleArn/],
    ['a GetAtt of a missing resource', (t) => (t.Outputs.RoleArn.Value = { 'Fn::GetAtt': ['Rol', 'Arn'] }), /Outputs\.RoleArn\.Value: Fn::GetAtt Rol\.Arn: no resource/],
    ['a Sub naming nothing', (t) => (t.Resources.Sleep.Properties.Target.Input = { 'Fn::Sub': '{"a":"${Nope}"}' }), /Ref Nope: no resource or parameter/],
    ['an intrinsic the checker does not know', (t) => (t.Resources.Sleep.Properties.Target.Input = { 'Fn::Base64': 'x' }), /Fn::Base64: this checker does not know it/],
    ['a DependsOn naming nothing', (t) => (t.Resources.Alarm.DependsOn = ['Sleeep']), /Alarm\.DependsOn: names "Sleeep", which is no resource/],
    ['a cycle', (t) => (t.Resources.Role.DependsOn = 'Alarm'), /circular dependency: Role → Alarm → Sleep → Role|circular dependency/],
    ['no resources', (t) => (t.Resources = {}), /needs at least one resource/],
    ['a logical ID with a dash', (t) => ((t.Resources['My-Role'] = t.Resources.Role), delete t.Resources.Role, (t.Resources.Sleep.Properties.Target.RoleArn = { 'Fn::GetAtt': ['My-Role', 'Arn'] }), (t.Outputs.RoleArn.Value = 'x')), /My-Role: a logical ID is 1–255 letters and digits/],
    ['a resource attribute that does not exist', (t) => (t.Resources.Alarm.DependOn = ['Sleep']), /a resource has no attribute DependOn/],
    ['a wrong format version', (t) => (t.AWSTemplateFormatVersion = '2010-09-10'), /AWSTemplateFormatVersion: is "2010-09-10"/],
    ['a description over 1024 bytes', (t) => (t.Description = 'é'.repeat(513)), /Description: has 1026 bytes/],
    ['a parameter without a valid type', (t) => (t.Parameters.Existing.Type = 'Text'), /Parameters\.Existing: has no valid Type/],
    ['a GetAtt giving a string where an integer goes', (t) => (t.Resources.Alarm.Properties.EvaluationPeriods = { 'Fn::GetAtt': ['Role', 'Arn'] }), /Fn::GetAtt gives a string where the specification expects integer/],
  ];
  for (const [what, breakIt, expected] of broken) {
    it(`finds ${what}`, () => {
      const t = template();
      breakIt(t);
      const { problems } = spec.check(t);
      assert.ok(problems.some((problem) => expected.test(problem)), `expected ${String(expected)} among:\n${problems.join('\n')}`);
    });
  }
});

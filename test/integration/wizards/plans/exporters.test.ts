import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as yaml from 'js-yaml';
import { toAwsCliScript } from '../../../../src/wizards/plans/exporters/awsCli';
import { toBoto3Script } from '../../../../src/wizards/plans/exporters/boto3';
import { toCloudFormation, type CfnValue } from '../../../../src/wizards/plans/exporters/cloudFormation';
import { isOutputRef, type Plan, type PlanValue } from '../../../../src/wizards/plans/plan';
import { blogPlan, dimension, names } from './blogPlan';

/** The blog plan plus a scheduled action and a change to an existing IC, as wizards 2 and 3 add. */
function fullPlan(): Plan {
  const plan = blogPlan(names(), { schedule: true });
  plan.steps.push(
    {
      id: 'night-min',
      service: 'application-auto-scaling',
      operation: 'PutScheduledAction',
      description: 'Scheduled action: no minimum at night',
      input: {
        ServiceNamespace: 'sagemaker',
        ScheduledActionName: 'plan-ic-night',
        ResourceId: 'inference-component/plan-ic',
        ScalableDimension: dimension,
        Schedule: 'cron(0 20 * * ? *)',
        Timezone: 'Europe/Paris',
        ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 2 },
      },
      creates: { kind: 'scheduledAction', name: 'plan-ic-night', resourceId: 'inference-component/plan-ic', scalableDimension: dimension },
    },
    {
      id: 'sleep-now',
      service: 'sagemaker',
      operation: 'UpdateInferenceComponentRuntimeConfig',
      description: "Set plan-ic's copy count to 0 (it's idle)",
      input: { InferenceComponentName: 'plan-ic', DesiredRuntimeConfig: { CopyCount: 0 } },
      modifiesExisting: true,
    },
  );
  return plan;
}


const python = spawnSync('python3', ['--version']).status === 0;
const bash = spawnSync('bash', ['--version']).status === 0;

/** Replaces each `$ref` by a placeholder the exported text uses for it. */
function withPlaceholders(value: PlanValue, placeholder: (ref: string) => unknown): unknown {
  if (isOutputRef(value)) return placeholder(value.$ref);
  if (Array.isArray(value)) return value.map((item) => withPlaceholders(item, placeholder));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPlaceholders(v, placeholder)]));
  return value;
}

/** Python's own parser reads the script: every call `client.method(**kwargs)` with literal kwargs, names as {"$name": …}. */
const pythonCallDumper = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
def value(node):
    if isinstance(node, ast.Name):
        return {"$name": node.id}
    if isinstance(node, ast.Dict):
        return {value(k): value(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.List):
        return [value(e) for e in node.elts]
    return ast.literal_eval(node)
calls = []
assigned = {}
for statement in tree.body:
    target = None
    call = None
    if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
        target, call = statement.targets[0].id, statement.value
    elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        call = statement.value
    elif isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Subscript):
        assigned[statement.targets[0].id] = ast.unparse(statement.value)
        continue
    if call is None:
        continue
    if isinstance(call.func, ast.Attribute):
        receiver, method = ast.unparse(call.func.value), call.func.attr
    else:
        receiver, method = None, ast.unparse(call.func)
    calls.append({"client": receiver, "method": method, "kwargs": {k.arg: value(k.value) for k in call.keywords}, "target": target})
print(json.dumps({"calls": calls, "assigned": assigned}))
`;

describe('plan exporters', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-export-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('boto3', () => {
    it('has one client per service and one call per step, in order, with the same keyword arguments', function () {
      const plan = fullPlan();
      const script = toBoto3Script(plan);
      assert.match(script, /sagemaker = session\.client\("sagemaker"\)/);
      assert.match(script, /application_autoscaling = session\.client\("application-autoscaling"\)/);
      assert.match(script, /cloudwatch = session\.client\("cloudwatch"\)/);
      assert.match(script, /scheduler = session\.client\("scheduler"\)/);
      assert.ok(python, 'python3 is needed to parse the exported boto3 script: install it (apt-get install python3)');
      const file = join(dir, 'plan.py');
      writeFileSync(file, script);
      execFileSync('python3', ['-m', 'py_compile', file]);
      const parsed = JSON.parse(execFileSync('python3', ['-c', pythonCallDumper, file], { encoding: 'utf8' })) as {
        calls: { client: string | null; method: string; kwargs: Record<string, unknown>; target: string | null }[];
        assigned: Record<string, string>;
      };
      const clients: Record<string, string> = {
        sagemaker: 'sagemaker',
        'application-auto-scaling': 'application_autoscaling',
        cloudwatch: 'cloudwatch',
        scheduler: 'scheduler',
      };
      const stepCalls = parsed.calls.filter((call) => Object.values(clients).includes(call.client ?? ''));
      const expected = plan.steps.map((step) => ({
        client: clients[step.service],
        method: step.operation.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(),
        kwargs: withPlaceholders(step.input, (ref) => ({ $name: ref.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase() })),
      }));
      assert.deepEqual(
        stepCalls.map(({ client, method, kwargs }) => ({ client, method, kwargs })),
        expected,
      );
      // Outputs land in the variables the later calls use.
      assert.equal(parsed.assigned.step_policy_arn, "response['PolicyARN']");
      assert.equal(parsed.assigned.model_arn, "response['ModelArn']");
      // Waits: the SDK waiter for the endpoint, the polling helper for the IC.
      assert.ok(parsed.calls.some((call) => call.client === `sagemaker.get_waiter('endpoint_in_service')` && call.method === 'wait'));
      assert.match(script, /sagemaker\.get_waiter\("endpoint_in_service"\)\.wait\(EndpointName="plan-endpoint"\)/);
      assert.ok(parsed.calls.some((call) => call.method === 'wait_for_inference_component'));
      assert.match(script, /wait_for_inference_component\("plan-ic"\)/);
      assert.match(script, /AlarmActions=\[\n\s+step_policy_arn,\n\s+\]/);
    });
  });

  describe('AWS CLI', () => {
    /** Undoes the script's shell quoting of one --cli-input-json argument, keeping "$VAR" as text. */
    function unquote(argument: string): string {
      let out = '';
      let i = 0;
      while (i < argument.length) {
        if (argument[i] === "'") {
          const end = argument.indexOf("'", i + 1);
          out += argument.slice(i + 1, end);
          i = end + 1;
        } else if (argument[i] === '"') {
          const end = argument.indexOf('"', i + 1);
          out += argument.slice(i + 1, end);
          i = end + 1;
        } else if (argument[i] === '\\') {
          out += argument[i + 1];
          i += 2;
        } else {
          out += argument[i];
          i += 1;
        }
      }
      return out;
    }

    it('has one command per step with the service, the kebab-case operation and the same request; outputs captured, waits in place', () => {
      const plan = fullPlan();
      const script = toAwsCliScript(plan);
      // The plan's commands (not the inference component helper's poll, which takes its request as "$1").
      const commands = script.split('\n').filter((line) => /(^|\$\()aws [a-z-]+ [a-z-]+ --cli-input-json '/.test(line));
      assert.equal(commands.length, plan.steps.length);
      const services: Record<string, string> = {
        sagemaker: 'sagemaker',
        'application-auto-scaling': 'application-autoscaling',
        cloudwatch: 'cloudwatch',
        scheduler: 'scheduler',
      };
      const kebab: Record<string, string> = {
        CreateModel: 'create-model',
        CreateEndpointConfig: 'create-endpoint-config',
        CreateEndpoint: 'create-endpoint',
        CreateInferenceComponent: 'create-inference-component',
        RegisterScalableTarget: 'register-scalable-target',
        PutScalingPolicy: 'put-scaling-policy',
        PutMetricAlarm: 'put-metric-alarm',
        CreateSchedule: 'create-schedule',
        PutScheduledAction: 'put-scheduled-action',
        UpdateInferenceComponentRuntimeConfig: 'update-inference-component-runtime-config',
      };
      for (const [index, step] of plan.steps.entries()) {
        const line = commands[index];
        const match = /aws ([a-z-]+) ([a-z-]+) --cli-input-json ('(?:[^']|'"[^"]*"'|'\\'')*')/.exec(line);
        assert.ok(match, line);
        assert.equal(match[1], services[step.service]);
        assert.equal(match[2], kebab[step.operation]);
        const request = JSON.parse(unquote(match[3]));
        const varName = (ref: string) => `$${ref.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
        assert.deepEqual(request, withPlaceholders(step.input, varName), step.id);
      }
      assert.match(script, /^STEP_POLICY_ARN=\$\(aws application-autoscaling put-scaling-policy .* --query 'PolicyARN' --output text\)$/m);
      assert.match(script, /"AlarmActions":\["'"\$STEP_POLICY_ARN"'"\]/);
      assert.match(script, /^aws sagemaker wait endpoint-in-service --cli-input-json '\{"EndpointName":"plan-endpoint"\}'$/m);
      assert.match(script, /^wait_for_inference_component '\{"InferenceComponentName":"plan-ic"\}'$/m);
      // A POSIX shell script: dash (sh here) and bash both accept it.
      assert.ok(bash, 'bash is needed to check the exported AWS CLI script: install it');
      const file = join(dir, 'plan.sh');
      writeFileSync(file, script);
      execFileSync('sh', ['-n', file]);
      execFileSync('bash', ['-n', file]);
    });

    it('expands the spliced variables to the exact JSON the plan holds (bash)', function () {
      assert.ok(bash, 'bash is needed to check the exported AWS CLI script: install it');
      const plan = fullPlan();
      const alarm = plan.steps.find((step) => step.id === 'no-capacity-alarm')!;
      // An apostrophe in the request must survive the single quotes.
      alarm.input.AlarmDescription = "Wakes plan-ic's copies from zero";
      const line = toAwsCliScript({ title: 't', steps: [alarm] }).split('\n').find((l) => l.startsWith('aws cloudwatch'))!;
      const argument = line.replace(/^aws cloudwatch put-metric-alarm --cli-input-json /, '');
      const printed = execFileSync('bash', ['-c', `STEP_POLICY_ARN='arn:aws:autoscaling:x'; printf '%s' ${argument}`], { encoding: 'utf8' });
      assert.deepEqual(JSON.parse(printed), withPlaceholders(alarm.input, () => 'arn:aws:autoscaling:x'));
    });

    it('reads several outputs of one call into their variables, and stops when that call fails (dash)', () => {
      const plan: Plan = {
        title: 'two outputs',
        steps: [
          {
            id: 'policy',
            service: 'application-auto-scaling',
            operation: 'PutScalingPolicy',
            description: 'Put a policy',
            input: { PolicyName: 'p', ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/ic', ScalableDimension: dimension },
            outputs: { policyArn: 'PolicyARN', highAlarm: 'Alarms.0.AlarmName' },
          },
          {
            id: 'alarm',
            service: 'cloudwatch',
            operation: 'PutMetricAlarm',
            description: 'Put an alarm',
            input: { AlarmName: 'a', AlarmActions: [{ $ref: 'policyArn' }], AlarmDescription: { $ref: 'highAlarm' } },
          },
        ],
      };
      const caseDir = mkdtempSync(join(dir, 'outputs-'));
      writeFileSync(join(caseDir, 'plan.sh'), toAwsCliScript(plan));
      // A fake `aws`: put-scaling-policy answers two tab-separated values (or fails when told to), others are logged.
      writeFileSync(
        join(caseDir, 'aws'),
        '#!/bin/sh\nif [ "$2" = put-scaling-policy ]; then [ -z "${FAIL:-}" ] || exit 254; printf \'arn:aws:autoscaling:policy\\tTargetTracking-high\\n\'; else printf \'%s\\n\' "$4" >> calls; fi\n',
      );
      chmodSync(join(caseDir, 'aws'), 0o755);
      const env = { ...process.env, PATH: `${caseDir}:${process.env.PATH ?? ''}` };
      assert.match(execFileSync('dash', ['plan.sh'], { cwd: caseDir, env, encoding: 'utf8' }), /Done\.\n$/);
      assert.deepEqual(JSON.parse(readFileSync(join(caseDir, 'calls'), 'utf8')), { AlarmName: 'a', AlarmActions: ['arn:aws:autoscaling:policy'], AlarmDescription: 'TargetTracking-high' });
      rmSync(join(caseDir, 'calls'));
      const failed = spawnSync('dash', ['plan.sh'], { cwd: caseDir, env: { ...env, FAIL: '1' }, encoding: 'utf8' });
      assert.notEqual(failed.status, 0, 'the script goes on after the call failed');
      assert.ok(!existsSync(join(caseDir, 'calls')), 'a command ran after the failed call');
    });
  });

  describe('CloudFormation', () => {
    const allowed: Record<string, string[]> = {
      'AWS::SageMaker::Model': ['ModelName', 'ExecutionRoleArn', 'PrimaryContainer', 'Containers', 'VpcConfig', 'EnableNetworkIsolation', 'InferenceExecutionConfig', 'Tags'],
      'AWS::SageMaker::EndpointConfig': ['EndpointConfigName', 'ExecutionRoleArn', 'ProductionVariants', 'KmsKeyId', 'DataCaptureConfig', 'AsyncInferenceConfig', 'Tags', 'EnableNetworkIsolation', 'VpcConfig'],
      'AWS::SageMaker::Endpoint': ['EndpointName', 'EndpointConfigName', 'DeploymentConfig', 'Tags'],
      'AWS::SageMaker::InferenceComponent': ['InferenceComponentName', 'EndpointName', 'EndpointArn', 'VariantName', 'Specification', 'RuntimeConfig', 'DeploymentConfig', 'Tags'],
      'AWS::ApplicationAutoScaling::ScalableTarget': ['ServiceNamespace', 'ResourceId', 'ScalableDimension', 'MinCapacity', 'MaxCapacity', 'RoleARN', 'ScheduledActions', 'SuspendedState'],
      'AWS::ApplicationAutoScaling::ScalingPolicy': ['PolicyName', 'PolicyType', 'ScalingTargetId', 'ResourceId', 'ScalableDimension', 'ServiceNamespace', 'StepScalingPolicyConfiguration', 'TargetTrackingScalingPolicyConfiguration'],
      'AWS::CloudWatch::Alarm': [
        'AlarmName', 'AlarmDescription', 'ActionsEnabled', 'AlarmActions', 'MetricName', 'Namespace', 'Dimensions', 'Statistic', 'Period', 'EvaluationPeriods',
        'DatapointsToAlarm', 'Threshold', 'ComparisonOperator', 'TreatMissingData', 'OKActions', 'InsufficientDataActions', 'Unit',
      ],
      'AWS::Scheduler::Schedule': ['Name', 'GroupName', 'ScheduleExpression', 'ScheduleExpressionTimezone', 'FlexibleTimeWindow', 'Target', 'State', 'StartDate', 'EndDate', 'Description'],
    };

    it('parses as JSON and YAML (the same template), with valid types and property names, and $refs wired', () => {
      const plan = fullPlan();
      const exported = toCloudFormation(plan);
      const fromJson = JSON.parse(exported.json) as { Resources: Record<string, { Type: string; Properties: Record<string, CfnValue>; DependsOn?: string[] }> };
      const fromYaml = yaml.load(exported.yaml);
      assert.deepEqual(fromYaml, fromJson);
      const resources = Object.entries(fromJson.Resources);
      assert.deepEqual([...new Set(resources.map(([, resource]) => resource.Type))].sort(), Object.keys(allowed).sort());
      assert.equal(resources.length, 9, 'one resource per create step; the scheduled action is folded into its target');
      for (const [id, resource] of resources) {
        for (const property of Object.keys(resource.Properties)) {
          assert.ok(allowed[resource.Type].includes(property), `${id}: ${resource.Type} has no property ${property}`);
        }
        for (const dependency of resource.DependsOn ?? []) assert.ok(fromJson.Resources[dependency], `${id} depends on ${dependency}`);
      }
      const byType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
      const [[stepPolicyId]] = byType('AWS::ApplicationAutoScaling::ScalingPolicy').filter(([, r]) => r.Properties.PolicyType === 'StepScaling');
      const [[targetId, target]] = byType('AWS::ApplicationAutoScaling::ScalableTarget');
      const [[, alarm]] = byType('AWS::CloudWatch::Alarm');
      assert.deepEqual(alarm.Properties.AlarmActions, [{ 'Fn::GetAtt': [stepPolicyId, 'Arn'] }], 'the attribute the resource specification lists for the policy\'s ARN');
      for (const [, policy] of byType('AWS::ApplicationAutoScaling::ScalingPolicy')) {
        assert.deepEqual(policy.Properties.ScalingTargetId, { Ref: targetId });
        assert.equal(policy.Properties.ResourceId, undefined, 'ScalingTargetId or the three keys, not both');
      }
      assert.deepEqual(target.Properties.ScheduledActions, [
        { ScheduledActionName: 'plan-ic-night', Schedule: 'cron(0 20 * * ? *)', Timezone: 'Europe/Paris', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 2 } },
      ]);
      const [[icId, ic]] = byType('AWS::SageMaker::InferenceComponent');
      assert.deepEqual(ic.Properties.RuntimeConfig, { CopyCount: 1 });
      assert.equal((ic.Properties.Specification as Record<string, CfnValue>).ModelName, 'plan-model');
      const [[endpointId]] = byType('AWS::SageMaker::Endpoint');
      const [[modelId]] = byType('AWS::SageMaker::Model');
      assert.deepEqual([...(ic.DependsOn ?? [])].sort(), [endpointId, modelId].sort());
      assert.ok(target.DependsOn?.includes(icId), 'the scalable target waits for its IC');
      const [[, config]] = byType('AWS::SageMaker::EndpointConfig');
      const variant = (config.Properties.ProductionVariants as Record<string, CfnValue>[])[0];
      assert.deepEqual(variant.ManagedInstanceScaling, { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 });
      assert.equal(variant.ModelName, undefined);
      assert.equal(config.Properties.ExecutionRoleArn, plan.steps[1].input.ExecutionRoleArn);
    });

    it('notes the step that changes an existing resource instead of dropping it silently', () => {
      const exported = toCloudFormation(fullPlan());
      assert.equal(exported.notes.length, 1);
      assert.match(exported.notes[0], /sleep-now.*UpdateInferenceComponentRuntimeConfig.*changes an existing resource/);
      assert.match(exported.yaml, /^# Not in this template: .*UpdateInferenceComponentRuntimeConfig/m);
      const template = JSON.parse(exported.json) as { Metadata: { PlanNotes: string[] } };
      assert.ok(template.Metadata.PlanNotes.some((note) => /UpdateInferenceComponentRuntimeConfig/.test(note)));
    });

    it('leaves out an API member CloudFormation does not have, and says so', () => {
      const plan = blogPlan(names(), { schedule: true });
      plan.steps.at(-1)!.input.ActionAfterCompletion = 'NONE';
      const exported = toCloudFormation(plan);
      const schedule = Object.values(exported.template.Resources).find((resource) => resource.Type === 'AWS::Scheduler::Schedule')!;
      assert.equal(schedule.Properties.ActionAfterCompletion, undefined);
      assert.ok(exported.notes.some((note) => /ActionAfterCompletion has no CloudFormation property/.test(note)));
    });
  });
});

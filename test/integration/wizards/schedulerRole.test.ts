import * as assert from 'node:assert/strict';
import { GetRoleCommand, GetRolePolicyCommand, ListRolePoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import * as yaml from 'js-yaml';
import { listSchedulerRoles } from '../../../src/aws/schedulerRoles';
import { type AwsClients } from '../../../src/aws/clients';
import { toAwsCliScript } from '../../../src/wizards/plans/exporters/awsCli';
import { toBoto3Script } from '../../../src/wizards/plans/exporters/boto3';
import { toCloudFormation } from '../../../src/wizards/plans/exporters/cloudFormation';
import { type Plan } from '../../../src/wizards/plans/plan';
import { type PlanProgress, runPlan } from '../../../src/wizards/plans/planRunner';
import { rollbackPlan } from '../../../src/wizards/plans/rollback';
import { planRunTagKey } from '../../../src/wizards/plans/overwrites';
import { scheduleWizard } from '../../../src/wizards/schedule/scheduleWizard';
import { pick, review, type } from '../../support/scriptedUserInput';
import { setFaults } from '../reliability/support';
import { operations, WizardHarness } from './support/wizardHarness';

const ic = 'demo-mistral-7b';
const icArn = `arn:aws:sagemaker:us-east-1:123456789012:inference-component/${ic}`;

describe('Wizard 3: the role EventBridge Scheduler assumes', () => {
  let harness: WizardHarness;
  const wait = async (ms: number) => {
    harness.emulator.advance(ms / 1000);
  };

  beforeEach(async () => {
    harness = await WizardHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  /** The wizard on demo-mistral-7b (copy count, nights off), answering the role step with `role`. */
  async function planWith(role: ReturnType<typeof pick | typeof type>[], clients: Pick<AwsClients, 'iam'> = harness.clients) {
    const { env, prompter } = harness.environment(
      [pick('Set the copy count'), type('UTC'), pick(/^Nights off/), type('1'), type('mistral-sleep'), type('mistral-wake'), ...role, review('run')],
      { listSchedulerRoles: (permission) => listSchedulerRoles(clients, { permission }) },
    );
    const result = await scheduleWizard(env, ic);
    assert.equal(result.kind, 'plan');
    return { plan: (result as { plan: Plan }).plan, prompter };
  }

  it('lists the roles that trust scheduler.amazonaws.com, marked when a policy allows the call, not the SageMaker execution role', async () => {
    const { plan, prompter } = await planWith([pick('EmulatorSchedulerRole')]);
    const page = prompter.page(/Role EventBridge Scheduler assumes/);
    assert.equal(page.text, 'Role EventBridge Scheduler assumes to call SageMaker (1 role trusts scheduler.amazonaws.com)');
    assert.deepEqual(page.items.map((item) => item.label), ['EmulatorSchedulerRole', 'Create a role for EventBridge Scheduler…', 'Enter a role ARN…']);
    assert.equal(page.items[0].description, 'allowed to set the copy count');
    assert.match(page.items[0].detail ?? '', /^Inline policy SetInferenceComponentCopies allows sagemaker:UpdateInferenceComponentRuntimeConfig on demo-mistral-7b/);
    assert.deepEqual(operations(plan), ['CreateSchedule', 'CreateSchedule']);
    assert.equal((plan.steps[0].input.Target as { RoleArn: string }).RoleArn, 'arn:aws:iam::123456789012:role/EmulatorSchedulerRole');
  });

  it('creates a role in the plan: CreateRole (name checked with IAM\'s rules) and the least inline policy, its ARN referenced by both schedules', async () => {
    const { plan, prompter } = await planWith([pick('Create a role for EventBridge Scheduler…'), type('my role', 'x'.repeat(65), 'service-role/MistralScheduler')]);
    assert.deepEqual(prompter.page(/Name of the new role/).errors, [
      'A role name may hold letters, digits and + = , . @ _ - only (not space).',
      'A role name has at most 64 characters (this one has 65).',
    ]);
    assert.equal(prompter.page(/Name of the new role/).value, 'demo-mistral-7b-scheduler-role');
    assert.deepEqual(operations(plan), ['CreateRole', 'PutRolePolicy', 'CreateSchedule', 'CreateSchedule']);
    const [createRole, putPolicy, sleep, wake] = plan.steps;
    assert.equal(createRole.service, 'iam');
    assert.equal(createRole.input.RoleName, 'MistralScheduler');
    assert.equal(createRole.input.Path, '/service-role/');
    assert.deepEqual(JSON.parse(String(createRole.input.AssumeRolePolicyDocument)), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    assert.deepEqual(JSON.parse(String(putPolicy.input.PolicyDocument)), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sagemaker:UpdateInferenceComponentRuntimeConfig'], Resource: icArn }],
    });
    for (const schedule of [sleep, wake]) assert.deepEqual((schedule.input.Target as { RoleArn: unknown }).RoleArn, { $ref: 'schedulerRoleArn' });
    assert.match(plan.notes?.join(' ') ?? '', /IAM takes a few seconds to make a new role usable: if EventBridge Scheduler cannot assume it yet, the schedule calls are tried again/);
  });

  it('runs the plan: the role (tagged with the run), its policy and the schedules using it; Scheduler\'s refusals while the role propagates are retried', async () => {
    const { plan } = await planWith([pick('Create a role for EventBridge Scheduler…'), type('MistralScheduler')]);
    const progress: PlanProgress[] = [];
    const result = await runPlan(harness.clients, plan, { wait, onProgress: (event) => progress.push(event) });
    assert.equal(result.status, 'succeeded', result.message);
    const iam = harness.clients.iam;
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'MistralScheduler' }))).Role!;
    assert.deepEqual(role.Tags, [{ Key: planRunTagKey, Value: result.runId }]);
    assert.equal(result.outputs.schedulerRoleArn, role.Arn);
    const policy = await iam.send(new GetRolePolicyCommand({ RoleName: 'MistralScheduler', PolicyName: 'SleepAndWakeInferenceComponent' }));
    assert.match(decodeURIComponent(policy.PolicyDocument ?? ''), /UpdateInferenceComponentRuntimeConfig/);
    const schedule = await harness.clients.scheduler.send(new GetScheduleCommand({ Name: 'mistral-sleep' }));
    assert.equal(schedule.Target?.RoleArn, role.Arn);
    const retries = progress.filter((event) => event.state === 'waiting' && event.step.operation === 'CreateSchedule');
    assert.ok(retries.length > 0, 'the emulator refuses a role for 8 s after CreateRole, as IAM does for a few seconds');
    assert.match(retries[0].message, /EventBridge Scheduler cannot assume the new role yet \(IAM takes a few seconds\); trying again in 1 s\./);
    // The new role is listed next time, and its policy allows what the schedules do.
    const listed = await listSchedulerRoles(harness.clients, { permission: { action: 'sagemaker:UpdateInferenceComponentRuntimeConfig', resource: icArn } });
    assert.deepEqual(listed.kind === 'listed' && listed.roles.map((entry) => [entry.name, entry.allows]), [['EmulatorSchedulerRole', true], ['MistralScheduler', true]]);
  });

  it('a failure after the role rolls back its policy, then the role, and leaves the demo\'s roles alone', async () => {
    const { plan } = await planWith([pick('Create a role for EventBridge Scheduler…'), type('MistralScheduler')]);
    let failed;
    try {
      await setFaults(harness.emulator.url, { errorRate: 1, operations: ['CreateSchedule'] });
      failed = await runPlan(harness.clients, plan, { wait });
    } finally {
      await setFaults(harness.emulator.url, null);
    }
    assert.equal(failed.status, 'failed');
    assert.equal(failed.failedStep, 'createSleepSchedule');
    assert.deepEqual(failed.created, [{ kind: 'role', name: 'MistralScheduler' }, { kind: 'rolePolicy', roleName: 'MistralScheduler', policyName: 'SleepAndWakeInferenceComponent' }]);
    const rollback = await rollbackPlan(harness.clients, failed, { wait });
    assert.equal(rollback.status, 'succeeded');
    assert.deepEqual(rollback.deleted.map((resource) => resource.kind), ['rolePolicy', 'role']);
    const roles = (await harness.clients.iam.send(new ListRolesCommand({}))).Roles ?? [];
    assert.deepEqual(roles.map((entry) => entry.RoleName), ['EmulatorSageMakerExecutionRole', 'EmulatorSchedulerRole']);
    assert.deepEqual((await harness.clients.iam.send(new ListRolePoliciesCommand({ RoleName: 'EmulatorSchedulerRole' }))).PolicyNames, ['SetInferenceComponentCopies']);
  });

  it('says when the roles cannot be listed (ListRoles denied) and takes a typed ARN, checked with the role ARN rule', async () => {
    const denied = {
      iam: {
        send: async () => {
          throw Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:ListRoles'), { name: 'AccessDenied' });
        },
      },
    } as unknown as Pick<AwsClients, 'iam'>;
    const { plan, prompter } = await planWith([pick('Enter a role ARN…'), type('SchedulerRole', 'arn:aws:iam::123456789012:role/SchedulerRole')], denied);
    const page = prompter.page(/iam:ListRoles is denied/);
    assert.equal(page.text, 'You may not list the account\'s IAM roles (iam:ListRoles is denied): create a role for EventBridge Scheduler, or enter a role\'s ARN');
    assert.deepEqual(page.items.map((item) => item.label), ['Create a role for EventBridge Scheduler…', 'Enter a role ARN…']);
    assert.deepEqual(prompter.page(/^Role EventBridge Scheduler assumes to call SageMaker \(trusts/).errors, ['Enter the role\'s ARN (arn:aws:iam::123456789012:role/Name), not its name.']);
    assert.equal((plan.steps[0].input.Target as { RoleArn: string }).RoleArn, 'arn:aws:iam::123456789012:role/SchedulerRole');
  });

  it('exports the new role in every format: boto3 and the AWS CLI create it and wait for IAM; CloudFormation as AWS::IAM::Role with its policy', async () => {
    const { plan } = await planWith([pick('Create a role for EventBridge Scheduler…'), type('MistralScheduler')]);
    const boto3 = toBoto3Script(plan);
    assert.match(boto3, /iam = session\.client\("iam"\)/);
    assert.match(boto3, /response = iam\.create_role\(\n\s+RoleName="MistralScheduler",/);
    assert.match(boto3, /scheduler_role_arn = response\["Role"\]\["Arn"\]/);
    assert.match(boto3, /iam\.put_role_policy\(/);
    assert.match(boto3, /# IAM is eventually consistent[^\n]*\ntime\.sleep\(10\)\n\n# 3\/4 Schedule mistral-sleep/);
    assert.match(boto3, /"RoleArn": scheduler_role_arn,/);
    const cli = toAwsCliScript(plan);
    assert.match(cli, /SCHEDULER_ROLE_ARN=\$\(aws iam create-role --cli-input-json '.*' --query 'Role\.Arn' --output text\)/);
    assert.match(cli, /\naws iam put-role-policy --cli-input-json /);
    assert.match(cli, /\nsleep 10\n/);
    assert.match(cli, /"RoleArn":"'"\$SCHEDULER_ROLE_ARN"'"/);
    const cfn = toCloudFormation(plan);
    const role = cfn.template.Resources.CreateSchedulerRole;
    assert.equal(role.Type, 'AWS::IAM::Role');
    assert.deepEqual(role.Properties.AssumeRolePolicyDocument, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    assert.deepEqual(role.Properties.Policies, [{
      PolicyName: 'SleepAndWakeInferenceComponent',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sagemaker:UpdateInferenceComponentRuntimeConfig'], Resource: icArn }] },
    }]);
    assert.equal(Object.values(cfn.template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Role').length, 1, 'the policy is folded into its role');
    const sleep = Object.values(cfn.template.Resources).find((resource) => resource.Properties.Name === 'mistral-sleep')!;
    assert.deepEqual((sleep.Properties.Target as { RoleArn: unknown }).RoleArn, { 'Fn::GetAtt': ['CreateSchedulerRole', 'Arn'] });
    assert.deepEqual(yaml.load(cfn.yaml), JSON.parse(cfn.json), 'the YAML is the same template');
  });
});

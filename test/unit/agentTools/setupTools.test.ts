import * as assert from 'node:assert/strict';
import { enableConfirmationMessage, enableCostLine, enableScaleToZeroTool } from '../../../src/agentTools/acting/enableScaleToZero';
import { scheduleConfirmationMessage, scheduleWeekendSleepTool, weekendSavingLine, weekendScheduleNames } from '../../../src/agentTools/acting/scheduleWeekendSleep';
import { type ActingTool, type ToolAccount } from '../../../src/agentTools/agentTool';
import { noQuestions } from '../../../src/agentTools/noQuestions';
import { AgentToolRunner } from '../../../src/agentTools/toolRunner';
import { Logger } from '../../../src/logging/logger';
import { repairPlan } from '../../../src/wizards/enableScaleToZero/enableScaleToZeroWizard';
import { type Plan } from '../../../src/wizards/plans/plan';
import { presetSchedulePlan } from '../../../src/wizards/schedule/scheduleWizard';
import { validateScheduleName } from '../../../src/wizards/validation/names';
import { DemoAccount } from '../../support/demoAccount';
import { renderMarkdown, visibleText } from '../../support/renderedMarkdown';

const seen = (markdown: string) => visibleText(renderMarkdown(markdown));
// A Monday noon in Paris: the next sleep is Friday, the next wake the Monday after.
const now = new Date('2026-03-09T11:00:00Z');
const silent = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('agent tools enableScaleToZero and scheduleWeekendSleep: input and confirmation text', () => {
  describe('input', () => {
    const parse = (raw: unknown) => scheduleWeekendSleepTool.parseInput(raw);
    const refusal = (raw: unknown) => {
      const parsed = parse(raw);
      assert.equal(parsed.ok, false, JSON.stringify(raw));
      return parsed.ok ? '' : parsed.message;
    };

    it('takes every field when valid, and only the name when the rest is left out', () => {
      assert.deepEqual(parse({ inferenceComponentName: 'demo-llama3-8b', timeZone: 'Europe/Paris', wakeCopies: 3, roleArn: 'arn:aws:iam::123456789012:role/service-role/Sched' }), {
        ok: true,
        input: { inferenceComponentName: 'demo-llama3-8b', timeZone: 'Europe/Paris', wakeCopies: 3, roleArn: 'arn:aws:iam::123456789012:role/service-role/Sched' },
      });
      assert.deepEqual(parse({ inferenceComponentName: 'x', timeZone: null, wakeCopies: null }), { ok: true, input: { inferenceComponentName: 'x' } });
    });

    it('refuses a zone that is not an IANA name, naming the field', () => {
      assert.match(refusal({ inferenceComponentName: 'x', timeZone: 'UTC+1' }), /^The field "timeZone" is not an IANA time zone name .*"UTC\+1"; offsets like UTC\+1 are not accepted\.$/);
      assert.match(refusal({ inferenceComponentName: 'x', timeZone: 'Mars/Olympus' }), /"timeZone"/);
      assert.match(refusal({ inferenceComponentName: 'x', timeZone: 7 }), /^The field "timeZone" must be a string, not the number 7\.$/);
    });

    it('refuses a role ARN with the wizard\'s validator, naming the field', () => {
      assert.equal(refusal({ inferenceComponentName: 'x', roleArn: 'SchedulerRole' }), 'The field "roleArn" is not a role ARN: Enter the role\'s ARN (arn:aws:iam::123456789012:role/Name), not its name.');
      assert.match(refusal({ inferenceComponentName: 'x', roleArn: 'arn:aws:iam::1234:role/x' }), /^The field "roleArn" is not a role ARN: This is not an IAM role ARN/);
      assert.match(refusal({ inferenceComponentName: 'x', roleArn: 'arn:aws:iam::123456789012:role/a b' }), /"roleArn"/);
    });

    it('refuses wakeCopies outside 1–1000 or not whole', () => {
      assert.equal(refusal({ inferenceComponentName: 'x', wakeCopies: 0 }), 'The field "wakeCopies" must be at least 1.');
      assert.equal(refusal({ inferenceComponentName: 'x', wakeCopies: 1001 }), 'The field "wakeCopies" must be at most 1000.');
      assert.match(refusal({ inferenceComponentName: 'x', wakeCopies: 1.5 }), /"wakeCopies"/);
      assert.match(refusal({ inferenceComponentName: 'x', wakeCopies: '2' }), /"wakeCopies" must be a whole number from 1 to 1000, not the text "2"/);
    });

    it('refuses unknown fields, a missing or bad name, and input that is not an object (both tools)', () => {
      for (const tool of [scheduleWeekendSleepTool, enableScaleToZeroTool] as ActingTool<unknown>[]) {
        const message = (raw: unknown) => {
          const parsed = tool.parseInput(raw);
          return parsed.ok ? 'accepted' : parsed.message;
        };
        assert.match(message({ inferenceComponentName: 'x', surprise: 1 }), /Unknown field "surprise"/);
        assert.match(message({}), /The field "inferenceComponentName" is required/);
        assert.match(message({ inferenceComponentName: 'under_score' }), /"inferenceComponentName" is not a valid inference component name/);
        assert.match(message([1]), /must be a JSON object/);
      }
      assert.deepEqual(enableScaleToZeroTool.parseInput({ inferenceComponentName: 'demo-mistral-7b' }), { ok: true, input: { inferenceComponentName: 'demo-mistral-7b' } });
      assert.match((enableScaleToZeroTool.parseInput({ inferenceComponentName: 'x', timeZone: 'UTC' }) as { message: string }).message, /Unknown field "timeZone"/);
    });

    it('names the schedules <ic>-weekend-sleep / -wake, shortening a long name so both are valid and different', () => {
      assert.deepEqual(weekendScheduleNames('demo-llama3-8b'), { sleepName: 'demo-llama3-8b-weekend-sleep', wakeName: 'demo-llama3-8b-weekend-wake' });
      const long = weekendScheduleNames('a'.repeat(63));
      assert.notEqual(long.sleepName, long.wakeName);
      assert.equal(validateScheduleName(long.sleepName), undefined);
      assert.equal(validateScheduleName(long.wakeName), undefined);
      assert.equal(long.sleepName.length, 64);
    });
  });

  describe('enableScaleToZero\'s confirmation, from the wizard\'s plan on the demo account', () => {
    it('names the failing checks it fixes, every call in order, the notes, the cost and the endpoint failure it leaves', async () => {
      const env = new DemoAccount(now).environment(noQuestions('test'));
      const proposal = await repairPlan(env, 'demo-mistral-7b');
      assert.equal(proposal.kind, 'plan');
      if (proposal.kind !== 'plan') return;
      assert.deepEqual(proposal.plan.steps.map((step) => step.id), ['registerScalableTarget', 'putStepScalingPolicy', 'putWakeAlarm']);
      const text = seen(
        enableConfirmationMessage({
          plan: proposal.plan,
          loaded: proposal.loaded,
          repairs: proposal.repairs,
          adaptersMissingWake: [],
          endpointFailures: [{ id: 'managedScaling', title: 'Managed instance scaling down to 0 instances', status: 'fail', reason: 'MinInstanceCount is 1: at least that many instances always run and bill.', fix: 'Update the endpoint to a config whose MinInstanceCount is 0.', fixId: 'enableManagedScalingToZero' }],
          accountLabel: 'AWS profile dev in us-east-1',
          overrides: { 'ml.g5.2xlarge': 2 },
        }),
      );
      assert.equal(
        text,
        [
          'Repair the scale-to-zero setup of demo-mistral-7b in AWS profile dev in us-east-1.',
          'It repairs 3 failing parts of the readiness check:',
          ...proposal.repairs.map((repair) => `${repair.label}: ${repair.reasons.join(' ')}`),
          'The plan makes 3 calls, in this order:',
          ...proposal.plan.steps.map((step) => step.description),
          'Notes:',
          ...(proposal.plan.notes ?? []),
          'Cost: the scalable target and the scaling policies do not bill by themselves (each CloudWatch alarm costs cents a month). Scaled to zero, each idle hour saves what an instance costs: 1 × ml.g5.2xlarge ≈ $2.00/h while running (approximate on-demand price, us-east-1, 2025-01-15; 0 while scaled to zero).',
          'Still failing after it, on the endpoint:',
          'Endpoint demo-always-on: Managed instance scaling down to 0 instances: MinInstanceCount is 1: at least that many instances always run and bill. This tool does not change it: Update the endpoint to a config whose MinInstanceCount is 0.',
          'A failed call offers to retry or roll back what the plan created.',
          '',
        ].join('\n'),
      );
      assert.ok((proposal.plan.notes ?? []).length > 0, 'the plan has notes to show');
    });

    it('says nothing to repair on a setup that passes, and what it costs when the plan has a cost or no instance type is known', async () => {
      const env = new DemoAccount(now).environment(noQuestions('test'));
      assert.equal((await repairPlan(env, 'demo-llama3-8b')).kind, 'nothingToRepair');
      const plan: Plan = { title: 't', steps: [], cost: { description: '1 × ml.g5.xlarge ≈ $1.41/h' } };
      assert.equal(enableCostLine(plan, {}, {}), 'Cost: 1 × ml.g5.xlarge ≈ $1.41/h');
      assert.match(enableCostLine({ title: 't', steps: [] }, {}, {}), /What an idle hour saves is not known: the endpoint's instance type could not be read\.$/);
    });

    it('escapes names from the account in the Markdown', () => {
      const plan: Plan = { title: 'Enable scale to zero on [x](command:evil)', steps: [{ id: 'a', service: 'cloudwatch', operation: 'PutMetricAlarm', input: {}, description: '![img](https://host/p.png)' }] };
      const message = enableConfirmationMessage({
        plan,
        loaded: { ic: { name: 'x' }, assessment: { fresh: true } } as never,
        repairs: [],
        adaptersMissingWake: [],
        endpointFailures: [],
        accountLabel: 'local',
        overrides: {},
      });
      assert.doesNotMatch(renderMarkdown(message), /<a |<img /);
      assert.match(seen(message), /Enable scale to zero on \[x\]\(command:evil\) in local\.\n/);
    });
  });

  describe('scheduleWeekendSleep\'s confirmation, from the wizard\'s plan on the demo account', () => {
    it('says when it sleeps and wakes with the next three of each, the listed role, every call, the notes and the saving', async () => {
      const env = new DemoAccount(now).environment(noQuestions('test'));
      const names = weekendScheduleNames('demo-embeddings');
      const proposal = await presetSchedulePlan(env, { icName: 'demo-embeddings', presetId: 'weekendsOff', timeZone: 'Europe/Paris', wakeCopies: 1, ...names });
      assert.equal(proposal.kind, 'plan');
      if (proposal.kind !== 'plan') return;
      assert.equal(proposal.plan.title, 'Sleep and wake demo-embeddings on a schedule');
      assert.deepEqual(proposal.role, { kind: 'listed', arn: 'arn:aws:iam::123456789012:role/EmulatorSchedulerRole', name: 'EmulatorSchedulerRole', allowedBy: 'SetInferenceComponentCopies' });
      const text = seen(scheduleConfirmationMessage({ plan: proposal.plan, proposal, icName: 'demo-embeddings', timeZone: 'Europe/Paris', wakeCopies: 1, now, accountLabel: 'local emulator (us-east-1)', overrides: {} }));
      assert.equal(
        text,
        [
          'Sleep and wake demo-embeddings on a schedule in local emulator (us-east-1), with EventBridge Scheduler (times in Europe/Paris):',
          'Sleep every Friday 19:00 (cron(0 19 ? * FRI *)): 0 copies. Next: Fri 2026-03-13 19:00, Fri 2026-03-20 19:00, Fri 2026-03-27 19:00.',
          'Wake every Monday 07:00 (cron(0 7 ? * MON *)): 1 copy. Next: Mon 2026-03-16 07:00, Mon 2026-03-23 07:00, Mon 2026-03-30 07:00.',
          'Role: the existing IAM role EmulatorSchedulerRole (trusts scheduler.amazonaws.com; its inline policy SetInferenceComponentCopies allows sagemaker:UpdateInferenceComponentRuntimeConfig on demo-embeddings).',
          'The plan makes 2 calls, in this order:',
          ...proposal.plan.steps.map((step) => step.description),
          'Saving: asleep 60 h a week × $1.41/h per ml.g5.xlarge instance ≈ $84.48 a week for each instance it runs on (approximate on-demand price, us-east-1, 2025-01-15).',
          'A failed call offers to retry or roll back what the plan created.',
          '',
        ].join('\n'),
      );
    });

    it('keeps the billing warning and gives no saving when the sleep would keep billing; refuses a name one of the component\'s schedules already has', async () => {
      const env = new DemoAccount(now).environment(noQuestions('test'));
      const proposal = await presetSchedulePlan(env, { icName: 'demo-mistral-7b', presetId: 'weekendsOff', timeZone: 'UTC', wakeCopies: 1, ...weekendScheduleNames('demo-mistral-7b') });
      assert.equal(proposal.kind, 'plan');
      if (proposal.kind !== 'plan') return;
      assert.match(proposal.billingWarning ?? '', /^Warning: this sleep schedule will not stop the bill/);
      assert.ok(proposal.plan.notes?.includes(proposal.billingWarning!));
      assert.equal(weekendSavingLine(proposal, {}), 'Saving: none while the instances keep billing (see the warning in the notes).');
      assert.match(weekendSavingLine({ asleepHoursPerWeek: 60, endpoint: { variants: [{ instanceType: 'ml.unknown.xlarge' }] } as never }, {}), /no price is known for ml\.unknown\.xlarge/);

      const taken = await presetSchedulePlan(env, { icName: 'demo-llama3-8b', presetId: 'weekendsOff', timeZone: 'UTC', wakeCopies: 1, sleepName: 'demo-llama3-8b-weekend-scale-to-zero', wakeName: 'other' });
      assert.deepEqual(taken.kind, 'refused');
      assert.match((taken as { message: string }).message, /^demo-llama3-8b already has a schedule named demo-llama3-8b-weekend-scale-to-zero: nothing was created\./);
    });

    it('creates a role named <ic>-scheduler-role when no listed role is allowed the call', async () => {
      const env = { ...new DemoAccount(now).environment(noQuestions('test')), listSchedulerRoles: async () => ({ kind: 'listed' as const, roles: [], truncated: false }) };
      const proposal = await presetSchedulePlan(env, { icName: 'demo-embeddings', presetId: 'weekendsOff', timeZone: 'UTC', wakeCopies: 1, ...weekendScheduleNames('demo-embeddings') });
      assert.equal(proposal.kind, 'plan');
      if (proposal.kind !== 'plan') return;
      assert.deepEqual(proposal.role, { kind: 'create', name: 'demo-embeddings-scheduler-role' });
      assert.deepEqual(proposal.plan.steps.map((step) => step.operation), ['CreateRole', 'PutRolePolicy', 'CreateSchedule', 'CreateSchedule']);
    });
  });

  describe('the runner\'s afterSuccess read after the run', () => {
    function runnerWith(status: 'succeeded' | 'failed', calls: string[]) {
      const plan: Plan = { title: 'Do it', steps: [{ id: 's', service: 'cloudwatch', operation: 'PutMetricAlarm', input: {}, description: 'Alarm a' }] };
      const tool: ActingTool<unknown> = {
        kind: 'act',
        name: 'tool',
        parseInput: (raw) => ({ ok: true, input: raw }),
        invocationMessage: () => 'Doing…',
        propose: async () => ({
          kind: 'plan',
          wizard: 'W',
          plan,
          confirmation: { title: 'Do it', message: 'm' },
          afterSuccess: async () => {
            calls.push('afterSuccess');
            return 'Read again: fine.';
          },
        }),
      };
      const account = {
        executePlan: async () => ({ runs: [{ status, completed: status === 'succeeded' ? ['s'] : [], skipped: [], created: [], overwritten: [], runId: 'r', message: 'it broke' }] }),
      } as unknown as ToolAccount;
      return new AgentToolRunner({ tools: [tool], account: () => account, logger: new Logger(silent) });
    }

    it('is read after a run that succeeds, and not after one that fails', async () => {
      const calls: string[] = [];
      const ok = runnerWith('succeeded', calls);
      await ok.prepare('tool', {});
      assert.equal(await ok.invoke('tool', {}), 'Done: Do it (1 call).\n- Alarm a\nRead again: fine.');
      assert.deepEqual(calls, ['afterSuccess']);
      const failed = runnerWith('failed', calls);
      await failed.prepare('tool', {});
      assert.match(await failed.invoke('tool', {}), /^Do it stopped: it broke\./);
      assert.deepEqual(calls, ['afterSuccess'], 'not read after a failure');
    });
  });
});

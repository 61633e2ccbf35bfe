import * as assert from 'node:assert/strict';
import { scheduleWizard } from '../../../src/wizards/schedule/scheduleWizard';
import { DeregisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { CreateInferenceComponentCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { exportPlan } from '../../../src/wizards/plans/exporters/planExport';
import { type Plan } from '../../../src/wizards/plans/plan';
import { back, cancel, pick, review, type } from '../../support/scriptedUserInput';
import { operations, WizardHarness } from './support/wizardHarness';

const role = 'arn:aws:iam::123456789012:role/SchedulerRole';

describe('Wizard 3: schedule sleep and wake', () => {
  let harness: WizardHarness;

  beforeEach(async () => {
    harness = await WizardHarness.start();
  });

  afterEach(async () => {
    await harness.close();
  });

  it('copy count: weekdays preset with its preview, role trust checked, warnings for MaxCapacity', async () => {
    const trusts: Record<string, string[]> = { 'arn:aws:iam::123456789012:role/LambdaRole': ['lambda.amazonaws.com'], [role]: ['scheduler.amazonaws.com'] };
    const { env, prompter } = harness.environment(
      [
        pick('Set the copy count'),
        type('', 'UTC+1', 'Europe/Paris'),
        pick('Weekdays 07:00–19:00'),
        type('0', '3'),
        type('bad name!', 'a'.repeat(65), 'llama-sleep'),
        type('llama-sleep', 'llama-wake'),
        type('arn:aws:iam::123456789012:role/LambdaRole'),
        type(role),
        review('run'),
      ],
      { readRoleTrust: async (arn) => trusts[arn] },
    );
    const result = await scheduleWizard(env, 'demo-llama3-8b');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.deepEqual(operations(result.plan), ['CreateSchedule', 'CreateSchedule']);
    const [sleep, wake] = result.plan.steps;
    assert.equal(sleep.input.Name, 'llama-sleep');
    assert.equal(sleep.input.ScheduleExpression, 'cron(0 19 ? * MON-FRI *)');
    assert.equal(sleep.input.ScheduleExpressionTimezone, 'Europe/Paris');
    assert.deepEqual(sleep.input.FlexibleTimeWindow, { Mode: 'OFF' });
    const sleepTarget = sleep.input.Target as Record<string, string>;
    assert.equal(sleepTarget.Arn, 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig');
    assert.equal(sleepTarget.RoleArn, role);
    assert.deepEqual(JSON.parse(sleepTarget.Input), { InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: 0 } });
    assert.deepEqual(JSON.parse((wake.input.Target as Record<string, string>).Input), { InferenceComponentName: 'demo-llama3-8b', DesiredRuntimeConfig: { CopyCount: 3 } });
    assert.equal(wake.input.ScheduleExpression, 'cron(0 7 ? * MON-FRI *)');
    assert.deepEqual(sleep.creates, { kind: 'schedule', name: 'llama-sleep', group: 'default' });
    assert.match(result.plan.notes?.join(' ') ?? '', /sets 3 copies, above the scalable target's MaxCapacity 2/);

    assert.deepEqual(prompter.page(/Time zone/).errors, [
      'Enter an IANA time zone name such as Europe/Paris or UTC.',
      'UTC+1 is not an IANA time zone name (such as Europe/Paris, America/New_York or UTC): offsets like UTC+1 are not accepted.',
    ]);
    assert.equal(prompter.page(/Time zone/).value, 'Europe/Paris', 'the machine\'s zone by default');
    assert.deepEqual(prompter.page(/Copies at wake-up/).errors, ['The wake copy count must be at least 1.']);
    assert.deepEqual(prompter.page(/Name of the sleep schedule/).errors, [
      'The schedule name may contain only letters, digits, hyphens, underscores and periods.',
      'The schedule name is 65 characters long: EventBridge Scheduler allows at most 64.',
    ]);
    assert.deepEqual(prompter.page(/Name of the wake schedule/).errors, ['The wake and sleep names must differ.']);
    const roles = prompter.pages.filter((page) => /Role EventBridge Scheduler assumes/.test(page.text));
    assert.equal(roles.length, 2, 'an untrusting role is asked again');
    assert.equal(roles[1].value, 'arn:aws:iam::123456789012:role/LambdaRole');
    // The re-asked page refuses the untrusting role by validation.
    const presets = prompter.page(/When to sleep and wake/);
    assert.equal(presets.items.length, 4);
    const now = new Date(harness.emulator.now());
    assert.ok(now.getUTCFullYear() >= 2024);
    const weekdays = presets.items.find((item) => item.label === 'Weekdays 07:00–19:00')!;
    assert.equal((weekdays.detail?.match(/\d{4}-\d{2}-\d{2} 19:00/g) ?? []).length, 5, 'five sleep times in the zone');
    assert.equal((weekdays.detail?.match(/\d{4}-\d{2}-\d{2} 07:00/g) ?? []).length, 5, 'five wake times in the zone');
    assert.match(prompter.pages.at(-1)!.text, /Sleep cron\(0 19 \? \* MON-FRI \*\) in Europe\/Paris, next: (\w{3} \d{4}-\d{2}-\d{2} 19:00 GMT\+\d, ){4}/);
  });

  it('refuses a role whose trust policy lacks scheduler.amazonaws.com with the reason, as validation', async () => {
    const { env, prompter } = harness.environment(
      [pick('Set the copy count'), type('UTC'), pick(/^Nights off/), type('1'), type('s1'), type('w1'), type('arn:aws:iam::123456789012:role/Other'), type('arn:aws:iam::123456789012:role/Other', role), review()],
      { readRoleTrust: async (arn) => (arn === role ? ['scheduler.amazonaws.com'] : ['ec2.amazonaws.com']) },
    );
    const result = await scheduleWizard(env, 'demo-llama3-8b');
    assert.equal(result.kind, 'plan');
    const second = prompter.pages.filter((page) => /Role EventBridge Scheduler assumes/.test(page.text))[1];
    assert.deepEqual(second.errors, [
      'This role does not trust scheduler.amazonaws.com (it trusts ec2.amazonaws.com): EventBridge Scheduler could not assume it.',
    ]);
  });

  it('delete/recreate with custom expressions: the IC\'s current spec is the wake Input; Back re-asks the expression; MinCapacity > 0 warns', async () => {
    const { env, prompter } = harness.environment([
      pick('demo-mistral-7b'),
      pick('Delete and recreate the inference component'),
      type('America/New_York'),
      pick('Custom expressions…'),
      type('cron(0 20 * * MON *)', 'cron(0 20 ? * FRI *)'),
      type('rate(1 minutes)', 'at(2030-01-07T08:00:00)'),
      back(),
      type('cron(0 8 ? * MON *)'),
      type('1'),
      type('m-sleep'),
      type('m-wake'),
      type('role', role),
      review('exportCloudFormation'),
    ]);
    const result = await scheduleWizard(env);
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.equal(result.action, 'exportCloudFormation');
    const [sleep, wake] = result.plan.steps;
    assert.equal(sleep.input.ScheduleExpression, 'cron(0 20 ? * FRI *)');
    assert.equal((sleep.input.Target as Record<string, string>).Arn, 'arn:aws:scheduler:::aws-sdk:sagemaker:deleteInferenceComponent');
    assert.deepEqual(JSON.parse((sleep.input.Target as Record<string, string>).Input), { InferenceComponentName: 'demo-mistral-7b' });
    const wakeTarget = wake.input.Target as Record<string, string>;
    assert.equal(wakeTarget.Arn, 'arn:aws:scheduler:::aws-sdk:sagemaker:createInferenceComponent');
    assert.deepEqual(JSON.parse(wakeTarget.Input), {
      InferenceComponentName: 'demo-mistral-7b',
      EndpointName: 'demo-always-on',
      VariantName: 'AllTraffic',
      Specification: {
        ModelName: 'demo-mistral-7b-model',
        StartupParameters: { ModelDataDownloadTimeoutInSeconds: 1200, ContainerStartupHealthCheckTimeoutInSeconds: 1200 },
        ComputeResourceRequirements: { NumberOfCpuCoresRequired: 2, NumberOfAcceleratorDevicesRequired: 1, MinMemoryRequiredInMb: 24576 },
      },
      RuntimeConfig: { CopyCount: 1 },
    });
    assert.equal(wake.input.ScheduleExpression, 'cron(0 8 ? * MON *)');
    assert.equal(wake.input.ScheduleExpressionTimezone, 'America/New_York');
    assert.match(result.plan.notes?.join(' ') ?? '', /MinCapacity is 1: it fights the sleep schedule/);
    assert.match(prompter.page(/Sleep schedule expression/).errors[0], /exactly one of day-of-month and day-of-week must be \?/);
    const wakePages = prompter.pages.filter((page) => /Wake schedule expression/.test(page.text));
    assert.equal(wakePages.length, 2);
    assert.match(wakePages[0].errors[0], /invalid rate/);
    assert.equal(wakePages[1].value, 'at(2030-01-07T08:00:00)', 'Back re-asks with the previous answer');
    assert.match(wakePages[0].text, /sleeps Fri \d{4}-\d{2}-\d{2} 20:00 E[SD]T/);
    assert.deepEqual(prompter.page(/Role EventBridge/).errors, ['Enter the role\'s ARN (arn:aws:iam::123456789012:role/Name), not its name.']);
    // The custom expressions are a section of their own; the total is an estimate until the method is chosen (issue 15, item 3).
    const custom = 'Schedule Sleep and Wake: Custom expressions';
    assert.deepEqual(
      prompter.pages.map(({ step }) => `${step.title} ${step.step}/${step.totalSteps}${step.estimated ? ' about' : ''}`),
      [
        ...['1/9 about', '2/9 about', '3/9', '4/9'].map((position) => `Schedule Sleep and Wake ${position}`),
        `${custom} 1/2`,
        `${custom} 2/2`,
        'Schedule Sleep and Wake 5/9',
        `${custom} 2/2`,
        ...['5/9', '6/9', '7/9', '8/9', '9/9'].map((position) => `Schedule Sleep and Wake ${position}`),
      ],
    );
  });

  it('scheduled actions: PutScheduledAction 0/0 to sleep and N/max to wake, no role asked; names by AAS rules', async () => {
    const { env, prompter } = harness.environment([
      pick('Application Auto Scaling scheduled actions'),
      type('Europe/Paris'),
      pick(/^Weekends off/),
      type('2'),
      type('bad:name', 'weekend-sleep'),
      type('weekend-wake'),
      review(),
    ]);
    const result = await scheduleWizard(env, 'demo-llama3-8b');
    assert.equal(result.kind, 'plan');
    if (result.kind !== 'plan') return;
    assert.deepEqual(operations(result.plan), ['PutScheduledAction', 'PutScheduledAction']);
    const [sleep, wake] = result.plan.steps;
    assert.deepEqual(sleep.input, {
      ServiceNamespace: 'sagemaker',
      ResourceId: 'inference-component/demo-llama3-8b',
      ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
      ScheduledActionName: 'weekend-sleep',
      Schedule: 'cron(0 19 ? * FRI *)',
      Timezone: 'Europe/Paris',
      ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 },
    });
    assert.deepEqual(wake.input.ScalableTargetAction, { MinCapacity: 2, MaxCapacity: 2 });
    assert.equal(wake.input.Schedule, 'cron(0 7 ? * MON *)');
    assert.deepEqual(prompter.page(/Name of the sleep scheduled action/).errors, ['The scheduled action name may not contain ":", "/", "|" or control characters.']);
    assert.ok(!prompter.pages.some((page) => /Role EventBridge/.test(page.text)));
  });

  it('offers no scheduled actions for an IC without a scalable target', async () => {
    await harness.clients.autoScaling.send(
      new DeregisterScalableTargetCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: 'inference-component/demo-embeddings',
        ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
      }),
    );
    const { env, prompter } = harness.environment([cancel()]);
    assert.deepEqual(await scheduleWizard(env, 'demo-embeddings'), { kind: 'cancelled' });
    assert.deepEqual(prompter.pages[0].items.map((item) => item.value), ['copyCount', 'deleteRecreate']);
  });

  describe('a sleep schedule that sleeps nothing (issue 14, item 2)', () => {
    it('warns on the plan page of a weekend schedule on demo-always-on (MinInstanceCount 1) with the weekly cost that stays', async () => {
      const { env, prompter } = harness.environment([
        pick('Set the copy count'),
        type('Europe/Paris'),
        pick(/^Weekends off/),
        type('1'),
        type('mistral-sleep'),
        type('mistral-wake'),
        type(role),
        review('run'),
      ]);
      const result = await scheduleWizard(env, 'demo-mistral-7b');
      assert.equal(result.kind, 'plan');
      if (result.kind !== 'plan') return;
      const planPage = prompter.pages.at(-1)!;
      assert.equal(planPage.kind, 'review');
      // 1 × ml.g5.2xlarge ≈ $1.52/h, asleep Friday 19:00 to Monday 07:00: 60 h a week.
      assert.match(planPage.text, /Warning: this sleep schedule will not stop the bill: endpoint demo-always-on keeps at least 1 instance\(s\) \(managed instance scaling MinInstanceCount is 1\)/);
      assert.match(planPage.text, /1 × ml\.g5\.2xlarge keep billing for the 60 h a week it says asleep: ≈ \$91\.20 a week/);
      assert.match(planPage.text, /new endpoint config with managed instance scaling on and MinInstanceCount 0/);
    });

    it('uses the user\'s own instance price, and says nothing on demo-scale-to-zero, whose sleep stops the bill', async () => {
      const overridden = harness.environment(
        [pick('Set the copy count'), type('UTC'), pick(/^Nights off/), type('1'), type('s1'), type('w1'), type(role), review('run')],
        { priceOverrides: { 'ml.g5.2xlarge': 2 } },
      );
      await scheduleWizard(overridden.env, 'demo-mistral-7b');
      assert.match(overridden.prompter.pages.at(-1)!.text, /keep billing for the 63 h a week it says asleep: ≈ \$126\.00 a week \(≈ \$2\.00\/h on-demand\)/);

      const zero = harness.environment([pick('Set the copy count'), type('UTC'), pick(/^Weekends off/), type('1'), type('s2'), type('w2'), type(role), review('run')]);
      await scheduleWizard(zero.env, 'demo-llama3-8b');
      assert.doesNotMatch(zero.prompter.pages.at(-1)!.text, /will not stop the bill/);
    });
  });

  describe('secrets in the container environment a delete/recreate copies (issue 14, item 6)', () => {
    const token = 'hf_SeCrEtCaNaRy0123456789abcdefXYZ';
    const image = '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0';

    /** A component on demo-scale-to-zero whose container environment holds a Hugging Face token, with or without a model. */
    async function gatedComponent(name: string, withModel: boolean): Promise<void> {
      await (harness.clients.sageMaker as unknown as SageMakerClient).send(
        new CreateInferenceComponentCommand({
          InferenceComponentName: name,
          EndpointName: 'demo-scale-to-zero',
          Specification: {
            ...(withModel ? { ModelName: 'demo-llama3-8b-model' } : {}),
            Container: { Image: image, Environment: { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', HF_TOKEN: token, MAX_INPUT_TOKENS: '4096' } },
            ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 },
          },
          RuntimeConfig: { CopyCount: 1 },
        }),
      );
    }

    const script = (choice: RegExp, action: 'run' | 'exportBoto3' | 'exportCli' | 'exportCloudFormation' = 'run') => [
      pick('Delete and recreate the inference component'),
      pick(choice),
      type('UTC'),
      pick(/^Weekends off/),
      type('1'),
      type('gated-sleep'),
      type('gated-wake'),
      type(role),
      review(action),
    ];
    const wakeInput = (plan: Plan) => (plan.steps[1].input.Target as Record<string, string>).Input;
    const exports = (plan: Plan, includeSecrets?: boolean) =>
      (['exportBoto3', 'exportCli', 'exportCloudFormation'] as const).map((action) => exportPlan(plan, action, { includeSecrets }).content);

    it('says which keys would be copied; referencing the model keeps the token out of the schedule input, the plan page and every export', async () => {
      await gatedComponent('gated-llm', true);
      const { env, prompter } = harness.environment(script(/^Reference the model demo-llama3-8b-model/));
      const result = await scheduleWizard(env, 'gated-llm');
      assert.equal(result.kind, 'plan');
      if (result.kind !== 'plan') return;
      const secretsPage = prompter.page(/look(s)? secret/);
      assert.match(secretsPage.text, /^HF_TOKEN in gated-llm's container environment looks secret: the recreate would copy its value into the wake schedule's input/);
      assert.deepEqual(secretsPage.items.map((item) => item.label), ['Reference the model demo-llama3-8b-model', 'Leave HF_TOKEN out', 'Copy HF_TOKEN into the schedule']);
      const input = JSON.parse(wakeInput(result.plan));
      assert.equal(input.Specification.ModelName, 'demo-llama3-8b-model');
      assert.equal(input.Specification.Container, undefined, 'no container definition is copied');
      assert.ok(!wakeInput(result.plan).includes(token));
      const planPage = prompter.pages.at(-1)!;
      assert.match(planPage.text, /recreates gated-llm from model demo-llama3-8b-model: its container environment \(HF_TOKEN\) is not copied/);
      assert.ok(!planPage.text.includes(token));
      for (const content of exports(result.plan)) assert.ok(!content.includes(token));
    });

    it('leaves the secret keys out of a component without a model, keeping the other variables', async () => {
      await gatedComponent('gated-container', false);
      const { env, prompter } = harness.environment(script(/^Leave HF_TOKEN out/));
      const result = await scheduleWizard(env, 'gated-container');
      assert.equal(result.kind, 'plan');
      if (result.kind !== 'plan') return;
      assert.deepEqual(prompter.page(/looks secret/).items.map((item) => item.value), ['omit', 'copy'], 'no model to reference');
      const input = JSON.parse(wakeInput(result.plan));
      assert.deepEqual(input.Specification.Container, { Image: image, Environment: { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', MAX_INPUT_TOKENS: '4096' } });
      assert.match(prompter.pages.at(-1)!.text, /HF_TOKEN is left out of the wake schedule's input: the recreated gated-container starts without it/);
    });

    it('copies the token only when chosen, says so on the plan page without printing it, and exports placeholders unless asked for the values', async () => {
      await gatedComponent('gated-llm', true);
      const { env, prompter } = harness.environment([...script(/^Copy HF_TOKEN into the schedule/, 'exportCli'), pick(/^Placeholders instead of the values/)]);
      const result = await scheduleWizard(env, 'gated-llm');
      assert.equal(result.kind, 'plan');
      if (result.kind !== 'plan') return;
      assert.ok(wakeInput(result.plan).includes(token), 'chosen: the schedule input holds the token');
      assert.equal(result.includeSecrets, false);
      const planPage = prompter.pages.find((page) => page.kind === 'review')!;
      assert.match(planPage.text, /Secret: the wake schedule's input holds the value of HF_TOKEN in plain text/);
      assert.ok(!planPage.text.includes(token), 'the plan page names the key, never the value');
      assert.match(prompter.pages.at(-1)!.text, /The plan holds the value of HF_TOKEN\. What should the exported file hold\?/);
      for (const content of exports(result.plan, result.includeSecrets)) {
        assert.ok(!content.includes(token), content);
        assert.match(content, /<redacted: HF_TOKEN>/);
        assert.match(content, /The value of HF_TOKEN is left out of this file/);
      }
    });

    it('prints the token in an export only when the user asks for the values', async () => {
      await gatedComponent('gated-llm', true);
      const { env } = harness.environment([...script(/^Copy HF_TOKEN into the schedule/, 'exportBoto3'), pick(/^Include the values/)]);
      const result = await scheduleWizard(env, 'gated-llm');
      assert.equal(result.kind, 'plan');
      if (result.kind !== 'plan') return;
      assert.equal(result.includeSecrets, true);
      for (const content of exports(result.plan, result.includeSecrets)) assert.ok(content.includes(token));
    });
  });
});

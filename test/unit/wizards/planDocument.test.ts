import * as assert from 'node:assert/strict';
import { planDocument } from '../../../src/wizards/framework/planDocument';
import { summarizePlan } from '../../../src/wizards/framework/planSummary';
import { runWizard } from '../../../src/wizards/framework/wizardRunner';
import { type Plan } from '../../../src/wizards/plans/plan';
import { scheduleSteps } from '../../../src/wizards/schedule/schedulePlan';
import { renderMarkdown, visibleText } from '../../support/renderedMarkdown';
import { review, ScriptedUserInput } from '../../support/scriptedUserInput';

const render = renderMarkdown;
const visible = visibleText;

const roleArn = 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20261206T213500-with-a-long-path';

/** The create wizard's first calls, as it builds them: a variant whose managed scaling sits past the old 120-character cut. */
function createPlan(): Plan {
  return {
    title: 'Create scale-to-zero endpoint my-endpoint',
    cost: { description: '1 × ml.g5.2xlarge ≈ $1.52/h while an instance runs; $0 at zero instances', hourlyUsd: 1.52 },
    notes: ['The first copy bills from creation until the first scale-in.', 'A request at zero copies fails at once (HTTP 400) and wakes the endpoint.'],
    steps: [
      {
        id: 'createEndpointConfig',
        service: 'sagemaker',
        operation: 'CreateEndpointConfig',
        description: 'Create endpoint config my-endpoint-config',
        input: {
          EndpointConfigName: 'my-endpoint-config',
          ExecutionRoleArn: roleArn,
          ProductionVariants: [
            {
              VariantName: 'AllTraffic',
              InstanceType: 'ml.g5.2xlarge',
              InitialInstanceCount: 1,
              ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 2 },
              RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
            },
          ],
          Tags: [],
        },
        creates: { kind: 'endpointConfig', name: 'my-endpoint-config' },
      },
      {
        id: 'putWakeAlarm',
        service: 'cloudwatch',
        operation: 'PutMetricAlarm',
        description: 'Create the wake alarm my-endpoint-ic-no-capacity',
        input: { AlarmName: 'my-endpoint-ic-no-capacity', AlarmActions: [{ $ref: 'stepPolicyArn' }], Threshold: 1, ActionsEnabled: true },
        waitFor: 'inferenceComponentInService',
        modifiesExisting: true,
      },
    ],
  };
}

describe('the plan document beside the review page (issue 15, item 4)', () => {
  it('shows the title, the cost, the notes (the wizard\'s first) and every call numbered with its service and operation', () => {
    const text = planDocument(createPlan(), ['Warning: the endpoint name is taken.']);
    const html = render(text);
    assert.match(html, /^<h1>Create scale-to-zero endpoint my-endpoint<\/h1>\n<p><strong>Cost:<\/strong> 1 × ml\.g5\.2xlarge ≈ \$1\.52\/h while an instance runs; \$0 at zero instances<\/p>/);
    assert.match(
      visible(html),
      /\nNotes\nWarning: the endpoint name is taken\.\nThe first copy bills from creation until the first scale-in\.\nA request at zero copies fails at once \(HTTP 400\) and wakes the endpoint\.\n/,
    );
    assert.match(html, /<h3>1\. SageMaker CreateEndpointConfig<\/h3>\n<p>Create endpoint config my-endpoint-config<\/p>/);
    assert.match(html, /<h3>2\. CloudWatch PutMetricAlarm<\/h3>\n<p>Create the wake alarm my-endpoint-ic-no-capacity<\/p>\n<p><em>Changes an existing resource/);
    assert.match(html, /Then waits for the inference component to be InService\./);
  });

  it('writes every parameter in full, nested structures as indented lists: MinInstanceCount 0 under ManagedInstanceScaling under the variant', () => {
    const text = planDocument(createPlan());
    assert.ok(text.includes(`- ExecutionRoleArn: \`${roleArn}\``), 'a long value is whole, not cut');
    assert.ok(!text.includes('…'), 'nothing is shortened');
    const html = render(text);
    // ProductionVariants > item 1 > ManagedInstanceScaling > MinInstanceCount, as nested lists.
    assert.match(
      html.replace(/\n/g, ''),
      /<li>ProductionVariants:<ol><li><ul><li>VariantName: <code>AllTraffic<\/code><\/li><li>InstanceType: <code>ml\.g5\.2xlarge<\/code><\/li><li>InitialInstanceCount: <code>1<\/code><\/li><li>ManagedInstanceScaling:<ul><li>Status: <code>ENABLED<\/code><\/li><li>MinInstanceCount: <code>0<\/code><\/li><li>MaxInstanceCount: <code>2<\/code><\/li><\/ul><\/li><li>RoutingConfig:<ul><li>RoutingStrategy: <code>LEAST_OUTSTANDING_REQUESTS<\/code><\/li><\/ul><\/li><\/ul><\/li><\/ol><\/li>/,
    );
    assert.match(html, /<li>Tags: <em>\(empty list\)<\/em><\/li>/);
    assert.match(visible(html), /AlarmActions:\s*<stepPolicyArn> \(from an earlier call's response\)/);
  });

  it('shows a schedule\'s JSON input as its structure', () => {
    const steps = scheduleSteps({
      method: 'copyCount',
      inferenceComponentName: 'demo-llama3-8b',
      timezone: 'Europe/Paris',
      sleep: { name: 'sleep', expression: 'cron(0 19 ? * FRI *)' },
      wake: { name: 'wake', expression: 'cron(0 7 ? * MON *)' },
      wakeCopies: 1,
      roleArn: 'arn:aws:iam::123456789012:role/SchedulerRole',
    });
    const html = render(planDocument({ title: 'Schedule', steps })).replace(/\n/g, '');
    assert.match(html, /<li>Input \(JSON text\):<ul><li>InferenceComponentName: <code>demo-llama3-8b<\/code><\/li><li>DesiredRuntimeConfig:<ul><li>CopyCount: <code>0<\/code><\/li>/);
  });

  it('shows names and values as written: nothing in them formats, links, loads or starts a block', () => {
    const image = '![x](https://evil.example/p.png)';
    const link = '[click](command:workbench.action.terminal.new)';
    const plan: Plan = {
      title: `Create ${image}`,
      notes: ['# not a heading', '1. not a list', `<img src=x onerror=alert(1)> *b* ${link}`],
      steps: [
        {
          id: 's',
          service: 'sagemaker',
          operation: 'CreateModel',
          description: `Create model ${link}`,
          input: { Environment: { '*KEY*': 'a `tick` and ``two``', EMPTY: '', URL: 'https://evil.example/q' } },
        },
      ],
    };
    const html = render(planDocument(plan));
    assert.doesNotMatch(html, /<img|<a |<strong>[^C]|<h1>not|<ol>\s*<li>not/);
    assert.doesNotMatch(html, /<em>(?!\(empty)/, 'a name was formatted');
    assert.doesNotMatch(html, /<h[1-6]>not|<li>not/, 'a note started a block');
    const text = visible(html);
    for (const literal of [image, link, '# not a heading', '1. not a list', '<img src=x onerror=alert(1)> *b*', '*KEY*: a `tick` and ``two``', 'https://evil.example/q']) {
      assert.ok(text.includes(literal), `${literal} is not shown as written in ${text}`);
    }
  });

  it('the review page holds a few short lines, and the full plan with its secrets redacted exactly as the page names them', async () => {
    const token = 'hf_SeCrEtCaNaRy0123456789abcdefXYZ';
    const plan = createPlan();
    plan.steps.push({
      id: 'createModel',
      service: 'sagemaker',
      operation: 'CreateModel',
      description: 'Create model gated',
      input: { PrimaryContainer: { Image: 'tgi:2', Environment: { HF_TOKEN: token, MAX_INPUT_TOKENS: '4096' } } },
    });
    const ui = new ScriptedUserInput([review('run')]);
    await runWizard({ title: 'Create', steps: [], buildPlan: () => plan, reviewNotes: () => ['Read me first.'] }, ui, {});
    const page = ui.pages.find((entry) => entry.kind === 'review')!;
    assert.ok(!page.text.includes(token), 'the token is shown');
    assert.match(page.text, /\nHF_TOKEN: <redacted: HF_TOKEN>\n/);
    assert.match(page.text, /\nMAX_INPUT_TOKENS: 4096\n/);
    assert.match(page.text, /Read me first\.\n/);

    const summary = summarizePlan(plan, ['Read me first.']).split('\n');
    assert.deepEqual(summary, [
      'Create scale-to-zero endpoint my-endpoint',
      'Cost: 1 × ml.g5.2xlarge ≈ $1.52/h while an instance runs; $0 at zero instances',
      '3 calls: CreateEndpointConfig, PutMetricAlarm, CreateModel',
      '3 notes to read in the full plan',
    ]);
    const many: Plan = { ...plan, steps: Array.from({ length: 40 }, () => plan.steps[0]) };
    for (const line of summarizePlan(many).split('\n')) assert.ok(line.length <= 120 && !line.includes('$('), line);
  });
});

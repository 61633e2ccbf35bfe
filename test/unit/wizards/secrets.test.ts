import * as assert from 'node:assert/strict';
import { runWizard } from '../../../src/wizards/framework/wizardRunner';
import { exportPlan } from '../../../src/wizards/plans/exporters/planExport';
import { type Plan } from '../../../src/wizards/plans/plan';
import { isSecretVariable, redactPlanSecrets, secretEnvironmentKeys } from '../../../src/wizards/plans/secrets';
import { createRequestFromDescription, recreateRequest, scheduleSteps } from '../../../src/wizards/schedule/schedulePlan';
import { back, pick, review, ScriptedUserInput } from '../../support/scriptedUserInput';

const token = 'hf_SeCrEtCaNaRy0123456789abcdefXYZ';

/** DescribeInferenceComponent of a component deployed with a Hugging Face token in its container environment. */
const description = {
  InferenceComponentName: 'gated-llm',
  EndpointName: 'demo-scale-to-zero',
  VariantName: 'AllTraffic',
  Specification: {
    ModelName: 'gated-llm-model',
    Container: {
      DeployedImage: { SpecifiedImage: 'tgi:2', ResolvedImage: 'tgi@sha256:00' },
      Environment: { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', HF_TOKEN: token, MAX_INPUT_TOKENS: '4096' },
    },
    ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 },
  },
};

/** The delete/recreate plan exactly as main builds it: the container, token included, copied into the wake schedule's input. */
function recreatePlan(): Plan {
  const steps = scheduleSteps({
    method: 'deleteRecreate',
    inferenceComponentName: 'gated-llm',
    timezone: 'UTC',
    sleep: { name: 'gated-sleep', expression: 'cron(0 19 ? * FRI *)' },
    wake: { name: 'gated-wake', expression: 'cron(0 7 ? * MON *)' },
    wakeCopies: 1,
    roleArn: 'arn:aws:iam::123456789012:role/SchedulerRole',
    createRequest: createRequestFromDescription(description),
  });
  return { title: 'Sleep and wake gated-llm on a schedule', steps };
}

describe('secrets in plans (issue 14, item 6)', () => {
  it('knows secret-looking variables by name and tokens by shape, not counts or flags', () => {
    assert.deepEqual(secretEnvironmentKeys(description.Specification.Container.Environment), ['HF_TOKEN']);
    for (const [name, value] of [['HUGGING_FACE_HUB_TOKEN', 'abc123def'], ['OPENAI_API_KEY', 'x-1234567'], ['DB_PASSWORD', 'hunter2'], ['clientSecret', 'abc'], ['AUTH_HEADER', 'Basic abc'], ['MODEL_URL', 'https://user:pa55@host/x'], ['WHATEVER', 'hf_abcdefghijklmnopqrstuvwx'], ['X', 'AKIAZZSECRETCANARY01']]) {
      assert.ok(isSecretVariable(name, value), `${name}=${value}`);
    }
    for (const [name, value] of [['MAX_INPUT_TOKENS', '4096'], ['MAX_TOTAL_TOKENS', 'abc'], ['HF_MODEL_ID', 'meta-llama/Llama-3.1-8B-Instruct'], ['USE_AUTH', 'true'], ['SM_NUM_GPUS', '1'], ['API_KEY', '']]) {
      assert.ok(!isSecretVariable(name, value), `${name}=${value}`);
    }
  });

  it('exports of a delete/recreate schedule plan print <redacted: HF_TOKEN>, never the token, unless the values are asked for', () => {
    const plan = recreatePlan();
    assert.ok(JSON.stringify(plan).includes(token), 'the plan itself copies the token (the user chose to)');
    for (const action of ['exportBoto3', 'exportCli', 'exportCloudFormation'] as const) {
      const content = exportPlan(plan, action).content;
      assert.ok(!content.includes(token), `${action} prints the token`);
      assert.match(content, /<redacted: HF_TOKEN>/, action);
      assert.match(content, /HF_MODEL_ID/, `${action} keeps the other variables`);
      assert.match(content, /The value of HF_TOKEN is left out of this file/, action);
      assert.ok(exportPlan(plan, action, { includeSecrets: true }).content.includes(token), `${action} with the values asked for`);
    }
  });

  it('redacts inside the JSON text of a schedule\'s input and keeps the request otherwise intact', () => {
    const { plan, names } = redactPlanSecrets(recreatePlan());
    assert.deepEqual(names, ['HF_TOKEN']);
    const input = JSON.parse((plan.steps[1].input.Target as Record<string, string>).Input);
    assert.deepEqual(input.Specification.Container.Environment, { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', HF_TOKEN: '<redacted: HF_TOKEN>', MAX_INPUT_TOKENS: '4096' });
    assert.equal(input.RuntimeConfig.CopyCount, 1);
    assert.deepEqual(redactPlanSecrets(plan).names, [], 'nothing left to redact');
  });

  it('the recreate request references the model, or leaves the secret keys out, as chosen', () => {
    const request = createRequestFromDescription(description);
    const referenced = recreateRequest(request, 'referenceModel', ['HF_TOKEN']);
    assert.deepEqual(referenced.Specification, { ModelName: 'gated-llm-model', ComputeResourceRequirements: { NumberOfCpuCoresRequired: 1, MinMemoryRequiredInMb: 1024 } });
    const omitted = recreateRequest(request, 'omit', ['HF_TOKEN']);
    assert.deepEqual((omitted.Specification as { Container: unknown }).Container, { Image: 'tgi:2', Environment: { HF_MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', MAX_INPUT_TOKENS: '4096' } });
    assert.equal(recreateRequest(request, 'copy', ['HF_TOKEN']), request);
  });

  it('the review page names the secret, never its value; an export asks first, and Back returns to the review', async () => {
    const ui = new ScriptedUserInput([review('exportCli'), back(), review('exportCloudFormation'), pick(/^Placeholders/)]);
    const result = await runWizard({ title: 'Secrets', steps: [], buildPlan: recreatePlan }, ui, {});
    assert.deepEqual(result.kind === 'plan' && [result.action, result.includeSecrets], ['exportCloudFormation', false]);
    const reviews = ui.pages.filter((page) => page.kind === 'review');
    assert.equal(reviews.length, 2);
    for (const page of reviews) {
      assert.ok(!page.text.includes(token), 'the review page prints the token');
    }
    assert.match(ui.pages[1].text, /The plan holds the value of HF_TOKEN/);
    assert.deepEqual(ui.pages[1].items.map((item) => item.value), [false, true]);
  });
});

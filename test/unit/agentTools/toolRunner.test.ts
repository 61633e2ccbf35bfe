import * as assert from 'node:assert/strict';
import { type ActingTool, type ActionProposal, type ReadTool, type ToolAccount } from '../../../src/agentTools/agentTool';
import { AgentToolError, AgentToolRunner, confirmationLifetimeMs, describeRun, notConnectedMessage } from '../../../src/agentTools/toolRunner';
import { Logger } from '../../../src/logging/logger';
import { type Plan } from '../../../src/wizards/plans/plan';
import { type WizardRunReport } from '../../../src/wizards/plans/wizardRunReport';
import { type PlanRunResult } from '../../../src/wizards/plans/planRunner';

/** A plan setting `copies` copies on demo-ic. */
function copyPlan(copies: number): Plan {
  return {
    title: `Set demo-ic to ${copies} copies`,
    steps: [
      {
        id: 'setCopyCount',
        service: 'sagemaker',
        operation: 'UpdateInferenceComponentRuntimeConfig',
        input: { InferenceComponentName: 'demo-ic', DesiredRuntimeConfig: { CopyCount: copies } },
        description: `Set the copy count of demo-ic to ${copies}`,
        modifiesExisting: true,
      },
    ],
  };
}

function run(status: PlanRunResult['status'], completed: string[], message?: string): PlanRunResult {
  return { status, completed, skipped: [], outputs: {}, created: [], overwritten: [], runId: 'run-1', ...(message ? { message } : {}) };
}

describe('AgentToolRunner: an acting tool runs only the plan its confirmation showed', () => {
  let proposal: ActionProposal;
  let executed: Plan[];
  let connected: boolean;
  let clock: number;
  let logged: string[];
  let failWith: unknown;

  const acting: ActingTool<{ inferenceComponentName: string }> = {
    kind: 'act',
    name: 'test_act',
    parseInput(raw) {
      const name = (raw as { inferenceComponentName?: unknown } | undefined)?.inferenceComponentName;
      return typeof name === 'string' ? { ok: true, input: { inferenceComponentName: name } } : { ok: false, message: 'inferenceComponentName must be a string.' };
    },
    invocationMessage: (input) => `Setting the copy count of ${input.inferenceComponentName}…`,
    propose() {
      if (failWith) return Promise.reject(failWith);
      return Promise.resolve(proposal);
    },
  };
  const reading: ReadTool<Record<string, never>> = {
    kind: 'read',
    name: 'test_read',
    parseInput: () => ({ ok: true, input: {} }),
    invocationMessage: () => 'Reading…',
    answer: (_input, account) => Promise.resolve(`Read ${account.label}`),
  };

  const leaky: ReadTool<Record<string, never>> = {
    kind: 'read',
    name: 'test_leaky',
    parseInput: () => ({ ok: true, input: {} }),
    invocationMessage: () => 'Reading…',
    answer: () => Promise.resolve('Key AKIAIOSFODNN7EXAMPLE with aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
  };

  const account = (): ToolAccount =>
    ({
      label: 'local emulator (us-east-1)',
      region: 'us-east-1',
      executePlan: (_wizard: string, plan: Plan): Promise<WizardRunReport> => {
        executed.push(plan);
        return Promise.resolve({ plan, runs: [run('succeeded', plan.steps.map((step) => step.id))] });
      },
    }) as unknown as ToolAccount;

  const runner = () =>
    new AgentToolRunner({
      tools: [reading as never, leaky as never, acting as never],
      account: () => (connected ? account() : undefined),
      logger: new Logger({ trace: () => {}, debug: () => {}, info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) }),
      clock: () => clock,
    });

  beforeEach(() => {
    proposal = { kind: 'plan', wizard: 'Set Copy Count', plan: copyPlan(1), confirmation: { title: 'Set demo-ic to 1 copy?', message: 'It bills.' } };
    executed = [];
    connected = true;
    clock = 1_000_000;
    logged = [];
    failWith = undefined;
  });

  it('prepares a confirmation for a plan, and runs that plan once when invoked with the same input', async () => {
    const tools = runner();
    const prepared = await tools.prepare('test_act', { inferenceComponentName: 'demo-ic' });
    assert.deepEqual(prepared.confirmation, { title: 'Set demo-ic to 1 copy?', message: 'It bills.' });
    assert.equal(prepared.invocationMessage, 'Setting the copy count of demo-ic…');
    const answer = await tools.invoke('test_act', { inferenceComponentName: 'demo-ic' });
    assert.equal(executed.length, 1);
    assert.match(answer, /^Done: Set demo-ic to 1 copies \(1 call\)\.\n- Set the copy count of demo-ic to 1$/);
    // The confirmation is used up: a second invoke without a new confirmation changes nothing.
    const again = await tools.invoke('test_act', { inferenceComponentName: 'demo-ic' });
    assert.equal(executed.length, 1);
    assert.match(again, /^Nothing was changed: .*no confirmation was shown for it/);
  });

  it('changes nothing when invoked without a confirmation, for another input, or after the plan changed', async () => {
    const tools = runner();
    assert.match(await tools.invoke('test_act', { inferenceComponentName: 'demo-ic' }), /^Nothing was changed/);
    await tools.prepare('test_act', { inferenceComponentName: 'other-ic' });
    assert.match(await tools.invoke('test_act', { inferenceComponentName: 'demo-ic' }), /^Nothing was changed/);
    await tools.prepare('test_act', { inferenceComponentName: 'demo-ic' });
    proposal = { ...proposal, plan: copyPlan(2) } as ActionProposal;
    assert.match(await tools.invoke('test_act', { inferenceComponentName: 'demo-ic' }), /^Nothing was changed: .*the account changed since/);
    assert.deepEqual(executed, []);
    assert.ok(logged.some((line) => /not run, its plan was not the one confirmed/.test(line)));
  });

  it('changes nothing when the confirmation is older than its lifetime', async () => {
    const tools = runner();
    await tools.prepare('test_act', { inferenceComponentName: 'demo-ic' });
    clock += confirmationLifetimeMs + 1;
    assert.match(await tools.invoke('test_act', { inferenceComponentName: 'demo-ic' }), /^Nothing was changed: .*too old/);
    assert.deepEqual(executed, []);
  });

  it('asks no confirmation for an answer (nothing to do, or a refusal), and answers with its text', async () => {
    proposal = { kind: 'answer', text: 'demo-ic already has 2 copies: nothing to wake.' };
    const tools = runner();
    const prepared = await tools.prepare('test_act', { inferenceComponentName: 'demo-ic' });
    assert.equal(prepared.confirmation, undefined);
    assert.equal(await tools.invoke('test_act', { inferenceComponentName: 'demo-ic' }), 'demo-ic already has 2 copies: nothing to wake.');
    assert.deepEqual(executed, []);
  });

  it('asks no confirmation for a read tool, and answers it', async () => {
    const tools = runner();
    assert.equal((await tools.prepare('test_read', {})).confirmation, undefined);
    assert.equal(await tools.invoke('test_read', {}), 'Read local emulator (us-east-1)');
  });

  it('scrubs credentials from every answer, as from the log', async () => {
    const answer = await runner().invoke('test_leaky', {});
    assert.doesNotMatch(answer, /AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI/);
    assert.match(answer, /redacted/);
  });

  it('refuses malformed input with a sentence naming the tool and the field, and confirms nothing', async () => {
    const tools = runner();
    assert.equal((await tools.prepare('test_act', { inferenceComponentName: 7 })).confirmation, undefined);
    await assert.rejects(tools.invoke('test_act', { inferenceComponentName: 7 }), (error: Error) => error instanceof AgentToolError && error.message === 'test_act: inferenceComponentName must be a string.');
    await assert.rejects(tools.invoke('test_act', null), AgentToolError);
    await assert.rejects(tools.invoke('no_such_tool', {}), /There is no tool named no_such_tool/);
  });

  it('says it is not connected, and confirms nothing then', async () => {
    connected = false;
    const tools = runner();
    assert.equal((await tools.prepare('test_act', { inferenceComponentName: 'demo-ic' })).confirmation, undefined);
    await assert.rejects(tools.invoke('test_read', {}), (error: Error) => error.message === notConnectedMessage);
    await assert.rejects(tools.invoke('test_act', { inferenceComponentName: 'demo-ic' }), (error: Error) => error.message === notConnectedMessage);
  });

  it('words an AWS failure plainly, naming the resource, with no stack trace and no credential', async () => {
    failWith = Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sagemaker:DescribeInferenceComponent (AKIAIOSFODNN7EXAMPLE)'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    const tools = runner();
    await assert.rejects(tools.prepare('test_act', { inferenceComponentName: 'demo-ic' }), (error: Error) => {
      assert.ok(error instanceof AgentToolError);
      assert.match(error.message, /demo-ic/);
      assert.doesNotMatch(error.message, /AKIAIOSFODNN7EXAMPLE|\n\s+at /);
      return true;
    });
    assert.ok(logged.every((line) => !line.includes('AKIAIOSFODNN7EXAMPLE')), logged.join('\n'));
  });
});

describe('describeRun: what a plan run did, for the agent', () => {
  const plan = copyPlan(0);

  it('lists the calls of a successful run and what follows', () => {
    const text = describeRun(plan, 'Set Copy Count', { runs: [run('succeeded', ['setCopyCount'])] }, 'Its instances are released in about 10 minutes.');
    assert.equal(text, 'Done: Set demo-ic to 0 copies (1 call).\n- Set the copy count of demo-ic to 0\nIts instances are released in about 10 minutes.');
  });

  it('says why a run stopped, and whether it was rolled back or kept for the wizard to resume', () => {
    const failed = run('failed', [], 'Set the copy count of demo-ic failed: ThrottlingException.');
    assert.equal(
      describeRun(plan, 'Set Copy Count', { runs: [failed], rollback: { status: 'succeeded', deleted: [], restored: [], notDeleted: [] } }),
      'Set demo-ic to 0 copies stopped: Set the copy count of demo-ic failed: ThrottlingException. What it had changed was rolled back: the account is as it was.',
    );
    assert.match(describeRun(plan, 'Enable Scale to Zero', { runs: [failed] }), /is kept; running Enable Scale to Zero again offers to resume it or roll it back\.$/);
    assert.match(describeRun(plan, 'Set Copy Count', { runs: [run('cancelled', [])] }), /stopped: it was cancelled\./);
    assert.equal(describeRun(plan, 'Set Copy Count', { runs: [] }), '"Set demo-ic to 0 copies" did not run: nothing was changed.');
  });
});

import * as assert from 'node:assert/strict';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { CreateModelCommand, DescribeEndpointCommand, DescribeInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { AccountReader } from '../../../../src/aws/accountReader';
import { type AwsClients, createClients } from '../../../../src/aws/clients';
import { checkEndpoint } from '../../../../src/readiness/readiness';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { type PlanProgress, runPlan } from '../../../../src/wizards/plans/planRunner';
import { pollUntil, waitForEndpointInService, waitForInferenceComponentInService } from '../../../../src/wizards/plans/resourceProbe';
import { validatePlanRefs } from '../../../../src/wizards/plans/outputRefs';
import { blogPlan, dimension, inventoryOf, names, noRetryClients, roleArn } from './blogPlan';
import { assertReadyButForSingleType } from '../../../support/singleTypeWarning';

describe('plan runner against the emulator', () => {
  let emulator: RunningEmulator;
  let clients: AwsClients;
  let waited: number[];
  const wait = async (ms: number) => {
    waited.push(ms);
    emulator.advance(ms / 1000);
  };

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    waited = [];
  });

  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('runs the blog\'s plan in order, waits for the endpoint and the IC, wires the step policy ARN into the alarm, and passes the readiness check', async () => {
    const n = names();
    const plan = blogPlan(n, { schedule: true });
    const events: PlanProgress[] = [];
    const result = await runPlan(clients, plan, { wait, onProgress: (event) => events.push(event) });

    assert.equal(result.status, 'succeeded', result.message);
    assert.deepEqual(result.completed, plan.steps.map((step) => step.id));
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.created, plan.steps.map((step) => step.creates));
    assert.ok(waited.length > 0, 'the runner waited on the injected clock');
    // The endpoint took ~3 virtual minutes and the copy ~2.3: the waits add up to at least that.
    assert.ok(waited.reduce((sum, ms) => sum + ms, 0) >= (180 + 136.8) * 1000);

    // Progress: every step started and finished, in order, and the waits were reported.
    const doneOrder = events.filter((event) => event.state === 'done').map((event) => event.step.id);
    assert.deepEqual(doneOrder, result.completed);
    assert.ok(events.some((event) => event.state === 'waiting' && event.step.id === 'endpoint' && /Creating/.test(event.message)));
    assert.ok(events.some((event) => event.state === 'ready' && event.step.id === 'inference-component'));
    assert.match(events[0].message, /^1\/9 Create model plan-model/);

    const endpoint = await clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: n.endpoint }));
    assert.equal(endpoint.EndpointStatus, 'InService');
    assert.equal(result.outputs.endpointArn, endpoint.EndpointArn);
    assert.equal(endpoint.ProductionVariants?.[0].ManagedInstanceScaling?.MinInstanceCount, 0);
    const ic = await clients.sageMaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: n.ic }));
    assert.equal(ic.InferenceComponentStatus, 'InService');
    assert.equal(ic.RuntimeConfig?.CurrentCopyCount, 1);

    const policies = await clients.autoScaling.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: `inference-component/${n.ic}`, ScalableDimension: dimension }),
    );
    const stepPolicy = policies.ScalingPolicies?.find((policy) => policy.PolicyType === 'StepScaling');
    assert.ok(stepPolicy?.PolicyARN);
    assert.equal(result.outputs.stepPolicyArn, stepPolicy.PolicyARN);
    const alarms = await clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [`${n.ic}-no-capacity`] }));
    assert.deepEqual(alarms.MetricAlarms?.[0].AlarmActions, [stepPolicy.PolicyARN]);
    const schedule = await clients.scheduler.send(new GetScheduleCommand({ Name: `${n.ic}-weekend-sleep`, GroupName: 'default' }));
    assert.equal(result.outputs.weekendScheduleArn, schedule.Arn);

    // What wizard 1 + 2 created is ready to scale to zero, as the explorer's readiness check sees it.
    const reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
    const snapshot = await reader.describeEndpoint(n.endpoint);
    const component = await reader.describeInferenceComponent(n.ic);
    const scaling = await reader.readScaling([n.ic]);
    assert.deepEqual(scaling.problems, []);
    const readiness = checkEndpoint(snapshot, [{ ic: component, scaling: scaling.byComponent.get(n.ic)! }]);
    // Issue 17: the blog's single GPU type passes every check but warns that a wake has no fallback type.
    assertReadyButForSingleType(readiness);
  });

  it('stops at the failing call, names it with the service\'s message, and reports what it created', async () => {
    const plan = blogPlan(names(), { alarmPeriod: 45 });
    const events: PlanProgress[] = [];
    const result = await runPlan(clients, plan, { wait, onProgress: (event) => events.push(event) });
    assert.equal(result.status, 'failed');
    assert.equal(result.failedStep, 'no-capacity-alarm');
    assert.match(result.message!, /Step 8 of 8 failed \(cloudwatch PutMetricAlarm/);
    assert.match(result.message!, /Period must be 10, 20, 30 or a multiple of 60/);
    assert.equal(result.created.length, 7);
    assert.deepEqual(result.completed, plan.steps.slice(0, 7).map((step) => step.id));
    assert.equal(events.at(-1)?.state, 'failed');
  });

  it('resumes a half-built setup: skips what exists, recovers the step policy\'s ARN, and completes', async () => {
    const n = names('half');
    const broken = await runPlan(clients, blogPlan(n, { alarmPeriod: 45 }), { wait });
    assert.equal(broken.status, 'failed');

    const plan = blogPlan(n, { schedule: true });
    const events: PlanProgress[] = [];
    const resumed = await runPlan(clients, plan, { wait, resume: true, onProgress: (event) => events.push(event) });
    assert.equal(resumed.status, 'succeeded', resumed.message);
    assert.deepEqual(resumed.skipped, plan.steps.slice(0, 7).map((step) => step.id));
    assert.deepEqual(resumed.completed, ['no-capacity-alarm', 'weekend-sleep']);
    assert.deepEqual(resumed.created.map((resource) => resource.kind), ['alarm', 'schedule']);
    assert.ok(events.filter((event) => event.state === 'skipped').every((event) => /already exists, skipped/.test(event.message)));

    // Outputs of skipped steps are recovered from Describe calls, so later $refs resolve.
    const policies = await clients.autoScaling.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: `inference-component/${n.ic}`, PolicyNames: [`${n.ic}-step-scale-out`] }),
    );
    assert.equal(resumed.outputs.stepPolicyArn, policies.ScalingPolicies?.[0].PolicyARN);
    assert.equal(resumed.outputs.modelArn, broken.outputs.modelArn);
    assert.equal(resumed.outputs.endpointArn, broken.outputs.endpointArn);
    const alarms = await clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [`${n.ic}-no-capacity`] }));
    assert.deepEqual(alarms.MetricAlarms?.[0].AlarmActions, [policies.ScalingPolicies?.[0].PolicyARN]);

    // A third run has nothing left to do.
    const again = await runPlan(clients, plan, { wait, resume: true });
    assert.equal(again.status, 'succeeded');
    assert.deepEqual(again.completed, []);
    assert.equal(again.skipped.length, plan.steps.length);
  });

  it('resumes while the endpoint is still Creating: skips the create and still waits before creating the IC', async () => {
    const n = names('slow');
    const plan = blogPlan(n);
    // First run: stop after the endpoint call by cancelling from the first wait.
    const controller = new AbortController();
    const first = await runPlan(clients, plan, {
      signal: controller.signal,
      wait: async () => {
        controller.abort();
      },
    });
    assert.equal(first.status, 'cancelled');
    assert.deepEqual(first.created.map((resource) => resource.kind), ['model', 'endpointConfig', 'endpoint']);
    assert.equal(inventoryOf(emulator).endpoints[0], `${n.endpoint}:Creating`);

    const resumed = await runPlan(clients, plan, { wait, resume: true });
    assert.equal(resumed.status, 'succeeded', resumed.message);
    assert.deepEqual(resumed.skipped, ['model', 'endpoint-config', 'endpoint']);
    assert.equal(inventoryOf(emulator).inferenceComponents[0], `${n.ic}:InService`);
  });

  it('does not claim an existing resource that a Put call overwrites (it would never be rolled back)', async () => {
    const n = names('upsert');
    const plan = blogPlan(n);
    const first = await runPlan(clients, plan, { wait });
    assert.equal(first.status, 'succeeded');
    // Run only the alarm step again without resume: PutMetricAlarm overwrites, nothing is "created".
    const alarmOnly = { title: 'alarm', steps: [plan.steps[7]] };
    const again = await runPlan(clients, alarmOnly, { wait, outputs: { stepPolicyArn: first.outputs.stepPolicyArn } });
    assert.equal(again.status, 'succeeded', again.message);
    assert.deepEqual(again.completed, ['no-capacity-alarm']);
    assert.deepEqual(again.created, []);
  });

  it('fails without a call when a $ref names no earlier output', async () => {
    const plan = blogPlan();
    const alarm = plan.steps.pop()!;
    plan.steps.unshift(alarm);
    assert.deepEqual(validatePlanRefs(plan), ['Step no-capacity-alarm uses the output "stepPolicyArn", which no earlier step produces.']);
    const result = await runPlan(clients, plan, { wait });
    assert.equal(result.status, 'failed');
    assert.match(result.message!, /stepPolicyArn/);
    assert.deepEqual(result.created, []);
    assert.deepEqual(inventoryOf(emulator).models, []);
  });

  it('refuses an operation outside the step\'s service', async () => {
    const result = await runPlan(clients, {
      title: 'wrong',
      steps: [{ id: 'x', service: 'cloudwatch', operation: 'CreateModel', input: { ModelName: 'm' }, description: 'Create model m' }],
    });
    assert.equal(result.status, 'failed');
    assert.match(result.message!, /CreateModel is not a cloudwatch operation/);
  });

  it('fails an existing resource that is being deleted instead of skipping it on resume', async () => {
    const n = names('gone');
    const plan = blogPlan(n);
    assert.equal((await runPlan(clients, { title: 't', steps: plan.steps.slice(0, 3) }, { wait })).status, 'succeeded');
    const { DeleteEndpointCommand } = await import('@aws-sdk/client-sagemaker');
    await clients.sageMaker.send(new DeleteEndpointCommand({ EndpointName: n.endpoint }));
    const result = await runPlan(clients, plan, { wait, resume: true });
    assert.equal(result.status, 'failed');
    assert.equal(result.failedStep, 'endpoint');
    assert.match(result.message!, /endpoint gone-endpoint is being deleted/);
  });

  it('surfaces a throttled call as the failed step when retries are off (fault injection)', async () => {
    const raw = noRetryClients(emulator);
    try {
      await fetch(`${emulator.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ throttleRate: 1, operations: ['CreateModel'] }),
      });
      const result = await runPlan(raw, blogPlan(names('throttled')), { wait });
      assert.equal(result.status, 'failed');
      assert.equal(result.failedStep, 'model');
      assert.equal((result.error as Error).name, 'ThrottlingException');
      assert.deepEqual(result.created, []);
    } finally {
      raw.destroy();
    }
    // The model can be created directly once the fault is gone: nothing was left half-made.
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    await clients.sageMaker.send(new CreateModelCommand({ ModelName: 'throttled-model', ExecutionRoleArn: roleArn, PrimaryContainer: { Image: 'x' } }));
  });
});

describe('readiness pollers', () => {
  const fakeClients = (answers: Record<string, unknown>[]) => {
    const calls: unknown[] = [];
    const send = async (command: unknown) => {
      calls.push(command);
      return answers[Math.min(calls.length - 1, answers.length - 1)];
    };
    return { clients: { sageMaker: { send } } as unknown as AwsClients, calls };
  };

  it('fails with the endpoint\'s FailureReason when it goes Failed', async () => {
    const { clients, calls } = fakeClients([{ EndpointStatus: 'Creating' }, { EndpointStatus: 'Failed', FailureReason: 'Image not found' }]);
    await assert.rejects(
      waitForEndpointInService(clients, 'e', { wait: async () => {}, intervalMs: 1000, timeoutMs: 60_000 }),
      /Endpoint e is Failed: Image not found/,
    );
    assert.equal(calls.length, 2);
  });

  it('fails with the inference component\'s FailureReason, and times out on the summed waits', async () => {
    const failing = fakeClients([{ InferenceComponentStatus: 'Failed', FailureReason: 'Not enough hardware' }]);
    await assert.rejects(
      waitForInferenceComponentInService(failing.clients, 'ic', { wait: async () => {}, intervalMs: 1000, timeoutMs: 60_000 }),
      /Inference component ic is Failed: Not enough hardware/,
    );
    const stuck = fakeClients([{ InferenceComponentStatus: 'Creating' }]);
    const waits: number[] = [];
    await assert.rejects(
      waitForInferenceComponentInService(stuck.clients, 'ic', { wait: async (ms) => void waits.push(ms), intervalMs: 15_000, timeoutMs: 60_000 }),
      /still Creating after 1 min/,
    );
    assert.deepEqual(waits, [15_000, 15_000, 15_000, 15_000]);
  });

  it('stops polling when cancelled', async () => {
    const controller = new AbortController();
    await assert.rejects(
      pollUntil('x', async () => ({ state: 'pending', status: 'Creating' }), {
        wait: async () => controller.abort(),
        intervalMs: 1,
        timeoutMs: 1000,
        signal: controller.signal,
      }),
      { name: 'CancelledError' },
    );
  });
});

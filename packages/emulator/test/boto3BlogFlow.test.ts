import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulatorInternals as RunningEmulator } from '../src/server';
import { credentials } from './harness';
import { runBoto3Script } from './boto3Script';

interface Summary {
  ok: boolean;
  steps: string[];
  errors: [string, string, number][];
  left: Record<string, string[]>;
  scaleInSeconds: number;
  wakeSeconds: number;
  simulatedSeconds: number;
}

/**
 * A second real client: boto3 (botocore validates every request and parses every answer against
 * AWS's models) drives the blog's whole flow through AWS_ENDPOINT_URL, the clock moved by the control API.
 */
describe('emulator: boto3 drives the blog flow (create, scale in to zero, wake, schedules, teardown)', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty', credentials, timings: { tokenLatencyMs: 0 }, startTime: Date.UTC(2025, 0, 1) });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('runs test/boto3/blog_flow.py to the end and leaves nothing behind', async function () {
    this.timeout(120_000);
    const run = await runBoto3Script('blog_flow.py', [], emulator.url);
    assert.equal(run.error, null, `${run.stdout}\n${run.stderr}`);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as Summary;
    assert.equal(summary.ok, true);
    assert.deepEqual(summary.steps, [
      'CreateModel', 'CreateEndpointConfig', 'CreateEndpoint:InService', 'CreateInferenceComponent:InService',
      'RegisterScalableTarget', 'PutScalingPolicy:TargetTracking', 'PutScalingPolicy:StepScaling', 'PutMetricAlarm:NoCapacity',
      'InvokeEndpoint:warm', 'ScaleIn:copies=0', 'ScaleIn:instances=0', 'InvokeEndpoint:refused', 'Alarm:fired', 'InvokeEndpoint:woken',
      'CreateRole', 'CreateSchedule',
      'DeleteSchedule', 'DeleteAlarms', 'DeregisterScalableTarget', 'DeleteInferenceComponent', 'DeleteEndpoint', 'DeleteEndpointConfig', 'DeleteModel', 'DeleteRole',
      'NothingLeft',
    ]);
    // The only errors: the refused request at zero (runtime: ValidationError), and the describe of the deleted model (control plane: ValidationException).
    assert.deepEqual(summary.errors, [['InvokeEndpoint', 'ValidationError', 400], ['DescribeModel', 'ValidationException', 400]]);
    assert.ok(Object.values(summary.left).every((names) => names.length === 0), JSON.stringify(summary.left));
    // The blog's timings: ~15 idle minutes to zero copies, ~5 minutes from the refused request to a copy.
    assert.ok(summary.scaleInSeconds >= 14 * 60 && summary.scaleInSeconds <= 17 * 60, `scaled in after ${summary.scaleInSeconds} s`);
    assert.ok(summary.wakeSeconds >= 4 * 60 && summary.wakeSeconds <= 6 * 60, `woke after ${summary.wakeSeconds} s`);
  });
});

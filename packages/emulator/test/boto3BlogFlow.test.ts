import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { startEmulator, type RunningEmulatorInternals as RunningEmulator } from '../src/server';
import { credentials } from './harness';

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
    const script = resolve(__dirname, '../../test/boto3/blog_flow.py');
    // Asynchronously: the emulator answers from this process's event loop.
    const run = await new Promise<{ error: Error | null; stdout: string; stderr: string }>((done) => {
      execFile('python3', [script], { encoding: 'utf8', env: {
        ...process.env,
        AWS_ENDPOINT_URL: emulator.url,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_MAX_ATTEMPTS: '1',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      } }, (error, stdout, stderr) => done({ error, stdout, stderr }));
    });
    assert.ok(!(run.error && 'code' in run.error && run.error.code === 'ENOENT'), 'python3 with boto3 is needed for this test: install them (apt-get install python3, pip install boto3)');
    assert.ok(!/No module named '(boto3|botocore)'/.test(run.stderr), 'python3 with boto3 is needed for this test: pip install boto3');
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

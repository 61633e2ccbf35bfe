import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { credentials } from './harness';

export interface ScriptRun {
  error: Error | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `test/boto3/<name>` with python3 against the emulator at `endpointUrl` (AWS_ENDPOINT_URL, the
 * emulator's credentials, no retries, no user config). Asynchronously: the emulator answers from this
 * process's event loop. Fails clearly when python3 or boto3 is missing.
 */
export async function runBoto3Script(name: string, args: string[], endpointUrl: string): Promise<ScriptRun> {
  const script = resolve(__dirname, '../../test/boto3', name);
  const run = await new Promise<ScriptRun>((done) => {
    execFile('python3', [script, ...args], { encoding: 'utf8', env: {
      ...process.env,
      AWS_ENDPOINT_URL: endpointUrl,
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
  return run;
}

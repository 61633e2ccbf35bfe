import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { startEmulator, type EmulatorOptions, type RunningEmulatorInternals as RunningEmulator } from '../src/server';

export const credentials = { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' };
export const roleArn = 'arn:aws:iam::123456789012:role/SageMakerRole';

export interface Harness {
  emulator: RunningEmulator;
  sagemaker: SageMakerClient;
  runtime: SageMakerRuntimeClient;
}

/** A frozen-clock emulator with SDK clients that do not retry (errors surface at once). */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ timeScale: 0, scenario: 'empty', credentials, timings: { tokenLatencyMs: 0 }, ...options });
  const config = { endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 };
  return { emulator, sagemaker: new SageMakerClient(config), runtime: new SageMakerRuntimeClient(config) };
}

export async function stopHarness(harness: Harness | undefined): Promise<void> {
  if (!harness) return;
  harness.sagemaker.destroy();
  harness.runtime.destroy();
  await harness.emulator.close();
}

/** Runs `action` and returns the error it throws (fails if it does not throw). */
export async function errorOf(action: () => Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

export async function controlRequest(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/**
 * The headers of a hand-made SigV4 request signed now (the emulator refuses a date more than 15 minutes
 * from real time): a well-formed Authorization with a zeroed signature, which only an emulator started
 * without credentials accepts.
 */
export function zeroSignedHeaders(service = 'sagemaker', accessKeyId = 'AKID'): { authorization: string; 'x-amz-date': string } {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    'x-amz-date': amzDate,
  };
}

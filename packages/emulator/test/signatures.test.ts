// SigV4 verification: the emulator signs each request again with the SDK's signer and compares. These
// requests exercise the parts of the canonical request that are easy to get wrong: a session token, a
// query string with characters that need escaping, a percent-encoded path, a streamed body.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { credentials, errorOf, startHarness, stopHarness, zeroSignedHeaders, type Harness } from './harness';

describe('emulator: SigV4 verification', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ scenario: 'demo' });
  });
  afterEach(() => stopHarness(h));

  const config = (overrides: Partial<typeof credentials> & { sessionToken?: string } = {}) => ({
    endpoint: h.emulator.url,
    region: 'us-east-1',
    credentials: { ...credentials, ...overrides },
    maxAttempts: 1,
  });

  it('accepts requests signed with a session token, an escaped query string and a path to encode', async () => {
    const sagemaker = new SageMakerClient(config({ sessionToken: 'session/token+with=odd chars' }));
    const scheduler = new SchedulerClient(config());
    const runtime = new SageMakerRuntimeClient(config());
    try {
      assert.equal((await sagemaker.send(new ListEndpointsCommand({}))).Endpoints?.length, 3);
      // Signed with every character the query string escapes: the signature holds, and the model's pattern refuses the prefix.
      const escaped = await errorOf(() => scheduler.send(new ListSchedulesCommand({ NamePrefix: "a b+c*d'(e)~!", MaxResults: 5 })));
      assert.equal(escaped.name, 'ValidationException', escaped.message);
      assert.match(escaped.message, /at 'namePrefix' failed to satisfy constraint: Member must satisfy regular expression pattern/);
      const schedules = await scheduler.send(new ListSchedulesCommand({ NamePrefix: 'a-b_c.d', MaxResults: 5 }));
      assert.deepEqual(schedules.Schedules, []);
      const missing = await errorOf(() =>
        runtime.send(new InvokeEndpointCommand({ EndpointName: 'no such endpoint/..', ContentType: 'application/json', Body: '{}' })),
      );
      assert.notEqual(missing.name, 'InvalidSignatureException', missing.message);
      assert.notEqual(missing.$metadata?.httpStatusCode, 403, missing.message);
    } finally {
      sagemaker.destroy();
      scheduler.destroy();
      runtime.destroy();
    }
  });

  it('refuses a request signed with the right key id but the wrong secret', async () => {
    const sagemaker = new SageMakerClient(config({ secretAccessKey: 'not-the-secret' }));
    try {
      const error = await errorOf(() => sagemaker.send(new ListEndpointsCommand({})));
      assert.equal(error.name, 'InvalidSignatureException');
      assert.equal(error.$metadata?.httpStatusCode, 403);
    } finally {
      sagemaker.destroy();
    }
  });
});

interface Sent {
  /** The body the request was signed for. */
  signedBody: string;
  /** The body actually sent (a different one for a tampered request). */
  sentBody?: string;
  signingDate?: Date;
  payloadHash?: string;
  secretAccessKey?: string;
}

/** A SageMaker ListEndpoints request signed by the SDK's own signer, sent over raw HTTP. */
async function sendSigned(url: string, sent: Sent): Promise<{ status: number; json: Record<string, string> }> {
  const target = new URL(url);
  const headers: Record<string, string> = {
    host: target.host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'SageMaker.ListEndpoints',
  };
  if (sent.payloadHash) headers['x-amz-content-sha256'] = sent.payloadHash;
  const signer = new SignatureV4({
    credentials: { ...credentials, secretAccessKey: sent.secretAccessKey ?? credentials.secretAccessKey },
    region: 'us-east-1',
    service: 'sagemaker',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: target.hostname, port: Number(target.port), path: '/', query: {}, headers, body: sent.signedBody }, { signingDate: sent.signingDate ?? new Date() });
  const body = sent.sentBody ?? sent.signedBody;
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: target.hostname, port: target.port, method: 'POST', path: '/', headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string> }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('emulator: SigV4 without shortcuts (dates, clock skew, payload hash)', () => {
  let h: Harness | undefined;
  afterEach(() => stopHarness(h));

  it('without credentials refuses X-Amz-Date "whatever", a scope date other than X-Amz-Date\'s and a stale date, and accepts a well-formed signature made now', async () => {
    h = await startHarness({ scenario: 'demo', credentials: undefined });
    const url = h.emulator.url;
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'x-amz-target': 'SageMaker.ListEndpoints', 'content-type': 'application/x-amz-json-1.1', ...headers }, body: '{}' });
    const now = zeroSignedHeaders();
    const whatever = await post({ ...now, 'x-amz-date': 'whatever' });
    assert.equal(whatever.status, 403);
    assert.match(((await whatever.json()) as { message: string }).message, /ISO-8601/);
    const otherDay = await post({ ...now, authorization: now.authorization.replace(/\/\d{8}\//, '/20200101/') });
    assert.equal(otherDay.status, 403);
    assert.equal(((await otherDay.json()) as { __type: string }).__type, 'InvalidSignatureException');
    const stale = await post({ authorization: now.authorization.replace(/\/\d{8}\//, '/20250101/'), 'x-amz-date': '20250101T000000Z' });
    assert.equal(stale.status, 403);
    assert.match(((await stale.json()) as { message: string }).message, /^Signature expired: 20250101T000000Z is now earlier than/);
    const good = await post(now);
    assert.equal(good.status, 200, await good.clone().text());
    assert.equal(((await good.json()) as { Endpoints: unknown[] }).Endpoints.length, 3);
  });

  it('refuses a request signed more than 15 minutes from real time, even when the virtual clock runs days ahead', async () => {
    h = await startHarness({ scenario: 'demo', startTime: Date.now() + 5 * 86_400_000 });
    const url = h.emulator.url;
    const past = await sendSigned(url, { signedBody: '{}', signingDate: new Date(Date.now() - 16 * 60_000) });
    assert.equal(past.status, 403);
    assert.equal(past.json.__type, 'InvalidSignatureException');
    assert.match(past.json.message, /^Signature expired: /);
    const future = await sendSigned(url, { signedBody: '{}', signingDate: new Date(Date.now() + 16 * 60_000) });
    assert.equal(future.status, 403);
    assert.match(future.json.message, /^Signature not yet current: /);
    const withinSkew = await sendSigned(url, { signedBody: '{}', signingDate: new Date(Date.now() - 10 * 60_000) });
    assert.equal(withinSkew.status, 200, JSON.stringify(withinSkew.json));
  });

  for (const configured of [true, false]) {
    it(`compares x-amz-content-sha256 with the body (${configured ? 'with' : 'without'} credentials), and accepts UNSIGNED-PAYLOAD`, async () => {
      h = await startHarness({ scenario: 'demo', ...(configured ? {} : { credentials: undefined }) });
      const url = h.emulator.url;
      const tampered = await sendSigned(url, { signedBody: '{}', payloadHash: sha256('{}'), sentBody: '{"MaxResults":1}' });
      assert.equal(tampered.status, 403, JSON.stringify(tampered.json));
      assert.equal(tampered.json.__type, 'InvalidSignatureException');
      assert.match(tampered.json.message, /x-amz-content-sha256/);
      const honest = await sendSigned(url, { signedBody: '{"MaxResults":1}', payloadHash: sha256('{"MaxResults":1}') });
      assert.equal(honest.status, 200, JSON.stringify(honest.json));
      const unsigned = await sendSigned(url, { signedBody: '{}', payloadHash: 'UNSIGNED-PAYLOAD', sentBody: '{"MaxResults":2}' });
      assert.equal(unsigned.status, 200, JSON.stringify(unsigned.json));
    });
  }
});

describe('emulator: --host beyond loopback', () => {
  it('warns on stderr that the control API has no authentication', async function () {
    this.timeout(20_000);
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--time-scale', '0', '--host', '0.0.0.0', '--allow-non-loopback'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => /listening on/.test(chunk.toString()) && resolve());
        child.once('exit', () => reject(new Error(`exited: ${stderr}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.match(stderr, /\[warn\] .*control API \(\/__emulator\/\) has no authentication/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});

// Property-based tests over the emulator's request parsing: random methods, paths, headers, bodies and
// sizes sent over real HTTP to a running emulator. Every answer is a clear HTTP error (never a 500 for
// bad input, never a dropped connection), and the account's state is unchanged afterwards.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import fc from 'fast-check';
import { startEmulator, type RunningEmulator } from '../src/server';

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

function send(url: string, sent: Sent): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, method: sent.method, path: sent.path, headers: { ...sent.headers, 'content-length': String(sent.body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(sent.body);
  });
}

const targets = [
  'SageMaker.CreateEndpoint',
  'SageMaker.DeleteEndpoint',
  'SageMaker.DescribeInferenceComponent',
  'SageMaker.UpdateInferenceComponentRuntimeConfig',
  'SageMaker.CreateModel',
  'SageMaker.DeleteInferenceComponent',
  'AnyScaleFrontendService.PutScalingPolicy',
  'AnyScaleFrontendService.RegisterScalableTarget',
  'GraniteServiceVersion20100801.PutMetricAlarm',
  'GraniteServiceVersion20100801.DeleteAlarms',
  'SageMaker.Nope',
  '',
];
const fakeAuth = 'AWS4-HMAC-SHA256 Credential=AKIDLOCALEMULATOR/20250101/us-east-1/sagemaker/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + 'ab'.repeat(32);

const bodies = fc.oneof(
  fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify({ EndpointName: value, InferenceComponentName: value, DesiredRuntimeConfig: { CopyCount: value }, Tags: value }))),
  fc.string({ maxLength: 300 }).map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(Buffer.from('{"__proto__": {"polluted": true}, "EndpointName": "demo-cold"}'), Buffer.from('{"constructor": {"prototype": {"polluted": 1}}}'), Buffer.alloc(0)),
);
const paths = fc.oneof(
  fc.constant('/'),
  fc.constantFrom('/endpoints/demo-cold/invocations', '/endpoints/demo-scale-to-zero/invocations-response-stream', '/schedules/x', '/schedules', '/endpoints/%ZZ/invocations', '//..//..', '/endpoints/' + 'a'.repeat(5000) + '/invocations'),
  fc.webPath().map((path) => path || '/'),
  fc.string({ unit: fc.constantFrom(...'/abc%?&=.#~'), maxLength: 40 }).map((path) => `/${path}`),
);
const requests: fc.Arbitrary<Sent> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  path: paths,
  headers: fc.record(
    {
      'x-amz-target': fc.constantFrom(...targets),
      'content-type': fc.constantFrom('application/x-amz-json-1.1', 'application/json', 'text/plain', 'application/x-amz-json-1.0'),
      authorization: fc.oneof(fc.constant(fakeAuth), fc.string({ unit: fc.constantFrom(...'AWS4-HMAC =,/abc'), maxLength: 60 })),
      'x-amz-date': fc.constantFrom('20250101T000000Z', 'yesterday', ''),
      'x-amzn-sagemaker-inference-component': fc.constantFrom('demo-llama3-8b', 'demo-embeddings', '', 'nope'),
    },
    { requiredKeys: [] },
  ),
  body: bodies,
});

describe('property: the emulator parses any request without crashing and keeps its state', () => {
  let emulator: RunningEmulator;
  const errors: string[] = [];

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', timings: { tokenLatencyMs: 0 }, credentials: { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' }, log: (level, message) => level === 'error' && errors.push(message) });
  });

  after(async () => {
    await emulator.close();
  });

  it('answers random methods, paths, headers and bodies with a 4xx and a message, leaving the account as it was', async function () {
    this.timeout(30_000);
    const before = JSON.stringify(emulator.state());
    await fc.assert(
      fc.asyncProperty(requests, async (sent) => {
        const answer = await send(emulator.url, sent);
        assert.ok(answer.status >= 400 && answer.status < 500, `${sent.method} ${sent.path.slice(0, 80)} ${JSON.stringify(sent.headers)} → ${answer.status} ${answer.text.slice(0, 200)}`);
        if (sent.method !== 'HEAD' && answer.text.length > 0) {
          const parsed = JSON.parse(answer.text) as Record<string, unknown>;
          const message = parsed.message ?? parsed.Message ?? parsed.error ?? (parsed.Error as Record<string, unknown> | undefined)?.Message;
          assert.equal(typeof message, 'string', answer.text);
        }
      }),
      { numRuns: 300 },
    );
    assert.deepEqual(errors, [], 'no request failed inside the emulator');
    assert.equal(JSON.stringify(emulator.state()), before, 'unsigned or wrongly signed requests changed nothing');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses oversized bodies with 413 without buffering them, and keeps serving', async () => {
    const big = await send(emulator.url, { method: 'POST', path: '/', headers: { 'x-amz-target': 'SageMaker.ListEndpoints', authorization: fakeAuth, 'x-amz-date': '20250101T000000Z' }, body: Buffer.alloc(7 * 1024 * 1024, 'a') });
    assert.equal(big.status, 413);
    assert.match(big.text, /maximum size/);
    const state = await fetch(`${emulator.url}/__emulator/state`);
    assert.equal(state.status, 200);
  });

  it('answers random bodies on the control API with 400 and a message, and the state survives', async function () {
    this.timeout(20_000);
    const before = JSON.stringify(emulator.state());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('faults', 'clock', 'nothing', 'state'), bodies, async (path, body) => {
        const answer = await send(emulator.url, { method: 'POST', path: `/__emulator/${path}`, headers: { 'content-type': 'application/json' }, body });
        if (answer.status === 200) return; // a body that happened to be valid (e.g. {} faults)
        assert.ok(answer.status >= 400 && answer.status < 500, `${path} ${body.toString().slice(0, 100)} → ${answer.status} ${answer.text}`);
        assert.equal(typeof (JSON.parse(answer.text) as { error?: unknown }).error, 'string', answer.text);
      }),
      { numRuns: 150 },
    );
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    const after = emulator.state();
    assert.deepEqual(after.endpoints.map((endpoint) => endpoint.name), JSON.parse(before).endpoints.map((endpoint: { name: string }) => endpoint.name));
    assert.deepEqual(errors, []);
  });
});

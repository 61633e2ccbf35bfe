// A web page must not reach the emulator (issue 14, item 7): a cross-site `text/plain` POST carries
// the page's Origin, a DNS-rebound page sends its own name as Host. Both are refused on the control
// API and on the AWS API; a seed is capped and built in chunks, so the process keeps answering
// (requests, SIGTERM) while it runs.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { bigAccountLimits } from '../src/scenarios/bigAccount';
import { controlRequest, credentials, errorOf, startHarness, stopHarness, type Harness } from './harness';

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

/** A raw HTTP request, with whatever Host, Origin and Content-Type headers a browser would send. */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: target.hostname, port: target.port, method, path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** An SDK client whose requests carry extra headers (signed with the rest, as a page's script would). */
function clientWithHeaders(url: string, extra: Record<string, string>): SageMakerClient {
  const client = new SageMakerClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
  client.middlewareStack.add(
    (next) => async (args) => {
      const httpRequest = args.request as { headers: Record<string, string> };
      Object.assign(httpRequest.headers, extra);
      return next(args);
    },
    { step: 'build', name: 'extraHeaders' },
  );
  return client;
}

describe('security: web pages cannot reach the emulator', () => {
  let h: Harness;
  let port: string;
  beforeEach(async () => {
    h = await startHarness({ scenario: 'demo' });
    port = new URL(h.emulator.url).port;
  });
  afterEach(() => stopHarness(h));

  const seedBody = JSON.stringify({ endpoints: 10, inferenceComponents: 10, prefix: 'page' });

  it('refuses a cross-site text/plain POST carrying Origin: https://evil.example with 403, creating nothing', async () => {
    const answer = await raw(h.emulator.url, 'POST', '/__emulator/seed', { host: `127.0.0.1:${port}`, origin: 'https://evil.example', 'content-type': 'text/plain' }, seedBody);
    assert.equal(answer.status, 403, JSON.stringify(answer.json));
    assert.match(String(answer.json.error), /Origin/);
    const reset = await raw(h.emulator.url, 'POST', '/__emulator/reset', { host: `127.0.0.1:${port}`, origin: 'null', 'content-type': 'application/json' }, '{}');
    assert.equal(reset.status, 403);
    const fromPage = await raw(h.emulator.url, 'POST', '/__emulator/seed', { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, seedBody);
    assert.equal(fromPage.status, 403);
    assert.equal(h.emulator.state().endpoints.length, 3, 'the demo account as it was');
  });

  it('refuses a DNS-rebound Host (evil.example:<port>) with 421 on the control API', async () => {
    const answer = await raw(h.emulator.url, 'POST', '/__emulator/seed', { host: `evil.example:${port}`, 'content-type': 'application/json' }, seedBody);
    assert.equal(answer.status, 421, JSON.stringify(answer.json));
    assert.match(String(answer.json.error), /evil\.example/);
    for (const host of [`127.0.0.1:${Number(port) + 1}`, '127.0.0.1', `[::1]:${port}`, `localhost.evil.example:${port}`]) {
      const state = await raw(h.emulator.url, 'GET', '/__emulator/state', { host });
      assert.equal(state.status, 421, host);
    }
    assert.equal(h.emulator.state().endpoints.length, 3);
  });

  it('refuses control requests with a body that is not application/json with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await raw(h.emulator.url, 'POST', '/__emulator/reset', { host: `127.0.0.1:${port}`, 'content-type': type }, '{"scenario":"empty"}');
      assert.equal(answer.status, 415, type);
      assert.match(String(answer.json.error), /application\/json/);
    }
    const empty = await raw(h.emulator.url, 'POST', '/__emulator/reset', { host: `127.0.0.1:${port}` });
    assert.equal(empty.status, 415, 'a POST without a JSON content type resets nothing');
    assert.equal(h.emulator.state().endpoints.length, 3);
  });

  it('answers the bound address under its names (127.0.0.1:<port>, localhost:<port>) and JSON with a charset', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      assert.equal((await raw(h.emulator.url, 'GET', '/__emulator/clock', { host })).status, 200, host);
    }
    const charset = await raw(h.emulator.url, 'POST', '/__emulator/clock', { host: `localhost:${port}`, 'content-type': 'application/json; charset=utf-8' }, '{"advanceSeconds":1}');
    assert.equal(charset.status, 200, JSON.stringify(charset.json));
    assert.equal((await controlRequest(h.emulator.url, 'DELETE', 'faults')).status, 200, 'a DELETE without a body needs no content type');
  });

  it('refuses AWS API requests from a page: Origin with 403, a rebound Host with 421, even when validly signed', async () => {
    const withOrigin = clientWithHeaders(h.emulator.url, { origin: 'https://evil.example' });
    const rebound = clientWithHeaders(h.emulator.url, { host: `evil.example:${port}` });
    try {
      const refused = await errorOf(() => withOrigin.send(new ListEndpointsCommand({})));
      assert.equal(refused.$metadata?.httpStatusCode, 403, refused.message);
      assert.equal(refused.name, 'AccessDeniedException');
      const misdirected = await errorOf(() => rebound.send(new ListEndpointsCommand({})));
      assert.equal(misdirected.$metadata?.httpStatusCode, 421, misdirected.message);
    } finally {
      withOrigin.destroy();
      rebound.destroy();
    }
    assert.equal((await h.sagemaker.send(new ListEndpointsCommand({}))).Endpoints?.length, 3, 'the SDK itself still passes');
  });

  it('caps what seeds may create in total, with a 400 that names the limit', async () => {
    const tooMany = await controlRequest(h.emulator.url, 'POST', 'seed', { endpoints: 10, inferenceComponents: bigAccountLimits.inferenceComponents + 1 });
    assert.equal(tooMany.status, 400);
    assert.match(String(tooMany.json.error), new RegExp(String(bigAccountLimits.inferenceComponents)));
    // Seeds add up: the demo's 3 endpoints plus a full seed go beyond the account's cap.
    const beyond = await controlRequest(h.emulator.url, 'POST', 'seed', { endpoints: bigAccountLimits.endpoints, inferenceComponents: 0 });
    assert.equal(beyond.status, 400);
    assert.match(String(beyond.json.error), new RegExp(`at most ${bigAccountLimits.endpoints} endpoints`));
    assert.equal(h.emulator.state().endpoints.length, 3, 'nothing created');
  });

  it('answers a request sent during the largest seed allowed before the seed ends, within 300 ms', async function () {
    this.timeout(60_000);
    await controlRequest(h.emulator.url, 'POST', 'reset', { scenario: 'empty' });
    let seedDone = 0;
    const seeding = controlRequest(h.emulator.url, 'POST', 'seed', { endpoints: bigAccountLimits.endpoints, inferenceComponents: bigAccountLimits.inferenceComponents }).then((answer) => {
      seedDone = performance.now();
      return answer;
    });
    // Asked once the seed has begun (its first chunk is in the store).
    while (h.emulator.emulator.store.state.endpoints.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const asked = performance.now();
    const clock = await controlRequest(h.emulator.url, 'GET', 'clock');
    const answered = performance.now();
    const seeded = await seeding;
    assert.equal(clock.status, 200);
    assert.equal(seeded.status, 200, JSON.stringify(seeded.json));
    assert.equal(seeded.json.inferenceComponents, bigAccountLimits.inferenceComponents);
    assert.ok(answered < seedDone, `the clock was answered ${(answered - asked).toFixed(0)} ms after it was asked, after the seed had finished`);
    assert.ok(answered - asked < 300, `the clock took ${(answered - asked).toFixed(0)} ms during the seed`);
    assert.equal(h.emulator.state().inferenceComponents.length, bigAccountLimits.inferenceComponents);
  });

  it('refuses a second seed while one runs (409)', async function () {
    this.timeout(60_000);
    await controlRequest(h.emulator.url, 'POST', 'reset', { scenario: 'empty' });
    const first = controlRequest(h.emulator.url, 'POST', 'seed', { endpoints: bigAccountLimits.endpoints, inferenceComponents: bigAccountLimits.inferenceComponents, prefix: 'one' });
    // The first seed has begun (its first chunk is in the store) and is not finished.
    while (h.emulator.emulator.store.state.endpoints.length === 0) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(h.emulator.emulator.store.state.endpoints.length < bigAccountLimits.endpoints);
    const second = await controlRequest(h.emulator.url, 'POST', 'seed', { endpoints: 10, prefix: 'two' });
    assert.equal((await first).status, 200);
    assert.equal(second.status, 409, JSON.stringify(second.json));
    assert.equal(h.emulator.state().endpoints.length, bigAccountLimits.endpoints);
  });
});

describe('reliability: SIGTERM during a seed', () => {
  it('answers during the largest seed allowed and exits with 0 within 2 s of SIGTERM sent then (time scale 30, as in VS Code)', async function () {
    this.timeout(60_000);
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--time-scale', '30', '--scenario', 'empty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('error', reject);
      });
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      assert.ok(url, line);
      const seeding = controlRequest(url, 'POST', 'seed', { endpoints: bigAccountLimits.endpoints, inferenceComponents: bigAccountLimits.inferenceComponents }).catch(() => undefined);
      // SIGTERM once the seed is seen half done (an emulator that cannot answer during a seed never shows it).
      const deadline = performance.now() + 20_000;
      let seen = 0;
      while (seen === 0) {
        assert.ok(performance.now() < deadline, 'the seed never began');
        const state = await controlRequest(url, 'GET', 'state');
        seen = (state.json.endpoints as unknown[]).length;
        assert.ok(seen < bigAccountLimits.endpoints, 'the seed finished before a request was answered during it');
      }
      const signalled = performance.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 2000))]);
      assert.equal(code, 0, `${(performance.now() - signalled).toFixed(0)} ms after SIGTERM`);
      await seeding;
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });
});

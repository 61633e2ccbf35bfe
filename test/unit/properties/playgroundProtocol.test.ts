// Property-based tests over the playground's webview message protocol (src/playground/protocol.ts)
// and the host session that acts on it (src/playground/session/playgroundSession.ts, free of VS Code).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ColdStartClock } from '../../../src/playground/coldStart/clock';
import { type CapacityProbe } from '../../../src/playground/coldStart/probe';
import { Logger } from '../../../src/logging/logger';
import {
  type HostToPlayground,
  maxBodyBytes,
  parseHostToPlayground,
  parsePlaygroundState,
  parsePlaygroundToHost,
  utf8Length,
} from '../../../src/playground/protocol';
import { coldStartsKey, PlaygroundSession, type SessionConnection, wakeNowKey } from '../../../src/playground/session/playgroundSession';

const requestId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const mediaType = fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', 'application/jsonlines');
const validInvoke = fc.record({
  type: fc.constant('invoke' as const),
  requestId,
  mode: fc.constantFrom('invoke' as const, 'stream' as const),
  body: fc.oneof(fc.json({ maxDepth: 2 }), fc.string({ maxLength: 200 })),
  contentType: mediaType,
  accept: mediaType,
  deadlineSeconds: fc.integer({ min: 10, max: 3600 }),
  wakeNow: fc.boolean(),
});
const validCopyAsCode = fc
  .record({
    type: fc.constant('copyAsCode' as const),
    language: fc.constantFrom('python' as const, 'typescript' as const, 'awsCli' as const),
    mode: fc.constantFrom('invoke' as const, 'stream' as const),
    body: fc.oneof(fc.json({ maxDepth: 2 }), fc.string({ maxLength: 200 })),
    contentType: mediaType,
    accept: mediaType,
    deadlineSeconds: fc.integer({ min: 10, max: 3600 }),
    wakeNow: fc.boolean(),
  })
  // The AWS CLI has no streaming command: that pair is not a valid message.
  .map((message) => (message.language === 'awsCli' ? { ...message, mode: 'invoke' as const } : message));
const validToHost = fc.oneof(
  validInvoke,
  validCopyAsCode,
  fc.record({ type: fc.constant('cancel' as const), requestId }),
  fc.record({ type: fc.constant('setWakeNow' as const), value: fc.boolean() }),
  fc.constant({ type: 'ready' as const }),
  fc.constant({ type: 'refresh' as const }),
);
/** Valid messages with one field broken, and anything at all. */
const hostile = fc.oneof(
  fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true, withSparseArray: true }),
  fc.tuple(validToHost, fc.string({ maxLength: 12 }), fc.anything()).map(([message, key, value]) => ({ ...message, [key]: value })),
  fc.tuple(validInvoke, fc.constantFrom('requestId', 'mode', 'body', 'contentType', 'accept', 'deadlineSeconds', 'wakeNow'), fc.anything()).map(([message, key, value]) => ({
    ...message,
    [key]: value,
  })),
  fc.tuple(validCopyAsCode, fc.constantFrom('language', 'mode', 'body', 'contentType', 'accept', 'deadlineSeconds', 'wakeNow'), fc.anything()).map(([message, key, value]) => ({
    ...message,
    [key]: value,
  })),
  validCopyAsCode.map((message) => ({ ...message, language: 'awsCli', mode: 'stream' })),
  validInvoke.map((message) => ({ ...message, deadlineSeconds: message.deadlineSeconds * 1000 + 0.5 })),
  validInvoke.map((message) => ({ ...message, contentType: `${message.contentType}\r\nX-Injected: 1` })),
);

function memoryStore(initial: Record<string, unknown> = {}) {
  const values = new Map<string, unknown>(Object.entries(initial));
  return { values, get: <T>(key: string) => values.get(key) as T | undefined, update: (key: string, value: unknown) => (values.set(key, value), Promise.resolve()) };
}

function quietLogger() {
  const lines: string[] = [];
  const sink = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, logger: new Logger({ trace: sink('trace'), debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') }) };
}

/** A warm component whose runtime echoes; records every capacity change the session asks for. */
function fakeConnection(copyChanges: number[]): SessionConnection {
  const probe: CapacityProbe = {
    calls: new Map(),
    component: async () => ({ status: 'InService', desired: 1, current: 1, endpointName: 'ep', variantName: 'AllTraffic' }),
    instances: async () => ({ current: 1, desired: 1 }),
    wakeSignals: async () => ({ activities: [] }),
    setCopies: async (count) => {
      copyChanges.push(count);
    },
  };
  const clock: ColdStartClock = { now: () => 1_700_000_000_000, wait: async () => undefined };
  return {
    label: 'fake',
    runtime: {
      invoke: async (input) => ({ body: `echo ${input.body.length}`, contentType: 'text/plain' }),
      stream: async (input, _signal, onChunk) => {
        onChunk('part');
        return { body: `echo ${input.body.length}` };
      },
    },
    probe: () => probe,
    clock,
    recordRejection: () => undefined,
    status: async () => ({ presence: 'present', status: { label: 'Warm', state: 'warm', currentCopies: 1, desiredCopies: 1 } }),
    chart: async () => ({ from: 0, to: 1, series: [] }),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('property: the playground message protocol and host session', () => {
  it('parsePlaygroundToHost never throws and returns exactly the valid shape or nothing', () => {
    fc.assert(
      fc.property(fc.oneof(validToHost, hostile), (message) => {
        const parsed = parsePlaygroundToHost(message);
        if (parsed === undefined) return;
        assert.deepEqual(JSON.parse(JSON.stringify(parsed)), JSON.parse(JSON.stringify(message)), 'a parsed message carries the sent fields, no more');
        assert.equal(parseHostToPlayground(parsed), undefined, 'host and page messages never overlap');
        if (parsed.type === 'copyAsCode') assert.ok(['python', 'typescript', 'awsCli'].includes(parsed.language) && !(parsed.language === 'awsCli' && parsed.mode === 'stream'));
        if (parsed.type === 'invoke' || parsed.type === 'copyAsCode') {
          assert.ok(parsed.deadlineSeconds >= 10 && parsed.deadlineSeconds <= 3600 && Number.isInteger(parsed.deadlineSeconds));
          assert.ok(utf8Length(parsed.body) <= maxBodyBytes);
          assert.ok(!/[\r\n]/.test(parsed.contentType + parsed.accept), 'no header injection through the media types');
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(validToHost, (message) => assert.deepEqual(JSON.parse(JSON.stringify(parsePlaygroundToHost(message) ?? null)), JSON.parse(JSON.stringify(message)))),
      { numRuns: 500 },
    );
  });

  it('parseHostToPlayground and parsePlaygroundState never throw on anything', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true }), fc.string({ maxLength: 12 }), (value, type) => {
        parseHostToPlayground(value);
        parseHostToPlayground(typeof value === 'object' && value !== null ? { ...value, type } : { type, value });
        const state = parsePlaygroundState(value);
        if (state) {
          assert.match(state.inferenceComponentName, /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
          if (state.deadlineSeconds !== undefined) assert.ok(Number.isFinite(state.deadlineSeconds));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('utf8Length counts exactly the bytes the page sends, lone surrogates included', () => {
    const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 64 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 64 }), anyUnits), (text) => {
        assert.equal(utf8Length(text), new TextEncoder().encode(text).length, JSON.stringify(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('the host session survives any sequence of messages: only valid replies, bounded requests, no capacity change it was not asked for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(validToHost, hostile), { maxLength: 25 }), async (messages) => {
        const posted: HostToPlayground[] = [];
        const copyChanges: number[] = [];
        const { logger, lines } = quietLogger();
        const session = new PlaygroundSession({
          component: 'ic',
          endpointName: 'ep',
          post: (message) => posted.push(message),
          connection: () => fakeConnection(copyChanges),
          store: memoryStore(),
          logger,
        });
        for (const message of messages) {
          session.handle(message);
          assert.ok(session.activeRequests <= 4);
        }
        for (let index = 0; index < 5 && session.activeRequests > 0; index++) await settle();
        assert.equal(session.activeRequests, 0, 'every request ended');
        for (const message of posted) assert.ok(parseHostToPlayground(JSON.parse(JSON.stringify(message))), `posted an invalid message ${JSON.stringify(message)}`);
        // The fake component is warm: nothing may change its capacity, and never to 0.
        assert.deepEqual(copyChanges, []);
        assert.ok(!lines.some((line) => line.startsWith('error')), lines.join('\n'));
        session.dispose();
      }),
      { numRuns: 150 },
    );
  });

  it('cold-start history in globalState is read safely whatever garbage it holds', () => {
    const entry = fc.record(
      { at: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), totalMs: fc.oneof(fc.double(), fc.integer(), fc.string()), alarmMs: fc.anything(), copyMs: fc.double(), wakeNow: fc.anything() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(fc.oneof(entry, fc.anything()), { maxLength: 30 })), fc.anything(), (history, wakeNow) => {
        const posted: HostToPlayground[] = [];
        const session = new PlaygroundSession({
          component: 'ic',
          endpointName: 'ep',
          post: (message) => posted.push(message),
          connection: () => undefined,
          store: memoryStore({ [coldStartsKey('ic')]: history, [wakeNowKey]: wakeNow }),
          logger: quietLogger().logger,
        });
        const durations = session.durations();
        for (const figure of [durations.median.alarmMs, durations.median.copyMs, durations.median.instanceMs, durations.median.totalMs]) {
          assert.ok(figure === undefined || Number.isFinite(figure), `median ${String(figure)} from ${JSON.stringify(history)}`);
        }
        for (const kept of session.history()) {
          assert.ok(Number.isFinite(kept.at) && Number.isFinite(kept.totalMs));
        }
        session.handle({ type: 'ready' });
        const init = posted.find((message) => message.type === 'init');
        assert.ok(init && parseHostToPlayground(JSON.parse(JSON.stringify(init))));
      }),
      { numRuns: 500 },
    );
  });

  it('cold-start history in globalState keeps only figures a cold start can have: huge, negative and far-future values are dropped', () => {
    const day = 24 * 60 * 60 * 1000;
    const at = 1_700_000_000_000;
    const history = [
      { at, wakeNow: false, totalMs: 300_000, alarmMs: 60_000, instanceMs: 100_000, copyMs: 130_000 },
      { at, wakeNow: false, totalMs: 1e300 },
      { at, wakeNow: false, totalMs: day + 1 },
      { at: 1e300, wakeNow: false, totalMs: 1_000 },
      { at: -5, wakeNow: false, totalMs: 1_000 },
      { at, wakeNow: true, totalMs: 200_000, alarmMs: Number.MAX_VALUE, copyMs: 1e20 },
      ...Array.from({ length: 5_000 }, () => 'x'.repeat(10)),
    ];
    const session = new PlaygroundSession({
      component: 'ic',
      endpointName: 'ep',
      post: () => undefined,
      connection: () => undefined,
      store: memoryStore({ [coldStartsKey('ic')]: history }),
      logger: quietLogger().logger,
    });
    // The garbage at the end pushes everything out of the entries read (the last 100).
    assert.deepEqual(session.history(), []);
    const kept = new PlaygroundSession({
      component: 'ic',
      endpointName: 'ep',
      post: () => undefined,
      connection: () => undefined,
      store: memoryStore({ [coldStartsKey('ic')]: history.slice(0, 6) }),
      logger: quietLogger().logger,
    }).history();
    assert.deepEqual(kept, [
      { at, wakeNow: false, totalMs: 300_000, alarmMs: 60_000, instanceMs: 100_000, copyMs: 130_000 },
      { at, wakeNow: true, totalMs: 200_000 },
    ]);
  });
});

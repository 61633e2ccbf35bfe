import * as assert from 'node:assert/strict';
import { failureNotice, type FailureSource, shownFailures } from '../../../src/logs/reading/failureNotices';
import { logGroupsOf, type LogsTarget } from '../../../src/logs/reading/logGroups';
import { LogsSession } from '../../../src/logs/reading/logsSession';
import { type HostToLogs, parseHostToLogs } from '../../../src/logs/protocol';
import { ManualTimer } from '../../support/manualTimer';
import { FakeLogsApi } from './fakeLogsApi';

const t0 = Date.UTC(2026, 11, 7, 9, 0, 0);

/** An inventory whose tree explains the failures given, by "<kind>:<name>". */
function inventory(failures: Record<string, { title: string; kind: string; at?: Date }>, components: Record<string, string[]> = {}): FailureSource {
  return {
    componentsOf: (endpointName) => (components[endpointName] ?? []).map((name) => ({ summary: { name } })),
    failures: { get: (kind, name) => failures[`${kind}:${name}`] },
  };
}

describe('logs: a failed resource\'s notice above its lines', () => {
  const now = new Date(t0 + 60_000);

  it('a failure before any container started says no line of it can be here, and where the explanation is', () => {
    for (const kind of ['insufficientCapacity', 'quotaExceeded', 'downloadDenied']) {
      const notice = failureNotice({ resource: 'inference component demo-llama', title: 'no ml.g5.2xlarge capacity', kind, at: new Date(t0) }, now);
      assert.equal(notice.kind, 'failure');
      assert.match(notice.message, /^Inference component demo-llama failed at \d{2}:\d{2}:\d{2}: no ml\.g5\.2xlarge capacity\. No container started for it, so it wrote no line here: any lines shown come from earlier containers\. Its "Why:" row in the Endpoints view explains it and says what to do \(Explain Failure\)\.$/);
    }
  });

  it('a container that ran and failed: its lines are below; an unknown kind or no time says only what is known', () => {
    for (const kind of ['healthCheckTimeout', 'outOfMemory']) {
      assert.match(failureNotice({ resource: 'inference component x', title: 'out of memory', kind }, now).message, /^Inference component x failed: out of memory\. Its container's lines are below\. Its "Why:" row/);
    }
    assert.equal(
      failureNotice({ resource: 'endpoint demo', title: 'failed', kind: 'unknown' }, now).message,
      'Endpoint demo failed: failed. Its "Why:" row in the Endpoints view explains it and says what to do (Explain Failure).',
    );
  });

  it('reads the tree\'s explanations: a component its own, an endpoint its own and its components\'', () => {
    const source = inventory(
      { 'inferenceComponent:a': { title: 'out of memory', kind: 'outOfMemory', at: new Date(t0) }, 'endpoint:demo': { title: 'image pull denied', kind: 'downloadDenied' } },
      { demo: ['a', 'b'] },
    );
    assert.deepEqual(shownFailures({ kind: 'inferenceComponent', name: 'a', endpointName: 'demo' }, source), [{ resource: 'inference component a', title: 'out of memory', kind: 'outOfMemory', at: new Date(t0) }]);
    assert.deepEqual(shownFailures({ kind: 'inferenceComponent', name: 'b', endpointName: 'demo' }, source), []);
    assert.deepEqual(
      shownFailures({ kind: 'endpoint', name: 'demo' }, source).map((failure) => failure.resource),
      ['endpoint demo', 'inference component a'],
    );
    assert.deepEqual(shownFailures({ kind: 'endpoint', name: 'demo' }, undefined), []);
  });

  it('the session sends the failures first, through the protocol the page checks, and drops them once the tree no longer explains one', async () => {
    const api = new FakeLogsApi();
    api.now = t0;
    const target: LogsTarget = { kind: 'inferenceComponent', name: 'demo-llama', endpointName: 'demo' };
    let failures = [{ resource: 'inference component demo-llama', title: 'no ml.g5.2xlarge capacity', kind: 'insufficientCapacity', at: new Date(t0 - 30_000) }];
    const posted: HostToLogs[] = [];
    const timer = new ManualTimer();
    const session = new LogsSession({
      target,
      api: () => api,
      groups: () => logGroupsOf(target, { componentNames: [] }),
      now: () => api.now,
      place: () => ({ region: 'us-east-1', accountId: '123456789012' }),
      creating: () => false,
      failures: () => failures,
      post: (message) => posted.push(parseHostToLogs(JSON.parse(JSON.stringify(message)))!),
      connectionLabel: () => 'Local emulator',
      consoleUrl: () => undefined,
      openUrl: () => undefined,
      copy: () => undefined,
      maxLines: 500,
      timer,
    });
    const status = () => posted.filter((message) => message.type === 'status').at(-1) as Extract<HostToLogs, { type: 'status' }>;
    await session.handle({ type: 'ready', state: { target, range: '15m', filter: '', follow: true } });
    assert.deepEqual(status().notices.map((notice) => notice.kind), ['failure', 'groupMissing']);
    assert.match(status().notices[0].message, /^Inference component demo-llama failed at \d{2}:\d{2}:\d{2}: no ml\.g5\.2xlarge capacity\. No container started/);
    // A later wake went through: the tree explains nothing any more, and the next read's status says so.
    failures = [];
    api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + 1000, 'INFO Starting inference server', 'AllTraffic/i-0abc/c1');
    api.now = t0 + 5000;
    await timer.fire();
    assert.deepEqual(status().notices, []);
    session.dispose();
  });
});

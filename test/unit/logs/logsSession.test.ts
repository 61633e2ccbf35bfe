import * as assert from 'node:assert/strict';
import { logGroupsOf, type LogsTarget } from '../../../src/logs/reading/logGroups';
import { LogsSession } from '../../../src/logs/reading/logsSession';
import { type HostToLogs, parseHostToLogs } from '../../../src/logs/protocol';
import { ManualTimer } from '../../support/manualTimer';
import { FakeLogsApi } from './fakeLogsApi';

const t0 = Date.UTC(2026, 11, 7, 9, 0, 0);

function session(api: FakeLogsApi, target: LogsTarget, options: { creating?: boolean } = {}) {
  const posted: HostToLogs[] = [];
  const opened: string[] = [];
  const timer = new ManualTimer();
  const subject = new LogsSession({
    target,
    api: () => api,
    groups: () => logGroupsOf(target, { componentNames: ['demo-llama'] }),
    now: () => api.now,
    place: () => ({ region: 'us-east-1', accountId: '123456789012' }),
    creating: () => options.creating ?? false,
    // Everything the page receives goes through the protocol's checks, as in the webview.
    post: (message) => posted.push(parseHostToLogs(JSON.parse(JSON.stringify(message)))!),
    connectionLabel: () => 'Local emulator',
    consoleUrl: (group) => `console:${group}`,
    openUrl: (url) => opened.push(url),
    copy: () => undefined,
    maxLines: 500,
    timer,
  });
  return { subject, posted, timer, opened };
}

const ready = (target: LogsTarget, filter = '') => ({ type: 'ready', state: { target, range: '15m', filter, follow: true } });

describe('logs: one view\'s session (what the page is sent)', () => {
  it('an endpoint still Creating with no group yet: one notice that says no container has started, and follow keeps reading', async () => {
    const api = new FakeLogsApi();
    api.now = t0;
    const target: LogsTarget = { kind: 'endpoint', name: 'demo' };
    const { subject, posted, timer, opened } = session(api, target, { creating: true });
    await subject.handle(ready(target));
    const status = posted.filter((message) => message.type === 'status').at(-1) as Extract<HostToLogs, { type: 'status' }>;
    assert.equal(status.notices.length, 1);
    assert.equal(status.notices[0].kind, 'groupMissing');
    assert.match(status.notices[0].message, /\/aws\/sagemaker\/Endpoints\/demo does not exist yet.*While the endpoint is Creating.*Nor do \/aws\/sagemaker\/InferenceComponents\/demo-llama\./);
    assert.equal(status.following, true);
    // The first container starts: the next read shows its line, and the notice goes.
    api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + 1000, 'INFO Starting inference server: image x, model y', 'AllTraffic/i-0abc/c1');
    api.now = t0 + 5000;
    await timer.fire();
    const appended = posted.filter((message) => message.type === 'append') as Extract<HostToLogs, { type: 'append' }>[];
    assert.deepEqual(appended.flatMap((message) => message.lines.map((line) => [line.source, line.instance, line.copy, line.message])), [
      ['demo-llama', 'i-0abc', 'c1', 'INFO Starting inference server: image x, model y'],
    ]);
    const after = posted.filter((message) => message.type === 'status').at(-1) as Extract<HostToLogs, { type: 'status' }>;
    assert.deepEqual(after.notices, []);
    // Open in CloudWatch: the group that exists (the endpoint, built from components, has none of its own).
    await subject.handle({ type: 'openConsole' });
    assert.deepEqual(opened, ['console:/aws/sagemaker/InferenceComponents/demo-llama']);
    subject.dispose();
  });

  it('a bad filter is refused with the reason and nothing is read; a good one reloads the range', async () => {
    const api = new FakeLogsApi();
    api.now = t0 + 60_000;
    const target: LogsTarget = { kind: 'inferenceComponent', name: 'demo-llama', endpointName: 'demo' };
    api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + 1000, 'INFO Loading model weights from /opt/ml/model');
    api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + 2000, 'INFO Model weights loaded in 40 s');
    const { subject, posted } = session(api, target);
    await subject.handle(ready(target));
    const calls = api.calls.length;
    await subject.handle({ type: 'setFilter', filter: '"loaded in' });
    assert.deepEqual(posted.at(-1), { type: 'inputError', field: 'filter', reason: 'A quoted phrase is not closed: add the closing " (double quote).' });
    assert.equal(api.calls.length, calls, 'a refused filter sends nothing');
    await subject.handle({ type: 'setFilter', filter: 'loaded' });
    const reset = posted.filter((message) => message.type === 'reset').at(-1) as Extract<HostToLogs, { type: 'reset' }>;
    assert.deepEqual(reset.lines.map((line) => line.message), ['INFO Model weights loaded in 40 s']);
    assert.equal(reset.lines[0].source, undefined, 'one group: no source column');
    subject.dispose();
  });
});

import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { type AwsClients, createClients, loadSdk } from '../../../src/aws/clients';
import { logGroupsOf, type LogsTarget } from '../../../src/logs/reading/logGroups';
import { LogsSession } from '../../../src/logs/reading/logsSession';
import { type HostToLogs, parseHostToLogs, type WireLine } from '../../../src/logs/protocol';
import { sdkLogsApi } from '../../../src/logs/reading/sdkLogsApi';
import { ManualTimer } from '../../support/manualTimer';

/*
 * The logs view's session against the emulator over HTTP with the real CloudWatch Logs client: the
 * demo's component's container lines, a group that does not exist yet, the filter, paging older lines,
 * and follow picking up the lines the emulator writes as its (frozen, moved by hand) clock advances.
 */
describe('logs view on the emulator (real SDK, frozen clock)', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;
  const sessions: LogsSession[] = [];
  const start = Date.UTC(2026, 11, 9, 10);

  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', startTime: start, timings: { tokenLatencyMs: 0 } });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  afterEach(async () => {
    for (const session of sessions.splice(0)) session.dispose();
    clients.destroy();
    await emulator.close();
  });

  function open(target: LogsTarget, components: string[] = [], maxLines = 500) {
    const posted: HostToLogs[] = [];
    const timer = new ManualTimer();
    const session = new LogsSession({
      target,
      api: () => sdkLogsApi(clients),
      groups: () => logGroupsOf(target, { componentNames: components }),
      now: () => emulator.now(),
      place: () => ({ region: 'us-east-1', accountId: '123456789012' }),
      creating: () => false,
      post: (message) => posted.push(parseHostToLogs(JSON.parse(JSON.stringify(message)))!),
      connectionLabel: () => 'Local emulator',
      consoleUrl: () => undefined,
      openUrl: () => undefined,
      copy: () => undefined,
      maxLines,
      timer,
    });
    sessions.push(session);
    const last = <T extends HostToLogs['type']>(type: T) => posted.filter((message) => message.type === type).at(-1) as Extract<HostToLogs, { type: T }>;
    return { session, posted, timer, last };
  }

  const ready = (target: LogsTarget, range = '3h', filter = '') => ({ type: 'ready', state: { target, range, filter, follow: true } });
  const text = (lines: WireLine[]) => lines.map((line) => line.message.replace(/: image .*/, ''));

  it('shows the demo component\'s container lines with their instance and copy, in time order', async () => {
    const target: LogsTarget = { kind: 'inferenceComponent', name: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' };
    const view = open(target);
    await view.session.handle(ready(target));
    const reset = view.last('reset');
    assert.deepEqual(text(reset.lines), [
      'INFO Starting inference server',
      'INFO Loading model weights from /opt/ml/model',
      reset.lines[2].message,
      'INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080',
      'INFO "GET /ping HTTP/1.1" 200 OK',
    ]);
    assert.match(reset.lines[2].message, /^INFO Model weights loaded in [\d.]+ s$/);
    for (const line of reset.lines) {
      assert.match(line.instance ?? '', /^i-/);
      assert.ok(line.copy, `the copy of ${line.stream}`);
      assert.equal(line.stream, `AllTraffic/${line.instance}/${line.copy}`);
    }
    assert.deepEqual(reset.lines.map((line) => line.t), [...reset.lines.map((line) => line.t)].sort((a, b) => a - b));
    assert.deepEqual(view.last('status').notices, []);
  });

  it('an endpoint whose group does not exist yet (a cold endpoint, no container ever started): the notice says so', async () => {
    const target: LogsTarget = { kind: 'endpoint', name: 'demo-cold' };
    const view = open(target, ['demo-embeddings']);
    await view.session.handle(ready(target, '1d'));
    assert.deepEqual(view.last('reset').lines, []);
    const status = view.last('status');
    assert.deepEqual(status.groups.map((group) => group.state), ['missing', 'missing']);
    assert.equal(status.notices.length, 1);
    assert.match(status.notices[0].message, /^The log group \/aws\/sagemaker\/Endpoints\/demo-cold does not exist yet: no container of endpoint demo-cold has started writing logs\./);
  });

  it('filters with a CloudWatch pattern (a quoted phrase) on the emulator, and refuses a broken one before sending it', async () => {
    const target: LogsTarget = { kind: 'endpoint', name: 'demo-scale-to-zero' };
    const view = open(target, ['demo-llama3-8b']);
    await view.session.handle(ready(target, '3h', '"startup complete"'));
    assert.deepEqual(text(view.last('reset').lines), ['INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080']);
    assert.equal(view.last('reset').lines[0].source, 'demo-llama3-8b', 'an endpoint\'s view names the component each line comes from');
    await view.session.handle({ type: 'setFilter', filter: 'Loading model' });
    assert.deepEqual(text(view.last('reset').lines), ['INFO Loading model weights from /opt/ml/model']);
    await view.session.handle({ type: 'setFilter', filter: '%(ping)%' });
    assert.equal(view.last('inputError').reason, 'The regular expression %(ping)% uses ( ): CloudWatch Logs does not support groups in filter patterns.');
  });

  it('pages older lines: a short range shows the newest, Load older brings the earlier ones', async () => {
    const target: LogsTarget = { kind: 'inferenceComponent', name: 'demo-llama3-8b', endpointName: 'demo-scale-to-zero' };
    const view = open(target);
    // The demo's lines were written about an hour before the emulator's start: a 5-minute range an hour on shows none.
    emulator.advance(55 * 60);
    await view.session.handle(ready(target, '1h'));
    const first = view.last('reset');
    assert.ok(first.lines.length < 5, `the last hour holds only the latest lines, got ${first.lines.length}`);
    assert.equal(first.olderAvailable, true);
    await view.session.handle({ type: 'loadOlder' });
    const older = view.last('prepend');
    assert.equal(older.lines.length + first.lines.length, 5, 'the hour before holds the rest');
    assert.ok(older.lines.every((line) => line.t < first.windowStart));
    assert.equal(older.windowStart, first.windowStart - 3600_000);
  });

  it('follows: picks up the lines the emulator writes as its clock advances (an invocation served by the warm copy), once each', async () => {
    const target: LogsTarget = { kind: 'endpoint', name: 'demo-scale-to-zero' };
    const view = open(target, ['demo-llama3-8b']);
    await view.session.handle(ready(target, '5m'));
    assert.deepEqual(view.last('reset').lines, []);
    const appended = () => view.posted.flatMap((message) => (message.type === 'append' ? message.lines : []));
    await view.timer.fire();
    assert.deepEqual(appended(), []);

    const sdk = await loadSdk();
    await clients.runtime.send(new sdk.InvokeEndpointCommand({ EndpointName: 'demo-scale-to-zero', InferenceComponentName: 'demo-llama3-8b', ContentType: 'application/json', Body: JSON.stringify({ inputs: 'Hello', parameters: { max_new_tokens: 4 } }) }));
    // Not ingested yet (a second after its timestamp): the next read does not see it...
    await view.timer.fire();
    assert.deepEqual(appended(), []);
    // ...the one after the clock moved does, once.
    emulator.advance(2);
    await view.timer.fire();
    emulator.advance(2);
    await view.timer.fire();
    assert.deepEqual(appended().map((line) => line.message), ['INFO "POST /invocations HTTP/1.1" 200 OK']);
    assert.equal(view.session.following, true);
  });

  it('a crash loop (fault outOfMemory): follow shows each restart on the same stream with the out-of-memory error', async () => {
    const target: LogsTarget = { kind: 'inferenceComponent', name: 'demo-embeddings', endpointName: 'demo-cold' };
    const response = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ componentFaults: { 'demo-embeddings': 'outOfMemory' } }) });
    assert.equal(response.status, 200, await response.text());
    const view = open(target);
    await view.session.handle(ready(target, '15m'));
    const sdk = await loadSdk();
    await clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'demo-embeddings', DesiredRuntimeConfig: { CopyCount: 1 } }));
    for (let step = 0; step < 40; step++) {
      emulator.advance(30);
      await view.timer.fire();
    }
    const appended = view.posted.flatMap((message) => (message.type === 'append' ? message.lines : []));
    const starts = appended.filter((line) => line.message.startsWith('INFO Starting inference server'));
    const oom = appended.filter((line) => line.message.startsWith('ERROR torch.OutOfMemoryError: CUDA out of memory.'));
    const exits = appended.filter((line) => line.message === 'ERROR Worker process exited with code 137');
    assert.ok(starts.length >= 3, `restarts: ${starts.length}`);
    assert.equal(oom.length, exits.length);
    assert.ok(oom.length >= starts.length - 1, `each start but the last ran out of memory (${oom.length} of ${starts.length})`);
    assert.equal(new Set(appended.map((line) => line.stream)).size, 1, 'one stream: the restarts write to the same one');
    assert.deepEqual(text(appended.slice(0, 4)), ['INFO Starting inference server', 'INFO Loading model weights from /opt/ml/model', oom[0].message, 'ERROR Worker process exited with code 137']);
    const ids = appended.map((line) => line.id);
    assert.equal(new Set(ids).size, ids.length, 'no line twice');
  });

  it('follows a component\'s first start: the group appears with the container\'s first line and the notice goes', async () => {
    const target: LogsTarget = { kind: 'inferenceComponent', name: 'demo-embeddings', endpointName: 'demo-cold' };
    const view = open(target);
    await view.session.handle(ready(target, '15m'));
    assert.equal(view.last('status').notices[0]?.kind, 'groupMissing');
    const sdk = await loadSdk();
    await clients.sageMaker.send(new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: 'demo-embeddings', DesiredRuntimeConfig: { CopyCount: 1 } }));
    for (let minute = 0; minute < 20; minute++) {
      emulator.advance(60);
      await view.timer.fire();
    }
    const appended = view.posted.flatMap((message) => (message.type === 'append' ? message.lines : []));
    assert.deepEqual(text(appended), [
      'INFO Starting inference server',
      'INFO Loading model weights from /opt/ml/model',
      appended[2]?.message,
      'INFO Application startup complete. Uvicorn running on http://0.0.0.0:8080',
      'INFO "GET /ping HTTP/1.1" 200 OK',
    ]);
    assert.deepEqual(view.last('status').notices, []);
  });
});

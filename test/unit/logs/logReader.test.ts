import * as assert from 'node:assert/strict';
import { readWindow } from '../../../src/logs/reading/logReader';
import { logGroupsOf } from '../../../src/logs/reading/logGroups';
import { FakeLogsApi } from './fakeLogsApi';

const t0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const endpointGroups = logGroupsOf({ kind: 'endpoint', name: 'demo' }, { componentNames: ['demo-llama', 'demo-embeddings'] });

describe('logs: reading a window of lines', () => {
  it('merges an endpoint\'s groups in time order, reads each stream\'s instance and copy, and says which group is missing', async () => {
    const api = new FakeLogsApi();
    api.now = t0 + 60_000;
    api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + 3000, 'INFO Loading model weights from /opt/ml/model', 'AllTraffic/i-0aaa/llama-copy-1');
    api.write('/aws/sagemaker/InferenceComponents/demo-embeddings', t0 + 2000, 'INFO Starting inference server', 'AllTraffic/i-0bbb/emb-copy-1');
    api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + 1000, 'INFO Starting inference server', 'AllTraffic/i-0aaa/llama-copy-1');
    const read = await readWindow(api, endpointGroups, { start: t0, end: t0 + 60_000, maxLines: 100 });
    assert.deepEqual(
      read.lines.map((line) => [line.timestamp - t0, line.instance, line.copy, line.message]),
      [
        [1000, 'i-0aaa', 'llama-copy-1', 'INFO Starting inference server'],
        [2000, 'i-0bbb', 'emb-copy-1', 'INFO Starting inference server'],
        [3000, 'i-0aaa', 'llama-copy-1', 'INFO Loading model weights from /opt/ml/model'],
      ],
    );
    assert.deepEqual(read.groups.map((group) => group.state), ['missing', 'ok', 'ok']);
    assert.equal(read.truncated, false);
  });

  it('follows nextToken until the window is read, and stops at the view\'s cap (saying it did)', async () => {
    const api = new FakeLogsApi(10);
    api.now = t0 + 600_000;
    for (let i = 0; i < 35; i++) api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + i * 1000, `INFO "POST /invocations HTTP/1.1" 200 OK ${i}`);
    const groups = logGroupsOf({ kind: 'inferenceComponent', name: 'demo-llama', endpointName: 'demo' });
    const all = await readWindow(api, groups, { start: t0, maxLines: 100 });
    assert.equal(all.lines.length, 35);
    assert.equal(all.calls, 4);
    assert.equal(all.truncated, false);
    const capped = await readWindow(api, groups, { start: t0, maxLines: 20 });
    assert.equal(capped.lines.length, 20);
    assert.equal(capped.truncated, true);
    assert.equal(capped.lines[0].message.endsWith(' 0'), true, 'a window is read from its start');
    // The limit asks for no more than what is still wanted.
    assert.deepEqual(api.calls.slice(-2).map((call) => call.limit), [20, 10]);
  });

  it('sends the filter pattern, the window and the group name as the model names them', async () => {
    const api = new FakeLogsApi();
    api.now = t0 + 60_000;
    api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + 1000, 'INFO Starting inference server');
    api.write('/aws/sagemaker/InferenceComponents/demo-llama', t0 + 2000, 'INFO Model weights loaded in 40 s');
    const read = await readWindow(api, logGroupsOf({ kind: 'inferenceComponent', name: 'demo-llama', endpointName: 'demo' }), { start: t0, end: t0 + 60_000, filterPattern: 'loaded', maxLines: 100 });
    assert.deepEqual(read.lines.map((line) => line.message), ['INFO Model weights loaded in 40 s']);
    assert.deepEqual(api.calls.at(-1), { logGroupName: '/aws/sagemaker/InferenceComponents/demo-llama', startTime: t0, endTime: t0 + 60_000, filterPattern: 'loaded', limit: 100 });
  });
});

import * as assert from 'node:assert/strict';
import { LogsStore, type VsCodeApi } from '../../../src/logs/page/logsStore';
import { type LogsToHost, type WireLine } from '../../../src/logs/protocol';

function fakeVsCode(saved?: unknown): VsCodeApi & { sent: LogsToHost[]; state: unknown } {
  const api = {
    sent: [] as LogsToHost[],
    state: saved,
    postMessage: (message: LogsToHost) => api.sent.push(message),
    getState: () => api.state,
    setState: (state: unknown) => (api.state = state),
  };
  return api;
}

const line = (i: number): WireLine => ({ id: `e${i}`, t: 1_000_000 + i, stream: 'AllTraffic/i-0abc/c1', instance: 'i-0abc', copy: 'c1', message: `INFO line ${i}` });
const initial = JSON.stringify({ target: { kind: 'inferenceComponent', name: 'demo-llama', endpointName: 'demo' }, range: '1h', filter: '', follow: true });

describe('logs page: what the page holds', () => {
  it('holds at most maxLines, dropping the oldest and counting them (the page says so), never a line twice', () => {
    const vscode = fakeVsCode();
    const store = LogsStore.restore(vscode, initial)!;
    store.receive({ type: 'init', ranges: [], maxLines: 100, consoleAvailable: false, connection: 'Local emulator', pollNote: '' });
    store.receive({ type: 'reset', lines: Array.from({ length: 80 }, (_, i) => line(i)), windowStart: 0, windowEnd: 1, truncated: false, olderAvailable: true });
    store.receive({ type: 'append', lines: Array.from({ length: 40 }, (_, i) => line(70 + i)) });
    assert.equal(store.lines.length, 100);
    assert.equal(store.lines[0].id, 'e10');
    assert.equal(store.lines.at(-1)!.id, 'e109');
    assert.equal(store.dropped, 10);
    assert.equal(new Set(store.lines.map((held) => held.id)).size, 100);
    // A new range starts afresh.
    store.receive({ type: 'reset', lines: [line(1)], windowStart: 0, windowEnd: 1, truncated: false, olderAvailable: false });
    assert.equal(store.dropped, 0);
    assert.deepEqual(store.lines.map((held) => held.id), ['e1']);
  });

  it('keeps the range, filter and follow across a reload for the same resource, and sends what the user sets', () => {
    const vscode = fakeVsCode();
    const store = LogsStore.restore(vscode, initial)!;
    store.setFilter('"loaded in"');
    store.setFollow(false);
    store.setRange('3h');
    assert.deepEqual(vscode.sent, [
      { type: 'setFilter', filter: '"loaded in"' },
      { type: 'setFollow', follow: false },
      { type: 'setRange', range: '3h' },
    ]);
    const reloaded = LogsStore.restore(fakeVsCode(vscode.state), initial)!;
    assert.deepEqual(reloaded.state, { target: { kind: 'inferenceComponent', name: 'demo-llama', endpointName: 'demo' }, range: '3h', filter: '"loaded in"', follow: false });
    // Another resource's saved state is not applied to this one.
    const other = LogsStore.restore(fakeVsCode(vscode.state), JSON.stringify({ target: { kind: 'endpoint', name: 'demo' }, range: '1h', filter: '', follow: true }))!;
    assert.equal(other.state.filter, '');
  });
});

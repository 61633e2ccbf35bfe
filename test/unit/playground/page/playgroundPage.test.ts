// The playground page rendered in a DOM (happy-dom): the host's messages go in through the window
// as in the webview, and the tests read what the user sees. The VS Code elements (vscode-button...) are
// not registered here (happy-dom has no ElementInternals): their tags stay plain elements, so the tests
// see the attributes and values the page gives them, and play the user by setting a value and firing
// the element's input/change/click event. The real elements are driven in code-server by test/e2e.
import * as assert from 'node:assert/strict';
import { type HostToPlayground, type PlaygroundToHost, type Timeline } from '../../../../src/playground/protocol';
import { formatEventTime, generatedText, StreamText, validateRequest, writeParameter, readParameter, templates } from '../../../../src/playground/page/format';
import { type MountedPlayground, type mountPlayground as MountPlayground } from '../../../../src/playground/page/mountPlayground';
import { type SavedPage } from '../../../../src/playground/page/savedPage';
import { installPageWindow, type PageWindow } from './pageWindow';

const hostile = '<script>alert("x")</script><img src=x onerror="alert(1)"><b>bold</b>';
const durations = {
  count: 2,
  last: { at: 0, wakeNow: false, alarmMs: 50_000, instanceMs: 104_880, copyMs: 136_800, totalMs: 292_000 },
  median: { alarmMs: 55_000, instanceMs: 104_880, copyMs: 136_800, totalMs: 300_000 },
  reference: { alarmMs: 60_000, instanceMs: 104_880, copyMs: 136_800, totalMs: 301_680 },
};
const init: HostToPlayground = {
  type: 'init',
  inferenceComponentName: 'ic-1',
  endpointName: 'ep-1',
  connection: 'Local emulator',
  wakeNow: false,
  durations: { ...durations, count: 0, last: undefined, median: {} },
};

function holdingTimeline(): Timeline {
  return {
    component: 'ic-1',
    startedAt: 0,
    updatedAt: 90_000,
    deadlineAt: 900_000,
    wakeNow: false,
    note: hostile,
    phases: [
      { id: 'requestRejected', status: 'done', at: 0, detail: hostile },
      { id: 'alarmInAlarm', status: 'done', at: 50_000 },
      { id: 'scalingActivity', status: 'done', at: 50_000 },
      { id: 'desiredCopies', status: 'done', at: 50_000 },
      { id: 'instanceProvisioning', status: 'active', at: 50_000 },
      { id: 'copyStarting', status: 'pending' },
      { id: 'inService', status: 'pending' },
      { id: 'firstResponse', status: 'pending' },
    ],
  };
}

describe('playground page, rendered in a DOM', () => {
  let dom: PageWindow;
  let mountPlayground: typeof MountPlayground;
  let mounted: MountedPlayground | undefined;
  let posted: PlaygroundToHost[];
  let saved: SavedPage | undefined;

  const document = () => dom.window.document as unknown as Document;
  const $ = (selector: string) => {
    const found = document().querySelector<HTMLElement>(selector);
    assert.ok(found, `${selector} is on the page`);
    return found;
  };
  const text = (selector: string) => ($(selector).textContent ?? '').replace(/\s+/g, ' ').trim();
  const tagsUnder = (selector: string) => [...$(selector).querySelectorAll('*')].map((element) => element.localName);
  const settle = async () => {
    for (let round = 0; round < 3; round++) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const fromHost = async (message: unknown) => {
    dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data: message }));
    await settle();
  };
  const type = async (selector: string, value: string) => {
    const field = $(selector) as HTMLElement & { value: string };
    field.value = value;
    field.dispatchEvent(new dom.window.Event(selector === '#template' ? 'change' : 'input') as unknown as Event);
    await settle();
  };
  const click = async (selector: string) => {
    $(selector).click();
    await settle();
  };
  const invokes = () => posted.filter((message): message is Extract<PlaygroundToHost, { type: 'invoke' }> => message.type === 'invoke');
  const disabled = (selector: string) => $(selector).hasAttribute('disabled');

  async function open(state?: unknown): Promise<void> {
    mounted?.dispose();
    posted = [];
    document().body.dataset.initial = JSON.stringify({ inferenceComponentName: 'ic-1', endpointName: 'ep-1' });
    document().body.innerHTML = '<main id="app" aria-busy="true"></main>';
    mounted = mountPlayground(dom.window as unknown as Window, {
      postMessage: (message) => posted.push(message),
      getState: () => state,
      setState: (value) => (saved = JSON.parse(JSON.stringify(value)) as SavedPage),
    });
    await settle();
  }

  before(async () => {
    dom = installPageWindow('<!DOCTYPE html><html><body></body></html>');
    ({ mountPlayground } = await import('../../../../src/playground/page/mountPlayground.js'));
  });

  after(async () => {
    mounted?.dispose();
    await dom.uninstall();
  });

  beforeEach(() => open());

  it("starts from the host's initial data, tells the host it is ready, then shows the component, its status and durations", async () => {
    assert.deepEqual(posted, [{ type: 'ready' }]);
    assert.equal($('#app').hasAttribute('aria-busy'), false);
    assert.equal(text('#title'), 'ic-1');
    assert.equal(text('#endpoint'), 'endpoint ep-1');
    assert.equal(($('#template') as HTMLElement & { value: string }).value, 'tgi');
    assert.equal(($('#body') as HTMLElement & { value: string }).value, templates[0].body);
    assert.equal(($('#param-maxTokens') as HTMLElement & { value: string }).value, '64');
    assert.equal(($('#param-temperature') as HTMLElement & { value: string }).value, '0.7');
    assert.equal(text('#output'), 'Send a request to see the answer here.');
    assert.equal(text('#history'), 'No requests yet in this session.');
    assert.equal(text('#chart'), 'Loading metrics…');
    assert.ok($('#waking-card').hasAttribute('hidden'));
    assert.ok(disabled('#cancel') && !disabled('#invoke') && !disabled('#stream'));

    await fromHost({ ...init, wakeNow: true });
    assert.equal(text('#connection'), 'Local emulator');
    assert.equal(($('#wake-now') as HTMLElement & { checked: boolean }).checked, true);
    assert.match(text('#durations'), /AWS blog, Llama 3\.1 8B/);
    assert.match(text('#durations'), /No cold start measured here yet/);
    await fromHost({ type: 'status', status: { label: 'Cold', state: 'cold', currentCopies: 0, desiredCopies: 1 } });
    assert.equal(text('#status'), 'Cold · 0/1 copy');
    assert.equal($('#status').dataset.state, 'cold');
  });

  it('shows durations and the chart as text: figures, a note with markup, an SVG chart', async () => {
    await fromHost({ type: 'durations', durations });
    assert.match(text('#durations'), /Last.*50 s.*1:45 min.*2:17 min.*4:52 min/);
    assert.match(text('#durations'), /Median of 2/);
    assert.match(text('#durations'), /AWS blog, Llama 3.1 8B.*1:00 min.*1:45 min.*2:17 min.*5:02 min/);
    await fromHost({
      type: 'chart',
      from: 0,
      to: 3_600_000,
      note: hostile,
      series: [
        { name: 'Copies', points: [[0, 1], [1_800_000, 0]] },
        { name: 'Instances', points: [[0, 1], [2_400_000, 0]] },
        { name: 'Invocations', points: [[60_000, 3]] },
      ],
    });
    const tags = tagsUnder('#chart');
    assert.ok(tags.includes('svg') && tags.includes('path') && tags.includes('rect'), tags.join());
    assert.ok(!tags.includes('script') && !tags.includes('img'));
    assert.ok(($('#chart').textContent ?? '').includes(hostile));
    assert.equal($('#chart path.line.copies').getAttribute('d'), 'M 28 65 H 280 V 120 H 532');
  });

  it('holds a streamed request through a cold start: buttons off while it runs, the timeline phase by phase, tokens as text', async () => {
    await fromHost(init);
    await click('#stream');
    const [request] = invokes();
    assert.deepEqual({ ...request, requestId: 'id' }, {
      type: 'invoke',
      requestId: 'id',
      mode: 'stream',
      body: templates[0].body,
      contentType: 'application/json',
      accept: 'application/json',
      deadlineSeconds: 900,
      wakeNow: false,
    });
    assert.ok(disabled('#invoke') && disabled('#stream') && !disabled('#cancel'));
    assert.equal($('#busy').hasAttribute('hidden'), false);
    assert.equal(text('#state-line'), 'Sending…');
    assert.equal(text('#output'), 'Waiting for the first token…');
    assert.match(text('#history'), /Stream Running…/);
    assert.ok(disabled('#history vscode-button'), 'no re-run while a request runs');
    await click('#invoke');
    assert.equal(invokes().length, 1, 'one request at a time');

    await fromHost({ type: 'started', requestId: request.requestId, mode: 'stream', at: 0 });
    assert.equal(text('#state-line'), 'Streaming…');
    await fromHost({ type: 'timeline', requestId: request.requestId, timeline: holdingTimeline() });
    assert.equal($('#waking-card').hasAttribute('hidden'), false);
    const phases = [...$('#timeline').querySelectorAll('li')];
    assert.deepEqual(phases.map((item) => item.dataset.status), ['done', 'done', 'done', 'done', 'active', 'pending', 'pending', 'pending']);
    assert.equal(phases[4].dataset.phase, 'instanceProvisioning');
    assert.match(phases[4].textContent ?? '', /Instance provisioning.*\+50 s.*40 s/);
    assert.match(text('#timeline'), /Holding the request: 1:30 min elapsed/);
    assert.ok(($('#timeline').textContent ?? '').includes(hostile), 'note and detail shown as text');
    assert.ok(!tagsUnder('#timeline').includes('script') && !tagsUnder('#timeline').includes('img'));
    assert.equal(text('#status'), `Waking · instance provisioning since ${formatEventTime(50_000)}`);
    assert.equal($('#status').dataset.state, 'waking');
    assert.equal(text('#state-line'), 'Held while the component wakes…');

    await fromHost({ type: 'chunk', requestId: 'someone-else', text: 'not ours' });
    assert.equal(text('#output'), 'Waiting for the first token…');
    await fromHost({ type: 'chunk', requestId: request.requestId, text: 'Hello ' });
    await fromHost({ type: 'chunk', requestId: request.requestId, text: '<img src=x onerror=alert(1)>' });
    assert.deepEqual(tagsUnder('#output'), ['pre']);
    assert.equal($('#output pre.output-text').textContent, 'Hello <img src=x onerror=alert(1)>');

    await click('#cancel');
    assert.deepEqual(posted.at(-1), { type: 'cancel', requestId: request.requestId });
    const done = holdingTimeline();
    done.phases = done.phases.map((phase) => ({ ...phase, status: 'done', at: phase.id === 'firstResponse' ? 300_000 : (phase.at ?? 90_000) }));
    // The stream ends 30 s after its first token: the cold start ended at the first token, as its row and the held time say.
    assert.equal(document().querySelector('[data-testid="explain-cold-start"]'), null, 'no report to explain while the request is held');
    await fromHost({ type: 'timeline', requestId: request.requestId, timeline: { ...done, outcome: 'succeeded', endedAt: 330_000 } });
    assert.match(text('#timeline'), /Answered 5:00 min after the first rejection\./);
    // Issue 19: the finished wake's explained cold start, asked of the host with the timeline's start.
    await click('[data-testid="explain-cold-start"]');
    assert.deepEqual(posted.at(-1), { type: 'explainColdStart', startedAt: done.startedAt });
    await fromHost({ type: 'result', requestId: request.requestId, body: 'Hello', ttfbMs: 120, totalMs: 2400, heldMs: 300_000, streamed: true, invokedVariant: 'AllTraffic' });
    assert.match(text('#meta'), /TTFB\s*120 ms.*Total\s*2\.4 s.*Held \(cold start\)\s*5:00 min.*Variant\s*AllTraffic/);
    assert.equal($('#output pre.output-text').textContent, 'Hello <img src=x onerror=alert(1)>');
    assert.ok(!disabled('#invoke') && !disabled('#stream') && disabled('#cancel'));
    assert.ok($('#busy').hasAttribute('hidden'));
    assert.equal(text('#state-line'), 'Done.');
    assert.match(text('#history li.history-ok'), /Stream OK · 2\.4 s · held 5:00 min/);
    assert.deepEqual(posted.at(-1), { type: 'refresh' });
    assert.equal(saved?.history?.[0].outcome, 'ok');
  });

  it("shows an answer with <script> and <img onerror> as those characters, then the response's JSON", async () => {
    await click('#invoke');
    const [request] = invokes();
    assert.equal(request.mode, 'invoke');
    assert.equal(text('#output'), 'Waiting for the answer…');
    await fromHost({ type: 'result', requestId: request.requestId, body: JSON.stringify([{ generated_text: hostile }]), ttfbMs: 5, totalMs: 9, streamed: false });
    assert.deepEqual(tagsUnder('#output'), ['pre']);
    assert.equal($('#output pre.output-text').textContent, hostile);
    assert.equal(document().querySelectorAll('script, img').length, 0);
    assert.ok($('#view-json').hasAttribute('secondary') && !$('#view-text').hasAttribute('secondary'));
    await click('#view-json');
    assert.equal($('#output pre.output-text').textContent, JSON.stringify([{ generated_text: hostile }], null, 2));
    assert.ok(!$('#view-json').hasAttribute('secondary') && $('#view-text').hasAttribute('secondary'));
  });

  it('explains a failed request in words with its code, as text, and marks it in the history', async () => {
    await click('#invoke');
    const [request] = invokes();
    await fromHost({ type: 'error', requestId: request.requestId, kind: 'aws', message: hostile, code: 'ModelError' });
    assert.equal($('#error').hasAttribute('hidden'), false);
    assert.equal(text('#error strong'), 'Request failed');
    assert.ok(($('#error').textContent ?? '').includes(hostile));
    assert.equal(text('#error code.error-code'), 'ModelError');
    assert.deepEqual(tagsUnder('#error'), ['strong', 'span', 'code']);
    assert.deepEqual(tagsUnder('#output'), [], 'the waiting line goes');
    assert.match(text('#history li.history-error'), /aws · ModelError/);
    assert.ok(!disabled('#invoke'));

    await click('#history vscode-button');
    const [, again] = invokes();
    assert.equal(again.body, request.body, 'Re-run sends the same request');
    assert.ok($('#error').hasAttribute('hidden'), 'a new request clears the error');
    await fromHost({ type: 'error', requestId: again.requestId, kind: 'cancelled', message: 'Cancelled.' });
    assert.equal(text('#error strong'), 'Cancelled');
    assert.match(text('#history li.history-cancelled'), /cancelled/);
  });

  it('refuses a request with problems, in words, and keeps the parameter fields and the body in step', async () => {
    await type('#param-maxTokens', '0');
    assert.deepEqual([...$('#problems').querySelectorAll('li')].map((item) => item.textContent), ['Max new tokens must be between 1 and 4096.']);
    assert.ok($('#param-maxTokens').hasAttribute('invalid'));
    assert.equal(readParameter('tgi', ($('#body') as HTMLElement & { value: string }).value, 'maxTokens'), '64', 'a wrong value is not written to the body');
    assert.ok(disabled('#invoke') && disabled('#stream'));
    await click('#invoke');
    assert.deepEqual(invokes(), []);

    await type('#param-maxTokens', '12');
    assert.equal(JSON.parse(($('#body') as HTMLElement & { value: string }).value).parameters.max_new_tokens, 12);
    assert.equal($('#problems').children.length, 0);
    assert.ok(!$('#param-maxTokens').hasAttribute('invalid') && !disabled('#invoke'));

    await type('#body', JSON.stringify({ inputs: 'x', parameters: { max_new_tokens: 7 } }));
    assert.equal(($('#param-maxTokens') as HTMLElement & { value: string }).value, '7', 'the field follows the body');
    await type('#body', '{oops');
    assert.match(text('#problems'), /not valid JSON/);
    await type('#deadline', '5');
    assert.match(text('#problems'), /deadline/);
    await type('#deadline', '60');
    await type('#template', 'chat');
    assert.equal(($('#body') as HTMLElement & { value: string }).value, templates[1].body);
    assert.equal(($('#param-maxTokens') as HTMLElement & { value: string }).value, '64');
    await type('#template', 'raw');
    assert.equal($('#parameters').children.length, 0, 'raw JSON has no parameter fields');
    await click('#invoke');
    assert.equal(invokes()[0].deadlineSeconds, 60);
  });

  it('tells the host about Wake now and Refresh, and drops window messages that are not the host’s', async () => {
    const wake = $('#wake-now') as HTMLElement & { checked: boolean };
    wake.checked = true;
    wake.dispatchEvent(new dom.window.Event('change') as unknown as Event);
    await click('#refresh');
    assert.deepEqual(posted.slice(1), [{ type: 'setWakeNow', value: true }, { type: 'refresh' }]);
    await fromHost({ type: 'html', html: hostile });
    await fromHost({ type: 'status', status: { label: hostile, state: 'x' }, extra: 1 });
    await fromHost({ type: 'chunk', requestId: 'a', text: 1 });
    assert.equal(document().querySelectorAll('script, img').length, 0);
    assert.ok(text('#status').startsWith('<script>'), 'a status label is text too');
  });

  it('Copy as Code asks the host for the request as written, in the chosen language; not while the request has problems', async () => {
    await fromHost(init);
    const copies = () => posted.filter((message) => message.type === 'copyAsCode');
    assert.equal($('#copy-as-code').dataset.testid, 'copy-as-code');
    assert.deepEqual([...$('#copy-as-code-language').querySelectorAll('vscode-option')].map((option) => option.textContent), [
      'Python (boto3)',
      'Python (boto3), streaming',
      'TypeScript (AWS SDK v3)',
      'TypeScript (AWS SDK v3), streaming',
      'AWS CLI command',
    ]);
    await type('#deadline', '120');
    const wake = $('#wake-now') as HTMLElement & { checked: boolean };
    wake.checked = true;
    wake.dispatchEvent(new dom.window.Event('change') as unknown as Event);
    await click('#copy-as-code');
    assert.deepEqual(copies(), [
      { type: 'copyAsCode', language: 'python', mode: 'invoke', body: templates[0].body, contentType: 'application/json', accept: 'application/json', deadlineSeconds: 120, wakeNow: true },
    ]);
    const select = $('#copy-as-code-language') as HTMLElement & { value: string };
    select.value = 'typescript-stream';
    select.dispatchEvent(new dom.window.Event('change') as unknown as Event);
    await settle();
    await click('#copy-as-code');
    assert.deepEqual(copies().at(-1), { ...copies()[0], language: 'typescript', mode: 'stream' });
    assert.equal(invokes().length, 0, 'copying sends nothing to the endpoint');

    await type('#body', '{oops');
    assert.ok(disabled('#copy-as-code'));
    await click('#copy-as-code');
    assert.equal(copies().length, 2, 'no code for a request with problems');
  });

  it('comes back from its saved state after a reload; a request the host no longer has is marked interrupted', async () => {
    await type('#body', JSON.stringify({ inputs: 'kept', parameters: { max_new_tokens: 3 } }));
    await click('#stream');
    const state = saved;
    const [request] = invokes();
    assert.equal(state?.history?.[0].outcome, 'running');
    await open(state);
    assert.deepEqual(posted, [{ type: 'ready', pending: [request.requestId] }]);
    assert.equal(($('#body') as HTMLElement & { value: string }).value, JSON.stringify({ inputs: 'kept', parameters: { max_new_tokens: 3 } }));
    assert.equal(($('#param-maxTokens') as HTMLElement & { value: string }).value, '3');
    // The host (a new extension host, after a window reload) knows nothing of it.
    await fromHost({ type: 'requests', requests: [] });
    assert.match(text('#history li.history-cancelled'), /Stream Interrupted/);
    assert.match(text('#state-line'), /lost when the window reloaded/);
    assert.ok(!disabled('#invoke'));
  });

  it('rebuilt while a request runs (its tab was hidden), picks it up again: the timeline and text so far, then the answer', async () => {
    await fromHost(init);
    await click('#stream');
    const [request] = invokes();
    await fromHost({ type: 'started', requestId: request.requestId, mode: 'stream', at: 0 });
    await fromHost({ type: 'chunk', requestId: request.requestId, text: 'Hel' });
    // VS Code destroys the hidden tab's page and builds a new one from the saved state when it shows again.
    await open(saved);
    assert.deepEqual(posted, [{ type: 'ready', pending: [request.requestId] }]);
    assert.ok(disabled('#invoke') && disabled('#stream') && !disabled('#cancel'), 'running until the host says where it stands');
    assert.equal(text('#state-line'), 'Reconnecting to the running request…');
    assert.match(text('#history'), /Stream Running…/);

    await fromHost(init);
    await fromHost({ type: 'requests', requests: [{ requestId: request.requestId, mode: 'stream', streamed: 'Hello', timeline: holdingTimeline() }] });
    assert.equal($('#waking-card').hasAttribute('hidden'), false);
    assert.equal($('#timeline li[data-phase="instanceProvisioning"]').dataset.status, 'active');
    assert.equal(text('#state-line'), 'Held while the component wakes…');
    assert.equal($('#output pre.output-text').textContent, 'Hello');
    assert.ok(disabled('#invoke') && !disabled('#cancel'));
    await fromHost({ type: 'chunk', requestId: request.requestId, text: ' world' });
    assert.equal($('#output pre.output-text').textContent, 'Hello world');
    await click('#cancel');
    assert.deepEqual(posted.at(-1), { type: 'cancel', requestId: request.requestId }, 'Cancel reaches the request the page picked up');
    await fromHost({ type: 'result', requestId: request.requestId, body: 'Hello world', ttfbMs: 10, totalMs: 2000, heldMs: 300_000, streamed: true });
    assert.match(text('#history li.history-ok'), /Stream OK · 2\.0 s · held 5:00 min/);
    assert.ok(!disabled('#invoke'));
    assert.equal(saved?.history?.[0].outcome, 'ok');
  });

  it('shows the answer that came while the page was away, and cancels running requests it does not know', async () => {
    await click('#invoke');
    const [request] = invokes();
    await open(saved);
    await fromHost({
      type: 'requests',
      requests: [
        { requestId: 'orphan-1', mode: 'stream', streamed: 'x' },
        {
          requestId: request.requestId,
          mode: 'invoke',
          streamed: '',
          outcome: { type: 'result', requestId: request.requestId, body: JSON.stringify([{ generated_text: 'Came while away' }]), ttfbMs: 5, totalMs: 900, streamed: false },
        },
      ],
    });
    assert.equal($('#output pre.output-text').textContent, 'Came while away');
    assert.match(text('#history li.history-ok'), /Invoke OK · 900 ms/);
    assert.ok(!disabled('#invoke'));
    assert.ok(posted.some((message) => message.type === 'cancel' && message.requestId === 'orphan-1'), 'a request it cannot show is cancelled, freeing its slot');
  });

  it('says plainly when the answer was cut at the size limit', async () => {
    await click('#invoke');
    const [request] = invokes();
    await fromHost({ type: 'result', requestId: request.requestId, body: 'x'.repeat(100), ttfbMs: 5, totalMs: 9, streamed: false, truncatedAtBytes: 4 * 1024 * 1024 });
    assert.equal(text('#truncated'), 'The answer was too long to show whole: only its first 4 MB are here.');
    assert.match(text('#history li.history-ok'), /cut short/);
  });

  it('opens on garbage saved state without failing: malformed, mistyped, oversized and duplicate history entries are dropped', async () => {
    const good = { requestId: 'r-1', mode: 'invoke', at: 1_700_000_000_000, template: 'tgi', body: '{"inputs":"hi"}', contentType: 'application/json', accept: 'application/json', outcome: 'ok', summary: 'OK · 1 s' };
    const throwing = Object.defineProperty({ ...good, requestId: 'r-9' }, 'body', {
      enumerable: true,
      get() {
        throw new Error('hostile getter');
      },
    });
    const garbage = {
      inferenceComponentName: 'ic-1',
      endpointName: 'ep-1',
      deadlineSeconds: 1e308,
      history: [
        null,
        42,
        'r-0',
        [good],
        { ...good, requestId: 'r-2', body: 7 },
        { ...good, requestId: 'r-3', mode: 'exec' },
        { ...good, requestId: 'r-4', at: 'yesterday' },
        { ...good, requestId: 'r-5', template: '<script>' },
        { ...good, requestId: 'r-6', outcome: 'pwned' },
        { ...good, requestId: 'r-7', body: 'x'.repeat(2 * 1024 * 1024) },
        { ...good, requestId: '<img src=x onerror=alert(1)>' },
        { ...good, requestId: 'r-8', contentType: 'application/json\r\nX-Injected: 1' },
        throwing,
        good,
        { ...good, summary: 'duplicate' },
        { ...good, requestId: 'r-10', summary: 's'.repeat(10_000), extra: { deep: true } },
      ],
    };
    await open(garbage);
    const entries = [...$('#history').querySelectorAll('li')];
    assert.equal(entries.length, 2, text('#history'));
    assert.deepEqual(saved?.history?.map((entry) => entry.requestId), ['r-1', 'r-10']);
    assert.equal(saved?.history?.[1].summary.length, 200);
    assert.equal(Object.keys(saved!.history![1]).includes('extra'), false);
    assert.equal(($('#deadline') as HTMLElement & { value: string }).value, '900', 'an impossible deadline falls back to the default');
    for (const state of [{ ...garbage, history: 'not a list' }, { ...garbage, history: { length: 3 } }, 'garbage', 12, [garbage]]) {
      await open(state);
      assert.equal(text('#title'), 'ic-1');
    }
  });
  it('says plainly when the component is gone: Invoke, Stream, Wake now and Re-run off, Close offered; usable again when it is back', async () => {
    await fromHost(init);
    await fromHost({ type: 'status', status: { label: 'Warm', state: 'warm', currentCopies: 1, desiredCopies: 1 } });
    await click('#invoke');
    const [request] = invokes();
    await fromHost({ type: 'result', requestId: request.requestId, body: '[]', ttfbMs: 5, totalMs: 9, streamed: false });
    assert.equal(text('#status'), 'Warm · 1/1 copy');

    await fromHost({ type: 'componentGone', message: 'ic-1 no longer exists: it was deleted (or its endpoint was).' });
    assert.equal(text('#status'), 'Gone');
    assert.equal($('#status').dataset.state, 'gone');
    assert.match(text('#gone .banner-text'), /^ic-1 no longer exists: it was deleted \(or its endpoint was\)\. Invoke is off\.$/);
    assert.ok(disabled('#invoke') && disabled('#stream') && disabled('#wake-now') && disabled('#history vscode-button'));
    await click('#invoke');
    assert.equal(invokes().length, 1, 'nothing calls a component that is gone');
    await click('#close');
    assert.deepEqual(posted.at(-1), { type: 'close' });

    // Recreated under the same name: the host reads it again.
    await fromHost({ type: 'status', status: { label: 'Cold', state: 'cold', currentCopies: 0, desiredCopies: 0 } });
    assert.equal(document().querySelector('#gone'), null);
    assert.equal(text('#status'), 'Cold · 0/0 copies');
    assert.ok(!disabled('#invoke') && !disabled('#stream') && !disabled('#wake-now'));
  });

  it('a status that could not be read is a read problem, not a deletion: Invoke stays on', async () => {
    await fromHost(init);
    await fromHost({ type: 'statusUnreadable', message: 'Describe inference component ic-1 failed: the network is unreachable (ENETUNREACH)' });
    assert.equal(text('#status'), 'Status unknown');
    assert.match(text('#read-problem'), /Could not read the component's status: Describe inference component ic-1 failed: the network is unreachable/);
    assert.equal(document().querySelector('#gone'), null);
    assert.ok(!disabled('#invoke') && !disabled('#stream'));
  });

  it('a held request that ends because the component is gone says so', async () => {
    await fromHost(init);
    await click('#invoke');
    const [request] = invokes();
    await fromHost({ type: 'started', requestId: request.requestId, mode: 'invoke', at: 1000 });
    await fromHost({ type: 'timeline', requestId: request.requestId, timeline: holdingTimeline() });
    const message = 'ic-1 no longer exists: it was deleted (or its endpoint was).';
    await fromHost({ type: 'componentGone', message });
    await fromHost({ type: 'timeline', requestId: request.requestId, timeline: { ...holdingTimeline(), outcome: 'gone', endedAt: 120_000 } });
    await fromHost({ type: 'error', requestId: request.requestId, kind: 'gone', message });
    assert.equal(text('#error'), `Component gone ${message}`);
    assert.match(text('#timeline'), /Stopped after 2:00 min: the component is gone\./);
    assert.match(text('#history li.history-error'), /component gone/);
    assert.ok(disabled('#invoke'));
  });

  it("the history shows when the host started a request, on the account's clock and in the timeline's format", async () => {
    // The account's clock (the emulator's) is far from the page's own.
    const accountStart = new Date(2026, 11, 6, 23, 3, 7).getTime();
    await fromHost(init);
    await click('#stream');
    const [request] = invokes();
    await fromHost({ type: 'started', requestId: request.requestId, mode: 'stream', at: accountStart });
    const timeline = holdingTimeline();
    timeline.startedAt = accountStart;
    timeline.phases[0].at = accountStart;
    await fromHost({ type: 'timeline', requestId: request.requestId, timeline });
    assert.equal(text('#history .history-time'), '23:03:07');
    assert.match(text('#timeline li[data-phase="requestRejected"]'), /23:03:07/);
    assert.equal(saved?.history?.[0].at, accountStart);
  });

  it('while a request is held, the header follows its timeline, not a status read in between', async () => {
    await fromHost(init);
    await click('#invoke');
    const [request] = invokes();
    await fromHost({ type: 'started', requestId: request.requestId, mode: 'invoke', at: 0 });
    const timeline = holdingTimeline();
    timeline.phases = timeline.phases.map((phase, index) => (index === 0 ? phase : { id: phase.id, status: index === 1 ? 'active' : 'pending' }));
    await fromHost({ type: 'timeline', requestId: request.requestId, timeline });
    const alarm = $('#timeline li[data-phase="alarmInAlarm"]');
    assert.equal(alarm.dataset.state, 'waiting');
    assert.match(alarm.textContent ?? '', /waiting…/);
    // Before: "Waking · wake alarm in alarm", as if the alarm had fired.
    assert.equal(text('#status'), 'Waking · waiting for wake alarm in ALARM');
    await fromHost({ type: 'status', status: { label: 'Cold', state: 'cold', currentCopies: 0, desiredCopies: 0 } });
    assert.equal(text('#status'), 'Waking · waiting for wake alarm in ALARM', 'one source while held');
  });
});

describe('playground page: request templates, validation and streamed text', () => {
  it('extracts streamed text from TGI and OpenAI events without interpreting it', () => {
    const tgi = new StreamText();
    tgi.push(`data:${JSON.stringify({ token: { text: '<script>' } })}\n\n`);
    tgi.push(`data:${JSON.stringify({ token: { text: 'x' } })}\n\ndata:${JSON.stringify({ token: { text: '', special: true }, generated_text: '<script>x' })}\n\n`);
    assert.equal(tgi.text, '<script>x');
    const chat = new StreamText();
    chat.push(`data: ${JSON.stringify({ choices: [{ delta: { role: 'assistant', content: 'Hi' } }] })}\n\n`);
    chat.push(`data: ${JSON.stringify({ choices: [{ delta: { content: ' <b>' } }] })}\n\ndata: [DONE]\n\n`);
    assert.equal(chat.text, 'Hi <b>');
    const raw = new StreamText();
    raw.push('plain <i>');
    assert.equal(raw.text, 'plain <i>');
    assert.equal(generatedText(JSON.stringify([{ generated_text: hostile }])), hostile);
    assert.equal(generatedText(JSON.stringify({ choices: [{ message: { content: 'chat' } }] })), 'chat');
  });

  it('keeps parameter fields and the JSON body in step', () => {
    const body = JSON.stringify({ inputs: 'hi', parameters: { max_new_tokens: 64 } });
    assert.equal(readParameter('tgi', body, 'maxTokens'), '64');
    const edited = writeParameter('tgi', body, 'temperature', '0.2');
    assert.equal(readParameter('tgi', edited, 'temperature'), '0.2');
    const chat = writeParameter('chat', JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }), 'maxTokens', '12');
    assert.equal(JSON.parse(chat).max_tokens, 12);
  });

  it('refuses bad input before sending, in plain words', () => {
    assert.deepEqual(validateRequest('tgi', JSON.stringify({ inputs: 'hi', parameters: { max_new_tokens: 16 } }), 'application/json', 'application/json', '900'), []);
    assert.match(validateRequest('raw', '{oops', 'application/json', 'application/json', '900')[0], /not valid JSON/);
    assert.match(validateRequest('tgi', JSON.stringify({ inputs: '' }), 'application/json', 'application/json', '900')[0], /"inputs"/);
    assert.match(validateRequest('tgi', JSON.stringify({ inputs: 'x', parameters: { max_new_tokens: 0 } }), 'application/json', 'application/json', '900')[0], /between 1 and 4096/);
    assert.match(validateRequest('chat', JSON.stringify({ messages: [] }), 'application/json', 'application/json', '900')[0], /"messages"/);
    assert.match(validateRequest('raw', '{}', 'json', 'application/json', '900')[0], /Content type/);
    assert.match(validateRequest('raw', '{}', 'application/json', 'application/json', '5')[0], /deadline/);
  });
});

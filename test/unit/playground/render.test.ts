import * as assert from 'node:assert/strict';
import { type Timeline } from '../../../src/playground/protocol';
import { generatedText, StreamText, validateRequest, writeParameter, readParameter } from '../../../src/playground/page/format';
import { appendOutput, renderChart, renderDurations, renderOutput, renderTimeline, type RenderDocument, type RenderElement } from '../../../src/playground/page/render';
import { FakeElement, fakeDocument } from './domShim';

const hostile = '<script>alert("x")</script><img src=x onerror="alert(1)"><b>bold</b>';
const doc = fakeDocument as unknown as RenderDocument;
const asElement = (element: FakeElement) => element as unknown as RenderElement;

function tags(root: FakeElement): string[] {
  return [...root.descendants()].map((element) => element.tagName);
}

describe('playground page: model output is always text', () => {
  it('renders an answer containing <script> and <img onerror> as the same characters, creating no such elements', () => {
    const container = new FakeElement('div');
    renderOutput(doc, asElement(container), hostile);
    assert.deepEqual(tags(container), ['pre']);
    assert.equal(container.textContent, hostile);
    assert.ok(!tags(container).includes('script') && !tags(container).includes('img'));
  });

  it('appends streamed tokens as text', () => {
    const container = new FakeElement('div');
    appendOutput(doc, asElement(container), 'Hello ');
    appendOutput(doc, asElement(container), '<img src=x onerror=alert(1)>');
    assert.deepEqual(tags(container), ['pre']);
    assert.equal(container.textContent, 'Hello <img src=x onerror=alert(1)>');
  });

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

  it('shows timeline details, notes, durations and the chart as text', () => {
    const timeline: Timeline = {
      component: 'ic',
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
    const container = new FakeElement('div');
    renderTimeline(doc, asElement(container), timeline);
    assert.ok(!tags(container).includes('script') && !tags(container).includes('img'));
    assert.ok(container.textContent.includes(hostile));
    const items = [...container.descendants()].filter((element) => element.tagName === 'li');
    assert.equal(items.length, 8);
    assert.deepEqual(items.map((item) => item.attributes.get('data-status')), ['done', 'done', 'done', 'done', 'active', 'pending', 'pending', 'pending']);
    assert.match(items[4].textContent, /Instance provisioning.*\+50 s.*40 s/);
    assert.match(container.textContent, /Holding the request: 1:30 min elapsed/);

    const durations = new FakeElement('div');
    renderDurations(doc, asElement(durations), {
      count: 2,
      last: { at: 0, wakeNow: false, alarmMs: 50_000, instanceMs: 104_880, copyMs: 136_800, totalMs: 292_000 },
      median: { alarmMs: 55_000, instanceMs: 104_880, copyMs: 136_800, totalMs: 300_000 },
      reference: { alarmMs: 60_000, instanceMs: 104_880, copyMs: 136_800, totalMs: 301_680 },
    });
    assert.match(durations.textContent, /Last.*50 s.*1:45 min.*2:17 min.*4:52 min/);
    assert.match(durations.textContent, /Median of 2/);
    assert.match(durations.textContent, /AWS blog, Llama 3.1 8B.*1:00 min.*1:45 min.*2:17 min.*5:02 min/);

    const chart = new FakeElement('div');
    renderChart(doc, asElement(chart), {
      from: 0,
      to: 3_600_000,
      note: hostile,
      series: [
        { name: 'Copies', points: [[0, 1], [1_800_000, 0]] },
        { name: 'Instances', points: [[0, 1], [2_400_000, 0]] },
        { name: 'Invocations', points: [[60_000, 3]] },
      ],
    });
    assert.ok(tags(chart).includes('svg') && tags(chart).includes('path') && tags(chart).includes('rect'));
    assert.ok(!tags(chart).includes('script') && !tags(chart).includes('img'));
    assert.ok(chart.textContent.includes(hostile));
  });
});

describe('playground page: request templates and validation', () => {
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

import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { checkEndpoint } from '../../../src/readiness/readiness';
import { formatReadinessReport } from '../../../src/readiness/readinessReport';
import { endpoint, ic, pooledEndpoint, readyScaling, wakeAlarm } from '../../support/accountFixtures';

describe('formatReadinessReport', () => {
  const at = new Date('2026-11-29T12:00:00Z');

  it('reports a ready endpoint with a pass per check, one line each, and its cost', () => {
    const text = formatReadinessReport(checkEndpoint(pooledEndpoint(), [{ ic: ic(), scaling: readyScaling() }]), at, {
      now: '≈ $1.52/h for 1 × ml.g5.2xlarge',
      saved: 'Saved 12.0 instance-hours',
    });
    assert.match(text, /^# Will ep scale to zero\?\n\n✓ \*\*Ready\*\*/);
    // An event on the user's clock: 24-hour, in this computer's zone, with its date (a report is read later).
    assert.match(text, /_Checked 2026-11-(28|29|30) \d\d:\d\d:00\._/);
    assert.doesNotMatch(text, /✗|## To fix|## Warnings/);
    assert.match(text, /## Passing checks \(12\)\n\n- ✓ Managed instance scaling down to 0 instances \(Endpoint ep\): Enabled\\, 0–2 instances\\.\n/);
    assert.match(text, /\n- ✓ Wakes on a single request \(Inference component ic\): One refused request/);
    assert.match(text, /## Cost\n\n- Now: ≈ \\\$1\\\.52\\\/h for 1 × ml\\\.g5\\\.2xlarge\n- Saved 12\\\.0 instance\\-hours\n$/);
  });

  it('puts each failing check first, as a section that says what was found and then what to do, and escapes AWS text', () => {
    const trap = wakeAlarm({ name: 'a|b', comparisonOperator: 'GreaterThanThreshold', statistic: 'Sum', period: 60 });
    const text = formatReadinessReport(checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling({ alarms: [trap] }) }]), at);
    assert.match(text, /✗ \*\*Not ready\*\*/);
    assert.match(
      text,
      /## To fix \(2\)\n\n### ✗ Every inference component wakes on a request\n\n_Endpoint ep_\n\n\*\*Found:\*\* ic will not wake on a request\\: a\\\|b\\: It needs 2 or more/,
    );
    assert.match(
      text,
      /### ✗ Wakes on a single request\n\n_Inference component ic_\n\n\*\*Found:\*\* a\\\|b\\: It needs 2 or more refused requests within 60 s[^\n]*\n\n\*\*What to do:\*\* Use Maximum over 30 s\\, GreaterThanOrEqualToThreshold 1[^\n]*\[AWS docs\]\(https:\/\/docs\.aws\.amazon\.com\//,
    );
    assert.doesNotMatch(text, /## Cost/);
  });

  it('orders the sections: failures (the endpoint\'s, then the components\'), warnings, passing checks, cost; no table', () => {
    const trap = wakeAlarm({ comparisonOperator: 'GreaterThanThreshold', statistic: 'Sum', period: 60 });
    const schedules = readyScaling({
      alarms: [trap],
      target: { resourceId: 'inference-component/ic', minCapacity: 0, maxCapacity: 1 },
      schedules: [
        {
          name: 'too-many',
          group: 'default',
          expression: 'cron(0 7 ? * 2 *)',
          timezone: 'UTC',
          enabled: true,
          action: { kind: 'setCopyCount', inferenceComponentName: 'ic', copyCount: 3 },
        },
      ],
    });
    const text = formatReadinessReport(checkEndpoint(pooledEndpoint(), [{ ic: ic(), scaling: schedules }]), at, { now: 'n' });
    const headings = [...text.matchAll(/^#{2,3} .*$/gm)].map((match) => match[0]);
    assert.deepEqual(headings, [
      '## To fix (2)',
      '### ✗ Every inference component wakes on a request',
      '### ✗ Wakes on a single request',
      '## Warnings (1)',
      '### ⚠ Schedules agree with the scalable target',
      '## Passing checks (9)',
      '## Cost',
    ]);
    const rendered = markdownIt({ html: true, linkify: true }).render(text);
    assert.doesNotMatch(rendered, /<table/);
    // Every failing section says what to do right after what it found.
    const sections = text.split(/^### /m).slice(1);
    for (const section of sections) assert.match(section, /\*\*Found:\*\* [^\n]+\n\n\*\*What to do:\*\* \S/);
  });
});

/** The Markdown renderer VS Code's preview uses, with its options there: HTML allowed, URLs linked. */
interface MarkdownIt {
  render(source: string): string;
}
const markdownIt = createRequire(__filename)('markdown-it') as (options: { html: boolean; linkify: boolean }) => MarkdownIt;

describe('formatReadinessReport: names from the account render as text', () => {
  const at = new Date('2026-11-29T12:00:00Z');
  const image = '![x](https://evil.example/p.png)';
  const commandLink = '[click](command:workbench.action.terminal.new)';
  const html = '<img src="https://evil.example/a.png" onerror="x()">';
  const others = '*b* _i_ `c` ~~s~~ $x$ &amp; \\ https://evil.example/q www.evil.example <https://evil.example/r> a|b';

  it('an image, a command link, HTML, a URL or emphasis in a name is neither loaded, linked nor formatted', () => {
    const trap = wakeAlarm({ name: `${image} ${html}`, comparisonOperator: 'GreaterThanThreshold', dimensions: { InferenceComponentName: commandLink } });
    const readiness = checkEndpoint(endpoint({ name: image }), [{ ic: ic({ name: commandLink }), scaling: readyScaling({ alarms: [trap] }) }]);
    const source = formatReadinessReport(readiness, at, { now: others, saved: `${commandLink}\n# Heading\u2028| x |` });
    const rendered = markdownIt({ html: true, linkify: true }).render(source);

    assert.doesNotMatch(rendered, /<img/i, rendered);
    const links = [...rendered.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((match) => match[1]);
    assert.ok(links.length > 0, 'the report has its AWS docs links');
    for (const href of links) assert.match(href, /^https:\/\/docs\.aws\.amazon\.com\//, `a link to ${href} in ${rendered}`);
    assert.doesNotMatch(rendered, /<(em|strong|code|s|del)>(?!Ready|Not ready|Checked \d|Found:|What to do:|Endpoint |Inference component )/, 'a name was formatted');
    assert.doesNotMatch(rendered, /<h1>[^<]*<\/h1>[\s\S]*<h1>/, 'a name started a heading');

    // What the reader sees: the names as they are.
    const visible = rendered
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    for (const name of [image, commandLink, html, others, '# Heading']) assert.ok(visible.includes(name), `${name} is not shown as written in ${visible}`);
    assert.match(visible, /Will !\[x\]\(https:\/\/evil\.example\/p\.png\) scale to zero\?/);
  });

  it('account text stays in its paragraph: a line break, # or | in it starts no heading, list or table', () => {
    const trap = wakeAlarm({ name: 'a\r| x | y | z |\n# x\n- y\u2028b|c', comparisonOperator: 'GreaterThanThreshold' });
    const source = formatReadinessReport(checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling({ alarms: [trap] }) }]), at);
    const rendered = markdownIt({ html: true, linkify: true }).render(source);
    const paragraphs = [...rendered.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((match) => match[1]);
    assert.ok(
      paragraphs.some((paragraph) => paragraph.includes('a | x | y | z | # x - y b|c')),
      `the alarm name is not whole in one paragraph: ${JSON.stringify(paragraphs)}`,
    );
    assert.doesNotMatch(rendered, /<table|<h1>x|<li>y/);
  });
});

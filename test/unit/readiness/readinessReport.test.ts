import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { checkEndpoint } from '../../../src/readiness/readiness';
import { formatReadinessReport } from '../../../src/readiness/readinessReport';
import { endpoint, ic, readyScaling, wakeAlarm } from '../../support/accountFixtures';

describe('formatReadinessReport', () => {
  const at = new Date('2026-11-29T12:00:00Z');

  it('reports a ready endpoint with a pass per check and its cost', () => {
    const text = formatReadinessReport(checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling() }]), at, {
      now: '≈ $1.52/h for 1 × ml.g5.2xlarge',
      saved: 'Saved 12.0 instance-hours',
    });
    assert.match(text, /^# Will ep scale to zero\?\n\n✓ \*\*Ready\*\*/);
    // An event on the user's clock: 24-hour, in this computer's zone, with its date (a report is read later).
    assert.match(text, /_Checked 2026-11-(28|29|30) \d\d:\d\d:00\._/);
    assert.doesNotMatch(text, /✗ fail/);
    assert.match(text, /## Inference component ic\n/);
    assert.match(text, /## Cost\n\n- Now: ≈ \\\$1\\\.52\\\/h for 1 × ml\\\.g5\\\.2xlarge\n- Saved 12\\\.0 instance\\-hours\n$/);
  });

  it('marks failures with what to do, and escapes table separators in AWS text', () => {
    const trap = wakeAlarm({ name: 'a|b', comparisonOperator: 'GreaterThanThreshold', statistic: 'Sum', period: 60 });
    const text = formatReadinessReport(checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling({ alarms: [trap] }) }]), at);
    assert.match(text, /✗ \*\*Not ready\*\*/);
    assert.match(text, /\| ✗ fail \| Wakes on a single request \| a\\\|b\\: It needs 2 or more refused requests within 60 s/);
    assert.match(text, /Use Maximum over 30 s\\, GreaterThanOrEqualToThreshold 1/);
    assert.doesNotMatch(text, /## Cost/);
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
    assert.doesNotMatch(rendered, /<(em|strong|code|s|del)>(?!Ready|Not ready|Checked \d)/, 'a name was formatted');
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

  it('a table cell keeps account text in its cell: a line break or | does not end it', () => {
    const trap = wakeAlarm({ name: 'a\r| x | y | z |\n| x |\u2028b|c', comparisonOperator: 'GreaterThanThreshold' });
    const source = formatReadinessReport(checkEndpoint(endpoint(), [{ ic: ic(), scaling: readyScaling({ alarms: [trap] }) }]), at);
    const rendered = markdownIt({ html: true, linkify: true }).render(source);
    const cells = [...rendered.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((match) => match[1]);
    assert.ok(
      cells.some((cell) => cell.includes('a | x | y | z | | x | b|c')),
      `the alarm name is not whole in one cell: ${JSON.stringify(cells)}`,
    );
  });
});

import { docForCheck } from './awsDocs';
import { type EndpointReadiness, type ReadinessCheck } from './readiness';
import { formatEventTime } from '../timeDisplay/eventTime';

// Text symbols rather than emoji: they render in every font, a terminal and a screen reader's Braille alike.
const marks = { pass: '✓ pass', fail: '✗ fail', warn: '⚠ warn' } as const;

/**
 * Text from the account (names, alarm and policy names inside the checks' reasons, AWS messages) as
 * literal Markdown: every ASCII punctuation character backslash-escaped (CommonMark lets any be), so a
 * name like `![x](https://host/p.png)`, `[click](command:…)`, `<img src=…>`, `*`, `|` or `$` renders as
 * the characters it is, not as an image, a link, HTML, emphasis, a table cell or math; the escapes also
 * keep a URL in a name from being turned into a link. Line breaks and other control characters become
 * spaces, so the text stays in its table cell or line.
 */
export function markdownText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

function row(check: ReadinessCheck): string {
  const cell = markdownText;
  const fix = check.status === 'pass' ? '' : `${cell(check.fix ?? '')} [AWS docs](${docForCheck(check.id)})`;
  return `| ${marks[check.status]} | ${cell(check.title)} | ${cell(check.reason)} | ${fix} |`;
}

/** The readiness report as Markdown: one table for the endpoint, one per inference component, and the cost. */
export function formatReadinessReport(readiness: EndpointReadiness, generatedAt: Date, cost?: { now: string; saved?: string }): string {
  const verdict =
    readiness.verdict === 'ready'
      ? '✓ **Ready**: it scales to zero when idle and wakes on the next request.'
      : readiness.verdict === 'warnings'
        ? '⚠ **Ready, with warnings.**'
        : '✗ **Not ready**: it will not scale to zero, or will not wake again, until the failing checks are fixed.';
  const header = '| | Check | Result | What to do |\n|---|---|---|---|';
  const lines = [
    `# Will ${markdownText(readiness.endpointName)} scale to zero?`,
    '',
    verdict,
    '',
    `_Checked ${formatEventTime(generatedAt)}._`,
    '',
    '## Endpoint',
    '',
    header,
    ...readiness.checks.map(row),
  ];
  for (const component of readiness.components) {
    lines.push('', `## Inference component ${markdownText(component.inferenceComponentName)}`, '', header, ...component.checks.map(row));
  }
  if (cost) {
    lines.push('', '## Cost', '', `- Now: ${markdownText(cost.now)}`);
    if (cost.saved) lines.push(`- ${markdownText(cost.saved)}`);
  }
  return `${lines.join('\n')}\n`;
}

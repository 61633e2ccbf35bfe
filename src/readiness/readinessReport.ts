import { docForCheck } from './awsDocs';
import { type EndpointReadiness, type ReadinessCheck } from './readiness';

// Text symbols rather than emoji: they render in every font, a terminal and a screen reader's Braille alike.
const marks = { pass: '✓ pass', fail: '✗ fail', warn: '⚠ warn' } as const;

function row(check: ReadinessCheck): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
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
    `# Will ${readiness.endpointName} scale to zero?`,
    '',
    verdict,
    '',
    `_Checked ${generatedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}._`,
    '',
    '## Endpoint',
    '',
    header,
    ...readiness.checks.map(row),
  ];
  for (const component of readiness.components) {
    lines.push('', `## Inference component ${component.inferenceComponentName}`, '', header, ...component.checks.map(row));
  }
  if (cost) {
    lines.push('', '## Cost', '', `- Now: ${cost.now}`);
    if (cost.saved) lines.push(`- ${cost.saved}`);
  }
  return `${lines.join('\n')}\n`;
}

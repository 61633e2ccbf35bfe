import { docForCheck } from './awsDocs';
import { type EndpointReadiness, type ReadinessCheck } from './readiness';
import { formatEventTime } from '../timeDisplay/eventTime';

// Text symbols rather than emoji: they render in every font, a terminal and a screen reader's Braille alike.
const marks = { pass: '✓', fail: '✗', warn: '⚠' } as const;

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

/** A check with where it applies: the endpoint, or one of its inference components. */
export interface PlacedCheck {
  check: ReadinessCheck;
  where: string;
}

const order: Record<ReadinessCheck['status'], number> = { fail: 0, warn: 1, pass: 2 };

/**
 * One section per check that needs something done: its mark and title, where it applies, what was
 * found, then what to do. Paragraphs, not table cells, so that the text wraps at any editor width.
 */
function section({ check, where }: PlacedCheck): string[] {
  const heading = `### ${marks[check.status]} ${markdownText(check.title)}`;
  return [
    heading,
    '',
    `_${markdownText(where)}_`,
    '',
    `**Found:** ${markdownText(check.reason)}`,
    '',
    `**What to do:** ${markdownText(check.fix ?? '')} [AWS docs](${docForCheck(check.id)})`,
    '',
  ];
}

/** A passing check on one line: its title and what was found. */
const passLine = ({ check, where }: PlacedCheck): string => `- ${marks.pass} ${markdownText(check.title)} (${markdownText(where)}): ${markdownText(check.reason)}`;

/** The verdict in the report's words (Markdown): "✓ **Ready**: it scales to zero when idle and wakes on the next request." */
export function verdictText(verdict: EndpointReadiness['verdict']): string {
  return verdict === 'ready'
    ? '✓ **Ready**: it scales to zero when idle and wakes on the next request.'
    : verdict === 'warnings'
      ? '⚠ **Ready, with warnings.**'
      : '✗ **Not ready**: it will not scale to zero, or will not wake again, until the failing checks are fixed.';
}

/** Every check with where it applies ("Endpoint x", "Inference component y"): failures, then warnings, then passes, each in the order made. */
export function placedChecks(readiness: EndpointReadiness): PlacedCheck[] {
  const placed: PlacedCheck[] = [
    ...readiness.checks.map((check) => ({ check, where: `Endpoint ${readiness.endpointName}` })),
    ...readiness.components.flatMap((component) =>
      component.checks.map((check) => ({ check, where: `Inference component ${component.inferenceComponentName}` })),
    ),
  ];
  // A stable sort: failures, then warnings, then passes, each in the order the checks were made.
  return placed.map((entry, index) => ({ entry, index })).sort((a, b) => order[a.entry.check.status] - order[b.entry.check.status] || a.index - b.index).map(({ entry }) => entry);
}

/**
 * The readiness report as Markdown: the verdict, then the failing checks with their fixes (the
 * endpoint's first, then each inference component's), then the warnings, then the passing checks, one
 * line each, and the cost.
 */
export function formatReadinessReport(readiness: EndpointReadiness, generatedAt: Date, cost?: { now: string; saved?: string }): string {
  const verdict = verdictText(readiness.verdict);
  const sorted = placedChecks(readiness);
  const failing = sorted.filter((entry) => entry.check.status === 'fail');
  const warnings = sorted.filter((entry) => entry.check.status === 'warn');
  const passing = sorted.filter((entry) => entry.check.status === 'pass');
  const lines = [`# Will ${markdownText(readiness.endpointName)} scale to zero?`, '', verdict, '', `_Checked ${formatEventTime(generatedAt)}._`, ''];
  if (failing.length > 0) lines.push(`## To fix (${failing.length})`, '', ...failing.flatMap(section));
  if (warnings.length > 0) lines.push(`## Warnings (${warnings.length})`, '', ...warnings.flatMap(section));
  if (passing.length > 0) lines.push(`## Passing checks (${passing.length})`, '', ...passing.map(passLine), '');
  if (cost) {
    lines.push('## Cost', '', `- Now: ${markdownText(cost.now)}`);
    if (cost.saved) lines.push(`- ${markdownText(cost.saved)}`);
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

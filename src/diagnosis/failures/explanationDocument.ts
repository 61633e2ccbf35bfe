import { type FailureExplanation } from './failureExplanation';

/** Text inside Markdown: characters that would start formatting are escaped. */
function text(value: string): string {
  return value.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/**
 * The explanation as a Markdown document (the `Why:` row opens it): what happened in plain words,
 * the next steps, the policy to add, the container's lines, and AWS's message unchanged under
 * "Raw message".
 */
export function explanationDocument(resource: { kind: 'endpoint' | 'inferenceComponent'; name: string }, explanation: FailureExplanation, when?: string): string {
  const lines = [
    `# Why ${resource.kind === 'endpoint' ? 'endpoint' : 'inference component'} ${text(resource.name)} failed: ${text(explanation.title)}`,
    '',
    text(explanation.summary),
    '',
    '## Next steps',
    '',
    ...explanation.nextSteps.map((step, index) => `${index + 1}. ${text(step)}`),
    '',
  ];
  if (explanation.policy) lines.push('## Policy to add to the execution role', '', '```json', explanation.policy, '```', '');
  if (explanation.evidence.length > 0) lines.push('## From the container’s logs', '', '```text', ...explanation.evidence, '```', '');
  lines.push(
    '## Raw message',
    '',
    `From ${text(explanation.rawSource)}${when ? `, ${text(when)}` : ''}:`,
    '',
    '```text',
    explanation.raw,
    '```',
    '',
  );
  return lines.join('\n');
}

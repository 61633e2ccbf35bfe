import { type EndpointReadiness } from '../../readiness/readiness';
import { placedChecks, type PlacedCheck, verdictText } from '../../readiness/readinessReport';
import { type ReadTool, type ToolAccount } from '../agentTool';
import { AgentToolError } from '../toolRunner';
import { parseInput, parseObject, requiredSageMakerName } from '../toolInput';
import { agentText, answerHeading, literal, refreshedInventory, requireEndpoint } from './accountRows';

export interface GetReadinessInput {
  endpointName: string;
}

/** "Inference component `x`": where a check applies, its name as a literal. */
function placeWords(where: string): string {
  const match = /^(Endpoint|Inference component) (.*)$/s.exec(where);
  return match ? `${match[1]} ${literal(match[2])}` : agentText(where);
}

/** A check that needs something done: its title, where, what was found and what to do (the readiness report's words). */
function checkLines({ check, where }: PlacedCheck): string[] {
  return [
    `- **${check.title}** (${placeWords(where)})`,
    `  - Found: ${agentText(check.reason)}`,
    ...(check.fix ? [`  - What to do: ${agentText(check.fix)}`] : []),
  ];
}

/**
 * The readiness report, compact for an agent: the verdict, every failing check and warning with where
 * it applies, what was found and what to do, and how many checks pass (their titles on one line).
 */
export function formatReadinessAnswer(readiness: EndpointReadiness, label: string): string {
  const sorted = placedChecks(readiness);
  const failing = sorted.filter((entry) => entry.check.status === 'fail');
  const warnings = sorted.filter((entry) => entry.check.status === 'warn');
  const passing = sorted.filter((entry) => entry.check.status === 'pass');
  const lines = [answerHeading(`Will ${literal(readiness.endpointName)} scale to zero?`, { label }), '', verdictText(readiness.verdict), ''];
  if (failing.length > 0) lines.push(`To fix (${failing.length}):`, ...failing.flatMap(checkLines), '');
  if (warnings.length > 0) lines.push(`Warnings (${warnings.length}):`, ...warnings.flatMap(checkLines), '');
  const passed = [...new Set(passing.map((entry) => entry.check.title))];
  lines.push(passing.length > 0 ? `Passing checks: ${passing.length} (${passed.join('; ')}).` : 'Passing checks: none.');
  return lines.join('\n');
}

export const getReadiness: ReadTool<GetReadinessInput> = {
  kind: 'read',
  name: 'sagemakerScaleToZero_getReadiness',
  parseInput: (raw) =>
    parseInput(() => {
      const record = parseObject(raw, ['endpointName']);
      return { endpointName: requiredSageMakerName(record, 'endpointName', 'endpoint') };
    }),
  invocationMessage: (input) => `Reading the readiness of ${input.endpointName}…`,
  async answer(input: GetReadinessInput, account: ToolAccount): Promise<string> {
    await refreshedInventory(account, () => [input.endpointName]);
    const { entry } = requireEndpoint(account, input.endpointName);
    const readiness = account.inventory.readiness(input.endpointName, account.priceOverrides);
    if (!readiness) {
      throw new AgentToolError(`The endpoint ${input.endpointName} could not be read${entry.error ? ` (${entry.error})` : ''}: its readiness is unknown. Try again in a moment.`);
    }
    return formatReadinessAnswer(readiness, account.label);
  },
};

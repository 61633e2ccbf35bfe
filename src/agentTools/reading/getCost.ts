import { type EndpointCost, endpointCost } from '../../explorer/inventory/endpointCost';
import { plural } from '../../l10n/plural';
import { formatHourlyUsd, formatUsd, roundToCents } from '../../money/dollars';
import { type ReadTool, type ToolAccount } from '../agentTool';
import { optionalInteger, optionalSageMakerName, parseInput, parseObject } from '../toolInput';
import { agentText, answerHeading, literal, moreLine, refreshedInventory, requireEndpoint } from './accountRows';

export interface GetCostInput {
  endpointName?: string;
  days: number;
}

export const defaultCostDays = 7;
/** Endpoints whose cost is read at most when none is named (each costs one DescribeScalingActivities per component). */
export const maxEndpointsCosted = 50;

/** One endpoint's cost, as the answer lists it. */
export interface CostRow {
  endpointName: string;
  cost: EndpointCost;
}

/** The total line over every endpoint: the known hourly costs and savings added up, and which had none known. */
export function totalLine(rows: readonly CostRow[], days: number): string {
  const hourly = rows.filter((row) => row.cost.burn.hourlyUsd !== undefined);
  const unpriced = rows.length - hourly.length;
  const now = roundToCents(hourly.reduce((sum, row) => sum + row.cost.burn.hourlyUsd!, 0));
  const saved = rows.filter((row) => row.cost.savings?.savedUsd !== undefined);
  const savedUsd = roundToCents(saved.reduce((sum, row) => sum + row.cost.savings!.savedUsd!, 0));
  const hours = rows.reduce((sum, row) => sum + (row.cost.savings?.savedInstanceHours ?? 0), 0);
  const instances = rows.reduce((sum, row) => sum + row.cost.burn.runningInstances, 0);
  const unpricedNote = unpriced > 0 ? ` (not counted: ${plural(unpriced, { one: '{count} endpoint', other: '{count} endpoints' })} with no known price)` : '';
  return (
    `**Total**: ≈ ${formatHourlyUsd(now)} now for ${plural(instances, { one: '{count} running instance', other: '{count} running instances' })}${unpricedNote}; ` +
    `saved ${hours.toFixed(1)} instance-hours (≈ ${formatUsd(savedUsd)}) over the last ${plural(days, { one: '{count} day', other: '{count} days' })} against always-on.`
  );
}

/** The answer: each endpoint's cost now and its saving over `days`, and a total line when several are listed. */
export function formatCostAnswer(rows: readonly CostRow[], options: { label: string; days: number; total: boolean; hidden?: number }): string {
  const lines = [answerHeading(`Cost over the last ${plural(options.days, { one: '{count} day', other: '{count} days' })}`, options), ''];
  if (rows.length === 0) return `${lines.join('\n')}No endpoints in this account and region: nothing bills.`;
  for (const row of rows) {
    // The product's own sentences; a failure's (AWS's words, names) is escaped.
    lines.push(`- ${literal(row.endpointName)}`, `  - Now: ${row.cost.burn.description ? row.cost.now : agentText(row.cost.now)}`);
    const saved = row.cost.saved === undefined ? 'Saved: nothing to estimate (no inference components).' : row.cost.savings ? row.cost.saved : agentText(row.cost.saved);
    lines.push(`  - ${saved}`);
  }
  lines.push(...moreLine(options.hidden ?? 0, 'name one endpoint with endpointName'));
  if (options.total) lines.push('', totalLine(rows, options.days));
  lines.push('', 'Prices are on-demand estimates (the user\'s price settings, else the built-in table), not the AWS bill.');
  return lines.join('\n');
}

export const getCost: ReadTool<GetCostInput> = {
  kind: 'read',
  name: 'sagemakerScaleToZero_getCost',
  parseInput: (raw) =>
    parseInput(() => {
      const record = parseObject(raw, ['endpointName', 'days']);
      return { endpointName: optionalSageMakerName(record, 'endpointName', 'endpoint'), days: optionalInteger(record, 'days', 1, 30) ?? defaultCostDays };
    }),
  invocationMessage: (input) => (input.endpointName ? `Reading the cost of ${input.endpointName}…` : 'Reading the cost of the endpoints…'),
  async answer(input: GetCostInput, account: ToolAccount): Promise<string> {
    const inventory = await refreshedInventory(account, (listed) =>
      input.endpointName ? [input.endpointName] : listed.endpoints().slice(0, maxEndpointsCosted).map((entry) => entry.summary.name),
    );
    const names = input.endpointName ? [requireEndpoint(account, input.endpointName).entry.summary.name] : inventory.endpoints().map((entry) => entry.summary.name);
    const shown = names.slice(0, maxEndpointsCosted);
    const to = account.now();
    const rows: CostRow[] = [];
    for (const name of shown) {
      const snapshot = inventory.endpoint(name)?.snapshot;
      if (!snapshot) {
        const error = inventory.endpoint(name)?.error;
        rows.push({ endpointName: name, cost: { now: `not known: the endpoint could not be read${error ? ` (${error})` : ''}`, burn: { runningInstances: 0, description: '' } } });
        continue;
      }
      rows.push({ endpointName: name, cost: await endpointCost(account.clients, snapshot, inventory.componentsOf(name), { to, overrides: account.priceOverrides, days: input.days, region: account.region }) });
    }
    return formatCostAnswer(rows, { label: account.label, days: input.days, total: !input.endpointName, hidden: names.length - shown.length });
  },
};

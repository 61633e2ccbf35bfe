/** What Show Logs can open, read from the explorer's inventory: for a row's argument, or for the palette's pick. */
import { type Choice } from '../../prompts/userInput';
import { accountIdOfArn, type LogGroupSource, logGroupsOf, type LogsTarget } from './logGroups';

/** The part of the explorer's inventory the logs view reads (declared here: the logic depends on no UI module). */
export interface LogsInventory {
  endpoints(): { summary: { name: string; arn: string; status: string } }[];
  endpoint(name: string): { summary: { name: string; arn: string; status: string } } | undefined;
  component(name: string): { summary: { name: string; arn: string; endpointName: string; status: string }; snapshot?: { baseComponentName?: string } } | undefined;
  componentsOf(endpointName: string): { summary: { name: string; status: string }; snapshot?: { baseComponentName?: string } }[];
}

/** A tree row's argument (an endpoint or an inference component row), or undefined for anything else. */
export function targetOfArgument(value: unknown): LogsTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const item = value as Record<string, unknown>;
  if (typeof item.name !== 'string' || item.name === '') return undefined;
  if (item.kind === 'endpoint') return { kind: 'endpoint', name: item.name };
  if ((item.kind === 'inferenceComponent' || item.kind === undefined) && typeof item.endpointName === 'string') {
    return { kind: 'inferenceComponent', name: item.name, endpointName: item.endpointName };
  }
  return undefined;
}

/** The palette's pick: each endpoint, then its components (adapters named as such). */
export function logsTargetChoices(inventory: LogsInventory): Choice<LogsTarget>[] {
  return inventory.endpoints().flatMap((endpoint) => [
    { label: endpoint.summary.name, description: `endpoint · ${endpoint.summary.status}`, value: { kind: 'endpoint' as const, name: endpoint.summary.name } },
    ...inventory.componentsOf(endpoint.summary.name).map((component) => ({
      label: `$(symbol-class) ${component.summary.name}`,
      description: `${component.snapshot?.baseComponentName ? `adapter of ${component.snapshot.baseComponentName}` : 'inference component'} on ${endpoint.summary.name} · ${component.summary.status}`,
      value: { kind: 'inferenceComponent' as const, name: component.summary.name, endpointName: endpoint.summary.name },
    })),
  ]);
}

/** The groups a target reads now (an endpoint's components as the inventory has them). */
export function currentLogGroups(target: LogsTarget, inventory: LogsInventory | undefined): LogGroupSource[] {
  if (target.kind === 'endpoint') return logGroupsOf(target, { componentNames: inventory?.componentsOf(target.name).map((component) => component.summary.name) ?? [] });
  return logGroupsOf(target, { baseComponentName: inventory?.component(target.name)?.snapshot?.baseComponentName });
}

/** The account id, from the endpoint's (or component's) ARN. */
export function accountOf(target: LogsTarget, inventory: LogsInventory | undefined): string | undefined {
  const arn = target.kind === 'endpoint' ? inventory?.endpoint(target.name)?.summary.arn : inventory?.component(target.name)?.summary.arn;
  return accountIdOfArn(arn);
}

/** True while the resource is being created (a missing log group is then the common case). */
export function isCreating(target: LogsTarget, inventory: LogsInventory | undefined): boolean {
  const status = target.kind === 'endpoint' ? inventory?.endpoint(target.name)?.summary.status : inventory?.component(target.name)?.summary.status;
  return status === 'Creating';
}

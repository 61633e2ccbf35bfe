import { type ActiveConnection, type ConnectionManager } from '../../connection/ui/connectionManager';
import { type Logger } from '../../logging/logger';
import { type PriceOverrides } from '../../cost/pricing';
import { type UserInput } from '../../prompts/userInput';
import { guardCommand } from '../../workbench/commandGuard';
import { type RegionRow } from './regionRows';
import { type RegionsTreeProvider } from './regionsTreeProvider';

/** An endpoint as the explorer's commands take it (what its tree passes them). */
export interface EndpointArgument {
  kind: 'endpoint';
  id: string;
  name: string;
}

/** An inference component as the explorer's commands and the wizards take it. */
export interface ComponentArgument {
  kind: 'inferenceComponent';
  id: string;
  name: string;
  endpointName: string;
}

/**
 * The flows the endpoint rows' actions reuse, never a second code path: in the extension, the
 * registered commands (Enable Scale to Zero…, Set Copy Count…, Delete Endpoint…); in the tests, the
 * same command factories with a scripted user.
 */
export interface ExistingFlows {
  enableScaleToZero(component: ComponentArgument): Promise<unknown>;
  setCopyCount(component: ComponentArgument, count: number): Promise<number | undefined>;
  deleteEndpoint(endpoint: EndpointArgument): Promise<unknown>;
  /** Connect to AWS with this profile (undefined: environment credentials) in this region: the connection command. */
  connectAws(profile: string | undefined, region: string): Promise<ActiveConnection | undefined>;
}

/** What every All Regions command factory takes. */
export interface RegionCommandContext {
  ui: UserInput;
  connections: ConnectionManager;
  view: RegionsTreeProvider;
  logger: Logger;
  /** On AWS: which profiles to scan (every profile, the connected one preselected); undefined when dismissed. */
  pickProfiles(current: { profile?: string }): Promise<{ profile: string | undefined }[] | undefined>;
  flows: ExistingFlows;
  /** Settings (sagemakerScaleToZero.regions.*): read at each scan. */
  settings(): { idleDays: number; concurrency: number; priceOverrides: PriceOverrides };
}

/** Runs a command body in the shared guard, naming the row's region or endpoint in any failure. */
export function guardRegionCommand<A extends unknown[], R>(context: Pick<RegionCommandContext, 'connections' | 'logger'>, action: string, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return guardCommand({ logger: context.logger, region: () => context.connections.current?.connection.region }, action, body, (...args: A) => {
    const row = args[0] as RegionRow | undefined;
    if (!row || typeof row !== 'object') return undefined;
    if (row.endpointName) return `endpoint ${row.endpointName} in ${row.region ?? '?'}`;
    return row.region ? `region ${row.region}` : undefined;
  });
}

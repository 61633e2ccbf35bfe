import { type ActiveConnection, type ConnectionManager } from '../../connection/ui/connectionManager';
import { type Logger } from '../../logging/logger';
import { guardCommand } from '../../workbench/commandGuard';
import { type UserInput } from '../../prompts/userInput';
import { type ReadOnlyDocuments } from '../../workbench/readOnlyDocuments';
import { type EndpointsTreeProvider } from './endpointsTreeProvider';
import { type ExplorerNode } from './treeNodes';
import { type TouchedResources } from '../../resources/touchedResources';

/**
 * What every explorer command factory takes: the questions (VS Code's in the extension, a script in
 * the tests), the connection in use, the view, its documents and the log.
 */
export interface ExplorerCommandContext {
  ui: UserInput;
  connections: ConnectionManager;
  explorer: EndpointsTreeProvider;
  documents: ReadOnlyDocuments;
  logger: Logger;
  /** Called after an action that starts a transition, so the view polls fast at once. */
  onTransitionStarted: () => void;
  /** Called as an action goes (each step of a delete): the view re-reads these rows at once, coalescing a burst. */
  onResourcesChanged?: (touched: TouchedResources) => void;
}

/** A tree row a command acts on: an endpoint or an inference component. */
export type NamedNode = Extract<ExplorerNode, { kind: 'endpoint' | 'inferenceComponent' }>;

export function requireConnection(connections: ConnectionManager): ActiveConnection {
  const active = connections.current;
  if (!active) throw new Error('Not connected: connect to AWS or start the local emulator first.');
  return active;
}

/** Runs an explorer command body in the shared guard, naming the tree row's resource in any failure. */
export function guardExplorerCommand<A extends unknown[], R>(
  context: Pick<ExplorerCommandContext, 'connections' | 'logger'>,
  action: string,
  body: (...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return guardCommand({ logger: context.logger, region: () => context.connections.current?.connection.region }, action, body, (...args: A) => {
    const first = args[0] as NamedNode | undefined;
    return first && typeof first === 'object' && 'name' in first ? `${first.kind === 'endpoint' ? 'endpoint' : 'inference component'} ${first.name}` : undefined;
  });
}

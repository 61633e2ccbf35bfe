import { type ExplorerCommandContext, guardExplorerCommand } from './explorerCommandContext';

/** The view's Refresh button: re-read the account and repaint. */
export function refreshCommand(context: ExplorerCommandContext): () => Promise<void> {
  return guardExplorerCommand(context, 'Refresh the Endpoints view', async () => {
    context.logger.debug('Refreshing the Endpoints view.');
    context.explorer.refresh();
  });
}

/** A row's Refresh: the same re-read, started from a row. */
export function refreshItemCommand(context: ExplorerCommandContext): () => Promise<void> {
  return guardExplorerCommand(context, 'Refresh', async () => context.explorer.refresh());
}

export interface AllPagesOptions<Item = unknown> {
  /** What is listed, for the warning (e.g. "DescribeAlarms"). */
  what?: string;
  /** Told when the service hands back a page token it already gave: the pages then stop there. */
  warn?: (message: string) => void;
  /** Stops after the page whose items make this true (e.g. newest-first activities older than wanted). */
  stopAfter?: (items: readonly Item[]) => boolean;
}

/**
 * Every item of every page an SDK paginator yields, in order. The paginators (`paginateListEndpoints`,
 * `paginateDescribeAlarms`…, exported by ./sdk.ts) follow NextToken themselves; `items` says which
 * items a page holds. A service that returns a NextToken it already returned would make the paginator
 * loop forever (it only stops on a missing token): the pages stop at the repeated token, with a warning.
 */
export async function allPages<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => readonly Item[] | undefined,
  options: AllPagesOptions<Item> = {},
): Promise<Item[]> {
  const results: Item[] = [];
  const tokens = new Set<string>();
  for await (const page of pages) {
    const pageItems = items(page) ?? [];
    results.push(...pageItems);
    if (options.stopAfter?.(pageItems)) break;
    const token = nextTokenOf(page);
    if (token === undefined) continue;
    if (tokens.has(token)) {
      options.warn?.(
        `${options.what ?? 'A paginated list'} returned a page token it had already returned after ${tokens.size + 1} pages: stopped reading further pages instead of asking for the same ones again (the list may be incomplete).`,
      );
      break;
    }
    tokens.add(token);
  }
  return results;
}

function nextTokenOf(page: unknown): string | undefined {
  if (page === null || typeof page !== 'object') return undefined;
  const { NextToken, nextToken } = page as { NextToken?: unknown; nextToken?: unknown };
  const token = NextToken ?? nextToken;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * A paginator's `withCommand` hook that calls `count` just before each page's request is sent: how
 * the account reader and the probes count paginated calls.
 */
export function countingEachPage(count: () => void): <C>(command: C) => C {
  return (command) => {
    count();
    return command;
  };
}

/**
 * Every item of every page an SDK paginator yields, in order. The paginators (`paginateListEndpoints`,
 * `paginateDescribeAlarms`…, exported by ./sdk.ts) follow NextToken themselves; `items` says which
 * items a page holds.
 */
export async function allPages<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
  const results: Item[] = [];
  for await (const page of pages) results.push(...(items(page) ?? []));
  return results;
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

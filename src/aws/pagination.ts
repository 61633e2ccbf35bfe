/**
 * Follows an AWS list operation's NextToken to the end and returns every item: `page` makes one call
 * with the token it is given and says which items that page holds and the next token, if any.
 */
export async function allPages<Page extends { NextToken?: string }, Item>(
  page: (token: string | undefined) => Promise<Page>,
  items: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
  const results: Item[] = [];
  let token: string | undefined;
  do {
    const current = await page(token);
    results.push(...(items(current) ?? []));
    token = current.NextToken;
  } while (token);
  return results;
}

import * as assert from 'node:assert/strict';
import { AccountReader } from '../../../src/aws/accountReader';
import { createClients } from '../../../src/aws/clients';
import { allPages } from '../../../src/aws/pagination';
import { startEmulator } from '@s2z/emulator';

describe('allPages', () => {
  it('follows NextToken to the end, passing each token back, and keeps the order', async () => {
    const tokens: (string | undefined)[] = [];
    const pages: Record<string, { items: number[]; NextToken?: string }> = {
      first: { items: [1, 2], NextToken: 'a' },
      a: { items: [3], NextToken: 'b' },
      b: { items: [] },
    };
    const items = await allPages(
      async (token) => {
        tokens.push(token);
        return pages[token ?? 'first'];
      },
      (page) => page.items,
    );
    assert.deepEqual(items, [1, 2, 3]);
    assert.deepEqual(tokens, [undefined, 'a', 'b']);
  });

  it('reads every endpoint of an account bigger than one page, through the real SDK client', async () => {
    const emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    const clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    try {
      const seeded = await fetch(`${emulator.url}/__emulator/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ endpoints: 230, inferenceComponents: 230 }),
      });
      assert.equal(seeded.status, 200, await seeded.text());
      const reader = await AccountReader.create(clients);
      const endpoints = await reader.listEndpoints();
      assert.equal(endpoints.length, 230);
      assert.equal(new Set(endpoints.map((endpoint) => endpoint.name)).size, 230, 'no page read twice');
      assert.equal(reader.calls.get('ListEndpoints'), 3, 'three pages of at most 100');
    } finally {
      clients.destroy();
      await emulator.close();
    }
  });
});

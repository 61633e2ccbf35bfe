import * as assert from 'node:assert/strict';
import { AccountReader } from '../../../src/aws/accountReader';
import { createClients, loadSdk, type AwsClients } from '../../../src/aws/clients';
import { allPages } from '../../../src/aws/pagination';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';

describe('allPages', () => {
  // An account of 230 endpoints and inference components: three pages of at most 100.
  let emulator: RunningEmulator;
  let clients: AwsClients;
  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
    const seeded = await fetch(`${emulator.url}/__emulator/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoints: 230, inferenceComponents: 230 }),
    });
    assert.equal(seeded.status, 200, await seeded.text());
  });
  afterEach(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('follows NextToken to the end, passing each token back, and keeps the order (the SDK paginator, over HTTP)', async () => {
    // What each ListEndpoints request sent as NextToken, and what its answer returned.
    const sent: (string | undefined)[] = [];
    const received: (string | undefined)[] = [];
    clients.sageMaker.middlewareStack.add(
      (next) => async (args) => {
        sent.push((args.input as { NextToken?: string }).NextToken);
        const result = await next(args);
        received.push((result.output as { NextToken?: string }).NextToken);
        return result;
      },
      { step: 'initialize', name: 'recordNextTokens' },
    );
    const sdk = await loadSdk();
    const names = await allPages(
      sdk.paginateListEndpoints({ client: clients.sageMaker }, { MaxResults: 100, SortBy: 'Name', SortOrder: 'Ascending' }),
      (page) => page.Endpoints?.map((endpoint) => endpoint.EndpointName ?? ''),
    );
    assert.equal(received.length, 3, 'three pages of at most 100');
    assert.ok(received[0] && received[1], 'the first two pages have a next token');
    assert.equal(received[2], undefined, 'the last page has none');
    assert.deepEqual(sent, [undefined, received[0], received[1]], 'each token is passed back once, in order');
    assert.equal(names.length, 230);
    assert.equal(new Set(names).size, 230, 'no page read twice');
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'in the order the pages hold them');
  });

  it('reads every endpoint of an account bigger than one page, through the real SDK client', async () => {
    const reader = await AccountReader.create(clients);
    const endpoints = await reader.listEndpoints();
    assert.equal(endpoints.length, 230);
    assert.equal(new Set(endpoints.map((endpoint) => endpoint.name)).size, 230, 'no page read twice');
    assert.equal(reader.calls.get('ListEndpoints'), 3, 'three pages of at most 100');
  });
});

import * as assert from 'node:assert/strict';
import { type AwsClients } from '../../../src/aws/clients';
import { knownRegions } from '../../../src/aws/profiles';
import { listEnabledRegions, TargetCredentialsError } from '../../../src/regions/scan/enabledRegions';

type Answer = (input: Record<string, unknown>) => unknown;

/** An Account client whose ListRegions answers from `answer`, recording each request's input. */
function accountClient(answer: Answer): { clients: Pick<AwsClients, 'account'>; inputs: Record<string, unknown>[] } {
  const inputs: Record<string, unknown>[] = [];
  const account = {
    send: async (command: { input: Record<string, unknown> }) => {
      inputs.push(command.input);
      return answer(command.input);
    },
  };
  return { clients: { account } as unknown as Pick<AwsClients, 'account'>, inputs };
}

const awsError = (name: string, message: string, status: number) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });

describe('the regions to scan: Account ListRegions, or the built-in list', () => {
  it('asks for the enabled regions (ENABLED and ENABLED_BY_DEFAULT), follows every page, orders them as the region picker', async () => {
    const { clients, inputs } = accountClient((input) =>
      input.NextToken === undefined
        ? { Regions: [{ RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' }, { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' }], NextToken: 'page2' }
        : { Regions: [{ RegionName: 'af-south-1', RegionOptStatus: 'ENABLED' }, { RegionName: 'xx-future-1', RegionOptStatus: 'ENABLED' }] },
    );
    const list = await listEnabledRegions(clients);
    assert.deepEqual(list, { regions: ['us-east-1', 'af-south-1', 'eu-west-1', 'xx-future-1'], source: 'listRegions' });
    assert.deepEqual(inputs, [
      { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], MaxResults: 50 },
      { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], MaxResults: 50, NextToken: 'page2' },
    ]);
  });

  it('falls back to the built-in list when ListRegions is denied, saying what was refused, what to allow, and what opt-in regions will show', async () => {
    const { clients } = accountClient(() => {
      throw awsError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: account:ListRegions', 403);
    });
    const list = await listEnabledRegions(clients, { profile: 'dev' });
    assert.equal(list.source, 'fallback');
    assert.deepEqual(list.regions, knownRegions.map((region) => region.code));
    assert.match(list.note ?? '', /^The account's enabled regions could not be listed: Access denied: profile dev may not list the account's regions \(account:ListRegions\)/);
    assert.match(list.note ?? '', /Allow the IAM action account:ListRegions to scan exactly the regions the account has enabled; until then, opt-in regions it has not enabled \(af-south-1, .*me-south-1\) show as failed\.$/);
  });

  it('fails the whole target when its credentials are refused: no region would take them either', async () => {
    const { clients } = accountClient(() => {
      throw awsError('ExpiredTokenException', 'The security token included in the request is expired', 403);
    });
    await assert.rejects(listEnabledRegions(clients, { profile: 'dev' }), (error: Error) => {
      assert.ok(error instanceof TargetCredentialsError);
      assert.match(error.message, /the temporary credentials of profile dev have expired/);
      return true;
    });
  });
});

// Issue 20: the emulator serves several regions and several accounts, each (account, region) its own
// partition on one clock, routed by the SigV4 credential scope's region and the access key; Account
// ListRegions lists them as AWS does; faults refuse ListRegions or take a region down.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountClient, ListRegionsCommand, type ListRegionsCommandOutput, paginateListRegions } from '@aws-sdk/client-account';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { CreateRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { CreateModelCommand, ListEndpointsCommand, ListModelsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { validateOutput } from '@s2z/service-models';
import { regionsEnabledByDefault } from '../src/accounts/commercialRegions';
import { startEmulator, type EmulatorOptions, type RunningEmulatorInternals } from '../src/server';
import { readStateFile } from '../src/state/stateFile';
import { controlRequest, credentials, errorOf, roleArn } from './harness';

const other = { accountId: '210987654321', accessKeyId: 'AKIDOTHERACCOUNT', secretAccessKey: 'other-account-secret' };
const modelInput = (name: string) => ({ ModelName: name, ExecutionRoleArn: roleArn, PrimaryContainer: { Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124' } });

describe('emulator: several regions and accounts (issue 20)', function () {
  this.timeout(30_000);
  let emulator: RunningEmulatorInternals;
  const clients: { destroy(): void }[] = [];

  async function start(options: EmulatorOptions = {}): Promise<RunningEmulatorInternals> {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty', credentials, ...options });
    return emulator;
  }

  function client<T extends { destroy(): void }>(make: new (config: { endpoint: string; region: string; credentials: typeof credentials; maxAttempts: number }) => T, region = 'us-east-1', keys = credentials): T {
    const made = new make({ endpoint: emulator.url, region, credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }, maxAttempts: 1 });
    clients.push(made);
    return made;
  }

  const modelNames = async (sagemaker: SageMakerClient) => ((await sagemaker.send(new ListModelsCommand({}))).Models ?? []).map((model) => model.ModelName);

  afterEach(async () => {
    for (const made of clients.splice(0)) made.destroy();
    await emulator?.close();
  });

  it('keeps each region apart: a model made in eu-west-1 is not in us-east-1, and a region served by default starts empty', async () => {
    await start({ regions: ['us-east-1', 'eu-west-1'] });
    assert.deepEqual(emulator.regions(), ['us-east-1', 'eu-west-1']);
    await client(SageMakerClient, 'eu-west-1').send(new CreateModelCommand(modelInput('only-in-ireland')));
    assert.deepEqual(await modelNames(client(SageMakerClient, 'eu-west-1')), ['only-in-ireland']);
    assert.deepEqual(await modelNames(client(SageMakerClient, 'us-east-1')), []);
    // sa-east-1 was not named, but AWS enables it for every account: served, empty, made on first use.
    assert.deepEqual(await modelNames(client(SageMakerClient, 'sa-east-1')), []);
    assert.deepEqual(emulator.regions(), ['us-east-1', 'eu-west-1', 'sa-east-1']);
    // The ARN names the region and account of the partition.
    const described = await client(SageMakerClient, 'eu-west-1').send(new ListModelsCommand({}));
    assert.match(described.Models?.[0].ModelArn ?? '', /^arn:aws:sagemaker:eu-west-1:123456789012:model\/only-in-ireland$/);
  });

  it('refuses an opt-in region the account has not enabled as AWS does (403 UnrecognizedClientException), and serves it once enabled', async () => {
    await start({ regions: ['us-east-1', 'eu-south-1'] });
    const refused = await errorOf(() => client(SageMakerClient, 'af-south-1').send(new ListEndpointsCommand({})));
    assert.equal(refused.name, 'UnrecognizedClientException');
    assert.equal(refused.$metadata?.httpStatusCode, 403);
    assert.equal(refused.message, 'The security token included in the request is invalid.');
    // eu-south-1 is opt-in too, and enabled: served.
    assert.deepEqual((await client(SageMakerClient, 'eu-south-1').send(new ListEndpointsCommand({}))).Endpoints, []);
    // A code AWS does not have is refused the same way.
    assert.equal((await errorOf(() => client(SageMakerClient, 'xx-nowhere-1').send(new ListEndpointsCommand({})))).name, 'UnrecognizedClientException');
  });

  it('routes by access key: another account has its own world, checked with its own secret; any other key is refused when credentials are set', async () => {
    await start({ accounts: [other] });
    await client(SageMakerClient, 'us-east-1', other).send(new CreateModelCommand(modelInput('theirs')));
    await client(SageMakerClient).send(new CreateModelCommand(modelInput('ours')));
    assert.deepEqual(await modelNames(client(SageMakerClient, 'us-east-1', other)), ['theirs']);
    assert.deepEqual(await modelNames(client(SageMakerClient)), ['ours']);
    const listed = await client(SageMakerClient, 'us-east-1', other).send(new ListModelsCommand({}));
    assert.match(listed.Models?.[0].ModelArn ?? '', /:210987654321:model\/theirs$/);
    // The other account's key with the default account's secret: a wrong signature.
    const wrongSecret = await errorOf(() => client(SageMakerClient, 'us-east-1', { accessKeyId: other.accessKeyId, secretAccessKey: credentials.secretAccessKey }).send(new ListModelsCommand({})));
    assert.equal(wrongSecret.name, 'InvalidSignatureException');
    const unknown = await errorOf(() => client(SageMakerClient, 'us-east-1', { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' }).send(new ListModelsCommand({})));
    assert.equal(unknown.name, 'UnrecognizedClientException');
    // IAM is global: the account's roles, whatever region the client names, and every region of the account sees them.
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await client(IAMClient, 'eu-west-1').send(new CreateRoleCommand({ RoleName: 'OursEverywhere', AssumeRolePolicyDocument: trust }));
    assert.deepEqual((await client(IAMClient, 'us-east-1').send(new ListRolesCommand({}))).Roles?.map((role) => role.RoleName), ['OursEverywhere']);
    assert.deepEqual((await client(IAMClient, 'eu-west-1', other).send(new ListRolesCommand({}))).Roles, []);
    assert.deepEqual(emulator.world.select({ region: 'ap-south-1' }).iam.state.roles.map((role) => role.name), ['OursEverywhere']);
    // A reset of one region leaves the account's roles alone.
    assert.equal((await controlRequest(emulator.url, 'POST', 'reset?region=ap-south-1', { scenario: 'empty' })).status, 200);
    assert.deepEqual((await client(IAMClient, 'us-east-1').send(new ListRolesCommand({}))).Roles?.map((role) => role.RoleName), ['OursEverywhere']);
  });

  it('answers ListRegions with every known region and its status, pages by MaxResults and filters by status, every page valid by the model', async () => {
    await start({ regions: ['us-east-1', 'eu-south-1', 'me-central-1'] });
    const account = client(AccountClient);
    const all = await account.send(new ListRegionsCommand({}));
    assert.deepEqual(validateOutput('account', 'ListRegions', stripMetadata(all), { timestamps: 'epoch-seconds', blobs: 'any' }), []);
    assert.equal(all.Regions?.length, 28);
    assert.equal(all.NextToken, undefined);
    const status = Object.fromEntries((all.Regions ?? []).map((region) => [region.RegionName, region.RegionOptStatus]));
    assert.equal(status['us-east-1'], 'ENABLED_BY_DEFAULT');
    assert.equal(status['eu-south-1'], 'ENABLED');
    assert.equal(status['me-central-1'], 'ENABLED');
    assert.equal(status['af-south-1'], 'DISABLED');
    const byDefault = (all.Regions ?? []).filter((region) => region.RegionOptStatus === 'ENABLED_BY_DEFAULT').map((region) => region.RegionName);
    assert.deepEqual(byDefault, regionsEnabledByDefault);
    assert.equal(byDefault.length, 17);

    const pages: ListRegionsCommandOutput[] = [];
    for await (const page of paginateListRegions({ client: account, pageSize: 4 }, { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] })) pages.push(page);
    for (const page of pages) assert.deepEqual(validateOutput('account', 'ListRegions', stripMetadata(page), { timestamps: 'epoch-seconds', blobs: 'any' }), []);
    assert.equal(pages.length, 5, 'ceil(19 / 4) pages');
    assert.ok(pages.slice(0, -1).every((page) => page.Regions?.length === 4 && page.NextToken));
    const enabled = pages.flatMap((page) => page.Regions ?? []).map((region) => region.RegionName);
    assert.deepEqual(enabled.sort(), [...regionsEnabledByDefault, 'eu-south-1', 'me-central-1'].sort());

    const disabled = await account.send(new ListRegionsCommand({ RegionOptStatusContains: ['DISABLED'] }));
    assert.equal(disabled.Regions?.length, 28 - 19);
    // The model's range for MaxResults is 1..50: 51 is refused before anything else.
    const tooMany = await errorOf(() => account.send(new ListRegionsCommand({ MaxResults: 51 })));
    assert.equal(tooMany.name, 'ValidationException');
    assert.match(tooMany.message, /Member must have value less than or equal to 50/);
    // The AccountId form is an organization's; the emulator's accounts are standalone.
    const named = await errorOf(() => account.send(new ListRegionsCommand({ AccountId: '123456789012' })));
    assert.equal(named.name, 'AccessDeniedException');
    assert.match(named.message, /without AccountId/);
  });

  it('refuses ListRegions with access denied when the fault says so (AWS\'s message shape), and fails every request of a region that is down', async () => {
    await start({ regions: ['us-east-1', 'eu-west-1'] });
    assert.equal((await controlRequest(emulator.url, 'POST', 'faults', { accessDenied: ['ListRegions'], regionsDown: ['eu-west-1'] })).status, 200);
    const denied = await errorOf(() => client(AccountClient).send(new ListRegionsCommand({})));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(denied.$metadata?.httpStatusCode, 403);
    assert.equal(denied.message, 'User: arn:aws:iam::123456789012:user/emulator is not authorized to perform: account:ListRegions because no identity-based policy allows the account:ListRegions action');
    const down = await errorOf(() => client(SageMakerClient, 'eu-west-1').send(new ListEndpointsCommand({})));
    assert.equal(down.$metadata?.httpStatusCode, 503);
    assert.match(down.message, /eu-west-1/);
    // The other regions answer; the fault's accessDenied list refuses only what it names.
    assert.deepEqual((await client(SageMakerClient).send(new ListEndpointsCommand({}))).Endpoints, []);
    assert.equal((await controlRequest(emulator.url, 'POST', 'faults', { accessDenied: 'ListRegions' })).status, 400);
    assert.equal((await controlRequest(emulator.url, 'DELETE', 'faults')).status, 200);
    assert.equal((await client(AccountClient).send(new ListRegionsCommand({}))).Regions?.length, 28);
    assert.deepEqual((await client(SageMakerClient, 'eu-west-1').send(new ListEndpointsCommand({}))).Endpoints, []);
  });

  it('selects the partition of a control request by ?region= and &account= (seed, state, reset, faults), the home one by default', async () => {
    await start({ accounts: [other] });
    const seeded = await controlRequest(emulator.url, 'POST', 'seed?region=ap-southeast-2', { endpoints: 3, inferenceComponents: 3, prefix: 'syd' });
    assert.equal(seeded.status, 200, JSON.stringify(seeded.json));
    const sydney = await controlRequest(emulator.url, 'GET', 'state?region=ap-southeast-2');
    assert.equal(sydney.json.region, 'ap-southeast-2');
    assert.equal((sydney.json.endpoints as unknown[]).length, 3);
    assert.equal(((await controlRequest(emulator.url, 'GET', 'state')).json.endpoints as unknown[]).length, 0);
    assert.equal((await client(SageMakerClient, 'ap-southeast-2').send(new ListEndpointsCommand({}))).Endpoints?.length, 3);
    // The other account's partition.
    await controlRequest(emulator.url, 'POST', `seed?account=${other.accountId}&region=eu-west-2`, { endpoints: 2, inferenceComponents: 2, prefix: 'ldn' });
    assert.equal((await client(SageMakerClient, 'eu-west-2', other).send(new ListEndpointsCommand({}))).Endpoints?.length, 2);
    assert.equal((await client(SageMakerClient, 'eu-west-2').send(new ListEndpointsCommand({}))).Endpoints?.length, 0);
    // Faults of one partition only.
    await controlRequest(emulator.url, 'POST', 'faults?region=ap-southeast-2', { throttleRate: 1 });
    assert.equal((await errorOf(() => client(SageMakerClient, 'ap-southeast-2').send(new ListEndpointsCommand({})))).name, 'ThrottlingException');
    assert.deepEqual((await client(SageMakerClient).send(new ListEndpointsCommand({}))).Endpoints, []);
    // A reset naming a region resets that partition only; a disabled opt-in region or an unknown account is refused.
    assert.equal((await controlRequest(emulator.url, 'POST', 'reset?region=ap-southeast-2', { scenario: 'empty' })).status, 200);
    assert.equal(((await controlRequest(emulator.url, 'GET', 'state?region=ap-southeast-2')).json.endpoints as unknown[]).length, 0);
    assert.equal((await client(SageMakerClient, 'eu-west-2', other).send(new ListEndpointsCommand({}))).Endpoints?.length, 2);
    const optIn = await controlRequest(emulator.url, 'GET', 'state?region=af-south-1');
    assert.equal(optIn.status, 404);
    assert.match(String(optIn.json.error), /af-south-1 is an opt-in region/);
    assert.equal((await controlRequest(emulator.url, 'GET', 'state?account=999999999999')).status, 404);
    const listed = await controlRequest(emulator.url, 'GET', 'regions');
    assert.deepEqual(listed.json.accounts, [
      { accountId: '123456789012', regions: ['us-east-1', 'ap-southeast-2', 'eu-west-2'], enabledOptInRegions: [] },
      { accountId: other.accountId, regions: ['us-east-1', 'eu-west-2'], enabledOptInRegions: [] },
    ]);
  });

  it('runs every partition on one clock: advancing once moves them all, and each partition\'s alarm engine ticks on it', async () => {
    await start({ regions: ['us-east-1', 'eu-west-1'] });
    emulator.seed({ endpoints: 1, inferenceComponents: 1, prefix: 'ire', coldEvery: 0, region: 'eu-west-1', scalableTargets: true });
    const before = emulator.now();
    emulator.advance(3600);
    assert.equal(emulator.now(), before + 3600_000);
    const clock = await controlRequest(emulator.url, 'GET', 'clock?region=eu-west-1');
    assert.equal(clock.json.now, (before + 3600_000) / 1000);
    // The alarm engine of each partition ticked on the shared clock: its 10-second copy counts are there.
    const ireland = emulator.world.select({ region: 'eu-west-1' });
    const counts = ireland.metricStore.get({ namespace: 'Emulator/SageMaker', metricName: 'CurrentCopyCount', dimensions: [{ name: 'InferenceComponentName', value: 'ire-ic-0001' }] });
    assert.ok(counts && counts.buckets.length >= 360, `about 360 ten-second datapoints in an hour, got ${counts?.buckets.length}`);
    const targets = await client(ApplicationAutoScalingClient, 'eu-west-1').send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
    assert.deepEqual(targets.ScalableTargets?.map((target) => [target.ResourceId, target.MinCapacity]), [['inference-component/ire-ic-0001', 0]]);
    assert.deepEqual((await client(ApplicationAutoScalingClient).send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }))).ScalableTargets, []);
  });

  describe('the state file with several partitions', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 's2z-regions-state-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('saves every partition (the home one at the top level, as before) and restores them all, the other account\'s too', async () => {
      const stateFile = join(dir, 'state.json');
      await start({ stateFile, accounts: [other], regions: ['us-east-1', 'me-central-1'] });
      await client(SageMakerClient, 'me-central-1').send(new CreateModelCommand(modelInput('in-uae')));
      await client(SageMakerClient, 'eu-north-1', other).send(new CreateModelCommand(modelInput('in-stockholm')));
      await client(SageMakerClient).send(new CreateModelCommand(modelInput('at-home')));
      await emulator.close();
      const saved = readStateFile(stateFile)!;
      assert.deepEqual(saved.sagemaker.models.map((model) => model.name), ['at-home']);
      assert.deepEqual(
        saved.partitions?.map((partition) => [partition.accountId, partition.region, partition.sagemaker.models.map((model) => model.name)]),
        [
          ['123456789012', 'me-central-1', ['in-uae']],
          [other.accountId, 'us-east-1', []],
          [other.accountId, 'eu-north-1', ['in-stockholm']],
        ],
      );
      // The restarted emulator is given the same accounts, but not me-central-1: the file's partition enables it.
      await start({ stateFile, accounts: [other] });
      assert.deepEqual(await modelNames(client(SageMakerClient, 'me-central-1')), ['in-uae']);
      assert.deepEqual(await modelNames(client(SageMakerClient, 'eu-north-1', other)), ['in-stockholm']);
      assert.deepEqual(await modelNames(client(SageMakerClient)), ['at-home']);
    });

    it('still loads a state file written before the emulator had regions (no partitions): the home region as it was', async () => {
      const stateFile = join(dir, 'state.json');
      await start({ stateFile, scenario: 'demo' });
      await client(SageMakerClient).send(new CreateModelCommand(modelInput('kept')));
      await emulator.close();
      const written = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
      assert.ok(Array.isArray(written.partitions) && written.partitions.length === 3, 'the demo saved its three other regions');
      delete written.partitions;
      writeFileSync(stateFile, JSON.stringify(written));
      await start({ stateFile, scenario: 'empty' });
      const names = await modelNames(client(SageMakerClient));
      assert.ok(names.includes('kept') && names.includes('demo-llama3-8b-model'), names.join(', '));
      assert.deepEqual(emulator.regions(), ['us-east-1']);
      assert.deepEqual(await modelNames(client(SageMakerClient, 'eu-west-1')), []);
    });
  });
});

/** The SDK's answer without its `$metadata` (not a member of the model's output). */
function stripMetadata<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output;
  return rest;
}

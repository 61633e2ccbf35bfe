import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { scanRegions } from '../../../src/regions/scan/regionScanner';
import { type ScanEvent } from '../../../src/regions/scan/regionScanModel';
import { profileScanTarget } from '../../../src/regions/scan/scanTargets';
import { RequestProbe } from './requestProbe';

/** Two accounts of the emulator, each reached with its own key pair (and a default one neither profile uses). */
const alpha = { accountId: '111111111111', accessKeyId: 'AKIDALPHAACCOUNT0001', secretAccessKey: 'alpha-secret-never-shown', regions: ['eu-west-1', 'ap-east-1'] };
const beta = { accountId: '222222222222', accessKeyId: 'AKIDBETAACCOUNT00002', secretAccessKey: 'beta-secret-never-shown', regions: ['us-west-2'] };

/** The environment the SDK reads, replaced for the test and put back after. */
const environmentKeys = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION'];

async function seed(emulator: RunningEmulator, account: string, region: string, prefix: string, endpoints: number): Promise<void> {
  const response = await fetch(`${emulator.url}/__emulator/seed?region=${region}&account=${account}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoints, inferenceComponents: endpoints, prefix }),
  });
  assert.equal(response.status, 200, await response.text());
}

describe('a scan over two profiles: each profile\'s results apart, credentials never mixed', () => {
  let emulator: RunningEmulator;
  let directory: string;
  const saved = new Map<string, string | undefined>();

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo', accounts: [alpha, beta] });
    await seed(emulator, alpha.accountId, 'eu-west-1', 'alpha', 3);
    await seed(emulator, alpha.accountId, 'ap-east-1', 'alpha-hk', 1);
    await seed(emulator, beta.accountId, 'us-west-2', 'beta', 2);
    directory = mkdtempSync(join(tmpdir(), 's2z-scan-profiles-'));
    writeFileSync(
      join(directory, 'config'),
      [
        '[profile alpha]',
        'region = eu-west-1',
        '[profile beta]',
        'region = us-west-2',
        '[profile lapsed]',
        'sso_session = corp',
        'sso_account_id = 333333333333',
        'sso_role_name = Admin',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(directory, 'credentials'),
      [`[alpha]`, `aws_access_key_id = ${alpha.accessKeyId}`, `aws_secret_access_key = ${alpha.secretAccessKey}`, `[beta]`, `aws_access_key_id = ${beta.accessKeyId}`, `aws_secret_access_key = ${beta.secretAccessKey}`, ''].join('\n'),
    );
    for (const key of environmentKeys) {
      saved.set(key, process.env[key]);
      delete process.env[key];
    }
    process.env.AWS_CONFIG_FILE = join(directory, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(directory, 'credentials');
    // The SDK v3 sends every service to AWS_ENDPOINT_URL (@smithy/core's getEndpointUrlConfig): the profiles reach the emulator as they would AWS.
    process.env.AWS_ENDPOINT_URL = emulator.url;
    // The SSO token cache of the lapsed profile: an empty home, so no token is found.
    saved.set('HOME', process.env.HOME);
    process.env.HOME = directory;
  });

  after(async () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await emulator.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lists each account\'s own regions, scans them with its own key only, and keeps each account\'s endpoints apart', async function () {
    this.timeout(60_000);
    const probes = { alpha: new RequestProbe(), beta: new RequestProbe() };
    const events: ScanEvent[] = [];
    const report = await scanRegions({
      targets: [probes.alpha.watch(profileScanTarget('alpha')), probes.beta.watch(profileScanTarget('beta'))],
      now: () => emulator.now(),
      onEvent: (event) => events.push(event),
    });
    const [alphaResult, betaResult] = report.targets;
    assert.equal(alphaResult.target.id, 'profile:alpha');
    assert.equal(betaResult.target.id, 'profile:beta');
    assert.equal(alphaResult.regionList.source, 'listRegions', alphaResult.regionList.note);
    assert.ok(alphaResult.regionList.regions.includes('ap-east-1'), 'alpha enabled the opt-in ap-east-1');
    assert.ok(!betaResult.regionList.regions.includes('ap-east-1'), 'beta did not');
    for (const result of [alphaResult, betaResult]) assert.deepEqual(result.regions.filter((entry) => entry.state !== 'done').map((entry) => `${entry.region}: ${entry.error}`), []);

    const names = (result: typeof alphaResult) => result.regions.flatMap((entry) => entry.endpoints.map((endpoint) => `${entry.region}/${endpoint.name}`)).sort();
    assert.deepEqual(names(alphaResult), ['ap-east-1/alpha-hk-ep-0001', 'eu-west-1/alpha-ep-0001', 'eu-west-1/alpha-ep-0002', 'eu-west-1/alpha-ep-0003']);
    assert.deepEqual(names(betaResult), ['us-west-2/beta-ep-0001', 'us-west-2/beta-ep-0002']);

    // Every request each target's clients sent was signed with that target's key, in the region it was for.
    for (const [probe, key] of [[probes.alpha, alpha.accessKeyId], [probes.beta, beta.accessKeyId]] as const) {
      assert.ok(probe.sent.length > 20, `${probe.sent.length} requests`);
      assert.deepEqual([...new Set(probe.sent.map((request) => request.accessKeyId))], [key]);
      assert.ok(probe.sent.every((request) => request.scopeRegion === request.region), 'signed for the region scanned');
    }
    const alphaCalls = alphaResult.regions.reduce((total, entry) => total + entry.calls, 0);
    assert.equal(probes.alpha.sent.length, alphaCalls);
    // Each account's own count of requests received (the emulator routes by key): its target's calls and its one ListRegions.
    const received = async (account: string) => {
      const { accounts } = (await (await fetch(`${emulator.url}/__emulator/regions`)).json()) as { accounts: { accountId: string; regions: string[] }[] };
      let total = 0;
      for (const code of accounts.find((entry) => entry.accountId === account)?.regions ?? []) {
        total += ((await (await fetch(`${emulator.url}/__emulator/requests?account=${account}&region=${code}`)).json()) as { total: number }).total;
      }
      return total;
    };
    assert.equal(await received(alpha.accountId), alphaCalls + 1);
    assert.equal(await received(beta.accountId), betaResult.regions.reduce((total, entry) => total + entry.calls, 0) + 1);

    const text = JSON.stringify({ report, events });
    for (const secret of [alpha.secretAccessKey, beta.secretAccessKey, alpha.accessKeyId, beta.accessKeyId]) assert.ok(!text.includes(secret), 'no credential in the results or events');
  });

  it('fails only the target whose credentials cannot be had (an SSO profile never signed in), in words that say how to sign in', async function () {
    this.timeout(30_000);
    const events: ScanEvent[] = [];
    const report = await scanRegions({ targets: [profileScanTarget('lapsed'), profileScanTarget('beta')], now: () => emulator.now(), onlyRegions: ['us-west-2'], onEvent: (event) => events.push(event) });
    const [lapsed, ok] = report.targets;
    assert.match(lapsed.error ?? '', /aws sso login --profile lapsed/);
    assert.deepEqual(lapsed.regions, []);
    assert.deepEqual(
      events.filter((event) => event.type === 'targetFailed').map((event) => event.targetId),
      ['profile:lapsed'],
    );
    assert.deepEqual(ok.regions.map((entry) => [entry.region, entry.state, entry.totals.endpoints]), [['us-west-2', 'done', 2]]);
  });
});

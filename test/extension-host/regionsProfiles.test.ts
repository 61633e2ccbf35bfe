import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { pickScanProfiles } from '../../src/connection/ui/connectionCommands';
import { ConnectionManager } from '../../src/connection/ui/connectionManager';
import { Logger } from '../../src/logging/logger';
import { type RegionRow } from '../../src/regions/ui/regionRows';
import { RegionsTreeProvider } from '../../src/regions/ui/regionsTreeProvider';
import { scanAllRegionsCommand } from '../../src/regions/ui/scanCommands';
import { pickMany, ScriptedUserInput } from '../support/scriptedUserInput';

/** Two accounts of an emulator of the test's own, each reached with its own key pair through its own profile. */
const alpha = { accountId: '111111111111', accessKeyId: 'AKIDALPHAACCOUNT0001', secretAccessKey: 'alpha-secret-never-shown', regions: ['eu-west-1'] };
const beta = { accountId: '222222222222', accessKeyId: 'AKIDBETAACCOUNT00002', secretAccessKey: 'beta-secret-never-shown', regions: ['us-west-2'] };
const environmentKeys = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'HOME'];

describe('Scan All Regions over several AWS profiles: a row per profile, each with its own results', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let directory: string;
  const saved = new Map<string, string | undefined>();
  const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined });
  const connections = new ConnectionManager(logger);
  const view = new RegionsTreeProvider();

  async function seed(account: string, region: string, prefix: string, endpoints: number): Promise<void> {
    const response = await fetch(`${emulator.url}/__emulator/seed?region=${region}&account=${account}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoints, inferenceComponents: endpoints, prefix }),
    });
    assert.equal(response.status, 200, await response.text());
  }

  const names = (rows: readonly RegionRow[]): string[] => rows.flatMap((row) => [row.endpointName ?? row.label, ...names(row.children)]);

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty', accounts: [alpha, beta] });
    await seed(alpha.accountId, 'eu-west-1', 'alpha', 2);
    await seed(beta.accountId, 'us-west-2', 'beta', 1);
    directory = mkdtempSync(join(tmpdir(), 's2z-regions-profiles-'));
    writeFileSync(join(directory, 'config'), ['[profile alpha]', 'region = eu-west-1', '[profile beta]', 'region = us-west-2', '[profile lapsed]', 'sso_session = corp', 'sso_account_id = 333333333333', 'sso_role_name = Admin', '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', ''].join('\n'));
    writeFileSync(
      join(directory, 'credentials'),
      ['[alpha]', `aws_access_key_id = ${alpha.accessKeyId}`, `aws_secret_access_key = ${alpha.secretAccessKey}`, '[beta]', `aws_access_key_id = ${beta.accessKeyId}`, `aws_secret_access_key = ${beta.secretAccessKey}`, ''].join('\n'),
    );
    for (const key of environmentKeys) {
      saved.set(key, process.env[key]);
      delete process.env[key];
    }
    process.env.AWS_CONFIG_FILE = join(directory, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(directory, 'credentials');
    // The SDK sends every service to AWS_ENDPOINT_URL: the profiles reach the emulator as they would AWS.
    process.env.AWS_ENDPOINT_URL = emulator.url;
    // No SSO token cache: the lapsed profile cannot sign in.
    process.env.HOME = directory;
    await connections.connectAws('alpha', 'eu-west-1');
  });

  after(async () => {
    await connections.disconnect();
    connections.dispose();
    view.dispose();
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await emulator.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('asks which profiles (the connected one preselected), scans each with its own credentials, and shows each apart', async () => {
    const ui = new ScriptedUserInput([pickMany('alpha', 'beta', 'lapsed')]);
    const scan = scanAllRegionsCommand({
      ui,
      connections,
      view,
      logger,
      settings: () => ({ idleDays: 7, concurrency: 4, priceOverrides: {} }),
      pickProfiles: (current) => pickScanProfiles({ ui }, current),
      flows: {
        enableScaleToZero: () => Promise.reject(new Error('not in this test')),
        setCopyCount: () => Promise.reject(new Error('not in this test')),
        deleteEndpoint: () => Promise.reject(new Error('not in this test')),
        connectAws: () => Promise.reject(new Error('not in this test')),
      },
    });
    const report = await scan();
    assert.ok(report, 'scanned');
    assert.deepEqual(ui.offered[0].items.filter((item) => item.picked).map((item) => item.label), ['alpha'], 'the connected profile preselected');
    assert.deepEqual(report.targets.map((target) => target.target.id), ['profile:alpha', 'profile:beta', 'profile:lapsed']);

    const rows = view.topRows();
    assert.deepEqual(rows.map((row) => row.label), ['alpha', 'beta', 'lapsed']);
    const [alphaRow, betaRow, lapsedRow] = rows;
    assert.match(alphaRow.description ?? '', /^2 endpoints · /);
    assert.match(betaRow.description ?? '', /^1 endpoint · /);
    // Each profile's endpoints under its own row only, in its own regions.
    assert.ok(names(alphaRow.children).filter((name) => /^(alpha|beta)/.test(name)).every((name) => name.startsWith('alpha')), names(alphaRow.children).join(', '));
    assert.ok(names(betaRow.children).filter((name) => /^(alpha|beta)/.test(name)).every((name) => name.startsWith('beta')), names(betaRow.children).join(', '));
    assert.equal(alphaRow.children.find((row) => row.contextValue === 'scanRegion' && row.children.length > 0)?.label, 'eu-west-1');
    assert.equal(betaRow.children.find((row) => row.contextValue === 'scanRegion' && row.children.length > 0)?.label, 'us-west-2');
    // The profile whose SSO session cannot sign in is one row with its error, not a failed scan.
    assert.equal(lapsedRow.description, 'could not be scanned');
    assert.equal(lapsedRow.icon.name, 'error');
    assert.match(lapsedRow.children[0].label, /lapsed/);
    assert.ok(!JSON.stringify(rows).includes('never-shown'), 'no secret in any row');
  });
});

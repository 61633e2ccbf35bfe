import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { connectAwsCommand, type ConnectionCommandContext, pickScanProfiles } from '../../src/connection/ui/connectionCommands';
import { ConnectionManager } from '../../src/connection/ui/connectionManager';
import { Logger } from '../../src/logging/logger';
import { type UserInput } from '../../src/prompts/userInput';
import { pick, pickMany, ScriptedUserInput } from '../support/scriptedUserInput';

const config = `
[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = PowerUser
region = us-east-1

[profile data]
sso_session = corp
sso_account_id = 210987654321
sso_role_name = ReadOnly
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1

[sso-session lab]
sso_start_url = https://lab.awsapps.com/start
sso_region = us-west-2

[profile deployer]
role_arn = arn:aws:iam::123456789012:role/Deployer
source_profile = keys
`;

const credentials = `
[keys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETzzzz
`;

/** A memento in memory: what the commands remember (each profile's region) stays in the test. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

describe('Every profile in the connection picker, and several for a scan', function () {
  this.timeout(30_000);
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE, key: process.env.AWS_ACCESS_KEY_ID };
  let dir: string;
  const logger = new Logger({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined });
  const connections = new ConnectionManager(logger);
  const context = (ui: UserInput): ConnectionCommandContext => ({ ui, connections, logger, state: new MemoryMemento() });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 's2z-profiles-'));
    writeFileSync(join(dir, 'config'), config);
    writeFileSync(join(dir, 'credentials'), credentials);
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    // No environment credentials in these tests: only the files' profiles are offered.
    delete process.env.AWS_ACCESS_KEY_ID;
  });

  after(() => {
    for (const [name, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials], ['AWS_ACCESS_KEY_ID', saved.key]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
    connections.dispose();
  });

  it('Connect to AWS lists every profile under its SSO session or kind; an SSO session without a profile says what to run and connects nothing', async () => {
    const script = new ScriptedUserInput([pick(/No profile uses the SSO session lab/)]);
    assert.equal(await connectAwsCommand(context(script))(), undefined);
    assert.deepEqual(script.asked, ['pick: Connect to AWS']);
    assert.deepEqual(
      script.offered[0].items.map((item) => `${item.group} > ${item.label}`),
      [
        '[sso-session corp] https://corp.awsapps.com/start > data',
        '[sso-session corp] https://corp.awsapps.com/start > dev',
        '[sso-session lab] https://lab.awsapps.com/start > $(info) No profile uses the SSO session lab yet',
        'Assume a role > deployer',
        'Access keys > keys',
      ],
    );
    assert.ok(!JSON.stringify(script.offered).includes('wJalrXUtnFEMI'), 'no secret offered');
    assert.equal(connections.current, undefined, 'nothing connected');
  });

  it('a scan\'s profile question is a multi-pick with the connected profile preselected, and answers every profile picked', async () => {
    const keep = new ScriptedUserInput([pickMany()]);
    assert.deepEqual(await pickScanProfiles({ ui: keep }, { profile: 'data' }), [{ profile: 'data' }]);
    assert.deepEqual(keep.asked, ['pickMany: Scan All Regions']);
    assert.ok(!keep.offered[0].items.some((item) => item.label.includes('No profile uses')), 'no SSO session without a profile: nothing to scan with');
    const several = new ScriptedUserInput([pickMany('dev', 'deployer')]);
    assert.deepEqual(await pickScanProfiles({ ui: several }, { profile: 'data' }), [{ profile: 'dev' }, { profile: 'deployer' }]);
  });
});

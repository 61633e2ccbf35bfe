import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The settings a cloned repository's `.vscode/settings.json` must not control: which account the
 * extension connects to at activation (the connection, the profile whose `credential_process` then runs,
 * the region), the emulator's port, and the prices every cost figure uses.
 */
const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
};
const strings = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const settings = manifest.contributes.configuration.properties;
const untrusted = manifest.capabilities.untrustedWorkspaces;

/** Per setting: the scope it must have, and whether an untrusted workspace's value must be ignored. */
const expected: Record<string, { scopes: string[]; restricted: boolean; why: string }> = {
  'sagemakerScaleToZero.connection': { scopes: ['machine'], restricted: true, why: 'connects at activation (to AWS: runs the profile\'s credential process)' },
  'sagemakerScaleToZero.aws.profile': { scopes: ['machine'], restricted: true, why: 'names the profile whose credentials (or credential_process) are used' },
  'sagemakerScaleToZero.aws.region': { scopes: ['machine', 'machine-overridable'], restricted: true, why: 'picks the region connected to at activation' },
  'sagemakerScaleToZero.emulator.port': { scopes: ['machine'], restricted: true, why: 'a port on this machine' },
  'sagemakerScaleToZero.pricing.hourlyUsd': { scopes: ['machine-overridable', 'window', 'application'], restricted: true, why: 'every cost shown and every plan\'s cost' },
  'sagemakerScaleToZero.emulator.timeScale': { scopes: ['window', 'machine-overridable'], restricted: false, why: 'only the local demo\'s speed' },
  'sagemakerScaleToZero.refreshIntervalSeconds': { scopes: ['window', 'machine-overridable'], restricted: false, why: 'how often the view refreshes (5 s at least)' },
  'sagemakerScaleToZero.logs.maxLines': { scopes: ['window', 'machine-overridable'], restricted: false, why: 'how many lines a logs view holds (100 to 20,000)' },
  'sagemakerScaleToZero.logs.followCeilingSeconds': { scopes: ['window', 'machine-overridable'], restricted: false, why: 'the longest wait between a followed logs view\'s reads (5 s at least)' },
  'sagemakerScaleToZero.regions.idleDays': { scopes: ['window', 'machine-overridable'], restricted: false, why: 'how many quiet days Scan All Regions calls idle (1 to 455)' },
  'sagemakerScaleToZero.regions.concurrency': { scopes: ['window', 'machine-overridable'], restricted: false, why: 'how many regions a scan reads at once (1 to 17)' },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('Settings in untrusted workspaces (package.json capabilities and configuration scopes)', () => {
  it('supports untrusted workspaces only in a limited way, saying what is restricted', () => {
    assert.equal(untrusted.supported, 'limited');
    const description = untrusted.description ?? '';
    const text = /^%(.+)%$/.test(description) ? strings[description.slice(1, -1)] : description;
    assert.ok(text && text.length > 40, 'the Restricted Mode description says what is limited');
  });

  it('restricts every setting that chooses the connection, profile, region, port or prices, and nothing else', () => {
    const restricted = new Set(untrusted.restrictedConfigurations ?? []);
    for (const name of restricted) assert.ok(name in settings, `${name} is restricted but not contributed`);
    for (const [name, rule] of Object.entries(expected)) {
      assert.equal(restricted.has(name), rule.restricted, `${name} (${rule.why}) ${rule.restricted ? 'must be' : 'need not be'} in restrictedConfigurations`);
    }
  });

  it('gives every setting an explicit scope; workspaces can never set the connection, the profile or the port', () => {
    assert.deepEqual(Object.keys(settings).sort(), Object.keys(expected).sort(), 'every contributed setting has its rule here');
    for (const [name, rule] of Object.entries(expected)) {
      assert.ok(rule.scopes.includes(settings[name].scope ?? 'window (default)'), `${name} (${rule.why}) has scope ${settings[name].scope ?? 'window (default)'}, expected ${rule.scopes.join(' or ')}`);
    }
  });

  it('reads settings through get() only (the value VS Code merged for the workspace and its trust), never per-target values from inspect()', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((file) => /getConfiguration\(/.test(readFileSync(file, 'utf8')) && /\.inspect\s*[<(]/.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(root.length + 1));
    assert.deepEqual(offenders, []);
  });
});

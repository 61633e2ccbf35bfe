import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  contributes: {
    commands: { command: string; title: string; category: string; icon?: string }[];
    menus: Record<string, { command: string }[]>;
    walkthroughs: { steps: { media: { markdown: string }; completionEvents: string[] }[] }[];
  };
  activationEvents: string[];
  engines: { vscode: string };
  devDependencies: Record<string, string>;
};
const strings = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = readFileSync(join(root, 'package.json'), 'utf8');

describe('package.json (the extension manifest)', () => {
  it('has every localisable string in package.nls.json, and no unused one', () => {
    const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]));
    const missing = [...used].filter((key) => !(key in strings));
    assert.deepEqual(missing, []);
    const unused = Object.keys(strings).filter((key) => !used.has(key));
    assert.deepEqual(unused, []);
  });

  it('refers only to commands it contributes, each with a title, category and icon', () => {
    const commands = new Set(manifest.contributes.commands.map((command) => command.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(commands.has(entry.command), `${menu} names ${entry.command}, which is not contributed`);
    }
    for (const command of manifest.contributes.commands) {
      assert.match(command.title, /^%command\.\w+\.title%$/);
      assert.equal(command.category, '%command.category%');
      assert.match(command.icon ?? '', /^\$\([a-z-]+\)$/, `${command.command} has a codicon`);
    }
  });

  it('activates lazily and targets a VS Code no newer than @types/vscode', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    const engine = manifest.engines.vscode.replace(/^\^/, '');
    const types = manifest.devDependencies['@types/vscode'].replace(/^[\^~]/, '');
    assert.ok(engine.localeCompare(types, undefined, { numeric: true }) <= 0, `${engine} > ${types}`);
    assert.match(engine, /^1\.100\./);
  });

  it('ships the walkthrough\'s pages, and each step completes on a contributed command', () => {
    const commands = new Set(manifest.contributes.commands.map((command) => command.command));
    for (const step of manifest.contributes.walkthroughs[0].steps) {
      assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
      const onCommand = step.completionEvents.filter((event) => event.startsWith('onCommand:')).map((event) => event.slice('onCommand:'.length));
      assert.ok(onCommand.length > 0 && onCommand.every((id) => commands.has(id)), JSON.stringify(step.completionEvents));
    }
  });
});

import * as assert from 'node:assert/strict';
import { actingTools } from '../../../src/agentTools/acting/actingTools';
import { sleepComponentTool } from '../../../src/agentTools/acting/sleepComponent';
import { wakeComponentTool } from '../../../src/agentTools/acting/wakeComponent';

const root = join(__dirname, '..', '..', '..', '..');
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the wake and sleep tools: their inputs', () => {
  it('are registered first among the acting tools, in package.json order, under its names', () => {
    assert.deepEqual(actingTools.slice(0, 2).map((tool) => tool.name), ['sagemakerScaleToZero_wakeComponent', 'sagemakerScaleToZero_sleepComponent']);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { languageModelTools: { name: string }[] } };
    const contributed = manifest.contributes.languageModelTools.map((tool) => tool.name);
    assert.ok(contributed.indexOf('sagemakerScaleToZero_wakeComponent') + 1 === contributed.indexOf('sagemakerScaleToZero_sleepComponent'));
  });

  it('wake takes the component\'s name, checked with the wizards\' naming rule, and nothing else', () => {
    assert.deepEqual(wakeComponentTool.parseInput({ inferenceComponentName: 'demo-embeddings' }), { ok: true, input: { inferenceComponentName: 'demo-embeddings' } });
    const refused = [undefined, 'demo', [], {}, { inferenceComponentName: 3 }, { inferenceComponentName: 'bad_name!' }, { inferenceComponentName: 'x', copies: 2 }];
    for (const raw of refused) {
      const parsed = wakeComponentTool.parseInput(raw);
      assert.equal(parsed.ok, false, JSON.stringify(raw));
      if (!parsed.ok) assert.match(parsed.message, /^(The input|The field "inferenceComponentName"|Unknown field "copies")/, parsed.message);
    }
  });

  it('sleep takes the name and allowBillingInstances (false unless true is given)', () => {
    assert.deepEqual(sleepComponentTool.parseInput({ inferenceComponentName: 'demo-llama3-8b' }), { ok: true, input: { inferenceComponentName: 'demo-llama3-8b', allowBillingInstances: false } });
    assert.deepEqual(sleepComponentTool.parseInput({ inferenceComponentName: 'demo-llama3-8b', allowBillingInstances: true }), {
      ok: true,
      input: { inferenceComponentName: 'demo-llama3-8b', allowBillingInstances: true },
    });
    const parsed = sleepComponentTool.parseInput({ inferenceComponentName: 'demo-llama3-8b', allowBillingInstances: 'yes' });
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.message, /The field "allowBillingInstances" must be true or false, not the text "yes"/);
  });

  it('progress lines name the component', () => {
    assert.equal(wakeComponentTool.invocationMessage({ inferenceComponentName: 'a' }), 'Waking a…');
    assert.equal(sleepComponentTool.invocationMessage({ inferenceComponentName: 'a', allowBillingInstances: false }), 'Putting a to sleep…');
  });
});

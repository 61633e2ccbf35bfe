import * as assert from 'node:assert/strict';
import { checkScriptedUserInputs, confirm, pick, review, ScriptedUserInput, type } from '../../support/scriptedUserInput';

const step = { title: 'A wizard', step: 1, totalSteps: 2, estimated: false, canGoBack: false };
const items = [
  { label: 'One', value: 1 },
  { label: 'Two', value: 2 },
];

describe('The scripted user (test/support/scriptedUserInput)', () => {
  it('answers single questions and wizard pages from one script, in order, and passes when every answer was used', async () => {
    const ui = new ScriptedUserInput([pick('Two'), type('bad', 'good'), review('exportCli'), confirm(true)]).answerPick(1);
    assert.deepEqual(await ui.pickPage(step, { placeholder: 'Which?', items }), { kind: 'value', value: 2 });
    const validate = (value: string) => (value === 'bad' ? 'Not that one.' : undefined);
    assert.deepEqual(await ui.inputPage(step, { prompt: 'Name', validate }), { kind: 'value', value: 'good' });
    assert.deepEqual(ui.page(/Name/).errors, ['Not that one.']);
    assert.deepEqual(await ui.reviewPage(step, { summary: 'Plan', document: '# Plan', items: [{ label: 'Export', value: 'exportCli' }] }), { kind: 'value', value: 'exportCli' });
    assert.equal(await ui.confirm({ message: 'Delete it?', confirmLabel: 'Delete' }), true);
    assert.equal(await ui.pick({ title: 'Again?', items }), 1);
    assert.deepEqual(ui.asked, ['confirm: Delete it?', 'pick: Again?']);
    ui.assertUsed();
  });

  it('fails when a scripted answer goes unused', async () => {
    const ui = new ScriptedUserInput([pick('One'), confirm(false)]);
    assert.equal(await ui.pick({ title: 'Which?', items }), 1);
    assert.throws(() => ui.assertUsed(), /1 scripted answer\(s\) never used: confirm: false/);
  });

  it('fails when a question comes that the script has no answer for, even when the code under test swallows the error', async () => {
    const ui = new ScriptedUserInput();
    await ui.confirm({ message: 'Delete it?', confirmLabel: 'Delete' }).catch(() => undefined);
    assert.throws(() => ui.assertUsed(), /no scripted answer for the confirmation "Delete it\?"/);
  });

  it('fails when the next answer does not fit the question, or names no item', async () => {
    const mismatched = new ScriptedUserInput([confirm(true)]);
    await assert.rejects(mismatched.pick({ title: 'Which?', items }), /the script answers confirm: true but the next question is the pick "Which\?"/);
    assert.throws(() => mismatched.assertUsed(), /confirm: true but the next question/);
    const missing = new ScriptedUserInput([pick('Three')]);
    await assert.rejects(missing.pickPage(step, { placeholder: 'Which?', items }), /no item pick Three on "Which\?": One \| Two/);
    assert.throws(() => missing.assertUsed(), /no item pick Three/);
  });

  it('is checked after each test: a passed test with a fake that has answers left fails; a failed test is not failed again', () => {
    checkScriptedUserInputs(true); // the fakes of the tests above were checked by the root hook already
    new ScriptedUserInput([pick('One')]);
    assert.throws(() => checkScriptedUserInputs(true), /never used: pick One/);
    new ScriptedUserInput([pick('One')]);
    assert.doesNotThrow(() => checkScriptedUserInputs(false));
    assert.doesNotThrow(() => checkScriptedUserInputs(true), 'a fake is checked once');
  });
});

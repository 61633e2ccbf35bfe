import * as assert from 'node:assert/strict';
import { pageTitle } from '../../../../src/prompts/pageTitle';
import { type StepInfo } from '../../../../src/prompts/userInput';
import { inputStep, pickStep } from '../../../../src/wizards/framework/stepBuilders';
import { runWizard, type WizardStep } from '../../../../src/wizards/framework/wizardRunner';
import { accept, back, pick, review, ScriptedUserInput } from '../../../support/scriptedUserInput';

interface State {
  name: string;
  more: boolean;
  kind: 'short' | 'long';
}

/** A wizard with a section ("More…" opens two pages) and a page whose answer adds a page to the main walk. */
function steps(): WizardStep<State>[] {
  const text = (id: string, when: (state: State) => boolean = () => true, parent?: string) =>
    inputStep<State>({ id, parent, when, prompt: id, value: () => 'x', validate: () => undefined, apply: (state) => state });
  return [
    text('name'),
    pickStep<State, 'short' | 'long'>({
      id: 'kind',
      branches: true,
      placeholder: 'kind',
      items: () => [
        { label: 'Short', value: 'short' },
        { label: 'Long', value: 'long' },
      ],
      selected: (state) => state.kind,
      apply: (state, kind) => ({ ...state, kind }),
    }),
    text('long', (state) => state.kind === 'long'),
    pickStep<State, boolean>({
      id: 'more',
      section: 'More',
      placeholder: 'more',
      items: () => [
        { label: 'Defaults', value: false },
        { label: 'More…', value: true },
      ],
      apply: (state, more) => ({ ...state, more }),
    }),
    text('more1', (state) => state.more, 'more'),
    text('more2', (state) => state.more, 'more'),
  ];
}

const run = (ui: ScriptedUserInput) =>
  runWizard<State>({ title: 'W', steps: steps(), buildPlan: () => ({ title: 'Plan', steps: [] }) }, ui, { name: '', more: false, kind: 'short' });

const positions = (ui: ScriptedUserInput) => ui.pages.map((page) => `${page.step.title} ${page.step.step}/${page.step.totalSteps}${page.step.estimated ? '~' : ''}`);

describe('Wizard step counting (issue 15, item 3)', () => {
  it('counts a section on its own: opening it never changes the total of the walk the user was counting', async () => {
    const ui = new ScriptedUserInput([accept(), pick('Short'), pick('More…'), accept(), accept(), review()]);
    await run(ui);
    assert.deepEqual(positions(ui), ['W 1/4~', 'W 2/4~', 'W 3/4', 'W: More 1/2', 'W: More 2/2', 'W 4/4']);
  });

  it('says "about" only until the page that may add pages is answered, and counts the path it chose', async () => {
    const ui = new ScriptedUserInput([accept(), pick('Long'), accept(), pick('Defaults'), review()]);
    await run(ui);
    assert.deepEqual(positions(ui), ['W 1/4~', 'W 2/4~', 'W 3/5', 'W 4/5', 'W 5/5']);
  });

  it('Back from a section\'s first page returns to the page that opened it, with Back offered on every page but the first', async () => {
    const ui = new ScriptedUserInput([accept(), pick('Short'), pick('More…'), back(), pick('Defaults'), review()]);
    await run(ui);
    assert.deepEqual(positions(ui), ['W 1/4~', 'W 2/4~', 'W 3/4', 'W: More 1/2', 'W 3/4', 'W 4/4']);
    assert.deepEqual(ui.pages.map((page) => page.step.canGoBack), [false, true, true, true, true, true]);
  });
});

describe('A wizard page\'s title', () => {
  const info = (estimated: boolean): StepInfo => ({ title: 'Create Scale-to-Zero Endpoint', step: 3, totalSteps: 6, estimated, canGoBack: true });

  it('leaves an exact counter to the quick input and never writes it into the title too', () => {
    assert.deepEqual(pageTitle(info(false)), { title: 'Create Scale-to-Zero Endpoint', step: 3, totalSteps: 6 });
  });

  it('says an estimated total in words, with no second counter', () => {
    assert.deepEqual(pageTitle(info(true)), { title: 'Create Scale-to-Zero Endpoint (step 3 of about 6)' });
  });
});

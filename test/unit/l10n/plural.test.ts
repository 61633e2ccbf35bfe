import * as assert from 'node:assert/strict';
import { plural } from '../../../src/l10n/plural';
import { configureTranslations, displayLanguage } from '../../../src/l10n/translate';

describe('l10n: plural forms', () => {
  afterEach(() => configureTranslations({ bundle: {}, language: 'en' }));

  it('picks the English form by count: "1 call", "0 calls", "8 calls"', () => {
    const calls = (count: number) => plural(count, { one: '{count} call', other: '{count} calls' });
    assert.deepEqual([0, 1, 2, 8].map(calls), ['0 calls', '1 call', '2 calls', '8 calls']);
  });

  it('agrees the verb with the count and fills other placeholders: "1 copy fits", "2 copies fit"', () => {
    const fit = (count: number) => plural(count, { one: '{count} copy fits on {where}', other: '{count} copies fit on {where}' }, { where: '1 instance' });
    assert.equal(fit(1), '1 copy fits on 1 instance');
    assert.equal(fit(2), '2 copies fit on 1 instance');
  });

  it('uses the display language\'s categories and its translations (Polish "few" and "many")', () => {
    configureTranslations({
      language: 'pl',
      bundle: { '{count} call': '{count} wywołanie', '{count} calls (few)': '{count} wywołania', '{count} calls': '{count} wywołań' },
    });
    assert.equal(displayLanguage(), 'pl');
    const calls = (count: number) => plural(count, { one: '{count} call', few: '{count} calls (few)', other: '{count} calls' });
    assert.deepEqual([1, 3, 5, 22].map(calls), ['1 wywołanie', '3 wywołania', '5 wywołań', '22 wywołania']);
  });

  it('falls back to "other" for a category the forms do not have, and to English for an unknown language', () => {
    configureTranslations({ language: 'not a language tag!' });
    assert.equal(displayLanguage(), 'en');
    assert.equal(plural(1, { other: '{count} × done' }), '1 × done');
  });
});

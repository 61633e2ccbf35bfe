import * as assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { commentText, quotedLines, quotedString, sentText, shellWord } from '../../../../src/playground/copyAsCode/literals';
import { trickyBodies } from './trickyBodies';

/** Every character the generated code must never hold raw (line feed aside, which only ever ends a line of code). */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const rawUnsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('Copy as Code: literals', () => {
  for (const [name, body] of Object.entries(trickyBodies)) {
    it(`a string literal JavaScript reads back as the sent body: ${name}`, () => {
      const literal = quotedString(body);
      assert.doesNotMatch(literal, rawUnsafe);
      assert.doesNotMatch(literal, /\n/);
      assert.equal(runInNewContext(literal), sentText(body));
    });

    it(`line-by-line literals concatenate to the sent body: ${name}`, () => {
      const lines = quotedLines(body);
      assert.equal(lines.map((line) => runInNewContext(line) as string).join(''), sentText(body));
      assert.ok(lines.every((line) => !line.includes('\n')));
    });
  }

  it('sends a lone surrogate as U+FFFD, as the SDK encodes it', () => {
    assert.equal(sentText('a\ud83db'), 'a\ufffdb');
    assert.equal(sentText('🚀'), '🚀');
  });

  it('writes no raw line break or control character into a comment, and cannot close one', () => {
    const text = commentText('name\n# injected */ """ \u202e \u0000 end');
    assert.doesNotMatch(text, rawUnsafe);
    assert.doesNotMatch(text, /\n|\*\/|"""/);
    assert.match(text, /\\u202e/);
  });

  it('quotes a shell word only when it is not plain', () => {
    assert.equal(shellWord('demo-llama3-8b'), 'demo-llama3-8b');
    assert.equal(shellWord('application/json'), 'application/json');
    assert.equal(shellWord("it's $HOME"), `'it'\\''s $HOME'`);
    assert.equal(shellWord('text/plain; charset=utf-8'), `'text/plain; charset=utf-8'`);
  });
});

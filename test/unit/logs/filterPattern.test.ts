import * as assert from 'node:assert/strict';
import { checkFilterPattern, maxFilterPatternLength } from '../../../src/logs/reading/filterPattern';

function reason(text: string): string {
  const check = checkFilterPattern(text);
  assert.equal(check.ok, false, `${text} should be refused`);
  return (check as { reason: string }).reason;
}

describe('logs: the filter is checked against CloudWatch Logs\' pattern syntax before it is sent', () => {
  it('accepts terms, ?any-of, -not, quoted phrases, regular expressions, JSON and space-delimited patterns', () => {
    for (const pattern of ['', 'ERROR', 'ERROR Exception', '?ERROR ?WARNING', '-ping', '"loaded in"', '"GET /ping HTTP/1.1" 200', '%[Ee]rror%', '%^INFO% %loaded%', '{ $.level = "ERROR" }', '[ip, user, status=5*]', '"a % sign"']) {
      assert.deepEqual(checkFilterPattern(pattern), { ok: true, pattern: pattern.trim() }, pattern);
    }
    assert.deepEqual(checkFilterPattern('  ERROR  '), { ok: true, pattern: 'ERROR' });
  });

  it('refuses what the service would refuse, saying why in plain words', () => {
    assert.match(reason('"loaded in'), /quoted phrase is not closed/);
    assert.match(reason('%[Ee]rror'), /regular expression is not closed/);
    assert.match(reason('%a% %b% %c%'), /3 regular expressions; CloudWatch Logs takes at most 2/);
    assert.match(reason('%(a|b)%'), /does not support groups/);
    assert.match(reason('%error!%'), /uses "!", which CloudWatch Logs does not allow/);
    assert.match(reason('{ $.level = "ERROR"'), /A \{ is not closed/);
    assert.match(reason('[a, b'), /A \[ is not closed/);
    assert.match(reason('a }'), /There is a \} without its opening \{/);
    assert.match(reason('ERROR ?'), /needs a term right after it/);
    assert.match(reason('- ERROR'), /needs a term right after it/);
    assert.match(reason('x'.repeat(maxFilterPatternLength + 1)), /1025 characters long; CloudWatch Logs takes at most 1024/);
  });
});

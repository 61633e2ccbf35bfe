/**
 * AWS's models write `pattern` constraints in Java's regular-expression dialect (the services are
 * Java). Most read the same in JavaScript; what does not is translated here: Java's POSIX classes
 * (`\p{Print}`, `\p{Alnum}`, `\p{ASCII}`, …, ASCII-only in Java), `\A`/`\z`/`\Z`, and a quantifier
 * on `$` (`${1,256}`, which Java allows and matches as `$`). Unicode categories (`\p{L}`, `\p{N}`, …)
 * are kept and need the `u` flag.
 *
 * A value must match the whole pattern, as Java's `Matcher.matches()` does in the services: many
 * models leave the end open (`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`, SageMaker's names) and SageMaker
 * still refuses `my_endpoint` with "Member must satisfy regular expression pattern". (Smithy reads
 * `@pattern` as a search; the stricter reading is the one the extension must satisfy.)
 */

/** Java's POSIX character classes (US-ASCII only, as Java defines them without UNICODE_CHARACTER_CLASS), as class contents. */
const posixClasses: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  // Java's binary properties, which JavaScript spells differently.
  IsAlphabetic: '\\p{Alphabetic}',
  IsDigit: '\\p{Nd}',
  IsLetter: '\\p{L}',
  IsWhite_Space: '\\p{White_Space}',
};

/** Compiles a model's Java pattern to a JavaScript RegExp, or throws naming what it could not translate. */
export function compileJavaPattern(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      const next = pattern[index + 1];
      if (next === 'p' || next === 'P') {
        const close = pattern.indexOf('}', index);
        const name = pattern.slice(index + 3, close);
        index = close;
        const posix = posixClasses[name];
        if (posix === undefined) {
          out += `\\${next}{${name}}`;
        } else if (next === 'P') {
          if (inClass) throw new Error(`cannot translate the negated class \\P{${name}} inside a character class in ${pattern}`);
          out += `[^${posix}]`;
        } else {
          out += inClass ? posix : `[${posix}]`;
        }
        continue;
      }
      if (!inClass && next === 'A') {
        out += '^';
        index++;
        continue;
      }
      if (!inClass && (next === 'z' || next === 'Z')) {
        out += '$';
        index++;
        continue;
      }
      index++;
      if (next === undefined) throw new Error(`a pattern ending in a backslash: ${pattern}`);
      // JavaScript's unicode mode refuses identity escapes Java allows (`\_`, `\ `, `\-` outside a class).
      const keep = /[A-Za-z0-9^$\\.*+?()[\]{}|/]/.test(next) || (inClass && next === '-');
      out += keep ? char + next : next === '-' ? '-' : next.replace(/[\s\S]/, (literal) => `\\u{${literal.codePointAt(0)!.toString(16)}}`);
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      if (char === '[' && pattern[index + 1] !== ':') throw new Error(`cannot translate a nested character class in ${pattern}`);
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      if (pattern[index + 1] === '^') out += pattern[++index];
      // A `]` first in a Java class is a literal.
      if (pattern[index + 1] === ']') {
        out += '\\]';
        index++;
      }
      continue;
    }
    if (char === '$') {
      const quantifier = /^\{\d+(,\d*)?\}/.exec(pattern.slice(index + 1));
      out += '$';
      if (quantifier) index += quantifier[0].length;
      continue;
    }
    out += char;
  }
  try {
    return new RegExp(`^(?:${out})$`, 'u');
  } catch (error) {
    throw new Error(`cannot translate ${pattern}: ${(error as Error).message}`);
  }
}

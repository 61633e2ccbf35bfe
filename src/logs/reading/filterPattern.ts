/**
 * Checks a CloudWatch Logs filter pattern before it is sent (AWS's "Filter pattern syntax for metric
 * filters, subscription filters, filter log events, and Live Tail"), so a typo reads as a plain
 * sentence instead of an InvalidParameterException. What is checked:
 *
 * - at most 1,024 characters (the model's `FilterPattern` max);
 * - terms: words, `"quoted phrases"` (closed), `?term` (any of), `-term` (not); a lone `?` or `-` is no term;
 * - regular expressions between `%…%`: closed, at most two in a pattern, only letters, digits, the
 *   symbols `: _ # = @ / ; , -`, the operators `^ $ ? [ ] { } | \ * + .`, no `( )`, no multibyte characters;
 * - JSON patterns `{ $.field … }` and space-delimited ones `[a, b, …]`: braces and brackets balanced
 *   outside quotes (the service checks the rest and its answer is shown as it is).
 */

export const maxFilterPatternLength = 1024;

export type FilterCheck = { ok: true; pattern: string } | { ok: false; reason: string };

const regexAllowed = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+. ]*$/;

export function checkFilterPattern(text: string): FilterCheck {
  const pattern = text.trim();
  if (pattern.length > maxFilterPatternLength) {
    return { ok: false, reason: `The filter is ${pattern.length} characters long; CloudWatch Logs takes at most ${maxFilterPatternLength}.` };
  }
  if (pattern === '') return { ok: true, pattern };

  // Walk the pattern once: quoted phrases, %regex%, and the braces and brackets outside them.
  const regexes: string[] = [];
  const stack: string[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i];
    if (char === '"') {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== '"') j += pattern[j] === '\\' ? 2 : 1;
      if (j >= pattern.length) return { ok: false, reason: 'A quoted phrase is not closed: add the closing " (double quote).' };
      i = j + 1;
      continue;
    }
    if (char === '%') {
      const end = pattern.indexOf('%', i + 1);
      if (end < 0) return { ok: false, reason: 'A regular expression is not closed: CloudWatch Logs reads one between two % signs, such as %[Ee]rror%.' };
      regexes.push(pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (char === '{' || char === '[') stack.push(char);
    if (char === '}' || char === ']') {
      const open = stack.pop();
      if ((char === '}' && open !== '{') || (char === ']' && open !== '[')) {
        return { ok: false, reason: `There is a ${char} without its opening ${char === '}' ? '{' : '['}.` };
      }
    }
    i += 1;
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    return { ok: false, reason: `A ${open} is not closed: add the ${open === '{' ? '}' : ']'}.` };
  }
  if (regexes.length > 2) return { ok: false, reason: `The filter has ${regexes.length} regular expressions; CloudWatch Logs takes at most 2 in one filter.` };
  for (const regex of regexes) {
    if (regex === '') return { ok: false, reason: 'A regular expression between % signs is empty.' };
    if (/[()]/.test(regex)) return { ok: false, reason: `The regular expression %${regex}% uses ( ): CloudWatch Logs does not support groups in filter patterns.` };
    if (!regexAllowed.test(regex)) {
      const bad = [...regex].find((c) => !regexAllowed.test(c)) ?? '';
      return { ok: false, reason: `The regular expression %${regex}% uses ${JSON.stringify(bad)}, which CloudWatch Logs does not allow in a filter pattern.` };
    }
  }
  // Plain terms: a lone ? or - (or one followed by a space) is no term.
  if (!pattern.startsWith('{') && !pattern.startsWith('[')) {
    for (const token of pattern.split(/\s+/)) {
      if (token === '?' || token === '-' || token === '?-' || token === '-?') {
        return { ok: false, reason: `"${token}" needs a term right after it, such as ?ERROR or -DEBUG.` };
      }
    }
  }
  return { ok: true, pattern };
}

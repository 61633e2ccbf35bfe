/*
 * CloudWatch Logs' filter pattern syntax for unstructured events ("Filter pattern syntax for metric
 * filters, subscription filters, filter log events, and Live Tail"): terms match case-sensitively
 * anywhere in the message; several terms must all match; a quoted phrase matches as written; `?term`
 * matches when any of the `?` terms does; `-term` excludes events that contain it. JSON (`{ ... }`),
 * space-delimited (`[ ... ]`) and regular expression (`%...%`) patterns are not emulated: they are
 * refused with InvalidParameterException naming the limit.
 */

export interface FilterPattern {
  readonly all: readonly string[];
  readonly any: readonly string[];
  readonly none: readonly string[];
}

/** Reads a pattern; a string is the reason it cannot be used. An empty pattern matches every event. */
export function parseFilterPattern(text: string): FilterPattern | string {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  const trimmed = text.trim();
  if (/^[{[%]/.test(trimmed)) {
    return 'The emulator supports only unstructured filter patterns (terms, "quoted phrases", ?term, -term); JSON, space-delimited and regular expression patterns are not emulated.';
  }
  let index = 0;
  while (index < trimmed.length) {
    while (index < trimmed.length && /\s/.test(trimmed[index])) index++;
    if (index >= trimmed.length) break;
    let list = all;
    if (trimmed[index] === '?') {
      list = any;
      index++;
    } else if (trimmed[index] === '-' && index + 1 < trimmed.length && !/\s/.test(trimmed[index + 1])) {
      list = none;
      index++;
    }
    let term = '';
    if (trimmed[index] === '"') {
      const end = trimmed.indexOf('"', index + 1);
      if (end < 0) return 'Invalid filter pattern: a quoted phrase has no closing quote.';
      term = trimmed.slice(index + 1, end);
      index = end + 1;
    } else {
      while (index < trimmed.length && !/\s/.test(trimmed[index])) term += trimmed[index++];
    }
    if (term.length > 0) list.push(term);
  }
  return { all, any, none };
}

export function matchesFilter(pattern: FilterPattern, message: string): boolean {
  if (!pattern.all.every((term) => message.includes(term))) return false;
  if (pattern.any.length > 0 && !pattern.any.some((term) => message.includes(term))) return false;
  return !pattern.none.some((term) => message.includes(term));
}

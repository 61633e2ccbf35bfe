/**
 * What the exporters never write raw. Names and values come from the account, so they may hold any
 * character: a line break other than `\n` (`\r`, `\v`, `\f`, U+0085, U+2028, U+2029) ends a YAML 1.1
 * comment or folds a YAML string (PyYAML, which the AWS CLI uses, reads all of them as line breaks),
 * an editor shows it as a new line or offers to remove it, and VS Code turns a lone `\r` into the
 * document's line ending. Other control characters are not valid YAML, a NUL is not valid Python source,
 * and bidirectional controls make code read differently from what it does. Every exporter writes
 * these as escapes inside strings and visibly (`\u2028`) in comments.
 */

/** Line breaks, as YAML 1.1, Unicode and editors count them. */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const lineBreaks = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;

/**
 * Every character written only as an escape: C0 controls, DEL and the C1 controls, the Unicode line and
 * paragraph separators, bidirectional controls, the byte order mark, the non-characters U+FFFE/U+FFFF,
 * and surrogates that are not part of a pair.
 */
export const unsafeCharacters =
  // eslint-disable-next-line no-control-regex -- control characters are what it matches
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The unsafe characters JSON.stringify leaves raw in a string (it escapes C0 controls and lone
 * surrogates itself). Outside strings JSON text is ASCII, so escaping them anywhere in it is safe.
 */
const rawInJson = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;

/** `\u2028`: a character as a four-digit escape, which JSON, YAML, Python and JavaScript all read. */
export function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** JSON.stringify with every unsafe character escaped. Its strings are also valid YAML and Python string literals. */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(rawInJson, unicodeEscape);
}

/** Text for a `#` comment: line breaks become spaces, other unsafe characters visible escapes. */
export function commentText(text: string): string {
  return text.replace(lineBreaks, ' ').replace(unsafeCharacters, unicodeEscape);
}
